from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile_edit, name="profile"),
    path("profile/delete/", views.profile_delete, name="profile_delete"),
    path("ask/", views.request_new, name="request_new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path(
        "requests/<int:pk>/pick/<int:suggestion_id>/",
        views.suggestion_pick,
        name="pick",
    ),
    path("requests/<int:pk>/cancel/", views.request_cancel, name="request_cancel"),
    path("supporter/", views.supporter_home, name="supporter_home"),
    path("supporter/profile/", views.supporter_profile_edit, name="supporter_profile"),
    path(
        "supporter/profile/delete/",
        views.supporter_profile_delete,
        name="supporter_profile_delete",
    ),
    path("supporter/readiness/", views.readiness, name="readiness"),
    path("supporter/asks/<int:pk>/", views.ask_detail, name="ask"),
    path("supporter/asks/<int:pk>/answer/", views.ask_answer, name="ask_answer"),
    path("conversations/<int:pk>/", views.conversation, name="conversation"),
    path("conversations/<int:pk>/end/", views.conversation_end, name="conversation_end"),
    path("conversations/<int:pk>/block/", views.block, name="block"),
    path("conversations/<int:pk>/report/", views.report, name="report"),
    path("conversations/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("manage/", views.manage, name="manage"),
    path("manage/supporters/<int:pk>/verify/", views.manage_verify, name="manage_verify"),
    path(
        "manage/reports/<int:pk>/resolve/",
        views.manage_report_resolve,
        name="manage_report_resolve",
    ),
]
