"""Finding the words that name events: verbs, adjectives and nouns matched against the lexicon.

A verb or adjective names an event when one of its senses' conditions hold ("called on X to",
"accused X of", "ready to"). A noun names one in three ways: as the object of a light verb that
carries it ("held talks", "launched strikes", "imposed a curfew"; the noun may give the verb a
type of its own, "signed a deal" is SUPPORT), as the object of a reversal verb that undoes it
("lifted the curfew" is CONCEDE), or on its own when it has a party of its own ("Israel's
strikes on ...", "a meeting with ..."). A noun that is the object of an event verb is that verb's
argument, not an event ("rejected the demand" is one REJECT).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitrep.annotate.events.lexicon import (
    CLAUSE_POS,
    Conditions,
    Lexicon,
    Sense,
    forms,
    has_word,
)
from sitrep.annotate.events.roles import (
    ACL_DEP,
    CCOMP_DEP,
    DATE_ENTS,
    POSS_DEP,
    PREP_OBJ_DEPS,
    SUBJ_DEPS,
    XCOMP_DEP,
    follow,
    is_passive,
    listed_with,
    objects,
    subjects,
    undated,
)

NOUN_POS = ("NOUN",)
VERB_POS = ("VERB",)
ADJ_POS = ("ADJ",)
PRT_DEP = "prt"
PREP_DEPS = ("prep", "agent", "dative")
ACOMP_DEP = "acomp"
MOD_DEPS = ("amod", "compound", "nmod")
ADJECTIVE_DEP = "amod"
PLURAL_TAGS = ("NNS", "NNPS")
STATE_ENTS = ("GPE", "NORP")
# Prepositions that date an event rather than name a party ("on Friday", "in May").
TIME_PREPS = ("on", "in", "at", "during", "since", "until", "before", "after", "by")
# A noun is a light verb's event when it is the verb's object (or passive subject), or the
# object of a preposition the lexicon's light_prep_verbs name ("took part in the attack").
LIGHT_OBJ_DEPS = ("dobj", "nsubjpass")
# Nouns used as modifiers ("attack helicopters", "the meeting's chairman") name no event.
MODIFIER_DEPS = ("compound", "amod", "poss")
# Words of a verb's complements that `contains` looks at: all but the subject's and the verb's
# own auxiliaries ("is asking" contains no "be").
SUBJECT_DEPS = (*SUBJ_DEPS, "nsubjpass", "csubjpass", "expl", "aux", "auxpass", "neg", "punct")
# The sides of an event noun when a role lands on it.
NOUN_SIDE_ROLES = ("poss", "demonym", "prep:by")
# The user of a weapon: "a rocket fired by militants", "Israel's missiles", "Russian jets".
WEAPONS = "weapons"
WEAPON_SIDE_ROLES = ("acl>subj", "poss", "demonym")


@dataclass(frozen=True)
class Candidate:
    """An event word with its sense, before sides, dates and filters.

    ``anchor`` is where the sides are read (the verb, the light verb, the adjective or the
    noun), ``noun`` the event noun of a nominal event, ``frame`` the verb whose auxiliaries and
    negation qualify it, ``trigger`` the words that name it.
    """

    sense: Sense
    type: str
    kind: str  # verb | adj | light | noun
    anchor: Token
    frame: Token
    trigger: tuple[Token, ...]
    noun: Token | None = None

    @property
    def head(self) -> Token:
        return self.noun if self.noun is not None else self.anchor


def _any(toks: list[Token], words: frozenset[str]) -> bool:
    return any(has_word(t, words) for t in toks)


def _complements(tok: Token) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ not in SUBJECT_DEPS:
            yield from c.subtree


def _word_conditions_hold(tok: Token, words: dict[str, frozenset[str]]) -> bool:
    checks = {
        "prep": lambda w: _any(_preps(tok), w),
        "prt": lambda w: _any([c for c in tok.children if c.dep_ == PRT_DEP], w),
        "obj": lambda w: _any(objects(tok), w),
        "not_obj": lambda w: not _any(objects(tok), w),
        "obj_ent": lambda w: any(o.ent_type_ in {x.upper() for x in w} for o in objects(tok)),
        "subj": lambda w: _any(subjects(tok), w),
        "not_subj": lambda w: not _any(subjects(tok), w),
        "contains": lambda w: _any(list(_complements(tok)), w),
        "not_contains": lambda w: not _any(list(_complements(tok)), w),
        "not_xcomp": lambda w: not _any([c for c in tok.children if c.dep_ == XCOMP_DEP], w),
        "obj_has": lambda w: _any([t for o in objects(tok) for t in o.subtree], w),
        "mod": lambda w: _any([c for c in tok.children if c.dep_ in MOD_DEPS], w),
        "not_mod": lambda w: not _any([c for c in tok.children if c.dep_ in MOD_DEPS], w),
    }
    return all(checks[key](value) for key, value in words.items())


def _preps(tok: Token) -> list[Token]:
    """The prepositions of a word, but not those that place it in time ("called X on Friday"
    is no "call on"; "sentenced to ten years" keeps its "to")."""
    return [c for c in tok.children if c.dep_ in PREP_DEPS and not _when(c)]


def _when(prep: Token) -> bool:
    return prep.lower_ in TIME_PREPS and any(
        undated(o).ent_type_ in DATE_ENTS for o in prep.children
    )


def _plural(tok: Token) -> bool:
    return tok.tag_ in PLURAL_TAGS or bool(listed_with(tok))


def _flags(tok: Token) -> dict[str, bool]:
    """The yes/no facts a sense may ask about."""
    mods = [c for c in tok.children if c.dep_ in (*MOD_DEPS, POSS_DEP)]
    return {
        "has_obj": bool(objects(tok)),
        "ccomp": any(c.dep_ == CCOMP_DEP for c in tok.children),
        "state_side": any(c.ent_type_ in STATE_ENTS for c in mods),
        "plural_subj": any(_plural(t) for t in subjects(tok)),
        "passive": is_passive(tok),
    }


def holds(when: Conditions, tok: Token) -> bool:
    """Do a sense's conditions hold for this word?"""
    xcomps = [c for c in tok.children if c.dep_ == XCOMP_DEP]
    if when.flags:
        facts = _flags(tok)
        if any(facts[k] != v for k, v in when.flags.items()):
            return False
    if when.xcomp is not None and bool(xcomps) != when.xcomp:
        return False
    if when.xcomp_lemmas and not _any(xcomps, when.xcomp_lemmas):
        return False
    return _word_conditions_hold(tok, dict(when.words))


