"""Attribution frames read off the dependency parse: a cue, its speaker, and what it reports.

A frame is found six ways here, each a general construction of English news prose (``stance``
adds the frames of aims, attitudes and hedges):
- a reporting verb with a clausal complement ("officials said [that] the talks failed"), or a
  parenthetical one ("the talks, he said, failed");
- a speech-act verb whose object is what was said ("called for talks", "urged voters to ...");
- a multiword cue from the lexicon ("left no doubt that ...", "pointed out that ...");
- a speech act in the passive with its agent ("the plan was praised by the mayor");
- a reporting noun with a that-clause ("the claim that ...", "a warning that ...");
- a source preposition ("according to the police, three people died").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Token

from sitrep.annotate.quotes.cues import Cues
from sitrep.annotate.quotes.syntax import (
    ADVERBIAL_CLAUSE_DEP,
    AGENT_DEP,
    CLAUSAL_COMPLEMENT_DEP,
    COLON,
    COMMA,
    COMMON_NOUN_POS,
    CONJ_DEP,
    DASHES,
    FINITE_TAGS,
    GERUND_TAGS,
    INFINITIVE_MARKER_TAG,
    MARK_DEP,
    NAME_POS,
    NOUN_POS,
    OBJECT_DEP,
    PARTICLE_DEP,
    PREP_DEP,
    RELATIVE_DEP,
    SUBJECT_DEPS,
    VERB_POS,
    clause_words,
    continued,
    cue_span,
    cue_tokens,
    has_subject,
    has_that,
    infinitive_words,
    is_complementizer,
    names_a_time,
    passive_subject,
    speaker_of,
    speaker_span,
    token_runs,
)
from sitrep.model import QuoteKind, Spans
from sitrep.nlp import char_span

# Dependency labels used as rules (spaCy's English ClearNLP scheme).
COMPLEMENT_DEPS = ("ccomp", "parataxis")  # the clause a reporting verb reports
NOUN_COMPLEMENT_DEPS = ("acl", "ccomp", "advcl")  # a that-clause hanging off a noun or adjective
PARENTHETICAL_DEP = "parataxis"  # "the talks, he said, failed": the cue hangs off the content
POSSESSIVE_DEP = "poss"  # "Russia's claim that ..."
NOUN_OBJECT_DEP = "dobj"  # "voiced [concern] that ...": the verb's subject holds it
OBJECT_DEPS = ("dobj", "dative", "oprd", "xcomp")  # "called [the plan] [a failure]", "vowed [to]"
ADVERB_DEP = "advmod"  # "shows Smith [ahead]"
TOPIC_DEPS = ("pobj", "pcomp")  # "concern about [the plan]", "doubts about [running]"
PERSON_ENT = "PERSON"  # "attacked [Anna Berg]": a stance verb's object that makes it speech
REFLEXIVE_TAG = "PRP"
REFLEXIVE_ENDINGS = ("self", "selves")  # "defended [himself]"
NEGATION_DEP = "neg"
AS = "as"  # "saw the remark [as] a dig"
INFINITIVE_DEP = "xcomp"  # "urged voters [to stay home]"
PASSIVE_AUX_DEP = "auxpass"
NAMING_DEPS = ("acl", "amod")  # "a group called X": a participle that names, not a speech act
PRESENT_TAGS = ("VBZ", "VBP")  # simple present: what a naming verb describes is a habit
CLAUSE_BREAKS = (":", ";")  # "...: they said X" is a new statement, not a parenthetical
WH_TAGS = ("WRB", "WP", "WDT")  # "when", "what", "which" opening a clause
OPEN_WORDS = ("whether", "if")  # "questioned [whether] ...": an open question as content
PREP_COMPLEMENT_DEP = "pcomp"  # "according to [show] insiders": a misparsed object
DIRECT_OBJECT_DEP = "dobj"
COORDINATOR_DEP = "cc"
NAME_PART_DEPS = ("det", "compound", "amod", "nmod")  # "the [state] [highway] patrol"
ADJUNCT_DEPS = ("prep", "npadvmod", "advmod")  # "..., reported the patrol [on Sunday]"
SPEAKER_ENTITY_TYPES = ("PERSON", "ORG", "NORP", "GPE")  # names that can speak
ANSWER_DEPS = ("dobj", "intj", "advmod")  # "said [yes]", "said [so]", "said [the same]"
HEARER_DEPS = ("dobj", "dative")  # "told [an audience] that ..."
FILLED_DEPS = ("dobj", "attr", "acomp", "ccomp", "xcomp", "oprd")  # no gap for "that" to fill
SENTENCE_ENDS = (".", "!", "?")
EITHER_SIDE = (1, -1)  # where a cue's complement is looked for: after it, else before it
BEFORE = (-1,)
PARAGRAPH_BREAK = "\n"
CLAIM_POS = (*VERB_POS, *NOUN_POS, "ADJ", "NUM")  # words that can carry what a source says


@dataclass(frozen=True)
class Frame:
    """One attribution. ``content`` is empty when the cue only stands beside a direct quote."""

    cue: Spans
    speaker: Spans | None
    content: Spans
    at: int  # character offset of the cue's head word


@dataclass(frozen=True)
class Found:
    """A quote before it becomes a record: content pieces, cue, speaker, kind."""

    content: Spans
    cue: Spans | None
    speaker: Spans | None
    kind: QuoteKind


def verb_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """Reporting verbs with a clausal complement, or hanging off the clause they report."""
    cue_words = {t.i for t in cue_tokens(doc, cues)}
    for tok in cue_tokens(doc, cues):
        if tok.pos_ not in VERB_POS:
            continue
        if cues.lemma(tok) not in cues.clausal and not _opened_clause(tok, cues):
            continue
        # the subject after the cue, when the attribution is inverted ("..., said Anna Berg")
        inverted = _inverted_speaker(tok)
        reported = _complement(tok, cues, BEFORE if inverted is not None else EITHER_SIDE)
        if reported:
            content = token_runs(reported)
            if inverted is None and max(t.i for t in reported) < tok.i:
                content += token_runs(_continued(tok, cues, cue_words))
        elif cues.lemma(tok) in cues.speech and _parenthetical(tok):
            tail = {t.i for t in _continued(tok, cues, cue_words)}
            inner = {t.i for t in _attribution_words(tok)} - tail
            content = token_runs(t for t in tok.sent.root.subtree if t.i not in inner)
        elif _as_clause(tok):
            content = _as_content(tok)
        elif cues.lemma(tok) in cues.speech and (answer := _answer(tok, cues)) is not None:
            content = token_runs(answer.subtree)
        elif cues.lemma(tok) in cues.speech and (after := _inverted_subject(tok)) is not None:
            content = token_runs(tok.doc[tok.sent.start : tok.i - 1])
            inverted = after
        else:
            continue
        if content:
            speaker = speaker_span(inverted) if inverted is not None else speaker_of(tok, cues)
            yield Frame(cue_span(tok), speaker, content, tok.idx)


def _continued(cue: Token, cues: Cues, cue_words: set[int]) -> list[Token]:
    """The rest of a sentence that an attribution set off by commas interrupts, when it opens
    with a word that carries on a statement ("The vote will be close, she said, because
    turnout is low"; "..., they said, including ..."). Words after an attribution more often
    tell how, when or where the speaker spoke ("..., he said, on Monday", "..., shaking his
    head", "..., through an interpreter"), so only the ``continuations`` of the lexicon open
    one; and none that holds another cue (``cue_words``)."""
    doc, end = cue.doc, cue.sent.end
    if cue.i + 2 >= end or doc[cue.i + 1].text != COMMA or not has_subject(cue):
        return []
    words = [t for t in doc[cue.i + 2 : end] if not t.is_space]
    while words and words[-1].is_punct and not words[-1].is_quote:
        words.pop()
    if not words or words[0].lower_ not in cues.continuations:
        return []
    if any(t.i in cue_words or cues.lemma(t) in cues.clausal for t in words):
        return []  # another attribution, or the speaker's next act of speech
    return words


def _answer(cue: Token, cues: Cues) -> Token | None:
    """A word standing for a whole statement after a speech verb with no clause ("said yes",
    "said so", "said the same of the mayor"): what was said, by reference."""
    return next(
        (
            c
            for c in cue.children
            if c.i > cue.i and c.dep_ in ANSWER_DEPS and c.lower_ in cues.answers
        ),
        None,
    )


def _inverted_subject(cue: Token) -> Token | None:
    """The subject of an inverted attribution closing its sentence after a comma ("...,
    said Anna Berg, a pollster."), when the parser failed to hang the clause before it on the
    cue (the sentence before the comma is then what was said, and a subject the parser put
    there is none)."""
    kids = list(cue.children)
    if (
        cue.i - 1 <= cue.sent.start
        or cue.doc[cue.i - 1].text != COMMA
        or any(c.dep_ in COMPLEMENT_DEPS for c in kids)
    ):
        return None
    subject = next((c for c in kids if c.dep_ in SUBJECT_DEPS and c.i > cue.i), None)
    return subject if subject is not None else _inverted_object(cue)


def _inverted_object(cue: Token) -> Token | None:
    """The speaker of an inverted attribution that the parser read as the cue's object
    ("..., reported the Transit Authority."; "..., announced Reuters on Sunday."): a tensed cue
    after a comma, with no subject and no conjunction of its own, whose object is a bare name
    of a person, group or place closing the sentence. A verb of saying with its clause before
    it takes no such object, so the name is who spoke. A common noun there may be a true
    object of a second verb ("She lost the vote, announced the merger"), and a participle
    ("..., accusing her rival") or a coordinated verb ("..., and announced a plan") is never
    inverted."""
    doc = cue.doc
    if (
        cue.tag_ not in FINITE_TAGS
        or cue.i - 1 <= cue.sent.start
        or not _after_comma(doc, cue.i)
        or has_subject(cue)
        or any(
            t.dep_ == COORDINATOR_DEP
            for t in doc[cue.head.i : cue.i + 1]
            if t.head in (cue, cue.head)
        )
    ):
        return None
    obj = next((c for c in cue.children if c.dep_ == DIRECT_OBJECT_DEP and c.i > cue.i), None)
    if (
        obj is None
        or obj.pos_ not in (COMMON_NOUN_POS, NAME_POS)
        or any(c.dep_ not in NAME_PART_DEPS and c.dep_ != RELATIVE_DEP for c in obj.children)
        or obj.ent_type_ not in SPEAKER_ENTITY_TYPES
    ):
        return None
    closing = {
        t.i for c in cue.children if c.i > obj.i and c.dep_ in ADJUNCT_DEPS for t in c.subtree
    }
    rest = doc[obj.right_edge.i + 1 : cue.sent.end]
    return obj if all(t.is_punct or t.is_space or t.i in closing for t in rest) else None


def _after_comma(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a comma, or a closing quote mark after one ('...,” added
    ...')."""
    before = doc[i - 1]
    if before.text == COMMA:
        return True
    return before.is_quote and i > 1 and doc[i - 2].text == COMMA


def _inverted_speaker(cue: Token) -> Token | None:
    """The speaker of an inverted attribution after its clause that the parser read as a
    clause of its own ('"...," said the farmer, who ...': "farmer" the subject of the relative
    clause's verb; "..., said Anna Berg, half joking"): the subject of a complement that opens
    right after a cue with none of its own, when another complement ends before the cue and
    a comma sets the subject off from that verb. Without the comma the complement is what was
    said, and the one before the cue a subject the parser misread ("One aide, who spoke on
    condition of anonymity, said the plan was dead")."""
    doc, kids = cue.doc, list(cue.children)
    if cue.i == 0 or not doc[cue.i - 1].is_punct or has_subject(cue):
        return None
    comps = [c for c in kids if c.dep_ in COMPLEMENT_DEPS]
    if not any(c.i < cue.i for c in comps):
        return None
    after = next((c for c in comps if c.i > cue.i), None)
    if after is None:
        return _inverted_object(cue)
    subject = next(
        (c for c in after.children if c.dep_ in SUBJECT_DEPS and c.left_edge.i == cue.i + 1),
        None,
    )
    if subject is None or not any(t.text == COMMA for t in doc[subject.i : after.i]):
        return None
    return subject


def _as_clause(cue: Token) -> bool:
    """An "as" clause of saying with nothing said in it ("As the mayor noted, the bridge is
    old"; "Taxes, as she said, will rise"): it attributes the clause it hangs on."""
    kids = list(cue.children)
    return (
        cue.dep_ == ADVERBIAL_CLAUSE_DEP
        and any(c.dep_ == MARK_DEP and c.lower_ == AS for c in kids)
        and has_subject(cue)
        and not any(c.dep_ in OBJECT_DEPS or c.dep_ in COMPLEMENT_DEPS for c in kids)
    )


def _as_content(cue: Token) -> Spans:
    """What an "as" clause attributes: the clause it hangs on, without the "as" clause."""
    inner = {t.i for t in cue.subtree}
    return token_runs(t for t in cue.head.subtree if t.i not in inner)


def _opened_clause(cue: Token, cues: Cues) -> bool:
    """A speech-act verb with a clause opened by "that", "whether" or a wh-word after it
    ("disputed that she was ill", "questioned whether he was ready"): the clause is what the
    act was about. A bare clause after such a verb is mostly a misparse ("want they want")."""
    if cues.lemma(cue) not in cues.objects:
        return False
    return any(
        c.dep_ in COMPLEMENT_DEPS
        and c.i > cue.i
        and (has_that(c) or c.left_edge.tag_ in WH_TAGS or c.left_edge.lower_ in OPEN_WORDS)
        for c in cue.children
    )


def _attribution_words(cue: Token) -> list[Token]:
    """A parenthetical cue's own words: its subtree from its subject on. What the parser
    hung on it before the subject is a piece of the sentence it reports ("To see the plan,
    she said, one must visit": "To see the plan" is said)."""
    subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS and c.i < cue.i), None)
    start = subject.left_edge.i if subject is not None else cue.left_edge.i
    return [t for t in cue.subtree if t.i >= start]


def _parenthetical(cue: Token) -> bool:
    """An attribution set off inside or after the sentence it reports ("The talks, he said,
    failed"; "The talks failed, he said."): it then reports the whole sentence. One after a
    colon or semicolon opens a statement of its own instead."""
    if cue.dep_ != PARENTHETICAL_DEP:
        return False
    words = [t for t in _attribution_words(cue) if not t.is_punct]
    doc, left, right = cue.doc, words[0].i, words[-1].i
    set_off = left > 0 and doc[left - 1].is_punct and doc[left - 1].text not in CLAUSE_BREAKS
    return set_off and (right + 1 == len(doc) or doc[right + 1].is_punct)


def _complement(cue: Token, cues: Cues, sides: tuple[int, ...]) -> list[Token]:
    """What a reporting verb's complement clauses say, on one side of the cue: after it when
    anything is there ("she said [that] ..."), else before it ("..., she said"); ``sides``
    narrows that to before it when what follows is the speaker. A semicolon
    ends a statement, so words across one from the cue are not its content, whatever the
    parser hung on it."""
    comps = [
        c
        for c in cue.children
        if (c.dep_ in COMPLEMENT_DEPS or _misparsed_clause(cue, c, cues))
        and not _attribution_of(c, cues)
    ]
    if not comps:
        comps = _that_relative(cue)
    if not comps:
        return []
    comps = sorted({*comps, *_subject_as_object(cue, comps, cues)}, key=lambda c: c.i)
    ahead = _conjoined_ahead(cue, comps)
    lo = min(cue.i, comps[0].left_edge.i, *(t.i for t in ahead[:1]))
    hi = max(cue.i, comps[-1].right_edge.i)
    # the semicolon nearest to the cue on each side bounds what it can report
    stops = [t.i for t in cue.doc[lo:hi] if t.text == ";"]
    left = max((j for j in stops if j < cue.i), default=lo - 1)
    right = min((j for j in stops if j > cue.i), default=hi + 1)
    for side in sides:
        words = [t for c in comps if (c.i - cue.i) * side > 0 for t in clause_words(c, cues)]
        words = [t for t in (ahead if side < 0 else []) + words if left < t.i < right]
        if any(not t.is_punct for t in words):
            return words
    return []


def _conjoined_ahead(cue: Token, comps: list[Token]) -> list[Token]:
    """The clause a closing attribution was conjoined to, before the one it reports ("Three
    hikers drowned and 20 were rescued, the coast guard reported": the parser made "reported"
    a conjunct of "drowned" and "were rescued" its complement). The attribution, set off by a
    comma, covers both."""
    head, first = cue.head, comps[0]
    subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), None)
    if (
        cue.dep_ != CONJ_DEP
        or first.i > cue.i
        or head.i > first.left_edge.i
        or head.pos_ not in VERB_POS
        or subject is None
        or subject.i < first.i
        or cue.doc[subject.left_edge.i - 1].text != COMMA
    ):
        return []
    return [t for t in head.subtree if t.i < first.left_edge.i]


