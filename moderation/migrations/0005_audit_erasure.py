"""The audit log stays append-only, with one narrow door: when a person erases their
account, the rows about them are re-pointed at the former-member account and lose their
free text. Only `moderation/datarights.py` opens it (`SET LOCAL peersupport.erasing`), and
even then the action, target, group, entry and time of every row cannot change.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION moderation_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('peersupport.erasing', true) = 'on'
       AND NEW.id = OLD.id
       AND NEW.action = OLD.action
       AND NEW.target_type = OLD.target_type
       AND NEW.target_id IS NOT DISTINCT FROM OLD.target_id
       AND NEW.group_id IS NOT DISTINCT FROM OLD.group_id
       AND NEW.entry_id IS NOT DISTINCT FROM OLD.entry_id
       AND NEW.created_at = OLD.created_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'moderation_auditentry is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""

STRICT = """
CREATE OR REPLACE FUNCTION moderation_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'moderation_auditentry is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STRICT, params=None)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0004_care_message")]

    operations = [migrations.RunPython(forwards, backwards)]
