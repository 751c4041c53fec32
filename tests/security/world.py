"""One small world with every kind of private thing in it, for the authorisation matrix.

The eleven roles of issue 8, each one person:

    anon        nobody signed in
    outsider    Olly, a member of another group ("Parents Circle")
    pending     Pia, waiting for approval (her screening answers are private)
    member      Mara, an active member; she owns the personal things below
    removed     Rex, removed from the group
    sup_other   Tess, peer supporter of the other group
    sup_here    Sam, peer supporter of this group, and Mara's matched peer
    counselor   Cora, crisis counselor holding Mara's crisis chat
    supervisor  Sia, crisis supervisor
    admin       Ada, admin (superuser) with MFA
    nomfa       Nell, admin (superuser) who has not set up MFA yet

Every private thing carries a canary: a string that must appear in no response (page or
websocket frame) to a role outside its audience (`CANARIES`).
"""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import time, timedelta
from importlib import import_module

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from communities.models import Membership, NoteOfHope, Post, Resource
from communities.services import (
    group_create,
    group_invite_renew,
    meeting_schedule,
    membership_request,
    post_create,
    thread_create,
)
from crisis import services as crisis_services
from crisis.detection import DEFAULT_RULES
from crisis.models import CannedResponse, ChatMessage, RiskLevel, RiskRule, Shift, Trigger
from matching import services as matching_services
from matching.choices import encode_list
from matching.models import ExperienceProfile, SupporterProfile
from moderation.models import AuditEntry, QueueEntry, WatchedPhrase
from moderation.services import (
    appeal_create,
    care_message_send,
    flag_create,
    member_note_add,
    post_moderate,
    post_review_open,
)
from peersupport import datarights
from peersupport.models import ExportJob
from tests.factories import UserFactory

ROLES = (
    "anon",
    "outsider",
    "pending",
    "member",
    "removed",
    "sup_other",
    "sup_here",
    "counselor",
    "supervisor",
    "admin",
    "nomfa",
)

# canary -> the roles that may read it somewhere. Anyone else seeing it is a leak.
CANARIES = {
    # a post in the private group
    "CanaryPrivatePost7q": {"member", "sup_here", "admin"},
    # the person behind an anonymous post (display name and email)
    "CanaryQuillAnon": {"sup_here", "admin"},
    "quill.anon@example.org": {"admin"},
    # who flagged Mara's post
    "CanaryFlaggerFinch": {"sup_here", "admin"},
    # Mara's live crisis chat
    "CanaryCrisisChat3k": {"member", "counselor", "supervisor"},
    # Mara's one-to-one peer conversation with Sam, and her report of it
    "CanaryPeerDm5w": {"member", "sup_here"},
    "CanaryReport8x": {"member", "admin"},
    # a profile field Mara did not share (the name of the event she survived)
    "CanaryEventName2m": {"member"},
    # moderators' private note about Mara
    "CanaryModNote4z": {"sup_here", "admin"},
    # Pia's screening answer
    "CanaryScreening6v": {"pending", "sup_here", "admin"},
    # a moderator's private message of concern to Mara
    "CanaryCareMsg9n": {"member", "sup_here", "admin"},
    # Mara's email address
    "mara@example.org": {"member", "admin"},
    # Mara's other signed-in device (Django admin lists sessions with their browser)
    "CanaryPhoneSession1d": {"member", "admin"},
    # what is inside Mara's data export
    "CanaryExportFile0e": {"member"},
    # an admin's note on a risk rule
    "CanaryRiskNote3j": {"admin"},
}


@dataclass
class World:
    people: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)


def risk_rules_keep_defaults() -> None:
    """Detection uses its built-in rules only while the table is empty (a flushed test
    database). Put them in, as the migration does, before a test adds a rule of its own, so
    that rule does not silently switch detection off."""
    if not RiskRule.objects.exists():
        RiskRule.objects.bulk_create(
            RiskRule(category=category, level=level, pattern=pattern)
            for category, level, pattern in DEFAULT_RULES
        )


