"""The screen between a member's words and the database, as communities needs it.

Moderation owns the watched phrases, the new-member holds and the review queue, and sits
above communities (docs/architecture.md): it may import communities, never the reverse. So
communities states here what it calls, and moderation plugs its functions in when Django
starts (`moderation/apps.py`). Nothing is ever stored unscreened: without them, posting fails.
"""

from django.core.exceptions import ImproperlyConfigured

from peersupport.hotlines import LIFELINE

# What a member reads on the page when their words reached a crisis counselor. Shown by
# communities' pages and moderation's notes alike.
AT_RISK_VISIBLE_NOTE = (
    "Thank you for sharing this. It sounds really hard right now. A crisis counselor can talk "
    "with you now: press Get help now at the top of the page, or call or text "
    f"{LIFELINE.number}, any time."
)

_plugged: dict = {}


def register(*, screen, after_stored, author_note) -> None:
    """`screen(group=, author=, body=, cw_label=, title=, nudge_confirmed=, is_edit=, risk=)`
    refuses words (a ValidationError with a `kind`) or returns a plain decision with
    `post_state` and `is_held`. `after_stored(post=, screening=)` is moderation's part once
    the post exists, in the same transaction. `author_note(post) -> str` is what the author
    reads once it is stored."""
    _plugged.update(screen=screen, after_stored=after_stored, author_note=author_note)


def _get(name: str):
    try:
        return _plugged[name]
    except KeyError:
        raise ImproperlyConfigured("moderation has not plugged in the screen for posts") from None


def screen(**options):
    return _get("screen")(**options)


def after_stored(*, post, screening) -> None:
    _get("after_stored")(post=post, screening=screening)


def author_note(post) -> str:
    return _get("author_note")(post)
