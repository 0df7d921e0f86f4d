"""People in an article: where their names are, which names are the same person, and what the
titles and appositions around the names say about their country, sector and role.

A full name ("Lena Vogt") starts a person; a later one-word name ("Vogt", which spaCy
may tag ORG) joins the person whose surname it is, and two names of one known leader ("Assad",
"Bashar al-Assad") join through the knowledge base. Evidence is read in the order title before
the name ("Chilean President Ana Rojas"), apposition ("Lena Vogt, spokeswoman for Austria's
Foreign Ministry"), "of" + country ("King Hassan of Morocco"), then the knowledge base entry;
the first mention that gives a field sets it for the person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from sitrep.annotate.actors.kb import KB, Entry, norm
from sitrep.annotate.actors.phrases import (
    COUNTRY_HOWS,
    PERSON_LABEL,
    POBJ_DEP,
    PREP_DEP,
    Ctx,
    Desc,
    Hit,
    describe,
    premods,
)

APPOS_DEP = "appos"
POSSESSIVE_TAG = "POS"
OF_PREP = "of"
# Entity labels spaCy gives a lone surname by mistake ("Vogt" as ORG).
PROPER_NOUN = "PROPN"
PRONOUN = "PRON"
OUTSIDE = "O"  # the IOB tag of a token in no entity
COORDINATOR_DEP = "cc"  # "and" joining two names
MIDDLE_NAME_WORDS = 3  # given name, middle name or initial, surname
SHORT_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART"})


@dataclass(frozen=True)
class NameSpan:
    """Tokens [start, end) of a person's name, without title or possessive."""

    start: int
    end: int
    entry: Entry | None


@dataclass
class Person:
    """One real person; ``mentions`` index the ``NameSpan`` list that names them."""

    name: str
    keys: set[str]
    entry: Entry | None
    mentions: list[int] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Said:
    """What the words around one name say: the first token of its phrase (title included),
    fields found, and the apposition phrase that is another mention of the person."""

    start: int
    country: str | None
    sector: str | None
    role: str | None
    appos: tuple[int, int] | None


