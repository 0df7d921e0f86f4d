"""The actors annotator: who an article is about, and every stretch of text that names them.

It returns one ``Actor`` per real entity in the article and one ``Mention`` per stretch of text
that names one, read off the one spaCy parse with the knowledge base of ``kb``.

What names an actor, in the order they claim the text:
1. People: PERSON entities and known leaders, with the title before the name ("Russian President
   Vladimir Putin": RUS, GOV), an apposition ("Lena Vogt, spokeswoman for Austria's Foreign
   Ministry": AUT, GOV; the apposition is a second mention of her) or "of" + country. A later
   surname ("Vogt", even when spaCy tags it ORG) is the same person (``people``).
2. Noun phrases headed by an agent word (``agents.yaml``): "Qatari warplanes" (QAT-MIL), "the
   Turkish government" (TUR-GOV), "Kenya's Interior Ministry" (KEN-GOV), "foreign troops" (MIL, no
   country). Conjoined countries split: "Hungarian and Romanian officials" gives HUN-GOV on
   "Hungarian" and ROU-GOV on "Romanian". A phrase with no country after "of"/"for" takes its
   governor's ("Mali's commander of the border police": MLI); a definite state body with
   none ("the government") takes the country of the last body of its sector named before it. A
   bare role ("the minister") is the last person with that role (``coref``).
3. Known names not inside a phrase above: a country's name or demonym is the state, sector None
   ("Russia said", "Iranian"), as CAMEO codes a country acting as a whole; a capital is the
   government ("Nairobi replied": KEN-GOV) except after a locative preposition ("in Nairobi", a
   place) or as a modifier ("Nairobi University"); a named organisation is itself.
4. ORG entities nothing above explains: an organisation, with the country its words name.
5. Third-person pronouns, resolved to a person by the salience rule of ``coref`` (read right after
   the people, so that "his government" takes his country).

Actor ids are stable across articles:
- a state: its ISO 3166-1 alpha-3 code ("IRN"); one of its sectors: "IRN-GOV", "ISR-MIL";
- a person: the slug of the fullest name + "@" + country ("vladimir-putin@RUS"), or the slug
  alone when the country is unknown;
- a named organisation or group: the slug of its canonical name + "@" + country
  ("hezbollah@LBN", "islamic-revolutionary-guard-corps@IRN"), or the slug alone ("nato");
- a sector with no country ("foreign troops"): the sector code ("MIL").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property, partial
from typing import Any

from spacy.tokens import Doc, Span, Token

from sitrep import gazetteer
from sitrep.annotate.actors import coref
from sitrep.annotate.actors import kb as actor_kb
from sitrep.annotate.actors.kb import KB, STATE_SECTORS, Entry, actor_id
from sitrep.annotate.actors.people import (
    POSSESSIVE_TAG,
    PROPER_NOUN,
    NameSpan,
    Person,
    Said,
    cluster,
    find_names,
    merge,
    what_is_said,
)
from sitrep.annotate.actors.phrases import (
    COMPOUND_DEP,
    NOUN_POS,
    OWNER_PREPS,
    PERSON_LABEL,
    PLACE_LABELS,
    POBJ_DEP,
    Ctx,
    Desc,
    Hit,
    describe,
    is_head,
    located_country,
    match_names,
    norm_cached,
    premods,
)
from sitrep.annotate.base import Annotations
from sitrep.annotate.quotes import cues as quote_cues
from sitrep.model import Actor, Mention, Spans
from sitrep.nlp import inside
from sitrep.options import Options

DET_DEP = "det"
DEFINITE = "the"
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})
POSSESSOR_DEP = "poss"
# A line of at least this many words, this share of them capitalised, is a title-case headline.
MIN_HEADLINE_WORDS = 3
TITLE_CASE_SHARE = 0.8
# Dependencies that make a capital a modifier of another noun ("Nairobi University", "the
# Moscow summit"): the noun is the actor or the event, not the capital's government.
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# Links to climb from a name to the preposition that governs it ("near the capital Damascus").
CHAIN_DEPS = frozenset({"appos", "conj"})
ORG_LABEL = "ORG"
VERB_POS = frozenset({"VERB", "AUX"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Passes over people: the second one reads titles that name another person ("Putin's envoy"),
# whose country the first pass found.
PEOPLE_PASSES = 2
# A person whose words say both genders (a parse gone wrong): agrees with any pronoun.
UNKNOWN_GENDER = "?"


class _Found:
    """Actors and mentions collected for one article; a token claimed by one mention is not
    read again by a later rule (nested known names excepted)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # built from the tokens on every access: read it once
        self.taken: set[int] = set()
        self.actors: dict[str, Actor] = {}
        self.aliases: dict[str, list[str]] = {}
        self.mentions: dict[tuple[int, int], str] = {}

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.taken for i in range(start, end))

    def add(self, start: int, end: int, actor: Actor, pronoun: bool = False) -> None:
        self.taken.update(range(start, end))
        self.actors.setdefault(actor.id, actor)
        s, e = self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)
        if (s, e) in self.mentions:
            return
        self.mentions[(s, e)] = actor.id
        names = self.aliases.setdefault(actor.id, [])
        if not pronoun and self.text[s:e] not in names:
            names.append(self.text[s:e])

    def result(self, skip: Spans = ()) -> dict[str, list[Any]]:
        """The actors and mentions found, less the mentions inside ``skip`` (page navigation
        names no actor of the story) and the actors left with no mention."""
        mentions = [
            Mention(((s, e),), self.text[s:e], aid)
            for (s, e), aid in sorted(self.mentions.items())
            if not inside(((s, e),), skip)
        ]
        named = {m.actor_id for m in mentions}
        actors = [
            Actor(a.id, a.name, a.country, a.sector, a.kind, a.role, tuple(self.aliases[a.id]))
            for a in self.actors.values()
            if a.id in named
        ]
        return {"actors": actors, "mentions": mentions}


