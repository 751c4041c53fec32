from django.urls import path

from moderation import console_views as views

app_name = "moderation_console"

urlpatterns = [
    path("phrases/", views.phrases, name="phrases"),
    path("phrases/new/", views.phrase_edit, name="phrase_new"),
    path("phrases/<int:pk>/", views.phrase_edit, name="phrase_edit"),
]
