"""Notifications move from communities to the platform: every app sends them, and crisis,
which sits below communities, must too. Only Django's idea of the model moves; the table,
its rows and its index stay as they are (communities 0010 lets go of it)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("peersupport", "0003_staff_audit_daily_metrics_and_join_date_index"),
        ("communities", "0009_member_settings_anniversary_mute_month"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("kind", models.CharField(max_length=40)),
                        ("text", models.CharField(max_length=200)),
                        ("url", models.CharField(blank=True, max_length=300)),
                        (
                            "created_at",
                            models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                        ),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("digest_pending", models.BooleanField(default=False)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notifications",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "communities_notification",
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(
                                fields=["user", "read_at"], name="communities_user_id_67dc7b_idx"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
