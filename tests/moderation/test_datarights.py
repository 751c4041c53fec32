"""Erasing an account leaves moderation's record of what happened, without the person."""

import pytest
from django.db import connection, transaction

from communities.services import post_create
from moderation import services
from moderation.models import (
    Appeal,
    AuditEntry,
    CareMessage,
    Flag,
    MemberNote,
    Mute,
    QueueEntry,
)
from peersupport import datarights
from peersupport.services import account_erase

pytestmark = pytest.mark.django_db

WORDS = "Private words about my brother, never to outlive me."


@pytest.fixture
def mara_in_moderation(thread, member, membership, supporter, trusted, group):
    """Mara was held, decided on, muted, flagged someone, appealed, got a note and a message."""
    post = post_create(thread=thread, author=member, body=WORDS, cw_label="")
    entry = QueueEntry.objects.get(post=post)
    services.entry_claim(entry_id=entry.pk, moderator=supporter)
    services.post_moderate(entry_id=entry.pk, moderator=supporter, action="approve", reason=WORDS)
    care_entry = services.post_review_open(post=post, moderator=supporter)
    services.entry_claim(entry_id=care_entry.pk, moderator=supporter)
    services.care_message_send(entry_id=care_entry.pk, moderator=supporter, body="Thinking of you.")
    services.member_mute(entry_id=care_entry.pk, moderator=supporter, days=1, reason="Cool-off.")
    audit = AuditEntry.objects.filter(subject=member, action="member_mute").first()
    services.appeal_create(audit_id=audit.pk, member=member, message=WORDS)
    services.member_note_add(group=group, member=member, author=supporter, body="Mornings.")
    their_post = post_create(thread=thread, author=trusted, body="A calm day.", cw_label="")
    services.flag_create(post=their_post, flagger=member, reason="other", note=WORDS)
    return post


def test_every_moderation_relation_to_a_person_is_declared():
    assert [n for n in datarights.unhandled_user_relations() if n.startswith("moderation.")] == []


def test_erasing_a_member_keeps_the_record_but_not_the_person(
    mara_in_moderation, member, supporter
):
    assert AuditEntry.objects.filter(subject=member).exists()
    assert "Private words" in str(datarights.export_all(member)["moderation"])
    mara_pk = member.pk

    account_erase(user=member, keep_posts=False)

    former = datarights.former_member()
    assert not AuditEntry.objects.filter(subject_id=mara_pk).exists()
    kept = AuditEntry.objects.filter(subject=former)
    assert kept.exists()  # what supporters did is still on record
    assert all(row.reason == "" and row.before == {} and row.after == {} for row in kept)
    assert not Mute.objects.filter(user_id=mara_pk).exists()
    assert not Appeal.objects.filter(appellant_id=mara_pk).exists()
    assert not MemberNote.objects.filter(member_id=mara_pk).exists()
    assert not CareMessage.objects.filter(recipient_id=mara_pk).exists()
    flag = Flag.objects.get(flagger=former)  # the other post keeps its flag count
    assert flag.note == ""
    assert not AuditEntry.objects.filter(reason__contains="Private words").exists()


def test_a_supporter_who_leaves_releases_claims_and_their_actions_stay_anonymous(
    mara_in_moderation, supporter, member
):
    open_entry = services.post_review_open(post=mara_in_moderation, moderator=supporter)
    services.entry_claim(entry_id=open_entry.pk, moderator=supporter)
    account_erase(user=supporter, keep_posts=True)
    former = datarights.former_member()
    open_entry.refresh_from_db()
    assert open_entry.claimed_by is None  # someone else can take it at once
    assert AuditEntry.objects.filter(actor=former, action="post_approve").exists()
    assert not MemberNote.objects.exists()


def test_the_audit_log_still_refuses_every_ordinary_change_after_an_erasure(
    mara_in_moderation, member
):
    account_erase(user=member, keep_posts=False)
    row = AuditEntry.objects.first()
    rewrite = "UPDATE moderation_auditentry SET reason = 'rewritten' WHERE id = %s"
    relabel = "UPDATE moderation_auditentry SET action = 'nothing' WHERE id = %s"
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(rewrite, [row.pk])
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET LOCAL peersupport.erasing = 'on'")
        cursor.execute(relabel, [row.pk])  # even the erasure door cannot change what happened
