from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("entries/<int:entry_id>/", views.entry_detail, name="entry"),
    path("entries/<int:entry_id>/claim/", views.entry_claim, name="claim"),
    path("entries/<int:entry_id>/release/", views.entry_release, name="release"),
    path("entries/<int:entry_id>/act/", views.entry_act, name="act"),
    path("break/", views.take_break, name="take_break"),
    path("step-back/", views.step_back, name="step_back"),
    path("audit/", views.audit, name="audit"),
    path("groups/<slug:slug>/members/<int:user_id>/", views.member, name="member"),
    path("appeals/", views.appeals, name="appeals"),
    path("appeals/<int:appeal_id>/decide/", views.appeal_decide, name="appeal_decide"),
    path("flag/<int:post_id>/", views.flag, name="flag"),
    path("posts/<int:post_id>/review/", views.post_review, name="post_review"),
    path("decisions/<int:audit_id>/", views.my_decision, name="my_decision"),
    path("messages/<int:message_id>/", views.care_message, name="care_message"),
]