def _subject_as_object(cue: Token, comps: list[Token], cues: Cues) -> list[Token]:
    """The subject of a reported clause that the parser made the cue's object ("felt [her
    tone in the debate] was too harsh", "suggest [a rival] might win"): an object between
    the cue and a complement clause with no subject of its own, with what the parser hung on
    the cue between the two."""
    comp = next((c for c in comps if c.i > cue.i and c.dep_ == CLAUSAL_COMPLEMENT_DEP), None)
    if comp is None or has_subject(comp):
        return []
    obj = next(
        (c for c in cue.children if c.dep_ == NOUN_OBJECT_DEP and cue.i < c.i < comp.i), None
    )
    if obj is None:
        return []
    return [c for c in cue.children if obj.i <= c.i < comp.i and not _attribution_of(c, cues)]


def _attribution_of(child: Token, cues: Cues) -> bool:
    """A parenthetical speech verb hanging off the clause it attributes ("Back home, she
    said, he decided to run"): the attribution of the cue's clause, not what the cue reports."""
    return cues.lemma(child) in cues.speech and _parenthetical(child)


def _that_relative(cue: Token) -> list[Token]:
    """A reported clause the parser read as a relative clause of the cue's object ("told an
    audience of bankers [that he wants ...]") or of a noun in an adverbial after the cue
    ("said in one of her posts [that the council ...]"): opened by "that" as a
    complementizer and with a subject and an object or complement of its own, where a
    relative clause on "that" has a gap ("told the workers that she met")."""
    for obj in cue.children:
        if obj.dep_ not in (*HEARER_DEPS, PREP_DEP) or obj.i < cue.i:
            continue
        for t in obj.subtree:
            kids = list(t.children)
            if (
                t.dep_ == RELATIVE_DEP
                and any(is_complementizer(c) for c in kids)
                and has_subject(t)
                and any(c.dep_ in FILLED_DEPS for c in kids)
            ):
                return [t]
    return []


