"""Seed the risk rules admins edit, and a few canned responses for counselors."""

from django.db import migrations

from crisis.migrations._rules_2026_11_21 import RULES as DEFAULT_RULES

CANNED = [
    (
        "Welcome",
        "Hi, I'm a crisis counselor here. I'm glad you reached out. What's happening for you right now?",
    ),
    (
        "Safety now",
        "Are you safe right now? Is there anything near you that you could use to hurt yourself?",
    ),
    (
        "Breathing",
        "Let's slow down together for a moment: breathe in for four, hold for four, out for six.",
    ),
    (
        "988",
        "You can also call or text 988 at any time, day or night. They're there for exactly this.",
    ),
    ("Still here", "I'm still here with you. Take all the time you need."),
]


def seed(apps, schema_editor):
    RiskRule = apps.get_model("crisis", "RiskRule")
    CannedResponse = apps.get_model("crisis", "CannedResponse")
    RiskRule.objects.bulk_create(
        RiskRule(category=category, level=level, pattern=pattern)
        for category, level, pattern in DEFAULT_RULES
        # The field held 300 characters until 0004; 0005 adds the longer defaults.
        if len(pattern) <= 300
    )
    CannedResponse.objects.bulk_create(
        CannedResponse(title=title, text=text, position=i) for i, (title, text) in enumerate(CANNED)
    )


def unseed(apps, schema_editor):
    apps.get_model("crisis", "RiskRule").objects.all().delete()
    apps.get_model("crisis", "CannedResponse").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("crisis", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
