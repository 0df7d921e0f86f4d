"""What the dependency tree says about a time expression: the verb it attaches to, whether
that clause is past or future (so "June" and "Friday" pick the right occurrence), and the verb
of a clause that ``governing_date`` looks a date up for."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from sitrep.annotate.times.words import words

# Parts of speech that head a clause a time expression can date.
VERB_POS = frozenset({"VERB", "AUX"})
# Dependency labels of auxiliaries ("will", "had", "was", "to").
AUX_DEPS = frozenset({"aux", "auxpass"})
# Dependency labels through which a verb inherits the tense or plan of the word above it
# ("expect to vote", "due to be published", "went to meet").
CONTROL_DEPS = frozenset({"xcomp", "acomp", "advcl", "ccomp"})
# A verb conjoined to another shares its tense when it has no auxiliary of its own.
CONJ_DEP = "conj"
# A relative clause dates itself, not the clause around it ("X, who took office in May, said").
RELATIVE_DEP = "relcl"
# A year or date modifying a noun is part of its name ("the [2008] crisis").
NAMING_DEPS = frozenset({"nummod", "compound", "amod"})
NOUN_POS = "NOUN"
# Penn tags: simple past, past participle, and the infinitive marker "to".
PAST_TAG, PARTICIPLE_TAG, TO_TAG = "VBD", "VBN", "TO"
PAST, UNKNOWN, FUTURE = -1, 0, 1


def attachment_verb(span: Span) -> Token | None:
    """The verb a time expression modifies: up the tree from its root through prepositions
    and nouns ("said on May 17" -> said), or None when no verb is above it."""
    tok: Token = span.root
    while tok.pos_ not in VERB_POS:
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return tok


def clause_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb heading the clause at [start, end): its highest token, or the nearest verb
    above it when that token is no verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    top = min(span, key=lambda t: len(list(t.ancestors)))
    return attachment_verb(doc[top.i : top.i + 1])


def tense(span: Span) -> int:
    """PAST, FUTURE or UNKNOWN for the clause of a time expression (UNKNOWN for the present,
    where news means the nearest occurrence: "the vote is on April 7")."""
    w = words()
    before = span.doc[span.start - 1].lower_ if span.start else ""
    verb = attachment_verb(span)
    if verb is None:
        return UNKNOWN
    if before in w.forward_prepositions and verb.tag_ != PAST_TAG:
        return FUTURE  # "postponed until Saturday"
    return _verb_tense(verb)


def _verb_tense(verb: Token) -> int:
    aux = _aux(verb)
    if verb.dep_ == CONJ_DEP and not aux and verb.head.pos_ in VERB_POS:
        return _verb_tense(verb.head)  # "rose in March and fell in June"
    chain = _controllers(verb)
    if verb.tag_ == PARTICIPLE_TAG and not any(a.lemma_ == "have" for a in aux):
        chain.insert(0, verb)  # "the vote is scheduled for June 5", but not "set fire"
    if _future(aux, chain):
        return FUTURE
    if _narrative_past(verb, aux):
        return PAST
    if verb.tag_ == PARTICIPLE_TAG and any(a.lemma_ == "have" for a in aux):
        return PAST  # present perfect: "has said on Friday"
    if any(a.tag_ == TO_TAG for a in aux):
        # An infinitive points forward ("Putin to visit Iran", "a program to run through
        # June") unless a simple or pluperfect past frames it ("went to meet him on Monday").
        above = verb.head if verb.head.i != verb.i else None
        framed = above is not None and above.pos_ in VERB_POS
        if framed and above is not None and _narrative_past(above, _aux(above)):
            return PAST
        return FUTURE
    return UNKNOWN


def _aux(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in AUX_DEPS]


def _narrative_past(verb: Token, aux: list[Token]) -> bool:
    """Simple past or pluperfect: the verb or one of its auxiliaries is tagged past."""
    return verb.tag_ == PAST_TAG or any(a.tag_ == PAST_TAG for a in aux)


def _future(aux: list[Token], chain: list[Token]) -> bool:
    """A future auxiliary ("will"), or a word of planning above the verb ("expected to")."""
    w = words()
    if any(a.lower_ in w.future_auxiliaries for a in aux):
        return True
    return any(t.lemma_.lower() in w.future_cues or t.lower_ in w.future_cues for t in chain)


def _controllers(verb: Token) -> list[Token]:
    """The words above a verb that control it ("expect" over "vote", "due" over "published")."""
    out: list[Token] = []
    tok = verb
    while tok.dep_ in CONTROL_DEPS and tok.head.i != tok.i and len(out) < 3:
        tok = tok.head
        out.append(tok)
    return out
