"""Add the default risk rules written since 0002 (and those too long for its field).

Rules admins already have are left as they are; only patterns not yet present are added.
"""

from django.db import migrations

from crisis.migrations._rules_2026_11_21 import RULES as DEFAULT_RULES


def add_missing(apps, schema_editor):
    RiskRule = apps.get_model("crisis", "RiskRule")
    present = set(RiskRule.objects.values_list("pattern", flat=True))
    RiskRule.objects.bulk_create(
        RiskRule(category=category, level=level, pattern=pattern)
        for category, level, pattern in DEFAULT_RULES
        if pattern not in present
    )


class Migration(migrations.Migration):
    dependencies = [("crisis", "0004_longer_risk_patterns")]

    operations = [migrations.RunPython(add_missing, migrations.RunPython.noop)]
