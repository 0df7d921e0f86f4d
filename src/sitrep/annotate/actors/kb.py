"""The actor knowledge base: countries, named actors and agent words, as lookup tables built once.

Three knowledge files feed it (see their headers for sources): ``countries.csv`` (names,
demonyms, capitals per ISO3 code), ``actors.yaml`` (IGOs, groups, institutions, media, NGOs,
parties, leaders) and ``agents.yaml`` (role and agent words -> sector). ``load()`` validates
them and builds plain dicts keyed by ``norm``-alised text, cached per process, so matching an
article costs a few dict lookups per token and no regex over the knowledge base.

Actor ids are built here so that every module agrees on them (see ``sitrep.annotate.actors``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from sitrep.errors import E, SitrepError
from sitrep.knowledge import load_csv, load_yaml, require, strings

Kind = Literal["state", "person", "organization", "group"]
How = Literal["country", "demonym", "capital", "named"]

COUNTRIES = "countries.csv"
ACTORS = "actors.yaml"
AGENTS = "agents.yaml"
ACTOR_SECTIONS = ("igos", "groups", "institutions", "media", "ngos", "parties", "people")
KINDS: tuple[Kind, ...] = ("state", "person", "organization", "group")
GENDERS = (None, "m", "f")  # a person's, which "he" and "she" must agree with

# The sectors a government exercises: a country-level actor in one of them is the state itself
# acting ("Egyptian troops", "the Turkish government"), so its kind is "state", not "group".
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
MIXED_ACRONYM_LETTERS = 4  # "LeT", "HuJI": an acronym in mixed case; "McCain" is a name


@dataclass(frozen=True)
class Entry:
    """What a known name stands for. ``how`` says how the words name it: a country's own name,
    a demonym ("Kenyan"), a capital used for its government ("Nairobi"), or a named actor."""

    id: str
    name: str
    country: str | None
    sector: str | None
    kind: Kind
    how: How
    role: str | None = None
    gender: str | None = None  # "m" or "f" for a person, as the knowledge base records it


@dataclass(frozen=True)
class Agent:
    """An agent word: its sector, whether it names one office-holder (``person``), whether a
    modifier's sector outranks it (``weak``), whether its holder serves abroad (``posted``),
    whether it serves at home although its sector often works abroad (``home``), and the sector
    it takes in a story of that sector (``story``)."""

    sector: str | None
    person: bool
    weak: bool
    posted: bool
    home: bool = False
    story: str | None = None


@dataclass(frozen=True)
class KB:
    names: Mapping[str, Entry]  # norm(alias) -> entry
    exact: Mapping[str, str]  # norm(alias) -> the alias as written, for case-sensitive acronyms
    caps: Mapping[str, frozenset[int]]  # norm(alias) -> words capitalised in every spelling
    prefixes: frozenset[str]  # every norm(alias) prefix, to stop a scan early
    agents: Mapping[str, Agent]  # norm(word or phrase) -> agent
    dominant: frozenset[str]  # modifier sectors that outrank a strong head
    abroad: frozenset[str]  # sectors whose location does not tell their country
    surname_prefixes: tuple[str, ...]
    locative: frozenset[str]
    located: frozenset[str]  # prepositions after a group that say where it is
    placing: frozenset[str]  # lemmas of participles that put a body somewhere ("based in")
    pronouns: frozenset[str]
    gender_of: Mapping[str, str]  # pronoun, title or role word -> "m" or "f"
    title_words: Mapping[str, str]  # abbreviated title -> the role word ("sen." -> "senator")
    by_surname: Mapping[str, tuple[Entry, ...]]  # norm(last word of a name) -> known people
    ethnic: frozenset[str]  # modifiers that make a plural demonym a people, not a state's
    allegiance: frozenset[str]  # "pro", "anti": before "-" + a country, a side taken
    other_place: frozenset[str]  # "New": before a country's name, another place
    congress_tag: re.Pattern[str]  # "(D-Mont.)" after a name
    congress_side: tuple[str, str]  # the country and sector it gives
    nationals: str  # the sector of a nation's people ("Iranians")
    country_names: Mapping[str, str]  # iso3 -> name
    iso3: Mapping[str, str]  # iso2 -> iso3 (the gazetteer's codes to the actors')


def _fold(text: str) -> str:
    """A name with accents folded, curly quotes straightened, single spaces, no space around
    hyphens and no leading "the"; case is kept."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", text)).strip()
    return text[4:] if text[:4].lower() == "the " else text


