"""The one place user text becomes HTML. Every app calls `render_markdown` when it stores.

Markdown is rendered first, then bleach keeps only a small set of harmless tags and
attributes; links may only use http, https or mailto, and open with no referrer.
"""

import bleach
import markdown
from bleach.linkifier import Linker

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "b", "i", "blockquote", "ul", "ol", "li",
        "code", "pre", "a", "h3", "h4", "hr", "del",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
MAX_INPUT_CHARS = 50_000


def _link_attrs(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if href.startswith(("http:", "https:")):
        attrs[(None, "rel")] = "nofollow noopener noreferrer ugc"
    return attrs


_linker = Linker(callbacks=[_link_attrs], skip_tags={"pre", "code"})


def render_markdown(text: str) -> str:
    """Safe HTML for `text` written in Markdown. Raw HTML in the text is escaped or dropped."""
    text = (text or "")[:MAX_INPUT_CHARS]
    html = markdown.markdown(text, extensions=["sane_lists", "nl2br"], output_format="html")
    cleaned = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return _linker.linkify(cleaned)


def plain_text(text: str) -> str:
    """Text with every tag removed, for previews and notifications."""
    return bleach.clean(text or "", tags=set(), strip=True)
