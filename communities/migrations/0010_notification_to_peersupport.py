"""communities lets go of Notification (peersupport 0004 took it); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0009_member_settings_anniversary_mute_month"),
        ("peersupport", "0004_notification_from_communities"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Notification")],
        ),
    ]
