from django.urls import path

from peersupport import console_views as views

app_name = "console"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/role/", views.person_role, name="person_role"),
    path("people/<int:pk>/suspend/", views.person_suspend, name="person_suspend"),
    path("audit/", views.audit, name="audit"),
    path("metrics/", views.metrics_dashboard, name="metrics"),
    path("metrics/<slug:key>.csv", views.metrics_csv, name="metrics_csv"),
]
