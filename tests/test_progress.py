"""dyads.progress: a line every so often when the output is a log, with the total and rate."""

from __future__ import annotations

import io

from dyads.progress import Progress


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_log_gets_one_line_per_interval_with_total_rate_and_time_left() -> None:
    clock, log = _Clock(), io.StringIO()
    progress = Progress(100, log, label="coding", tty=False, every=30, clock=clock)
    for _ in range(10):
        clock.now += 2
        progress.update()
    assert log.getvalue() == ""  # 20 s: nothing yet
    for _ in range(10):
        clock.now += 2
        progress.update()
    assert log.getvalue() == "coding: 15/100 documents (15%), 0.5/s, about 3 min left\n"
    progress.close()


def test_without_a_total_the_line_says_what_is_known() -> None:
    clock, log = _Clock(), io.StringIO()
    progress = Progress(None, log, label="ingesting", tty=False, every=1, clock=clock)
    clock.now = 4
    progress.update(8)
    assert log.getvalue() == "ingesting: 8 documents, 2.0/s\n"


def test_a_terminal_gets_a_bar() -> None:
    term = io.StringIO()
    progress = Progress(5, term, label="coding", tty=True)
    progress.update(5)
    progress.close()
    assert "coding:" in term.getvalue() and "/5 [" in term.getvalue()  # the bar, total 5
