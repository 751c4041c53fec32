"""Risk detection: pure functions that score text into none, concern, high or imminent.

Rules are regular expressions by category and level; admins edit them (`RiskRule`), and
`DEFAULT_RULES` seeds them (data migration) and serves when the table is empty. Scoring
works clause by clause and sets a match aside when it is:

- negated just before it ("I'm not going to hurt myself", "I would never kill myself");
- quoted or reported from someone else ("the news said he wanted to die");
- about the past with nothing saying it is still so ("that day I thought I would die",
  "back then I wanted to die");
- about someone else ("my brother wants to die": the writer may need support, but the
  alert would be about the wrong person).

This is a safety net under people, not instead of them: anything it misses can still reach
a counselor through the help button, a flag or a supporter.
"""

import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from crisis import risk_model

USE_MODEL = object()  # assess_text's default: the model this process loaded

NONE, CONCERN, HIGH, IMMINENT = "none", "concern", "high", "imminent"
LEVELS = (NONE, CONCERN, HIGH, IMMINENT)
_RANK = {level: i for i, level in enumerate(LEVELS)}

RULES_FILE = Path(__file__).resolve().parent / "data" / "risk_rules.json"


def read_rules_file(path: Path = RULES_FILE) -> tuple[tuple[str, str, str], ...]:
    """(category, level, pattern) rows from the rules file: English and Spanish patterns,
    written for normalised text (lower case, no accents, straight apostrophes, English
    contractions expanded: "can't" -> "cannot", "I'm" -> "i am")."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return tuple((row["category"], row["level"], row["pattern"]) for row in rows)


# The defaults: they serve when the rules table is empty, and migrations add them to it.
DEFAULT_RULES = read_rules_file()

_CONTRACTIONS = (
    (r"\bi'?m\b", "i am"),
    (r"\bcan'?t\b", "cannot"),
    (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "am not"),
    (r"\bgonna\b", "going to"),
    (r"\bwanna\b", "want to"),
    (r"\bi'?ve\b", "i have"),
    (r"\bi'?ll\b", "i will"),
    (r"\bi'?d\b", "i would"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\bdont\b", "do not"),
    (r"\bwhat'?s\b", "what is"),
    (r"\b(he|she|it|that|there)'s\b", r"\1 is"),
    (r"\b(have|has|had|does|did|is|are|was|were|could|would|should)nt\b", r"\1 not"),
    (r"\b(he|she|they)'ll\b", r"\1 will"),
    (r"\b(tonight|today|tomorrow)'s\b", r"\1 is"),
    (r"\bidk\b", "i do not know"),
    (r"\bkms\b", "kill myself"),
    (r"\bunalived? (?:myself|me)\b", "kill myself"),
    (r"\bunalive\b(?! \w+self)", "kill myself"),
    (r"\b(someone|somebody)'s\b", r"\1 is"),
)
_CONTRACTIONS_RE = tuple((re.compile(p), r) for p, r in _CONTRACTIONS)

# A negation just before a match sets it aside ("i am not going to kill myself").
# ("does not know i sit in the garage" negates nobody's act.)
_NEGATION = re.compile(
    r"\b(?:not|never|no way|no intention of|no plans? to|nunca|jamas)\b(?! knows?\b)"
    r"(?:\W+\w+){0,2}\W*$"
    # Spanish: "no voy a matarme", "no quiero hacerme dano", "no" right before the match.
    r"|\bno (?:(?:me )?voy a |pienso |quiero |planeo |tengo pensado )?$"
)
# Someone else's words: the news, a film, another person reported.
_REPORTED = re.compile(
    r"\b(?:news|article|report|reporter|paper|movie|film|show|series|book|novel|song|lyrics?|"
    r"character|documentary|podcast|police|shooter|gunman|killer|he|she|they|his|her|someone|"
    r"therapist|doctor|counselor|nurse|psychiatrist|"
    r"somebody|people|a friend|my friend|my (?:brother|sister|son|daughter|mom|dad|husband|wife)"
    r"|the kid|a man|a woman|a survivor|survivors|the article)\b[^.]{0,40}\b(?:said|says|say|"
    r"wrote|writes|posted|told|tells|sang|sings|reported|screamed|shouted|yelled|kept saying|"
    r"used to say|asked)\b[^.]*$"
    # Spanish: "mi amigo dijo que ...", "en las noticias dicen ..."
    r"|\b(?:noticias?|pelicula|serie|cancion|libro|ella|ellos|ellas|alguien|la gente|"
    r"mi (?:amig[oa]|herman[oa]|hij[oa]|mama|papa|espos[oa]|pareja))\b[^.]{0,40}\b"
    r"(?:dijo|dice|dicen|decia|escribio|publico|conto|grito)\b[^.]*$"
)
# Someone else's wish or intent ("my brother wants to die") is not the writer's.
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|they|his|her|someone|somebody|the (?:shooter|gunman|killer)|my (?:friend|brother|"
    r"sister|son|daughter|mom|dad|husband|wife|partner)|ella|ellos|ellas|alguien|"
    r"mi (?:amig[oa]|herman[oa]|hij[oa]|mama|papa|espos[oa]|pareja))\b(?!'s\b)"
    r"(?:\W+\w+){0,2}\W*$"
)  # (not "my dad's pistol": that is the writer's)
_PAST = re.compile(
    r"\b(?:that (?:day|night|morning|week|year|time)|back then|at the time|in the moment|"
    r"years? ago|months ago|when (?:it|the shooting|the attack|the bomb|the fire|he|she|they|"
    r"the gunman|the shooter|i was (?:younger|a kid|a teen|in high school))|during (?:the|that)|"
    r"after (?:the|that) (?:shooting|attack|day|night)|used to|for a long time after|"
    r"in (?:20\d\d|19\d\d)|i (?:thought|was sure|was certain|believed) (?:i|we) (?:was|were|would|"
    r"was going to|were going to) (?:die|be killed|not make it))\b"
)
_STILL_NOW = re.compile(
    r"\b(?:still|again|anymore|any more|now|today|tonight|lately|these days|right now|"
    r"this week|every day|every night|keeps? coming back)\b"
)
_PAST_VERB = re.compile(r"\b(?:wanted|tried|thought about|attempted|wished)\b")
_QUOTE = re.compile(r"[\"\u201c\u201d]([^\"\u201c\u201d]{1,300})[\"\u201c\u201d]")
_OWN_THOUGHT = re.compile(
    r"\b(?:i (?:keep |kept )?(?:think|thinking|tell myself|telling myself|say to myself|"
    r"hear myself)|my head (?:says|keeps saying)|a voice (?:says|saying))\W*$"
)
_CLAUSES = re.compile(
    r"[.!?;\n]+|\s(?:but|though|although|however|pero|aunque|sin embargo)\s|,\s*(?:and )?so\s"
)


@dataclass(frozen=True)
class Rule:
    category: str
    level: str
    regex: re.Pattern


@dataclass(frozen=True)
class Assessment:
    level: str = NONE
    categories: tuple[str, ...] = ()
    # Why, for the counselor, in plain words: the kind of rule that matched, or what the model
    # read (the clause that scored highest, between curly quotes, and the labelled examples
    # closest to it). `reasons_without_words` strips the writer's words for long keeping.
    reasons: tuple[str, ...] = field(default_factory=tuple)
    rules_level: str = NONE
    model_level: str | None = None
    # A rule matched words the rules then set aside: negated, quoted, someone else's, past.
    set_aside: bool = False  # None: the model was not used (not loaded, or no text)

    @property
    def escalates(self) -> bool:
        return _RANK[self.level] >= _RANK[HIGH]


def compile_rules(rows) -> tuple[Rule, ...]:
    """Rules from (category, level, pattern) rows; patterns that do not compile are skipped."""
    rules = []
    for category, level, pattern in rows:
        try:
            rules.append(Rule(category, level, re.compile(pattern, re.IGNORECASE)))
        except re.error:
            continue
    return tuple(rules)


DEFAULT_COMPILED = compile_rules(DEFAULT_RULES)


def normalise(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    # Accents off ("mañana" -> "manana", "aquí" -> "aqui"): people type them or not.
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for regex, replacement in _CONTRACTIONS_RE:
        text = regex.sub(replacement, text)
    return re.sub(r"[ \t]+", " ", text)


def _drop_others_quotes(text: str) -> str:
    """Remove quoted words unless they are the writer's own thoughts."""

    def replace(match: re.Match) -> str:
        before = text[max(0, match.start() - 40) : match.start()]
        if _OWN_THOUGHT.search(before):
            return " " + match.group(1) + " "
        return " . "

    return _QUOTE.sub(replace, text)


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSES.split(_drop_others_quotes(normalise(text))) if c.strip()]