def first_sense(lex: Lexicon, pos: str, tok: Token) -> Sense | None:
    senses = next((found for f in forms(tok) if (found := lex.lookup(pos, f))), ())
    return next((s for s in senses if holds(s.when, tok)), None)


def _particles(tok: Token) -> tuple[Token, ...]:
    return tuple(c for c in tok.children if c.dep_ == PRT_DEP)


def _verb_candidate(tok: Token, lex: Lexicon) -> Candidate | None:
    if tok.dep_ == ADJECTIVE_DEP:
        return None  # a participle describing a noun: "non-life threatening injuries"
    sense = first_sense(lex, "verb", tok)
    if sense is None:
        return None
    return Candidate(sense, sense.type, "verb", tok, tok, (tok, *_particles(tok)))


def _adj_candidate(tok: Token, lex: Lexicon) -> Candidate | None:
    sense = first_sense(lex, "adj", tok)
    if sense is None:
        return None
    frame = tok.head if tok.dep_ == ACOMP_DEP else tok
    return Candidate(sense, sense.type, "adj", tok, frame, (tok,))


def light_governor(noun: Token, lex: Lexicon) -> Token | None:
    """The verb that may carry this noun's event, if any."""
    if noun.dep_ in LIGHT_OBJ_DEPS and noun.head.pos_ in VERB_POS:
        return noun.head
    if noun.dep_ in PREP_OBJ_DEPS:
        verb = noun.head.head
        preps = next((p for f in forms(verb) if (p := lex.light_prep_verbs.get(f))), frozenset())
        if verb.pos_ in CLAUSE_POS and noun.head.lower_ in preps:
            return verb
    return next((c for c in noun.children if c.dep_ == ACL_DEP and c.pos_ in VERB_POS), None)


