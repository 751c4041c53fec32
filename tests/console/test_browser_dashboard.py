"""In Chromium: an admin opens the metrics dashboard and sees the charts drawn, with data
points; and tries a sentence against the risk rules, the result appearing as they type."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from peersupport.console_services import metrics_rollup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_page(live_server, browser, ada):
    client = Client()
    client.force_login(ada)
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.problems = problems
    yield page
    context.close()


def test_the_dashboard_draws_its_charts(admin_page, make_escalations):
    make_escalations(days=5, n=2, trigger="post", risk_level="high")
    metrics_rollup()
    admin_page.goto("/staff/metrics/?days=7")
    expect(admin_page.get_by_role("heading", name="Metrics", exact=True)).to_be_visible()
    chart = admin_page.locator('[data-chart="escalations_by_trigger"] svg.chart')
    expect(chart).to_be_visible()
    # Five days with two escalations each: five stacked bars, each drawn with real height.
    bars = chart.locator("rect.chart-point")
    expect(bars).to_have_count(5)
    box = bars.first.bounding_box()
    assert box and box["height"] > 10
    # Styled by the console stylesheet, not by inline styles: a bar is coloured.
    fill = bars.first.evaluate("el => getComputedStyle(el).fill")
    assert fill not in ("", "none", "rgb(0, 0, 0)")
    line = admin_page.locator('[data-chart="time_to_claim"] svg.chart')
    # p50 and p90 over five days: a point per day and series, joined by a line.
    expect(line.locator("circle.chart-point")).to_have_count(10)
    expect(line.locator("circle.chart-point").first).to_be_visible()
    assert line.locator("polyline.chart-line").count() == 2
    assert admin_page.locator("svg.chart").count() >= 11
    # The table fallback opens, and the CSV link is there.
    card = admin_page.locator('[data-chart="escalations_by_trigger"]')
    card.get_by_text("Show the figures as a table").click()
    expect(card.locator("table")).to_be_visible()
    expect(card.get_by_role("link", name="Download CSV")).to_be_visible()
    assert not [p for p in admin_page.problems if "Content Security Policy" in p]


def test_trying_a_sentence_shows_the_rule_as_you_type(admin_page):
    from crisis.models import RiskRule

    rule = RiskRule.objects.create(
        category="intent_or_timing", level="imminent", pattern=r"\bkill myself tonight\b"
    )
    admin_page.goto("/staff/crisis/risk-rules/")
    admin_page.evaluate("window.sameDocument = true")  # gone if the page were reloaded
    box = admin_page.get_by_role("textbox", name="A sentence to try")
    box.fill("I am going to kill myself tonight")
    result = admin_page.locator("[data-try-level]")
    expect(result).to_have_attribute("data-try-level", "imminent")
    expect(result).to_contain_text("This would open an escalation")
    expect(result.locator(f'[data-rule-fires="{rule.pk}"]')).to_be_visible()
    assert admin_page.evaluate("window.sameDocument === true")  # htmx swapped the result in
    assert not [p for p in admin_page.problems if "Content Security Policy" in p]
