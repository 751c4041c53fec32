from django.urls import path

from communities import console_views as views

app_name = "communities_console"

urlpatterns = [
    path("groups/", views.groups, name="groups"),
    path("groups/<int:pk>/archive/", views.group_archive, name="group_archive"),
    path("resources/", views.resources, name="resources"),
    path("resources/<int:pk>/", views.resource_edit, name="resource_edit"),
]
