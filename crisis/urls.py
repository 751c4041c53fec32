from django.urls import path

from crisis import views

app_name = "crisis"

urlpatterns = [
    path("help/", views.help_now, name="help_now"),
    path("chat/<int:escalation_id>/", views.chat, name="chat"),
    path("chat/<int:escalation_id>/send/", views.chat_send, name="chat_send"),
    path("chat/<int:escalation_id>/leave/", views.leave, name="leave"),
    path("chat/<int:escalation_id>/survey/", views.survey, name="survey"),
    path("chat/<int:escalation_id>/transfer/", views.transfer, name="transfer"),
    path("chat/<int:escalation_id>/close/", views.close, name="close"),
    path("console/", views.console, name="console"),
    path("console/duty/", views.duty, name="duty"),
    path("console/<int:escalation_id>/claim/", views.claim, name="claim"),
]
