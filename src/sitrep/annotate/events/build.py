"""From an event word to a draft event: its sides, its statement, and PLOVER's coding rules.

The rules applied here, in order, all from the PLOVER manual:
- intent: the infinitive of an intent verb ("plans to attack", "decided to withdraw") is a
  statement of intent: cooperation AGREE, retreat CONCEDE, force THREATEN (``intent_types``);
  a promise of force ("vowed to fight") is a THREATEN (``hostile_xcomp``);
- defiance: coercion or demands denied by a general negative subject in a statement ("no one
  can force us") are the speaker's REJECT;
- a cooperative act said not to happen ("will not accept", "did not agree") is a REJECT;
- an act a speaker says others must or should do ("Y must release the prisoners", "foreign
  forces should leave") is a REQUEST by the speaker to them, and so is a retreat a speaker says
  others will make; this also holds for clauses with no event word of their own ("X said Y must
  drop its barriers");
- a hostile act a speaker says they will or would do is a THREATEN ("said they would
  blockade the capital"), and so is a hostile act or a retreat made to depend on the other side
  ("will withdraw its troops unless X holds elections": ``ultimatum_types``);
- a hostile act the speaker claims another did ("X claimed Y attacked Z"), says was done
  to the speaker ("X said it was shelled"), or, as a state opening the sentence, says another
  country did ("X said Y's troops shelled the town"), is the speaker's ACCUSE against the doer
  (``alleged_types``); a report sourced at the end ("..., police said") is the act itself;
- cooperation, or a retreat, in the future tense is a promise: AGREE (``future_types``);
- joint exercises of several actors are COOPERATE (``joint_type``).

Who is who: an unresolved third-person pronoun in a reported clause ("X said it will ...") is
taken to be the speaker, and a verbal act reported with no subject of its own takes the speaker
as its source; a material act keeps an empty source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from sitrep.annotate.base import Annotations, actors_by_id
from sitrep.annotate.events.attrs import (
    fatalities,
    modality,
    negated,
    negative_subject,
    ultimatum,
)
from sitrep.annotate.events.lexicon import CLAUSE_POS, Lexicon, has_word
from sitrep.annotate.events.roles import (
    ACL_DEP,
    AUX_DEPS,
    CONJ_DEP,
    PERSONAL_PRONOUNS,
    PREP_OBJ_DEPS,
    STRICT_PARTY_LISTS,
    THIRD_PERSON,
    XCOMP_DEP,
    actor_ref,
    grammatical_subjects,
    is_party,
    is_passive,
    nearest_party,
    objects,
    prep_objects,
    side,
)
from sitrep.annotate.events.speech import FIRST_PERSON, Speech, first_person, speech
from sitrep.annotate.events.triggers import Candidate, noun_sides
from sitrep.model import Actor, ActorRef, Modality

# A side that is (or belongs to) an unresolved third person: "it", "their forces".
THIRD_PERSON_WORDS = THIRD_PERSON | {"its", "their", "his"}
PRONOUN_WORDS = PERSONAL_PRONOUNS | THIRD_PERSON_WORDS | FIRST_PERSON
# Which third-person pronouns can stand for a speaker that is a person, and for one that is not.
PERSON_KIND = "person"
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
SPEAKER_WORDS = frozenset({"we", "us", "our", "i", "me", "my"})
# How many infinitives up an intent verb may sit ("plans to try to resume ...").
MAX_XCOMP_CHAIN = 3
# A dyadic event with no target needs this many actors ("talks between X and Y").
DYADIC_MIN_ACTORS = 2
REQUEST, REJECT, THREATEN, ACCUSE = "REQUEST", "REJECT", "THREATEN", "ACCUSE"
ASSAULT = "ASSAULT"
# Pronouns that can stand for a struck place in a later clause ("saying they were run by").
HELD_PRONOUNS = frozenset({"they", "it", "which", "that"})
BELONG = "belong"
OWN_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
REQUEST_CAMEO, REJECT_CAMEO, ALLEGE_CAMEO, ALLEGE_MODE = "100", "120", "112", "allege"
RETREAT = "RETREAT"
THREAT_MODALITIES: frozenset[str] = frozenset({"future", "hypothetical"})
HEAD_SUBJ = "head_subj"
GRAMMATICAL_SUBJ = "gsubj"
OBJ_ROLE = "obj"
OWNER_PREP = "of"
# Sectors of the state's own organs: one camp when telling sides apart (a ministry's request to
# the army is the state talking to itself; its request to rebels is not).
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
STATE_CAMP = STATE_KIND = "state"


@dataclass(frozen=True)
class Draft:
    """An event before its date, place and the article-level merge.

    ``top`` is the highest word of the event in the tree (what other events may contain),
    ``anchor`` the word whose clause is the evidence.
    """

    type: str
    mode: str | None
    cameo: str | None
    source: tuple[ActorRef, ...]
    target: tuple[ActorRef, ...]
    top: Token
    anchor: Token
    trigger: tuple[Token, ...]
    modality: Modality
    negated: bool
    speech: Speech
    kind: str
    fatalities: int | None = None
    grounded: bool = True  # a role named a party (not only a guessed recipient or a lone pronoun)
    # False for an act said not to happen ("did not attack"): PLOVER lets negated events be
    # left out of the data, and a report of what did not happen is no event. The draft lives
    # until containment is settled, so that its arguments stay arguments.
    happened: bool = True


def _intent(cand: Candidate, lex: Lexicon) -> tuple[str, Token, tuple[Token, ...]]:
    """Type, frame and trigger after an intent verb above the event word, if any, also through
    a chain of infinitives ("prepared to resume shelling")."""
    verb = cand.frame
    for _ in range(MAX_XCOMP_CHAIN):
        head = verb.head
        if verb.dep_ != XCOMP_DEP or head.i == verb.i:
            break
        if has_word(head, lex.intent_verbs):
            kind = lex.intent_types.get(cand.type, cand.type)
            return kind, head, tuple(sorted((head, *cand.trigger), key=lambda t: t.i))
        verb = head
    return cand.type, cand.frame, cand.trigger


def _xcomp_events(cand: Candidate, others: Sequence[Candidate]) -> list[Candidate]:
    """The events named by the word's infinitive ("ready to withdraw": withdraw)."""
    xcomps = {c.i for c in cand.anchor.children if c.dep_ == XCOMP_DEP}
    return [o for o in others if o.anchor.i in xcomps]