def _match_level(rule: Rule, clause: str, match: re.Match) -> str | None:
    """The level this match counts for in its clause, or None when it is set aside."""
    before = clause[: match.start()]
    if _NEGATION.search(before):
        return None
    if _REPORTED.search(before):
        return None
    # Danger from someone else is about someone else by nature ("he is banging on the door").
    if rule.category != "immediate_danger" and _THIRD_PERSON.search(before):
        return None
    if rule.level == CONCERN:
        return CONCERN
    # Past trauma talk ("that day I thought I would die", "back then I wanted to die") is
    # not present risk, unless the clause says it is still so ("and lately again").
    is_past = bool(_PAST.search(clause)) or bool(_PAST_VERB.search(match.group(0)))
    if is_past and not _STILL_NOW.search(clause):
        return None
    return rule.level


def rules_assess(text: str, rules: tuple[Rule, ...] = DEFAULT_COMPILED) -> Assessment:
    """Score `text` with `rules` alone. Pure: no database, no side effects."""
    level = NONE
    categories: list[str] = []
    reasons: list[str] = []
    set_aside = False
    for clause in clauses(text):
        for rule in rules:
            for match in rule.regex.finditer(clause):
                found = _match_level(rule, clause, match)
                if found is None:
                    set_aside = True
                    continue
                if rule.category not in categories:
                    categories.append(rule.category)
                reason = rule_reason(rule.category, found)
                if reason not in reasons:
                    reasons.append(reason)
                if _RANK[found] > _RANK[level]:
                    level = found
                break
    return Assessment(
        level=level,
        categories=tuple(categories),
        reasons=tuple(reasons),
        rules_level=level,
        set_aside=set_aside,
    )


