"""The event lexicon as typed, checked data: senses of verbs, nouns and adjectives -> PLOVER.

``knowledge/event_lexicon.yaml`` says which words (with which dependency patterns) name which
PLOVER event and which roles give its sides; ``knowledge/cameo_plover.csv`` maps the CAMEO code
a sense names to its default PLOVER type and mode. Both are read once per process (``lexicon``)
and checked as they load: an unknown key, type, CAMEO code, role or word list raises a coded
``SitrepError`` naming the file, so a bad edit fails at start-up rather than silently coding
nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Token

from sitrep.errors import E, SitrepError
from sitrep.knowledge import load_csv, load_yaml, require
from sitrep.model import PLOVER_TYPES

LEXICON_FILE = "event_lexicon.yaml"
CAMEO_FILE = "cameo_plover.csv"

POS_SECTIONS = {"verbs": "verb", "nouns": "noun", "adjectives": "adj"}
SENSE_KEYS = frozenset(
    {"lemma", "cameo", "type", "mode", "when", "source", "target", "fatal", "hostile_xcomp",
     "standalone", "light", "reversed", "joint_type", "dyadic", "xcomp_event"}
)  # fmt: skip
WORD_CONDITIONS = ("prep", "prt", "obj", "not_obj", "obj_ent", "subj", "not_subj", "contains",
                   "not_contains", "not_xcomp", "obj_has", "mod", "not_mod")  # fmt: skip
FLAG_CONDITIONS = ("has_obj", "ccomp", "state_side", "plural_subj", "passive")
# Inflections stripped when the lemmatiser fails ("staged" -> "stag"; "Rebels" as a proper
# noun keeps its plural): verbs try all, nouns the plural endings.
VERB_INFLECTIONS = (("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("es", ""), ("s", ""))
NOUN_INFLECTIONS = (("es", ""), ("s", ""))
CLAUSE_POS = ("VERB", "AUX")  # words that head a clause
PLURAL_TAGS = ("NNS", "NNPS")
# Role steps with a meaning of their own; any other step is a dependency label ("xcomp").
ROLE_STEPS = frozenset({"subj", "obj", "gsubj", "dative", "poss", "demonym", "head_subj"})


def forms(tok: Token) -> tuple[str, ...]:
    """How a word may appear in the lexicon: its lemma, its written form, and naive stems when
    the lemmatiser may have erred."""
    low = tok.lower_
    found = [tok.lemma_.lower(), low]
    endings = (
        VERB_INFLECTIONS
        if tok.pos_ in CLAUSE_POS
        else NOUN_INFLECTIONS
        if tok.tag_ in PLURAL_TAGS
        else ()
    )
    for suffix, repl in endings:
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            found.append(low[: -len(suffix)] + repl)
    return tuple(found)


def has_word(tok: Token, words: frozenset[str]) -> bool:
    return any(f in words for f in forms(tok))


def _fail(reason: str) -> SitrepError:
    return SitrepError(E.E010, name=LEXICON_FILE, reason=reason)


@dataclass(frozen=True)
class Conditions:
    """What a sense needs of the tree around its word (see the YAML header for each key)."""

    words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    flags: Mapping[str, bool] = field(default_factory=dict)
    xcomp: bool | None = None
    xcomp_lemmas: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Sense:
    """One reading of a word: the event it names and where its sides are."""

    lemmas: tuple[str, ...]
    pos: str
    type: str
    mode: str | None
    cameo: str | None
    when: Conditions
    source: tuple[str, ...]
    target: tuple[str, ...]
    fatal: bool = False
    hostile_xcomp: bool = False
    standalone: bool = True
    light: Mapping[str, str | None] = field(default_factory=dict)
    reversed: str | None = None
    joint_type: str | None = None
    dyadic: bool = False
    xcomp_event: bool = False


@dataclass(frozen=True)
class Lexicon:
    senses: Mapping[tuple[str, str], tuple[Sense, ...]]  # (pos, lemma) -> senses in order
    default_roles: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]  # pos -> (source, target)
    light_verbs: frozenset[str]
    light_prep_verbs: Mapping[str, frozenset[str]]
    reversal_verbs: frozenset[str]
    reversal_particles: Mapping[str, frozenset[str]]
    reversal_types: Mapping[str, str]
    future_types: Mapping[str, str]
    future_exempt_modes: frozenset[str]
    intent_verbs: frozenset[str]
    intent_types: Mapping[str, str]
    hostile_types: frozenset[str]
    threat_types: frozenset[str]
    ultimatum_types: frozenset[str]
    verbal_types: frozenset[str]
    stative_participles: frozenset[str]
    protest_topic_types: frozenset[str]
    negated_to_reject: frozenset[str]
    modality: Mapping[str, frozenset[str]]
    negative_subjects: frozenset[str]
    negative_determiners: frozenset[str]
    defiance_types: frozenset[str]
    reporting_verbs: frozenset[str]
    reporting_nouns: frozenset[str]
    allegation_verbs: frozenset[str]
    alleged_types: frozenset[str]
    sports_context: frozenset[str]
    sports_blocked_types: frozenset[str]
    assault_modes: tuple[tuple[str, frozenset[str]], ...]
    number_words: Mapping[str, int]
    number_scales: Mapping[str, int]
    vague_counts: Mapping[str, int]
    force_nouns: frozenset[str]
    lists: Mapping[str, frozenset[str]]

    def lookup(self, pos: str, lemma: str) -> tuple[Sense, ...]:
        return self.senses.get((pos, lemma), ())

    def word_list(self, name: str) -> frozenset[str]:
        return self.lists[name]


@cache
def cameo_table() -> Mapping[str, tuple[str, str | None]]:
    """CAMEO code -> (PLOVER type, mode or None), from cameo_plover.csv."""
    rows = load_csv(CAMEO_FILE, ("cameo", "plover_type"))
    return {r["cameo"]: (r["plover_type"], (r.get("mode") or "").strip() or None) for r in rows}


def _words(
    value: Any, what: str, lists: Mapping[str, frozenset[str]] | None = None
) -> frozenset[str]:
    """A list of words (or one word); "@name" items expand to the named list."""
    items = value if isinstance(value, list) else [value]
    out: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            raise _fail(f"{what}: {item!r} is not a word (quote yes/no/on/off in YAML)")
        if item.startswith("@"):
            if lists is None or item[1:] not in lists:
                raise _fail(f"{what}: unknown word list {item}")
            out |= lists[item[1:]]
        else:
            out.add(item.lower())
    return frozenset(out)


def _conditions(raw: Any, what: str, lists: Mapping[str, frozenset[str]]) -> Conditions:
    if raw is None:
        return Conditions()
    if not isinstance(raw, dict):
        raise _fail(f"{what}: 'when' must be a mapping")
    unknown = set(raw) - set(WORD_CONDITIONS) - set(FLAG_CONDITIONS) - {"xcomp"}
    if unknown:
        raise _fail(f"{what}: unknown condition(s) {sorted(unknown)}")
    words = {k: _words(raw[k], f"{what}.{k}", lists) for k in WORD_CONDITIONS if k in raw}
    xcomp = raw.get("xcomp")
    return Conditions(
        words=words, flags={k: bool(raw[k]) for k in FLAG_CONDITIONS if k in raw},
        xcomp=None if xcomp is None else bool(xcomp),
        xcomp_lemmas=(
            _words(xcomp, f"{what}.xcomp", lists) if isinstance(xcomp, list) else frozenset()
        ),
    )  # fmt: skip


def _plover_type(value: Any, what: str) -> str:
    if value not in PLOVER_TYPES:
        raise _fail(f"{what}: {value!r} is not a PLOVER type")
    return str(value)


def _roles(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(r, str) for r in value):
        raise _fail(f"{what}: roles must be a list of strings")
    for role in value:
        for step in role.replace("+", ">").split(">"):
            if step in ROLE_STEPS or step.startswith("prep:") or step.isalpha():
                continue
            raise _fail(f"{what}: bad role step {step!r} in {role!r}")
    return tuple(value)


def _sense(
    raw: Any, pos: str, n: int, defaults: Mapping[str, Any], lists: Mapping[str, frozenset[str]]
) -> Sense:
    what = f"{pos} sense {n}"
    if not isinstance(raw, dict) or "lemma" not in raw:
        raise _fail(f"{what}: needs a 'lemma'")
    unknown = set(raw) - SENSE_KEYS
    if unknown:
        raise _fail(f"{what}: unknown key(s) {sorted(unknown)}")
    lemmas = tuple(sorted(_words(raw["lemma"], what)))
    cameo = raw.get("cameo")
    base_type, base_mode = (None, None)
    if cameo is not None:
        if str(cameo) not in cameo_table():
            raise _fail(f"{what} ({lemmas[0]}): CAMEO code {cameo!r} is not in {CAMEO_FILE}")
        base_type, base_mode = cameo_table()[str(cameo)]
    kind = _plover_type(raw.get("type", base_type), f"{what} ({lemmas[0]})")
    light = raw.get("light") or {}
    return Sense(
        lemmas=lemmas, pos=pos, type=kind, mode=raw.get("mode", base_mode),
        cameo=None if cameo is None else str(cameo),
        when=_conditions(raw.get("when"), what, lists),
        source=_roles(raw.get("source", defaults["source"]), what),
        target=_roles(raw.get("target", defaults["target"]), what),
        fatal=bool(raw.get("fatal", False)), hostile_xcomp=bool(raw.get("hostile_xcomp", False)),
        standalone=bool(raw.get("standalone", True)),
        light={str(k): (None if v is None else _plover_type(v, what)) for k, v in light.items()},
        reversed=None if raw.get("reversed") is None else _plover_type(raw["reversed"], what),
        joint_type=None if raw.get("joint_type") is None else _plover_type(raw["joint_type"], what),
        dyadic=bool(raw.get("dyadic", False)), xcomp_event=bool(raw.get("xcomp_event", False)),
    )  # fmt: skip


def _type_map(data: Mapping[str, Any], key: str) -> dict[str, str]:
    raw = require(LEXICON_FILE, data, key, dict)
    return {_plover_type(k, key): _plover_type(v, key) for k, v in raw.items()}


def _senses(
    data: Mapping[str, Any], lists: Mapping[str, frozenset[str]]
) -> dict[tuple[str, str], tuple[Sense, ...]]:
    roles = require(LEXICON_FILE, data, "roles", dict)
    index: dict[tuple[str, str], list[Sense]] = {}
    for section, pos in POS_SECTIONS.items():
        for n, raw in enumerate(require(LEXICON_FILE, data, section, list), start=1):
            sense = _sense(raw, pos, n, roles[pos], lists)
            for lemma in sense.lemmas:
                index.setdefault((pos, lemma), []).append(sense)
    return {k: tuple(v) for k, v in index.items()}


def _numbers(data: Mapping[str, Any], key: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in require(LEXICON_FILE, data, key, dict).items()}


@cache
def load() -> Lexicon:
    """The event lexicon, loaded and checked once per process."""
    data = load_yaml(LEXICON_FILE)
    raw_lists = require(LEXICON_FILE, data, "lists", dict)
    lists = {name: _words(words, f"lists.{name}") for name, words in raw_lists.items()}
    reversal = require(LEXICON_FILE, data, "reversal", dict)
    modality = require(LEXICON_FILE, data, "modality", dict)
    modes = require(LEXICON_FILE, data, "assault_modes", dict)

    def words(key: str) -> frozenset[str]:
        return _words(require(LEXICON_FILE, data, key, list), key, lists)

    def types(key: str) -> frozenset[str]:
        return frozenset(_plover_type(t, key) for t in require(LEXICON_FILE, data, key, list))

    roles = require(LEXICON_FILE, data, "roles", dict)
    return Lexicon(
        senses=_senses(data, lists),
        default_roles={
            pos: (_roles(r["source"], f"roles.{pos}"), _roles(r["target"], f"roles.{pos}"))
            for pos, r in roles.items()
        },
        light_verbs=words("light_verbs"),
        light_prep_verbs={
            verb: _words(preps, "light_prep_verbs")
            for verb, preps in require(LEXICON_FILE, data, "light_prep_verbs", dict).items()
        },
        reversal_verbs=_words(reversal.get("verbs", []), "reversal.verbs"),
        reversal_particles={
            k: _words(v, "reversal.particles") for k, v in reversal.get("particles", {}).items()
        },
        reversal_types=_type_map(reversal, "types"),
        future_types=_type_map(data, "future_types"), intent_verbs=words("intent_verbs"),
        future_exempt_modes=words("future_exempt_modes"),
        intent_types=_type_map(data, "intent_types"), hostile_types=types("hostile_types"),
        threat_types=types("threat_types"), ultimatum_types=types("ultimatum_types"),
        verbal_types=types("verbal_types"),
        stative_participles=words("stative_participles"),
        protest_topic_types=types("protest_topic_types"),
        negated_to_reject=types("negated_to_reject"),
        modality={k: _words(v, f"modality.{k}") for k, v in modality.items()},
        negative_subjects=words("negative_subjects"),
        negative_determiners=words("negative_determiners"),
        defiance_types=types("defiance_types"), reporting_verbs=words("reporting_verbs"),
        reporting_nouns=words("reporting_nouns"), allegation_verbs=words("allegation_verbs"),
        alleged_types=types("alleged_types"), sports_context=words("sports_context"),
        sports_blocked_types=types("sports_blocked_types"),
        assault_modes=tuple((m, _words(w, f"assault_modes.{m}")) for m, w in modes.items()),
        number_words=_numbers(data, "number_words"), number_scales=_numbers(data, "number_scales"),
        vague_counts=_numbers(data, "vague_counts"), force_nouns=words("force_nouns"),
        lists=lists,
    )  # fmt: skip
