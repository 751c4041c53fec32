"""Admins edit risk rules and try a sentence to see which rule fires, with or without JS."""

import pytest
from django.urls import reverse

from crisis.detection import assess
from crisis.models import RiskRule
from peersupport.models import StaffAuditEntry

pytestmark = pytest.mark.django_db

URL = "/staff/crisis/risk-rules/"


def test_trying_a_sentence_without_javascript_shows_the_level_and_the_rules_that_fire(
    admin_client,
):
    response = admin_client.post(URL, {"text": "I'm going to kill myself tonight"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Risk rules</h1>" in page  # the whole page, re-rendered
    assert 'data-try-level="imminent"' in page
    assert "This would open an escalation" in page
    fired = RiskRule.objects.filter(category="intent_or_timing", level="imminent").first()
    assert f'data-rule-fires="{fired.pk}"' in page


def test_with_htmx_only_the_result_comes_back(admin_client):
    response = admin_client.post(URL, {"text": "I feel hopeless"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<h1>" not in page
    assert 'data-try-level="concern"' in page
    assert "no alert" in page


def test_negated_or_reported_sentences_fire_nothing(admin_client):
    for text in ("I would never kill myself", "The news said he wanted to die"):
        page = admin_client.post(URL, {"text": text}).content.decode()
        assert 'data-try-level="none"' in page, text
        assert "No rule fires" in page


def test_a_sentence_tried_is_never_stored(admin_client):
    admin_client.post(URL, {"text": "I'm going to kill myself tonight"})
    assert not StaffAuditEntry.objects.exists()


def test_editing_a_rule_changes_detection_at_once_and_is_audited(admin_client, ada):
    text = "the grey fog is back again"
    assert assess(text).level == "none"
    response = admin_client.post(
        reverse("crisis_console:risk_rule_new"),
        {"category": "distress", "level": "concern", "pattern": r"\bgrey fog\b", "enabled": "on"},
    )
    assert response.status_code == 302
    assert assess(text).level == "concern"
    rule = RiskRule.objects.get(pattern=r"\bgrey fog\b")
    response = admin_client.post(
        reverse("crisis_console:risk_rule_edit", args=[rule.pk]),
        {"category": "distress", "level": "concern", "pattern": r"\bgrey fog\b", "note": "x"},
    )  # "enabled" left unticked: turned off
    assert assess(text).level == "none"
    create, change = StaffAuditEntry.objects.order_by("at", "pk")
    assert create.action == "risk_rule.create" and create.actor == ada
    assert change.before["enabled"] is True and change.after["enabled"] is False
    assert change.target_id == str(rule.pk)


def test_a_disabled_rule_shows_it_would_fire_if_turned_on(admin_client):
    RiskRule.objects.create(category="distress", level="concern", pattern="lantern", enabled=False)
    page = admin_client.post(URL, {"text": "the lantern went out"}).content.decode()
    assert 'data-try-level="none"' in page
    assert "would fire if enabled" in page


def test_a_broken_pattern_is_refused_kindly(admin_client):
    response = admin_client.post(
        reverse("crisis_console:risk_rule_new"),
        {"category": "distress", "level": "concern", "pattern": "(unclosed", "enabled": "on"},
    )
    assert response.status_code == 200
    assert b"not a valid regular expression" in response.content
    assert not RiskRule.objects.filter(pattern="(unclosed").exists()
    assert not StaffAuditEntry.objects.exists()
