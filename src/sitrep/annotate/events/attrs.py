"""What qualifies an event: negation, modality, the dead it counts, its mode, its confidence."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from sitrep.annotate.events.lexicon import Lexicon, has_word
from sitrep.annotate.events.roles import (
    ADVCL_DEP,
    AUX_DEP,
    AUX_DEPS,
    COMPOUND_DEP,
    MARK_DEP,
    PASSIVE_SUBJ_DEPS,
    SUBJ_DEPS,
    XCOMP_DEP,
    objects,
)
from sitrep.model import Modality

NEG_DEP = "neg"
CONJ_DEP, CC_DEP, PRECONJ_DEP = "conj", "cc", "preconj"  # "[neither] ... [nor] did it [shell]"
OF = "of"
DET_DEPS = ("det", "amod")
# "no talks", "neither the mayor nor his aides"
NEG_DET_DEPS = (*DET_DEPS, "preconj")
NUMMOD_DEP = "nummod"
QUANTMOD_DEP = "quantmod"
# Clauses whose modality comes from the clause they depend on ("will continue to attack",
# "will meet and sign"); negation only passes down to an infinitive ("did not agree to").
MODAL_INHERIT_DEPS = ("xcomp", "conj")
NEG_INHERIT_DEPS = ("xcomp",)
NUMBER_RE = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")

# Confidence of an event, by how it was found (calibrated by eye on the dev sets: a verb with its
# own sense is right more often than a bare noun). Sides resolved to known actors raise it;
# modality and negation lower it, since they are read from the auxiliaries alone.
BASE_CONFIDENCE = {"verb": 0.6, "adj": 0.55, "light": 0.6, "noun": 0.45, "speech": 0.5}
SOURCE_RESOLVED_BONUS = 0.15
TARGET_RESOLVED_BONUS = 0.1
SIDE_UNRESOLVED_BONUS = 0.05
MODALITY_PENALTY = 0.15
NEGATION_PENALTY = 0.2
CONFIDENCE_FLOOR, CONFIDENCE_CEILING = 0.05, 0.95


def _frames(verb: Token, deps: tuple[str, ...] = MODAL_INHERIT_DEPS) -> list[Token]:
    """The verb and the verbs whose auxiliaries also govern it."""
    chain = [verb]
    while chain[-1].dep_ in deps and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _negative_np(tok: Token, lex: Lexicon) -> bool:
    """ "nobody", "no one", "no talks": a noun phrase that negates its clause."""
    if has_word(tok, lex.negative_subjects):
        return True
    return any(
        c.dep_ in NEG_DET_DEPS and has_word(c, lex.negative_determiners) for c in tok.children
    )


def negative_subject(frame: Token, lex: Lexicon) -> bool:
    subjects = [c for v in (frame, *frame.children) if v.i == frame.i or v.dep_ in AUX_DEPS
                for c in v.children if c.dep_ in SUBJ_DEPS + PASSIVE_SUBJ_DEPS]  # fmt: skip
    return any(_negative_np(s, lex) for s in subjects)


def negated(frame: Token, noun: Token | None, lex: Lexicon) -> bool:
    """ "did not attack", "never met", "no one attacked", "no talks were held", "did not
    attack the town, nor did it shell the road"."""
    if any(c.dep_ == NEG_DEP for v in _frames(frame, NEG_INHERIT_DEPS) for c in v.children):
        return True
    if any(c.dep_ == PRECONJ_DEP and has_word(c, lex.negative_determiners) for c in frame.children):
        return True  # "[neither] attacked nor ..."
    if frame.dep_ == CONJ_DEP and any(
        c.dep_ == CC_DEP and c.i < frame.i and has_word(c, lex.negative_determiners)
        for c in frame.head.children
    ):
        return True
    return negative_subject(frame, lex) or (noun is not None and _negative_np(noun, lex))


def _conditional(verb: Token, lex: Lexicon) -> bool:
    """Does an if/unless clause hang from this verb ("will strike if ...")?"""
    marks = lex.modality["conditional_marks"]
    return any(
        c.dep_ == ADVCL_DEP and any(m.dep_ == MARK_DEP and has_word(m, marks) for m in c.children)
        for c in verb.children
    )


def ultimatum(frame: Token, lex: Lexicon) -> bool:
    """Is the act made to depend on what the other side does ("will withdraw its troops unless
    X holds elections")? That is the shape of a threat."""
    marks = lex.modality["ultimatum_marks"]
    return any(
        c.dep_ == ADVCL_DEP and any(m.dep_ == MARK_DEP and has_word(m, marks) for m in c.children)
        for verb in _frames(frame)
        for c in verb.children
    )


