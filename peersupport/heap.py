"""Keeping a web process's long-lived objects out of the garbage collector's full passes.

Python's full collection walks every tracked object the process holds. A web process holding
thousands of open sockets holds millions of them, and each full pass froze it, every request
and socket with it, for 0.5-1.4 s at 5,000-10,000 sockets on 2 cores, collecting a few hundred
objects each time (measured with a gc callback during bench/sockets.py). Every crisis alert in
flight waited for it.

So each web process freezes what it holds (`gc.freeze`: from then on full passes walk only
what was created since) once a minute and after every `FREEZE_EVERY_SOCKETS` sockets opened,
and once every few hours thaws and collects everything, so that reference cycles among frozen
objects (a few hundred objects a minute) are reclaimed: that pause comes once in hours instead
of once a minute. Freezing itself costs nothing. With the minute alone, pauses were still
70-420 ms while sockets poured in (1,000 every few seconds in the bench).
"""

import atexit
import gc
import logging
import sys
import threading
import time

logger = logging.getLogger(__name__)

FREEZE_EVERY_SECONDS = 60.0
FREEZE_EVERY_SOCKETS = 250
SLOW_PAUSE_MS = 100.0  # a full collection longer than this is logged as a warning
SWEEP_EVERY_FREEZES = 6 * 60  # six hours

_started = threading.Event()
_sockets = {"opened": 0}


def socket_opened() -> None:
    """Called by every socket accepted (on the event loop's thread)."""
    _sockets["opened"] += 1
    if _sockets["opened"] % FREEZE_EVERY_SOCKETS == 0:
        gc.freeze()


def settle() -> None:
    """Freeze what is loaded now, and keep freezing what this process holds (see above)."""
    gc.collect()
    gc.freeze()
    if not _started.is_set():
        _started.set()
        gc.callbacks.append(_watch_full_collections)
        atexit.register(_stop_watching)
        threading.Thread(target=_keep_frozen, name="heap-freezer", daemon=True).start()


_full_pass: dict = {"started": 0.0}


def _watch_full_collections(phase: str, info: dict) -> None:
    """Say so in the log when a full collection paused this process (everything in it)."""
    if info["generation"] != 2:
        return
    if phase == "start":
        _full_pass["started"] = time.perf_counter()
        return
    paused_ms = (time.perf_counter() - _full_pass["started"]) * 1000
    if paused_ms > SLOW_PAUSE_MS and not sys.is_finalizing():
        logger.warning("a full garbage collection paused this process for %.0f ms", paused_ms)


def _stop_watching() -> None:
    """At exit the interpreter's last collections run after logging's streams are closed
    (pytest's capture, a server's stderr): logging from there only prints a logging error."""
    if _watch_full_collections in gc.callbacks:
        gc.callbacks.remove(_watch_full_collections)


def _keep_frozen() -> None:
    minute = 0
    while True:
        time.sleep(FREEZE_EVERY_SECONDS)
        minute += 1
        tick(minute)


def tick(minute: int) -> None:
    """One minute of `_keep_frozen`: freeze, and every few hours first thaw and collect."""
    if minute % SWEEP_EVERY_FREEZES == 0:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
