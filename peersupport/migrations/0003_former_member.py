"""The one "former member" account that kept posts and anonymised records point at.

Created here so the display name is taken before anyone can sign up with it.
"""

from django.contrib.auth.hashers import make_password
from django.db import migrations

FORMER_MEMBER_EMAIL = "former-member@peersupport.invalid"
FORMER_MEMBER_NAME = "former member"


def create(apps, schema_editor):
    User = apps.get_model("peersupport", "User")
    if not User.objects.filter(email=FORMER_MEMBER_EMAIL).exists():
        User.objects.create(
            email=FORMER_MEMBER_EMAIL,
            display_name=FORMER_MEMBER_NAME,
            password=make_password(None),  # unusable: nobody can sign in as it
            is_active=False,
        )


class Migration(migrations.Migration):
    dependencies = [("peersupport", "0002_export_job")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