def _xcomp_substantive(
    cand: Candidate, others: Sequence[Candidate], so_far: Annotations, lex: Lexicon
) -> bool:
    """Does the word's infinitive name an event, or act on a named party?"""
    if _xcomp_events(cand, others):
        return True
    xcomps = [c for c in cand.anchor.children if c.dep_ == XCOMP_DEP]
    return any(
        r.actor or r.text.lower() not in PERSONAL_PRONOUNS
        for x in xcomps
        for r in nearest_party(x, so_far, lex)
    )


def _hostile(cand: Candidate, others: Sequence[Candidate], lex: Lexicon) -> bool:
    """Does a promise-like word govern an infinitive of force ("vowed to fight")?"""
    if not cand.sense.hostile_xcomp:
        return False
    return any(o.type in lex.hostile_types for o in _xcomp_events(cand, others))


def side_keys(refs: tuple[ActorRef, ...], so_far: Annotations) -> frozenset[str]:
    """Who a side is, as keys for telling repeats apart: the country and camp of ``_party``
    when the country is known ("Iran" and "an Iranian spokesman" are one side, "the Georgian
    government" and "Georgian protesters" two), else the actor, else the words."""
    actors = actors_by_id(so_far.actors)
    keys = set()
    for ref in refs:
        country, camp, name = _party(ref, actors)
        keys.add(f"{country}/{camp or STATE_CAMP}" if country else name)
    return frozenset(keys)


def _country(actor: str | None, so_far: Annotations) -> str | None:
    found = actors_by_id(so_far.actors).get(actor) if actor else None
    return found.country if found else None


def _party(ref: ActorRef, actors: Mapping[str, Actor]) -> tuple[str | None, str | None, str]:
    """(country, camp, words) of a side: the camp is "state" for the state's own organs
    (``STATE_SECTORS``), else the sector, so that a government and its rebels differ."""
    actor = actors.get(ref.actor) if ref.actor else None
    if actor is None:
        return None, None, ref.text.lower().removeprefix("the ")
    bare_state = actor.kind == STATE_KIND and actor.sector is None  # "Syria" is its state
    camp = STATE_CAMP if actor.sector in STATE_SECTORS or bare_state else actor.sector
    return actor.country, camp, actor.id


def same_side(a: tuple[ActorRef, ...], b: tuple[ActorRef, ...], so_far: Annotations) -> bool:
    """Do two sides share a party? The same actor or words, or the same country in the same
    camp (an unknown camp matches any: "Iran" and "Iranian forces" are one side, "the Georgian
    government" and "Georgian demonstrators" two)."""
    actors = actors_by_id(so_far.actors)
    for x in (_party(r, actors) for r in a):
        for y in (_party(r, actors) for r in b):
            if x[2] == y[2]:
                return True
            if x[0] and x[0] == y[0] and (x[1] is None or y[1] is None or x[1] == y[1]):
                return True
    return False


