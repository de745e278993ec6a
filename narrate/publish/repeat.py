"""A task run now and then every so often in a background thread, until stopped.

Beside `narrate serve`, the inbox polls its folder and subscriptions are
updated on a timer; both must outlive any one failed pass.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Repeating:
    """Runs `run` now and then every `interval_s` seconds, until `stop`."""

    def __init__(self, run: Callable[[], object], interval_s: float, name: str) -> None:
        self.run = run
        self.interval_s = interval_s
        self.name = name
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Repeating:
        self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
        self._thread.start()
        return self

    @property
    def stopping(self) -> bool:
        """Asked to stop: a long pass can end early."""
        return self._stop.is_set()

    def stop(self, timeout_s: float = 30.0) -> None:
        """Stop; waits (bounded) for a pass under way to finish."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run()
            except Exception:  # a long-running server must outlive any one bad pass
                log.exception("%s: a pass failed", self.name)
            self._stop.wait(self.interval_s)
