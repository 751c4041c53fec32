"""The matching app's section of the staff console (found by peersupport.console)."""

from peersupport.console import Section, register_section

register_section(
    Section(
        key="supporter_verification",
        title="Supporter verification",
        description="Verify peer supporters' training; see their load and any reports.",
        url_name="matching:manage",
        order=25,
    )
)