def _sides(
    cand: Candidate, so_far: Annotations, lex: Lexicon
) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...], bool]:
    """Source, target, and whether a role named the target (``nearest_party`` only guesses
    one; a guess does not make a party of an event that has none)."""

    def own(tok: Token) -> list[Token]:
        return noun_sides(tok, lex)

    sent = cand.anchor.sent
    heads: tuple[Token, ...]
    if cand.kind == "light" and cand.noun is not None:
        verb_source, verb_target = lex.default_roles["verb"]
        noun_source = tuple(r for r in cand.sense.source if r != HEAD_SUBJ)
        skip = frozenset({cand.noun.i})
        if cand.noun.dep_ in PREP_OBJ_DEPS:  # "were engaged in fighting": the subject did it
            verb_source = (*verb_source, GRAMMATICAL_SUBJ)
        source = side(cand.anchor, verb_source, so_far, lex, own, skip)
        source = source or side(cand.noun, noun_source, so_far, lex, own)
        skip |= {t.i for t in sent if _in(t, source)}
        target = side(cand.noun, cand.sense.target, so_far, lex, own, skip)
        target = target or side(cand.anchor, verb_target, so_far, lex, own, skip)
        heads = (cand.noun, cand.anchor)
    else:
        source = side(cand.anchor, cand.sense.source, so_far, lex, own)
        skip = frozenset(t.i for t in sent if _in(t, source))
        target = side(cand.anchor, cand.sense.target, so_far, lex, own, skip)
        heads = (cand.anchor,)
    named = bool(target)
    if OBJ_ROLE not in cand.sense.target:  # what a verb moves or fires is not its recipient
        skip |= {o.i for h in heads for o in objects(h)}
    if cand.sense.dyadic:  # "a meeting of the council" is the council's own meeting
        skip |= {t.i for h in heads for o in prep_objects(h, OWNER_PREP) for t in o.subtree}
    for head in heads if cand.sense.target else ():
        target = target or nearest_party(head, so_far, lex, skip)
    return source, tuple(r for r in target if not same_side((r,), source, so_far)), named


def _bare(refs: tuple[ActorRef, ...]) -> bool:
    """Only pronouns nobody resolved ("thanked her fans": her): not a party to stand on."""
    return all(r.actor is None and r.text.lower() in PRONOUN_WORDS for r in refs)


def _in(tok: Token, refs: tuple[ActorRef, ...]) -> bool:
    return any(s <= tok.idx < e for r in refs for s, e in r.span)


def _pronouns(refs: tuple[ActorRef, ...]) -> bool:
    """Unresolved pronouns only ("it", "they", "their forces"), which in a report may mean the
    speaker."""
    return bool(refs) and all(
        r.actor is None and r.text.lower().split()[0] in THIRD_PERSON_WORDS for r in refs
    )


def _speakers_pronouns(refs: tuple[ActorRef, ...], sp: Speech, so_far: Annotations) -> bool:
    """Unresolved pronouns that can stand for the speaker: "it" or "they" for a state or a
    group, "he" or "she" for a person ("They came shooting," said a witness: not the
    witness)."""
    if not _pronouns(refs):
        return False
    actors = actors_by_id(so_far.actors)
    person = {
        (found.kind if (found := actors.get(r.actor)) else None) == PERSON_KIND
        for r in sp.speaker
        if r.actor
    }
    if not person:
        return True  # an unknown speaker: the pronoun may be theirs
    words = PERSON_PRONOUNS if person == {True} else GROUP_PRONOUNS
    return all(r.text.lower().split()[0] in words for r in refs)


def _doers(
    cand: Candidate, source: tuple[ActorRef, ...], so_far: Annotations, lex: Lexicon
) -> tuple[ActorRef, ...]:
    """Who would carry out the act: its subject, or the passive subject ("forces will be
    withdrawn"); the object of an active verb is whom it is done to, never the doer."""
    if source or not is_passive(cand.anchor):
        return source
    return side(cand.anchor, ("obj",), so_far, lex, lambda t: [])


