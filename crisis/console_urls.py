from django.urls import path

from crisis import console_views as views

app_name = "crisis_console"

urlpatterns = [
    path("risk-rules/", views.risk_rules, name="risk_rules"),
    path("risk-rules/new/", views.risk_rule_edit, name="risk_rule_new"),
    path("risk-rules/<int:pk>/", views.risk_rule_edit, name="risk_rule_edit"),
    path("canned/", views.canned_responses, name="canned"),
    path("canned/<int:pk>/", views.canned_response_edit, name="canned_edit"),
    path("shifts/", views.shifts, name="shifts"),
    path("shifts/<int:pk>/remove/", views.shift_remove, name="shift_remove"),
]
