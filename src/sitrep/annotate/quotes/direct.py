"""Ties each quotation to the frame that attributes it, and turns frames into found quotes.

A quotation belongs to the frame whose reported clause it overlaps (the parse saw the quote as
what the cue reports); failing that, to a dash and a name after it on its line ("“...” — Anna
Berg"), to a speech verb beside it in the same sentence, after it
("...," she said) or before a colon or comma ("She said: ...", "issued a statement: ...",
"She went on: ..."), or to whatever verb heads the sentence that a quotation opens and leaves
open with a comma ("...," Trump shot back). A quotation with no cue of its own continues the
quote before it when the attribution sits between them ("...," he said. "...") or when it
fills a paragraph right after a quote, and an indirect quote when it follows one in the same
paragraph ("X said ... . “...”"). A quotation still without one is a quote with no speaker
when it fills its paragraph with a statement of its own (six words or more); anything else is
a title, slogan or scare quote and is dropped.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from sitrep.annotate.quotes.cues import Cues, Marks
from sitrep.annotate.quotes.frames import Found, Frame
from sitrep.annotate.quotes.layout import byline_frame
from sitrep.annotate.quotes.marks import Quoted
from sitrep.annotate.quotes.syntax import (
    COLON,
    COMMA,
    COMMON_NOUN_POS,
    NAME_POS,
    VERB_POS,
    has_subject,
    speaker_of,
    token_runs,
)
from sitrep.intervals import Intervals
from sitrep.model import Spans
from sitrep.nlp import overlaps

# Punctuation that ends a quotation followed by its attribution (",” she said").
ATTRIBUTION_PUNCT = ",?!\u2014\u2013-\u2026"  # also em/en dash, ellipsis
# Punctuation that ends a lead-in to a quotation ("She said: “...").
LEAD_IN_PUNCT = ":,"
SENTENCE_END = ".!?"
FULL_STOP = "."  # "“We won.” He left.": the quotation ends its sentence
OTHER_STOPS = "?!"  # "“Why?” she asked." goes on, "“Why?” The crowd roared." does not
ATTRIBUTING_POS = "VERB"
ATTRIBUTING_DEPS = ("ROOT", "parataxis")  # "“...,” Trump shot back": the sentence's own verb
COMPLEMENT_WORD = " that"  # a lead-in may end "... said that “...”"
# How many tokens an attribution may sit from its quotation: enough for a long speaker
# ("Anna Berg, a spokeswoman for the port authority of the city, said on Monday"), short enough
# not to reach into the next clause. Re-run the quotes evaluation after changing it.
MAX_GAP = 24
# A quotation without a cue that fills its paragraph is a quote only from this many words on;
# shorter ones are titles, slogans or scare quotes.
MIN_STANDALONE_WORDS = 6
# The most words a speaker read off the surface beside its cue may have ("Anna Berg, a
# spokeswoman ..." stops at the comma; a longer run is a clause, not a name).
MAX_SPEAKER_WORDS = 8


@dataclass(frozen=True)
class _Page:
    """The article as the surface rules read it: its text once (``Doc.text`` rebuilds it on
    every call) and the token start offsets, to find the tokens beside a quotation by bisection."""

    doc: Doc
    text: str
    starts: list[int]
    cues: Cues

    @classmethod
    def of(cls, doc: Doc, cues: Cues) -> _Page:
        return cls(doc, doc.text, [t.idx for t in doc], cues)

    def after(self, char: int, n: int) -> list[Token]:
        """The ``n`` tokens that start at or after ``char``."""
        first = bisect_left(self.starts, char)
        return list(self.doc[first : first + n])

    def before(self, char: int, n: int) -> list[Token]:
        """The ``n`` tokens that end at or before ``char``, nearest first."""
        last = bisect_left(self.starts, char)
        toks = [t for t in self.doc[max(0, last - n - 1) : last] if t.idx + len(t) <= char]
        return toks[::-1][:n]


def _ends_paragraph(tok: Token) -> bool:
    return "\n" in tok.whitespace_ or "\n" in tok.text


def _is_cue(tok: Token, cues: Cues) -> bool:
    return tok.pos_ in VERB_POS and cues.lemma(tok) in cues.direct


def _ends_sentence(page: _Page, q: Quoted) -> bool:
    """A quotation that closes on a full stop ends its sentence ("“We won.” He left."), so a
    speech verb after it belongs to the next one; one that closes on "?" or "!" does too when
    a capitalised word other than a name follows ("“Why?” The crowd roared.")."""
    mark = page.text[q.pieces[-1][1] - 1]
    if mark == FULL_STOP:
        return True
    nxt = page.after(q.end, 1)
    return mark in OTHER_STOPS and bool(nxt) and nxt[0].is_title and nxt[0].pos_ != NAME_POS


def _cue_after(page: _Page, q: Quoted) -> Token | None:
    """A speech verb right after the quotation, in the same sentence and paragraph; failing
    that, after a quotation closed by a comma (which leaves its sentence open for the
    attribution), the first verb whose subject stands after the quotation, whatever the verb
    ("“...,” Trump shot back")."""
    last = q.pieces[-1][1] - 1
    if _ends_sentence(page, q):
        return None
    gap = MAX_GAP if page.text[last] in ATTRIBUTION_PUNCT else 3
    open_clause = page.text[last] == COMMA and _opens_sentence(page, q)
    fallback: Token | None = None
    for tok in page.after(q.end, gap):
        if tok.text in page.cues.marks.all or tok.text in SENTENCE_END:
            break
        if _is_cue(tok, page.cues):
            return tok
        if open_clause and fallback is None and _attributing(tok, q):
            fallback = tok
        if _ends_paragraph(tok):
            break
    return fallback


def _opens_sentence(page: _Page, q: Quoted) -> bool:
    """A quotation that opens its sentence; one inside a sentence and closed by a comma is
    mostly a title or a term set off in it ("on CBS's “This Morning,” he said")."""
    first = page.after(q.start, 1)
    return bool(first) and first[0].sent.start == first[0].i


def _attributing(tok: Token, q: Quoted) -> bool:
    """A verb that can attribute the quotation before it: the head of its sentence, or set
    off in it, with its subject after the quotation (not a relative clause on a title:
    "“Night Shift,” which critics loved, ran for years")."""
    return (
        tok.pos_ == ATTRIBUTING_POS
        and tok.dep_ in ATTRIBUTING_DEPS
        and has_subject(tok, after=q.end)
    )


def _cue_before(page: _Page, q: Quoted) -> Token | None:
    """The nearest speech verb before a quotation that a colon or comma leads into, in the same
    sentence or at the end of the paragraph before, else what a colon closes; or a verb of
    manner right before it."""
    end = _skip_space_back(page.text, q.start)
    lead = page.text[max(0, end - len(COMPLEMENT_WORD)) : end]
    if not lead:
        return None
    if lead[-1] not in LEAD_IN_PUNCT and lead != COMPLEMENT_WORD:
        # a verb of manner right before the quotation frames it ('chanted "Lock her up"'); a
        # speech verb there takes it as its complement, which the verb frames read
        verb = next(iter(page.before(end, 1)), None)
        if verb is not None and _is_cue(verb, page.cues):
            return verb if page.cues.lemma(verb) in page.cues.manner else None
        return None
    toks = page.before(end, MAX_GAP)
    for tok in toks:
        if tok.text in SENTENCE_END or tok.text in page.cues.marks.all:
            break
        if _is_cue(tok, page.cues):
            return tok
    if lead[-1] != COLON or len(toks) < 2 or not _closes_sentence(page, q):
        return None
    return _colon_lead(toks, page.cues)


def _closes_sentence(page: _Page, q: Quoted) -> bool:
    """A quotation with nothing but punctuation after it in its sentence: a statement, not an
    item of a list ("two aims: “free tuition” and “paid leave”")."""
    last = page.before(q.end, 1)
    return bool(last) and all(
        t.is_punct or t.is_space for t in last[0].doc[last[0].i + 1 : last[0].sent.end]
    )


def _colon_lead(toks: Sequence[Token], cues: Cues) -> Token | None:
    """What leads into a quotation across a colon when no speech verb does (``toks``: the
    colon, then the words before it, nearest first): a reporting noun right before the colon
    ("issued a statement: “...”"), else the verb of the clause the colon closes, with its
    subject before it ("She went on: “...”", "The mayor delivered a blunt message: “...”")."""
    colon, last = toks[0], toks[1]
    if last.pos_ == COMMON_NOUN_POS and cues.lemma(last) in cues.nouns:
        return last
    verb = last  # the head of the clause before the colon (the parser may hang it on the quote)
    while verb.head.i < colon.i and verb.head != verb:
        verb = verb.head
    if verb.pos_ == ATTRIBUTING_POS and has_subject(verb, before=verb.idx):
        return verb
    return None


class _Live:
    """The frames that can own quotations, indexed for what ``attribute`` asks per quotation
    (which frame's content holds it, which frame has this cue, which contents end just before
    it): a scan of every frame per quotation made long articles quadratic."""

    def __init__(self, frames: Sequence[Frame]) -> None:
        self.frames = list(frames)
        self._contents = Intervals(
            (s, e, n) for n, f in enumerate(self.frames) for s, e in f.content
        )
        self._ends = sorted((f.content[-1][1], n) for n, f in enumerate(self.frames) if f.content)
        self._cues: dict[Spans, int] = {}
        for n, f in enumerate(self.frames):
            self._cues.setdefault(f.cue, n)
        self._added: list[int] = []  # frames appended after indexing: few, scanned

    def add(self, frame: Frame) -> int:
        n = len(self.frames)
        self.frames.append(frame)
        self._added.append(n)
        self._cues.setdefault(frame.cue, n)
        return n

    def with_cue(self, cue: Spans) -> int | None:
        return self._cues.get(cue)

    def nearest(self, q: Quoted) -> int | None:
        """The frame whose content overlaps ``q`` and whose cue is closest to it (the first
        such frame on a tie)."""
        found = {n for s, e in q.pieces for _, _, n in self._contents.overlapping(s, e)}
        found |= {n for n in self._added if overlaps(self.frames[n].content, q.pieces)}
        best: tuple[int, int] | None = None
        for n in sorted(found):
            f = self.frames[n]
            dist = min(abs(f.at - q.start), abs(f.at - q.end))
            if best is None or dist < best[0]:
                best = (dist, n)
        return best[1] if best else None

    def ending_in(self, lo: int, hi: int) -> list[int]:
        """The frames whose content ends in ``[lo, hi]``, in frame order."""
        first = bisect_left(self._ends, (lo, -1))
        last = bisect_left(self._ends, (hi + 1, -1))
        found = {n for _, n in self._ends[first:last]}
        found |= {n for n in self._added if lo <= _end(self.frames[n]) <= hi}
        return sorted(found)


def _end(frame: Frame) -> int:
    return frame.content[-1][1] if frame.content else -1


def _surface_frame(page: _Page, q: Quoted) -> Frame | None:
    byline = byline_frame(page.text, q)
    if byline is not None:
        return byline
    tok = _cue_after(page, q) or _cue_before(page, q)
    if tok is None:
        return None
    return Frame(token_runs([tok]), speaker_of(tok, page.cues), (), tok.idx)


def _misread_after(page: _Page, q: Quoted, frame: Frame) -> bool:
    """Whether a frame's clause after its cue is the parser's misreading of a quotation's
    attribution: the quotation opens the sentence and leaves it open with a comma for the cue
    right after it, so whatever follows the speaker and cue is a modifier of theirs, not what
    they said ('“...,” she said on Monday of the firm, whose owner [moved] jobs abroad', '“...,”
    said Anna Berg, who [recalled] ...')."""
    content = frame.content
    return (
        bool(content and frame.cue)
        and page.text[q.pieces[-1][1] - 1] == COMMA
        and _opens_sentence(page, q)
        and q.end <= frame.at
        and content[0][0] > frame.cue[-1][1]
    )


def _standalone(page: _Page, q: Quoted) -> bool:
    """A quotation that makes up its whole paragraph and is long enough to be said, not named."""
    text = page.text
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    rest = text[q.end : len(text) if line_end < 0 else line_end]
    words = sum(len(text[s:e].split()) for s, e in q.pieces)
    alone = not text[line_start : q.start].strip() and not rest.strip().strip(SENTENCE_END)
    closed = text[q.end - 1] in page.cues.marks.all  # an unclosed mark: a block quote or typo
    return alone and closed and words >= MIN_STANDALONE_WORDS


def _set_off(text: str, q: Quoted) -> bool:
    """A quotation after punctuation, as one that resumes a quote after its attribution is
    ('...," he said. "..."', '...," he said, "..."'); one right after a word is a title or
    a term inside the attribution ('he said on ABC's "This Week."')."""
    before = _char_before(text, q.start)
    return not before.isalnum()


def _char_before(text: str, at: int) -> str:
    """The last character before ``at`` that is not white space ("" at the start)."""
    i = _skip_space_back(text, at)
    return text[i - 1] if i > 0 else ""


def _skip_space_back(text: str, at: int) -> int:
    """Where the white space before ``at`` starts: a scan, not a slice, since it runs once per
    quotation of articles of any length."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def _same_paragraph(text: str, start: int, end: int) -> bool:
    return "\n" not in text[start:end]


def _next_paragraph(text: str, prev: Quoted, q: Quoted) -> bool:
    """``q`` opens the paragraph right after the one where ``prev`` ends."""
    return "\n" not in text[prev.end : q.start].strip()


def _outside_words(text: str, content: Spans, quoted: Sequence[Quoted]) -> bool:
    """Whether the frame's clause says something outside its quotations (a mixed quote)."""
    return any(
        text[i].isalnum() and not any(q.start <= i < q.end for q in quoted)
        for s, e in content
        for i in range(s, e)
    )


def _union(a: Spans, b: Spans) -> Spans:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(a + b):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return tuple(merged)


def _marked(text: str, pieces: Spans, marks: Marks) -> Spans:
    """Quotation pieces with the marks that enclose them: news attribution corpora (PolNeAR)
    count the marks as part of a direct quote, and they add to its overlap with one that
    does. A mark is one character, or two where two apostrophes stand for one."""
    wide = len(marks.doubled)
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        s, e = start, end
        while s > max(0, start - wide) and text[s - 1] in marks.all:
            s -= 1
        while e < min(len(text), end + wide) and text[e] in marks.all:
            e += 1
        out.append((s, e))
    return tuple(out)


def _leads_into(text: str, frame: Frame, q: Quoted) -> bool:
    """Whether a quotation with no cue of its own goes on from an indirect frame just before
    it, in the same paragraph, with nothing between them but punctuation and the frame's own
    cue and speaker ("X said the talks had stalled. “We are far apart.”", "..., X said.
    “...”"): the quotation carries on the same statement."""
    if not frame.content:
        return False
    end = frame.content[-1][1]
    if end > q.start or not _same_paragraph(text, end, q.start):
        return False
    own = (frame.cue or ()) + (frame.speaker or ())
    return all(
        not text[i].isalnum() or any(s <= i < e for s, e in own) for i in range(end, q.start)
    )


def _beside(page: _Page, frame: Frame, outer: Spans) -> Spans | None:
    """The speaker of a frame whose parse put its subject inside the quotation (the cue read as
    a conjunct of the quoted clause): the words between the quotation and the cue ("“...,”
    the police chief said"), else those right after the cue ("“...,” said Anna Berg,")."""
    if not frame.cue or frame.speaker is None or not overlaps(frame.speaker, outer):
        return frame.speaker
    cue = page.after(frame.cue[0][0], 1)
    if not cue:
        return None
    start = max((e for _, e in outer if e <= cue[0].idx), default=None)
    if start is None:
        return None  # a cue before its quotation: the words after it are what was said
    words = page.after(start, cue[0].i - bisect_left(page.starts, start))
    if not any(t.is_alpha for t in words):
        words = []
        for tok in page.after(cue[0].idx + len(cue[0]), MAX_SPEAKER_WORDS + 1):
            if tok.is_punct:
                break
            words.append(tok)
    names = [t for t in words if not t.is_punct and not t.is_space]
    if not names or len(names) > MAX_SPEAKER_WORDS:
        return None
    return token_runs(names)


def _found(page: _Page, frame: Frame, quoted: Sequence[Quoted]) -> Found | None:
    text = page.text
    if not quoted:
        if not frame.content:
            return None
        return Found(frame.content, frame.cue, frame.speaker, "indirect")
    pieces = _marked(text, tuple(p for q in quoted for p in q.pieces), page.cues.marks)
    outer = tuple((q.start, q.end) for q in quoted)
    frame = Frame(frame.cue, _beside(page, frame, outer), frame.content, frame.at)
    # only the stretch of the reported clause that holds the quotations: another clause the
    # parser hung on the same cue ("X, she said: “...”") is not part of this quote; all of it
    # when the quotations only follow it ("X said the talks had stalled. “...”")
    clause = tuple(run for run in frame.content if overlaps((run,), outer)) or frame.content
    clause = _from_lead_in(text, clause, quoted, frame.at)
    if _outside_words(text, clause, quoted):
        return Found(_union(clause, pieces), frame.cue, frame.speaker, "mixed")
    return Found(pieces, frame.cue, frame.speaker, "direct")


def _from_lead_in(text: str, clause: Spans, quoted: Sequence[Quoted], cue: int) -> Spans:
    """The clause from its first quotation on, when a colon leads into that quotation and the
    cue follows it ('... fundraising: "...," he said'): the words before the colon are the
    writer's, which the parser hung on the quotation's clause. (Before a comma they are often
    the quotation's own subject: 'Mrs. Smith, with her record, "is seen as ...," he said'.)"""
    first = quoted[0].start
    if cue < quoted[0].end or _char_before(text, first) != COLON:
        return clause
    kept = tuple((max(s, first), e) for s, e in clause if e > first)
    return kept or clause


def _holders(spans: Spans, index: Intervals[int], but: int | None = None) -> set[int]:
    """The indexed items (other than ``but``) with a piece holding every piece of ``spans``.
    A cue inside a quotation, or inside another frame's content, is reported speech, not a
    cue of its own."""
    common: set[int] | None = None
    for start, end in spans:
        holders = {
            k for s, e, k in index.overlapping(start, end) if s <= start and end <= e and k != but
        }
        common = holders if common is None else common & holders
        if not common:
            return set()
    return common or set()


def _outermost(frames: Sequence[Frame]) -> list[Frame]:
    """The frames whose cue no other frame reports. Two frames may each hold the other's cue
    ("leads in national polls, according to ..."): the parse is then ambiguous, and the
    frame of the finder of higher precedence (earlier in ``frames``) stays."""
    contents = Intervals((s, e, k) for k, f in enumerate(frames) for s, e in f.content)
    held_by = [_holders(f.cue, contents, but=k) for k, f in enumerate(frames)]
    return [f for k, f in enumerate(frames) if all(k in held_by[j] and k < j for j in held_by[k])]


def attribute(
    doc: Doc, quoted: Sequence[Quoted], frames: Sequence[Frame], cues: Cues
) -> list[Found]:
    """Every quote of the article: frames with the quotations they own, indirect frames, and
    quotations that stand alone in their paragraph."""
    page = _Page.of(doc, cues)
    text = page.text
    inner = Intervals((s, e, k) for k, q in enumerate(quoted) for s, e in q.pieces)
    live = _outermost([f for f in frames if not _holders(f.cue, inner)])
    candidates = _Live(live)
    owned: dict[int, list[Quoted]] = {}
    lone: list[Quoted] = []
    dropped: set[int] = set()  # frames whose clause was a misparse of the words after a quote
    # the last quotation that found an owner: a title or scare quote between two halves of a
    # quote ('"...," he said on ABC's "This Week." "..."') does not break the quote
    last: tuple[int, Quoted] | None = None
    for q in quoted:
        n = candidates.nearest(q)
        if n is None and (sf := _surface_frame(page, q)) is not None:
            # the cue may already frame the other half of a split quotation ("...," he said,
            # "..."); one that reports a clause of its own is not the cue of this quotation
            same = candidates.with_cue(sf.cue)
            if same is None:
                n = candidates.add(sf)
            elif any(inner.any_overlap(s, e) for s, e in candidates.frames[same].content):
                n = same
            elif _misread_after(page, q, candidates.frames[same]):
                dropped.add(same)
                n = candidates.add(replace(candidates.frames[same], content=()))
        if n is None and last is not None:
            prev, before = last
            between = before.end <= candidates.frames[prev].at < q.start
            resumes = between and _same_paragraph(text, before.end, q.start) and _set_off(text, q)
            if resumes or (_standalone(page, q) and _next_paragraph(text, before, q)):
                n = prev
        if n is None:
            paragraph = text.rfind("\n", 0, q.start) + 1
            n = next(
                (
                    i
                    for i in candidates.ending_in(paragraph, q.start)
                    if _leads_into(text, candidates.frames[i], q)
                ),
                None,
            )
        if n is not None:
            last = (n, q)
            owned.setdefault(n, []).append(q)
        elif _standalone(page, q):
            lone.append(q)
    found = [
        _found(page, f, owned.get(n, []))
        for n, f in enumerate(candidates.frames)
        if n not in dropped
    ]
    found += [Found(_marked(text, q.pieces, cues.marks), None, None, "direct") for q in lone]
    return [f for f in found if f is not None]
