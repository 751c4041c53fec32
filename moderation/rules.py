"""Watched-phrase matching as pure functions: no database, no Django.

Text and patterns are compared after the same normalisation: Unicode compatibility form,
accents removed, case folded. Words and phrases match on whole-word boundaries but survive
the usual evasions: letters split by spaces or punctuation ("k.i.l.l", "k i l l") and
letters repeated ("killll"). Regular expressions are matched against the normalised text.

`decide` turns the matches into one decision: the most protective action wins, and a
person who may be at risk is never refused (escalation outranks a block).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache


class Kind:
    WORDS = "words"  # a word or phrase, whole words, evasion tolerant
    REGEX = "regex"


class Action:
    ESCALATE = "escalate"
    BLOCK = "block"
    HOLD = "hold"
    REQUIRE_CW = "require_cw"
    NUDGE = "nudge"
    ALLOW = "allow"


# Most protective first.
SEVERITY = [Action.ESCALATE, Action.BLOCK, Action.HOLD, Action.REQUIRE_CW, Action.NUDGE]

# Up to three separators (spaces, punctuation, underscores) may sit inside or between words.
_GAP = r"[\W_]{0,3}"
# A match must not start or end in the middle of a word ("therapist" holds no "rapist").
_START = r"(?<![^\W_])"
_END = r"(?![^\W_])"


@dataclass(frozen=True)
class Rule:
    id: int
    kind: str
    pattern: str
    action: str
    explanation: str = ""


@dataclass(frozen=True)
class Match:
    rule: Rule
    snippet: str


@dataclass
class Decision:
    action: str = Action.ALLOW
    matches: list[Match] = field(default_factory=list)
    # What the author is told; empty when the post simply goes up.
    explanations: list[str] = field(default_factory=list)

    @property
    def rule_ids(self) -> list[int]:
        return [m.rule.id for m in self.matches]


def normalize(text: str) -> str:
    """Compatibility form, accents removed, case folded: "CAFÉ" and "cafe" are equal."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Curly apostrophes and quotes fold to plain ones so a typographic apostrophe equals "can't".
    stripped = stripped.replace("\u2019", "'").replace("\u2018", "'")
    return stripped.casefold()


def _letters(pattern: str) -> list[str]:
    """The letters and digits of a word pattern, in order."""
    return [c for c in normalize(pattern) if c.isalnum()]


@lru_cache(maxsize=2048)
def compile_rule(kind: str, pattern: str) -> re.Pattern[str]:
    """The compiled form of one rule. Raises ValueError for an empty or invalid pattern."""
    if kind == Kind.REGEX:
        try:
            return re.compile(normalize(pattern), re.IGNORECASE | re.MULTILINE)
        except re.error as exc:
            raise ValueError(f"That regular expression can't be read: {exc}") from exc
    letters = _letters(pattern)
    if not letters:
        raise ValueError("A watched phrase needs at least one letter or digit.")
    # Each letter may repeat, with or without separators between ("kiill", "k i i l l").
    body = _GAP.join(f"{re.escape(c)}(?:{_GAP}{re.escape(c)})*" for c in letters)
    return re.compile(_START + body + _END)


def validate(kind: str, pattern: str) -> str | None:
    """None when the pattern can be used, else a sentence saying why not."""
    try:
        compile_rule(kind, pattern)
    except ValueError as exc:
        return str(exc)
    return None


def find_matches(text: str, rules: list[Rule]) -> list[Match]:
    """Every rule that matches `text`, in the order given."""
    normalized = normalize(text)
    found = []
    for rule in rules:
        try:
            compiled = compile_rule(rule.kind, rule.pattern)
        except ValueError:
            continue  # a broken rule never blocks anyone's post
        hit = compiled.search(normalized)
        if hit:
            found.append(Match(rule=rule, snippet=hit.group(0)))
    return found


def decide(
    matches: list[Match], *, has_cw: bool = False, nudge_confirmed: bool = False
) -> Decision:
    """One decision for the matches.

    A content-warning rule is satisfied by any warning; a nudge by the author choosing to
    post anyway. Otherwise the most protective action wins.
    """
    actions = {m.rule.action for m in matches}
    if has_cw:
        actions.discard(Action.REQUIRE_CW)
    if nudge_confirmed:
        actions.discard(Action.NUDGE)
    for action in SEVERITY:
        if action in actions:
            chosen = [m for m in matches if m.rule.action == action]
            explanations = list(
                dict.fromkeys(m.rule.explanation for m in chosen if m.rule.explanation)
            )
            return Decision(action=action, matches=chosen, explanations=explanations)
    return Decision(action=Action.ALLOW, matches=list(matches))