def modality(frame: Token, reported: bool, lex: Lexicon) -> Modality:
    """From the auxiliaries of the clause: will -> future, could/may -> hypothetical,
    should/must/have to -> demanded, but "should have been" (a past that did not happen) is
    hypothetical; an act under an if/unless condition is hypothetical."""
    m = lex.modality
    for verb in _frames(frame):
        if _conditional(verb, lex):
            return "hypothetical"
        auxes = [c for c in verb.children if c.dep_ in AUX_DEPS]
        perfect = any(a.lower_ in m["perfect"] for a in auxes)
        for aux in auxes:
            word = aux.lower_
            if word in m["future"]:
                return "future"
            if word in m["demanded"]:
                return "hypothetical" if perfect else "demanded"
            if word in m["reported_future"]:
                return "future" if reported else "hypothetical"
            if word in m["hypothetical"]:
                return "hypothetical"
        head = verb.head
        if (
            verb.dep_ == XCOMP_DEP
            and head.lemma_.lower() in m["demand_verbs"]
            and any(c.dep_ == AUX_DEP and c.lower_ in m["demand_to"] for c in verb.children)
        ):
            return "demanded"
    return "asserted"


def _number(tok: Token, lex: Lexicon) -> int | None:
    text = tok.lower_
    if NUMBER_RE.match(text):
        value = int(text.replace(",", ""))
    elif text in lex.number_words:
        value = lex.number_words[text]
    else:
        return None
    for c in tok.children:
        if c.dep_ in (COMPOUND_DEP, QUANTMOD_DEP) and c.lower_ in lex.number_scales:
            value *= lex.number_scales[c.lower_]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in lex.number_scales and nxt.head.i == tok.i:
        value *= lex.number_scales[nxt.lower_]
    return value


def fatalities(verb: Token, lex: Lexicon) -> int | None:
    """The dead counted by a killing verb: "killed 12 people", "more than 2,000 ... killed";
    vague counts ("dozens") give None, as PLOVER leaves them uncoded."""
    total = 0
    for victim in objects(verb):
        if victim.like_num:
            count = _number(victim, lex)
        else:
            nums = [c for c in victim.children if c.dep_ == NUMMOD_DEP]
            count = _number(nums[0], lex) if nums else None
        if count is None:
            return None
        total += count
    return total or None


def troops(verb: Token, lex: Lexicon) -> int | None:
    """Armed personnel the act moves, sends or brings: "deployed 3,000 troops" -> 3000,
    "thousands of troops" -> 2000 (the least the words allow)."""
    for obj in objects(verb):
        head, count = obj, None
        if obj.lower_ in lex.vague_counts:  # "thousands of troops": the count heads the phrase
            head = next((g for c in obj.children if c.lower_ == OF for g in c.children), obj)
            count = lex.vague_counts[obj.lower_]
        else:
            nums = [c for c in obj.children if c.dep_ == NUMMOD_DEP]
            count = _number(nums[0], lex) if nums else None
        if count is not None and head.lemma_.lower() in lex.force_nouns:
            return count
    return None


def assault_mode(words: Iterable[Token], lex: Lexicon) -> str | None:
    """An ASSAULT's weapon mode from the words of its clause ("missiles" -> aerial)."""
    toks = list(words)
    for mode, cues in lex.assault_modes:
        if any(has_word(t, cues) for t in toks):
            return mode
    return None


def confidence(
    kind: str, source_resolved: bool | None, target_resolved: bool | None,
    modality_: Modality, negated_: bool,
) -> float:  # fmt: skip
    """How sure the event is, in [0.05, 0.95]: the base for how it was found, plus a bonus per
    side (more when the side resolves to a known actor), minus penalties for modality and
    negation. ``*_resolved`` is None when the side is empty."""
    score = BASE_CONFIDENCE[kind]
    for resolved, bonus in (
        (source_resolved, SOURCE_RESOLVED_BONUS),
        (target_resolved, TARGET_RESOLVED_BONUS),
    ):
        if resolved is not None:
            score += bonus if resolved else SIDE_UNRESOLVED_BONUS
    if modality_ != "asserted":
        score -= MODALITY_PENALTY
    if negated_:
        score -= NEGATION_PENALTY
    return min(CONFIDENCE_CEILING, max(CONFIDENCE_FLOOR, score))
