"""Progress of a long run, for the command line: how many documents, how fast, how long.

On a terminal, a tqdm bar with the total, the rate and the time left. Otherwise (a log, a
pipe, a batch job) one line every ``every`` seconds, ``coding: 1,200/10,063 documents (12%),
4.1/s, about 36 min left``, and nothing else: the command prints its own summary at the end.
The library never prints; the commands make a Progress and feed it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TextIO

LOG_EVERY = 30.0
"""Seconds between two progress lines when the output is not a terminal."""


class Progress:
    """Count documents done out of ``total`` (None: unknown) and show it on ``stream``."""

    def __init__(self, total: int | None, stream: TextIO, *, label: str,
                 tty: bool | None = None, every: float = LOG_EVERY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.done = 0
        self._stream = stream
        self._label = label
        self._every = every
        self._clock = clock
        self._started = clock()
        self._last = self._started
        self._bar: Any = None
        if stream.isatty() if tty is None else tty:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", desc=label, file=stream, leave=False,
                             dynamic_ncols=True)

    def update(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            return
        now = self._clock()
        if now - self._last >= self._every:
            self._last = now
            self._stream.write(self.line(now) + "\n")
            self._stream.flush()

    def line(self, now: float | None = None) -> str:
        """``coding: 120/1,063 documents (11%), 2.1/s, about 7 min left``."""
        elapsed = max((now if now is not None else self._clock()) - self._started, 1e-9)
        rate = self.done / elapsed
        if not self.total:
            return f"{self._label}: {self.done:,} documents, {rate:.1f}/s"
        share = self.done / self.total
        left = (self.total - self.done) / rate if rate > 0 else None
        eta = f", about {_duration(left)} left" if left is not None else ""
        return (f"{self._label}: {self.done:,}/{self.total:,} documents ({share:.0%}), "
                f"{rate:.1f}/s{eta}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