def _misparsed_clause(cue: Token, child: Token, cues: Cues) -> bool:
    """A reported clause the parser hung off a speech verb as an adverbial: opened by "that"
    after an adverbial of its own ("tweeted in the early hours that ..."), by "if" or
    "whether" after a verb of asking ("asked him if he would run"), or a bare clause
    with a subject of its own ("said after the meeting he would resign"); or one whose
    gerund subject the parser read as the verb's complement, hanging the clause under it
    ("say [taxing] sugar encourages ..."). A clause opened by a conjunction or a wh-word
    ("said when ...", "said before he left") is the writer's, unless the verb is negated:
    what a speaker has not said is an open question ("has not said where the talks will be
    held")."""
    if child.dep_ == INFINITIVE_DEP and child.tag_ in GERUND_TAGS and child.i > cue.i:
        return any(c.dep_ in COMPLEMENT_DEPS for c in child.children)
    if child.dep_ not in NOUN_COMPLEMENT_DEPS or child.i < cue.i:
        return False
    if has_that(child):
        return True
    if cues.lemma(cue) in cues.questions and child.left_edge.lower_ in OPEN_WORDS:
        return True  # "asked the mayor [if] he would run": the question, not a condition
    bare = cues.lemma(cue) in cues.speech and child.dep_ == ADVERBIAL_CLAUSE_DEP
    opener = child.left_edge
    if bare and opener.tag_ in WH_TAGS:
        return any(c.dep_ == NEGATION_DEP for c in cue.children)
    return (
        bare
        and has_subject(child)
        and not any(c.dep_ == MARK_DEP for c in child.children)
        and not opener.is_punct
    )