def assess_text(text: str, rules: tuple[Rule, ...] = DEFAULT_COMPILED, *, model=USE_MODEL):
    """The one entry point: the higher of the rules' level and the shipped model's, with the
    reasons of both. `model` is the process's loaded model by default (`crisis.risk_model`);
    None scores with the rules alone. Pure but for reading that model."""
    by_rules = rules_assess(text, rules)
    if model is USE_MODEL:
        model = risk_model.get()
    # A few words out of any context ("Rough week.", "A calm first post.") are where the
    # model errs most: they are left to the rules, which read short cries ("I want to die",
    # "kms tonight", "ojala no despierte").
    if model is None or len(_WORD.findall(text or "")) < MODEL_MIN_WORDS:
        return by_rules
    found = model.assess(text)
    if found is None:
        return by_rules
    return combine(text, by_rules, found)


def combine(text: str, by_rules: Assessment, found) -> Assessment:
    """The rules' assessment and the model's (`risk_model.ModelAssessment`) as one."""
    model_level = found.level
    reasons = list(by_rules.reasons)
    if found.level != NONE:
        reasons += model_reasons(found)
    if _RANK[found.level] >= _RANK[HIGH] and _rules_set_it_aside(text, by_rules, found):
        # The rules' reading of that frame is the sharper one: the model's alarm is dropped.
        model_level = by_rules.level
        reasons = list(by_rules.reasons)
    level = max(by_rules.level, model_level, key=_RANK.__getitem__)
    return Assessment(
        level=level,
        categories=by_rules.categories,
        reasons=tuple(reasons),
        rules_level=by_rules.level,
        model_level=model_level,
        set_aside=by_rules.set_aside,
    )


