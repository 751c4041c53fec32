"""Posts for crisis's sweep of words stored without a risk score (crisis.sweep)."""

from communities import selectors, services
from crisis.models import Trigger
from crisis.sweep import RiskSource, UnscoredWords, register_source


def _posts_claimed(*, written_before, now):
    for post in selectors.posts_unscored(written_before=written_before):
        if not services.post_mark_risk_scored(post_id=post.pk, now=now):
            continue  # another sweep took it
        yield UnscoredWords(
            author=post.author,
            text=post.body,
            trigger=Trigger.POST if post.is_opening else Trigger.REPLY,
            ref=f"post:{post.pk}",
            url=post.thread.get_absolute_url(),
        )


register_source(RiskSource(name="posts", claimed=_posts_claimed))
