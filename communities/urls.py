from django.urls import path

from communities import views

app_name = "communities"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("manage/new/", views.group_new, name="group_new"),
    path("manage/<slug:slug>/edit/", views.group_edit, name="group_edit"),
    path("settings/", views.member_settings, name="settings"),
    path("notifications/", views.notifications, name="notifications"),
    path("resources/", views.resources, name="resources"),
    path("hope/", views.hope, name="hope"),
    path("hope/review/", views.hope_review, name="hope_review"),
    path("invite/<str:token>/", views.join_by_invite, name="invite"),
    path("<slug:slug>/", views.group_home, name="group"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/requests/", views.requests, name="requests"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/search/", views.group_search, name="search"),
    path("<slug:slug>/threads/new/", views.thread_new, name="thread_new"),
    path("<slug:slug>/threads/<int:thread_id>/", views.thread_detail, name="thread"),
    path(
        "<slug:slug>/threads/<int:thread_id>/follow/",
        views.thread_preference,
        {"what": "follow"},
        name="thread_follow",
    ),
    path(
        "<slug:slug>/threads/<int:thread_id>/mute/",
        views.thread_preference,
        {"what": "mute"},
        name="thread_mute",
    ),
    path("<slug:slug>/posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("<slug:slug>/posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("<slug:slug>/posts/<int:post_id>/react/", views.post_react, name="post_react"),
    path("<slug:slug>/meetings/", views.meetings, name="meetings"),
    path("<slug:slug>/meetings/new/", views.meeting_new, name="meeting_new"),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/call-off/",
        views.meeting_call_off,
        name="meeting_call_off",
    ),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/rsvp/",
        views.meeting_rsvp,
        {"going": True},
        name="meeting_rsvp",
    ),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/cancel/",
        views.meeting_rsvp,
        {"going": False},
        name="meeting_cancel",
    ),
]
