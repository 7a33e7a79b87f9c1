"""Character spans found by several scanners (dates, amounts): keep the longest of overlaps."""

from __future__ import annotations

import bisect
from typing import Protocol, TypeVar


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_Spanned)


def longest_first(found: list[T]) -> list[T]:
    """Drop items that overlap a longer (or, on a tie, earlier) one; sort by position.

    Kept spans never overlap, so their starts and ends are both sorted and one bisection
    finds the only neighbours a new span could touch.
    """
    starts: list[int] = []
    kept: list[T] = []
    for item in sorted(found, key=lambda x: (x.start - x.end, x.start)):
        i = bisect.bisect_right(starts, item.start)
        if (i and kept[i - 1].end > item.start) or (i < len(kept) and kept[i].start < item.end):
            continue
        starts.insert(i, item.start)
        kept.insert(i, item)
    return kept
