"""Quotes attributed by layout rather than by a verb: interview transcripts and bylined quotes.

Four newsroom conventions name the speaker with punctuation alone:
- a transcript turn, a paragraph that opens with the speaker's name in capitals and a colon
  ("SMITH: We will ..."), running on through the following paragraphs that open with the
  same quotation mark (the block-quote convention) until the next turn;
- a quotation followed on its line by a dash and a name ("“...” ― Jane Doe"), as in pull
  quotes and round-ups of readers' or voters' comments;
- a block quote without marks, a paragraph after a lead-in that ends on a speech verb and a
  colon ("The governor added:");
- a headline that opens with its source and a colon ("Mayor: the bridge stays shut",
  "Survey: most voters back the levy"), when the source is a name or a source noun, or a
  headline whose words after the colon are a quotation and whose words before it name someone
  ('Senator Holt Grills Bank Chief: “You Misled Us”': Holt, the first person named, said it).
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Doc, Span

from sitrep.annotate.quotes.cues import Cues
from sitrep.annotate.quotes.frames import Found, Frame
from sitrep.annotate.quotes.marks import PARAGRAPH, Quoted, trimmed
from sitrep.annotate.quotes.syntax import VERB_POS, speaker_of
from sitrep.model import QuoteKind
from sitrep.nlp import char_span

# A turn label: one to four words in capitals (titles with a period allowed), then a colon.
TURN = re.compile(
    r"^[ \t]*(?P<mark>[\"\u201c\u201d]?)[ \t]*"
    r"(?P<label>[A-Z][A-Z'\u2019.\-]*(?:[ \t]+[A-Z][A-Z'\u2019.\-]*){0,3})"
    r"(?P<colon>:)[ \t]+(?P<rest>\S.*)$",
    re.MULTILINE,
)
MIN_TURNS = 2
LEAD_IN = ":"  # "The governor added:" before a block quote
# A headline source: one to four capitalised words, then a colon and the statement.
HEADLINE = re.compile(
    r"^[ \t]*(?P<label>[A-Z][\w.'\u2019\-]*(?:[ \t]+[A-Z][\w.'\u2019\-]*){0,3})"
    r"(?P<colon>:)[ \t]+(?P<rest>\S.*)$"
)
# A quoted headline: up to a dozen words, a colon, then a quotation.
QUOTED_HEADLINE = re.compile(r"^[ \t]*(?P<label>[^:\n]+?)(?P<colon>:)[ \t]+(?P<rest>\S.*)$")
MAX_QUOTED_HEADLINE_LABEL = 12
NAME_ENTITIES = ("PERSON", "ORG", "GPE", "NORP")
PERSON_ENTITY = "PERSON"
ORG_ENTITY = "ORG"
MIN_HEADLINE_WORDS = 3  # "Update: Storm" is a label, not a statement
# A byline after a quotation: a dash (horizontal bar, em, en or hyphen), then a name of one to
# five capitalised words, and nothing else before the line ends.
BYLINE = re.compile(
    r"[ \t\u00a0]*(?P<dash>[\u2015\u2014\u2013-])[ \t\u00a0]*"
    r"(?P<name>[A-Z][\w.'\u2019-]*(?:[ \t\u00a0]+[A-Z][\w.'\u2019-]*){0,4})[ \t\u00a0.,]*$",
    re.MULTILINE,
)


def transcript_turns(text: str) -> list[Found]:
    """Every transcript turn, with the paragraphs that carry it on. One labelled paragraph
    alone is no transcript ("UPDATE: ..."), so it takes two turns or more."""
    turns: list[Found] = []
    mark: str | None = None  # the mark that carries the last turn on, None once it ended
    for para in PARAGRAPH.finditer(text):
        m = TURN.match(text, para.start(), para.end())
        line = para.group().lstrip()
        if m is not None:
            mark = m.group("mark")
            content = (trimmed(text, m.start("rest"), para.end()),)
            turns.append(Found(content, (m.span("colon"),), (m.span("label"),), "direct"))
        elif turns and mark and line.startswith(mark):
            start = para.end() - len(line) + len(mark)
            last = turns[-1]
            piece = trimmed(text, start, para.end())
            turns[-1] = Found((*last.content, piece), last.cue, last.speaker, "direct")
        else:
            mark = None
    return turns if len(turns) >= MIN_TURNS else []


def byline_frame(text: str, q: Quoted) -> Frame | None:
    """The dash-and-name attribution right after a quotation on its line, if there is one."""
    line_end = text.find("\n", q.end)
    m = BYLINE.match(text, q.end, len(text) if line_end < 0 else line_end)
    if m is None:
        return None
    return Frame((m.span("dash"),), (m.span("name"),), (), m.start("dash"))


def block_quotes(doc: Doc, cues: Cues) -> list[Found]:
    """A paragraph of its own after a lead-in that ends on a speech verb and a colon ("The
    governor added:"), set as a block quote without quotation marks: the paragraph is what
    was said. One that opens with a mark is a quotation, which the marks find."""
    text = doc.text
    found: list[Found] = []
    for lead, block in pairwise(PARAGRAPH.finditer(text)):
        head = lead.group().rstrip()
        if not head.endswith(LEAD_IN) or block.group().lstrip()[:1] in cues.marks.all:
            continue
        colon = lead.start() + len(head) - 1
        words = doc.char_span(lead.start(), colon, alignment_mode="expand")
        if words is None or len(words) == 0:
            continue
        cue = words[-1]
        if cue.pos_ not in VERB_POS or cues.lemma(cue) not in cues.speech:
            continue
        content = (trimmed(text, block.start(), block.end()),)
        found.append(Found(content, char_span(cue), speaker_of(cue, cues), "direct"))
    return found


def headline_quote(doc: Doc, cues: Cues) -> list[Found]:
    """The statement of a "Source: statement" headline in the article's first paragraph."""
    text = doc.text
    first = PARAGRAPH.search(text)
    if first is None:
        return []
    m = HEADLINE.match(text, first.start(), first.end())
    if m is None or len(m.group("rest").split()) < MIN_HEADLINE_WORDS:
        return _quoted_headline(doc, cues, first.start(), first.end())
    label = doc.char_span(*m.span("label"), alignment_mode="expand")
    named = label is not None and (
        all(t.ent_type_ in NAME_ENTITIES for t in label) or _named_later(doc, label.text, m.end())
    )
    if not named and m.group("label").lower() not in cues.headline_sources:
        return _quoted_headline(doc, cues, first.start(), first.end())
    content = trimmed(text, m.start("rest"), m.end("rest"))
    kind = _headline_kind(text, content, cues)
    return [Found((content,), (m.span("colon"),), (m.span("label"),), kind)]


def _quoted_headline(doc: Doc, cues: Cues, start: int, end: int) -> list[Found]:
    """A headline that gives a quotation after a colon, spoken by the first person (else
    organisation) named before it ('A Lesson From Mayor Ruiz: “Listen First”', 'Holt Grills
    Bank Chief: “You Misled Us”')."""
    text = doc.text
    m = QUOTED_HEADLINE.match(text, start, end)
    if m is None or len(m.group("label").split()) > MAX_QUOTED_HEADLINE_LABEL:
        return []
    content = trimmed(text, m.start("rest"), m.end("rest"))
    if len(text[slice(*content)].split()) < MIN_HEADLINE_WORDS:
        return []
    if _headline_kind(text, content, cues) != "direct":
        return []  # the words after the colon must be one quotation, and nothing after it
    label = doc.char_span(*m.span("label"), alignment_mode="expand")
    speaker = _speaker_in(doc, label, end) if label is not None else None
    if speaker is None:
        return []
    return [Found((content,), (m.span("colon"),), (speaker,), "direct")]


def _speaker_in(doc: Doc, label: Span, body: int) -> tuple[int, int] | None:
    """Who speaks in a headline's label: the first person named there, else the first
    organisation ("Nairobi Council Chief Maria Ruiz" is Ruiz; a place names no speaker). A
    person is one the parser tagged in the label, or a word that a person's name in the
    article, which starts at ``body``, ends with (the parser seldom tags a name in a
    title-case headline)."""
    later = {e[-1].text for e in doc.ents if e.label_ == PERSON_ENTITY and e.start_char >= body}
    people = [(e.start_char, e.end_char) for e in label.ents if e.label_ == PERSON_ENTITY]
    people += [(t.idx, t.idx + len(t)) for t in label if t.text in later]
    groups = [(e.start_char, e.end_char) for e in label.ents if e.label_ == ORG_ENTITY]
    return min(people) if people else min(groups) if groups else None


def _headline_kind(text: str, content: tuple[int, int], cues: Cues) -> QuoteKind:
    """A headline statement that is one quotation is direct; one that opens with a quoted phrase
    is mixed ('“No Idea” If He Knew'); any other is indirect."""
    words = text[slice(*content)].rstrip(".;")
    if not words or words[0] not in cues.marks.openers:
        return "indirect"
    return "direct" if words[-1] in cues.marks.closers else "mixed"


def _named_later(doc: Doc, label: str, body: int) -> bool:
    """Whether the article, which starts at ``body``, names the headline's source further on:
    the whole label in a name ("Berg: ..." and later "Anna Berg said"), or the last word of a
    titled label in a person's name ("Dr. Anna Berg: ..."). The parser seldom tags a
    capitalised label opening a headline as a name, and a section label ("Update: ...",
    "Breaking News: ...") is never a person in the text."""
    words = label.split()
    for ent in doc.ents:
        if ent.label_ not in NAME_ENTITIES or ent.start_char < body:
            continue
        if any(ent[i : i + len(words)].text == label for i in range(len(ent))):
            return True
        if ent.label_ == PERSON_ENTITY and any(t.text == words[-1] for t in ent):
            return True
    return False
