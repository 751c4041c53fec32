from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from peersupport import views

# Django admin's own password form skipped the MFA code and had no limit on failures:
# it hands over to the site's login, which asks for the code and is rate-limited.
# (Before urlpatterns: admin.site.urls reads admin.site.login when it is built.)
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.get_help, name="get_help"),
    path("healthz", views.healthz, name="healthz"),
    path("staff/", views.staff_home, name="staff_home"),
    path("accounts/", include("allauth.urls")),
    path("accounts/sessions/", include("allauth.usersessions.urls")),
    path("groups/", include("communities.urls")),
    path("moderation/", include("moderation.urls")),
    path("crisis/", include("crisis.urls")),
    path("peers/", include("matching.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "peersupport administration"
admin.site.site_title = "peersupport admin"