def group_actor(country: str | None, sector: str | None, kb: KB) -> Actor | None:
    """A state, one of its sectors, or a sector with no country; None when nothing is known."""
    if country is None and sector is None:
        return None
    kind: actor_kb.Kind = "state" if sector is None or sector in STATE_SECTORS else "group"
    if country is None:
        return Actor(str(sector), str(sector), None, sector, "group")
    base = kb.country_names.get(country, country)
    name = f"{base} {sector}" if sector else base
    return Actor(actor_id(None, country, sector, kind), name, country, sector, kind)


def entry_actor(entry: Entry, kb: KB) -> Actor | None:
    """The actor a known name stands for."""
    if entry.how == "named":
        return Actor(entry.id, entry.name, entry.country, entry.sector, entry.kind, entry.role)
    return group_actor(entry.country, entry.sector, kb)


def person_actor(p: Person) -> Actor:
    """The actor of a person, from what all their mentions said."""
    return Actor(
        actor_id(p.name, p.country, p.sector, "person"), p.name, p.country, p.sector, "person",
        p.role,
    )  # fmt: skip


def _definite(role: Token) -> bool:
    """Whether a role noun is definite: "the", "this" or "that" before it, or a name's
    possessive ("Hungary's minister"; "his minister" is someone else's)."""
    return any(
        (c.dep_ == DET_DEP and c.lower_ in DEFINITE_DETERMINERS)
        or (c.dep_ == POSSESSOR_DEP and c.pos_ == PROPER_NOUN)
        for c in role.lefts
    )


def _same_name(mod: Token, head: Token) -> bool:
    """Whether ``mod`` and ``head`` are words of one proper name, a run of proper nouns
    ("Libertarian National Committee"), where a word for a person names no one; a body's
    word there still does ("Senate Judiciary Committee")."""
    names = all(t.pos_ == PROPER_NOUN for t in head.doc[mod.i : head.i + 1])
    return names and not _title_cased(head.sent)


def _title_cased(sent: Span) -> bool:
    """A headline set in title case ("Israeli Soldier Convoy Attacked Near Jenin"), where the
    tagger reads every word as a proper noun."""
    words = [t for t in sent if t.is_alpha]
    capitals = sum(t.is_title or t.is_upper for t in words)
    return len(words) >= MIN_HEADLINE_WORDS and capitals >= TITLE_CASE_SHARE * len(words)


def _with_article(doc: Doc, start: int, end: int) -> int:
    """Start a name's mention at its "the" ("the United States")."""
    prev = doc[start - 1] if start > 0 else None
    if prev is None or prev.lower_ != DEFINITE or prev.dep_ != DET_DEP:
        return start
    return start - 1 if start <= prev.head.i < end else start


def _governing_prep(tok: Token) -> Token | None:
    """The preposition whose object ``tok`` is, through appositions and conjuncts."""
    while tok.dep_ in CHAIN_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok.head if tok.dep_ == POBJ_DEP else None


