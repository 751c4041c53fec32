"""The moderation app's section of the staff console (found by peersupport.console)."""

from peersupport.console import Section, register_section

register_section(
    Section(
        key="watched_phrases",
        title="Watched phrases",
        description="Phrases that nudge, ask for a content warning, hold, block or escalate a "
        "post, with a box to try a sentence.",
        url_name="moderation_console:phrases",
        order=35,
    )
)
