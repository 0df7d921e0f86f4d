"""Statements as events: who is speaking where an event is reported.

The speaker comes from the tree when the sentence has one: the subject of a reporting verb
above the clause ("X said that ...", "X responded by saying ...") or the owner of a reporting
noun ("X issued a reminder that ..."); otherwise from the quotes layer, when a quote holds the
word ("..., he added"). A quote holding the word is linked either way.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from sitrep.annotate.base import Annotations
from sitrep.annotate.events.lexicon import CLAUSE_POS, Lexicon, has_word
from sitrep.annotate.events.roles import POSS_DEP, actor_ref, conjuncts, subjects
from sitrep.model import ActorRef, Quote, span_text
from sitrep.nlp import overlaps

# How a reported clause hangs from its reporting verb or noun.
REPORTED_DEPS = ("ccomp", "xcomp", "pcomp", "parataxis", "acl", "advcl", "conj", "prep", "pobj")
# The speaker's own side, and the generic "you" ("you have to pay your way"): neither
# is a party a request can be made of.
FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my", "you", "your"})


@dataclass(frozen=True)
class Speech:
    """The statement a word is part of: the quote (index into ``so_far.quotes``), the speaker and
    the reporting word that frames it in the tree ("claimed", "said"), if any."""

    quote: int | None
    speaker: tuple[ActorRef, ...]
    reported: bool
    date: str | None = None
    cue: Token | None = None


NOT_REPORTED = Speech(None, (), False)


def _quote_at(quotes: tuple[Quote, ...], start: int, end: int) -> int | None:
    """The quote whose content holds [start, end), or whose cue is this word."""
    where = ((start, end),)
    for n, q in enumerate(quotes):
        if any(s <= start and end <= e for s, e in q.content):
            return n
        if q.cue and overlaps(q.cue, where):
            return n
    return None


def _speaker_of(q: Quote, so_far: Annotations) -> tuple[ActorRef, ...]:
    if not q.speaker:
        return ()
    return (ActorRef(q.speaker, span_text(so_far.article.text, q.speaker), q.speaker_actor),)


def _refs(heads: list[Token], so_far: Annotations) -> tuple[ActorRef, ...]:
    return tuple(actor_ref(t, so_far) for h in heads for t in conjuncts(h))


def _reporting_subjects(verb: Token) -> list[Token]:
    """The subject of a reporting verb, or of the verb it hangs from ("X responded by
    saying ...")."""
    found, up = subjects(verb), verb
    while not found and up.head.i != up.i:
        up = up.head
        found = subjects(up) if up.pos_ in CLAUSE_POS else []
    return found


def _reporter(tok: Token, lex: Lexicon) -> tuple[list[Token] | None, Token | None]:
    """The subject of the reporting verb or noun above ``tok`` (None when there is none), and
    that word. A first-person reporter inside another report gives way to the outer one ("X
    said: we presume that ...")."""
    child, found, cue = tok, None, None
    for anc in tok.ancestors:
        if child.dep_ not in REPORTED_DEPS:
            break
        child = anc
        if anc.pos_ == "VERB" and has_word(anc, lex.reporting_verbs):
            found, cue = _reporting_subjects(anc), anc
        elif anc.pos_ == "NOUN" and has_word(anc, lex.reporting_nouns):
            owners = [c for c in anc.children if c.dep_ == POSS_DEP]
            found = owners or next((subjects(a) for a in anc.ancestors if a.pos_ in CLAUSE_POS), [])
            cue = anc
        else:
            continue
        if not any(t.lower_ in FIRST_PERSON for t in found):
            return found, cue
    return found, cue


def speech(tok: Token, so_far: Annotations, lex: Lexicon) -> Speech:
    """The statement ``tok`` is reported in, if any. The nearest reporting verb of the sentence
    names the speaker ("X announced it will ..., according to reports": X); the quotes layer
    links the quote and gives the speaker when the sentence has none ("..., he added.")."""
    n = _quote_at(so_far.quotes, tok.idx, tok.idx + len(tok.text))
    q = so_far.quotes[n] if n is not None else None
    heads, cue = _reporter(tok, lex)
    if heads:
        refs = _refs(heads, so_far)
        if q is not None and q.speaker and any(overlaps(r.span, q.speaker) for r in refs):
            refs = _speaker_of(q, so_far)  # the same speaker, with the quote's actor
        return Speech(n, refs, True, q.date if q else None, cue)
    if q is not None:
        return Speech(n, _speaker_of(q, so_far), True, q.date, cue)
    return NOT_REPORTED if heads is None else Speech(None, (), True, None, cue)


def first_person(refs: tuple[ActorRef, ...]) -> bool:
    """A side that is the speaker's "we" or "I" (not "US", which an actor resolves)."""
    return any(r.actor is None and r.text.lower() in FIRST_PERSON for r in refs)