def norm(text: str) -> str:
    """Compare form of a name: ``_fold`` in lower case ("the  Kremlin" == "kremlin")."""
    return _fold(text).lower()


def slug(name: str) -> str:
    """The id form of a name: "Bashar al-Assad" -> "bashar-al-assad"."""
    return re.sub(r"[^a-z0-9]+", "-", norm(name)).strip("-")


def actor_id(name: str | None, country: str | None, sector: str | None, kind: Kind) -> str:
    """The stable id of an actor (the scheme is documented in ``sitrep.annotate.actors``)."""
    if kind == "state" or (name is None and country):
        return f"{country}-{sector}" if sector else str(country)
    if name is None:
        return str(sector)
    return f"{slug(name)}@{country}" if country else slug(name)


def is_acronym(alias: str) -> bool:
    """All-capital aliases ("UN", "IS", "U.S.") and short ones with a capital inside ("LeT",
    not the headline's "Let") match only with their exact case."""
    letters = [c for c in alias if c.isalpha()]
    inner_capital = (
        " " not in alias
        and len(letters) <= MIXED_ACRONYM_LETTERS
        and any(c.isupper() for c in letters[1:])
    )
    return bool(letters) and (all(c.isupper() for c in letters) or inner_capital)


def _pattern(text: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error as exc:
        raise SitrepError(E.E010, name=AGENTS, reason=f"bad pattern {text!r}: {exc}") from exc


def _pair(items: list[str]) -> tuple[str, str]:
    if len(items) != 2:
        raise SitrepError(E.E010, name=AGENTS, reason="congress_side is [country, sector]")
    return items[0], items[1]


def split(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def _strings(name: str, data: Any, key: str) -> list[str]:
    """An optional list of strings (a missing key is an empty list)."""
    return strings(name, data, key, optional=True)


def capitalised(text: str) -> frozenset[int]:
    """Positions of the words of ``text`` that start with a capital letter."""
    return frozenset(k for k, w in enumerate(_fold(text).split()) if w[:1].isupper())


class _Names:
    """Collects alias -> entry pairs; the first entry to claim an alias keeps it. A word must
    be capitalised in the text when every spelling of the alias capitalises it ("Russia
    Today" the channel, not "Russia today")."""

    def __init__(self) -> None:
        self.names: dict[str, Entry] = {}
        self.exact: dict[str, str] = {}
        self.caps: dict[str, frozenset[int]] = {}

    def add(self, aliases: Iterable[str], entry: Entry) -> None:
        for alias in aliases:
            key = norm(alias)
            if not key:
                continue
            if key not in self.names:
                self.names[key] = entry
                self.caps[key] = capitalised(alias)
                if is_acronym(alias):
                    self.exact[key] = re.sub(r"\s+", "", alias)
            elif self.names[key] == entry:
                self.caps[key] &= capitalised(alias)


def _country_entries(names: _Names) -> dict[str, str]:
    rows = load_csv(COUNTRIES, ("iso3", "name"))
    country_names = {row["iso3"]: row["name"] for row in rows}
    for row in rows:  # own names first: a name beats another country's demonym or capital
        iso3, name = row["iso3"], row["name"]
        entry = Entry(iso3, name, iso3, None, "state", "country")
        names.add([name, *split(row.get("aliases"))], entry)
    for row in rows:
        iso3, name = row["iso3"], row["name"]
        names.add(split(row.get("demonyms")), Entry(iso3, name, iso3, None, "state", "demonym"))
        gov = Entry(f"{iso3}-GOV", name, iso3, "GOV", "state", "capital")
        names.add(split(row.get("capitals")), gov)
    return country_names


def _actor_entries(names: _Names) -> None:
    data = load_yaml(ACTORS)
    for section in ACTOR_SECTIONS:
        block = require(ACTORS, data, section, dict)
        entries = require(ACTORS, block, "entries", list)
        for item in entries:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise SitrepError(E.E010, name=ACTORS, reason=f"{section}: entry without name")
            merged = {**block, **item}
            kind = merged.get("kind")
            if kind not in KINDS:
                raise SitrepError(E.E010, name=ACTORS, reason=f"{item['name']}: bad kind")
            country, sector = merged.get("country"), merged.get("sector")
            gender = merged.get("gender")
            if gender not in GENDERS or (gender is not None and kind != "person"):
                raise SitrepError(E.E010, name=ACTORS, reason=f"{item['name']}: bad gender")
            entry = Entry(
                actor_id(item["name"], country, sector, kind), item["name"], country, sector,
                kind, "named", merged.get("role"), gender,
            )  # fmt: skip
            names.add([item["name"], *_strings(ACTORS, item, "aliases")], entry)


def _people_by_surname(entries: Iterable[Entry]) -> dict[str, tuple[Entry, ...]]:
    """Known people by the last word of their name: a title that gives the other gender
    ("Mrs. Clinton") points from the person an alias names to another of that surname."""
    found: dict[str, list[Entry]] = {}
    for entry in dict.fromkeys(e for e in entries if e.kind == "person"):
        found.setdefault(norm(entry.name).split()[-1], []).append(entry)
    return {k: tuple(v) for k, v in found.items()}


def _genders(grammar: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for gender, keys in (
        ("m", ("male_pronouns", "male_words")),
        ("f", ("female_pronouns", "female_words")),
    ):
        for key in keys:
            found.update((norm(w), gender) for w in _strings(AGENTS, grammar, key))
    return found


def _agent_table(data: Any) -> dict[str, Agent]:
    weak = {norm(w) for w in _strings(AGENTS, data, "weak")}
    posted = {norm(w) for w in _strings(AGENTS, data, "posted")}
    home = {norm(w) for w in _strings(AGENTS, data, "home_groups")}
    story = {norm(w): str(v) for w, v in require(AGENTS, data, "story_sectors", dict).items()}
    table: dict[str, Agent] = {}

    def put(word: str, sector: str | None, person: bool) -> None:
        key = norm(word)
        agent = Agent(sector, person, key in weak, key in posted, key in home, story.get(key))
        table.setdefault(key, agent)

    for sector, block in require(AGENTS, data, "sectors", dict).items():
        for word in _strings(AGENTS, block, "people"):
            put(word, sector, True)
        for word in _strings(AGENTS, block, "groups"):
            put(word, sector, False)
    for word in _strings(AGENTS, data, "neutral_people"):
        put(word, None, True)
    for word in _strings(AGENTS, data, "neutral_groups"):
        put(word, None, False)
    return table


@cache
def load() -> KB:
    """The knowledge base, built once per process."""
    names = _Names()
    country_names = _country_entries(names)
    _actor_entries(names)
    agents_data = load_yaml(AGENTS)
    agents = _agent_table(agents_data)
    grammar = require(AGENTS, agents_data, "grammar", dict)
    actors_data = load_yaml(ACTORS)
    prefixes = frozenset(k[:i] for k in names.names for i in range(1, len(k) + 1))
    return KB(
        names=names.names, exact=names.exact, caps=names.caps, prefixes=prefixes, agents=agents,
        dominant=frozenset(_strings(AGENTS, agents_data, "dominant_modifiers")),
        abroad=frozenset(_strings(AGENTS, agents_data, "abroad_sectors")),
        surname_prefixes=tuple(norm(p) for p in _strings(ACTORS, actors_data, "surname_prefixes")),
        locative=frozenset(norm(w) for w in _strings(AGENTS, grammar, "locative_prepositions")),
        located=frozenset(norm(w) for w in _strings(AGENTS, grammar, "located_prepositions")),
        placing=frozenset(norm(w) for w in _strings(AGENTS, grammar, "placing_verbs")),
        pronouns=frozenset(norm(w) for w in _strings(AGENTS, grammar, "person_pronouns")),
        gender_of=_genders(grammar),
        title_words={
            norm(k): norm(v) for k, v in require(AGENTS, grammar, "title_words", dict).items()
        },
        by_surname=_people_by_surname(names.names.values()),
        ethnic=frozenset(norm(w) for w in _strings(AGENTS, grammar, "ethnic_modifiers")),
        allegiance=frozenset(norm(w) for w in _strings(AGENTS, grammar, "allegiance_prefixes")),
        other_place=frozenset(norm(w) for w in _strings(AGENTS, grammar, "other_place_prefixes")),
        congress_tag=_pattern(require(AGENTS, grammar, "congress_tag", str)),
        congress_side=_pair(strings(AGENTS, grammar, "congress_side")),
        nationals=require(AGENTS, agents_data, "nationals", str),
        country_names=country_names,
        iso3={row["iso2"]: row["iso3"] for row in load_csv(COUNTRIES, ("iso3", "iso2"))},
    )  # fmt: skip
