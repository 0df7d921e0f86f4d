"""The quotes annotator: who said what, direct, indirect or mixed, with its evidence spans.

Three steps, each in its own module: quotations found by their marks (``marks``),
attribution frames read off the parse (``frames``), and the two tied together
(``direct``). This module turns what they found into ``Quote`` records: it drops quotes
taken from page chrome (captions, boilerplate, the headline but for its own "Source:
statement") and repeats of one quote (a caption printed twice), resolves the speaker to an
actor through the mentions, and dates each quote by its attribution ("..., he said on May
21") or else by the article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from sitrep.annotate.base import Annotations, mention_covering
from sitrep.annotate.quotes import cues, frames, stance
from sitrep.annotate.quotes.direct import attribute
from sitrep.annotate.quotes.frames import Found, find_frames
from sitrep.annotate.quotes.layout import block_quotes, headline_quote, transcript_turns
from sitrep.annotate.quotes.marks import find_quoted
from sitrep.annotate.quotes.syntax import OBJECT_DEP, PREP_DEP, RELATIVE_DEP
from sitrep.annotate.times import governing_date
from sitrep.model import Mention, Quote, Spans
from sitrep.nlp import inside, overlaps
from sitrep.options import Options

# Whose a speaker is, not who: "[Scott's] family", "[Trump] supporters", "lawyer for [Ruiz]".
OWNER_DEPS = ("poss", "compound")
OWNER_PREPS = ("for", "of")
RELATIVE_TAGS = ("WP", "WDT")  # "who", "which", "that" heading a relative clause
# A quote's date is a calendar value ("2018-05-21", "2018-05", "2018"), not "PRESENT_REF":
# the calendar part of a TIMEX3 value, before any time of day ("2016-12-18TMO" -> the 18th).
CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d{2}){0,2}(?=$|T)")


def annotate(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Quote]]:
    """``{"quotes": [...]}`` in text order."""
    lexicon = cues.load()
    text = doc.text
    headline = headline_quote(doc, lexicon)
    turns = transcript_turns(text) + headline + block_quotes(doc, lexicon)
    taken = tuple(p for t in turns for p in t.content)
    quoted = [q for q in find_quoted(text, lexicon.marks) if not overlaps(q.pieces, taken)]
    finders = (*frames.FINDERS, *stance.FINDERS)
    framed = [f for f in find_frames(doc, lexicon, finders) if not inside(f.cue, taken)]
    found = _carried(turns + attribute(doc, quoted, framed, lexicon), text)
    chrome = so_far.article.chrome
    seen: set[tuple[str, str]] = set()
    quotes: list[Quote] = []
    for f in sorted(found, key=lambda f: f.content):
        # the same words under the same cue word count once, whoever is named as speaker:
        # mostly one quote printed twice (a pull quote, a caption); under another cue ("X
        # reported that ...", then "Y denied that ...") they are another attribution. Keying
        # on the speaker too found 12 more PolNeAR train quotes but cost dev precision.
        key = (_normalised(text, f.content), _normalised(text, f.cue or ()))
        # the headline is chrome, but its own "Source: statement" is the article's quote
        if key in seen or (chrome and overlaps(f.content, chrome) and f not in headline):
            continue
        seen.add(key)
        quotes.append(_record(doc, so_far, f, lexicon))
    return {"quotes": quotes}


def _carried(found: list[Found], text: str) -> list[Found]:
    """A paragraph that is all quotation, with no attribution of its own, goes on with the
    speaker of the paragraph before ("..., she said." then "“...”"), as news prose writes a
    speaker's next words."""
    out: list[Found] = []
    for f in found:
        start = f.content[0][0]
        opens = text.rfind("\n", 0, start) + 1
        if f.cue is None and f.speaker is None and opens > 0 and not text[opens:start].strip():
            before = text[:opens].rstrip()
            previous = before.rfind("\n") + 1
            owner = [
                g
                for g in found
                if g.cue is not None and g.speaker and previous <= g.cue[0][0] < len(before)
            ]
            if owner:
                last = max(owner, key=lambda g: g.cue[0][0] if g.cue else 0)
                f = replace(f, cue=last.cue, speaker=last.speaker)
        out.append(f)
    return out


def _normalised(text: str, spans: Spans) -> str:
    return " ".join(" ".join(text[s:e] for s, e in spans).lower().split())


def _record(doc: Doc, so_far: Annotations, f: Found, lexicon: cues.Cues) -> Quote:
    return Quote(
        content=f.content, cue=f.cue, speaker=f.speaker,
        speaker_actor=_actor(doc, so_far, f, lexicon), kind=f.kind, date=_date(doc, so_far, f),
    )  # fmt: skip


def _actor(doc: Doc, so_far: Annotations, f: Found, lexicon: cues.Cues) -> str | None:
    """The actor of the mention under the speaker; for a relative pronoun ("officials, who
    said ..."), the actor of the noun it stands for."""
    if not f.speaker:
        return None
    (start, end), *_ = f.speaker
    mention = mention_covering(so_far.mentions, start, end)
    words = doc.char_span(start, end)
    if mention is not None and words is not None and _owner(words.root, mention, lexicon):
        return None  # "Pagliano's lawyer said": the lawyer, whom no mention names
    if mention is None and words is not None and len(words) == 1:
        pronoun = words[0]
        if pronoun.tag_ in RELATIVE_TAGS and pronoun.head.dep_ == RELATIVE_DEP:
            noun = pronoun.head.head
            mention = mention_covering(so_far.mentions, noun.idx, noun.idx + len(noun.text))
    return mention.actor_id if mention else None


def _owner(head: Token, mention: Mention, lexicon: cues.Cues) -> bool:
    """Whether ``mention`` names only whose the speaker is, when the speaker is someone else
    ("his brother", "Scott's lawyer", "Trump supporters", "the lawyer for Ms. Ruiz"); a
    campaign or remarks speak for their owner."""
    if lexicon.lemma(head) not in lexicon.other_people:
        return False
    owners = [c for c in head.children if c.dep_ in OWNER_DEPS]
    owners += [
        o
        for p in head.children
        if p.dep_ == PREP_DEP and p.lower_ in OWNER_PREPS
        for o in p.children
        if o.dep_ == OBJECT_DEP
    ]
    (start, end), *_ = mention.span
    return any(
        c.left_edge.idx <= start and end <= c.right_edge.idx + len(c.right_edge) for c in owners
    )


def _date(doc: Doc, so_far: Annotations, f: Found) -> str | None:
    """The date of the attribution itself, else the article's publication date."""
    frame = (f.cue or ()) + (f.speaker or ())
    if frame:
        start, end = min(s for s, _ in frame), max(e for _, e in frame)
        ref = governing_date(doc, so_far, start, end, skip=f.content)
        day = CALENDAR_VALUE.match(ref.value) if ref is not None and ref.value else None
        if day is not None:
            return day.group()
    published = so_far.article.published
    return published.isoformat() if published else None
