"""Raw input -> ``Article``: text is kept verbatim with its page chrome marked; HTML goes through
trafilatura first.

Text saved from a news page carries the page with it: navigation lines, the headline, photo
captions. Deleting them would shift every offset the annotators report, so they are only
*marked* (``boilerplate``, ``captions``, ``title_span``) and the pipeline takes no quote or event
from them. The marks come from layout cues (a line's position, length, final punctuation, a
caption cue at its start or a credit at its end, a verbatim repeat) listed in
``knowledge/chrome.yaml``; no rule knows the words of any one article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import trafilatura

from sitrep.errors import E, SitrepError
from sitrep.knowledge import load_yaml, require
from sitrep.model import Article, PublishedSource, Spans, content_id

CHROME_FILE = "chrome.yaml"
# What may follow a final mark: closing quotes (straight and curly) and brackets.
_CLOSERS = "[\"'\u201d\u2019)\\]]*$"
# A line that ends a sentence.
SENTENCE_END = re.compile("[.!?\u2026]" + _CLOSERS)
# A headline never ends a clause: a final period, comma, colon or semicolon means body text.
CLAUSE_END = re.compile("[.,;:\u2026]" + _CLOSERS)
QUESTION_END = re.compile("[?!]" + _CLOSERS)
WORD = re.compile("[^\\W\\d_][\\w'\u2019-]*")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Characters that decorate navigation lines ("Share this article »", "| Menu |").
NAV_EDGES = " \t:|\u00bb\u203a>\u2022\u00b7\u2013\u2014-.\u2026"
# htmldate (inside trafilatura) may otherwise guess a date from the page text; "metadata" means
# the page's markup, and dates in the text are left to the pipeline, which keeps its reasoning.
HTML_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}


@dataclass(frozen=True)
class Rules:
    """The compiled contents of ``chrome.yaml``."""

    navigation: frozenset[str]
    navigation_patterns: tuple[re.Pattern[str], ...]
    caption_start: tuple[re.Pattern[str], ...]
    caption_credit: tuple[re.Pattern[str], ...]
    caption_date_end: re.Pattern[str]
    dateline: re.Pattern[str]
    minor_words: frozenset[str]
    limits: dict[str, float]


def _compile(pattern: str, macros: dict[str, str], anchor: str) -> re.Pattern[str]:
    """Expand the ``{NAME}`` macros (which may nest) and compile, anchored as the rule needs."""
    for _ in range(len(macros) + 1):
        for name, value in macros.items():
            pattern = pattern.replace("{" + name + "}", value)
    try:
        return re.compile(anchor.format(pattern), re.IGNORECASE)
    except re.error as exc:
        raise SitrepError(
            E.E010, name=CHROME_FILE, reason=f"bad pattern {pattern!r}: {exc}"
        ) from exc


@cache
def rules() -> Rules:
    """Load and compile ``knowledge/chrome.yaml`` once per process."""
    data = load_yaml(CHROME_FILE)
    macros = {str(k): str(v) for k, v in require(CHROME_FILE, data, "macros", dict).items()}

    def strings(key: str) -> list[str]:
        return [str(x) for x in require(CHROME_FILE, data, key, list)]

    def patterns(key: str, anchor: str) -> tuple[re.Pattern[str], ...]:
        return tuple(_compile(p, macros, anchor) for p in strings(key))

    date_end = require(CHROME_FILE, data, "caption_date_end", str)
    limits = require(CHROME_FILE, data, "limits", dict)
    return Rules(
        navigation=frozenset(_nav_key(x) for x in strings("navigation")),
        navigation_patterns=patterns("navigation_patterns", "(?:{})"),
        caption_start=patterns("caption_start", "(?:{})"),
        caption_credit=patterns("caption_credit", r"(?:{})\s*$"),
        caption_date_end=_compile(date_end, macros, r"(?:{})\s*$"),
        dateline=_compile(require(CHROME_FILE, data, "dateline", str), macros, r"[ \t]*(?:{})"),
        minor_words=frozenset(x.lower() for x in strings("minor_words")),
        limits={str(k): float(v) for k, v in limits.items()},
    )


@dataclass(frozen=True)
class Line:
    """One line of the text: ``text`` stripped, ``start``/``end`` its offsets (blank: text "")."""

    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` (blank ones included), with the offsets of its stripped content."""
    lines: list[Line] = []
    offset = 0
    for chunk in text.splitlines(keepends=True):
        body = chunk.splitlines()[0]
        stripped = body.strip()
        start = offset + len(body) - len(body.lstrip())
        lines.append(Line(start, start + len(stripped), stripped))
        offset += len(chunk)
    return lines


