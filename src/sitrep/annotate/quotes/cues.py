"""The quote cues of ``knowledge/cues.yaml``, loaded once and checked as they load.

Keeping the words in one data file lets a user add a reporting verb without touching code; this
module only turns the lists into the sets and tuples the quote finders look words up in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from spacy.tokens import Token

from sitrep.errors import E, SitrepError
from sitrep.knowledge import load_yaml, phrases, require, strings

CUES_FILE = "cues.yaml"
_MARK_KEYS = (
    "open", "close", "ambiguous", "single_open", "single_close", "single_ambiguous", "doubled",
)  # fmt: skip


@dataclass(frozen=True)
class Marks:
    """Quotation marks by role: double ones open or close a quotation, single ones only when
    they do not sit inside a word (an apostrophe is the same character)."""

    open: str
    close: str
    ambiguous: str
    single_open: str
    single_close: str
    single_ambiguous: str
    doubled: str

    @cached_property
    def all(self) -> str:
        """Every character that may be (part of) a mark."""
        return "".join(getattr(self, k) for k in _MARK_KEYS)

    @cached_property
    def openers(self) -> str:
        """Every character that may open a quotation."""
        return self.open + self.ambiguous + self.single_open + self.single_ambiguous

    @cached_property
    def closers(self) -> str:
        """Every character that may close a quotation."""
        return self.close + self.ambiguous + self.single_close + self.single_ambiguous


@dataclass(frozen=True)
class Cues:
    speech: frozenset[str]
    evidence: frozenset[str]
    cognition: frozenset[str]
    objects: frozenset[str]
    object_preps: frozenset[tuple[str, ...]]
    stances: frozenset[str]
    stance_objects: frozenset[str]
    requests: frozenset[str]
    questions: frozenset[str]
    naming: frozenset[str]
    manner: frozenset[str]
    nouns: frozenset[str]
    intentions: frozenset[str]
    evidentials: frozenset[str]
    adjectives: frozenset[str]
    adjective_preps: frozenset[tuple[str, ...]]
    aim_nouns: frozenset[str]
    passives: frozenset[str]
    verb_topic_preps: frozenset[str]
    noun_topic_preps: frozenset[str]
    headline_sources: frozenset[str]
    construals: frozenset[str]
    media: frozenset[str]
    passive_preps: frozenset[str]
    lemma_repairs: dict[str, str]
    expletives: frozenset[str]
    answers: frozenset[str]
    continuations: frozenset[str]
    other_people: frozenset[str]
    adverbial_preps: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    sources: tuple[tuple[str, ...], ...]
    marks: Marks

    def lemma(self, tok: Token) -> str:
        """The token's lemma, lower case, with the model's known lemmatiser slips mended
        ("hoped" -> "hop")."""
        lemma = tok.lemma_.lower()
        return self.lemma_repairs.get(lemma, lemma)

    @cached_property
    def words(self) -> frozenset[str]:
        """The lemmas a single-word frame may start from (beside ``stance_words``); the
        multiword ``phrases`` and the source phrases (``sources``) are matched whole."""
        return frozenset().union(
            self.framing, self.nouns, self.intentions, self.evidentials, self.aim_nouns,
            self.passives, self.construals, self.media, self.stances,
            (p[0] for p in self.object_preps),
        )  # fmt: skip

    @cached_property
    def stance_words(self) -> frozenset[str]:
        """The adjectives (as written, lower case) that may frame a stance."""
        return self.adjectives | {p[0] for p in self.adjective_preps}

    @cached_property
    def clausal(self) -> frozenset[str]:
        """Verbs whose clausal complement is a reported statement (indirect quotes)."""
        return self.speech | self.evidence | self.cognition

    @cached_property
    def statements(self) -> frozenset[str]:
        """Verbs that make a statement of their own: speech and speech acts, not the verbs of
        belief or evidence, which a speaker may report along with the rest ("urged them to act
        and consider sanctions")."""
        return self.speech | self.objects | self.requests

    @cached_property
    def framing(self) -> frozenset[str]:
        """Every verb that may frame a reported statement of its own."""
        return self.clausal | self.objects | self.requests

    @cached_property
    def direct(self) -> frozenset[str]:
        """Verbs that may frame a direct quotation beside them."""
        return self.speech | self.manner


def _words(data: object, key: str) -> frozenset[str]:
    """A list of single lemmas; a multiword entry there would never match, so it is an error."""
    words = strings(CUES_FILE, data, key, lower=True)
    many = next((w for w in words if " " in w), None)
    if many is not None:
        reason = f"'{key}' takes single words, not '{many}'"
        raise SitrepError(E.E010, name=CUES_FILE, reason=reason)
    return frozenset(words)


def _repairs(data: object) -> dict[str, str]:
    repairs = require(CUES_FILE, data, "lemma_repairs", dict)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in repairs.items()):
        raise SitrepError(E.E010, name=CUES_FILE, reason="'lemma_repairs' maps words to words")
    return {k.lower(): v.lower() for k, v in repairs.items()}