def _occurrences(words: Sequence[str], seqs: Iterable[tuple[str, ...]]) -> Iterator[range]:
    """Where each word sequence of ``seqs`` occurs in ``words``, as token index ranges."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        by_first.setdefault(seq[0], []).append(seq)
    for i, word in enumerate(words):
        for seq in by_first.get(word, ()):
            if tuple(words[i : i + len(seq)]) == seq:
                yield range(i, i + len(seq))


def _object_parts(tok: Token, cues: Cues) -> tuple[list[Token], list[Token]]:
    """(cue words, the dependents that say what was said) of a speech-act verb, or no parts:
    object and predicate ("called [the plan] [a failure]"), object and infinitive for a request
    ("urged [voters] [to stay home]"), the object of a lexicon preposition ("called for
    [talks]", where the preposition joins the cue), object and "as" for a verb of construal
    ("saw [the remark] [as a dig]"), or the object of a preposition that names what any
    reporting verb or request is about ("bragged about [his polls]", "asked him about [it]")."""
    lemma = cues.lemma(tok)
    after = [c for c in tok.children if c.i > tok.i]
    objs = [
        c
        for c in after
        if (c.dep_ in OBJECT_DEPS or _subject_infinitive(c))
        and not _set_off(c)
        and not names_a_time(c)
    ]
    preps = [c for c in after if c.dep_ == PREP_DEP]
    topic = next((p for p in preps if p.lower_ in cues.verb_topic_preps), None)
    if lemma in cues.requests:
        if any(c.dep_ == INFINITIVE_DEP for c in objs):
            return [tok], objs
        return ([tok, topic], list(topic.children)) if topic is not None else ([tok], [])
    if preps and (lemma, preps[0].lower_) in cues.object_preps:
        said = [*preps[0].children, *objs]  # "referred to [X] [as Y]"
        return [tok, preps[0]], said + _adjacent([preps[0]], preps[1:], cues)
    marked = _prep_clause(tok, after, cues)
    if marked is not None:
        return [tok, marked[0]], [marked[1]]  # "called for [the city to act]"
    habit = lemma in cues.naming and tok.tag_ in PRESENT_TAGS and _quoted_label(tok)
    if habit and not _named_subject(tok):
        return [tok], []  # "the group calls its men “martyrs”": a habit of naming
    if lemma in cues.objects and objs:
        held = _topic_of(objs, cues)
        if held is not None:
            return [tok, *held], list(held[1].children)
        return [tok], objs + _adjacent(objs, preps, cues)
    if lemma in cues.stances and objs and _position(objs[0], cues):
        return [tok], objs + _adjacent(objs, preps, cues)  # "attacked [her rival] [for ...]"
    if lemma in cues.construals and objs and any(p.lower_ == AS for p in preps):
        return [tok], objs + _adjacent(objs, preps, cues)  # "saw [the remark] [as a dig]"
    if topic is not None and lemma in cues.framing:
        return [tok, topic], list(topic.children)  # "bragged [about] his polls"
    return [tok], []


def _prep_clause(tok: Token, after: list[Token], cues: Cues) -> tuple[Token, Token] | None:
    """(preposition, clause) when the parser read a lexicon preposition right after the verb
    as the marker of a clause ("called [for] the city to act", "appealed [for] both sides to
    talk"): the preposition joins the cue and the clause says what was asked."""
    lemma = cues.lemma(tok)
    for c in after:
        first = c.left_edge
        if (
            c.dep_ == ADVERBIAL_CLAUSE_DEP
            and first.dep_ == MARK_DEP
            and first.head == c
            and first.i == tok.i + 1
            and (lemma, first.lower_) in cues.object_preps
        ):
            return first, c
    return None


def _subject_infinitive(tok: Token) -> bool:
    """An infinitive clause with a subject of its own ("wants [the city to close the plant]"),
    which the parser hangs on the verb as a clause: what is wanted or demanded, as an object."""
    kids = list(tok.children)
    return (
        tok.dep_ in COMPLEMENT_DEPS
        and any(c.dep_ in SUBJECT_DEPS and c.i < tok.i for c in kids)
        and any(c.tag_ == INFINITIVE_MARKER_TAG and c.i < tok.i for c in kids)
    )


def _position(obj: Token, cues: Cues) -> bool:
    """Whether a stance verb's object makes it a speech act: a person by name ("attacked
    Anna Berg"), the subject itself ("defended himself"), or a noun of a position or a
    statement ("backed the plan", "defended his remarks"). A place, a force or a thing
    ("attacked the convoy", "defended the town") is the physical act."""
    return (
        obj.ent_type_ == PERSON_ENT
        or _quoted(obj)
        or (obj.tag_ == REFLEXIVE_TAG and obj.lower_.endswith(REFLEXIVE_ENDINGS))
        or cues.lemma(obj) in cues.stance_objects
    )


def _quoted(phrase: Token) -> bool:
    """Whether a phrase opens with a quote mark, its own or one just before it."""
    first = phrase.left_edge
    return first.is_quote or (first.i > 0 and phrase.doc[first.i - 1].is_quote)


def _topic_of(objs: list[Token], cues: Cues) -> tuple[Token, Token] | None:
    """(noun, preposition) when the one object is a common noun with its topic ("expressed
    concern [about] the plan", "voiced outrage [over] the vote"): the noun names the attitude
    and joins the cue, and the topic is what it is held about, as attribution corpora mark it.
    """
    if len(objs) != 1 or objs[0].pos_ != COMMON_NOUN_POS or objs[0].dep_ != NOUN_OBJECT_DEP:
        return None
    prep = next(
        (c for c in objs[0].children if c.dep_ == PREP_DEP and c.lower_ in cues.noun_topic_preps),
        None,
    )
    if prep is None or not any(c.dep_ in TOPIC_DEPS for c in prep.children):
        return None
    return objs[0], prep


def _set_off(tok: Token) -> bool:
    """A phrase set off by a dash ("called for talks -- a demand they rejected"): the
    writer's gloss on what was said, whatever the parser hung it on."""
    left = tok.left_edge.i
    return left > 0 and tok.doc[left - 1].text in DASHES


def _named_subject(tok: Token) -> bool:
    """Whether a verb's subject is a name: a person or body named in the present tense of a
    naming verb is a headline's statement ("Berg Calls Tax Plan “A Disaster”"), where a
    common noun names a group's habit ("the rebels call their men “lions”")."""
    return any(c.dep_ in SUBJECT_DEPS and c.pos_ == NAME_POS for c in tok.children)


def _quoted_label(tok: Token) -> bool:
    """True when the clause of ``tok`` puts a name in quote marks after the verb."""
    return any(t.is_quote for t in tok.subtree if t.i > tok.i)


def _adjacent(objs: list[Token], preps: list[Token], cues: Cues) -> list[Token]:
    """The prepositional phrases and adverbs that follow the object directly ("blasted him
    [for ...]", "described it [as ...]", "shows Smith [ahead] [by five points]"); after a gap,
    or opened by a preposition of time or place ("during a stop in Flint"), they are the
    writer's adverbials."""
    end = max(o.right_edge.i for o in objs)
    verb = objs[0].head
    after = [
        c
        for c in verb.children
        if c.i > end and (c.dep_ == ADVERB_DEP or c in preps or _adverbial_infinitive(c))
    ]
    kept: list[Token] = []
    for p in after:
        if p.left_edge.i != end + 1 or p.lower_ in cues.adverbial_preps:
            break
        kept.append(p)
        end = p.right_edge.i
    return kept


def object_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """Speech acts whose object says what was said; a verb with a clausal complement is a verb
    frame, and a participle naming a thing ("a group called X") or a passive is no speech."""
    for tok in cue_tokens(doc, cues):
        if tok.pos_ != "VERB" or tok.dep_ in NAMING_DEPS or _adverbial_infinitive(tok):
            continue
        if any(
            (c.dep_ in COMPLEMENT_DEPS and not _subject_infinitive(c)) or c.dep_ == PASSIVE_AUX_DEP
            for c in tok.children
        ):
            continue
        if cues.lemma(tok) in cues.speech and _inverted_subject(tok) is not None:
            continue  # "..., reported the Transit Authority": the object is who spoke
        words, parts = _object_parts(tok, cues)
        if any(_noun_with_clause(c, cues) for c in parts):
            continue  # "voiced concern that ...": the noun frames what was said
        content = token_runs(t for c in parts for t in _part_words(tok, c, cues) if t not in words)
        if content:
            particles = [c for c in tok.children if c.dep_ == PARTICLE_DEP]
            yield Frame(token_runs([*words, *particles]), speaker_of(tok, cues), content, tok.idx)


def _part_words(verb: Token, part: Token, cues: Cues) -> list[Token]:
    if part.dep_ == INFINITIVE_DEP and part.head == verb:
        return infinitive_words(verb, part, cues)  # "vowed [to cut X and raise Y]"
    if part.tag_ in GERUND_TAGS or part.left_edge.tag_ in GERUND_TAGS:
        return continued(verb, clause_words(part, cues), GERUND_TAGS)
    return _without_trailing_relative(clause_words(part, cues))


def _without_trailing_relative(words: list[Token]) -> list[Token]:
    """A speech act's object without a relative clause set off by a comma at its end
    ("likened the tax to a toll, which drivers hate"): the writer's gloss on the thing named,
    not part of the act. A reported clause keeps one (it is often part of the statement)."""
    last = max((t.i for t in words if not t.is_punct), default=-1)
    for t in words:
        if t.dep_ == RELATIVE_DEP and t.right_edge.i >= last and t.left_edge.i > words[0].i:
            before = t.doc[t.left_edge.i - 1]
            if before.text == COMMA and before.i > words[0].i:
                return [x for x in words if x.i < before.i]
    return words


def _adverbial_infinitive(tok: Token) -> bool:
    """A to-infinitive hung on a verb as an adverbial. As a cue it is an aim of the clause
    above it, not a speech act ("sent troops [to defend] the city"); after a speech act's
    object it is one the parser hung on the verb rather than on the object, and goes on with
    what was said ("cited her calls [to ban] imports")."""
    return tok.dep_ == ADVERBIAL_CLAUSE_DEP and any(
        c.tag_ == INFINITIVE_MARKER_TAG and c.i < tok.i for c in tok.children
    )


def _noun_with_clause(tok: Token, cues: Cues) -> bool:
    """A reporting noun with its that-clause ("concern that ..."), which a noun frame reports."""
    return cues.lemma(tok) in cues.nouns and any(
        c.dep_ in NOUN_COMPLEMENT_DEPS and has_that(c) for c in tok.children
    )


def passive_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """A speech act in the passive with its agent ("the plan was praised by the mayor", "the
    story was first reported by the Post"): the subject is what was said, the agent says it."""
    for tok in cue_tokens(doc, cues):
        lemma = cues.lemma(tok)
        if tok.pos_ != "VERB" or (lemma not in cues.objects and lemma not in cues.speech):
            continue
        if not any(c.dep_ == AGENT_DEP for c in tok.children):
            continue
        subj = passive_subject(tok, cues)
        if subj is None:
            continue
        content = token_runs(clause_words(subj, cues))
        if content:
            yield Frame(cue_span(tok), speaker_of(tok, cues), content, tok.idx)


def _that_clause(heads: Iterable[Token]) -> Token | None:
    """A complement clause under any of ``heads``: a ccomp or parataxis, or a clause opened
    by "that"."""
    for head in heads:
        for child in head.children:
            if child.dep_ in COMPLEMENT_DEPS or (
                child.dep_ in NOUN_COMPLEMENT_DEPS and has_that(child)
            ):
                return child
    return None


def phrase_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """Multiword cues of the lexicon ("left no doubt that ..."): the clause under any of the
    cue's words is the content, the subject of its first word the speaker."""
    lemmas = [cues.lemma(t) for t in doc]
    for found in _occurrences(lemmas, cues.phrases):
        words = [doc[i] for i in found]
        clause = _that_clause(words)
        if clause is not None:
            content = token_runs(clause_words(clause, cues))
        elif _as_clause(words[0]):
            content = _as_content(words[0])  # "as she pointed out, ..."
        else:
            continue
        yield Frame(token_runs(words), speaker_of(words[0], cues), content, words[0].idx)


def noun_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """Reporting nouns with a that-clause; the speaker is the possessor ("Russia's claim")."""
    for tok in cue_tokens(doc, cues):
        if tok.pos_ != "NOUN" or cues.lemma(tok) not in cues.nouns:
            continue
        clause = next(
            (c for c in tok.children if c.dep_ in NOUN_COMPLEMENT_DEPS and has_that(c)), None
        )
        if clause is None:
            continue
        content = token_runs(clause_words(clause, cues))
        yield Frame(char_span(tok), noun_speaker(tok, cues), content, tok.idx)


def noun_speaker(noun: Token, cues: Cues) -> Spans | None:
    """Whose claim, decision or fear a noun reports: its possessor ("Russia's claim"), else the
    subject of the verb it is the object of ("X voiced concern that ...", "X made a decision
    to ...")."""
    poss = next((c for c in noun.children if c.dep_ == POSSESSIVE_DEP), None)
    if poss is not None:
        return speaker_span(poss)
    if noun.dep_ == NOUN_OBJECT_DEP and noun.head.pos_ in VERB_POS:
        return speaker_of(noun.head, cues)
    return None


def source_frames(doc: Doc, cues: Cues) -> Iterator[Frame]:
    """ "According to X, ...": X speaks, and the clause the phrase modifies is the content."""
    for found in _occurrences([t.lower_ for t in doc], cues.sources):
        first, last = doc[found.start], doc[found.stop - 1]
        obj = next((c for c in last.children if c.dep_ == OBJECT_DEP), None)
        if obj is None:
            obj = next((c for c in last.children if c.dep_ == PREP_COMPLEMENT_DEP), None)
        clause = first.head
        while clause.pos_ not in VERB_POS and clause.head != clause:
            clause = clause.head
        if obj is None:
            continue
        phrase = {t.i for t in first.subtree} | set(found)
        speaker = speaker_span(obj)
        if first.head == first:
            rooted = _rooted_source(first, obj)
            phrase, speaker = set(rooted), token_runs(doc[found.stop : rooted.stop])
        whole = _sets_off_sentence(first, max(phrase)) or _hung_ahead(first, clause, max(phrase))
        words = [t for t in (first.sent if whole else clause.subtree) if t.i not in phrase]
        content = token_runs(words)
        # "According to X, basically.": a content of adverbs and marks says nothing
        if content and any(t.pos_ in CLAIM_POS for t in words):
            yield Frame(token_runs(doc[i] for i in found), speaker, content, first.idx)


def _rooted_source(first: Token, obj: Token) -> range:
    """The words of a source phrase the parser made the root of its sentence ("According to
    X, the deal reeks of weakness" with "reeks" read as a noun in apposition to X): its
    subtree is the whole sentence, so the phrase ends at a comma after its object, past any
    verbless stretch set off by commas ("According to Ana Ruiz, the mayor, ...", "the mayor
    of Springfield, Ohio, ...")."""
    doc, end = first.doc, obj.right_edge.i + 1
    commas = [t.i for t in doc[obj.i + 1 : end] if t.text == COMMA]
    stop = commas[0] if commas else end
    for here, there in pairwise(commas):
        if here != stop or any(t.pos_ in VERB_POS for t in doc[here + 1 : there]):
            break
        stop = there
    return range(first.i, stop)


def _through_colon(doc: Doc, text: str, frame: Frame) -> Frame:
    """A reported clause that stops at a colon goes on to the end of its sentence ("X notes
    that three things happen at once: prices rise, ..."): what follows the colon spells out
    what was said, and attribution corpora count it in. Only for a cue before its content: a
    colon after a content that precedes its cue opens the writer's next statement."""
    if not frame.content or frame.at > frame.content[0][0]:
        return frame
    start, end = frame.content[-1]
    colon = end
    while colon < len(text) and text[colon] in " \t":
        colon += 1
    if colon >= len(text) or text[colon] != COLON:
        return frame
    span = doc.char_span(colon, colon + 1)
    if span is None:
        return frame
    rest: list[Token] = []
    for tok in doc[span.end :]:
        if PARAGRAPH_BREAK in tok.text:
            break
        rest.append(tok)
        if tok.text in SENTENCE_ENDS or PARAGRAPH_BREAK in tok.whitespace_:
            break
    words = token_runs(rest)
    if not words:
        return frame
    return Frame(frame.cue, frame.speaker, (*frame.content[:-1], (start, words[-1][1])), frame.at)


def _sets_off_sentence(first: Token, last: int) -> bool:
    """Whether a source phrase (words ``first.i`` to ``last``) opens or closes its sentence,
    set off by a comma ("According to X, ...", "..., according to X."): it then attributes
    the whole sentence, whatever clause the parser hung it on."""
    doc, sent = first.doc, first.sent
    before = [t for t in doc[sent.start : first.i] if not (t.is_punct or t.is_space)]
    after = [t for t in doc[last + 1 : sent.end] if not (t.is_punct or t.is_space)]
    opens = not before and last + 1 < sent.end and doc[last + 1].text == ","
    closes = not after and first.i > sent.start and doc[first.i - 1].text == ","
    return opens or closes


def _hung_ahead(first: Token, clause: Token, last: int) -> bool:
    """Whether the parser hung a source phrase (words ``first.i`` to ``last``) set off by a
    comma on a verb after it: one inside the sentence ("Prices, according to the survey,
    rose"), or a misparse that takes the words after the source for a clause of their own
    ("... misled investors, according to three people who spoke to the Journal but were not
    cleared to discuss it": "cleared" conjoined to "probing"). Either way the phrase
    attributes the whole sentence."""
    doc = first.doc
    return first.i > first.sent.start and doc[first.i - 1].text == COMMA and clause.i > last


Finder = Callable[[Doc, Cues], Iterator[Frame]]
# The finders of this module, in order of precedence: a multiword cue wins over the single verb
# inside it, a source preposition over the verb of the clause it modifies.
FINDERS: tuple[Finder, ...] = (
    phrase_frames, source_frames, verb_frames, object_frames, passive_frames, noun_frames,
)  # fmt: skip


def find_frames(doc: Doc, cues: Cues, finders: Sequence[Finder]) -> list[Frame]:
    """Every frame of the article, one per content span: the first finder to report a content
    keeps it."""
    frames: list[Frame] = []
    seen: set[Spans] = set()
    text = doc.text  # spaCy joins every token to make it: once per article, not per frame
    for finder in finders:
        for frame in finder(doc, cues):
            frame = _through_colon(doc, text, frame)
            if frame.content not in seen:
                seen.add(frame.content)
                frames.append(frame)
    return frames
