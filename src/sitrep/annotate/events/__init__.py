"""The events annotator: who did what to whom, as PLOVER events tied to their words.

For each sentence outside the page chrome (captions, boilerplate, headline):
1. find the event words (``triggers``: verbs, adjectives, light-verb and standalone
   nouns, matched against ``knowledge/event_lexicon.yaml``);
2. draft each one (``build``): its sides from the dependency roles, resolved to actors
   through the mentions; the statement it is part of (``speech``); PLOVER's coding rules
   (intent, defiance, negated cooperation, requests made in reported speech, future tense);
   reported clauses that demand something of others are REQUESTs of their own;
3. keep only the outermost event of a clause: an event inside another's argument ("rejected the
   demand", "condemned the strikes") is that event's object, not a second event; an event in an
   adverbial or coordinated clause of the same type folds into it ("attacked X, killing 12");
4. drop conditions ("unless the president resigns") and the demand a protest makes (PLOVER
   codes the protest, not its topic); drop drafts with no party at all, with a disaster or a
   sports side as cause ("floods killed 12 people"), violent ones read from a sports report,
   purposes ("sent troops to fight" reports a deployment; the fight is an aim), topics
   ("lifting the sanctions is out of the question"), background (a relative clause or a
   participle that says who a party is: "the group that seized the town"), settings (an event
   in a time clause, "after rebels shelled the port", when the sentence reports another),
   asides (a participle trailing another event: "rejected the plan, urging X to ...") and
   acts said not to happen ("did not attack": PLOVER lets negated events be left out of the
   data; refused cooperation is already a REJECT and a demand not to act a REQUEST), unless
   ``Options.negated_events`` asks for them (then with ``negated=True``);
5. date each event (``times.governing_date``, else its quote's date), place it
   (``places.governing_place``), count the dead, give its weapon mode and a confidence
   (``attrs.confidence``: a base for how the event was found, verb > noun, plus a bonus
   per side, larger when the side resolves to a known actor, minus penalties for modality and
   negation);
6. merge repeats: one event per happening per article (same type, same sides, same date).

Before step 5, a side that no actor names but a place heads ("targets in Jericho") becomes the
state the place lies in; those states and their mentions join the actors layer, which is why
this annotator also returns ``actors`` and ``mentions``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from sitrep.annotate.actors import group_actor
from sitrep.annotate.actors import kb as actor_kb
from sitrep.annotate.base import Annotations
from sitrep.annotate.events import lexicon
from sitrep.annotate.events.attrs import assault_mode, confidence, troops
from sitrep.annotate.events.build import Draft, draft, same_side, side_keys, speech_requests
from sitrep.annotate.events.lexicon import CLAUSE_POS, Lexicon, has_word
from sitrep.annotate.events.roles import (
    ACL_DEP,
    ADVCL_DEP,
    CCOMP_DEP,
    COMPOUND_DEP,
    MARK_DEP,
    RELCL_DEP,
    is_purpose,
    prep_objects,
    subjects,
)
from sitrep.annotate.events.triggers import candidates
from sitrep.annotate.places import governing_place
from sitrep.annotate.times import governing_date
from sitrep.intervals import Intervals
from sitrep.model import Actor, ActorRef, Event, Mention, Spans
from sitrep.nlp import overlaps, subtree_span
from sitrep.options import Options

# An event under another one through these is an event of its own, not its argument.
SEPARATE_DEPS = ("conj", "advcl", "parataxis", "relcl")
# A same-type event in one of these clauses of another is the same happening.
FOLD_DEPS = ("advcl", "conj")
# Clauses left out of an event's evidence.
EVIDENCE_EXCLUDE_DEPS = ("conj", "cc", "advcl", "parataxis")
# Prepositions that name a cause ("killed in floods", "destroyed by the storm").
CAUSE_PREPS = ("in", "by", "during", "from")
# Conjunctions of a clause that tells what happened at the time ("killed when a tree fell").
TIME_MARKS = ("when",)
TIME_MARK_DEPS = ("mark", "advmod")  # the parser makes "when" an adverb
CONJ_DEP = "conj"
ASSAULT, PROTEST, REJECT = "ASSAULT", "PROTEST", "REJECT"
# What a rejection that names nobody can be the answer to.
ANSWERED_TYPES = ("REQUEST", "THREATEN", "ACCUSE")
GERUND_TAG = "VBG"
PROPER_NOUN = "PROPN"
# A clause coordinated with or complementing a condition is part of it.
CONDITION_INHERIT_DEPS = ("conj", "xcomp")
TOPIC_DEPS = ("csubj", "csubjpass")


def annotate(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Any]]:
    lex = lexicon.load()
    chrome = so_far.article.chrome
    spans = Intervals((m.span[0][0], m.span[-1][1], k) for k, m in enumerate(so_far.mentions))
    keep_negated = options.negated_events
    drafts = [
        d
        for sent in doc.sents
        for d in _sentence_drafts(sent, chrome, so_far, spans, lex, keep_negated)
    ]
    drafts, actors, mentions = _placed(drafts, doc, so_far)
    so_far = replace(
        so_far,
        actors=(*so_far.actors, *actors),
        mentions=tuple(sorted((*so_far.mentions, *mentions), key=lambda m: m.span)),
    )
    events = [_event(d, doc, so_far, lex) for d in drafts]
    return {
        "events": _merged(_answered(events, doc.text, so_far), so_far),
        "actors": so_far.actors,
        "mentions": so_far.mentions,
    }


def _placed(
    drafts: list[Draft], doc: Doc, so_far: Annotations
) -> tuple[list[Draft], list[Actor], list[Mention]]:
    """Sides that no actor names but a place does ("agreed to open a centre in Tokyo", "tanks
    fired at targets in Jericho"), resolved to the state the place lies in, as event data codes
    a town by its country; with the states and mentions that adds. Only where the place is the
    head of the side's phrase: "foreign troops in Syria" are not Syria's. Done before dating
    and merging, so that a placed side counts as resolved and merges like any other."""
    kb = actor_kb.load()
    known = {a.id for a in so_far.actors}
    added: dict[str, Actor] = {}
    mentions: dict[tuple[Spans, str], Mention] = {}

    def resolve(ref: ActorRef) -> ActorRef:
        if ref.actor is not None:
            return ref
        (start, end), *_ = ref.span
        words = doc.char_span(start, end, alignment_mode="expand")
        if words is None:
            return ref
        head = words.root
        place = next(
            (p for p in so_far.places if p.country and p.span[0][0] <= head.idx < p.span[-1][1]),
            None,
        )
        if place is not None and any(
            c.dep_ == COMPOUND_DEP and c.pos_ == PROPER_NOUN and c.idx < place.span[0][0]
            for c in head.children
        ):
            return ref  # a longer name ending in a place's ("Kenzo Oshima")
        iso3 = kb.iso3.get(place.country) if place is not None and place.country else None
        actor = group_actor(iso3, None, kb) if iso3 else None
        if place is None or actor is None:
            return ref
        if actor.id not in known:
            added.setdefault(actor.id, actor)
        mentions.setdefault((place.span, actor.id), Mention(place.span, place.text, actor.id))
        return replace(ref, actor=actor.id)

    out = [
        replace(d, source=tuple(map(resolve, d.source)), target=tuple(map(resolve, d.target)))
        for d in drafts
    ]
    return out, list(added.values()), list(mentions.values())


def _unreal(d: Draft, lex: Lexicon) -> bool:
    """A purpose infinitive ("deployed troops to defend X"), a gerund subject ("lifting the
    sanctions is out of the question") or a wish ("hoped the officials would be indicted"): an
    aim, a topic or a hope, not a happening. A protest is the exception to the first: what is
    done to protest ("shut their shops to protest X") is the protest."""
    top = d.top
    if top.dep_ == CCOMP_DEP and has_word(top.head, lex.word_list("wish_verbs")):
        return True
    return top.dep_ in TOPIC_DEPS or (is_purpose(top) and d.type != PROTEST)


def _contains(outer: Token, inner: Token) -> bool:
    """Is ``inner`` inside an argument of ``outer`` (not in a clause of its own)?"""
    child = inner
    while child.head.i != child.i:
        if child.head.i == outer.i:
            return child.dep_ not in SEPARATE_DEPS
        child = child.head
    return False


def _outermost(drafts: list[Draft]) -> list[Draft]:
    return [d for d in drafts if not any(o is not d and _contains(o.top, d.top) for o in drafts)]


def _folded(drafts: list[Draft]) -> list[Draft]:
    """Fold same-type events of adverbial and coordinated clauses into their head event."""
    out: list[Draft] = []
    for d in drafts:
        parent = next(
            (
                o
                for o in out
                if d.top.dep_ in FOLD_DEPS and d.top.head.i == o.top.i and o.type == d.type
            ),
            None,
        )
        if parent is None:
            out.append(d)
        elif parent.fatalities is None and d.fatalities is not None:
            out[out.index(parent)] = replace(parent, fatalities=d.fatalities)
    return out


def _caused_by_non_actor(d: Draft, lex: Lexicon) -> bool:
    """A disaster or an accident as cause: "floods killed 12", "killed in a crash", the clause
    an act hangs from ("a bus plunged into a ravine, killing 25"), or a "when" clause on the act
    or its conjunct that tells an accident ("were killed when their car crashed", "killed and
    three hurt when an oak fell")."""
    causes = subjects(d.anchor) + [t for p in CAUSE_PREPS for t in prep_objects(d.anchor, p)]
    non_actors = lex.word_list("non_actors")
    if any(has_word(t, non_actors) for t in causes):
        return True
    head = d.anchor.head
    accidents = lex.word_list("accidents")
    if d.anchor.dep_ in FOLD_DEPS and has_word(head, accidents):
        return True
    # "killed and three hurt when an oak fell", "when their jeep crashed"
    clauses = [d.anchor, *(c for c in d.anchor.children if c.dep_ == CONJ_DEP)]
    if d.anchor.dep_ == CONJ_DEP:
        clauses.append(head)
    return any(
        has_word(c, accidents) or any(has_word(s, non_actors) for s in subjects(c))
        for v in clauses
        for c in v.children
        if c.dep_ == ADVCL_DEP
        and any(m.dep_ in TIME_MARK_DEPS and m.lower_ in TIME_MARKS for m in c.children)
    )


def _condition(d: Draft, lex: Lexicon) -> bool:
    """Is the event a condition ("until their demands are met"), not a happening?"""
    marks = lex.modality["condition_marks"]
    tok = d.anchor
    while True:
        if any(c.dep_ == MARK_DEP and has_word(c, marks) for c in tok.children):
            return True
        if tok.dep_ not in CONDITION_INHERIT_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head


def _protest_topic(d: Draft, drafts: list[Draft], lex: Lexicon) -> bool:
    """The demand a protest makes ("demonstrated, calling for independence") is its topic."""
    if d.type not in lex.protest_topic_types:
        return False
    tops = {o.top.i for o in drafts if o.type == PROTEST}
    return any(a.i in tops for a in d.top.ancestors)


def _temporal(d: Draft, drafts: list[Draft], lex: Lexicon) -> bool:
    """An event in a time clause ("resigned after protesters stormed X", "announced a
    suspension a day after jets shot down a helicopter") is the setting of the news when the
    sentence reports another event outside the clause."""
    marks = lex.modality["time_marks"]
    clause = d.top
    while clause.dep_ != ADVCL_DEP:
        if clause.head.i == clause.i or clause.dep_ not in CONDITION_INHERIT_DEPS:
            return False
        clause = clause.head
    if not any(c.dep_ == MARK_DEP and has_word(c, marks) for c in clause.children):
        return False
    inside = {t.i for t in clause.subtree}
    return any(o.top.i not in inside for o in drafts)


def _aside(d: Draft, drafts: list[Draft]) -> bool:
    """A participle clause trailing another event ("rejected the plan, urging X to sign
    another", "held talks with Y, offering support") adds a detail to it, not a second piece
    of news; a same-type one is folded into it already ("attacked X, killing 12")."""
    top = d.top
    if top.dep_ != ADVCL_DEP or top.tag_ != GERUND_TAG:
        return False
    if any(c.dep_ in (MARK_DEP, "nsubj", "nsubjpass") for c in top.children):
        return False
    return any(o is not d and o.top.i == top.head.i for o in drafts)


def _background(d: Draft, drafts: list[Draft]) -> bool:
    """A relative clause ("the group that has seized X") or a participle describing a party
    ("the men jailed for X were freed", "a mediator trying to broker a pact said ...") says who
    a party is, not what happened, when the sentence reports an event outside it."""
    top = d.top
    while top.dep_ in CONDITION_INHERIT_DEPS and top.head.i != top.i:  # "trying to broker"
        top = top.head
    if top.dep_ != RELCL_DEP and (top.dep_ != ACL_DEP or top.pos_ not in CLAUSE_POS):
        return False
    inside = {t.i for t in top.subtree}
    return any(o.top.i not in inside for o in drafts)


def _keep(d: Draft, sports: bool, chrome: Spans, lex: Lexicon, negated_too: bool) -> bool:
    if not (d.happened or negated_too):
        return False
    if chrome and overlaps(_trigger_spans(d.trigger), chrome):
        return False
    if _condition(d, lex):
        return False
    if sports and d.type in lex.sports_blocked_types:
        return False
    if _unreal(d, lex):
        return False
    return d.grounded and not _caused_by_non_actor(d, lex)


def _retort(d: Draft, cues: Sequence[Spans]) -> bool:
    """An attack whose verb is the cue of a quote is an attack in words, not a blow: a retort
    ("“...,” she shot back", "he fired back: “...”") or a verbal attack the quotes layer read
    as a stance ("a PAC that will focus on attacking the senator")."""
    return d.type == ASSAULT and any(overlaps(_trigger_spans(d.trigger), cue) for cue in cues)


def _sentence_drafts(
    sent: Span, chrome: Spans, so_far: Annotations, spans: Intervals[int], lex: Lexicon,
    negated_too: bool,
) -> list[Draft]:  # fmt: skip
    cands = candidates(sent, lex)
    # Sides are read within the sentence: only its mentions, in their order (``spans`` indexes
    # every mention's extent, so this costs the sentence's mentions, not the article's).
    ours = sorted(k for _, _, k in spans.overlapping(sent.start_char, sent.end_char))
    so_far = replace(so_far, mentions=tuple(so_far.mentions[k] for k in ours))
    drafts = [d for c in cands if (d := draft(c, cands, so_far, lex)) is not None]
    taken = {t.i for d in drafts for t in (d.top, d.anchor, *d.trigger)}
    drafts += speech_requests(sent, taken, so_far, lex)
    drafts.sort(key=lambda d: d.top.i)
    drafts = _folded(_outermost(drafts))
    sports = any(has_word(t, lex.sports_context) for t in sent)
    # the filters below weigh an event against the others the sentence reports: against those
    # that stay, not those about to go (a negated act, a condition)
    here = ((sent.start_char, sent.end_char),)
    attacks = any(d.type == ASSAULT for d in drafts)
    cues = [q.cue for q in so_far.quotes if attacks and q.cue and overlaps(q.cue, here)]
    drafts = [
        d for d in drafts if _keep(d, sports, chrome, lex, negated_too) and not _retort(d, cues)
    ]
    return [
        d
        for d in drafts
        if not (
            _protest_topic(d, drafts, lex)
            or _background(d, drafts)
            or _temporal(d, drafts, lex)
            or _aside(d, drafts)
        )
    ]


def _trigger_spans(tokens: Sequence[Token]) -> Spans:
    """Character spans of the trigger words, adjacent words joined ("pulled out")."""
    spans: list[tuple[int, int]] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        start, end = tok.idx, tok.idx + len(tok.text)
        if spans and tok.i > 0 and tok.doc[tok.i - 1] in tokens and spans[-1][1] <= start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return tuple(spans)


def _evidence(d: Draft) -> tuple[int, int]:
    """The clause of the event (a nominal event: its noun phrase)."""
    tok = d.top if d.kind == "noun" else d.anchor
    return subtree_span(tok, exclude=[c for c in tok.children if c.dep_ in EVIDENCE_EXCLUDE_DEPS])


def _resolved(refs: tuple[ActorRef, ...]) -> bool | None:
    return None if not refs else any(r.actor for r in refs)


def _event(d: Draft, doc: Doc, so_far: Annotations, lex: Lexicon) -> Event:
    start, end = _evidence(d)
    when = governing_date(doc, so_far, start, end)
    where = governing_place(doc, so_far, start, end)
    mode = d.mode
    if mode is None and d.type == ASSAULT:
        mode = assault_mode(doc.char_span(start, end, alignment_mode="expand") or (), lex)
    return Event(
        type=d.type, mode=mode, cameo=d.cameo, source=d.source, target=d.target,
        evidence=((start, end),), trigger=_trigger_spans(d.trigger),
        date=(when.value if when is not None else None) or d.speech.date or _article_date(so_far),
        date_span=when.span if when is not None and when.value else (),
        place=where.geonameid if where is not None else None,
        fatalities=d.fatalities, negated=d.negated, modality=d.modality,
        troops=troops(d.anchor, lex) if d.kind == "verb" else None,
        confidence=confidence(
            d.kind, _resolved(d.source), _resolved(d.target), d.modality, d.negated
        ),
        quote=d.speech.quote,
    )  # fmt: skip


def _answered(events: list[Event], text: str, so_far: Annotations) -> list[Event]:
    """A rejection that names nobody ("Caracas replied that nobody could dictate terms to
    Venezuela") answers the demand before it: the source of the nearest REQUEST, THREATEN or
    ACCUSE event (``ANSWERED_TYPES``) from another side earlier in the same paragraph is its
    target ("When Brazil said the observers must stay, ..."). Events are in text order;
    ``text`` is the parsed text, whose line breaks end paragraphs (``layout.parse_text``)."""
    out: list[Event] = []
    asked: list[Event] = []
    for e in events:
        if e.type == REJECT and not e.target and e.source:
            at = e.trigger[0][0]
            for prior in reversed(asked):
                start = prior.evidence[0][0]
                if start >= at or "\n" in text[start:at]:
                    continue
                if prior.source and not same_side(prior.source, e.source, so_far):
                    e = replace(e, target=prior.source)
                    break
        if e.type in ANSWERED_TYPES:
            asked.append(e)
        out.append(e)
    return out


def _article_date(so_far: Annotations) -> str | None:
    """An event the text does not date happened by the article's date (as GDELT codes it);
    ``date_span`` stays empty so a reader can tell it from a date the text gives."""
    published = so_far.article.published
    return published.isoformat() if published else None


def _merged(events: list[Event], so_far: Annotations) -> list[Event]:
    """One event per happening per article. Repeats (same type, sides, negation and date) keep
    the first. An event dated only by default (no time expression of its own, so the quote's or
    the article's date) is the same happening told again, and yields, when an event dated in
    the text has its type and sides ("Chile said the ships must leave" after "On May 3 Chile
    demanded that Peru withdraw its ships"), or when it names no target and an event of its
    type by its side names one ("'Nobody will make us leave,' he added" after "Lima rejected
    Chile's demand")."""

    def happening(e: Event) -> tuple[Any, ...]:
        return e.type, side_keys(e.source, so_far), side_keys(e.target, so_far), e.negated

    def act(e: Event) -> tuple[Any, ...]:
        return e.type, side_keys(e.source, so_far), e.negated

    dated = {happening(e) for e in events if e.date_span}
    aimed = {act(e) for e in events if e.target}
    seen: set[tuple[Any, ...]] = set()
    out: list[Event] = []
    for e in events:
        key = (*happening(e), e.date)
        told_again = not e.date_span and (
            happening(e) in dated or (not e.target and e.source and act(e) in aimed)
        )
        if key in seen or told_again:
            continue
        seen.add(key)
        out.append(e)
    return out