def _sequences(data: object, key: str) -> tuple[tuple[str, ...], ...]:
    return phrases(CUES_FILE, data, key)


def _sized(data: object, key: str, lengths: tuple[int, ...] = (2,)) -> tuple[tuple[str, ...], ...]:
    """A list of entries of so many words ("critical of"); another length would never match
    (a three-word "lash out at" among the verb-preposition objects once sat there unread)."""
    pairs = _sequences(data, key)
    odd = next((" ".join(p) for p in pairs if len(p) not in lengths), None)
    if odd is not None:
        words = " or ".join(map(str, lengths))
        raise SitrepError(
            E.E010, name=CUES_FILE, reason=f"'{key}' takes {words} words, not '{odd}'"
        )
    return pairs


@cache
def load() -> Cues:
    """The cue lists (cached: read once per process)."""
    data = load_yaml(CUES_FILE)
    marks = require(CUES_FILE, data, "quote_marks", dict)
    objects = _sized(data, "objects", (1, 2))  # a verb, or a verb and its preposition
    return Cues(
        speech=_words(data, "speech"),
        evidence=_words(data, "evidence"),
        cognition=_words(data, "cognition"),
        objects=frozenset(p[0] for p in objects if len(p) == 1),
        object_preps=frozenset(p for p in objects if len(p) == 2),
        stances=_words(data, "stances"),
        stance_objects=_words(data, "stance_objects"),
        requests=_words(data, "requests"),
        questions=_words(data, "questions"),
        naming=_words(data, "naming"),
        manner=_words(data, "manner"),
        nouns=_words(data, "nouns"),
        intentions=_words(data, "intentions"),
        evidentials=_words(data, "evidentials"),
        adjectives=_words(data, "adjectives"),
        adjective_preps=frozenset(_sized(data, "adjective_preps")),
        aim_nouns=_words(data, "aim_nouns"),
        passives=_words(data, "passives"),
        verb_topic_preps=_words(data, "verb_topic_preps"),
        noun_topic_preps=_words(data, "noun_topic_preps"),
        headline_sources=_words(data, "headline_sources"),
        construals=_words(data, "construals"),
        media=_words(data, "media"),
        passive_preps=_words(data, "passive_preps"),
        lemma_repairs=_repairs(data),
        expletives=_words(data, "expletives"),
        answers=_words(data, "answers"),
        continuations=_words(data, "continuations"),
        other_people=_words(data, "other_people"),
        adverbial_preps=_words(data, "adverbial_preps"),
        phrases=_sequences(data, "phrases"),
        sources=_sequences(data, "sources"),
        marks=Marks(**{k: str(require(CUES_FILE, marks, k, str)) for k in _MARK_KEYS}),
    )