def _trim(doc: Doc, start: int, end: int, kb: KB) -> tuple[int, int]:
    """Drop a trailing possessive and leading title words spaCy put inside the entity."""
    while end > start and (
        doc[end - 1].tag_ == POSSESSIVE_TAG or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    while end - start > 1 and norm(doc[start].text) in kb.agents:
        start += 1
    return start, end


def find_names(doc: Doc, hits: Sequence[Hit], kb: KB) -> tuple[list[NameSpan], list[NameSpan]]:
    """Person names (PERSON entities and known people), and one-token entities of other labels
    or untagged proper nouns that may be surnames; each sorted by position."""
    names: list[NameSpan] = []
    maybe: list[NameSpan] = []
    known = {h.start: h for h in hits if h.entry.kind == "person"}
    known_end = {h.end: h for h in hits if h.entry.kind == "person"}
    others = {(h.start, h.end) for h in hits if h.entry.kind != "person"}
    hit_tokens = {i for h in hits for i in range(h.start, h.end)}
    covered: set[int] = set()
    for ent in doc.ents:
        start, end = _trim(doc, ent.start, ent.end, kb)
        if start >= end or (start, end) in others:  # "Benin" tagged PERSON is still Benin
            continue
        if ent.label_ == PERSON_LABEL:  # a known surname ends the name: "Omar Hassan al-Bashir"
            hit = known.get(start) or known_end.get(end)
            entry = hit.entry if hit is not None and start <= hit.start else None
            if entry is not None and hit is not None and hit.start > start:
                entry = entry if _same_given_name(doc[start], entry) else None
            if entry is None and end - start >= MIDDLE_NAME_WORDS:
                entry = _with_middle_name(doc[start:end], kb)
            names.append(NameSpan(start, end, _titled(doc, start, entry, kb)))
            covered.update(range(start, end))
        elif ent.label_ in SHORT_NAME_LABELS and end - start == 1 and start not in hit_tokens:
            maybe.append(NameSpan(start, end, None))
    for h in known.values():
        if h.start not in covered:
            names.append(NameSpan(h.start, h.end, _titled(doc, h.start, h.entry, kb)))
    for tok in doc:  # a surname the NER missed ("Berglund met ...")
        if tok.pos_ == PROPER_NOUN and tok.ent_iob_ == OUTSIDE and tok.i not in hit_tokens:
            maybe.append(NameSpan(tok.i, tok.i + 1, None))
    return sorted(names, key=lambda n: n.start), sorted(maybe, key=lambda n: n.start)


def _titled(doc: Doc, start: int, entry: Entry | None, kb: KB) -> Entry | None:
    """The known person a name stands for, given the title before it: one of the other
    gender than the entry its words matched is the one known person of that surname and the
    title's gender ("Mrs. Clinton" is Hillary, not Bill Clinton), else someone unknown."""
    said = _title_gender(doc, start, kb)
    if entry is None or said is None or entry.gender in (None, said):
        return entry
    others = [e for e in kb.by_surname.get(norm(entry.name).split()[-1], ()) if e.gender == said]
    return others[0] if len(others) == 1 else None


def _title_gender(doc: Doc, start: int, kb: KB) -> str | None:
    """The gender a title right before a name gives ("Mrs. Clinton"); a pronoun there is no
    title ("told him Merkel ...")."""
    title = doc[start - 1] if start > 0 else None
    if title is None or not title.is_title or title.pos_ == PRONOUN:
        return None
    return kb.gender_of.get(norm(title.text))


def _same_given_name(first: Token, entry: Entry) -> bool:
    """Whether a longer name that ends in a known person's surname starts as that person's
    name does ("Omar Hassan al-Bashir" is Omar al-Bashir; "Maria Lopez" is not a known Carlos
    Lopez)."""
    return norm(first.text) == norm(entry.name).split()[0]


def _with_middle_name(name: Span, kb: KB) -> Entry | None:
    """The known person a longer name gives with a middle name or initial ("Hillary Rodham
    Clinton", "John F. Kerry"): the one of that surname whose name starts as this one does.
    Two names joined ("Bill and Hillary Clinton") are no one's."""
    if any(t.dep_ == COORDINATOR_DEP for t in name):
        return None
    first, last = name[0], name[-1]
    same = [e for e in kb.by_surname.get(norm(last.text), ()) if _same_given_name(first, e)]
    return same[0] if len(same) == 1 else None


def surname_keys(name: str, kb: KB) -> set[str]:
    """The forms a later one-word mention may take: the last word, without "al-" and the like."""
    last = norm(name).split()[-1]
    keys = {last}
    for prefix in kb.surname_prefixes:
        if last.startswith(prefix) and len(last) > len(prefix):
            keys.add(last[len(prefix) :])
    return keys


def cluster(
    doc: Doc, names: Sequence[NameSpan], maybe: Sequence[NameSpan], kb: KB
) -> tuple[list[Person], dict[int, int], list[NameSpan]]:
    """Group names into people. Returns the people, name index -> person index, and the names
    list with the surnames found among ``maybe`` appended."""
    people: list[Person] = []
    owner: dict[int, int] = {}
    all_names = list(names)
    by_entry: dict[str, int] = {}
    by_name: dict[str, int] = {}
    order = sorted(range(len(names)), key=lambda k: (len(_text(doc, names[k]).split()) < 2, k))
    for k in order:
        n = names[k]
        text = _text(doc, n)
        short = len(text.split()) < 2  # a surname: the article's own person first ("Clinton")
        said = _title_gender(doc, n.start, kb)
        # "Bill Clinton ... Mrs. Clinton": a title of the other gender names someone else
        found = _by_surname(people, norm(text), said) if short else None
        if found is None and n.entry:
            found = by_entry.get(n.entry.id)
        if found is None:
            found = by_name.get(norm(text))
        if found is None:
            found = len(people)
            people.append(Person(n.entry.name if n.entry else text, set(), n.entry))
        person = people[found]
        if n.entry and person.entry is None:
            person.entry = n.entry
        if len(text) > len(person.name) and person.entry is None:
            person.name = text
        person.keys |= surname_keys(text, kb)
        by_name[norm(text)] = found
        if n.entry:  # "Hillary Rodham" is Hillary Clinton: a later "Clinton" is her too
            person.keys |= surname_keys(n.entry.name, kb)
            by_entry[n.entry.id] = found
        owner[k] = found
    for n in maybe:
        found = _by_surname(people, norm(_text(doc, n)), None)
        if found is not None:
            owner[len(all_names)] = found
            all_names.append(n)
    for k, p in owner.items():
        people[p].mentions.append(k)
    return people, owner, all_names


def _other_gender(entry: Entry | None, said: str | None) -> bool:
    return entry is not None and None not in (entry.gender, said) and entry.gender != said


def _by_surname(people: Sequence[Person], key: str, said: str | None) -> int | None:
    """The article's person a one-word name stands for, of the gender a title before it
    gives: the one whose surname it is, or of several the first named, a known person before
    an unknown one. A story that names two of one family ("Hillary Clinton", then "Bill
    Clinton") introduces its subject first and keeps the bare surname for them; a title-case
    headline makes people of words before a name ("Top Clinton Adviser ...")."""
    matches = [
        k for k, p in enumerate(people) if key in p.keys and not _other_gender(p.entry, said)
    ]
    return min(matches, key=lambda k: (people[k].entry is None, k), default=None)


def _text(doc: Doc, n: NameSpan) -> str:
    return doc[n.start : n.end].text


def _title(root: Token, name: NameSpan, ctx: Ctx) -> tuple[int, Desc | None, str | None]:
    """The phrase start and what a title before the name says ("Israeli Defense Minister")."""
    mods = [t for t in premods(root) if t.i < name.start]
    if not mods:
        return name.start, None, None
    pseudo = mods[-1]
    desc = describe(pseudo, ctx, mods=mods[:-1])
    countries = {
        ctx.hit_at[t.i].entry.country
        for t in mods
        if t.i in ctx.hit_at and ctx.hit_at[t.i].entry.how in COUNTRY_HOWS
    }
    country = desc.country if desc else (countries.pop() if len(countries) == 1 else None)
    return mods[0].i, desc, country


def _appositive(root: Token, ctx: Ctx) -> Desc | None:
    """The role phrase in apposition to the name, on either side of it. A name after a role
    with a prepositional phrase may hang on that phrase's noun ("Norway's envoy to Chile, Erik
    Dahl,": the parser makes him an apposition of "Chile"): then the role is the
    noun the phrase modifies."""
    heads = [c for c in root.children if c.dep_ == APPOS_DEP]
    if root.dep_ == APPOS_DEP:
        head = root.head
        heads[:0] = [head, head.head.head] if head.dep_ == POBJ_DEP else [head]
    for head in heads:
        desc = describe(head, ctx)
        if desc is not None:
            return desc
    return None


def _of_country(root: Token, ctx: Ctx) -> str | None:
    for prep in root.rights:
        if prep.dep_ == PREP_DEP and prep.lower_ == OF_PREP:
            for obj in prep.children:
                hit = ctx.hit_at.get(obj.i)
                if obj.dep_ == POBJ_DEP and hit and hit.entry.how in COUNTRY_HOWS:
                    return hit.entry.country
    return None


def what_is_said(name: NameSpan, ctx: Ctx) -> Said:
    """Read the title, apposition and "of" phrase around one name."""
    root = ctx.doc[name.start : name.end].root
    start, title, title_country = _title(root, name, ctx)
    appos = _appositive(root, ctx)
    descs = [d for d in (title, appos) if d is not None and (d.sector or d.country)]  # not "Mr"
    country = title_country or next((d.country for d in descs if d.country), None)
    sector = next((d.sector for d in descs if d.sector), None)
    role = next((d.role for d in descs), None)
    span = (appos.start, appos.head + 1) if appos else None
    country = country or _of_country(root, ctx)
    if ctx.kb.congress_tag.match(ctx.text, _after(ctx, name.end)):
        tag_country, tag_sector = ctx.kb.congress_side
        country, sector = country or tag_country, sector or tag_sector
    return Said(start, country, sector, role, span)


def _after(ctx: Ctx, end: int) -> int:
    """The character offset of the first word after token ``end - 1``."""
    return ctx.doc[end].idx if end < len(ctx.doc) else len(ctx.text)


def merge(people: Sequence[Person], names: Sequence[NameSpan], said: Sequence[Said]) -> None:
    """Set each person's fields from the first mention that gives them, then the KB entry."""
    for person in people:
        for k in sorted(person.mentions, key=lambda k: names[k].start):
            s = said[k]
            person.country = person.country or s.country
            person.sector = person.sector or s.sector
            person.role = person.role or s.role
        if person.entry is not None:
            person.country = person.country or person.entry.country
            person.sector = person.sector or person.entry.sector
            person.role = person.role or person.entry.role
