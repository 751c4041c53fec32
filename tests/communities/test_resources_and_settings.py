"""The resource directory, notifications page, notes of hope."""

from django.urls import reverse

from communities.models import NoteOfHope, Resource
from peersupport.notifications import notification_send


def test_hotlines_are_there_from_the_first_migration(client, member):
    client.force_login(member)
    page = _listed(client.get(reverse("communities:resources")))
    assert "988 Suicide &amp; Crisis Lifeline" in page
    assert "Disaster Distress Helpline" in page
    assert "1-800-985-5990" in page


def _listed(response) -> str:
    return response.content.decode().split('class="resource-list"')[1].split("</ul>")[0]


def test_members_search_and_filter_resources(client, member):
    Resource.objects.create(
        name="Victim legal clinic",
        category="legal",
        region="Texas",
        languages="English, Spanish",
        description="Free help with compensation claims.",
    )
    client.force_login(member)
    url = reverse("communities:resources")
    page = _listed(client.get(url, {"q": "compensation"}))
    assert "Victim legal clinic" in page and "Disaster Distress" not in page
    page = _listed(client.get(url, {"category": "hotline"}))
    assert "Victim legal clinic" not in page and "Disaster Distress" in page
    page = _listed(client.get(url, {"language": "spanish", "region": "Texas"}))
    assert "Victim legal clinic" in page
    assert "Nothing matches" in client.get(url, {"q": "zzzz"}).content.decode()


def test_bell_counts_unread_and_marking_read_clears_it(client, member):
    notification_send(user=member, kind="test", text="Something happened.", url="/groups/")
    client.force_login(member)
    page = client.get(reverse("communities:notifications")).content.decode()
    assert "data-bell-count>1<" in page
    assert "Something happened." in page
    client.post(reverse("communities:notifications"))
    page = client.get(reverse("communities:notifications")).content.decode()
    assert "data-bell-count>0<" in page


def test_notes_of_hope_wait_for_a_supporter(client, member, staff):
    client.force_login(member)
    client.post(reverse("communities:hope"), {"body": "You are not alone in this."})
    note = NoteOfHope.objects.get()
    assert note.approved_at is None
    assert client.get(reverse("communities:hope_review")).status_code == 404
    client.force_login(staff["supporter"])
    page = client.get(reverse("communities:hope_review"))
    assert b"You are not alone in this." in page.content
    client.post(reverse("communities:hope_review"), {"note": note.pk})
    note.refresh_from_db()
    assert note.approved_by == staff["supporter"]


def test_home_and_nav_link_to_the_directory(client):
    page = client.get(reverse("home")).content.decode()
    assert reverse("communities:directory") in page


def test_seed_demo_builds_a_living_group_twice_without_trouble(db, settings):
    from django.core.management import call_command

    from communities.models import Group, Meeting, Thread

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    group = Group.objects.get(name="Survivors of Mass Violence")
    assert group.screening_questions
    assert Thread.objects.filter(group=group).count() == 1
    assert Meeting.objects.filter(group=group).count() == 3


def test_member_sees_their_hidden_group_under_your_groups(client, member, hidden_group):
    from communities.models import Membership

    Membership.objects.create(group=hidden_group, user=member, state="active")
    client.force_login(member)
    page = client.get(reverse("communities:directory")).content.decode()
    assert "Your groups" in page and "Parents of Riverside" in page
