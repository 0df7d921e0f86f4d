"""Reading actor phrases off the parse: known names in the text, and noun phrases headed by an
agent word together with what their modifiers say about country and sector.

``match_names`` scans the tokens once, longest known name first (a dict lookup per token, cut
short by a prefix set). ``describe`` reads one noun phrase: the agent word at its head ("troops",
"Foreign Ministry"), the countries its modifiers name ("Israeli", "Iran's", "US"), a named
organisation among them ("Hezbollah commander"), a sector word among them ("rebel leaders") and
the owner after "of"/"for" ("spokeswoman for Austria's Foreign Ministry").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from sitrep import gazetteer
from sitrep.annotate.actors.kb import KB, Agent, Entry, norm

# Dependents before a noun that belong to its phrase: "the", "Kenyan", "Peru's", "Interior".
PREMOD_DEPS = frozenset({"det", "predet", "amod", "compound", "nmod", "poss", "nummod", "case"})
PREP_DEP = "prep"
POBJ_DEP = "pobj"
COMPOUND_DEP = "compound"
NOUN_POS = frozenset({"NOUN", "PROPN"})
# Prepositions whose object owns a role or body: "minister of", "spokesman for", "troops from".
OWNER_PREPS = frozenset({"of", "for", "from"})
# The one owner preposition that still names the holder's own country for a posted role
# ("ambassador of France" is France's; "ambassador to/for France" serves there).
POSTED_OWNER_PREP = "of"
# Where a group with no country of its own is ("rebels in Darfur", "a court in Peru"; not for
# the sectors that often work abroad, ``KB.abroad``: "troops in Lebanon" may be anyone's): the
# prepositions are ``KB.located``, reached directly or through a placing participle ("based").
PLACING_DEP = "acl"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A place name shared by several countries counts for the best-known one only when it is this
# many times as populous as the next ("Punjab" is not settled; "Sindh" is one place).
DOMINANT_POPULATION = 10
# Prepositions whose phrase is part of a role's wording ("envoy to Iraq", "minister for trade").
ROLE_PREPS = OWNER_PREPS | {"to"}
COUNTRY_HOWS = frozenset({"country", "demonym", "capital"})
DIVISION_FEATURE = "ADM1"  # GeoNames' feature code of a first-level division
MAX_DIVISION_TOKENS = 2  # "Ky.", "New Mexico", "British Columbia"
SECTORS_KEY = "sitrep.actors.sectors"
LIST_WORDS = ("and", "or", "&")  # "Moscow, Donetsk and ...": places listed, not nested
NAME_POS = "PROPN"
PERSON_LABEL = "PERSON"
# Longest name in the knowledge base, in tokens ("Organisation for the Prohibition of ...").
MAX_NAME_TOKENS = 10
# Longest agent phrase, in tokens ("Secretary - General", "deputy prime minister").
MAX_AGENT_TOKENS = 4
# How deep "of"/"for" objects are followed ("leaders of the youth wing of the party").
MAX_DEPTH = 2


@dataclass(frozen=True)
class Hit:
    """Tokens [start, end) that name a known actor."""

    start: int
    end: int
    entry: Entry


@dataclass(frozen=True)
class Desc:
    """What a noun phrase headed by an agent word says about the actor it names.

    ``countries`` lists the country modifiers when there are several ("Hungarian and Romanian
    officials"), each with its hit, so the caller can split the phrase per country.
    """

    head: int
    start: int
    end: int  # last token: the head, or the end of the "of"/"in" phrase that told the country
    agent: Agent
    country: str | None
    sector: str | None
    role: str
    countries: tuple[tuple[str, Hit], ...]
    owner: Entry | None = None  # a named organisation among the modifiers ("Hamas gunmen")


@dataclass(frozen=True)
class Ctx:
    """One article being read: the doc, the knowledge base, the known-name hits by token, and
    how to find the country of a person a token names (filled in once people are known)."""

    doc: Doc
    kb: KB
    hit_at: dict[int, Hit]
    person_country: Callable[[Token], str | None]
    text: str  # the doc's text, read once: ``Doc.text`` rebuilds it from the tokens per call


@lru_cache(maxsize=65536)
def norm_cached(text: str) -> str:
    return norm(text)


def match_names(doc: Doc, kb: KB) -> list[Hit]:
    """Every known name in the text, longest match first, left to right, none overlapping; a
    country taken sides with ("anti-American", "pro-Iranian") names no actor and is left out."""
    keys = [norm_cached(t.text) if not t.is_space else "" for t in doc]
    glue = [" " if t.whitespace_ else "" for t in doc]
    hits: list[Hit] = []
    i = 0
    while i < len(doc):
        hit = _longest_at(doc, i, keys, glue, kb) if keys[i] in kb.prefixes else None
        if hit is None:
            i += 1
        else:
            if not _allegiance(doc, hit.start, kb) and not _elsewhere(doc, hit, kb):
                hits.append(hit)
            i = hit.end
    return hits


def _elsewhere(doc: Doc, hit: Hit, kb: KB) -> bool:
    """Is a country's or capital's name that of a town in another country's division, as the
    division named after a comma says ("Athens, Ga.", "Paris, Texas", "London, Ontario")?"""
    if hit.entry.how not in ("country", "capital") or hit.entry.country is None:
        return False
    division = division_after(doc, hit.end, kb)
    return division is not None and kb.iso3.get(division) != hit.entry.country


def division_after(doc: Doc, end: int, kb: KB) -> str | None:
    """The ISO alpha-2 country of a first-level division named right after a comma at token
    ``end`` ("..., Ky.", "..., Texas,", "..., KY"), the longest name first ("..., New
    Mexico"). None in a list of places ("Russia, Donetsk and Luhansk", "Moscow, Donetsk,
    Kharkiv"), and for a name that is also a country's or a capital's ("..., Georgia")."""
    first = end + 1
    if (
        first >= len(doc)
        or doc[end].text != ","
        or not (doc[first].is_title or doc[first].is_upper)
    ):
        return None
    longest = first
    while (
        longest + 1 < len(doc) and longest - end < MAX_DIVISION_TOKENS and doc[longest + 1].is_title
    ):
        longest += 1
    for last in range(longest, end, -1):
        name = doc[first : last + 1].text
        known = kb.names.get(norm_cached(name))
        if known is not None and known.how in ("country", "capital"):
            return None
        countries = {
            c.country
            for c in gazetteer.candidates(name, container=name.isupper())
            if c.feature_code == DIVISION_FEATURE
        }
        if countries:
            return countries.pop() if len(countries) == 1 and not _listed(doc, last) else None
    return None


def _listed(doc: Doc, last: int) -> bool:
    """Whether the place ending at token ``last`` is an item of a list: "and" or "or" after
    it, or a comma and another capitalised name."""
    after = doc[last + 1 : last + 3]
    if not after:
        return False
    if after[0].lower_ in LIST_WORDS:
        return True
    return (
        after[0].text == "," and len(after) > 1 and after[1].is_title and after[1].pos_ == NAME_POS
    )


def _allegiance(doc: Doc, start: int, kb: KB) -> bool:
    """Is the name at ``start`` the country of a "pro-"/"anti-" modifier?"""
    if start < 2 or doc[start - 1].text != "-":
        return False
    return norm_cached(doc[start - 2].text) in kb.allegiance


def _longest_at(doc: Doc, i: int, keys: list[str], glue: list[str], kb: KB) -> Hit | None:
    best: Hit | None = None
    key = keys[i]
    for j in range(i, min(len(doc), i + MAX_NAME_TOKENS)):
        if j > i:
            if not keys[j]:
                break
            key = key + glue[j - 1] + keys[j]
        if key not in kb.prefixes:
            break
        entry = kb.names.get(key)
        if entry is not None and _cased(doc, i, j + 1, key, kb):
            best = Hit(i, j + 1, entry)
    if best is not None and best.entry.kind != "person" and _inside_person(doc, best):
        return None
    if best is not None and _inside_longer_place(doc, best, kb):
        return None
    return best


def _inside_longer_place(doc: Doc, hit: Hit, kb: KB) -> bool:
    """A country name ending a longer place name the entity tagger read as one ("New Jersey",
    "New Mexico"): that place, not the country. A longer name the knowledge base knows ("New
    Zealand") is matched whole before this; "South Lebanon" is still Lebanon."""
    if hit.start == 0 or hit.entry.how == "named":
        return False
    first, before = doc[hit.start], doc[hit.start - 1]
    return (
        first.ent_iob_ == "I"
        and first.ent_type_ in PLACE_LABELS
        and before.text[:1].isupper()
        and norm_cached(before.text) in kb.other_place
    )


def _cased(doc: Doc, start: int, end: int, key: str, kb: KB) -> bool:
    """Acronyms match with their exact case ("US", not "us"); other names need a capital
    letter somewhere ("al-Qaeda"; not "turkey") and on every word the knowledge base always
    capitalises ("Russia Today", not "Russia today")."""
    span = doc[start:end]
    if key in kb.exact:
        return "".join(t.text for t in span) == kb.exact[key]
    if not any(c.isupper() for c in span.text):
        return False
    words = span.text.split()
    caps = kb.caps.get(key, frozenset())
    return len(words) != len(key.split()) or all(words[k][:1].isupper() for k in caps)


def _inside_person(doc: Doc, hit: Hit) -> bool:
    """A country or group name inside a longer person name ("Michael Jordan") is part of it."""
    first, after = doc[hit.start], doc[hit.end] if hit.end < len(doc) else None
    starts_inside = first.ent_type_ == PERSON_LABEL and first.ent_iob_ == "I"
    runs_on = after is not None and after.ent_type_ == PERSON_LABEL and after.ent_iob_ == "I"
    return starts_inside or runs_on


def premods(head: Token) -> list[Token]:
    """The tokens before ``head`` that belong to its noun phrase."""
    lefts = [c for c in head.lefts if c.dep_ in PREMOD_DEPS]
    if not lefts:
        return []
    return list(head.doc[min(c.left_edge.i for c in lefts) : head.i])


def is_head(tok: Token) -> bool:
    """A noun that heads its phrase (not a modifier inside another noun's phrase)."""
    return tok.pos_ in NOUN_POS and tok.dep_ != COMPOUND_DEP


def agent_phrase(head: Token, kb: KB, floor: int) -> tuple[Agent, int] | None:
    """The agent word or phrase ending at ``head`` (longest first, starting no further left than
    ``floor``) and the token where it starts; the head also matches through its lemma."""
    doc = head.doc
    for start in range(max(floor, head.i - MAX_AGENT_TOKENS + 1), head.i + 1):
        before = doc[start : head.i].text_with_ws
        for word in (head.text, head.lemma_):
            agent = kb.agents.get(norm_cached(before + word))
            if agent is not None:
                return agent, start
    return None


@dataclass
class _Mods:
    countries: list[tuple[str, Hit]]
    owner: Entry | None  # a named organisation or person among the modifiers
    owner_country: str | None
    sector: str | None


def _modifiers(tokens: Sequence[Token], ctx: Ctx) -> _Mods:
    """Countries, a named owner and a sector word among a phrase's modifiers (nearest wins)."""
    mods = _Mods([], None, None, None)
    seen: set[int] = set()
    for tok in tokens:
        hit = ctx.hit_at.get(tok.i)
        if hit is not None:
            if hit.start in seen:
                continue
            seen.add(hit.start)
            if hit.entry.how in COUNTRY_HOWS and hit.entry.country:
                mods.countries.append((hit.entry.country, hit))
            elif hit.entry.kind == "person":  # "Modi's envoy": his country, not his sector
                mods.owner_country = ctx.person_country(tok) or hit.entry.country
            else:
                mods.owner = hit.entry
                mods.owner_country = hit.entry.country
        elif ctx.person_country(tok) is not None:  # "Modi's envoy", "his government"
            mods.owner_country = ctx.person_country(tok)
        else:
            agent = agent_phrase(tok, ctx.kb, tokens[0].i)
            if agent is not None and agent[0].sector is not None:
                mods.sector = agent[0].sector
    return mods


def _owner(head: Token, agent: Agent, ctx: Ctx, depth: int) -> tuple[str | None, str | None, int]:
    """Country and sector named after "of"/"for"/"from", and the last token of that phrase
    (``head.i`` when there is none)."""
    for prep in head.rights:
        if prep.dep_ != PREP_DEP or prep.lower_ not in OWNER_PREPS:
            continue
        if agent.posted and prep.lower_ != POSTED_OWNER_PREP:
            continue
        for obj in prep.children:
            if obj.dep_ != POBJ_DEP:
                continue
            hit = ctx.hit_at.get(obj.i)
            if hit is not None:
                sector = None if hit.entry.how in COUNTRY_HOWS else hit.entry.sector
                return hit.entry.country, sector, obj.right_edge.i
            if obj.ent_type_ == PERSON_LABEL:
                return ctx.person_country(obj), None, obj.right_edge.i
            inner = describe(obj, ctx, depth=depth + 1) if depth < MAX_DEPTH else None
            if inner is not None:
                return inner.country, inner.sector, obj.right_edge.i
    return None, None, head.i


def _located(head: Token, ctx: Ctx, of_too: bool) -> tuple[str | None, int]:
    """The country of the place a group is in ("rebels in Darfur", "students throughout
    Indonesia", "a newspaper based in Beirut"; with ``of_too`` also "residents of Aleppo") and
    the last token of that phrase."""
    for obj in _place_objects(head, ctx.kb, of_too):
        country = _country_in(obj, ctx)
        if country is not None:
            return country, obj.right_edge.i
    return None, head.i


def located_country(head: Token, ctx: Ctx) -> str | None:
    """The country of where the group headed by ``head`` is ("... in Serbia"), if its words
    say."""
    return _located(head, ctx, of_too=False)[0]


def _place_objects(head: Token, kb: KB, of_too: bool) -> Iterator[Token]:
    """The objects of the prepositions after ``head`` that can say where it is, directly or
    through a placing participle ("based in")."""
    preps = kb.located | {POSTED_OWNER_PREP} if of_too else kb.located
    for child in head.rights:
        if child.dep_ == PLACING_DEP and child.lemma_.lower() in kb.placing:
            yield from _place_objects(child, kb, of_too=False)
        elif child.dep_ == PREP_DEP and child.lower_ in preps:
            yield from (obj for obj in child.children if obj.dep_ == POBJ_DEP)


def _country_in(obj: Token, ctx: Ctx) -> str | None:
    """The country a place phrase names: a country, capital or demonym in it ("East Timor's
    capital Dili", "the Syrian Golan Heights"), else the country of a place it names that the
    gazetteer puts in one country ("Sindh province", "Darfur")."""
    tokens = range(obj.left_edge.i, obj.right_edge.i + 1)
    for i in tokens:
        hit = ctx.hit_at.get(i)
        if hit is not None and hit.entry.how in COUNTRY_HOWS and hit.entry.country:
            return hit.entry.country
    return _places_country(tokens, ctx)


def _places_country(tokens: range, ctx: Ctx) -> str | None:
    """The country of the first place entity within ``tokens`` that the gazetteer puts in one
    country ("Darfur rebels", "the Sindh government"); read off the tokens' entity tags, so
    the cost is the phrase's length, not the article's entity count."""
    doc = ctx.doc
    for i in tokens:
        if doc[i].ent_iob_ != "B" or doc[i].ent_type_ not in PLACE_LABELS:
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end - 1 not in tokens:
            continue
        country = division_after(doc, end, ctx.kb) or _gazetteer_country(doc[i:end].text)
        if country is not None:
            return ctx.kb.iso3.get(country)
    return None


@lru_cache(maxsize=4096)
def _gazetteer_country(name: str) -> str | None:
    """The ISO alpha-2 country of the places ``name`` may denote, when they agree or one of
    them is far better known than the others."""
    found = sorted(gazetteer.candidates(name), key=lambda c: -c.population)
    countries = {c.country for c in found}
    if len(countries) == 1:
        return found[0].country
    if len(found) > 1 and found[0].population > DOMINANT_POPULATION * max(found[1].population, 1):
        return found[0].country
    return None


def _story_of(head: Token, agent: Agent, ctx: Ctx) -> bool:
    """Whether the paragraph of ``head``, or else the whole article, tells a story of the
    agent's ``story`` sector: a word of that sector in it and none of the agent's own
    ("Police said two officers ..."; "Officers also issued 900 speeding tickets" further on)."""
    doc, text = ctx.doc, ctx.text
    start = text.rfind("\n", 0, head.idx) + 1
    end = text.find("\n", head.idx)
    paragraph = doc.char_span(start, len(text) if end < 0 else end, alignment_mode="expand")
    return any(
        agent.story in sectors and agent.sector not in sectors
        for sectors in (_sectors_named(paragraph or (), ctx.kb), _article_sectors(doc, ctx.kb))
    )


def _article_sectors(doc: Doc, kb: KB) -> frozenset[str | None]:
    """The sectors the article's agent words name, found once (kept in ``user_data``)."""
    found: frozenset[str | None] | None = doc.user_data.get(SECTORS_KEY)
    if found is None:
        found = _sectors_named(doc, kb)
        doc.user_data[SECTORS_KEY] = found
    return found


def _sectors_named(tokens: Iterable[Token], kb: KB) -> frozenset[str | None]:
    """The sectors of the agent words among ``tokens``, story words left out."""
    agents = (
        kb.agents.get(norm_cached(t.text)) or kb.agents.get(norm_cached(t.lemma_)) for t in tokens
    )
    return frozenset(a.sector for a in agents if a is not None and a.story is None)


def _role_end(head: Token) -> int:
    """The last token of a role's wording: "envoy for Nepal", "Chief of Staff"."""
    for prep in head.rights:
        if prep.dep_ == PREP_DEP and prep.lower_ in ROLE_PREPS:
            return prep.right_edge.i
    return head.i


def _sector(agent: Agent, mod: _Mods, own_sector: str | None, kb: KB) -> str | None:
    """A weak head defers to a named owner, then a sector modifier, then its "of" object; a
    strong head only to a dominant modifier ("rebel forces")."""
    if agent.weak and mod.owner is not None:
        return mod.owner.sector
    if agent.weak:
        return mod.sector or own_sector or agent.sector
    if mod.sector in kb.dominant:
        return mod.sector
    return agent.sector


def describe(
    head: Token, ctx: Ctx, mods: Sequence[Token] | None = None, depth: int = 0
) -> Desc | None:
    """Read the noun phrase headed by ``head`` (its modifiers are ``mods``, by default the
    premodifiers the parse gives it); None when no agent word heads it."""
    mods = premods(head) if mods is None else mods
    floor = mods[0].i if mods else head.i
    found = agent_phrase(head, ctx.kb, floor)
    if found is None:
        return None
    agent, a_start = found
    mod = _modifiers([t for t in mods if t.i < a_start], ctx)
    own_country, own_sector, role_end = _owner(head, agent, ctx, depth)
    sector = _sector(agent, mod, own_sector, ctx.kb)
    if agent.story is not None and sector == agent.sector and _story_of(head, agent, ctx):
        sector = agent.story
    distinct = {c for c, _ in mod.countries}
    country = next(iter(distinct)) if len(distinct) == 1 else None
    country = country or mod.owner_country or (own_country if not distinct else None)
    end = role_end if own_country or own_sector else head.i
    at_home = sector not in ctx.kb.abroad or agent.home  # where it is tells whose it is
    if country is None and not distinct and at_home:
        country, located_end = _located(head, ctx, of_too=not (own_country or own_sector))
        end = max(end, located_end) if country else end
    if country is None and not distinct and mods and at_home:
        country = _places_country(range(mods[0].i, a_start), ctx)
    role = " ".join(ctx.doc[a_start : _role_end(head) + 1].text.split())
    countries = tuple(mod.countries) if len(distinct) > 1 else ()
    return Desc(head.i, floor, end, agent, country, sector, role, countries, mod.owner)
