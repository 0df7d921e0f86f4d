"""Stance frames: what someone aims at, holds or is said to seem, read off the parse.

News attribution is wider than saying: a source's aims ("the senator hopes to win"), attitudes
("voters are afraid that ...") and decisions ("the decision to cut taxes") are attributed to it
as much as its words are. Each class of the lexicon comes with the one frame that makes it an
attribution, so that the word alone never does ("sought shelter", "a ready meal"):
- an intention verb with a to-infinitive ("voted to hold him in contempt");
- an evidential verb with the clause it hedges ("the plan seems to have failed"), its subject
  taken as the source of the impression, as attribution corpora do ("X appeared to blame");
- a stance adjective with a that-clause or a to-infinitive ("is determined to ...");
- a noun of decision or aim with a to-infinitive ("Iran's determination to ...");
- a clause set "in" a poll, report or statement, the source speaking;
- a verb of belief or speech in the passive without an agent, with what it says of its subject
  ("the veto is expected to come Friday", "he was accused of fraud"), no speaker.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from sitrep.annotate.quotes.cues import Cues
from sitrep.annotate.quotes.frames import COMPLEMENT_DEPS, TOPIC_DEPS, Frame, noun_speaker
from sitrep.annotate.quotes.syntax import (
    AGENT_DEP,
    INFINITIVE_MARKER_TAG,
    OBJECT_DEP,
    PASSIVE_SUBJECT_DEP,
    PREP_DEP,
    SUBJECT_DEPS,
    VERB_POS,
    clause_words,
    cue_span,
    cue_tokens,
    has_that,
    infinitive_words,
    passive_subject,
    speaker_of,
    speaker_span,
    token_runs,
)
from sitrep.nlp import char_span

INFINITIVE_DEPS = ("xcomp", "acl", "advcl")  # "hopes [to win]", "a decision [to act]"
TO = "to"
PREDICATE_DEPS = ("acomp", "oprd")  # "they are [afraid]": the copula's subject holds the stance
PASSIVE_PREDICATE_DEPS = ("oprd",)  # "is considered [a threat]"
IN = "in"  # "[in] the poll, ..."
PLURAL_TAGS = ("NNS", "NNPS")  # "in the [polls]": no one source
LIKE = "like"  # "seems [like] a long shot"


def _infinitive(head: Token) -> Token | None:
    """A to-infinitive after ``head`` that depends on it ("hopes [to win]")."""
    for c in head.children:
        if (
            c.i > head.i
            and c.dep_ in INFINITIVE_DEPS
            and c.pos_ in VERB_POS
            and any(
                a.lower_ == TO and a.tag_ == INFINITIVE_MARKER_TAG and a.i < c.i for a in c.children
            )
        ):
            return c
    return None


def _clause(head: Token) -> Token | None:
    """A complement clause after ``head``: a ccomp or parataxis, or a clause opened by
    "that"."""
    for c in head.children:
        if c.i > head.i and (c.dep_ in COMPLEMENT_DEPS or has_that(c)):
            return c
    return None


def intention_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """Verbs of aim and decision with a to-infinitive: the infinitive is the aim."""
    for tok in cue_tokens(doc, cues):
        if tok.pos_ != "VERB" or cues.lemma(tok) not in cues.intentions:
            continue
        if any(c.dep_ == PASSIVE_SUBJECT_DEP for c in tok.children):
            continue  # "was moved to tears"
        aim = _infinitive(tok)
        if aim is None:
            continue
        content = token_runs(infinitive_words(tok, aim, cues))
        if content:
            yield Frame(cue_span(tok), speaker_of(tok, cues), content, tok.idx)


def evidential_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """ "X seems to ...", "it appears that ...": the subject and what it seems are the
    content, and the subject stands as the source ("Stumpf appeared to blame ..."); after an
    expletive ("it appears that") there is none."""
    for tok in cue_tokens(doc, cues):
        if tok.pos_ not in VERB_POS or cues.lemma(tok) not in cues.evidentials:
            continue
        pred = (
            _infinitive(tok)
            or _clause(tok)
            or next((c for c in tok.children if c.i > tok.i and c.lower_ == LIKE), None)
        )
        if pred is None:
            continue
        subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        words = clause_words(pred, cues)
        speaker = None
        if subj is not None and subj.lower_ not in cues.expletives:
            words += list(subj.subtree)
            speaker = speaker_of(tok, cues)
        content = token_runs(words)
        if content:
            yield Frame(char_span(tok), speaker, content, tok.idx)


def adjective_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """Stance adjectives ("are afraid that ...", "is determined to ..."); the subject of the
    copula holds the stance."""
    for tok in cue_tokens(doc, cues):
        if tok.pos_ not in ("ADJ", "VERB") or tok.lower_ not in cues.adjectives:
            continue
        comp = _clause(tok) or _infinitive(tok)
        if comp is None:
            continue
        holder = tok.head if tok.dep_ in PREDICATE_DEPS else tok
        content = token_runs(clause_words(comp, cues))
        if content:
            yield Frame(char_span(tok), speaker_of(holder, cues), content, tok.idx)


def adjective_prep_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """Stance adjectives with the preposition that names what the stance is about ("is
    critical of the plan", "were skeptical about his chances"): the preposition's object is
    the content, the subject of the copula holds the stance."""
    for tok in cue_tokens(doc, cues):
        if tok.pos_ != "ADJ" or tok.dep_ not in PREDICATE_DEPS:
            continue
        prep = next(
            (
                c
                for c in tok.children
                if c.dep_ == PREP_DEP and (tok.lower_, c.lower_) in cues.adjective_preps
            ),
            None,
        )
        obj = next((c for c in prep.children if c.dep_ in TOPIC_DEPS), None) if prep else None
        if prep is None or obj is None:
            continue
        content = token_runs(clause_words(obj, cues))
        speaker = speaker_of(tok.head, cues)
        if content and speaker is not None:
            yield Frame(token_runs([tok, prep]), speaker, content, tok.idx)


def aim_noun_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """Nouns of decision and aim with a to-infinitive and a holder ("Iran's determination
    to ...", "X made a decision to ..."); without one ("the decision to ... drew fire") the
    aim is only named, not attributed."""
    for tok in cue_tokens(doc, cues):
        if tok.pos_ != "NOUN" or cues.lemma(tok) not in cues.aim_nouns:
            continue
        aim = _infinitive(tok)
        if aim is None:
            continue
        content = token_runs(clause_words(aim, cues))
        if content:
            speaker = noun_speaker(tok, cues)
            if speaker is not None:
                yield Frame(char_span(tok), speaker, content, tok.idx)


def _passive_predicate(c: Token, verb: Token, cues: Cues) -> bool:
    """What a passive cue says of its subject: "is considered [a threat]", "was accused [of
    fraud]"."""
    if c.i < verb.i:
        return False
    return c.dep_ in PASSIVE_PREDICATE_DEPS or (
        c.dep_ == PREP_DEP and c.lower_ in cues.passive_preps
    )


def passive_stance_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """A belief or speech act in the passive with no agent ("the veto is expected to come
    Friday", "he was accused of fraud"): the subject with what is said of it is the content,
    and the speaker is unnamed."""
    for tok in cue_tokens(doc, cues):
        if tok.pos_ != "VERB" or cues.lemma(tok) not in cues.passives:
            continue
        kids = list(tok.children)
        if any(c.dep_ == AGENT_DEP for c in kids):
            continue  # a passive with its agent is a speech act of the agent's
        subj = passive_subject(tok, cues)
        if subj is None:
            continue
        pred = _infinitive(tok) or next((c for c in kids if _passive_predicate(c, tok, cues)), None)
        if pred is None:
            continue
        content = token_runs([*subj.subtree, *clause_words(pred, cues)])
        if content:
            yield Frame(char_span(tok), None, content, tok.idx)


def medium_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """ "In the poll, Clinton led by five points": a clause set in a poll, report or statement
    is what that source says; a clause whose own verb reports ("In a statement, X said ...")
    is framed by that verb instead. A plural names no one source ("trails in the polls")."""
    for tok in cue_tokens(doc, cues):
        if tok.pos_ != "NOUN" or cues.lemma(tok) not in cues.media or tok.dep_ != OBJECT_DEP:
            continue
        if tok.tag_ in PLURAL_TAGS:
            continue
        prep, clause = tok.head, tok.head.head
        if prep.lower_ != IN or prep.dep_ != PREP_DEP or clause.pos_ not in VERB_POS:
            continue
        if cues.lemma(clause) in cues.words:
            continue
        phrase = {t.i for t in prep.subtree}
        content = token_runs(t for t in clause.subtree if t.i not in phrase)
        if content:
            yield Frame(char_span(prep), speaker_span(tok), content, prep.idx)


FINDERS = (
    medium_frames, intention_frames, evidential_frames, adjective_frames,
    adjective_prep_frames, aim_noun_frames, passive_stance_frames,
)  # fmt: skip
