"""Intervals answer overlap queries exactly as a scan of every span would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitrep.intervals import Intervals

spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 40)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=40,
)
query = st.tuples(st.integers(-10, 260), st.integers(0, 60)).map(lambda p: (p[0], p[0] + p[1]))


def _scan(items: list[tuple[int, int, int]], start: int, end: int) -> list[tuple[int, int, int]]:
    end = max(end, start + 1)
    return sorted(x for x in items if x[0] < end and start < x[1])


@given(spans, query)
def test_overlapping_equals_a_scan(found: list[tuple[int, int]], q: tuple[int, int]) -> None:
    items = [(s, e, k) for k, (s, e) in enumerate(found)]
    index = Intervals(items)
    assert sorted(index.overlapping(*q)) == _scan(items, *q)
    assert index.any_overlap(*q) == bool(_scan(items, *q))
    assert index.covers(*q) == any(s <= q[0] and q[1] <= e for s, e, _ in _scan(items, *q))


def test_empty_index_and_point_queries() -> None:
    assert list(Intervals[str]([]).overlapping(0, 10)) == []
    index = Intervals([(5, 9, "a"), (9, 12, "b")])
    assert [x[2] for x in index.overlapping(9, 9)] == ["b"]  # the span holding position 9
    assert [x[2] for x in index.overlapping(0, 5)] == []  # half-open: [5, 9) starts after
