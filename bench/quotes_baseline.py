"""textacy's direct-quotation rules as a baseline for sitrep's quotes, on a sitrep-gold file.

    python bench/quotes_baseline.py [GOLD.jsonl]

GOLD defaults to ../shared/data/dev/quotes_polnear_dev.jsonl.

Parses each gold text once with the spaCy pipeline sitrep uses (``sitrep.nlp``), runs
``textacy.extract.triples.direct_quotations`` and sitrep's annotators on the same ``Doc``,
turns textacy's (speaker, cue, content) triples into sitrep predictions and scores both with
sitrep's own scorer (``sitrep.scoring.score_record``), so the two rows differ only in the
extractor. An article textacy refuses (it raises on a text with an odd number of quotation
marks, as a quotation running over paragraphs makes) is given to it again paragraph by
paragraph; the paragraphs it still refuses are counted and predict nothing.
textacy finds direct quotations only, so its recall on a corpus with indirect attributions is
bounded by the share of direct ones.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token
from textacy.extract.triples import direct_quotations

from sitrep.ingest.clean import article_from_text
from sitrep.pipeline import Pipeline
from sitrep.scoring import LayerScore, load_gold, score_record

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "dev" / "quotes_polnear_dev.jsonl"
Span = list[int]


def _runs(tokens: Iterable[Token]) -> list[Span]:
    """Character spans of the contiguous runs of ``tokens`` (textacy's cue and speaker are token
    lists, which may skip words: "said" + "Tuesday")."""
    out: list[Span] = []
    last = -2
    for tok in sorted(tokens, key=lambda t: t.i):
        end = tok.idx + len(tok.text)
        if out and tok.i == last + 1:
            out[-1][1] = end
        else:
            out.append([tok.idx, end])
        last = tok.i
    return out


def textacy_quotes(doc: Doc, offset: int = 0) -> list[dict[str, Any]]:
    """textacy's triples as sitrep prediction quotes (content, cue, speaker spans), shifted by
    ``offset`` characters when ``doc`` is a paragraph of the article."""

    def shift(spans: list[Span]) -> list[Span]:
        return [[s + offset, e + offset] for s, e in spans]

    return [
        {
            "content": shift([[t.content.start_char, t.content.end_char]]),
            "cue": shift(_runs(t.cue)),
            "speaker": shift(_runs(t.speaker)),
            "kind": "direct",
        }
        for t in direct_quotations(doc)
    ]


def paragraph_quotes(doc: Doc) -> tuple[list[dict[str, Any]], int]:
    """textacy run paragraph by paragraph, for an article it refuses whole: textacy checks
    that the quotation marks pair up in the text it is given, and one quotation running over
    paragraphs (no closing mark before the next paragraph) fails the whole article. Each
    paragraph gets its own chance; the quotes of those it accepts, and how many it refused."""
    quotes: list[dict[str, Any]] = []
    refused = 0
    start = 0
    for tok in [*doc, None]:
        if tok is not None and "\n" not in tok.text:
            continue
        end = tok.i if tok is not None else len(doc)
        if end > start:
            part = doc[start:end]
            try:
                quotes.extend(textacy_quotes(part.as_doc(), part.start_char))
            except ValueError:
                refused += 1
        start = end + 1
    return quotes, refused


def _row(name: str, score: LayerScore, refused: int | None) -> str:
    d = score.detection
    speaker = score.ratios["speaker_accuracy"]

    def fmt(x: float | None) -> str:
        return "  -  " if x is None else f"{x:.3f}"

    counts = f"{d.pred_ok}/{d.pred} {d.found}/{d.gold}" if d else ""
    return (
        f"{name:<8} P {fmt(d.precision if d else None)}  R {fmt(d.recall if d else None)}  "
        f"F1 {fmt(d.f1 if d else None)}  speaker {fmt(speaker.value)} "
        f"({speaker.hit}/{speaker.total})  [{counts}]"
        + ("" if refused is None else f"  refused paragraphs: {refused}")
    )


def _add(total: LayerScore | None, scores: Mapping[str, LayerScore]) -> LayerScore | None:
    score = scores.get("quotes")
    if score is None:
        return total
    return score if total is None else total + score


def run(gold_path: Path) -> Sequence[str]:
    """Score textacy and sitrep on ``gold_path``; the report lines."""
    golds = [g for g in load_gold(gold_path) if g.text.strip()]
    pipeline = Pipeline()
    totals: dict[str, LayerScore | None] = {"textacy": None, "sitrep": None}
    refused = 0
    for gold in golds:
        article = article_from_text(gold.text, id=gold.id, published=gold.published)
        doc = pipeline.nlp(article.text)
        try:
            quotes = textacy_quotes(doc)
        except ValueError:  # textacy refuses a text with an odd number of quotation marks
            quotes, n = paragraph_quotes(doc)
            refused += n
        totals["textacy"] = _add(totals["textacy"], score_record(gold, {"quotes": quotes}))
        extraction = pipeline.annotate(doc, article)
        totals["sitrep"] = _add(totals["sitrep"], score_record(gold, extraction.to_json()))
    lines = [f"{gold_path.name}: {len(golds)} articles"]
    for name, total in totals.items():
        if total is not None:
            lines.append(_row(name, total, refused if name == "textacy" else None))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD, help="sitrep-gold JSONL")
    args = ap.parse_args()
    print("\n".join(run(args.gold)))


if __name__ == "__main__":
    main()
