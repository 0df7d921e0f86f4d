"""The annotators and their registry.

An annotator is a plain function ``(doc, so_far, options) -> {field: records}``: it reads the one
spaCy ``Doc`` of the article and the records earlier annotators produced (``so_far``), and
returns records for the fields it declares in ``produces``, which replace that field (an
annotator that adds to an earlier field, as events adds the states of places, returns it
whole). The pipeline writes them; an annotator never mutates state. ``REGISTRY`` is the one
place where they are registered, in order, and ``check_order`` proves at import time that each
one's ``requires`` are met.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.annotate import actors, events, places, quotes, times
from sitrep.annotate.base import Annotations, Annotator
from sitrep.errors import E, SitrepError

__all__ = ["REGISTRY", "Annotations", "Annotator", "check_order"]


REGISTRY: tuple[Annotator, ...] = (
    Annotator("actors", actors.annotate, requires=(), produces=("actors", "mentions")),
    Annotator("times", times.annotate, requires=(), produces=("times",)),
    Annotator("places", places.annotate, requires=("mentions",), produces=("places",)),
    Annotator("quotes", quotes.annotate, requires=("mentions", "times"), produces=("quotes",)),
    Annotator(
        "events", events.annotate,
        requires=("actors", "mentions", "times", "places", "quotes"),
        produces=("events", "actors", "mentions"),  # a place as a side adds its state
    ),
)  # fmt: skip


def check_order(annotators: Sequence[Annotator]) -> None:
    """Raise when an annotator runs before the one that produces what it needs."""
    have: set[str] = set()
    for a in annotators:
        for need in a.requires:
            if need not in have:
                raise SitrepError(E.E012, name=a.name, need=need)
        have.update(a.produces)


check_order(REGISTRY)