def export_ready(user, text: str) -> ExportJob:
    """A finished export for `user` whose archive holds `text` (stored, not deflated, so a
    scan of the download can find it)."""
    job = ExportJob.objects.create(user=user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("data.json", f'{{"note": "{text}"}}')
    name = f"exports/{user.pk}/{job.pk}.zip"
    datarights.export_file_delete(name)
    saved = datarights.export_storage().save(name, ContentFile(buffer.getvalue()))
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        state=ExportJob.State.READY,
        progress=100,
        finished_at=now,
        expires_at=now + timedelta(hours=1),
        file_name=saved,
        size=len(buffer.getvalue()),
    )
    return ExportJob.objects.get(pk=job.pk)


def build_world(with_mfa) -> World:
    """Create the people and the private things. Call inside a test database."""
    mk = UserFactory
    mara = mk(email="mara@example.org", display_name="Mara", roles=["member"])
    olly = mk(email="olly@example.org", display_name="Olly", roles=["member"])
    pia = mk(email="pia@example.org", display_name="Pia", roles=["member"])
    rex = mk(email="rex@example.org", display_name="Rex", roles=["member"])
    tess = with_mfa(mk(display_name="Tess", roles=["member", "supporter"]))
    sam = with_mfa(mk(email="sam@example.org", display_name="Sam", roles=["member", "supporter"]))
    cora = with_mfa(mk(display_name="Cora", roles=["counselor"]))
    sia = with_mfa(mk(display_name="Sia", roles=["counselor", "supervisor"]))
    ada = mk(display_name="Ada", roles=["admin"])
    nell = mk(display_name="Nell", roles=["admin"])
    for boss in (ada, nell):
        boss.is_staff = boss.is_superuser = True
        boss.save(update_fields=["is_staff", "is_superuser"])
    with_mfa(ada)
    quill = mk(email="quill.anon@example.org", display_name="CanaryQuillAnon", roles=["member"])
    finch = mk(display_name="CanaryFlaggerFinch", roles=["member"])

    group = group_create(
        name="Survivors of Mass Violence",
        description="A private group.",
        screening_questions=["What brings you here?"],
        supporters=[sam],
    )
    group_invite_renew(group=group)
    other = group_create(name="Parents Circle", supporters=[tess])
    active = Membership.State.ACTIVE
    for person in (mara, quill, finch):
        Membership.objects.create(group=group, user=person, state=active)
    Membership.objects.create(group=group, user=rex, state=Membership.State.REMOVED)
    Membership.objects.create(group=other, user=olly, state=active)
    membership_request(group=group, user=pia, answers=["CanaryScreening6v"], accepted_rules=True)

    # Sam's posts are never held; members' first posts may wait for a moderator.
    thread = thread_create(
        group=group, author=sam, title="Introductions", topic="general", body="Welcome."
    )
    private = Post.objects.create(
        thread=thread,
        author=mara,
        body="CanaryPrivatePost7q",
        body_html="<p>CanaryPrivatePost7q</p>",
    )
    anon = Post.objects.create(
        thread=thread,
        author=quill,
        is_anonymous=True,
        body="I never told anyone.",
        body_html="<p>I never told anyone.</p>",
    )
    flag_create(post=private, flagger=finch, reason="hurtful", note="")
    removed_post = post_create(thread=thread, author=mara, body="A post a moderator removes.")
    entry = post_review_open(post=removed_post, moderator=sam)
    post_moderate(entry_id=entry.pk, moderator=sam, action="remove", reason="names")
    decision = AuditEntry.objects.filter(action="post_remove").latest("pk")
    appeal = appeal_create(audit_id=decision.pk, member=mara, message="Please look again.")
    flagged_entry = QueueEntry.objects.filter(post=private).first()
    care = care_message_send(entry_id=flagged_entry.pk, moderator=sam, body="CanaryCareMsg9n")
    member_note_add(group=group, member=mara, author=sam, body="CanaryModNote4z")
    meeting = meeting_schedule(
        group=group,
        created_by=sam,
        title="Evening circle",
        starts_at=timezone.now() + timedelta(days=3),
        duration_minutes=60,
        capacity=10,
        video_url="https://meet.example.org/circle",
        facilitator=sam,
    )[0]
    NoteOfHope.objects.create(author=mara, body="It gets a little lighter.")
    resource = Resource.objects.create(name="988 Lifeline", phone="988", category="hotline")

    # Crisis: Mara pressed "Get help now"; Cora holds the chat.
    crisis_services.counselor_duty_set(counselor=cora, on_duty=True)
    escalation = crisis_services.escalation_open(member=mara, trigger=Trigger.BUTTON)
    crisis_services.escalation_claim(escalation_id=escalation.pk, counselor=cora)
    crisis_services.escalation_activate(escalation_id=escalation.pk, counselor=cora)
    crisis_services.chat_message_post(
        escalation_id=escalation.pk,
        author=mara,
        author_kind=ChatMessage.Author.MEMBER,
        body="CanaryCrisisChat3k",
    )

    # Matching: Mara asked for a peer; Sam accepted; they talk.
    ExperienceProfile.objects.create(
        user=mara,
        event_kind="shooting",
        affected="bereaved",
        event_date=timezone.now().date() - timedelta(days=500),
        event_name="CanaryEventName2m",
        topics=encode_list(["grief"]),
        languages=encode_list(["en"]),
        ways=encode_list(["chat"]),
    )
    sam_profile = SupporterProfile.objects.create(
        user=sam,
        event_kind="shooting",
        affected="bereaved",
        event_date=timezone.now().date() - timedelta(days=1700),
        topics=encode_list(["grief"]),
        languages=encode_list(["en"]),
        ways=encode_list(["chat"]),
        capacity=2,
        verified_at=timezone.now(),
        training_programme="Peer listening basics",
        readiness_confirmed_at=timezone.now(),
    )
    match_request = matching_services.match_request_create(member=mara)
    suggestion = match_request.suggestions.get(supporter=sam)
    matching_services.suggestion_pick(suggestion_id=suggestion.pk, member=mara)
    match = matching_services.suggestion_accept(suggestion_id=suggestion.pk, supporter=sam)
    matching_services.message_send(match_id=match.pk, author=mara, body="CanaryPeerDm5w")
    report = matching_services.report_create(
        match_id=match.pk, reporter=mara, text="CanaryReport8x"
    )

    # Things the staff console edits.
    phrase = WatchedPhrase.objects.create(
        pattern="everything happens for a reason", action=WatchedPhrase.Action.NUDGE
    )
    canned = CannedResponse.objects.create(title="Grounding", text="Let's breathe together.")
    shift = Shift.objects.create(counselor=cora, weekday=0, starts_at=time(9), ends_at=time(17))
    risk_rules_keep_defaults()
    risk_rule = RiskRule.objects.create(
        category=RiskRule.Category.DISTRESS,
        level=RiskLevel.CONCERN,
        pattern="canary never matches this",
        note="CanaryRiskNote3j",
    )

    # Mara's own things in her account settings: a session on another device (not the one
    # the matrix's client uses) and a finished data export.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.create()
    phone = UserSession.objects.create(
        user=mara,
        session_key=store.session_key,
        ip="203.0.113.9",
        user_agent="CanaryPhoneSession1d",
    )
    export = export_ready(mara, "CanaryExportFile0e")

    people = {
        "outsider": olly,
        "pending": pia,
        "member": mara,
        "removed": rex,
        "sup_other": tess,
        "sup_here": sam,
        "counselor": cora,
        "supervisor": sia,
        "admin": ada,
        "nomfa": nell,
    }
    ids = {
        "group": group.pk,
        "other_group": other.pk,
        "resource": resource.pk,
        "phrase": phrase.pk,
        "canned": canned.pk,
        "shift": shift.pk,
        "slug": group.slug,
        "token": group.invite_token,
        "thread_id": thread.pk,
        "post_id": private.pk,
        "anon_post_id": anon.pk,
        "meeting_id": meeting.pk,
        "entry_id": flagged_entry.pk,
        "user_id": mara.pk,
        "appeal_id": appeal.pk,
        "audit_id": decision.pk,
        "message_id": care.pk,
        "escalation_id": escalation.pk,
        "match_request": match_request.pk,
        "suggestion": suggestion.pk,
        "match": match.pk,
        "supporter_profile": sam_profile.pk,
        "report": report.pk,
        "risk_rule": risk_rule.pk,
        "mara_session": phone.pk,
        "mara_export": str(export.pk),
    }
    return World(people=people, ids=ids)
