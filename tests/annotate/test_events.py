"""The events annotator: PLOVER type, sides, negation, modality, fatalities, statements, chrome
and merging, on short sentences written for these tests (and, where ../shared exists, the
seed article as an evaluation floor)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from spacy.language import Language

from sitrep.annotate import events
from sitrep.annotate.base import Annotations
from sitrep.annotate.events.lexicon import CAMEO_FILE, cameo_table, load
from sitrep.knowledge import KNOWLEDGE
from sitrep.model import Article, Event, Mention, Quote, content_id
from sitrep.nlp import inside
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from tests.conftest import SEED_GOLD, needs_shared


def run(nlp: Language, text: str, **extra: Any) -> list[Event]:
    """The events of ``text``, with ``article`` fields and earlier layers given as keywords."""
    article = Article(id=content_id(text), text=text, **extra.pop("article", {}))
    so_far = Annotations(article=article, **extra)
    return list(events.annotate(nlp(text), so_far, Options())["events"])


# (sentence, expected (type, words in the source, words in the target)); "" = side not checked.
POSITIVES = [
    (
        "Egypt accused Libya of sheltering armed groups along the border.",
        ("ACCUSE", "Egypt", "Libya"),
    ),
    (
        "The senator lashed out at the ministry over the delays.",
        ("ACCUSE", "The senator", "the ministry"),
    ),
    (
        "The two presidents met in Geneva on Tuesday to discuss trade.",
        ("CONSULT", "presidents", ""),
    ),
    (
        "Kenya's foreign minister held talks with his Ugandan counterpart in Nairobi.",
        ("CONSULT", "minister", "counterpart"),
    ),
    ("The European Union imposed sanctions on Belarus.", ("SANCTION", "European Union", "Belarus")),
    ("Ghana expelled two Nigerian diplomats on Friday.", ("SANCTION", "Ghana", "diplomats")),
    (
        "The foreign ministry called on Tokyo to withdraw its proposal.",
        ("REQUEST", "ministry", "Tokyo"),
    ),
    (
        "Vietnam rejected China's demand to halt drilling in the area.",
        ("REJECT", "Vietnam", "China"),
    ),
    (
        "North Korea threatened to strike American bases in the Pacific.",
        ("THREATEN", "North Korea", ""),
    ),
    ("Uganda deployed troops along its border with South Sudan.", ("MOBILIZE", "Uganda", "")),
    ("Chile and Peru signed a treaty on fishing rights.", ("SUPPORT", "Chile", "")),
    (
        "Thousands of teachers staged a protest in front of the education ministry.",
        ("PROTEST", "teachers", ""),
    ),
    (
        "Police arrested dozens of protesters outside the parliament.",
        ("COERCE", "Police", "protesters"),
    ),
    ("The army lifted the curfew on Monday.", ("CONCEDE", "army", "")),
    (
        "The union called off the strike after the government raised wages.",
        ("CONCEDE", "union", ""),
    ),
    ("The prime minister resigned on Thursday.", ("RETREAT", "prime minister", "")),
    ("Ukraine and Poland agreed to open a new border crossing.", ("AGREE", "Poland", "")),
    (
        "Mexico's president praised Canada for its help after the earthquake.",
        ("SUPPORT", "president", "Canada"),
    ),
    ("Sudan's air strikes on rebel positions drew wide condemnation.", ("ASSAULT", "Sudan", "")),
    (
        "The senator attacked the governor in a statement on Monday.",
        ("ACCUSE", "senator", "governor"),
    ),
    (
        "Army units clashed with separatist fighters near the border.",
        ("ASSAULT", "fighters", ""),
    ),
    (
        "Moldova threatened to cut diplomatic ties with Belarus.",
        ("THREATEN", "Moldova", "Belarus"),
    ),
    (
        "The Nepalese government is ready to send peacekeepers to Mali.",
        ("AGREE", "government", "Mali"),
    ),
    (
        "Prosecutors presented evidence against the former governor.",
        ("ACCUSE", "Prosecutors", "governor"),
    ),
    ("Britain advised against all travel to Yemen.", ("SANCTION", "Britain", "Yemen")),
    ("Egypt gave permission to Sudan to use the port.", ("CONCEDE", "Egypt", "Sudan")),
    ("Gunmen blew up a bus on the main highway.", ("ASSAULT", "Gunmen", "")),
    ("Japan wants to deepen its partnership with India.", ("AGREE", "Japan", "India")),
    ("Turkey helped Azerbaijan during the war.", ("AID", "Turkey", "Azerbaijan")),
    ("A rocket fired by militants struck a house near the border.", ("ASSAULT", "militants", "")),
    ("Syrian jets destroyed a bridge near the city.", ("ASSAULT", "Syrian", "")),
    ("Angry students threw stones at the police.", ("PROTEST", "students", "police")),
    ("Armenia and Azerbaijan exchanged prisoners on Monday.", ("RETREAT", "Azerbaijan", "")),
    ("Riot police fired tear gas at the protesters.", ("ASSAULT", "police", "protesters")),
    ("The junta suspended two opposition newspapers.", ("COERCE", "junta", "")),
    ("Police banned all rallies in the capital.", ("COERCE", "Police", "")),
    (
        "The court sentenced the opposition leader to ten years in prison.",
        ("COERCE", "court", "leader"),
    ),
    ("The president ordered troops to the northern border.", ("MOBILIZE", "president", "")),
    ("Macron spoke by phone with Scholz on Tuesday.", ("CONSULT", "Macron", "Scholz")),
    (
        "Saudi air strikes killed at least 30 people in Yemen on Sunday.",
        ("ASSAULT", "Saudi", "people"),
    ),
    (
        "Kenya's president met with Ugandan leader Yoweri Museveni Thursday in Nairobi.",
        ("CONSULT", "president", "Museveni"),
    ),
    (
        "The foreign minister attended talks with the rebel leaders in Oslo.",
        ("CONSULT", "minister", "leaders"),
    ),
    ("The agency dispatched inspectors to a reactor in Iran.", ("ACCUSE", "agency", "Iran")),
    ("Norway sent a team of doctors to Haiti after the storm.", ("AID", "Norway", "Haiti")),
    (
        "The opposition attacked the government's plan to raise fuel prices.",
        ("ACCUSE", "opposition", "government"),
    ),
    ("The Kenyan president arrived in Kampala for talks on Sunday.", ("CONSULT", "president", "")),
    (
        "Ethiopia accelerated the withdrawal of its troops from Somalia.",
        ("RETREAT", "Ethiopia", ""),
    ),
    (
        "The supreme court decided to allow the opposition leader to run for president.",
        ("CONCEDE", "court", "leader"),
    ),
    (
        "Teachers stayed away from their schools to protest against the new tax.",
        ("PROTEST", "Teachers", ""),
    ),
    (
        "Ghana will withdraw its peacekeepers from Mali unless the junta holds elections.",
        ("THREATEN", "Ghana", ""),
    ),
    (
        "The mayor declined to resign although he was charged with fraud.",
        ("REJECT", "mayor", ""),
    ),
    (
        "The prime minister faces mounting pressure from his coalition partners.",
        ("REQUEST", "partners", "prime minister"),
    ),
    (
        "Farmers petitioned the provincial government to lower the water tax.",
        ("REQUEST", "Farmers", "government"),
    ),
    # words attacking a person
    ("The senator attacked the minister as a coward.", ("ACCUSE", "senator", "minister")),
    (
        "Mayor Ruth Okoye attacked Governor Sam Diallo over the port deal.",
        ("ACCUSE", "Ruth Okoye", "Sam Diallo"),
    ),
    # support denied after "nor" is a rejection
    (
        "The army did not invite the envoy, nor does the ministry endorse his plan.",
        ("REJECT", "ministry", ""),
    ),
]


@pytest.mark.parametrize(
    ("text", "kind", "source", "target"),
    [
        # a "by" agent is the doer, the possessor the one it befell
        ("The envoy's assassination by two gunmen shocked the capital.", "ASSAULT", "two gunmen",
         "envoy"),
        # a passive with "to" is done to its subject, unless it states a stance
        ("The opposition leader was sentenced to ten years in prison.", "COERCE", "", "leader"),
    ],
)  # fmt: skip
def test_who_did_it_and_to_whom(
    nlp: Language, text: str, kind: str, source: str, target: str
) -> None:
    (event,) = [e for e in run(nlp, text) if e.type == kind]
    assert " ".join(r.text for r in event.source) == source
    assert target in " ".join(r.text for r in event.target)


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_event_type_and_sides(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    kind, source, target = expected
    found = [e for e in run(nlp, text) if e.type == kind]
    assert found, f"no {kind} in {[e.type for e in run(nlp, text)]}"
    event = found[0]
    assert source in " ".join(r.text for r in event.source)
    assert target in " ".join(r.text for r in event.target)
    assert inside(event.trigger, event.evidence)


NEGATIVES = [
    "Heavy floods killed 40 people in the south of the country.",
    "Manchester City beat Arsenal 3-1 on Saturday.",
    "The striker shot the ball past the goalkeeper in the final minute.",
    "The minister said the economy grew by three percent last year.",
    "Shares fell sharply on Monday after the central bank report.",
    "The company released a statement on its quarterly results.",
    "The committee met the deadline for its annual report.",
    "A bus crash killed nine passengers on the mountain road.",
    "The spokesman declined to comment on the report.",
    "The party held its annual meeting in the capital.",
    "She said she was ready to try once more.",
    "The analyst offered no explanation for the drop in prices.",
    "Detectives found evidence against the suspect in the flat.",
    "Doctors advised against travel for pregnant women.",
    "A minibus plunged into a gorge near the pass, killing 17 people.",
    "Floodwaters forced hundreds of families to leave their villages.",
    "The warm weather helped farmers in the region.",
    "The first tourists arrived in the resort on a chartered bus.",
    "The opposition leader said she hoped the generals would be arrested soon.",
    "Detectives are investigating the cause of the blaze.",
    "The governor will visit the flooded districts on Monday.",
    "Hundreds of tourists were evacuated from the beach as the cyclone approached.",
    "A dog attacked two children in the park.",
    "The bank agreed to pay a large fine to settle the case.",
    "The carmaker fired 300 workers at its plant in Ohio.",
    "The pitcher threw the ball to the catcher.",
    "The club sent a team to the youth tournament in Spain.",
    "Thousands attended the funeral of the singer on Friday.",
    "The company suspended its website for maintenance.",
    "The children exchanged gifts at the party.",
    "Investors stormed into bank shares after the report.",
    "Firefighters evacuated dozens of residents as the blaze spread.",
    "The candidate called the former mayor on Friday.",
    "The state could deploy its courts and regulators against the merger.",
    "The charity helps people under 30 find work.",
    "The school banned mobile phones in classrooms.",
    "The singer thanked her fans at the concert.",
    "They attacked him outside the bar.",
    "The weather office issued a red warning for the coast on Sunday.",
    "Forecasters issued a warning of heavy snow for the mountains.",
    "The minister spoke after a meeting of the national security council.",
    "The senator said the governor should have been tougher on the unions.",
    "The central bank will support economic activity with lower rates.",
    "The goalkeeper faced pressure from the crowd in the second half.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_political_event(nlp: Language, text: str) -> None:
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "kind", "dead"),
    [
        ("Rebels shelled the northern town overnight, killing 14 civilians.", "ASSAULT", 14),
        (
            "More than 300 soldiers were killed in clashes with insurgents last month.",
            "ASSAULT",
            300,
        ),
        ("Gunmen killed dozens of villagers in the district.", "ASSAULT", None),
    ],
)
def test_fatalities(nlp: Language, text: str, kind: str, dead: int | None) -> None:
    found = [e for e in run(nlp, text) if e.type == kind]
    assert len(found) == 1
    assert found[0].fatalities == dead


@pytest.mark.parametrize(
    ("text", "kind", "modality", "negated"),
    [
        ("The envoy said the militia must not harm the hostages.", "REQUEST", "asserted", True),
        ("The rebels could attack the city within days.", "ASSAULT", "hypothetical", False),
        ("Ministers said they would not accept the proposal.", "REJECT", "future", False),
        ("Japan will send food aid to Haiti.", "AGREE", "future", False),
    ],
)
def test_negation_and_modality(
    nlp: Language, text: str, kind: str, modality: str, negated: bool
) -> None:
    found = [e for e in run(nlp, text) if e.type == kind]
    assert found, [e.type for e in run(nlp, text)]
    assert (found[0].modality, found[0].negated) == (modality, negated)


@pytest.mark.parametrize(
    "text",
    [
        "Ecuador did not attack the border post.",
        "Police never arrested the two reporters, the lawyer said.",
        "The minister did not condemn the raid.",
        "Chad will not send troops to the border, the president said.",
        "The militia neither attacked the convoy nor shelled the road.",
    ],
)
def test_an_act_said_not_to_happen_is_no_event(nlp: Language, text: str) -> None:
    """PLOVER lets negated events be left out; cooperation refused is a REJECT (above)."""
    assert run(nlp, text) == []
    article = Article(id=content_id(text), text=text)
    asked = Options(negated_events=True)  # unless the user asks for them
    found = events.annotate(nlp(text), Annotations(article=article), asked)["events"]
    assert found and all(e.negated for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "Jordan denied that its jets had bombed the camp.",
        "The militia denied kidnapping the engineers.",
    ],
)
def test_a_denial_rejects_the_accusation(nlp: Language, text: str) -> None:
    found = run(nlp, text)
    assert [e.type for e in found] == ["REJECT"]
    assert found[0].trigger and text[slice(*found[0].trigger[0])] == "denied"


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Armenia claimed that Azerbaijani troops had shelled two villages.", "Armenia", "troops"),
        ("Lebanon said a drone was fired at it from across the border.", "Lebanon", ""),
        ('"We were attacked by army troops," the rebel commander said.', "commander", "troops"),
        ("The government alleged that rebels had seized the mayor.", "government", "rebels"),
    ],
)
def test_a_claimed_or_suffered_attack_is_an_accusation(
    nlp: Language, text: str, source: str, target: str
) -> None:
    (event,) = run(nlp, text)
    assert (event.type, event.mode) == ("ACCUSE", "allege")
    assert source in " ".join(r.text for r in event.source)
    assert target in " ".join(r.text for r in event.target)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Armenia said Azerbaijani troops had shelled two border villages.", "ACCUSE"),
        ("Azerbaijani troops shelled two border villages, Armenia said.", "ASSAULT"),
        ("Armenia said its troops had shelled two border villages.", "ASSAULT"),
    ],
)
def test_a_state_opening_with_a_rivals_act_accuses(
    pipeline: Pipeline, text: str, kind: str
) -> None:
    x = pipeline.extract(Article(id="r", text=text))
    assert [e.type for e in x.events] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        '"They came shooting from the hills," said Amina Bello, a farmer in the village.',
        "Police spokesman John Ade said soldiers had been sent to pursue them.",
    ],
)
def test_a_pronoun_stands_for_the_speaker_only_when_it_agrees(
    pipeline: Pipeline, text: str
) -> None:
    x = pipeline.extract(Article(id="p", text=text))
    assert [e.type for e in x.events] == []


@pytest.mark.parametrize(
    "text",
    [
        "Police said gunmen killed five people at the market.",
        "The army said its jets bombed rebel positions overnight.",
    ],
)
def test_a_report_of_an_attack_is_the_attack(nlp: Language, text: str) -> None:
    assert [e.type for e in run(nlp, text)] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels, who had seized the town in May, signed a ceasefire with the army.",
        "The militants that attacked the convoy agreed to talks with the government.",
        "The activists jailed during the protest were freed on Monday.",
        "Authorities released the journalists detained last week.",
    ],
)
def test_who_a_party_is_is_background(nlp: Language, text: str) -> None:
    found = run(nlp, text)
    assert found and all(e.type not in ("ASSAULT", "COERCE") for e in found)


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("Kenyan police arrested three Kenyan opposition leaders.", "COERCE", "leaders"),
        (
            "Rebels in Chad said the Chadian government must free the prisoners.",
            "REQUEST",
            "government",
        ),
    ],
)
def test_a_government_and_its_opponents_are_two_sides(
    pipeline: Pipeline, text: str, kind: str, target: str
) -> None:
    x = pipeline.extract(Article(id="s", text=text))
    found = [e for e in x.events if e.type == kind]
    assert found and target in " ".join(r.text for r in found[0].target)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Chile rejected the plan, urging Peru to sign its own proposal instead.", ["REJECT"]),
        ("The envoy held talks with the king, offering military aid to Jordan.", ["CONSULT"]),
        ("Police raided the camp, arresting 40 people.", ["COERCE"]),
    ],
)
def test_a_trailing_participle_is_a_detail(nlp: Language, text: str, kinds: list[str]) -> None:
    assert [e.type for e in run(nlp, text)] == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "Peru recalled its ambassador after Bolivian police arrested two diplomats.",
            ["SANCTION"],
        ),
        ("The minister resigned as protesters stormed the parliament.", ["RETREAT"]),
        ("Two days after rebels shelled the port, the army said.", ["ASSAULT"]),
    ],
)
def test_a_time_clause_is_the_setting(nlp: Language, text: str, kinds: list[str]) -> None:
    assert [e.type for e in run(nlp, text)] == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Envoys seeking to broker a truce met the rebel commander in Doha.", ["CONSULT"]),
        ("Officials negotiating the deal said rebels had attacked the convoy.", ["ASSAULT"]),
    ],
)
def test_a_participle_describing_a_party_is_background(
    nlp: Language, text: str, kinds: list[str]
) -> None:
    assert [e.type for e in run(nlp, text)] == kinds


def test_demand_in_reported_speech_is_a_request(nlp: Language) -> None:
    text = "The envoy said the militia must release the hostages immediately."
    found = run(nlp, text)
    assert [e.type for e in found] == ["REQUEST"]
    assert found[0].source[0].text == "The envoy"
    assert found[0].target[0].text == "the militia"


def test_defiance_is_the_speakers_reject(nlp: Language) -> None:
    text = "Caracas replied by saying nobody can force Venezuela to hold new elections."
    found = run(nlp, text)
    assert [e.type for e in found] == ["REJECT"]
    assert found[0].source[0].text == "Caracas"


def test_statement_links_its_quote_and_speaker(nlp: Language) -> None:
    text = "The minister said: “We will never accept this demand.”"
    start = text.index("We")
    quote = Quote(
        ((start, len(text) - 1),), ((13, 17),), ((0, 12),), "min@XXX", "direct", "2020-01-02"
    )
    found = run(nlp, text, quotes=(quote,))
    assert [e.type for e in found] == ["REJECT"]
    assert found[0].quote == 0
    assert found[0].source[0].actor == "min@XXX"
    assert found[0].date == "2020-01-02"


def test_an_attack_verb_that_attributes_a_quote_is_words(nlp: Language) -> None:
    text = "“The count is simply wrong,” the colonel shot back."
    cue, speaker = text.index("shot"), text.index("the colonel")
    colonel = (Mention(((speaker, cue - 1),), "the colonel", "col@XXX"),)
    quote = Quote(((0, 28),), ((cue, cue + 4),), ((speaker, cue - 1),), None, "direct", None)
    assert [e.type for e in run(nlp, text, mentions=colonel)] == ["ASSAULT"]  # read alone
    assert run(nlp, text, mentions=colonel, quotes=(quote,)) == []


def test_sides_resolve_through_mentions(nlp: Language) -> None:
    text = "Israel accused Hamas of firing rockets."
    mentions = (Mention(((0, 6),), "Israel", "ISR"), Mention(((15, 20),), "Hamas", "hamas@PSE"))
    (event,) = run(nlp, text, mentions=mentions)
    assert [r.actor for r in event.source] == ["ISR"]
    assert [r.actor for r in event.target] == ["hamas@PSE"]
    assert event.confidence > 0.7


def test_compound_sides_are_split(nlp: Language) -> None:
    (event,) = run(nlp, "The United States and Jordan agreed on a new trade pact.")
    assert [r.text for r in event.source] == ["The United States", "Jordan"]


def test_no_event_from_the_headline(nlp: Language) -> None:
    text = "Army attacks rebel town\n\nThe weather was calm on Sunday."
    headline = ((0, text.index("\n")),)
    assert run(nlp, text, article={"title_span": headline}) == []


def test_one_event_per_happening(nlp: Language) -> None:
    text = "Iran rejected the plan on Monday. Iran again rejected the plan."
    assert [e.type for e in run(nlp, text)] == ["REJECT"]


def test_a_placed_side_merges_like_any_other(pipeline: Pipeline) -> None:
    text = "Turkish jets bombed Mosul on Monday. Turkish jets bombed Iraq on Monday, officials said"
    x = pipeline.extract(Article(id=content_id(text), text=text, published=dt.date(2021, 3, 4)))
    assert [e.type for e in x.events] == ["ASSAULT"]


def test_an_undated_restatement_yields_to_the_dated_event(pipeline: Pipeline) -> None:
    text = (
        "French Foreign Minister Anne Dubois said on March 3 that foreign troops must leave "
        "Mali. France has said that foreign troops must leave Mali."
    )
    x = pipeline.extract(Article(id="m", text=text, published=dt.date(2020, 3, 10)))
    assert [(e.type, e.date) for e in x.events] == [("REQUEST", "2020-03-03")]
    assert text[slice(*x.events[0].date_span[0])] == "March 3"


@pytest.mark.parametrize(
    "text",
    [
        # a participle describing a noun
        "Police said the cyclist was taken to hospital with non-life threatening injuries.",
        # an accident told in a "when" clause
        "A woman was killed and three others were injured when an old tree fell on the bus stop.",
        "Two people were killed when their jeep crashed into a ravine.",
        # a source's terms
        "A senior aide, who requested anonymity to discuss the budget, described the plan.",
    ],
)
def test_no_event_in_a_whole_article(pipeline: Pipeline, text: str) -> None:
    assert pipeline.extract(Article(id="t", text=text)).events == ()


def test_an_undated_event_takes_the_article_date(pipeline: Pipeline) -> None:
    text = "Japan pledged $50 million in humanitarian aid to Afghanistan."
    x = pipeline.extract(Article(id="u", text=text, published=dt.date(2021, 8, 30)))
    (event,) = x.events
    assert (event.type, event.date, event.date_span) == ("AGREE", "2021-08-30", ())


def test_two_dated_happenings_stay_two(pipeline: Pipeline) -> None:
    text = "Police arrested two men in Nairobi on Monday. Police arrested two men on Friday."
    x = pipeline.extract(Article(id="d", text=text, published=dt.date(2020, 3, 10)))
    assert [e.date for e in x.events] == ["2020-03-09", "2020-03-06"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Nigeria sent 1,200 soldiers to Niger last week.", 1200),
        ("Since 2015, Russia has deployed thousands of troops to the region.", 2000),
        ("The army deployed tanks to the capital.", None),
    ],
)
def test_troop_counts(pipeline: Pipeline, text: str, count: int | None) -> None:
    x = pipeline.extract(Article(id="t", text=text, published=dt.date(2020, 3, 10)))
    (event,) = x.events
    assert event.troops == count


def test_lexicon_is_valid_and_keeps_its_license() -> None:
    lex = load()
    assert lex.lookup("verb", "accuse")[0].type == "ACCUSE"
    assert cameo_table()["190"][0] == "ASSAULT"
    header = KNOWLEDGE.joinpath(CAMEO_FILE).read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in header and "CAMEO2PLOVER-2021" in header


# Seed floors (../shared), measured when the events layer landed with the other layers of the
# pipeline; raise them as the layers improve. Seed: all 8 required events found, 1 event outside
# the gold. The dev sets' floors live in tests/eval_baseline.json.
SEED_REQUIRED_FLOOR = 8
SEED_OUTSIDE_GOLD_CEILING = 3


def _matches(event: Event, gold: dict[str, Any]) -> bool:
    """FORMAT.md's event match: the type (or an also_accept type), and the evidence or trigger
    touching the gold evidence when the gold gives one."""
    kinds = {gold["type"], *gold.get("also_accept", [])}
    spans = [tuple(s) for s in gold.get("evidence") or []]
    touches = any(s < ge and gs < e for s, e in event.evidence + event.trigger for gs, ge in spans)
    return event.type in kinds and (not spans or touches)


@needs_shared
def test_seed_events_floor(pipeline: Pipeline) -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    text = gold["text"]
    title = text.index(gold["title_expected"])
    article = Article(
        id=gold["id"], text=text, published=dt.date(2018, 5, 21),
        title_span=((title, title + len(gold["title_expected"])),),
    )  # fmt: skip
    predicted = pipeline.extract(article).events
    required = [g for g in gold["events"] if g.get("required", True)]
    found = sum(any(_matches(e, g) for e in predicted) for g in required)
    outside = sum(not any(_matches(e, g) for g in gold["events"]) for e in predicted)
    assert found >= SEED_REQUIRED_FLOOR
    assert outside <= SEED_OUTSIDE_GOLD_CEILING


def _sides(pipeline: Pipeline, text: str, kind: str) -> tuple[set[str | None], set[str | None]]:
    """The countries on each side of the first ``kind`` event of ``text``, extracted whole."""
    x = pipeline.extract(Article(id=content_id(text), text=text, published=dt.date(2021, 3, 4)))
    countries = {a.id: a.country for a in x.actors}
    event = next(e for e in x.events if e.type == kind)
    return (
        {countries.get(r.actor or "") for r in event.source},
        {countries.get(r.actor or "") for r in event.target},
    )


def test_a_rejection_naming_nobody_answers_the_last_other_speaker(pipeline: Pipeline) -> None:
    text = "Brazil said on Monday that the observers must remain. Venezuela refused."
    assert _sides(pipeline, text, "REJECT") == ({"VEN"}, {"BRA"})


def test_killed_in_clashes_with_names_the_other_side(pipeline: Pipeline) -> None:
    text = "Four Saudi soldiers were killed in clashes with Houthi rebels near the border."
    source, target = _sides(pipeline, text, "ASSAULT")
    assert source == {"YEM"} and target == {"SAU"}


@pytest.mark.parametrize(
    "text",
    [
        "Iran's foreign minister said the sanctions were illegal. The court rejected the appeal.",
        "Kenya said on Monday that the observers must remain.\n\nSomalia refused.",
    ],
)
def test_a_rejection_answers_only_a_demand_in_its_paragraph(pipeline: Pipeline, text: str) -> None:
    """A statement that asks nothing, or a demand a paragraph earlier, is not what a later
    rejection answers."""
    assert _sides(pipeline, text, "REJECT")[1] == set()


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("Israeli jets struck positions held by Hezbollah near the border.", "LBN"),
        ("Drones hit a compound belonging to the Taliban on Friday.", "AFG"),
        ("Jets bombed several depots, saying they were run by the Houthis.", "YEM"),
    ],
)
def test_an_attack_on_what_a_party_holds_targets_the_party(
    pipeline: Pipeline, text: str, holder: str
) -> None:
    assert _sides(pipeline, text, "ASSAULT")[1] == {holder}


def test_a_phrase_naming_two_countries_is_two_sides(pipeline: Pipeline) -> None:
    text = "French and German farmers protested in Brussels on Monday."
    assert _sides(pipeline, text, "PROTEST")[0] == {"FRA", "DEU"}
    text = "The charity said US and Canadian troops must protect the food convoys."
    assert _sides(pipeline, text, "REQUEST")[1] == {"USA", "CAN"}  # "US" is no "us"


@pytest.mark.parametrize(
    ("text", "kind", "reported"),
    [
        ("Police did not arrest anyone after protesters stormed the parliament.", "ASSAULT", True),
        ("Police identified the gunmen who attacked the US embassy in Baghdad.", "ASSAULT", True),
        ("Clashes erupted between rebels and troops in Goma, killing 20 people.", "ASSAULT", True),
        ("Japan issued a severe warning to North Korea.", "THREATEN", True),
        ("The army used chemical weapons against rebels.", "ASSAULT", True),
        ("Putin received a call from Erdogan on Monday.", "REQUEST", False),
        ("Engineers shut the power station in Gaza for repairs.", "COERCE", False),
        ("Farmers used chemical fertiliser on the fields.", "ASSAULT", False),
    ],
)  # fmt: skip
def test_events_other_clauses_do_not_hide_or_invent(
    pipeline: Pipeline, text: str, kind: str, reported: bool
) -> None:
    """An event is not lost to a clause that is itself dropped (a negated act), to a relative
    clause with nothing else reported, or to a violent verb read as an accident; calls, power
    stations and fertiliser are no requests, censorship or attacks."""
    x = pipeline.extract(Article(id=content_id(text), text=text, published=dt.date(2021, 3, 4)))
    assert any(e.type == kind for e in x.events) is reported


@pytest.mark.parametrize(
    ("text", "kind", "sides"),
    [
        # a place no actor names stands for the state it lies in
        ("Army tanks shelled Mosul overnight, residents said.", "ASSAULT", ({None}, {"IRQ"})),
        ("Protesters blocked roads in Kirkuk on Sunday.", "PROTEST", ({None}, {"IRQ"})),
        # ... only as the head of the side's phrase
        ("Foreign troops in Syria attacked a convoy.", "ASSAULT", ({None}, set())),
    ],
)  # fmt: skip
def test_a_place_as_a_side_is_its_state(
    pipeline: Pipeline, text: str, kind: str, sides: tuple[set[str | None], set[str | None]]
) -> None:
    assert _sides(pipeline, text, kind) == sides


def test_a_state_and_its_rebels_are_two_sides(pipeline: Pipeline) -> None:
    assert _sides(pipeline, "Syria shelled Syrian rebels near Idlib.", "ASSAULT") == (
        {"SYR"}, {"SYR"},
    )  # fmt: skip


def test_a_holder_named_by_someone_else_is_not_the_target(pipeline: Pipeline) -> None:
    text = "Drones hit the oil depot, and officials said they were operated by the Houthis."
    assert "YEM" not in _sides(pipeline, text, "ASSAULT")[1]


def test_a_targetless_restatement_is_the_same_rejection(pipeline: Pipeline) -> None:
    text = (
        "Peru rejected Chile's demand to withdraw its ships on Monday.\n\n"
        '"No one can force Peru to do anything," Peruvian Foreign Minister Ana Ruiz added.'
    )
    x = pipeline.extract(Article(id=content_id(text), text=text, published=dt.date(2021, 3, 4)))
    assert [e.type for e in x.events] == ["REJECT"]


def test_a_government_and_its_protesters_are_not_one_happening(pipeline: Pipeline) -> None:
    """Two arrests on one day by one police, of two camps of one country, stay two."""
    text = (
        "Georgian police arrested Georgian opposition activists in Tbilisi on Monday. "
        "Georgian police also arrested Georgian rebels near the border on Monday."
    )
    x = pipeline.extract(Article(id=content_id(text), text=text, published=dt.date(2021, 3, 4)))
    assert [e.type for e in x.events].count("COERCE") == 2