@dataclass(frozen=True)
class Chrome:
    """What ``mark_chrome`` found: spans into the text, and the headline if there is one."""

    boilerplate: Spans = ()
    captions: Spans = ()
    title: str | None = None
    title_span: Spans = ()


def mark_chrome(text: str) -> Chrome:
    """Mark navigation, captions and the headline of a text by its layout.

    A text of a single line has no layout to read (a snippet or a phrase): nothing is marked.
    """
    lines = split_lines(text)
    filled = [i for i, ln in enumerate(lines) if ln.text]
    if len(filled) < 2:
        return Chrome()
    r = rules()
    boiler = {i for i in filled if _is_navigation(lines[i].text, r)}
    boiler |= _edge_labels(lines, filled, boiler, r)
    captions = _cue_captions(lines, boiler, r) | _repeated(lines, filled, boiler, r)
    title = _title_line(lines, filled, boiler | captions, r)
    return Chrome(
        boilerplate=_spans(lines, boiler),
        captions=_spans(lines, captions),
        title=lines[title].text if title is not None else None,
        title_span=_spans(lines, {title}) if title is not None else (),
    )


def _spans(lines: Sequence[Line], chosen: Collection[int]) -> Spans:
    return tuple((lines[i].start, lines[i].end) for i in sorted(chosen))


def _nav_key(line: str) -> str:
    return " ".join(line.strip(NAV_EDGES).lower().split())


def _is_navigation(line: str, r: Rules) -> bool:
    return _nav_key(line) in r.navigation or any(p.fullmatch(line) for p in r.navigation_patterns)


def _is_label(line: str, r: Rules) -> bool:
    """A section label or tag: a word or two without final punctuation."""
    return len(line.split()) <= r.limits["label_max_words"] and not SENTENCE_END.search(line)


def _edge_labels(lines: Sequence[Line], filled: Sequence[int], nav: set[int], r: Rules) -> set[int]:
    """Labels above the first body line or below the last one ("World", "Syria Iran")."""
    body = [i for i in filled if i not in nav and not _is_label(lines[i].text, r)]
    if not body:
        return set()
    edge = (i for i in filled if i < body[0] or i > body[-1])
    return {i for i in edge if i not in nav and _is_label(lines[i].text, r)}


def _starts_unit(lines: Sequence[Line], i: int, chrome: Collection[int]) -> bool:
    """Whether line ``i`` begins a paragraph rather than continuing a hard-wrapped sentence."""
    if i == 0 or not lines[i - 1].text or i - 1 in chrome:
        return True
    return SENTENCE_END.search(lines[i - 1].text) is not None


def _ends_unit(lines: Sequence[Line], i: int) -> bool:
    """Whether line ``i`` ends its paragraph (the next line does not go on in lower case)."""
    return i + 1 >= len(lines) or not lines[i + 1].text or not lines[i + 1].text[0].islower()


def _looks_like_caption(line: str, r: Rules) -> bool:
    if any(p.match(line) for p in r.caption_start):
        return True
    if any(p.search(line) for p in r.caption_credit):
        return True
    return (
        not SENTENCE_END.search(line)
        and len(line.split()) >= r.limits["date_caption_min_words"]
        and r.caption_date_end.search(line) is not None
    )


def _cue_captions(lines: Sequence[Line], boiler: set[int], r: Rules) -> set[int]:
    """Lines that stand alone as a paragraph and read as a photo caption (cue, credit, date)."""
    found: set[int] = set()
    for i, ln in enumerate(lines):
        if not ln.text or i in boiler:
            continue
        if (
            _starts_unit(lines, i, boiler | found)
            and _ends_unit(lines, i)
            and _looks_like_caption(ln.text, r)
        ):
            found.add(i)
    return found


def _headline_cased(line: str, r: Rules) -> bool:
    """Whether most words that matter are capitalised ("Iran Rejects Demand To Leave Syria")."""
    words: list[str] = WORD.findall(line)
    content = [w for k, w in enumerate(words) if k == 0 or w.lower() not in r.minor_words]
    if not content:
        return False
    share = sum(w[0].isupper() for w in content) / len(content)
    return share >= r.limits["headline_case_share"]


