"""The quotes annotator on short texts written for these tests, and its floor on the seed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from spacy.language import Language

from sitrep.annotate import quotes
from sitrep.annotate.base import Annotations
from sitrep.annotate.quotes import cues as quotes_cues
from sitrep.annotate.quotes.marks import find_quoted
from sitrep.annotate.times import resolve
from sitrep.errors import SitrepError
from sitrep.model import Article, Mention, Quote, Spans, TimeRef, span_text
from sitrep.options import Options
from tests.conftest import SEED_GOLD, needs_shared


def _quotes(nlp: Language, text: str, captions: Spans = (), title: Spans = ()) -> list[Quote]:
    doc = nlp(text)
    state = Annotations(article=Article(id="t", text=text, captions=captions, title_span=title))
    return list(quotes.annotate(doc, state, Options())["quotes"])


def _view(text: str, q: Quote) -> tuple[str, str | None, str]:
    speaker = span_text(text, q.speaker, " | ") if q.speaker else None
    return span_text(text, q.content, " | "), speaker, q.kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We will rebuild every bridge,” the mayor said on Tuesday.",
            [("“We will rebuild every bridge,”", "the mayor", "direct")],
        ),
        (
            'The mayor said after the storm: "We will rebuild every bridge before winter."',
            [('"We will rebuild every bridge before winter."', "The mayor", "direct")],
        ),
        (
            "“The talks are over,” the envoy said. “We are going home.”",
            [("“The talks are over,” | “We are going home.”", "the envoy", "direct")],
        ),
        (
            '"The talks are over,” said Anna Berg, a spokeswoman for the delegation.',
            [('"The talks are over,”', "Anna Berg", "direct")],
        ),
        (
            "\u2018We will not negotiate with anyone,\u2019 the rebel commander told reporters.",
            [("\u2018We will not negotiate with anyone,\u2019", "the rebel commander", "direct")],
        ),
        (
            "“The first part of the statement runs here.\n\n"
            "“The second part of it follows,” she said.",
            [
                (
                    "“The first part of the statement runs here."
                    " | “The second part of it follows,”",
                    "she",
                    "direct",
                )
            ],
        ),
        (
            "“This town deserves far better than empty promises.” ― Maria Lopez",
            [("“This town deserves far better than empty promises.”", "Maria Lopez", "direct")],
        ),
        (
            "HOST: Are you running again next year?\n\nSENATOR: I have not decided yet.",
            [
                ("Are you running again next year?", "HOST", "direct"),
                ("I have not decided yet.", "SENATOR", "direct"),
            ],
        ),
        (
            "The ministry said that the border would reopen next week.",
            [("that the border would reopen next week", "The ministry", "indirect")],
        ),
        (
            "The border will reopen next week, officials said.",
            [("The border will reopen next week", "officials", "indirect")],
        ),
        (
            "The harbour, the port authority said, would stay closed until Friday.",
            [("The harbour | would stay closed until Friday", "the port authority", "indirect")],
        ),
        (
            "According to the police, three people were injured in the fire.",
            [("three people were injured in the fire", "the police", "indirect")],
        ),
        (
            "The company responded by saying no jobs would be lost.",
            [("no jobs would be lost", "The company", "indirect")],
        ),
        (
            "The minister left no doubt that the deal was dead.",
            [("that the deal was dead", "The minister", "indirect")],
        ),
        (
            "The army issued a statement saying the shelling had stopped.",
            [("the shelling had stopped", "The army", "indirect")],
        ),
        (
            "Her claim that the vote had been rigged spread quickly.",
            [("that the vote had been rigged", "Her", "indirect")],
        ),
        (
            "The governor said the plan was “dead on arrival” in the legislature.",
            [("the plan was “dead on arrival” in the legislature", "The governor", "mixed")],
        ),
        (
            "The senator called the plan \u201ca disaster.\u201d",
            [("the plan \u201ca disaster.\u201d", "The senator", "mixed")],
        ),
        (
            "The union called for an immediate ceasefire.",
            [("an immediate ceasefire", "The union", "indirect")],
        ),
        # the parser reads "for" as the marker of an infinitive clause with its own subject
        (
            "The governor is calling for the state to step up efforts against the floods.",
            [("the state to step up efforts against the floods", "The governor", "indirect")],
        ),
        (
            "He appealed for both sides to return to the table.",
            [("both sides to return to the table", "He", "indirect")],
        ),
        (
            "The senator urged voters to stay home.",
            [("voters to stay home", "The senator", "indirect")],
        ),
        (
            "It was said that the bridge would open.",
            [("that the bridge would open", None, "indirect")],
        ),
        (
            "The spokesman said officials believe the talks failed.",
            [("officials believe the talks failed", "The spokesman", "indirect")],
        ),
        # a speech act in the passive with its agent: the subject is what was said
        (
            "The harbour closure was first reported by the local newspaper.",
            [("The harbour closure", "the local newspaper", "indirect")],
        ),
        (
            "The new budget was praised by the finance minister.",
            [("The new budget", "the finance minister", "indirect")],
        ),
        # a that-clause the parser hangs off the verb after an adverbial
        (
            "The governor posted in the early hours that the border would stay closed.",
            [("that the border would stay closed", "The governor", "indirect")],
        ),
        # a communication verb with a plain object
        (
            "The ministry stressed the need for calm across the region.",
            [("the need for calm across the region", "The ministry", "indirect")],
        ),
        # a reporting verb conjoined with its own subject is a statement of its own
        (
            "The mayor said the bridge would reopen in May, but she warned that repairs could"
            " take longer.",
            [
                ("the bridge would reopen in May", "The mayor", "indirect"),
                ("that repairs could take longer", "she", "indirect"),
            ],
        ),
        (
            "The minister said after the meeting that he would resign.",
            [("that he would resign", "The minister", "indirect")],
        ),
        (
            "According to residents, the shelling went on all night.",
            [("the shelling went on all night", "residents", "indirect")],
        ),
        # the parser makes "According" the root and the verb after it a noun ("reeks")
        (
            "According to talk radio host Dan Ruiz, the deal reeks of weakness.",
            [("the deal reeks of weakness", "talk radio host Dan Ruiz", "indirect")],
        ),
        (
            "According to Ana Ruiz, the mayor, the deal reeks of weakness.",
            [("the deal reeks of weakness", "Ana Ruiz, the mayor", "indirect")],
        ),
        ("Nothing changed. According to the network, basically.", []),
        # a stance verb with "as" and a thing for object is a physical act, not a statement
        ("Militants attacked the checkpoint as part of a wider offensive.", []),
        # a trailing clause is part of the statement unless it attributes something itself
        (
            "The mayor said the levy would fund new buses, which would cut waiting times.",
            [
                (
                    "the levy would fund new buses, which would cut waiting times",
                    "The mayor",
                    "indirect",
                )
            ],
        ),
        (
            "The mayor said the levy would fund new buses, which he said would cut delays.",
            [
                ("the levy would fund new buses", "The mayor", "indirect"),
                ("which | would cut delays", "he", "indirect"),
            ],
        ),
        # stance frames: aims, attitudes, decisions and hedges are attributed too
        (
            "The governor hopes to sign the budget before the summer recess.",
            [("to sign the budget before the summer recess", "The governor", "indirect")],
        ),
        (
            "The council voted to close the old bridge.",
            [("to close the old bridge", "The council", "indirect")],
        ),
        (
            "Farmers are afraid that the drought will ruin the harvest.",
            [("that the drought will ruin the harvest", "Farmers", "indirect")],
        ),
        (
            "The union made a decision to end the strike.",
            [("to end the strike", "The union", "indirect")],
        ),
        # a hedge: the subject is taken as the source of the impression, as attribution
        # corpora do ("Stumpf appeared to blame ...")
        (
            "The minister seems to doubt the figures.",
            [("The minister | to doubt the figures", "The minister", "indirect")],
        ),
        (
            "The minister voiced concern that the talks could collapse.",
            [("that the talks could collapse", "The minister", "indirect")],
        ),
        # a view in the passive without an agent: unnamed sources
        (
            "The ruling is expected to arrive before Easter.",
            [("The ruling | to arrive before Easter", None, "indirect")],
        ),
        (
            "The mayor was accused of hiding the audit report.",
            [("The mayor | of hiding the audit report", None, "indirect")],
        ),
        # the words of these classes without their frame attribute nothing
        ("The council was supposed to meet on Monday.", []),
        ("The rebels sought shelter in the hills.", []),
        ("The plan seems fine.", []),
        ("Officials are ready for the storm.", []),
        # a stance taken in public; the same kind of verb as the aim of an act is none
        (
            "The senator downplayed the budget gap.",
            [("the budget gap", "The senator", "indirect")],
        ),
        ("The ministry hired a firm to promote the new tax.", []),
        ("The ministry issued a statement on Monday.", []),
        (
            "The candidate bragged about his poll numbers.",
            [("his poll numbers", "The candidate", "indirect")],
        ),
        # a headline that opens with its source: a name or a source noun, first paragraph only
        (
            "Poll: Voters back the new budget plan\n\nThe survey of 900 adults ran last week.",
            [("Voters back the new budget plan", "Poll", "indirect")],
        ),
        (
            "Anna Berg: The harbour will reopen in May\n\nThe port authority met on Monday.",
            [("The harbour will reopen in May", "Anna Berg", "indirect")],
        ),
        ("Stealth Over Health: A Long Night at the Hospital\n\nThe story follows.", []),
        # a headline source the parser does not tag is a name when the article names it later
        (
            "Okafor: The harbour tax must go\n\nThe mayor, Grace Okafor, spoke on Monday.",
            [("The harbour tax must go", "Okafor", "indirect")],
        ),
        (
            "Dr. Grace Okafor: The Harbour Tax Must Go\n\nOn Monday, the mayor, Grace Okafor,"
            " spoke to the council.",
            [("The Harbour Tax Must Go", "Dr. Grace Okafor", "indirect")],
        ),
        ("Update: The harbour tax must go\n\nThe mayor, Grace Okafor, spoke on Monday.", []),
        # a section label is no source, though a word of it names an outlet later
        (
            "Breaking News: Storm Hits The Harbour Tonight\n\nThe Coast Radio News aired it.",
            [],
        ),
        ("The ministry met.\n\nPoll: Turnout falls in the north", []),
        # a headline quotation after a colon is spoken by the first name before the colon
        (
            "A Warning From Mayor Okafor: \u2018The Harbour Tax Will Sink Us\u2019\n\n"
            "The mayor, Grace Okafor, spoke on Monday.",
            [("\u2018The Harbour Tax Will Sink Us\u2019", "Okafor", "direct")],
        ),
        (
            "Anna Berg Grills Port Chief Tom Reyes: “You Ignored Every Warning.”\n\nThe hearing"
            " ran late.",
            [("“You Ignored Every Warning.”", "Anna Berg", "direct")],
        ),
        # no name before the colon, or no quotation after it: no headline quote
        ("A Warning From The Harbour: \u2018The Tax Will Sink Us\u2019\n\nThe council met.", []),
        ("Why Anna Berg Is Wrong: \u201cCut Taxes\u201d Is No Plan\n\nThe vote is near.", []),
        # a verb of construal takes an object and "as"; alone it is no attribution
        (
            "Many voters saw the remark as a dig at the army.",
            [("the remark as a dig at the army", "Many voters", "indirect")],
        ),
        ("The senator saw the flood damage in the valley.", []),
        # a plural medium names no one source
        ("The senator has climbed steadily in the polls since June.", []),
        (
            "The reporter asked the minister about the budget gap.",
            [("the budget gap", "The reporter", "indirect")],
        ),
        # a clause set in a poll is what the poll says; "in a statement, X said" is the verb's
        (
            "In the latest poll, the mayor leads by six points.",
            [("the mayor leads by six points", "the latest poll", "indirect")],
        ),
        (
            "In a statement, the ministry said the border was closed.",
            [("the border was closed", "the ministry", "indirect")],
        ),
        # the subject above an adjective the cue's infinitive completes speaks
        (
            "The mayor was able to tout his record.",
            [("his record", "The mayor", "indirect")],
        ),
        ("It appears that the talks failed.", [("that the talks failed", None, "indirect")]),
        ("The decision to close the plant drew protests.", []),
        # infinitives coordinated to the cue's own, which the parser hangs on the cue
        (
            "The mayor wants to widen the road, plant trees and build a park.",
            [("to widen the road, plant trees and build a park", "The mayor", "indirect")],
        ),
        # a participle in a coordination is no reporting verb of its own
        (
            "The minister stressed a costly and well-known flaw.",
            [("a costly and well-known flaw", "The minister", "indirect")],
        ),
        # what follows a colon spells out the reported clause
        (
            "The agency warned that one risk stands out: Floods could cut the coastal road for "
            "weeks.",
            [
                (
                    "that one risk stands out: Floods could cut the coastal road for weeks",
                    "The agency",
                    "indirect",
                )
            ],
        ),
        # a phrase set off by a dash is the writer's gloss, not what was said
        (
            "The senator called for a new inquiry into the port deal -- a demand the mayor "
            "rejected.",
            [("a new inquiry into the port deal", "The senator", "indirect")],
        ),
        (
            "The mayor described the storm as “the worst in decades” — a verdict few disputed.",
            [("the storm as “the worst in decades”", "The mayor", "mixed")],
        ),
        # a block quote without marks after a lead-in that ends on a speech verb and a colon
        (
            "The governor added:\n\nThe port will reopen in May. The workers will be paid in "
            "full.\n\nThe mayor did not comment.",
            [
                (
                    "The port will reopen in May. The workers will be paid in full.",
                    "The governor",
                    "direct",
                )
            ],
        ),
        ("The schedule:\n\nThe port will reopen in May.", []),
        # a "who" clause on a name is the writer introducing the person
        (
            "The senator questioned the wisdom of backing Anna Berg, who has never run for office.",
            [("the wisdom of backing Anna Berg", "The senator", "indirect")],
        ),
        # a that-clause the parser hung on the hearer as a relative clause is what was told
        (
            "He told an audience of bankers that he wants an economy “run on wind and sun.”",
            [("that he wants an economy “run on wind and sun.”", "He", "mixed")],
        ),
        # ... or on a noun inside the verb's adverbial
        (
            "The mayor said in one of a string of late-night posts that the council had "
            "wasted the money.",
            [("that the council had wasted the money", "The mayor", "indirect")],
        ),
        # "according to X" closing its sentence attributes all of it, both clauses here
        (
            "Prices rose by four percent last year and rents climbed faster than wages in most "
            "cities, according to a report by the central bank.",
            [
                (
                    "Prices rose by four percent last year and rents climbed faster than wages in "
                    "most cities",
                    "a report by the central bank",
                    "indirect",
                )
            ],
        ),
        # the subject of the reported clause, misread as the cue's object
        (
            "People close to the senator felt her tone in the final debate was too harsh.",
            [
                (
                    "her tone in the final debate was too harsh",
                    "People close to the senator",
                    "indirect",
                )
            ],
        ),
        # a word standing for a whole statement after a speech verb
        (
            "Asked whether the council had acted in time, most of the residents said yes.",
            [
                ("whether the council had acted in time", None, "indirect"),
                ("yes", "most of the residents", "indirect"),
            ],
        ),
        (
            "Two of the judges said the same of the second ruling.",
            [("the same of the second ruling", "Two of the judges", "indirect")],
        ),
        # two frames that each hold the other's cue: the source phrase wins over "in polls"
        (
            "The governor leads her rival in recent polls by six points, according to an "
            "average compiled by a local paper.",
            [
                (
                    "The governor leads her rival in recent polls by six points",
                    "an average",
                    "indirect",
                )
            ],
        ),
        # a source phrase the parser hung on words after it attributes its whole sentence
        (
            "Now the agency is probing whether the bank misled investors, according to three "
            "people who spoke to the Journal but were not cleared to discuss the case.",
            [
                (
                    "Now the agency is probing whether the bank misled investors | were not "
                    "cleared to discuss the case",
                    "three people",
                    "indirect",
                )
            ],
        ),
        # a quotation that closes on a full stop ends its sentence: the cue after it is the
        # next sentence's
        (
            "The city branded the plan a “bold step.” The governor insisted that the council "
            "“stop its delays.”",
            [("that the council “stop its delays.”", "The governor", "mixed")],
        ),
        # a speaker the parse found inside the quotation is read beside the cue instead
        (
            "“Our union is in crisis mode. Full crisis mode,” said Anna Berg, the head of the "
            "dockworkers.",
            [("“Our union is in crisis mode. Full crisis mode,”", "Anna Berg", "direct")],
        ),
        # a quotation right after an indirect quote, with no cue of its own, goes on with it
        (
            "The minister said the talks had stalled. “We are still far apart.”",
            [("the talks had stalled | “We are still far apart.”", "The minister", "mixed")],
        ),
        (
            "The talks had stalled, the minister said. “We are still far apart.”",
            [("The talks had stalled | “We are still far apart.”", "the minister", "mixed")],
        ),
        (
            "The minister said the talks had stalled.\n\nThe “experts” disagreed.",
            [("the talks had stalled", "The minister", "indirect")],
        ),
        # the phrases and adverbs right after a speech act's object belong to what was said
        (
            "The mayor referred to the bridge as a monument to waste.",
            [("the bridge as a monument to waste", "The mayor", "indirect")],
        ),
        (
            "A new poll shows the mayor well ahead among older voters.",
            [("the mayor well ahead among older voters", "A new poll", "indirect")],
        ),
        # a noun of attitude joins the cue, and its topic is the content
        (
            "The union expressed deep concern about the new shift rules.",
            [("the new shift rules", "The union", "indirect")],
        ),
        # a verb of belief conjoined inside a request goes on with it; a speech act would not
        (
            "The council urged the ministry to delay the vote and consider a recount.",
            [("the ministry to delay the vote and consider a recount", "The council", "indirect")],
        ),
        # a speech act with a clause opened by "that", "whether" or a wh-word reports it
        (
            "The senator questioned whether the budget office had counted the new tolls.",
            [("whether the budget office had counted the new tolls", "The senator", "indirect")],
        ),
        (
            "The mayor discussed how the city could pay for the bridge.",
            [("how the city could pay for the bridge", "The mayor", "indirect")],
        ),
        # a stance verb is a speech act with a person or a position as its object
        (
            "The senator attacked Anna Berg for her vote on the budget.",
            [("Anna Berg for her vote on the budget", "The senator", "indirect")],
        ),
        (
            "The mayor defended his plan at a town hall on Monday.",
            [("his plan", "The mayor", "indirect")],
        ),
        # ... or with quoted words as its object
        (
            "At the rally, the mayor attacked “the reckless greed of the landlords.”",
            [("“the reckless greed of the landlords.”", "the mayor", "direct")],
        ),
        # a day the parser read as the object is when, not what, was asked
        (
            "Governor Ana Ruiz called Friday for releasing the audit files.",
            [("releasing the audit files", "Governor Ana Ruiz", "indirect")],
        ),
        # a parenthetical speech verb attributes its sentence, whatever the parser hung on it
        (
            "Back in the capital, the envoy said, he decided to resign.",
            [("Back in the capital | he decided to resign", "the envoy", "indirect")],
        ),
        (
            "To grasp the budget, the auditor said, one should read the annex.",
            [
                (
                    "To grasp the budget | one should read the annex",
                    "the auditor",
                    "indirect",
                )
            ],
        ),
        # speech acts of comparison, scorn and apology take their object as what was said
        (
            "The union leader compared the new contract to a pay cut.",
            [("the new contract to a pay cut", "The union leader", "indirect")],
        ),
        (
            "She apologized for her remarks about the farmers.",
            [("her remarks about the farmers", "She", "indirect")],
        ),
        # a verb of manner right before a quotation frames it without a comma
        (
            'The crowd chanted "Lock her up" as he spoke.',
            [('"Lock her up"', "The crowd", "direct")],
        ),
        # an "as" clause of saying attributes the clause it hangs on, a multiword cue too
        (
            "As the mayor noted, the bridge is older than the town.",
            [("the bridge is older than the town", "the mayor", "indirect")],
        ),
        (
            "As the coach pointed out, the team has lost four games in a row.",
            [("the team has lost four games in a row", "the coach", "indirect")],
        ),
        # an inverted attribution after a comma reports the sentence before it, even where the
        # parser took the sentence's subject for the cue's
        (
            "The promise to “fix the roads” appeals to commuters who are tired of delays, "
            "said Anna Berg, a pollster at the institute.",
            [
                (
                    "The promise to “fix the roads” appeals to commuters who are tired of delays",
                    "Anna Berg",
                    "mixed",
                )
            ],
        ),
        # a speaker after the cue that the parser made the subject of a clause of its own (a
        # relative or a participle set off by a comma) is who spoke, not what was said; with
        # no comma, the clause after the cue is what was said
        (
            '"The harvest was poor this year," said the farmer, who like most in the valley '
            "grows barley.",
            [('"The harvest was poor this year,"', "the farmer", "direct")],
        ),
        (
            "''I am better with tools than with words,'' said Mary Cole, half joking.",
            [("''I am better with tools than with words,''", "Mary Cole", "direct")],
        ),
        (
            "One aide, who like others spoke on condition of anonymity to describe the meeting, "
            "said the plan was dead.",
            [("the plan was dead", None, "indirect")],
        ),
        # what is wanted may be a clause with a subject of its own
        (
            "The group wants the city to close the plant.",
            [("the city to close the plant", "The group", "indirect")],
        ),
        # "if" after a verb of asking opens the question, however the parser hangs it; who
        # was asked is not who asked
        (
            "The reporter asked the mayor if he would ever run again.",
            [("if he would ever run again", "The reporter", "indirect")],
        ),
        (
            "Asked if he was ever bullied, the senator laughed.",
            [("if he was ever bullied", None, "indirect")],
        ),
        # a stance adjective with the preposition of what it is about; another adjective is none
        (
            "The senator was sharply critical of the new tariff plan.",
            [("the new tariff plan", "The senator", "indirect")],
        ),
        ("The senator was fond of the old harbour.", []),
        # the object of a verb with its preposition ("lashed out at": the parser's "out" is a
        # particle), and an infinitive the parser hung on the verb instead of its object
        (
            "The candidate lashed out at the press after the debate.",
            [("the press", "The candidate", "indirect")],
        ),
        (
            "The lawyer cited her client's many calls to end the inquiry.",
            [("her client's many calls to end the inquiry", "The lawyer", "indirect")],
        ),
        # verbs the parser coordinated to the cue go on with what was said
        (
            "He has mentioned closing the mine and forcing the firm to pay more.",
            [
                (
                    "closing the mine and forcing the firm to pay more",
                    "He",
                    "indirect",
                )
            ],
        ),
        (
            "He vowed to match and perhaps surpass last year's harvest.",
            [("to match and perhaps surpass last year's harvest", "He", "indirect")],
        ),
        # a relative clause after a comma closing a speech act's object is the writer's gloss
        (
            "The mayor likened the new tax to a toll, which drivers already hate.",
            [("the new tax to a toll", "The mayor", "indirect")],
        ),
        (
            "The senator voted against the new budget bill.",
            [("the new budget bill", "The senator", "indirect")],
        ),
        # a negated speech verb with a wh-clause reports the open question
        (
            "The ministry has not said where the next round of talks will be held.",
            [("where the next round of talks will be held", "The ministry", "indirect")],
        ),
        (
            "The study documented a sharp rise in flooding along the coast.",
            [("a sharp rise in flooding along the coast", "The study", "indirect")],
        ),
        # a quotation that opens its sentence and closes on a comma is attributed by the
        # sentence's verb after it, whatever the verb
        (
            '"The council wants a fight tonight," Mayor Reed shot back.',
            [('"The council wants a fight tonight,"', "Mayor Reed", "direct")],
        ),
        (
            '"We are thrilled," she gushed after the vote.',
            [('"We are thrilled,"', "she", "direct")],
        ),
        # what follows such an attribution modifies the speaker or the cue, even when the
        # parser reads a clause of it as what the cue reports
        (
            '"We will not sign it," Park said in May of Orion Group Inc., whose parent firm'
            " Vela Holdings Corp. moved 900 jobs to Juarez, Mexico.",
            [('"We will not sign it,"', "Park", "direct")],
        ),
        # an inverted speaker the parser read as the object, with a relative clause of its own
        (
            "\u201cThe count is over,\u201d added a Nevada Democrat who works for the county"
            " clerk.",
            [("\u201cThe count is over,\u201d", "a Nevada Democrat", "direct")],
        ),
        # a relative clause set off by a comma is no part of the speaker, wherever it hangs
        (
            "''It may have been the first real storm of the season,'' said her old neighbour"
            " at Cornell, Tom Hale, who, like several other old friends, remembered Anna"
            " telling him that the dam had failed.",
            [
                (
                    "''It may have been the first real storm of the season,''",
                    "her old neighbour at Cornell, Tom Hale",
                    "direct",
                ),
                ("that the dam had failed", "Anna", "indirect"),
            ],
        ),
        # a reporting noun right before a colon leads into the quotation after it
        (
            'The union released a terse statement: "Talks are over for this year."',
            [('"Talks are over for this year."', "The union", "direct")],
        ),
        # so does the clause a colon closes, when the quotation ends the sentence
        (
            'She went on: "The town deserves a new bridge and a school."',
            [('"The town deserves a new bridge and a school."', "She", "direct")],
        ),
        (
            'The governor delivered a blunt message to the council: "Pass the budget this week."',
            [('"Pass the budget this week."', "The governor", "direct")],
        ),
        # a title inside the attribution is not the quote's next half, and does not keep the
        # next half from joining it
        (
            "''The bridge will hold,'' he said on Channel Four's ''Morning Show.'' "
            "''We checked every beam.''",
            [("''The bridge will hold,'' | ''We checked every beam.''", "he", "direct")],
        ),
        # the writer's words before a colon are not part of the quotation attributed after it
        (
            "Later the coach lamented the endless paperwork, especially travel forms: "
            '"There is just a mountain of forms with this job," he said.',
            [('"There is just a mountain of forms with this job,"', "he", "direct")],
        ),
        # the writer's label for what was said, after a comma, is not part of it
        (
            'The coach complained that the draw had been "fixed" in advance, a move that league '
            "officials flatly rejected.",
            [('that the draw had been "fixed" in advance', "The coach", "mixed")],
        ),
        (
            "Ms. Ortiz said the county would spend far less on roads next year, an admission her "
            "opponents pounced on.",
            [("the county would spend far less on roads next year", "Ms. Ortiz", "indirect")],
        ),
        # a finite verb the parser conjoined to the reported infinitive goes on with the cue
        (
            "The group urged lawmakers to keep the park open and celebrated the ruling on Monday.",
            [("lawmakers to keep the park open", "The group", "indirect")],
        ),
        # a clause whose subject is a gerund, which the parser took for the verb's complement
        (
            "Ana Ruiz said seeing so many nurses at the fair was a welcome change.",
            [("seeing so many nurses at the fair was a welcome change", "Ana Ruiz", "indirect")],
        ),
        (
            "Some economists say taxing sugar encourages healthier eating.",
            [("taxing sugar encourages healthier eating", "Some economists", "indirect")],
        ),
        # a name's naming in the present tense is a headline's statement, not a habit
        (
            "Senator Anna Berg calls the tax plan “a disaster for farmers” in a new ad.",
            [("the tax plan “a disaster for farmers”", "Senator Anna Berg", "mixed")],
        ),
        # an inverted attribution whose speaker the parser read as the cue's object
        (
            "Fares rose sharply in March, reported the Transit Authority.",
            [("Fares rose sharply in March", "the Transit Authority", "indirect")],
        ),
        (
            "The ferry will not sail this week, announced Harbour Lines on Sunday.",
            [("The ferry will not sail this week", "Harbour Lines", "indirect")],
        ),
        # an attribution set off inside its sentence: what was said goes on after it when the
        # words after it carry the statement on
        (
            "There is no chance of a strike, union leaders insist, because wages have risen.",
            [
                (
                    "There is no chance of a strike | because wages have risen",
                    "union leaders",
                    "indirect",
                )
            ],
        ),
        (
            "The emails covered many topics, the paper said, including budgets and travel.",
            [
                (
                    "The emails covered many topics | including budgets and travel",
                    "the paper",
                    "indirect",
                )
            ],
        ),
        # ... not when they tell how or when the speaker spoke
        (
            "The harvest was poor, the farmer said, with a shrug.",
            [("The harvest was poor", "the farmer", "indirect")],
        ),
        (
            "The deal is dead, the minister said, on Monday.",
            [("The deal is dead", "the minister", "indirect")],
        ),
        # a closing attribution covers every clause before it
        (
            "The driver had cuts to his face and refused treatment, the fire service reported.",
            [
                (
                    "The driver had cuts to his face and refused treatment",
                    "the fire service",
                    "indirect",
                )
            ],
        ),
        (
            "Three hikers drowned and 20 others were rescued on Sunday, the coast guard reported.",
            [
                (
                    "Three hikers drowned and 20 others were rescued on Sunday",
                    "the coast guard",
                    "indirect",
                )
            ],
        ),
        # a speech verb the parser conjoined to the clause another cue reports
        (
            "The agency denied that a deal had been struck and said the talks would go on.",
            [
                ("that a deal had been struck", "The agency", "indirect"),
                ("the talks would go on", "The agency", "indirect"),
            ],
        ),
        # a paragraph that is all quotation goes on with the speaker before it
        (
            "The coalition wants more shelter beds, Ana Ruiz said.\n\n"
            "“When people talk about the downtown, we have to listen to them.”",
            [
                ("The coalition wants more shelter beds", "Ana Ruiz", "indirect"),
                (
                    "“When people talk about the downtown, we have to listen to them.”",
                    "Ana Ruiz",
                    "direct",
                ),
            ],
        ),
        # a stretch of time the parser made a subject is nobody's voice
        (
            "Inspectors have confirmed one of the fires at the plant the past six months was "
            "arson and warned workers to report any smoke.",
            [
                ("one of the fires", "Inspectors", "indirect"),
                ("workers to report any smoke", None, "indirect"),
            ],
        ),
    ],
)
def test_quotes(nlp: Language, text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert [_view(text, q) for q in _quotes(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Fighters of the so-called “people's army” held the valley for a week.",
        # items of a list after a colon
        'Two things stood out on the list: "free tuition" and "paid leave."',
        # a title set off by a comma, with a relative clause on it or inside a sentence
        '"Night Shift," which critics loved, ran for six years.',
        'The network aired "Night Shift," which critics loved.',
        "The storm destroyed three houses on Monday.",
        "A group called the River Friends cleaned the banks.",
        "He told a long story about his childhood.",
        "The army defended the border town for three weeks.",
        "The bridge was destroyed by the flood.",
        "The rebels attacked the convoy near the border.",
        "The gunmen attacked the guards at dawn.",
        "The militia backed the trucks into the square.",
        "The minister said nothing when the reporters arrived.",
        "The minister spoke before he left the hall.",
        "UPDATE: The bridge reopened on Monday morning.",
        "The rebels call their fighters the \u201clions of the valley\u201d in broadcasts.",
        "The 12\" pipe burst and the workers' cabins flooded.",
    ],
)
def test_no_quotes(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


def test_no_quote_from_chrome_and_repeats_count_once(nlp: Language) -> None:
    caption = "“We will win the final,” the coach said."
    text = f"{caption}\n\n{caption}\n\nThe team trained on Sunday."
    assert len(_quotes(nlp, text)) == 1
    found = _quotes(nlp, text, captions=((0, len(caption)),))
    assert [q.content[0][0] for q in found] == [len(caption) + 2]  # at its "“", after "\n\n"


def test_the_headline_gives_only_its_own_source_statement(nlp: Language) -> None:
    headline = "Harbour Chief Tom Reyes: \u201cWe Ignored Every Warning\u201d"
    body = "The harbour chief spoke at a hearing on Monday, where he said the port would close."
    text = f"{headline}\n\n{body}"
    title = ((0, len(headline)),)
    found = [_view(text, q) for q in _quotes(nlp, text, title=title)]
    assert found[0] == ("\u201cWe Ignored Every Warning\u201d", "Tom Reyes", "direct")
    # the rest of a headline is chrome: a frame there gives no quote
    text = f"Reyes Says The Port Will Close\n\n{body}"
    title = ((0, text.index("\n")),)
    assert all(q.content[0][0] > title[0][1] for q in _quotes(nlp, text, title=title))


def test_the_same_words_under_another_cue_are_another_quote(nlp: Language) -> None:
    text = (
        "A local paper reported that the mayor had sold the land. The mayor has denied that"
        " the mayor had sold the land."
    )
    found = [(span_text(text, q.content), span_text(text, q.cue)) for q in _quotes(nlp, text)]
    assert found == [
        ("that the mayor had sold the land", "reported"),
        ("that the mayor had sold the land", "denied"),
    ]


def test_a_common_noun_after_a_second_verb_is_no_inverted_speaker(nlp: Language) -> None:
    text = "She lost the vote, announced the merger."
    assert all(_view(text, q)[1] != "the merger" for q in _quotes(nlp, text))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # not by what it says
        ("The agency reported that a 2008 pickup truck had left the road.", "2020-01-02"),
        # by the day of a time of day
        ("On Tuesday evening, the agency said the road was closed.", "2019-12-31"),
    ],
)
def test_quote_dates(nlp: Language, text: str, date: str) -> None:
    article = Article(id="t", text=text, published=dt.date(2020, 1, 2))
    doc = nlp(text)
    state = Annotations(article=article, times=tuple(resolve(doc, article)))
    (q,) = quotes.annotate(doc, state, Options())["quotes"]
    assert q.date == date


def test_speaker_actor_and_dates(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The ministry said that the border would reopen."
    doc = nlp(text)
    mention = Mention(span=((0, 12),), text="The ministry", actor_id="XYZ-GOV")
    article = Article(id="t", text=text, published=dt.date(2020, 1, 2))
    state = Annotations(article=article, mentions=(mention,))
    (q,) = quotes.annotate(doc, state, Options())["quotes"]
    assert (q.speaker_actor, q.date, span_text(text, q.cue or ())) == (
        "XYZ-GOV",
        "2020-01-02",
        "said",
    )

    def dated(value: str) -> object:
        return lambda *_, **__: TimeRef(span=((0, 1),), text="x", type="DATE", value=value)

    monkeypatch.setattr(quotes, "governing_date", dated("2019-12-30"))
    assert quotes.annotate(doc, state, Options())["quotes"][0].date == "2019-12-30"
    monkeypatch.setattr(quotes, "governing_date", dated("PRESENT_REF"))
    assert quotes.annotate(doc, state, Options())["quotes"][0].date == "2020-01-02"


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ('"Straight," she said, "and again."', ["Straight,", "and again."]),
        ('“Curly and straight," he said.', ["Curly and straight,"]),
        ("Putin\u2019s men didn't go; the leaders\u2019 talks ended.", []),
        (
            '"Block quote with “an inner” one.\n\nPlain paragraph.',
            ["Block quote with “an inner” one."],
        ),
        ("“Runs on.\n\n“And ends here.”\n\nAfter.", ["Runs on. | And ends here."]),
    ],
)
def test_marks(text: str, pieces: list[str]) -> None:
    found = [span_text(text, q.pieces, " | ") for q in find_quoted(text, quotes_cues.load().marks)]
    assert found == pieces


@needs_shared
def test_seed_quotes(nlp: Language) -> None:
    """Floor on the seed: 8 of its 9 required quotes with the right speaker. The ninth gives as
    content only the subject of the admitted clause, which no clause-level rule yields."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    text = gold["text"]
    found = _quotes(nlp, text)
    hits = 0
    for g in (g for g in gold["quotes"] if g.get("required", True)):
        want = {i for s, e in g["content"] for i in range(s, e)}
        for q in found:
            have = {i for s, e in q.content for i in range(s, e)}
            speaker = {i for s, e in q.speaker or () for i in range(s, e)}
            gold_speaker = {i for s, e in g["speaker"] for i in range(s, e)}
            if len(want & have) / len(want | have) >= 0.5 and speaker & gold_speaker:
                hits += 1
                break
    assert hits >= 8


