"""The two hotlines every member should find from the first day."""

from django.db import migrations

HOTLINES = (
    {
        "name": "988 Suicide & Crisis Lifeline",
        "phone": "988",
        "text_number": "988",
        "url": "https://988lifeline.org/",
        "description": "Free and confidential support for people in distress, any hour of "
        "any day. Call or text 988.",
        "region": "United States",
        "category": "hotline",
        "languages": "English, Spanish",
    },
    {
        "name": "Disaster Distress Helpline",
        "phone": "1-800-985-5990",
        "text_number": "1-800-985-5990",
        "url": "https://www.samhsa.gov/find-help/disaster-distress-helpline",
        "description": "Crisis counseling and support for anyone in distress after a "
        "disaster or mass violence, any hour of any day. Call or text.",
        "region": "United States",
        "category": "hotline",
        "languages": "English, Spanish",
    },
)


def add_hotlines(apps, schema_editor):
    Resource = apps.get_model("communities", "Resource")
    for line in HOTLINES:
        Resource.objects.get_or_create(name=line["name"], defaults=line)


def remove_hotlines(apps, schema_editor):
    Resource = apps.get_model("communities", "Resource")
    Resource.objects.filter(name__in=[line["name"] for line in HOTLINES]).delete()


class Migration(migrations.Migration):
    dependencies = [("communities", "0003_groups_threads_meetings")]

    operations = [migrations.RunPython(add_hotlines, remove_hotlines)]
