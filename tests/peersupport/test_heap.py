"""Web processes freeze what they hold once a minute and sweep every few hours
(peersupport/heap.py): what is frozen is out of the collector's full passes, and the sweep
still reclaims reference cycles that became garbage while frozen."""

import gc
import subprocess
import sys
import weakref
from pathlib import Path

from peersupport import heap


class Node:
    pass


def test_a_minute_freezes_what_the_process_holds():
    held = [Node() for _ in range(1000)]
    before = gc.get_freeze_count()
    heap.tick(1)
    assert gc.get_freeze_count() >= before + len(held)
    gc.unfreeze()


def test_the_sweep_reclaims_cycles_that_became_garbage_while_frozen():
    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the collector can free it
    gone = []
    watcher = weakref.ref(a, lambda _ref: gone.append(True))
    heap.tick(1)
    del a, b
    gc.collect()
    assert watcher() is not None  # frozen: full passes no longer see it
    heap.tick(heap.SWEEP_EVERY_FREEZES)
    assert gone == [True]
    gc.unfreeze()


def test_every_so_many_sockets_opened_freeze_what_they_brought():
    gc.unfreeze()
    for _ in range(
        heap.FREEZE_EVERY_SOCKETS - 1 - heap._sockets["opened"] % heap.FREEZE_EVERY_SOCKETS
    ):
        heap.socket_opened()
    held = [Node() for _ in range(1000)]
    assert gc.get_freeze_count() == 0
    heap.socket_opened()
    assert gc.get_freeze_count() >= len(held)
    gc.unfreeze()


def test_a_long_full_collection_is_logged(monkeypatch, caplog):
    monkeypatch.setattr(heap, "SLOW_PAUSE_MS", -1.0)
    gc.callbacks.append(heap._watch_full_collections)
    try:
        with caplog.at_level("WARNING", logger="peersupport.heap"):
            gc.collect(1)
            assert not caplog.records  # young collections are not reported
            gc.collect()
    finally:
        gc.callbacks.remove(heap._watch_full_collections)
    assert "a full garbage collection paused this process" in caplog.text


def test_nothing_is_logged_from_the_collections_at_interpreter_exit():
    """The last collections at exit run after the log's stream is gone (pytest's capture
    closes it): they used to print "--- Logging error --- ValueError: I/O operation on closed
    file" under the test summary."""
    program = (
        "import io, logging\n"
        "from peersupport import heap\n"
        "heap.SLOW_PAUSE_MS = -1  # every full collection would be logged\n"
        "stream = io.StringIO()\n"
        "logging.basicConfig(stream=stream)\n"
        "heap.settle()\n"
        "stream.close()  # as pytest closes its capture before the interpreter exits\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Logging error" not in done.stderr
