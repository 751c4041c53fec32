from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from peersupport import account_views, pwa, views

# Django admin's own password form skipped the MFA code and had no limit on failures:
# it hands over to the site's login, which asks for the code and is rate-limited.
# (Before urlpatterns: admin.site.urls reads admin.site.login when it is built.)
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.get_help, name="get_help"),
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", pwa.manifest, name="pwa_manifest"),
    path("sw.js", pwa.service_worker, name="pwa_service_worker"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/", include("peersupport.console_urls")),
    path("staff/crisis/", include("crisis.console_urls")),
    path("staff/community/", include("communities.console_urls")),
    path("staff/moderation/", include("moderation.console_urls")),
    path("settings/", account_views.account_settings, name="account_settings"),
    path(
        "settings/sessions/<int:session_id>/end/",
        account_views.session_end,
        name="account_session_end",
    ),
    path(
        "settings/sessions/end-others/",
        account_views.sessions_end_others,
        name="account_sessions_end_others",
    ),
    path("settings/export/", account_views.export_request, name="account_export_request"),
    path("settings/export/<uuid:job_id>/", account_views.export_status, name="account_export"),
    path(
        "settings/export/<uuid:job_id>/download/",
        account_views.export_download,
        name="account_export_download",
    ),
    path("settings/delete/", account_views.account_delete, name="account_delete"),
    path("goodbye/", account_views.account_deleted, name="account_deleted"),
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