def test_relative_pronoun_speaker_takes_its_antecedent_actor(nlp: Language) -> None:
    text = "The talks were led by Anna Berg, who said the deal was close."
    start = text.index("Anna Berg")
    mention = Mention(span=((start, start + 9),), text="Anna Berg", actor_id="anna-berg")
    state = Annotations(article=Article(id="t", text=text), mentions=(mention,))
    (q,) = quotes.annotate(nlp(text), state, Options())["quotes"]
    assert (span_text(text, q.speaker or ()), q.speaker_actor) == ("who", "anna-berg")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a relative or a lawyer is someone else than the person named before the noun
        ("Anna Berg's brother said the deal was close.", None),
        ("Anna Berg's lawyer said the deal was close.", None),
        ("Anna Berg supporters said the deal was close.", None),
        ("The lawyer for Anna Berg said the deal was close.", None),
        # a campaign or an office speaks for its owner
        ("Anna Berg's campaign said the deal was close.", "anna-berg"),
    ],
)
def test_a_possessor_speaks_only_through_what_is_theirs(
    nlp: Language, text: str, actor: str | None
) -> None:
    start = text.index("Anna Berg")
    mention = Mention(span=((start, start + 9),), text="Anna Berg", actor_id="anna-berg")
    state = Annotations(article=Article(id="t", text=text), mentions=(mention,))
    (q,) = quotes.annotate(nlp(text), state, Options())["quotes"]
    assert q.speaker_actor == actor


@pytest.mark.parametrize(
    ("key", "entries", "lengths"),
    [
        ("adjective_preps", ["critical of", "wary"], (2,)),
        ("objects", ["cite", "call for", "lash out at"], (1, 2)),
    ],
)
def test_multiword_cue_lists_are_checked_for_length(
    key: str, entries: list[str], lengths: tuple[int, ...]
) -> None:
    with pytest.raises(SitrepError) as err:
        quotes_cues._sized({key: entries}, key, lengths)
    assert err.value.code == "E010"


@pytest.mark.parametrize("entries", [["say", "point out"], ["say", " "]])
def test_cue_lists_are_checked_as_they_load(entries: list[str]) -> None:
    with pytest.raises(SitrepError) as err:
        quotes_cues._words({"speech": entries}, "speech")
    assert err.value.code == "E010"
