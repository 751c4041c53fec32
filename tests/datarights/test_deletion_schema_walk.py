"""Deleting an account leaves nothing that points at the person or holds their words.

The walk covers every foreign key, one-to-one and many-to-many to the user model in every
installed app, and every field a datarights module marks personal. A new relation to the user
that no datarights module handles fails the first test: add it to that app's datarights.py.
"""

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from crisis.models import ChatMessage, Escalation, State
from matching.models import Match, Message
from peersupport import datarights
from peersupport.models import User
from peersupport.services import account_erase
from tests.datarights.conftest import KEPT, PRIVATE

EMPTY = (None, "", [], {})


def test_every_relation_to_a_person_is_handled_by_a_datarights_module():
    assert datarights.unhandled_user_relations() == []


def test_a_relation_missing_from_its_module_is_named(monkeypatch):
    import crisis.datarights

    trimmed = tuple(n for n in crisis.datarights.USER_FIELDS if n != "crisis.ChatMessage.author")
    monkeypatch.setattr(crisis.datarights, "USER_FIELDS", trimmed)
    assert datarights.unhandled_user_relations() == ["crisis.ChatMessage.author"]


def test_declared_fields_exist():
    relations = {r.name for r in datarights.user_relations()}
    assert datarights.declared_user_fields() <= relations
    for label, names in datarights.personal_fields().items():
        model = apps.get_model(label)
        for name in names:
            model._meta.get_field(name)


def _personal_rows(user) -> dict:
    """{model label: {pk: {field: value}}} for rows pointing at `user` with personal values."""
    personal = datarights.personal_fields()
    found: dict[str, dict] = {}
    for relation in datarights.user_relations():
        label = relation.query_model._meta.label
        if label not in personal:
            continue
        rows = relation.query_model._base_manager.filter(**{relation.lookup: user.pk}).values(
            "pk", *personal[label]
        )
        for row in rows:
            found.setdefault(label, {})[row.pop("pk")] = row
    user_row = User.objects.filter(pk=user.pk).values(*personal["peersupport.User"]).get()
    found["peersupport.User"] = {user.pk: user_row}
    return found


def _columns_containing(needle: str) -> list[str]:
    """Every text-like column, in every table, that still holds `needle`."""
    hits = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            manager = model._base_manager
            if isinstance(field, models.JSONField):
                rows = manager.annotate(_as_text=Cast(field.name, models.TextField())).filter(
                    _as_text__icontains=needle
                )
            elif isinstance(field, (models.CharField, models.TextField)):
                rows = manager.filter(**{f"{field.name}__icontains": needle})
            else:
                continue
            if rows.exists():
                hits.append(f"{model._meta.label}.{field.name}")
    return hits


def _pointing_at(user_pk: int) -> list[str]:
    return [
        r.name
        for r in datarights.user_relations()
        if r.query_model._base_manager.filter(**{r.lookup: user_pk}).exists()
    ]


@pytest.mark.parametrize("keep_posts", [False, True], ids=["posts-removed", "posts-kept"])
def test_deleting_an_account_leaves_no_personal_data(world, keep_posts, settings):
    mara = world.mara
    mara_pk, email, pseudonym = mara.pk, mara.email, mara.display_name
    before = _pointing_at(mara_pk)
    # Mara has data in every app that stores anything about a person.
    for expected in [
        "account.EmailAddress.user",
        "mfa.Authenticator.user",
        "usersessions.UserSession.user",
        "peersupport.RoleGrant.user",
        "peersupport.ExportJob.user",
        "communities.Membership.user",
        "communities.Post.author",
        "communities.Reaction.user",
        "communities.ThreadPreference.user",
        "communities.MemberSettings.user",
        "communities.Rsvp.user",
        "communities.NoteOfHope.author",
        "peersupport.Notification.user",
        "matching.ExperienceProfile.user",
        "matching.AnniversaryCheckin.user",
        "matching.MatchRequest.member",
        "matching.Match.member",
        "matching.Message.author",
        "matching.Block.member",
        "matching.Report.reporter",
        "matching.Report.reported",
        "matching.Feedback.author",
        "crisis.Escalation.member",
        "crisis.ChatMessage.author",
    ]:
        assert expected in before
    personal_before = _personal_rows(mara)
    for needle in (PRIVATE, KEPT, mara.email, mara.display_name):
        assert _columns_containing(needle), needle  # the scan can see it before

    account_erase(user=mara, keep_posts=keep_posts)

    assert _pointing_at(mara_pk) == []
    assert not User.objects.filter(pk=mara_pk).exists()
    kept = datarights.kept_when_posts_kept() if keep_posts else {}
    for label, rows in personal_before.items():
        model = apps.get_model(label)
        for pk, values in rows.items():
            now = model._base_manager.filter(pk=pk).values(*values).first()
            if now is None:
                continue
            for name, old in values.items():
                if old in EMPTY or name in kept.get(label, []):
                    continue
                assert now[name] in EMPTY, f"{label}.{name} of row {pk} survived"
    for needle in (PRIVATE, email, pseudonym):
        assert _columns_containing(needle) == [], needle
    if keep_posts:
        assert set(_columns_containing(KEPT)) <= {
            "communities.Post.body",
            "communities.Post.body_html",
            "communities.Post.cw_label",
            "communities.Thread.title",
            "communities.NoteOfHope.body",
        }
    else:
        assert _columns_containing(KEPT) == []


