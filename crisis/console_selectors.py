"""Reads for the crisis console pages."""

from dataclasses import dataclass

from crisis import detection, roster
from crisis.models import RiskRule, Shift


@dataclass(frozen=True)
class RuleResult:
    rule: RiskRule
    level: str  # what this rule alone says about the sentence: none, concern, high, imminent

    @property
    def fires(self) -> bool:
        return self.level != detection.NONE


def risk_rules():
    return RiskRule.objects.all()


def try_sentence(text: str, rules) -> tuple[detection.Assessment, list[RuleResult]]:
    """What detection says about `text` with the enabled rules (and the model beside them),
    and which rules fire.

    Each rule is also scored on its own with the same pure scorer, so negation, reported
    speech and past-tense handling apply exactly as they do for real posts. Disabled rules
    are scored too (shown as "off"), so an admin can see what turning one on would do.
    """
    rules = list(rules)
    if not rules:  # an empty table: detection falls back to its built-in rules
        return detection.assess_text(text), []
    enabled = detection.compile_rules((r.category, r.level, r.pattern) for r in rules if r.enabled)
    overall = detection.assess_text(text, enabled)
    results = []
    for rule in rules:
        compiled = detection.compile_rules([(rule.category, rule.level, rule.pattern)])
        level = detection.rules_assess(text, compiled).level if compiled else detection.NONE
        results.append(RuleResult(rule=rule, level=level))
    return overall, results


def shifts():
    return Shift.objects.select_related("counselor").order_by("weekday", "starts_at", "pk")


def roster_view(all_shifts) -> dict:
    """The roster grid (24 h by 7 days), and the coverage holes as readable ranges."""
    spans = [
        (s.counselor_id, roster.shift_intervals(s.weekday, s.starts_at, s.ends_at))
        for s in all_shifts
    ]
    holes = roster.holes(iv for _who, ivs in spans for iv in ivs)
    described = [
        (roster.describe(a), roster.describe(b), b - a)
        for a, b in roster.holes_across_weekend(holes)
    ]
    return {
        "grid": [(f"{hour:02d}:00", row) for hour, row in enumerate(roster.grid(spans))],
        "days": roster.DAY_NAMES,
        "holes": described,
        "whole_week": holes == [(0, roster.WEEK)],
        "hole_minutes": sum(b - a for a, b in holes),
    }
