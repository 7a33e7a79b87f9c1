from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from dyads.spans import longest_first


@dataclass(frozen=True)
class Item:
    start: int
    end: int


def test_the_longer_of_two_overlapping_spans_wins() -> None:
    assert longest_first([Item(0, 3), Item(2, 10), Item(12, 14)]) == [Item(2, 10), Item(12, 14)]


def test_a_tie_goes_to_the_earlier_span() -> None:
    assert longest_first([Item(4, 8), Item(2, 6)]) == [Item(2, 6)]


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=30))
def test_kept_spans_are_sorted_disjoint_and_cover_every_dropped_one(pairs) -> None:  # noqa: ANN001
    items = [Item(a, a + n) for a, n in pairs]
    kept = longest_first(items)
    assert all(x.end <= y.start for x, y in zip(kept, kept[1:], strict=False))
    for item in items:
        assert any(k.start < item.end and item.start < k.end for k in kept)
