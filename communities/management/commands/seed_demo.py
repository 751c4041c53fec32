"""Demo groups and one account per role, for trying the platform locally."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from communities.models import Group, Membership
from communities.services import (
    group_create,
    meeting_schedule,
    note_of_hope_approve,
    note_of_hope_write,
    post_create,
    thread_create,
)
from peersupport.models import User
from peersupport.roles import Role
from peersupport.sanitize import render_markdown
from peersupport.services import role_grant, user_create

DEMO_GROUPS = (
    (
        "Survivors of Mass Violence",
        "A private group for people affected by mass shootings, attacks and other mass "
        "violence. Share, listen, and find others who understand. Trained peer supporters "
        "keep it respectful, and crisis help is always one click away.",
    ),
    (
        "Bereaved Families and Friends",
        "For those who lost someone they love to violence or disaster. Grief has no "
        "timetable here.",
    ),
    (
        "Anniversaries and Memorials",
        "Getting through anniversaries, memorials, trials and the news. Plan together, "
        "check in on the hard days.",
    ),
)

DEMO_PEOPLE = (
    ("member@demo.invalid", "Quiet Harbor", (Role.MEMBER,)),
    ("supporter@demo.invalid", "Steady Oak", (Role.MEMBER, Role.SUPPORTER)),
    ("counselor@demo.invalid", "Counselor Reed", (Role.COUNSELOR,)),
    ("supervisor@demo.invalid", "Supervisor Lane", (Role.COUNSELOR, Role.SUPERVISOR)),
    ("admin@demo.invalid", "Admin Birch", (Role.ADMIN,)),
)


class Command(BaseCommand):
    help = "Create demo groups and one demo account per role (fresh passwords each run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true", help="Run even with DJANGO_ENV=production."
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            raise CommandError("seed_demo creates known accounts; it will not run in production.")
        for name, description in DEMO_GROUPS:
            if not Group.objects.filter(name=name).exists():
                group_create(name=name, description=description)
        self.stdout.write(
            self.style.SUCCESS("Demo groups ready: ") + ", ".join(g for g, _ in DEMO_GROUPS)
        )

        self.stdout.write("Demo accounts (passwords are new each time this runs):")
        for email, display_name, roles in DEMO_PEOPLE:
            password = secrets.token_urlsafe(9)
            user = User.objects.filter(email=email).first()
            if user is None:
                user = user_create(
                    email=email, display_name=display_name, password=password, roles=roles
                )
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
                for role in roles:
                    role_grant(user=user, role=role)
            if Role.ADMIN in roles and not user.is_staff:
                user.is_staff = True
                user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            role_list = ", ".join(Role(role).label for role in roles)
            self.stdout.write(f"  {role_list:<32} {email:<26} {password}")
        self._seed_community_life()
        self.stdout.write(
            "Staff accounts are asked to set up an authenticator app (TOTP) before any staff "
            "page opens."
        )

    def _seed_community_life(self):
        """Questions, a supporter, a member, a thread with a warned reply, a monthly session."""
        group = Group.objects.get(name=DEMO_GROUPS[0][0])
        supporter = User.objects.get(email="supporter@demo.invalid")
        member = User.objects.get(email="member@demo.invalid")
        if not group.screening_questions:
            group.screening_questions = [
                "What brings you to this group?",
                "Is there anything you'd like the peer supporters to know?",
            ]
            group.rules = "Be kind. What is shared here stays here. No graphic details without "
            group.rules += "a content warning. No politics about the event."
            group.rules_html = render_markdown(group.rules)
            group.cw_required_topics = ["legal", "news"]
            group.save()
        group.supporters.add(supporter)
        for person in (member, supporter):
            Membership.objects.get_or_create(
                group=group, user=person, defaults={"state": Membership.State.ACTIVE}
            )
        if group.threads.exists():
            return
        thread = thread_create(
            group=group,
            author=member,
            title="The anniversary is next week",
            topic="anniversaries",
            body="I don't know how to get through the day. How did you plan for it?",
        )
        post_create(
            thread=thread,
            author=supporter,
            body="Last year I planned the whole day hour by hour, with a friend on call.",
            cw_label="memories of the day",
        )
        meeting_schedule(
            group=group,
            created_by=supporter,
            title="Monthly peer circle",
            starts_at=timezone.now() + timedelta(days=7),
            duration_minutes=60,
            capacity=12,
            video_url="https://meet.example.invalid/peer-circle",
            facilitator=supporter,
            repeat_monthly=2,
        )
        note = note_of_hope_write(author=supporter, body="It gets gentler. Not all at once.")
        note_of_hope_approve(note_id=note.pk, by=supporter)
        self.stdout.write(self.style.SUCCESS("Demo thread, session and note of hope ready."))
