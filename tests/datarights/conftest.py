"""Mara with data in every app, and the people around her.

Mara (`member`) joined a group (answering its questions), started two threads (one Sam
replied to), replied to Sam, reacted, muted a thread, changed her filters, signed up for a
meeting, wrote a note of hope, has an experience profile, asked for a peer and talks with Sam
(`supporter`), reported and blocked someone, left feedback, had a crisis chat with Cora
(`counselor`, transferred with a note, closed with notes and a survey) and has a second one
waiting; she has a TOTP authenticator, a recorded session and an old export.

Everything Mara wrote carries PRIVATE (or KEPT, for posts she may choose to keep), so a scan
of every text column finds any leftover.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.usersessions.models import UserSession
from django.utils import timezone

from communities import services as communities
from communities.models import Group, Thread
from crisis import services as crisis
from crisis.models import Escalation, Trigger
from matching import services as matching
from matching.choices import encode_list
from matching.models import (
    AnniversaryCheckin,
    Block,
    ExperienceProfile,
    Feedback,
    Match,
    MatchRequest,
    Report,
    SupporterProfile,
)
from peersupport.models import ExportJob

PRIVATE = "zqx-private-words"
KEPT = "zqx-kept-words"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    mara: object
    sam: object
    cora: object
    group: Group
    mara_thread: Thread
    lone_thread: Thread
    sam_thread: Thread
    match: Match
    closed_escalation: Escalation
    open_escalation: Escalation


@pytest.fixture
def world(member, supporter, counselor, outsider, with_mfa, django_capture_on_commit_callbacks):
    mara, sam, cora = member, supporter, counselor
    group = communities.group_create(
        name="Survivors of Mass Violence",
        description="A private group.",
        rules="Be kind.",
        screening_questions=["What brings you here?"],
        supporters=[sam],
    )
    membership = communities.membership_request(
        group=group, user=mara, answers=[f"{PRIVATE} my answer"], accepted_rules=True
    )
    communities.membership_decide(
        membership_id=membership.pk, decider=sam, approve=True, message="Welcome, glad you came."
    )
    mara_thread = communities.thread_create(
        group=group, author=mara, title=f"{KEPT} title", topic="grief", body=f"{KEPT} opening"
    )
    lone_thread = communities.thread_create(
        group=group,
        author=mara,
        title=f"{KEPT} lone title",
        topic="general",
        body=f"{KEPT} lone",
        is_anonymous=True,
    )
    communities.post_create(thread=mara_thread, author=sam, body="Sam is here with you.")
    sam_thread = communities.thread_create(
        group=group, author=sam, title="Sleep", topic="self-care", body="How do you all sleep?"
    )
    mara_reply = communities.post_create(
        thread=sam_thread, author=mara, body=f"{KEPT} reply", cw_label=f"{KEPT} cw"
    )
    communities.reaction_toggle(post=sam_thread.posts.first(), user=mara, kind="support")
    communities.reaction_toggle(post=mara_reply, user=sam, kind="thanks")
    communities.thread_preference_set(thread=sam_thread, user=mara, muted=True)
    communities.member_settings_update(
        user=mara, hide_cw_posts=True, muted_topics=["news"], email_mode="digest"
    )
    meeting = communities.meeting_schedule(
        group=group,
        created_by=sam,
        title="Evening circle",
        starts_at=timezone.now() + timedelta(days=3),
        duration_minutes=60,
        capacity=10,
        video_url="https://meet.example.org/circle",
        facilitator=sam,
    )[0]
    communities.meeting_rsvp(meeting=meeting, user=mara)
    communities.note_of_hope_write(author=mara, body=f"{KEPT} hope")

    ExperienceProfile.objects.create(
        user=mara,
        event_kind="shooting",
        affected="bereaved",
        event_date=timezone.now().date().replace(day=1) - timedelta(days=400),
        event_name=f"{PRIVATE} event",
        topics=encode_list(["grief"]),
        languages=encode_list(["en"]),
        ways=encode_list(["chat"]),
        anniversary_checkin=True,
    )
    AnniversaryCheckin.objects.create(user=mara, anniversary=timezone.now().date())
    SupporterProfile.objects.create(
        user=sam, verified_at=timezone.now(), readiness_confirmed_at=timezone.now(), load=1
    )
    request = MatchRequest.objects.create(
        member=mara, note=f"{PRIVATE} note", status=MatchRequest.Status.MATCHED
    )
    match = Match.objects.create(request=request, member=mara, supporter=sam)
    matching.message_send(match_id=match.pk, author=mara, body=f"{PRIVATE} hello Sam")
    matching.message_send(match_id=match.pk, author=sam, body="Hello, I'm glad you wrote.")
    Report.objects.create(match=match, reporter=mara, reported=sam, text=f"{PRIVATE} report")
    Report.objects.create(match=match, reporter=sam, reported=mara, text="A test report by Sam.")
    Feedback.objects.create(match=match, author=mara, helpful=5, text=f"{PRIVATE} thanks")
    Block.objects.create(member=mara, supporter=outsider)

    with_mfa(cora)
    crisis.counselor_duty_set(counselor=cora, on_duty=True)
    with django_capture_on_commit_callbacks(execute=False):
        closed = crisis.escalation_open(
            member=mara,
            trigger=Trigger.POST,
            risk_level="high",
            source=crisis.Source(ref="post:1", url="/groups/x/", text=f"{PRIVATE} trigger"),
        )
        crisis.escalation_claim(escalation_id=closed.pk, counselor=cora)
        crisis.escalation_activate(escalation_id=closed.pk, counselor=cora)
        crisis.chat_message_post(
            escalation_id=closed.pk, author=mara, author_kind="member", body=f"{PRIVATE} chat"
        )
        crisis.chat_message_post(
            escalation_id=closed.pk,
            author=cora,
            author_kind="counselor",
            body=f"I hear you, {PRIVATE} counselor line",
        )
        crisis.escalation_transfer(
            escalation_id=closed.pk, by=cora, to_counselor=None, note=f"{PRIVATE} transfer"
        )
        crisis.escalation_claim(escalation_id=closed.pk, counselor=cora)
        crisis.escalation_activate(escalation_id=closed.pk, counselor=cora)
        closed = crisis.escalation_close(
            escalation_id=closed.pk, by=cora, disposition="safety_plan", notes=f"{PRIVATE} notes"
        )
        crisis.survey_record(escalation=closed, helped=4)
        waiting = crisis.escalation_open(member=mara, trigger=Trigger.BUTTON)

    TOTP.activate(mara, generate_totp_secret())
    UserSession.objects.create(
        user=mara, ip="203.0.113.7", session_key="zqxsession" + "0" * 22, user_agent="Firefox"
    )
    ExportJob.objects.create(user=mara, state=ExportJob.State.EXPIRED)
    return World(
        mara=mara,
        sam=sam,
        cora=cora,
        group=group,
        mara_thread=mara_thread,
        lone_thread=lone_thread,
        sam_thread=sam_thread,
        match=match,
        closed_escalation=closed,
        open_escalation=waiting,
    )