def test_what_others_wrote_stays_and_names_no_one(world, client, with_mfa):
    sam = with_mfa(world.sam)
    account_erase(user=world.mara, keep_posts=True)
    former = datarights.former_member()
    # Sam's side of the conversation is his; Mara's messages are gone.
    match = Match.objects.get(pk=world.match.pk)
    assert match.member == former and match.status == Match.Status.ENDED
    assert list(Message.objects.filter(match=match).values_list("author", flat=True)) == [sam.pk]
    assert sam.notifications.filter(text__startswith="The person you were talking with").exists()
    # Kept posts read as written by a former member, as for people who left the group.
    client.force_login(sam)
    page = client.get(world.mara_thread.get_absolute_url())
    assert page.status_code == 200
    assert b"former member" in page.content
    assert KEPT.encode() in page.content


def test_removed_posts_leave_their_place_and_lone_threads_go(world, client, with_mfa):
    with_mfa(world.sam)
    account_erase(user=world.mara, keep_posts=False)
    assert not type(world.lone_thread).objects.filter(pk=world.lone_thread.pk).exists()
    thread = type(world.mara_thread).objects.get(pk=world.mara_thread.pk)
    assert thread.title == "Removed by its author"
    client.force_login(world.sam)
    page = client.get(thread.get_absolute_url())
    assert page.status_code == 200
    assert b"Sam is here with you." in page.content


def test_crisis_records_keep_only_what_the_retention_policy_requires(world):
    account_erase(user=world.mara, keep_posts=False)
    former = datarights.former_member()
    closed = Escalation.objects.get(pk=world.closed_escalation.pk)
    assert closed.member == former
    assert (closed.state, closed.trigger, closed.risk_level, closed.disposition) == (
        State.CLOSED,
        "post",
        "high",
        "safety_plan",
    )
    assert closed.claimed_at is not None and closed.closed_at is not None
    assert closed.counselor == world.cora  # the counselor's own record of work stays
    assert not ChatMessage.objects.filter(escalation=closed).exists()
    assert not hasattr(closed, "survey") or closed.survey is None
    # The live one was ended: nobody is left waiting on a chat that cannot happen.
    waiting = Escalation.objects.get(pk=world.open_escalation.pk)
    assert waiting.state == State.ABANDONED


def test_retention_zero_deletes_crisis_records_with_the_account(world, settings):
    settings.RETENTION_CRISIS_RECORD_DAYS = 0
    account_erase(user=world.mara, keep_posts=False)
    assert not Escalation.objects.filter(
        pk__in=[world.closed_escalation.pk, world.open_escalation.pk]
    ).exists()


def test_the_former_member_account_cannot_sign_in_or_be_deleted(db):
    former = datarights.former_member()
    assert not former.is_active and not former.has_usable_password()
    with pytest.raises(ValueError):
        account_erase(user=former, keep_posts=False)


def test_a_counselor_who_deletes_their_account_hands_live_chats_back_to_the_queue(
    member, counselor, with_mfa, django_capture_on_commit_callbacks
):
    from crisis import services as crisis

    with_mfa(counselor)
    crisis.counselor_duty_set(counselor=counselor, on_duty=True)
    with django_capture_on_commit_callbacks(execute=False):
        escalation = crisis.escalation_open(member=member, trigger="button")
        crisis.escalation_claim(escalation_id=escalation.pk, counselor=counselor)
        crisis.escalation_activate(escalation_id=escalation.pk, counselor=counselor)
        account_erase(user=counselor, keep_posts=False)
    escalation.refresh_from_db()
    assert escalation.state == State.OPEN and escalation.counselor is None
    assert escalation.member == member
