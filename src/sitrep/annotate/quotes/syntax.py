"""The grammar of attribution shared by the quote finders: which words a reported clause
spans, and who its speaker is.

A reported clause keeps its complementizer ("that ...", as news attribution corpora count it)
and loses what frames it rather than says it: a reporting verb conjoined to it (a statement of
its own) and a trailing gloss set off by a comma (an apposition, or a modifier that attributes
something itself). The speaker is the subject of the cue, found by climbing from a participle or
a coordinated verb to the clause that has one ("..., saying that ...", "responded by saying ...").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from sitrep.annotate.quotes.cues import Cues
from sitrep.annotate.times.words import words as time_words
from sitrep.model import Spans

# Dependency labels used as rules (spaCy's English ClearNLP scheme).
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
PASSIVE_SUBJECT_DEP = "nsubjpass"
AGENT_DEP = "agent"  # "was announced by the ministry"
OBJECT_DEP = "pobj"
MARK_DEP = "mark"
CLAUSE_CUT_DEPS = ("relcl", "acl", "advcl")  # not part of a speaker's name
NONRESTRICTIVE_DEPS = ("relcl", "appos", "acl", "advcl")  # after a comma: a gloss
CONJ_DEP = "conj"
CLAUSAL_COMPLEMENT_DEP = "ccomp"
PARTICLE_DEP = "prt"  # "pointed [out]"
PREP_DEP = "prep"  # "called [for] talks"
ADVERBIAL_CLAUSE_DEP = "advcl"
PARTICIPLE_TAG = "VBN"
AUX_DEPS = ("aux", "auxpass")
RELATIVE_DEP = "relcl"
NAME_POS = "PROPN"
WHO = "who"  # "..., Anna Berg, [who] ran in 2012": a person introduced by the writer
# What a conjoined reporting verb must govern to be a statement of its own ("and [suggested]
# that ..."), not a participle in a coordination ("a costly and well-[known] flaw").
REPORTED_DEPS = ("ccomp", "xcomp", "dobj", "parataxis", "prep", "dative")
OWN_CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")  # "and [refused] to answer": said on its own
BASE_FORM_TAGS = ("VB", "VBP")  # "to [grow]", "and [create]" (VBP: a base form misread)
GERUND_TAGS = ("VBG",)  # "mentioned [cutting] X and [raising] Y"
LINK_DEPS = ("cc", "punct")  # "and", "," before a conjoined clause
APPOSITION_DEP = "appos"
COMMON_NOUN_POS = "NOUN"  # "expressed [concern] about ...", not a name
FINITE_TAGS = ("VBD", "VBZ")  # "celebrated", "celebrates": tensed, never an infinitive
BASE_TAG = "VB"  # "to [keep]"
INFINITIVE_MARKER_TAG = "TO"  # "to" before an infinitive
INDEFINITE_ARTICLES = ("a", "an")
COMMA = ","
COLON = ":"  # "... notes that three things happen at once: ..." goes on after it
# What sets a trailing gloss off from a reported clause: a comma or a dash ("..., the
# presumed favourite", "... -- a charge he denies").
DASHES = ("-", "--", "\u2014", "\u2013")
GLOSS_MARKS = (COMMA, *DASHES)
# Relations through which a cue without a subject of its own takes its governor's subject:
# conjoined verbs, participles, "by saying", "to say", a noun the participle modifies, an
# adjective the infinitive completes ("was able [to tout] ...").
CLIMB_DEPS = ("conj", "advcl", "xcomp", "pcomp", "prep", "dobj", "acl", "acomp")
VERB_POS = ("VERB", "AUX")
NOUN_POS = ("NOUN", "PROPN", "PRON")
MODIFIER_DEP = "acl"  # "a spokesman [saying ...]": the noun modified is the speaker
COMPLEMENTIZER = "that"  # opens a reported clause ("said [that] ...")
CUE_TOKENS_KEY = "sitrep.quotes.cue_tokens"
TIME_ENTITIES = ("DATE", "TIME")  # a time is never who speaks
MAX_CLIMB = 4  # hops from a cue to the clause whose subject speaks; deeper is another clause


def cue_tokens(doc: Doc, cues: Cues) -> list[Token]:
    """The tokens a frame may start from (a lexicon lemma, or a stance adjective), found once
    per article and kept as indices in the doc's ``user_data``: each frame finder walks these
    instead of every token, which keeps the annotator cheap beside the parse."""
    found: list[int] | None = doc.user_data.get(CUE_TOKENS_KEY)
    if found is None:
        found = [t.i for t in doc if cues.lemma(t) in cues.words or t.lower_ in cues.stance_words]
        doc.user_data[CUE_TOKENS_KEY] = found
    return [doc[i] for i in found]


def token_runs(tokens: Iterable[Token]) -> Spans:
    """Character spans of the contiguous runs of ``tokens``, punctuation trimmed at run edges."""
    runs: list[list[Token]] = []
    for tok in sorted(set(tokens), key=lambda t: t.i):
        if runs and runs[-1][-1].i + 1 == tok.i:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    out: list[tuple[int, int]] = []
    for run in runs:
        words = [t for t in run if not t.is_punct and not t.is_space]
        if words:
            out.append((words[0].idx, words[-1].idx + len(words[-1].text)))
    return tuple(out)


def clause_words(tok: Token, cues: Cues) -> list[Token]:
    """The tokens of a reported clause with the complementizer that introduces it (news
    attribution corpora such as PolNeAR count "that" as part of what was said), without a
    verb of speech conjoined to it ("... and suggested that ...": a statement of its own; a
    verb of belief there goes on with what was said), and without a trailing gloss set off by
    a comma or a dash: an apposition ("..., the presumed favourite", "... -- a charge he
    denies"), the writer's label for the clause, however the parser hung it ("..., an
    admission his rivals seized on"), a "who" clause on a name ("..., Anna Berg, who ran in
    2012"), or a modifier that attributes something of its own ("..., which he said ...",
    "..., citing ...").
    Other trailing clauses ("..., which would cut taxes", "..., while ...") are usually part
    of the statement and stay."""
    first = tok.left_edge
    drop: set[int] = set()
    for t in tok.subtree:
        if t.dep_ == CONJ_DEP and (
            (t != tok and _speech_conjunct(t, cues)) or (t.head == tok and _finite_after_base(t))
        ):
            drop.update(x.i for x in t.subtree)
            j = t.left_edge.i - 1
            while j > first.i and t.doc[j].dep_ in LINK_DEPS:
                drop.add(j)
                j -= 1
    toks = [t for t in tok.subtree if t.i not in drop]
    last = max((t.i for t in toks if not t.is_punct), default=tok.i)
    for t in toks:
        if t.right_edge.i < last or t == tok:
            continue  # only a modifier running to the clause's end trails it
        before = t.doc[t.left_edge.i - 1] if t.left_edge.i > 0 else None
        gloss = t.dep_ in NONRESTRICTIVE_DEPS and (
            t.dep_ == APPOSITION_DEP or _attributes(t, cues) or _introduces(t)
        )
        if (
            (gloss or _sums_up(t))
            and before is not None
            and before.text in GLOSS_MARKS
            and before.i > toks[0].i
        ):
            return [x for x in toks if x.i < before.i]
    return toks


def infinitive_words(cue: Token, infinitive: Token, cues: Cues) -> list[Token]:
    """The words of a cue's to-infinitive with the infinitives coordinated to it, which the
    parser often hangs on the cue itself ("wants [to triple X, grow Y and create Z]": "grow" is
    a conjunct of "wants"). A base-form verb conjoined to a cue of another form, after the
    infinitive and without a subject of its own, can only continue the infinitive."""
    return continued(cue, clause_words(infinitive, cues), BASE_FORM_TAGS)


def continued(cue: Token, words: list[Token], forms: tuple[str, ...]) -> list[Token]:
    """What a cue reports with the verbs in ``forms`` the parser coordinated to the cue
    itself instead of to what was said ("wants [to triple X, grow Y]", "mentioned [cutting X
    and raising Y]"): a conjunct of another form than the cue, after the words and without
    a subject of its own, can only go on with them."""
    end = max((t.i for t in words), default=cue.i)
    for conj in cue.children:
        if (
            conj.dep_ == CONJ_DEP
            and conj.tag_ in forms
            and cue.tag_ not in forms
            and conj.i > end
            and not has_subject(conj)
        ):
            return words + list(cue.doc[end + 1 : conj.right_edge.i + 1])
    return words


def _speech_conjunct(verb: Token, cues: Cues) -> bool:
    """A verb of speech conjoined without a subject, with what it reports: a statement of
    its own ("... and suggested that ..."). A speech act whose object is all it takes is one
    only with a clause ("... and refused to answer"): with a bare object it goes on with the
    reported clause ("had cuts and refused treatment, the fire service said")."""
    lemma = cues.lemma(verb)
    deps = REPORTED_DEPS if lemma in cues.speech or lemma in cues.requests else OWN_CLAUSE_DEPS
    return (
        verb.pos_ == "VERB"
        and lemma in cues.statements
        and not has_subject(verb)
        and any(c.dep_ in deps for c in verb.children)
    )


def _finite_after_base(verb: Token) -> bool:
    """A finite verb the parser conjoined to the to-infinitive a cue reports ("urged them [to
    keep] it legal and [celebrated] the ruling"): it cannot go on with the infinitive, so it
    goes on with the clause of the cue."""
    head = verb.head
    return (
        verb.tag_ in FINITE_TAGS
        and head.tag_ == BASE_TAG
        and verb.i > head.i
        and any(c.tag_ == INFINITIVE_MARKER_TAG for c in head.children)
    )


def _sums_up(noun: Token) -> bool:
    """Whether a noun phrase hung on a verb is the writer's label for the clause before it
    ("..., a charge that officials denied", "..., an admission his rivals seized on")."""
    return (
        noun.pos_ == COMMON_NOUN_POS
        and noun.head.pos_ in VERB_POS
        and noun.left_edge.lower_ in INDEFINITE_ARTICLES
    )


def _introduces(modifier: Token) -> bool:
    """Whether a modifier is a "who" clause on a name ("..., Anna Berg, who ran in 2012"):
    the writer introducing the person, not part of what was said about them."""
    return (
        modifier.dep_ == RELATIVE_DEP
        and modifier.head.pos_ == NAME_POS
        and modifier.left_edge.lower_ == WHO
    )


def _attributes(modifier: Token, cues: Cues) -> bool:
    """Whether a modifier holds a reporting verb or noun: an attribution of its own."""
    return any(
        (t.pos_ in VERB_POS and cues.lemma(t) in cues.framing) or cues.lemma(t) in cues.nouns
        for t in modifier.subtree
    )


def has_subject(verb: Token, before: int | None = None, after: int | None = None) -> bool:
    """Whether ``verb`` has a subject, optionally one starting before, or at or after, a
    character offset."""
    return any(
        c.dep_ in SUBJECT_DEPS
        and (before is None or c.idx < before)
        and (after is None or c.idx >= after)
        for c in verb.children
    )


def passive_subject(verb: Token, cues: Cues) -> Token | None:
    """The subject of a passive verb ("the plan was [announced]"), unless an expletive ("it
    was announced that ...")."""
    subj = next((c for c in verb.children if c.dep_ == PASSIVE_SUBJECT_DEP), None)
    return None if subj is None or subj.lower_ in cues.expletives else subj


def cue_span(verb: Token) -> Spans:
    """A cue verb with its particle ("pointed out")."""
    return token_runs([verb, *(c for c in verb.children if c.dep_ == PARTICLE_DEP)])


def is_complementizer(t: Token) -> bool:
    return t.dep_ == MARK_DEP and t.lower_ == COMPLEMENTIZER


def has_that(clause: Token) -> bool:
    return is_complementizer(clause.left_edge)


def speaker_span(tok: Token, skip: Iterable[Token] = ()) -> Spans:
    """The speaker's words: the subject's phrase without relative clauses, and without an
    apposition after a name ("Anna Berg, spokeswoman for ..." -> "Anna Berg"); a relative
    clause set off by a comma goes wherever it hangs ("her neighbour, Tom Hale, who ...")."""
    cut = [c for c in tok.children if c.dep_ in CLAUSE_CUT_DEPS]
    cut += [
        t
        for t in tok.subtree
        if t.dep_ == RELATIVE_DEP
        and t.head != tok
        and t.left_edge.i > tok.left_edge.i
        and t.doc[t.left_edge.i - 1].text == COMMA
    ]
    if tok.pos_ == "PROPN":
        cut += [c for c in tok.children if c.dep_ == APPOSITION_DEP]
    drop = {t.i for c in (*cut, *skip) for t in c.subtree}
    words = [t for t in tok.subtree if t.i not in drop]
    while len(words) > 1 and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    while len(words) > 1 and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    return ((words[0].idx, words[-1].idx + len(words[-1].text)),)


def _passive_participle(tok: Token) -> bool:
    """A past participle opening an adverbial clause ("[Asked] if he would run, the mayor
    smiled"): the clause above it names who was asked or told, not who asked."""
    return (
        tok.dep_ == ADVERBIAL_CLAUSE_DEP
        and tok.tag_ == PARTICIPLE_TAG
        and not any(c.dep_ in AUX_DEPS for c in tok.children)
    )


def names_a_time(subj: Token) -> bool:
    """A subject that is only a stretch of time ("the past six weeks", "Saturday"): the
    parser's slip, never who speaks. Ages the model also tags as dates ("the 46-year-old") are
    people, and a time with more after it ("a quarter of the committee") may hold one."""
    w = time_words()
    head = subj.lower_
    return (head in w.units or head in w.weekdays or head in w.months) and all(
        t.ent_type_ in TIME_ENTITIES for t in subj.subtree
    )


def speaker_of(cue: Token, cues: Cues) -> Spans | None:
    """The subject that says what ``cue`` reports, climbing to a governing clause when the cue
    has none of its own; None for an expletive ("it was said that") or no subject at all."""
    tok = cue
    for _ in range(MAX_CLIMB):
        for child in tok.children:
            if child.dep_ == AGENT_DEP:
                obj = next((c for c in child.children if c.dep_ == OBJECT_DEP), None)
                return speaker_span(obj) if obj is not None else None
        subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            passive = subj.dep_ == PASSIVE_SUBJECT_DEP
            if (passive and subj.lower_ in cues.expletives) or names_a_time(subj):
                return None  # "it was said"; "the past six weeks" misread as a subject
            return speaker_span(subj)
        if tok.dep_ not in CLIMB_DEPS or tok.head == tok or _passive_participle(tok):
            return None
        parent = tok.head
        if tok == cue and parent.dep_ == CLAUSAL_COMPLEMENT_DEP and _speech_conjunct(tok, cues):
            parent = parent.head  # "denied [that a deal was reached] and said": the denier
        if (
            tok.dep_ == MODIFIER_DEP
            and parent.pos_ in NOUN_POS
            and cues.lemma(parent) not in cues.nouns
        ):
            return speaker_span(parent, skip=[tok])  # "a spokesman saying ..."
        tok = parent
    return None
