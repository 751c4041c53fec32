"""The anniversary mute becomes data communities owns: the month, copied from the matching
profiles that asked for it. Uses the historical models only."""

from django.db import migrations, models


def copy_from_profiles(apps, schema_editor):
    ExperienceProfile = apps.get_model("matching", "ExperienceProfile")
    MemberSettings = apps.get_model("communities", "MemberSettings")
    wanted = ExperienceProfile.objects.filter(anniversary_mute=True, event_date__isnull=False)
    for user_id, event_date in wanted.values_list("user_id", "event_date"):
        MemberSettings.objects.update_or_create(
            user_id=user_id, defaults={"anniversary_mute_month": event_date.month}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0008_group_archive_and_membership_date_indexes"),
        ("matching", "0002_risk_scored_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="membersettings",
            name="anniversary_mute_month",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(copy_from_profiles, migrations.RunPython.noop),
    ]
