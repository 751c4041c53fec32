from django.contrib import admin
from django.urls import include, path

from peersupport import views

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.get_help, name="get_help"),
    path("healthz", views.healthz, name="healthz"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/", include("peersupport.console_urls")),
    path("staff/crisis/", include("crisis.console_urls")),
    path("staff/community/", include("communities.console_urls")),
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