def _light_type(sense: Sense, verb: Token, lex: Lexicon) -> tuple[bool, str | None]:
    """(carried, type): whether ``verb`` carries or undoes the noun's event, and the type."""
    lemma = next((f for f in forms(verb) if f in sense.light), None)
    if lemma is not None:
        return True, sense.light[lemma]
    if has_word(verb, lex.intent_verbs):
        return True, lex.intent_types.get(sense.type, sense.type)
    particles = {p.lower_ for p in _particles(verb)}
    lemma = next((f for f in forms(verb) if f in lex.reversal_verbs), None)
    if lemma is not None:
        needs = lex.reversal_particles.get(lemma)
        if needs is None or particles & needs:
            return True, sense.reversed or lex.reversal_types.get(sense.type)
    if has_word(verb, lex.light_verbs):
        return True, sense.type
    return False, None


def _noun_candidate(tok: Token, lex: Lexicon, verb_heads: set[int]) -> Candidate | None:
    if tok.dep_ in MODIFIER_DEPS:
        return None
    sense = first_sense(lex, "noun", tok)
    if sense is None:
        return None
    verb = light_governor(tok, lex)
    if verb is not None and verb.i in verb_heads:
        return None  # the object of an event verb is its argument ("rejected the demand")
    if verb is not None:
        carried, kind = _light_type(sense, verb, lex)
        if carried:
            if kind is None:
                return None
            trigger = tuple(sorted((verb, *_particles(verb), tok), key=lambda t: t.i))
            return Candidate(sense, kind, "light", verb, verb, trigger, tok)
    # A bare event noun counts only where it is reported ("after talks with", "the strikes
    # killed"), not as the object of any verb ("will not tolerate rallies").
    if not sense.standalone or tok.dep_ in LIGHT_OBJ_DEPS:
        return None
    frame = next((a for a in tok.ancestors if a.pos_ in VERB_POS), tok)
    return Candidate(sense, sense.type, "noun", tok, frame, (tok,), tok)


def candidates(sent: Span, lex: Lexicon) -> list[Candidate]:
    """Every event word of a sentence, verbs first."""
    found: list[Candidate] = []
    for tok in sent:
        cand = None
        if tok.pos_ in VERB_POS:
            cand = _verb_candidate(tok, lex)
        elif tok.pos_ in ADJ_POS or (tok.dep_ == ACOMP_DEP and tok.tag_ == "VBN"):
            cand = _adj_candidate(tok, lex)
        if cand is not None:
            found.append(cand)
    verb_heads = {c.anchor.i for c in found}
    for tok in sent:
        if tok.pos_ in NOUN_POS:
            cand = _noun_candidate(tok, lex, verb_heads)
            if cand is not None:
                found.append(cand)
    return found


def noun_sides(tok: Token, lex: Lexicon) -> list[Token]:
    """The own sides of an event noun ("Israel's strikes" -> Israel) or of a weapon, whose
    user is the side ("a missile fired by rebels" -> rebels, "Syrian jets" -> Syrian), else
    nothing."""
    if tok.pos_ not in NOUN_POS:
        return []
    if has_word(tok, lex.word_list(WEAPONS)):
        roles = WEAPON_SIDE_ROLES
    elif lex.lookup("noun", tok.lemma_.lower()):
        roles = NOUN_SIDE_ROLES
    else:
        return []
    for role in roles:
        found = follow(tok, role)
        if found:
            return found
    return []