def _request(
    doers: tuple[ActorRef, ...], sp: Speech, kind: str, mod: Modality, so_far: Annotations
) -> bool:
    """Is this act one the speaker asks of others?"""
    if not (sp.reported and sp.speaker and doers) or first_person(doers) or _pronouns(doers):
        return False
    if same_side(doers, sp.speaker, so_far):
        return False
    return mod == "demanded" or (kind == RETREAT and mod == "future")


def _alleged(
    act: Token, kind: str, source: tuple[ActorRef, ...], target: tuple[ActorRef, ...],
    sp: Speech, mod: Modality, so_far: Annotations, lex: Lexicon,
) -> bool:  # fmt: skip
    """Is this hostile act the speaker's allegation against its doer? It is when the speaker
    claims it ("X claimed that Y attacked Z"), is its victim ("X said it was shelled"), or is a
    state that opens the sentence with another country's act ("Russia said Ukrainian troops
    shelled the town": the claim is the news). A report sourced at the end ("..., police
    said", "..., the defence ministry said") is the act itself, and so is a speaker's report
    of its own act."""
    if not (sp.speaker and kind in lex.alleged_types and mod == "asserted"):
        return False
    if same_side(source, sp.speaker, so_far):
        return False
    if sp.cue is not None and (
        has_word(sp.cue, lex.allegation_verbs) or _rival_claim(act, sp.cue, source, sp, so_far)
    ):
        return True
    # The victim is the speaker itself, named by a pronoun ("it", "we"), not merely one of its
    # own: "the army said two soldiers were killed" reports the attack.
    speakers = {r.actor for r in sp.speaker if r.actor}
    return any(
        (r.actor is not None and r.actor in speakers and r.text.lower() in PRONOUN_WORDS)
        or (r.actor is None and r.text.lower() in SPEAKER_WORDS)  # "we", not "US"
        or _speakers_pronouns((r,), sp, so_far)
        for r in target
    )


def _rival_claim(
    act: Token, cue: Token, source: tuple[ActorRef, ...], sp: Speech, so_far: Annotations
) -> bool:
    """Does a state's statement open the sentence ("X said that ...", the act after it) and
    name a doer of another country?"""
    if not (cue.i < act.i and all(r.span[0][0] < cue.idx for r in sp.speaker)):
        return False
    said = {_country(r.actor, so_far) for r in sp.speaker} - {None}
    doers = {_country(r.actor, so_far) for r in source} - {None}
    return bool(said and doers and not said & doers)


def _under(clause: Token, act: Token) -> bool:
    """Is ``clause`` part of what the act's own sentence says about it: below the act, not in
    a conjoined clause, and not under a verb with a subject of its own ("officials said they
    were run by X" is the officials' claim, not the attacker's)?"""
    tok = clause
    while tok.i != act.i:
        if tok.head.i == tok.i or tok.dep_ == CONJ_DEP:
            return False
        tok = tok.head
        if tok.i != act.i and any(c.dep_ in OWN_SUBJECT_DEPS for c in tok.children):
            return False
    return True


def _holders(
    act: Token, target: tuple[ActorRef, ...], so_far: Annotations, lex: Lexicon
) -> tuple[ActorRef, ...]:
    """Who holds what an attack struck, when the sentence says so after the act: "struck
    positions held by rebels", "a depot belonging to the militia", "bombed two depots, saying
    they were run by the Houthis". The holder is named by the agent (or "to") of an
    owning verb whose subject is the struck thing or a pronoun standing for it."""
    struck = {t.i for o in objects(act) for t in o.subtree}
    struck |= {tok.i for r in target for tok in act.sent if r.span[0][0] <= tok.idx < r.span[-1][1]}
    owners = lex.word_list("owner_verbs")
    for verb in act.sent:
        if verb.i <= act.i or not has_word(verb, owners):
            continue
        if not _under(verb, act):
            continue
        held = [verb.head] if verb.dep_ == ACL_DEP else grammatical_subjects(verb)
        if not any(h.i in struck or h.lower_ in HELD_PRONOUNS for h in held):
            continue
        holders = prep_objects(verb, "by")
        if verb.lemma_ == BELONG:
            holders += prep_objects(verb, "to")
        parties = [t for t in holders if is_party(t, so_far, lex)]
        if parties:
            return tuple(actor_ref(t, so_far) for t in parties[:1])
    return ()


