"""Add the default risk rules of the third to sixth widenings (2026-11-21) to databases
that have rules already. As in 0005: rules admins have are left as they are; only patterns
not yet present are added."""

from importlib import import_module

from django.db import migrations

add_missing = import_module("crisis.migrations.0005_add_newer_default_rules").add_missing


class Migration(migrations.Migration):
    dependencies = [("crisis", "0006_shift_roster_and_escalation_date_index")]

    operations = [migrations.RunPython(add_missing, migrations.RunPython.noop)]