def _rules_set_it_aside(text: str, by_rules: Assessment, found) -> bool:
    """The model read the whole of a short text as risk, and the rules read the same words
    as negated, reported or past ("I would never kill myself"): the rules' reading of that
    frame is the sharper one. A long text keeps the model's alarm (it may be elsewhere)."""
    short = len(text or "") <= risk_model.WINDOW_CHARS and found.segment == (text or "").strip()
    if not short or _RANK[by_rules.level] >= _RANK[HIGH]:
        return False
    said = normalise(text)
    past_only = bool(_PAST.search(said)) and not _STILL_NOW.search(said)
    return by_rules.set_aside or past_only


_CATEGORY_WORDS = {
    "intent_or_timing": "says they mean to act, or when",
    "plan_or_means": "mentions a plan or the means to act",
    "immediate_danger": "says they are in danger right now",
    "harm_to_others": "talks about hurting someone else",
    "suicidal_thoughts": "talks about wanting to die or not be here",
    "self_harm": "talks about hurting themself",
    "distress": "sounds in deep distress",
}
_WORD = re.compile(r"\w+")
MODEL_MIN_WORDS = 5
_WRITERS_WORDS = re.compile(r"\u201c[^\u201d]*\u201d")


def rule_reason(category: str, level: str) -> str:
    words = _CATEGORY_WORDS.get(category, category.replace("_", " "))
    return f"a rule matched: {words} ({level})"


def reason_in_words(reason: str) -> str:
    """A stored reason as plain words: older escalations hold "category:level" codes."""
    category, _, level = str(reason).partition(":")
    if category in _CATEGORY_WORDS and " " not in reason:
        words = _CATEGORY_WORDS[category]
        return f"a rule matched: {words} ({level})" if level else f"a rule matched: {words}"
    return str(reason)


def model_reasons(found) -> list[str]:
    """What the model read, for the counselor: the clause and the closest examples."""
    clause = found.segment if len(found.segment) <= 160 else found.segment[:157] + "..."
    reasons = [
        f"the model read {found.level} risk ({found.probability:.0%} likely high or imminent)"
        f" in \u201c{clause}\u201d"
    ]
    if found.neighbours:
        closest = "; ".join(f"\u2018{text}\u2019 ({label})" for label, text in found.neighbours)
        reasons.append(f"closest labelled examples: {closest}")
    return reasons


def reasons_without_words(reasons) -> list[str]:
    """The reasons with the writer's own words taken out, for records kept past the text."""
    return [_WRITERS_WORDS.sub("(the words, removed)", reason) for reason in reasons]


# Rules read from the database, kept a few seconds: scoring runs on every chat line and post.
# An edit in this process (admin) takes effect at once; in other processes within the TTL.
RULES_TTL_SECONDS = 10.0
_rules_cache: dict = {"loaded_at": 0.0, "rules": None, "rows": None}


def rules_forget() -> None:
    _rules_cache["rules"] = None


def current_rules() -> tuple[Rule, ...]:
    """The enabled rules admins keep in the database (the defaults when the table is empty).

    The model is looked up through Django's registry, not imported: crisis.models imports
    this module (to forget cached rules on a save), and this module imports no model."""
    from django.apps import apps

    RiskRule = apps.get_model("crisis", "RiskRule")

    now = time.monotonic()
    if _rules_cache["rules"] is None or now - _rules_cache["loaded_at"] > RULES_TTL_SECONDS:
        rows = list(
            RiskRule.objects.filter(enabled=True).values_list("category", "level", "pattern")
        )
        if rows == _rules_cache.get("rows") and _rules_cache["rules"] is not None:
            rules = _rules_cache["rules"]  # unchanged: compiling them again costs a few ms
        elif not rows and not RiskRule.objects.exists():
            rules = DEFAULT_COMPILED
        else:
            rules = compile_rules(rows)
        _rules_cache.update(rules=rules, rows=rows, loaded_at=now)
    return _rules_cache["rules"]


def assess(text: str) -> Assessment:
    """Score `text` with the rules admins keep in the database."""
    return assess_text(text, current_rules())
