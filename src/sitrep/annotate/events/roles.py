"""The sides of an event, read from the dependency tree: who acts (source), on whom (target).

A role (see the header of ``knowledge/event_lexicon.yaml``) is a path of steps from the word
that names the event: ``subj`` and ``obj`` know about voice (the "by" agent of a passive is its
subject, the passive subject its object), ``prep:X`` is the object of the preposition X,
``poss`` and ``demonym`` are the possessor and the nationality of a nominal event ("Israel's
strikes", "Israeli strikes"). A role's words are grown into their noun phrase, coordinations
are split ("the United States and Jordan" -> two sides), and each phrase is resolved to an actor
through the mentions the actors layer found. Phrases that name no known actor are kept with
``actor=None`` ("foreign troops"), but only if they look like a party at all (a mention, a named
entity, a pronoun, or an agent noun such as "government" or "rebels").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from spacy.tokens import Token

from sitrep.annotate.base import Annotations, actors_by_id, mention_covering
from sitrep.annotate.events.lexicon import Lexicon, has_word, load
from sitrep.model import ActorRef
from sitrep.nlp import subtree_span

SUBJ_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJ_DEPS = ("nsubjpass", "csubjpass")
PASSIVE_MARK_DEPS = ("auxpass", "nsubjpass", "csubjpass")
AUX_DEP = "aux"
AUX_DEPS = (AUX_DEP, "auxpass")
OBJ_DEPS = ("dobj",)
AGENT_DEP = "agent"
DATIVE_DEP = "dative"
POSS_DEP = "poss"
PREP_DEP = "prep"
PREP_OBJ_DEPS = ("pobj", "pcomp")
CONJ_DEP = "conj"
RELCL_DEP = "relcl"
ACL_DEP = "acl"
APPOS_DEP = "appos"
# Clause labels the other event modules share (defined once, here).
ADVCL_DEP = "advcl"
CCOMP_DEP = "ccomp"
XCOMP_DEP = "xcomp"
MARK_DEP = "mark"
STATIVE_PREP = "to"
JOIN = "+"
PARTICIPLE_TAG = "VBN"
CCONJ_POS = "CCONJ"
LIST_PUNCT = (",", ";")
# A clause joined by these takes its subject from the clause it hangs from ("X met Y and signed",
# "X attacked Y, killing 12", "X agreed to withdraw").
INHERIT_SUBJ_DEPS = ("conj", "advcl", "xcomp")
DEMONYM_DEPS = ("amod", "compound", "nmod")
COMPOUND_DEP = "compound"
DEMONYM_ENTS = ("NORP", "GPE")
# Children left out of a side's noun phrase: other conjuncts, clauses and appositions.
NP_EXCLUDE_DEPS = ("conj", "cc", "relcl", "acl", "appos", "advcl", "parataxis", "punct")
PARTY_ENTS = ("PERSON", "ORG", "GPE", "NORP")
DATE_ENTS = ("DATE", "TIME")
# Word lists of the lexicon whose nouns name parties: agents, office holders, victims; the
# strict ones leave out mere people ("all pupils should get a fair start" asks nothing of a
# party).
PARTY_LISTS = ("agents", "officials", "people")
STRICT_PARTY_LISTS = ("agents", "officials")
RELATIVE_TAGS = ("WDT", "WP", "WP$")
QUANTITY_PREP = "of"
PERSONAL_PRONOUNS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us"}
)
# Pronouns that, unresolved, refer back to the speaker of the clause they are reported in.
THIRD_PERSON = frozenset({"he", "she", "it", "they", "him", "her", "them"})

# The recipient search (``nearest_party``): which words may be a recipient, which dependents
# it never enters (other clauses), and how deep it looks.
RECIPIENT_DEPS = ("dobj", "pobj", "dative", "nsubj", "nsubjpass")
SEARCH_SKIP_DEPS = ("conj", "cc", "advcl", "parataxis", "relcl", "acl", "appos", "punct", "mark")
TOP_SKIP_DEPS = (
    *SEARCH_SKIP_DEPS,
    *SUBJ_DEPS,
    *PASSIVE_SUBJ_DEPS,
    "agent",
    "poss",
    "amod",
    "npadvmod",
)
MAX_SEARCH_DEPTH = 4
INSTRUMENTS = "weapons"  # what is fired is not whom it is fired at
PURPOSE_TO = "to"

# The sides of an event noun, when a role lands on one ("condemned Israel's strikes" -> Israel).
NounSides = Callable[[Token], list[Token]]


def _reduced_relative(verb: Token) -> bool:
    """A past participle modifying a noun ("soldiers killed in ..."). One with an object of
    its own is the parser taking a main verb for one ("air strikes killed 20 people")."""
    return verb.dep_ == ACL_DEP and verb.tag_ == PARTICIPLE_TAG and not _children(verb, OBJ_DEPS)


def _misread_main_verb(verb: Token) -> bool:
    """ "air strikes killed 20 people" parsed as a participle of "strikes": its noun is the
    subject. Not with a "by" agent ("refugees granted asylum by Germany" is passive)."""
    return (
        verb.dep_ == ACL_DEP
        and verb.tag_ == PARTICIPLE_TAG
        and bool(_children(verb, OBJ_DEPS))
        and not _children(verb, (AGENT_DEP,))
    )


def is_passive(verb: Token) -> bool:
    """A passive clause, or a past participle modifying a noun ("soldiers killed in ...")."""
    if _reduced_relative(verb):
        return True
    return any(c.dep_ in PASSIVE_MARK_DEPS for c in verb.children)


def _children(tok: Token, deps: Sequence[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _with_aux(verb: Token) -> list[Token]:
    """The verb and its auxiliaries: the parser sometimes hangs the subject on "been"."""
    return [verb, *_children(verb, AUX_DEPS)]


def _relative(verb: Token, found: list[Token]) -> list[Token]:
    """ "the rebels who attacked": the subject "who" stands for the noun the clause hangs from."""
    return [verb.head if (t.tag_ in RELATIVE_TAGS and verb.dep_ == RELCL_DEP) else t for t in found]


def grammatical_subjects(verb: Token) -> list[Token]:
    """The subject as written, active or passive, inherited by a clause that has none ("X was
    indicted and will resign": X resigns)."""
    found = _relative(
        verb, [c for v in _with_aux(verb) for c in _children(v, SUBJ_DEPS + PASSIVE_SUBJ_DEPS)]
    )
    if not found and verb.dep_ in INHERIT_SUBJ_DEPS and verb.head.i != verb.i:
        return grammatical_subjects(verb.head)
    return found


def active_subjects(verb: Token) -> list[Token]:
    if _misread_main_verb(verb):
        return [verb.head]
    found = _relative(verb, [c for v in _with_aux(verb) for c in _children(v, SUBJ_DEPS)])
    if not found and verb.dep_ in INHERIT_SUBJ_DEPS and verb.head.i != verb.i:
        return grammatical_subjects(verb.head)
    return found


def _stative(verb: Token) -> bool:
    """A passive form that states an attitude ("is opposed to", "is committed to"): its
    subject is the doer. Only the participles the lexicon lists: "was sentenced to life" is
    done to its subject."""
    return (
        verb.lemma_.lower() in load().stative_participles
        and not _children(verb, (AGENT_DEP,))
        and any(c.dep_ == PREP_DEP and c.lower_ == STATIVE_PREP for c in verb.children)
    )


def subjects(verb: Token) -> list[Token]:
    """The doer: the active subject, or the "by" agent of a passive."""
    if is_passive(verb) and not _stative(verb):
        return [p for a in _children(verb, (AGENT_DEP,)) for p in _children(a, PREP_OBJ_DEPS)]
    return active_subjects(verb) or grammatical_subjects(verb)


def objects(verb: Token) -> list[Token]:
    """The done-to: the direct object, or the subject of a passive ("the soldiers killed in
    the attack": the soldiers)."""
    if is_passive(verb):
        if verb.dep_ == ACL_DEP:
            return [verb.head]
        return grammatical_subjects(verb)
    return _children(verb, OBJ_DEPS)


def prep_objects(tok: Token, prep: str) -> list[Token]:
    preps = [c for c in tok.children if c.dep_ in (PREP_DEP, AGENT_DEP) and c.lower_ == prep]
    return [p for c in preps for p in _children(c, PREP_OBJ_DEPS)]


def _demonym(tok: Token) -> bool:
    """A nationality or place modifier: "Israeli", "U.S." in "U.S. request"."""
    if tok.dep_ not in DEMONYM_DEPS:
        return False
    return tok.ent_type_ in DEMONYM_ENTS or (tok.pos_ == "PROPN" and tok.dep_ == COMPOUND_DEP)


def demonyms(tok: Token) -> list[Token]:
    """Nationality or place modifiers, also through a chain of compounds ("US Predator
    attacks": US)."""
    found = [c for c in tok.children if _demonym(c)]
    return found + [d for c in tok.children if c.dep_ == COMPOUND_DEP for d in demonyms(c)]


def head_subjects(tok: Token) -> list[Token]:
    """Subject of the verb a noun hangs from ("X said after a meeting with Y": X)."""
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return subjects(anc)
    return []


def step(tok: Token, name: str) -> list[Token]:
    """One role step from ``tok``."""
    if name == "subj":
        return head_subjects(tok) if tok.pos_ == "ADJ" else subjects(tok)
    if name == "obj":
        return objects(tok)
    if name == "gsubj":
        return grammatical_subjects(tok)
    if name == "dative":
        dat = _children(tok, (DATIVE_DEP,))
        return [p for d in dat for p in (_children(d, PREP_OBJ_DEPS) or [d])]
    if name == "poss":
        return _children(tok, (POSS_DEP,))
    if name == "demonym":
        return demonyms(tok)
    if name == "head_subj":
        return head_subjects(tok)
    if name.startswith("prep:"):
        return prep_objects(tok, name[5:])
    return _children(tok, (name,))


def follow(tok: Token, role: str) -> list[Token]:
    """All tokens a role path reaches from ``tok``; "a+b" joins what two paths reach ("clashed
    with": the subject and the object of "with" are both actors)."""
    if JOIN in role:
        return [t for part in role.split(JOIN) for t in follow(tok, part)]
    frontier = [tok]
    for name in role.split(">"):
        frontier = [t for f in frontier for t in step(f, name)]
    return frontier


def _coordinated(head: Token, other: Token) -> bool:
    """Is there an "and", "or" or comma between the two? (The parser also calls parts of a
    name conjuncts: "Mohammed bin Rashid al-Maktoum".)"""
    lo, hi = sorted((head.i, other.i))
    return any(t.pos_ == CCONJ_POS or t.text in LIST_PUNCT for t in head.doc[lo + 1 : hi])


def listed_with(tok: Token) -> list[Token]:
    """Nouns coordinated with ``tok``: conjuncts, and names of its kind the parser took for an
    apposition in a list ("Chile, Peru, and Bolivia")."""
    return [
        c for c in tok.children
        if ((c.dep_ == CONJ_DEP and c.pos_ in ("NOUN", "PROPN", "PRON"))
            or (c.dep_ == APPOS_DEP and c.ent_type_ and c.ent_type_ == tok.ent_type_))
        and _coordinated(tok, c)
    ]  # fmt: skip


def conjuncts(tok: Token) -> Iterator[Token]:
    """The token and the nouns coordinated with it ("the United States and Jordan")."""
    yield tok
    for c in listed_with(tok):
        yield from conjuncts(c)


def np_span(tok: Token) -> tuple[int, int]:
    """Character extent of the noun phrase headed by ``tok`` (without other conjuncts,
    relative clauses and appositions)."""
    return subtree_span(tok, exclude=[c for c in tok.children if c.dep_ in NP_EXCLUDE_DEPS])


def is_party(
    tok: Token, so_far: Annotations, lex: Lexicon, lists: Sequence[str] = PARTY_LISTS
) -> bool:
    """Does this word look like a side of a political event at all? A count stands for what it
    counts ("more than 300 of its soldiers", "thousands of students")."""
    if tok.like_num or has_word(tok, lex.word_list("quantities")):
        return any(is_party(t, so_far, lex, lists) for t in prep_objects(tok, QUANTITY_PREP))
    if mention_covering(so_far.mentions, tok.idx, tok.idx + len(tok.text)) is not None:
        return True
    if tok.ent_type_ in PARTY_ENTS or tok.lower_ in PERSONAL_PRONOUNS:
        return True
    if any(has_word(tok, lex.word_list(name)) for name in lists):
        return True
    return any(c.ent_type_ in DEMONYM_ENTS for c in tok.children if c.dep_ in DEMONYM_DEPS)


def actor_ref(tok: Token, so_far: Annotations) -> ActorRef:
    """The side named by the phrase headed by ``tok``, resolved through the mentions: first the
    mention on the head word, else the one overlapping the phrase most."""
    start, end = np_span(tok)
    mention = mention_covering(so_far.mentions, tok.idx, tok.idx + len(tok.text))
    mention = mention or mention_covering(so_far.mentions, start, end)
    text = so_far.article.text[start:end]  # the article text is the doc's text
    return ActorRef(((start, end),), text, mention.actor_id if mention else None)


def actor_refs(tok: Token, so_far: Annotations) -> tuple[ActorRef, ...]:
    """The sides a phrase names: one, or one per country when its modifiers name several and
    no mention covers its head ("US and British activists": the actors layer split it into a
    US and a British group, and both protested)."""
    ref = actor_ref(tok, so_far)
    if mention_covering(so_far.mentions, tok.idx, tok.idx + len(tok.text)) is not None:
        return (ref,)
    start = np_span(tok)[0]
    parts = [m for m in so_far.mentions if start <= m.span[0][0] and m.span[-1][1] <= tok.idx]
    actors = actors_by_id(so_far.actors)
    found = [actors[m.actor_id] for m in parts if m.actor_id in actors]
    countries = {a.country for a in found}
    split = len(found) == len(parts) > 1 and None not in countries
    if not (split and len(countries) == len(found) and len({a.sector for a in found}) == 1):
        return (ref,)
    return tuple(ActorRef(m.span, m.text, m.actor_id) for m in parts)


def nearest_party(
    anchor: Token, so_far: Annotations, lex: Lexicon, skip: frozenset[int] = frozenset()
) -> tuple[ActorRef, ...]:
    """The party closest to the event word among its complements (breadth first, objects and
    prepositional objects only, not its subject nor other clauses, nor a weapon): the recipient
    when no role names one ("threatened to cut ties with Ghana")."""
    frontier = [c for c in anchor.children if c.dep_ not in TOP_SKIP_DEPS or is_purpose(c)]
    for _ in range(MAX_SEARCH_DEPTH):
        found = [
            t for t in frontier
            if t.dep_ in RECIPIENT_DEPS and t.i not in skip and is_party(t, so_far, lex)
            and not has_word(t, lex.word_list(INSTRUMENTS))
        ]  # fmt: skip
        if found:
            return tuple(r for t in found[:1] for t in conjuncts(t) for r in actor_refs(t, so_far))
        frontier = [
            c for t in frontier for c in t.children
            if c.i not in skip and (c.dep_ not in SEARCH_SKIP_DEPS or is_purpose(c))
        ]  # fmt: skip
    return ()


def is_purpose(clause: Token) -> bool:
    """A purpose infinitive ("staged a strike to protest X", "sent troops to fight"): an aim,
    whose object may name the recipient of the event it hangs from."""
    return clause.dep_ == ADVCL_DEP and any(
        c.dep_ == AUX_DEP and c.lower_ == PURPOSE_TO for c in clause.children
    )


def undated(tok: Token) -> Token:
    """The name a day was glued to: "met Bashar Assad Tuesday" is parsed with "Tuesday" as
    the head of the name."""
    if tok.ent_type_ not in DATE_ENTS:
        return tok
    names = [c for c in tok.children if c.dep_ == COMPOUND_DEP and c.ent_type_ in PARTY_ENTS]
    return names[-1] if names else tok


def side(
    anchor: Token, roles: Sequence[str], so_far: Annotations, lex: Lexicon,
    noun_sides: NounSides, skip: frozenset[int] = frozenset(),
    lists: Sequence[str] = PARTY_LISTS,
) -> tuple[ActorRef, ...]:  # fmt: skip
    """The refs of the first role (in order) that names a party; event nouns on the way are
    replaced by their own sides when they have one."""
    for role in roles:
        heads = [undated(t) for t in follow(anchor, role) if t.i not in skip]
        found: list[Token] = []
        for head in heads:
            for tok in conjuncts(head):
                found.extend(noun_sides(tok) or [tok])
        parties = [t for t in found if t.i not in skip and is_party(t, so_far, lex, lists)]
        if parties:
            return tuple(r for t in dict.fromkeys(parties) for r in actor_refs(t, so_far))
    return ()
