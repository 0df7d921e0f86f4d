"""Pronouns and bare role nouns that point back to a person named earlier.

The salience rule is simple on purpose, and it is what news prose mostly does:
- a pronoun ("he", "his") refers to a person mentioned earlier in its own sentence, the
  grammatical subject first ("Putin said after meeting his counterpart" -> Putin);
- failing that, to the person who was the subject of the nearest earlier sentence that names
  anyone (in news that is the last speaker: "..., Vogt said. 'We will see,' she added"), else to
  the last person named there, looking back at most ``LOOKBACK_SENTENCES`` sentences;
- a bare role ("the minister", "the Kenyan president") refers to the last person before it whose
  role has that word and whose country does not contradict the phrase's.
Gender is checked where the text tells it, never from first names (no list says them reliably):
titles and role words ("Ms", "spokeswoman", "King") and a pronoun that had only one person to
point to; "she" then skips a person known to be a man.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PRONOUN_POS = "PRON"
NEWLINE = "\n"
DOUBLE_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "\u201e", "''", "\u00ab", "\u00bb"})
# How far back a pronoun may reach. Four sentences covers a quote paragraph plus a caption or a
# dateline line between it and the speaker's sentence; further back, news repeats the name.
LOOKBACK_SENTENCES = 4


@dataclass(frozen=True)
class Seen:
    """One mention of a person: its head token, sentence number, person index, and whether it
    is the subject of its clause."""

    tok: int
    sent: int
    person: int
    subject: bool


def sentence_numbers(doc: Doc) -> list[int]:
    """The sentence number of every token (computed once per article)."""
    numbers = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            numbers[i] = k
    return numbers


def seen(tok: Token, sents: Sequence[int], person: int) -> Seen:
    return Seen(tok.i, sents[tok.i], person, tok.dep_ in SUBJECT_DEPS)


def _salient(candidates: Sequence[Seen]) -> int:
    subjects = [s for s in candidates if s.subject]
    return (subjects or candidates)[-1].person


def pronoun_antecedent(
    tok: Token,
    sents: Sequence[int],
    mentions: Sequence[Seen],
    agree: Callable[[int], int],
    quoted: Sequence[bool],
) -> tuple[int, bool] | None:
    """The person a third-person pronoun refers to, by the salience rule above, among the
    persons whose gender ``agree`` does not rule out (0: the words say the other gender, 1: they
    say nothing, 2: they say this one; a person known to agree is preferred); and whether that
    person was the only one in the sentence where the search stopped (then the pronoun tells
    the person's gender)."""
    here = sents[tok.i]
    before = [s for s in mentions if s.tok < tok.i]
    for back in range(here, max(-1, here - LOOKBACK_SENTENCES - 1), -1):
        there = [s for s in before if s.sent == back]
        if back == here and not quoted[tok.i]:
            # the reporter's pronoun is not a name inside a quotation closed before it in
            # its sentence ('"I admire Peter Vogt," he said')
            there = [s for s in there if not quoted[s.tok]]
        best = max((agree(s.person) for s in there), default=0)
        if best:
            chosen = _salient([s for s in there if agree(s.person) == best])
            return chosen, len({s.person for s in there}) == 1
    return None


def in_quotation(doc: Doc) -> list[bool]:
    """For every token, whether a quotation is open there in its paragraph (computed once per
    article): a pronoun inside one may stand for someone only the speaker knows ('"My son
    gave his life"'). Only double marks count: a single one is as often an apostrophe
    ("the farmers' market")."""
    inside: list[bool] = []
    marks = 0
    for t in doc:
        if t.is_space and NEWLINE in t.text:
            marks = 0
        inside.append(marks % 2 == 1)
        marks += t.text in DOUBLE_QUOTE_MARKS
    return inside


def role_antecedent(
    tok: Token, mentions: Sequence[Seen], fits: Callable[[int], bool]
) -> int | None:
    """The last person before ``tok`` that ``fits`` (role word and country agree)."""
    for s in reversed(mentions):
        if s.tok < tok.i and fits(s.person):
            return s.person
    return None


def is_person_pronoun(tok: Token, pronouns: frozenset[str]) -> bool:
    return tok.pos_ == PRONOUN_POS and tok.lower_ in pronouns
