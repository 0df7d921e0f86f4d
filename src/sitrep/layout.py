"""The text the parser reads: the article's text with its layout made plain, character for
character, so that every offset found in it holds for the text as given.

News text is laid out one paragraph per line, and the annotators take a line break as the end
of a paragraph (and of a sentence: ``nlp.paragraph_boundaries``). Two layouts hide a break or
make a false one:
- hard-wrapped text (wire copy, e-mail, some scraped pages) breaks lines inside sentences
  ("...crossed the border at\\n dawn"), cutting sentences and quotations in two;
- a dateline or a run-in heading opens a paragraph without ending a sentence ("WASHINGTON
  (AP) — The senator said ..."), and the parser reads the place as the sentence's subject.
"""

from __future__ import annotations

from itertools import pairwise

from sitrep.ingest.clean import rules

# A line of prose ends here when it ends a sentence, a quotation or a bracket.
LINE_END_MARKS = ".?!:;\"\u201d\u2019')]\u2026"
# Hard-wrapped text (wire copy, e-mail, some scraped pages) breaks lines inside sentences: it
# has at least this many lines running on into a line that starts in lower case, and this
# share of all its single line breaks do so. Text laid out one paragraph per line has none.
WRAPPED_MIN_LINES = 2
WRAPPED_MIN_SHARE = 0.1
# A wrapped line that runs on into a capital is full ("...used in\\n Istanbul."); a short one
# there ends a paragraph that lacks its full stop, or a heading.
FULL_LINE = 0.75


def unwrap(text: str) -> str:
    """``text`` with the line breaks of hard-wrapped prose turned into spaces, for parsing.

    The annotators take every line break as a paragraph's end, as news text is laid out. In
    text wrapped at a fixed width ("...crossed the border at\\n dawn") that
    splits sentences and quotations in two. When the text is wrapped, a single line break
    after a line that ends with no closing mark is a space if the next line starts in lower
    case or the line is about as long as the longest; blank lines and breaks after a full
    stop stay. The result has the same length, so every offset holds for ``text``.
    """
    lines = text.split("\n")
    width = max(len(line.strip()) for line in lines)
    soft: list[int] = []
    lower = pairs = 0
    end = -1
    for line, nxt in pairwise(lines):
        end += len(line) + 1  # the line break after ``line``
        line, nxt = line.strip(), nxt.strip()
        if not line or not nxt:
            continue
        pairs += 1
        if line[-1] in LINE_END_MARKS:
            continue
        lower += nxt[0].islower()
        if nxt[0].islower() or len(line) >= FULL_LINE * width:
            soft.append(end)
    if lower < WRAPPED_MIN_LINES or lower < WRAPPED_MIN_SHARE * pairs:
        return text
    chars = list(text)
    for i in soft:
        chars[i] = " "
    return "".join(chars)


def parse_text(text: str) -> str:
    """``text`` as the parser should read it: wrapped lines joined (``unwrap``) and a line
    break after each dateline or run-in heading (``break_datelines``); same length."""
    return break_datelines(unwrap(text))


def break_datelines(text: str) -> str:
    """``text`` with the space after a paragraph's dateline or run-in heading made a line
    break ("WASHINGTON (AP) —| The senator said"; "ELM FALLS, Ore. -| The bridge ..."), so the
    sentence after it starts a sentence of its own. The dateline stays in the text: its place
    is still found."""
    pattern = rules().dateline
    chars: list[str] | None = None
    start = 0
    while start < len(text):
        m = pattern.match(text, start)
        if m is not None:
            chars = chars if chars is not None else list(text)
            chars[m.end()] = "\n"
        nxt = text.find("\n", start)
        if nxt < 0:
            break
        start = nxt + 1
    return text if chars is None else "".join(chars)