class _Reader:
    """Runs the rules of the module docstring over one article, in order."""

    def __init__(self, doc: Doc, kb: KB) -> None:
        self.doc, self.kb = doc, kb
        self.hits = match_names(doc, kb)
        hit_at = {i: h for h in self.hits for i in range(h.start, h.end)}
        self.found = _Found(doc)
        self.sents = coref.sentence_numbers(doc)
        self.person_at: dict[int, int] = {}
        self.people: list[Person] = []
        self.ctx = Ctx(doc, kb, hit_at, self._person_country, doc.text)
        self.seen: list[coref.Seen] = []
        self.gender: dict[int, str] = {}  # person -> "m"/"f", from titles, roles, pronouns

    def _person_country(self, tok: Token) -> str | None:
        k = self.person_at.get(tok.i)
        return None if k is None else self.people[k].country

    def people_rule(self) -> None:
        names, maybe = find_names(self.doc, self.hits, self.kb)
        self.people, owner, all_names = cluster(self.doc, names, maybe, self.kb)
        self.person_at = {
            i: owner[k] for k, n in enumerate(all_names) for i in range(n.start, n.end)
        }
        said: list[Said] = []
        for _ in range(PEOPLE_PASSES):
            said = [what_is_said(n, self.ctx) for n in all_names]
            merge(self.people, all_names, said)
        for k, n in enumerate(all_names):
            self._add_person(n, said[k], owner[k])
        self.seen.sort(key=lambda s: s.tok)

    def _add_person(self, name: NameSpan, said: Said, person: int) -> None:
        if self._place_name(name, said, person):
            return
        words = [*self.doc[said.start : name.start], *(self.people[person].role or "").split()]
        if said.appos is not None:
            words += list(self.doc[said.appos[0] : said.appos[1]])
        entry = self.people[person].entry
        if entry is not None:
            self._learn_gender(person, entry.gender)
        for word in words:
            self._learn_gender(person, self.kb.gender_of.get(norm_cached(str(word))))
        actor = person_actor(self.people[person])
        self.found.add(said.start, name.end, actor)
        self.seen.append(coref.seen(self.doc[name.start : name.end].root, self.sents, person))
        if said.appos is not None and self.found.free(*said.appos):
            self.found.add(*said.appos, actor)

    def _place_name(self, name: NameSpan, said: Said, person: int) -> bool:
        """Whether a "person" is a well-known place the model tagged as one ("Luhansk came
        under fire ... shelling in Luhansk"): nothing but the bare name, no title, role,
        apposition, fuller name or known person behind it (the places layer reads such a name
        as the place)."""
        p = self.people[person]
        bare = said.start == name.start and said.appos is None and p.role is None
        words = self.doc[name.start : name.end]
        return bare and p.entry is None and p.name == words.text and self._known_place(words)

    def _known_place(self, words: Span) -> bool:
        """Whether ``words`` name a well-known place that the article also writes as a place
        (a place entity, or the object of a locative preposition: "in Benghazi"), are never a
        word of a longer person's name ("Austin Clark ... Austin left") and do not speak
        ("Austin said"). The gazetteer alone would take people for towns ("Nancy", "Lincoln")."""
        text, root = words.text, words.root
        if text not in self._written_as_place or text in self._name_words:
            return False
        speaks = (
            root.dep_ in coref.SUBJECT_DEPS and self._speech.lemma(root.head) in self._speech.speech
        )
        return not speaks and gazetteer.well_known(text)

    @cached_property
    def _written_as_place(self) -> frozenset[str]:
        """Entity texts the article writes as places somewhere: place entities, and entities
        governed by a locative preposition."""
        return frozenset(
            e.text
            for e in self.doc.ents
            if e.label_ in PLACE_LABELS
            or (
                (prep := _governing_prep(e.root)) is not None
                and actor_kb.norm(prep.text) in self.kb.locative
            )
        )

    @cached_property
    def _name_words(self) -> frozenset[str]:
        """The words of the article's person names of two words or more."""
        return frozenset(
            t.text for e in self.doc.ents if e.label_ == PERSON_LABEL and len(e) > 1 for t in e
        )

    @cached_property
    def _speech(self) -> quote_cues.Cues:
        return quote_cues.load()

    def phrase_rule(self) -> None:
        for tok in self.doc:
            if not is_head(tok) or tok.i in self.ctx.hit_at or tok.i in self.found.taken:
                continue
            desc = describe(tok, self.ctx) or self._agent_modifier(tok)
            if desc is not None:
                self._add_phrase(self.doc[desc.head], desc)

    def _agent_modifier(self, tok: Token) -> Desc | None:
        """An agent word modifying another noun names an actor of its own: "Israeli army" in
        "Israeli army bulldozers", "Ugandan opposition" in "Ugandan opposition rallies"."""
        mods = premods(tok)
        for mod in reversed(mods):
            if mod.dep_ == COMPOUND_DEP and mod.pos_ in NOUN_POS and mod.i not in self.ctx.hit_at:
                desc = describe(mod, self.ctx, mods=[t for t in mods if t.i < mod.i])
                if desc is not None and desc.agent.person and _same_name(mod, tok):
                    continue  # a word of a name ("National" in "Libertarian National Committee")
                if desc is not None:
                    return desc
        return None

    def _add_phrase(self, tok: Token, desc: Desc) -> None:
        for each, hit in desc.countries:
            actor = group_actor(each, desc.sector, self.kb)
            if actor is not None:
                self.found.add(hit.start, hit.end, actor)
        if desc.countries:
            return
        # a bare role ("the chancellor") is first the person who holds it; only a phrase no
        # person fits borrows the country of the state body named last
        country = desc.country or self._governor_country(tok)
        person = self._role_person(tok, desc, country) if desc.agent.person else None
        if person is not None:
            self.found.add(desc.start, tok.i + 1, person_actor(self.people[person]))
            return
        members = not desc.agent.person or tok.tag_ in PLURAL_TAGS  # "fighters", not "leader"
        owner = (
            entry_actor(desc.owner, self.kb) if desc.owner and desc.owner.how == "named" else None
        )
        if owner is not None and members:
            # "Hamas gunmen", "NATO troops": the organisation's own people act as it
            self.found.add(desc.start, desc.end + 1, owner)
            return
        country = country or self._recent_country(tok, desc)
        actor = group_actor(country, desc.sector, self.kb) if desc.sector else None
        if actor is not None:  # a phrase without a sector ("Trump's supporters") is no actor
            self.found.add(desc.start, desc.end + 1, actor)

    def _governor_country(self, tok: Token) -> str | None:
        """The country of the phrase a "for"/"of" phrase hangs from ("the border police" in
        "Mali's commander of the border police")."""
        if tok.dep_ != POBJ_DEP or tok.head.lower_ not in OWNER_PREPS:
            return None
        gov = tok.head.head
        if gov.i in self.person_at:
            return self._person_country(gov)
        desc = describe(gov, self.ctx)
        return desc.country if desc is not None and not desc.agent.posted else None

    def _recent_country(self, tok: Token, desc: Desc) -> str | None:
        """A definite state body with no country ("the government", "the army") belongs to the
        last country whose body of that sector the article named before it."""
        definite = any(c.dep_ == DET_DEP and c.lower_ == DEFINITE for c in tok.lefts)
        if not definite or desc.sector not in STATE_SECTORS:
            return None
        before = [(s, aid) for (s, _), aid in self.found.mentions.items() if s < tok.idx]
        for _, aid in sorted(before, reverse=True):
            actor = self.found.actors[aid]
            if actor.sector == desc.sector and actor.country:
                return actor.country
        return None

    def _role_person(self, tok: Token, desc: Desc, country: str | None) -> int | None:
        """The person a definite singular role points back to ("the senator", "this minister",
        "Hungary's minister"); "a senator", "other senators" name nobody in particular."""
        if not _definite(tok) or tok.tag_ in PLURAL_TAGS:
            return None
        word = actor_kb.norm(tok.lemma_)

        def fits(k: int) -> bool:
            p = self.people[k]
            same = country is None or p.country in (None, country)
            roles = actor_kb.norm(p.role or "").split()
            return same and word in {self.kb.title_words.get(w, w) for w in roles}

        return coref.role_antecedent(tok, self.seen, fits)

    def names_rule(self) -> None:
        for hit in self.hits:
            if hit.entry.kind == "person":
                continue
            nested = hit.entry.how == "named"
            if not nested and (not self.found.free(hit.start, hit.end) or not self._acts(hit)):
                continue
            actor = entry_actor(hit.entry, self.kb)
            if self._nationals(hit):
                country = hit.entry.country
                root = self.doc[hit.start : hit.end].root
                if any(actor_kb.norm(c.text) in self.kb.ethnic for c in root.lefts):
                    # "ethnic Albanians in Serbia": a people, not a state; theirs is where they are
                    country = located_country(root, self.ctx)
                actor = group_actor(country, self.kb.nationals, self.kb)
            if actor is not None:
                self.found.add(_with_article(self.doc, hit.start, hit.end), hit.end, actor)

    def _nationals(self, hit: Hit) -> bool:
        """A plural demonym heading its phrase names the nation's people ("Iranians")."""
        root = self.doc[hit.start : hit.end].root
        plural = root.tag_ in PLURAL_TAGS
        return hit.entry.how == "demonym" and plural and root.dep_ not in MODIFIER_DEPS

    def _acts(self, hit: Hit) -> bool:
        """A capital stands for its government unless it is a place or a modifier, or it
        stands in a line with no verb: a dateline ("NAIROBI (AP) —") or a heading."""
        if hit.entry.how != "capital":
            return True
        root = self.doc[hit.start : hit.end].root
        if root.dep_ in MODIFIER_DEPS or not any(t.pos_ in VERB_POS for t in root.sent):
            return False
        prep = _governing_prep(root)
        return prep is None or actor_kb.norm(prep.text) not in self.kb.locative

    def org_rule(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ != ORG_LABEL:
                continue
            start = _with_article(self.doc, ent.start, ent.end)
            words = [t for t in ent if t.is_alpha or t.is_digit]
            words = [t for t in words if t.lower_ != DEFINITE and t.tag_ != POSSESSIVE_TAG]
            if words and self.found.free(start, ent.end) and not self._place(words):
                self._add_org(start, words[0].i, words[-1].i + 1)

    def _place(self, words: list[Token]) -> bool:
        """A place the model tagged as an organisation: a capital ("NAIROBI" in a dateline),
        its government or a place (``_acts``), or another well-known place the article writes
        as one ("... in Mariupol"); never an unknown organisation."""
        hits = self.ctx.hit_at
        if all(w.i in hits and hits[w.i].entry.how == "capital" for w in words):
            return True
        return self._known_place(self.doc[words[0].i : words[-1].i + 1])

    def _add_org(self, start: int, first: int, end: int) -> None:
        """An organisation nothing else explains, with the country its words name."""
        hits = self.ctx.hit_at
        countries = {hits[i].entry.country for i in range(first, end) if i in hits}
        country = countries.pop() if len(countries) == 1 else None
        name = self.doc[first:end].text
        kind: actor_kb.Kind = "organization"
        actor = Actor(actor_id(name, country, None, kind), name, country, None, kind)
        self.found.add(start, end, actor)

    def _agrees(self, person: int, *, gender: str | None) -> int:
        """2: the person is known to be of the pronoun's gender, 1: not known, 0: the other."""
        known = self.gender.get(person, UNKNOWN_GENDER)
        if gender is None or known == UNKNOWN_GENDER:
            return 1
        return 2 if known == gender else 0

    def _learn_gender(self, person: int, gender: str | None) -> None:
        """Record what the words say of a person's gender; words that disagree unsay it."""
        if gender is None or self.gender.get(person) == UNKNOWN_GENDER:
            return
        known = self.gender.setdefault(person, gender)
        if known != gender:
            self.gender[person] = UNKNOWN_GENDER

    def pronoun_rule(self) -> None:
        quoted = coref.in_quotation(self.doc)
        for tok in self.doc:
            if not coref.is_person_pronoun(tok, self.kb.pronouns):
                continue
            said = self.kb.gender_of.get(tok.lower_)
            found = coref.pronoun_antecedent(
                tok, self.sents, self.seen, partial(self._agrees, gender=said), quoted
            )
            if found is not None:
                person, alone = found
                if alone and not quoted[tok.i]:
                    self._learn_gender(person, said)
                self.found.add(tok.i, tok.i + 1, person_actor(self.people[person]), pronoun=True)
                self.person_at[tok.i] = person
                self.seen.append(coref.seen(tok, self.sents, person))
                self.seen.sort(key=lambda s: s.tok)


def annotate(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Any]]:
    """Actors and their mentions in ``doc`` (rules and id scheme: module docstring)."""
    reader = _Reader(doc, actor_kb.load())
    reader.people_rule()
    reader.pronoun_rule()  # before phrases, which read "his government" through it
    reader.phrase_rule()
    reader.names_rule()
    reader.org_rule()
    return reader.found.result(skip=so_far.article.boilerplate)
