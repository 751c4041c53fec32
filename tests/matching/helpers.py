import html


def page(response) -> str:
    """What a person reads: the page text with HTML entities turned back into characters."""
    return html.unescape(response.content.decode())
