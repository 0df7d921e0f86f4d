"""Quotations found by their marks: plain text work, before any parse is read.

News text mixes curly, straight and single marks, and an apostrophe is the same character as a
closing single mark, so each mark gets a role from its neighbours (a mark after a space opens,
one before a space or punctuation closes). A quotation that runs to the end of a paragraph
without closing goes on in the next paragraph when that one opens with a mark (the newsroom
convention for quotes over several paragraphs); each paragraph gives one content piece.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from sitrep.annotate.quotes.cues import Marks
from sitrep.model import Spans

# Characters before an opening mark / after a closing mark, besides spaces and line ends.
_BEFORE_OPEN = "([{\u2014\u2013-/"  # brackets, em/en dash, hyphen, slash
_AFTER_CLOSE = ".,;:!?)]}\u2014\u2013-\u2026"  # ... and ellipsis
PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")  # news text: one paragraph per line


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


@dataclass(frozen=True)
class Quoted:
    """One quotation: what lies between its marks (``pieces``, one per paragraph, marks
    excluded) and the extent from the opening mark to just after the closing one."""

    pieces: Spans
    start: int
    end: int


@dataclass(frozen=True)
class _Run:
    """A quotation inside one paragraph; ``closed`` is False when it runs to the paragraph end.
    ``style`` is "straight" or "typographic" for double marks, None for single ones."""

    open_at: int
    content: tuple[int, int]
    end: int
    closed: bool
    style: str | None


def _role(text: str, i: int, marks: Marks) -> tuple[bool, Role] | None:
    """(is a double mark, its role), or None when the character is no quotation mark here."""
    width = _width(text, i, marks)
    c = '"' if width > 1 else text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    after_gap = prev.isspace() or prev in _BEFORE_OPEN or prev in marks.all
    before_gap = nxt.isspace() or nxt in _AFTER_CLOSE or nxt in marks.all
    if c in marks.open:
        return True, Role.CLOSE if before_gap and not after_gap else Role.OPEN
    if c in marks.close:
        return True, Role.OPEN if after_gap and not before_gap else Role.CLOSE
    if c in marks.ambiguous or width > 1:
        if after_gap != before_gap:
            return True, Role.OPEN if after_gap else Role.CLOSE
        return True, Role.EITHER
    if c in marks.single_open + marks.single_close + marks.single_ambiguous:
        if prev.isalnum() and nxt.isalnum():
            return None  # an apostrophe inside a word
        if after_gap and not before_gap and c not in marks.single_close:
            return False, Role.OPEN
        if before_gap and not after_gap and c not in marks.single_open:
            return False, Role.CLOSE
    return None


def _width(text: str, i: int, marks: Marks) -> int:
    """2 where two apostrophes stand for one double mark (''as in old wire copy''), else 1."""
    return len(marks.doubled) if text.startswith(marks.doubled, i) else 1


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _style(c: str, marks: Marks) -> str:
    return "straight" if c in marks.ambiguous else "typographic"


def _runs(text: str, start: int, end: int, marks: Marks) -> list[_Run]:
    """The quotations of one paragraph, in order.

    Double marks nest one level when the inner pair has the other style (a block quote opened
    with a straight mark holding a curly quote); a pair of mixed styles is still a pair. Single
    marks count only outside double ones (inside they are nested quotes).
    """
    runs: list[_Run] = []
    stack: list[tuple[int, str]] = []
    single_at: int | None = None
    i = start
    while i < end:
        found = _role(text, i, marks) if text[i] in marks.all else None
        width = _width(text, i, marks)
        here, i = i, i + width
        if found is None:
            continue
        double, role = found
        if not double:
            if stack:
                continue
            if role is Role.OPEN:
                single_at = here
            elif single_at is not None:
                runs.append(_Run(single_at, trimmed(text, single_at + 1, here), i, True, None))
                single_at = None
            continue
        style = "straight" if width > 1 else _style(text[here], marks)
        if role is Role.EITHER:
            role = Role.CLOSE if stack and stack[-1][1] == style else Role.OPEN
        if role is Role.OPEN:
            if not stack or (stack[-1][1] != style and len(stack) < 2):
                stack.append((here, style))
                single_at = None
            continue
        if len(stack) == 2 and stack[-1][1] != style:
            stack.pop()  # the inner quotation never closed
        if stack:
            opened, kind = stack.pop()
            if not stack:
                inside = trimmed(text, opened + _width(text, opened, marks), here)
                runs.append(_Run(opened, inside, i, True, kind))
    if stack:
        opened, kind = stack[0]
        inside = trimmed(text, opened + _width(text, opened, marks), end)
        runs.append(_Run(opened, inside, end, False, kind))
    return [r for r in runs if r.content[0] < r.content[1]]


def _continues(text: str, run: _Run, paragraph_start: int, style: str | None) -> bool:
    """Whether ``run`` carries on a quotation left open in the paragraph before: it opens its
    paragraph with a mark of the same style."""
    return (
        run.style is not None
        and run.style == style
        and not text[paragraph_start : run.open_at].strip()
    )


def find_quoted(text: str, marks: Marks) -> Iterator[Quoted]:
    """Every quotation of ``text`` in order, quotes over several paragraphs joined."""
    pieces: list[tuple[int, int]] = []
    first = 0
    style: str | None = None
    for para in PARAGRAPH.finditer(text):
        runs = _runs(text, para.start(), para.end(), marks)
        if pieces and runs and _continues(text, runs[0], para.start(), style):
            pieces.append(runs[0].content)
            if not runs[0].closed:
                continue
            yield Quoted(tuple(pieces), first, runs[0].end)
            pieces, runs = [], runs[1:]
        elif pieces:
            yield Quoted(tuple(pieces), first, pieces[-1][1])
            pieces = []
        for run in runs:
            if run.closed:
                yield Quoted((run.content,), run.open_at, run.end)
            else:
                pieces, first, style = [run.content], run.open_at, run.style
    if pieces:
        yield Quoted(tuple(pieces), first, pieces[-1][1])
