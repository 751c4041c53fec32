"""Members flag posts with a reason. Flags on one post gather into one queue entry; a member
flags a post once; there is a daily limit; enough trusted flags hide the post until a
moderator looks; the author never learns who flagged."""

import pytest

from communities.models import Post
from communities.services import post_create
from crisis.models import Escalation, Trigger
from moderation.models import AuditEntry, Flag, GroupModeration, QueueEntry
from moderation.services import flag_create, post_moderate
from peersupport.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(trusted, thread):
    return post_create(thread=thread, author=trusted, body="You should toughen up.")


def test_flag_from_the_thread_page(login, member, membership, post, thread):
    page = login(member).get(thread.get_absolute_url()).content.decode()
    assert f"/moderation/flag/{post.pk}/" in page
    response = login(member).post(
        f"/moderation/flag/{post.pk}/", {"reason": "hurtful", "note": ""}, follow=True
    )
    assert "A moderator will look at this soon" in response.content.decode()
    entry = QueueEntry.objects.get(post=post)
    assert entry.kind == "flagged" and entry.flag_count == 1


def test_flags_on_one_post_gather_into_one_entry(post, make_trusted, member, membership):
    flag_create(post=post, flagger=member, reason="hurtful")
    flag_create(post=post, flagger=make_trusted("Una"), reason="harassment")
    assert QueueEntry.objects.filter(post=post).count() == 1
    entry = QueueEntry.objects.get(post=post)
    assert entry.flag_count == 2
    assert entry.priority == QueueEntry.Priority.HIGH  # harassment raised it


def test_a_member_flags_a_post_only_once(post, member, membership):
    flag_create(post=post, flagger=member, reason="spam")
    with pytest.raises(Exception, match="already flagged"):
        flag_create(post=post, flagger=member, reason="hurtful")
    assert Flag.objects.count() == 1


def test_daily_limit_is_kind(thread, member, membership, make_trusted, settings):
    settings.MODERATION_FLAGS_PER_DAY = 2
    author = make_trusted("Vic")
    posts = [post_create(thread=thread, author=author, body=f"p{n}") for n in range(3)]
    flag_create(post=posts[0], flagger=member, reason="spam")
    flag_create(post=posts[1], flagger=member, reason="spam")
    with pytest.raises(Exception, match="wait until tomorrow"):
        flag_create(post=posts[2], flagger=member, reason="spam")


def test_other_needs_a_note(post, member, membership):
    with pytest.raises(Exception, match="a few words"):
        flag_create(post=post, flagger=member, reason="other")


def test_at_risk_goes_to_the_top_and_is_handed_to_crisis(post, member, membership):
    flag_create(post=post, flagger=member, reason="at_risk")
    entry = QueueEntry.objects.get(post=post)
    assert entry.priority == QueueEntry.Priority.AT_RISK
    assert entry.kind == QueueEntry.Kind.AT_RISK
    # A crisis counselor is told; the post stays up: one member's flag never hides another's
    # words (trusted flags for other reasons can, see below).
    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE
    assert Escalation.objects.get(member=post.author).trigger == Trigger.FLAG


def test_enough_trusted_flags_hide_the_post_pending_review(
    post, make_trusted, group, login, thread
):
    GroupModeration.objects.create(group=group, flags_to_hide=2)
    reader = make_trusted("Wes")
    flag_create(post=post, flagger=make_trusted("Xia"), reason="hurtful")
    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE
    flag_create(post=post, flagger=make_trusted("Yan"), reason="hurtful")
    assert Post.objects.get(pk=post.pk).state == Post.State.HIDDEN
    assert "toughen up" not in login(reader).get(thread.get_absolute_url()).content.decode()
    assert AuditEntry.objects.filter(action="post_auto_hide", actor=None).exists()


def test_new_members_flags_do_not_hide_a_post(post, group, thread, settings):
    settings.MODERATION_FLAGS_TO_HIDE = 1
    newcomers = [UserFactory(email=f"n{n}@example.org", display_name=f"New {n}") for n in range(3)]
    for person in newcomers:
        flag_create(post=post, flagger=person, reason="hurtful")
    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE


def test_the_author_never_learns_who_flagged(
    post, member, membership, trusted, supporter, login, make_trusted, settings
):
    settings.MODERATION_FLAGS_TO_HIDE = 1
    flag_create(post=post, flagger=make_trusted("Zed"), reason="hurtful", note="by Zed")
    entry = QueueEntry.objects.get(post=post)
    post_moderate(entry_id=entry.pk, moderator=supporter, action="remove", reason="unkind")
    texts = " ".join(Notification.objects.filter(user=trusted).values_list("text", flat=True))
    assert "Zed" not in texts
    for note in Notification.objects.filter(user=trusted):
        if note.url:
            assert "Zed" not in login(trusted).get(note.url).content.decode()


def test_own_posts_cannot_be_flagged(post, trusted):
    with pytest.raises(Exception, match="your own post"):
        flag_create(post=post, flagger=trusted, reason="spam")


def test_flag_page_is_404_for_people_who_cannot_read_the_group(post, outsider, other_group, login):
    assert login(outsider).get(f"/moderation/flag/{post.pk}/").status_code == 404