def _headline_shaped(line: str, cased: bool, r: Rules) -> bool:
    """Short, starting with a capital or digit, and not ending a clause."""
    lim = r.limits
    words = len(line.split())
    if not lim["title_min_words"] <= words <= lim["title_max_words"]:
        return False
    if len(line) > lim["title_max_chars"] or CLAUSE_END.search(line):
        return False
    if QUESTION_END.search(line) and not cased:
        return False
    first = next((c for c in line if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def _title_line(
    lines: Sequence[Line], filled: Sequence[int], chrome: set[int], r: Rules
) -> int | None:
    """The headline: the first non-chrome line, if it reads like one and body text follows.

    A headline glued to the next line (no blank line between) must be headline-cased, or the
    first line of a hard-wrapped paragraph would pass for one.
    """
    rest = [i for i in filled if i not in chrome]
    if len(rest) < 2:
        return None
    first = rest[0]
    cased = _headline_cased(lines[first].text, r)
    glued = bool(lines[first + 1].text)
    if glued and not cased:
        return None
    return first if _headline_shaped(lines[first].text, cased, r) else None


def _repeated(lines: Sequence[Line], filled: Sequence[int], boiler: set[int], r: Rules) -> set[int]:
    """Lines repeated verbatim (pages print a caption for the image and again for its
    enlargement): every copy is a caption. Short repeats (separators, labels) are not."""
    counts = Counter(lines[i].text for i in filled)
    return {
        i
        for i in filled
        if i not in boiler
        and counts[lines[i].text] > 1
        and len(lines[i].text.split()) >= r.limits["repeat_min_words"]
    }


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _title_span(text: str, chrome: Chrome, title: str | None) -> Spans:
    """Where the headline stands in the text: the detected one, or a line equal to the given."""
    if title is None or (chrome.title is not None and _same_title(title, chrome.title)):
        return chrome.title_span
    line = next((ln for ln in split_lines(text) if ln.text and _same_title(ln.text, title)), None)
    return ((line.start, line.end),) if line else ()


def article_from_text(
    text: str,
    id: str,
    published: dt.date | None = None,
    published_source: PublishedSource | None = "given",
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """An article whose ``text`` is exactly ``text``, with its chrome marked.

    A ``title`` the caller gives wins over the detected headline; the headline's span is kept
    where a line of the text is that title.
    """
    chrome = mark_chrome(text)
    return Article(
        id=id, text=text, title=title or chrome.title, published=published,
        published_source=published_source if published else None, url=url, source=source,
        boilerplate=chrome.boilerplate, captions=chrome.captions,
        title_span=_title_span(text, chrome, title),
    )  # fmt: skip


def iso_date(value: object) -> dt.date | None:
    """The date of an ISO ``YYYY-MM-DD`` string (a time may follow), else ``None``."""
    if not isinstance(value, str) or not ISO_DATE.match(value.strip()):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _only_navigation(text: str) -> bool:
    """Whether a text has no line but navigation (what extraction leaves of a page with no
    article: "Home", "Menu")."""
    r = rules()
    return all(_is_navigation(ln.text, r) for ln in split_lines(text) if ln.text)


def article_from_html(
    html: str | bytes,
    published: dt.date | None = None,
    id: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """An article from an HTML page: trafilatura's body text, title, date and URL (offline).

    The caller's ``published`` wins over the page's date (then ``published_source`` is
    "metadata"). A page without body text raises ``SitrepError`` E002.
    """
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        date_extraction_params=dict(HTML_DATE_PARAMS),
    )  # fmt: skip
    text = getattr(doc, "text", None)
    if not isinstance(text, str) or _only_navigation(text):
        raise SitrepError(E.E002, path=source or "<html>")
    kind: PublishedSource = "given"
    if published is None:
        published, kind = iso_date(getattr(doc, "date", None)), "metadata"
    title = getattr(doc, "title", None)
    author = getattr(doc, "author", None)
    article = article_from_text(
        text, id=id or content_id(text), published=published, published_source=kind,
        title=title if isinstance(title, str) and title.strip() else None,
        url=url or getattr(doc, "url", None), source=source,
    )  # fmt: skip
    return replace(article, author=author if isinstance(author, str) and author else None)