def draft(
    cand: Candidate, others: Sequence[Candidate], so_far: Annotations, lex: Lexicon
) -> Draft | None:
    """The draft event of an event word, after PLOVER's coding rules (module docstring); None
    when the sense's own needs are not met (``dyadic``, ``xcomp_event``)."""
    if cand.sense.xcomp_event and not _xcomp_substantive(cand, others, so_far, lex):
        return None
    kind, frame, trigger = _intent(cand, lex)
    if _hostile(cand, others, lex):
        kind = THREATEN
    sp = speech(cand.head if cand.kind == "noun" else frame, so_far, lex)
    source, target, named = _sides(cand, so_far, lex)
    if cand.sense.dyadic and not target and len(source) < DYADIC_MIN_ACTORS:
        return None
    if cand.sense.joint_type and len(source) > 1:
        kind = cand.sense.joint_type
    if kind == ASSAULT and not any(r.actor for r in target):
        target = _holders(cand.anchor, target, so_far, lex) or target
    neg = negated(frame, cand.noun, lex)
    mod = modality(frame, sp.reported, lex)
    top = cand.head if cand.kind == "noun" else frame
    same = kind == cand.sense.type
    mode, cameo = (cand.sense.mode, cand.sense.cameo) if same else (None, None)
    fat = fatalities(cand.anchor, lex) if cand.sense.fatal and cand.kind == "verb" else None

    def make(kind_: str, src: tuple[ActorRef, ...], tgt: tuple[ActorRef, ...], mod_: Modality,
             neg_: bool, mode_: str | None, cameo_: str | None) -> Draft:  # fmt: skip
        grounded = not _bare(src) or (named and not _bare(tgt))
        return Draft(kind_, mode_, cameo_, src, tgt, top, frame, trigger, mod_, neg_, sp,
                     cand.kind, fat, grounded, not neg_)  # fmt: skip

    if kind in lex.defiance_types and sp.reported and negative_subject(frame, lex):
        return make(REJECT, sp.speaker or source, (), "asserted", False, None, REJECT_CAMEO)
    doers = _doers(cand, source, so_far, lex)
    if _request(doers, sp, kind, mod, so_far):
        # The request happened, whether it asks for an act or for its absence ("must not").
        request = make(REQUEST, sp.speaker, doers, "asserted", neg, mode, REQUEST_CAMEO)
        return replace(request, happened=True)
    if sp.speaker and (
        first_person(source)
        or _speakers_pronouns(source, sp, so_far)
        or (not source and kind in lex.verbal_types)
    ):
        source = sp.speaker
    if neg and kind in lex.negated_to_reject:
        return make(REJECT, source, target, mod, False, None, REJECT_CAMEO)
    if not neg and _alleged(frame, kind, source, target, sp, mod, so_far, lex):
        accuse = make(ACCUSE, sp.speaker, source, "asserted", False, ALLEGE_MODE, ALLEGE_CAMEO)
        return accuse if sp.cue is None else replace(accuse, trigger=(sp.cue, *trigger))
    if (sp.reported and mod in THREAT_MODALITIES and kind in lex.threat_types) or (
        kind in lex.ultimatum_types and ultimatum(frame, lex)
    ):
        return make(THREATEN, source, target, mod, neg, None, None)
    promised = mod == "future" or (mod == "hypothetical" and sp.reported)
    if promised and kind in lex.future_types and mode not in lex.future_exempt_modes:
        kind, mode, cameo = lex.future_types[kind], None, None
    return make(kind, source, target, mod, neg, mode, cameo)


def _modal(verb: Token) -> tuple[Token, ...]:
    return tuple(c for c in verb.children if c.dep_ in AUX_DEPS and c.i < verb.i)


def speech_requests(sent: Span, taken: set[int], so_far: Annotations, lex: Lexicon) -> list[Draft]:
    """REQUESTs made by reported clauses with no event word of their own: "X said Y must ..."."""
    found: list[Draft] = []
    for verb in sent:
        if verb.pos_ not in CLAUSE_POS or verb.i in taken or verb.dep_ in AUX_DEPS:
            continue
        if modality(verb, True, lex) != "demanded":
            continue
        sp = speech(verb, so_far, lex)
        if not sp.reported:
            continue
        doers = side(verb, ("subj",), so_far, lex, lambda t: [], lists=STRICT_PARTY_LISTS)
        if not _request(doers, sp, "", "demanded", so_far):
            continue
        trigger = tuple(sorted((*_modal(verb), verb), key=lambda t: t.i))
        request = Draft(
            type=REQUEST, mode=None, cameo=REQUEST_CAMEO, source=sp.speaker, target=doers,
            top=verb, anchor=verb, trigger=trigger, modality="asserted",
            negated=negated(verb, None, lex), speech=sp, kind="speech",
        )  # fmt: skip
        found.append(request)
    return found
