"""`make run` keeps its data in SQLite by default: the crisis paths written as plain SQL must
work there too (a chat line once failed on it, unnoticed, because every other test runs on
PostgreSQL). One real SQLite database, migrated, driven through the services."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from communities.models import Group, Membership
from communities.services import post_create, thread_create
from crisis import services
from crisis.models import Escalation
from peersupport.models import User

member = User.objects.create_user(email="sam@example.org", display_name="Sam")
first = services.escalation_open(member=member, trigger="button")
again = services.escalation_open(member=member, trigger="button")
print("one escalation", first.pk == again.pk, Escalation.objects.count())
print("events", list(first.events.values_list("kind", flat=True)))
line, created = services.chat_message_post(
    escalation_id=first.pk, author=member, author_kind="member", body="hello", client_id="c1"
)
resent, created_again = services.chat_message_post(
    escalation_id=first.pk, author=member, author_kind="member", body="hello", client_id="c1"
)
print("chat line", created, created_again, line.pk == resent.pk)

other = User.objects.create_user(email="kim@example.org", display_name="Kim")
group = Group.objects.create(name="Evenings", slug="evenings")
Membership.objects.create(group=group, user=other, state=Membership.State.ACTIVE)
thread = thread_create(group=group, author=other, title="Hi", topic="general", body="Hello.")
post = post_create(thread=thread, author=other, body="I am going to kill myself tonight.")
escalation = Escalation.objects.get(member=other)
print("reply", escalation.risk_level, escalation.source_ref == f"post:{post.pk}")
"""


def run(args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_escalations_chat_lines_and_crisis_replies_work_on_sqlite(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update(DJANGO_ENV="test", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrated = run(["migrate", "--verbosity", "0"], env)
    assert migrated.returncode == 0, migrated.stderr
    assert "WARNINGS" not in migrated.stderr, migrated.stderr  # make run starts quietly
    result = run(["shell", "--no-imports", "-c", SCRIPT], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "one escalation True 1",
        "events ['opened', 'attached']",
        "chat line True False True",
        "reply imminent True",
    ]
