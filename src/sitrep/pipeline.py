"""Article -> Extraction: one spaCy parse per article, then the annotators in registry order.

The parser reads the text with its layout made plain (``layout.parse_text``: wrapped lines
joined, datelines set off; offsets unchanged); the Extraction keeps the text as given.

Articles are parsed in batches with ``nlp.pipe`` (optionally in ``workers`` processes); inputs
that were refused upstream (``Skipped``) pass through in order, and an article whose annotation
fails is recorded as ``Skipped`` instead of ending the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from sitrep import layout
from sitrep import nlp as nlp_mod
from sitrep.annotate import REGISTRY, Annotations, Annotator, check_order
from sitrep.annotate.times import infer_published
from sitrep.model import Article, Extraction, Skipped
from sitrep.options import Options

Item = Article | Skipped
Result = Extraction | Skipped


class Pipeline:
    """Holds the loaded model and runs articles through the annotators.

    Build one per process and reuse it: loading the model is the expensive part.
    """

    def __init__(
        self, options: Options | None = None, annotators: Sequence[Annotator] = REGISTRY
    ) -> None:
        self.options = options or Options()
        check_order(annotators)
        self.annotators = tuple(annotators)
        self.nlp = nlp_mod.load(self.options.model)
        self.nlp.max_length = max(self.nlp.max_length, int(self.options.max_mb * 1_000_000) + 1)

    def extract(self, article: Article) -> Extraction:
        """Extract one article (raises on an annotator failure; ``run`` records it instead)."""
        return self.annotate(self.nlp(layout.parse_text(article.text)), article)

    def annotate(self, doc: Doc, article: Article) -> Extraction:
        """Run every annotator over an already parsed ``doc`` of ``article.text`` (as
        ``layout.parse_text`` gives it: the same length, line breaks moved)."""
        if article.published is None:
            article = infer_published(doc, article)
        state = Annotations(article=article)
        for annotator in self.annotators:
            found = annotator.func(doc, state, self.options)
            extra = set(found) - set(annotator.produces)
            if extra:
                raise RuntimeError(f"annotator {annotator.name} returned undeclared {extra}")
            updates: dict[str, Any] = {k: tuple(v) for k, v in found.items()}
            state = replace(state, **updates)
        return state

    def run(
        self, items: Iterable[Item], on_result: Callable[[Result], None] | None = None
    ) -> Iterator[Result]:
        """Extract every article of ``items`` in input order; ``Skipped`` inputs come through
        in their place."""
        pending: list[tuple[int, Skipped]] = []

        def articles() -> Iterator[tuple[str, tuple[int, Article]]]:
            for n, item in enumerate(items):
                if isinstance(item, Skipped):
                    pending.append((n, item))
                else:
                    yield layout.parse_text(item.text), (n, item)

        docs = self.nlp.pipe(
            articles(), as_tuples=True, batch_size=self.options.batch_size,
            n_process=self.options.workers,
        )  # fmt: skip
        for doc, (n, article) in docs:
            yield from _drain(pending, n, on_result)
            result: Result
            try:
                result = self.annotate(doc, article)
            except Exception as exc:  # a bad article is recorded, never fatal to a batch
                where = article.source or article.id
                result = Skipped(where, f"annotation failed: {type(exc).__name__}: {exc}")
            if on_result:
                on_result(result)
            yield result
        yield from _drain(pending, None, on_result)


def _drain(
    pending: list[tuple[int, Skipped]],
    before: int | None,
    on_result: Callable[[Result], None] | None,
) -> Iterator[Result]:
    """Yield the skipped inputs that came before input number ``before`` (all when None)."""
    while pending and (before is None or pending[0][0] < before):
        item = pending.pop(0)[1]
        if on_result:
            on_result(item)
        yield item
