"""Claims: one claim per proposition, with every field from a general rule (invented sentences)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from pipeline.claims import norp_states, read_cue_table, resolve_data_path
from pipeline.kb import KBEntry, KnowledgeBase
from pipeline.records import Claim

DCT = "2026-01-15"


def claims_of(nlp, body: str, *, dct: str = DCT) -> list[Claim]:
    """The claims of an article with a title line and `body` as its following lines."""
    doc = nlp.make_doc("An Invented Title\n" + body + "\n")
    doc._.dct = dct
    return nlp(doc)._.claims


def only(claims: list[Claim], predicate: str) -> Claim:
    """The single claim with this predicate."""
    found = [c for c in claims if c.predicate == predicate]
    assert len(found) == 1, [(c.predicate, c.text) for c in claims]
    return found[0]


# -- which predicates make claims --------------------------------------------------


@pytest.mark.parametrize(
    "text, predicates",
    [
        # Coordinated clauses with their own subjects are separate claims.
        ("Poland closed two border crossings, and Lithuania recalled its ambassador.", ["close", "recall"]),
        # Coordinated verb phrases with an elided subject are split too.
        ("Lukashenko released Sergei Tikhanovsky in June 2025 and pardoned dozens of other prisoners.", ["release", "pardon"]),
        # Coordinated arguments of one predicate stay together.
        ("Warsaw and Vilnius jointly condemned the decision.", ["condemn"]),
        # Reported speech: the speech act and its content.
        ("The Kremlin said that Russian troops would stay in Belarus.", ["say", "stay"]),
        ("Lukashenko denied that Belarus had sent troops to Ukraine.", ["deny", "send"]),
        # An evidential verb with people in a role as subject reports speech.
        ("Some party officials hint that Warsaw could soften its vetoes.", ["hint", "soften"]),
        ("The vote confirmed that the party had won.", ["win"]),
        # "According to X" is one claim, sourced to X.
        ("According to the Kremlin, the exercises ended on 20 September.", ["end"]),
        # A non-restrictive relative clause is a claim of its own.
        ("The regime, which has ruled since 1994, faces growing pressure.", ["rule", "face"]),
        # A conditional clause stays inside its matrix claim.
        ("If the talks fail, the sanctions will stay in place.", ["stay"]),
        # Hearsay without a speaker is one claim about the content.
        ("It was reported that the envoy had left Minsk.", ["leave"]),
        # A raising frame hands the predicate to its complement.
        ("Minsk seems to be testing the West’s resolve.", ["test"]),
        # A participle after a dash adds a predication of its own, and so does one after "while".
        ("The regime changed its tone – freeing dozens of prisoners.", ["change", "free"]),
        ("Minsk kept its ties with Moscow while courting the West.", ["keep", "court"]),
        # A contrastive "while" clause is split.
        ("Minsk accused Warsaw of provoking the crisis, while Poland blamed the Kremlin.", ["accuse", "blame"]),
        # An extraposed or clausal subject hands the predicate to its clause.
        ("It remains unclear whether Minsk will free more prisoners.", ["free"]),
        ("Whether the thaw will last remains unclear.", ["last"]),
        # Particles and idioms belong to the predicate.
        ("The envoy stepped aside in May.", ["step aside"]),
        ("The refinery could run out of crude oil by November.", ["run out"]),
        ("The ministry gave way on 27 January.", ["give way"]),
        # A verbless fragment split off by the parser stays with its sentence.
        ("Warsaw and Vilnius condemned the decision on Monday.", ["condemn"]),
    ],
)
def test_one_claim_per_predicate(nlp_small_kb, text, predicates):
    assert [c.predicate for c in claims_of(nlp_small_kb, text)] == predicates


@pytest.mark.parametrize(
    "text, span",
    [
        # Leading coordinators and connectives fall between claims; subordinators stay in.
        ("However, the talks collapsed in March 2025.", "the talks collapsed in March 2025"),
        ("But Lithuania refused to reopen the crossing.", "Lithuania refused to reopen the crossing"),
        # Fronted adverbials of time and source stay in.
        ("In 2020, thousands of Belarusians protested in Minsk.", "In 2020, thousands of Belarusians protested in Minsk"),
    ],
)
def test_span_edges(nlp_small_kb, text, span):
    assert [c.text for c in claims_of(nlp_small_kb, text)] == [span]


@pytest.mark.parametrize(
    "body",
    [
        "A Heading Without a Full Stop\nPoland closed the border.",
        "Is Lukashenko changing course?\nPoland closed the border.",
    ],
)
def test_headings_and_questions_make_no_claims(nlp_small_kb, body):
    assert [c.text for c in claims_of(nlp_small_kb, body)] == ["Poland closed the border"]


def test_the_title_makes_no_claim(nlp_small_kb):
    doc = nlp_small_kb.make_doc("Poland Closed the Border\nLithuania recalled its ambassador.\n")
    assert [c.predicate for c in nlp_small_kb(doc)._.claims] == ["recall"]


def test_the_bio_is_one_fact(nlp_small_kb):
    body = "Poland closed the border.\nLithuania recalled its ambassador.\nAnna Novak is a senior fellow at a research centre in Warsaw."
    bio = claims_of(nlp_small_kb, body)[-1]
    assert (bio.type, bio.predicate, bio.text) == ("fact", "be", "Anna Novak is a senior fellow at a research centre in Warsaw")


# -- dated events inside a noun phrase --------------------------------------------------


@pytest.mark.parametrize(
    "text, inner, outer",
    [
        # An event noun with its own date, in subject position: the enclosing claim starts at its verb.
        (
            "The release of 52 prisoners on 11 September 2025 followed a visit by a US delegation.",
            ("release", "The release of 52 prisoners on 11 September 2025", ("2025-09-11",)),
            ("follow", "followed a visit by a US delegation", ()),
        ),
        (
            "Minsk’s warning to Poland and Lithuania in September 2025 was ignored.",
            ("warn", "Minsk’s warning to Poland and Lithuania in September 2025", ("2025-09",)),
            ("ignore", "was ignored", ()),
        ),
        # A parenthetical participle with its own date.
        (
            "Sergei Tikhanovsky (released in June 2025) left for Vilnius.",
            ("release", "Sergei Tikhanovsky (released in June 2025)", ("2025-06",)),
            ("leave", "left for Vilnius", ()),
        ),
        # After a temporal preposition the enclosing claim ends before it and shares the date.
        (
            "The regime has jailed thousands of people since the election of August 2020.",
            ("elect", "the election of August 2020", ("2020-08",)),
            ("jail", "The regime has jailed thousands of people", ("2020-08",)),
        ),
    ],
)
def test_dated_event_noun_phrases(nlp_small_kb, text, inner, outer):
    claims = claims_of(nlp_small_kb, text)
    assert [(c.predicate, c.text, c.dates) for c in claims] == sorted([inner, outer], key=lambda c: text.index(c[1]))


@pytest.mark.parametrize(
    "text",
    [
        "Officials discussed the 2014 bank fraud at length.",  # a date that only premodifies
        "Officials cited a decree of 1997 in their reply.",  # a document, not an event
    ],
)
def test_no_claim_for_dates_that_only_identify(nlp_small_kb, text):
    claims = claims_of(nlp_small_kb, text)
    assert len(claims) == 1 and claims[0].dates == ()


# -- type ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Poland closed the border crossing on 3 March 2025.", "event"),
        ("Belarus will hold a presidential election in January 2027.", "prediction"),
        ("The talks may resume in the spring.", "prediction"),
        ("Poland is expected to extend the closure.", "prediction"),
        ("Minsk is likely to release more prisoners.", "prediction"),
        ("Serbia imports most of its gas from Russia.", "fact"),  # a habit in the simple present
        ("The Kremlin must now decide whether to intervene.", "assessment"),  # an obligation
        ("The EU is Belarus’s second-largest trading partner.", "fact"),
        ("Minsk has never recognised the annexation.", "fact"),  # an act that never happened
        ("Lithuania borders Belarus and Poland.", "fact"),  # a stative relation
        ("The regime’s rhetoric is merely a tactic.", "assessment"),  # evaluative language
        ("The move is seen as an attempt to split the EU.", "assessment"),  # a hedged interpretation
        ("The opposition may have underestimated the regime.", "assessment"),  # a guess about the past
        ("Minsk went further than its neighbours.", "assessment"),  # a comparative predicate
        ("The ministry rarely publishes its budget.", "fact"),  # a habit of a dynamic verb
        ("The ruling party is steering the country away from Europe.", "assessment"),  # what is under way
        ("The border remains a bottleneck.", "assessment"),  # a predicated noun that characterises
        ("Kyiv is a useful lever for Warsaw.", "assessment"),
        ("Lithuania is a member of the alliance.", "fact"),  # a membership
        ("Anna Novak is a senior fellow at an institute in Oslo.", "fact"),  # an office
        ("Poland was the largest investor in the region last year.", "fact"),  # a rank
        ("He was the only candidate.", "fact"),
        ("There are two bridges across the river.", "fact"),  # existential, not a characterisation
        ("The president has cast himself as a peacemaker.", "assessment"),  # a self-portrayal
        ("Minsk treats the treaty as a dead letter.", "assessment"),  # a standing portrayal
        ("The party presented the vote as a victory on 3 May 2024.", "event"),  # a dated act of portraying
        ("The Kremlin reportedly expected loyalty in return.", "assessment"),  # an attributed mental state
        ("The president apparently knows it.", "assessment"),
        ("Two years ago, the opposition looked exhausted.", "assessment"),  # an impression
        ("In the past, Warsaw shielded its neighbour from censure.", "fact"),  # a habit of the past
        ("Since 2022, the same pattern has marked every vote on sanctions.", "fact"),  # a state until now
        ("On 2 July 2024, the premier was in Kyiv.", "event"),  # a dated presence
        ("In January 2025, Warsaw held up the extension of the sanctions.", "event"),  # a phrasal verb is no state
        ("Police raided the offices more than once in 2022.", "event"),  # "more than once" measures
        ("Imports from the east have grown fastest of all.", "assessment"),  # a superlative predicate
        ("Energy explains much of this behaviour.", "assessment"),  # an explanation
        ("Delegations held talks in Istanbul on 16 May 2025.", "event"),  # an event noun as object, by its form
        ("The president stayed away.", "event"),  # a particle makes no state of "stay"
        ("A referendum is unlikely.", "prediction"),  # a forward-looking predicate adjective
        ("A summit is possible.", "prediction"),
        ("Smugglers were to blame.", "event"),  # "be to blame" is no future
        ("Western restrictions still blocked exports of grain.", "fact"),  # "still": a state that goes on
        ("More than 4,000 people crossed in 2021.", "fact"),  # a count over a year
        ("Police arrested 300 protesters on 3 May 2024.", "event"),  # a count on a day
        ("Warsaw is once again hosting talks between the two sides.", "event"),  # an event under way
        ("Romania remains an indispensable partner.", "assessment"),  # an evaluative adjective
        ("Brussels has moved more slowly.", "assessment"),  # a comparative one step down
        ("Bosnia became a candidate country in December 2022.", "event"),  # a dated change of state
        ("In September 2017, the central bank floated the currency.", "event"),  # "central" names, it does not evaluate
        ("Schmidt had annulled the underlying decisions on 1 July 2023.", "event"),  # "underlying" explains nothing
        ("The envoy weighed in.", "event"),  # a phrasal verb with "in"
        ("He felt no hatred towards his attacker.", "assessment"),  # an attributed feeling
    ],
)
def test_type(nlp_small_kb, text, expected):
    assert [c.type for c in claims_of(nlp_small_kb, text)] == [expected]


def test_speech_act_is_an_event_and_content_keeps_its_own_type(nlp_small_kb):
    claims = claims_of(nlp_small_kb, "The Kremlin said that Russian troops would stay in Belarus.")
    assert [(c.predicate, c.type) for c in claims] == [("say", "event"), ("stay", "prediction")]


# -- certainty and polarity -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The envoy reportedly left Minsk on Monday.", "probable"),
        ("Minsk seems to be testing the West’s resolve.", "probable"),
        ("The talks may resume in the spring.", "possible"),
        ("Sanctions could be lifted soon.", "possible"),
        ("It is unclear whether the border will reopen.", "possible"),
        ("It was reported that Poland had closed the crossing.", "probable"),
        # "There are signs that X" is X, hedged: one claim.
        ("There are signs that the students will field their own list.", "probable"),
        ("There is growing evidence that Minsk armed the rebels.", "probable"),
        ("A summit is possible.", "possible"),
        ("A possible deal was discussed on 3 May 2025.", "certain"),  # "possible" on a noun qualifies a word
        # FactBank: "would" and "will" stay certain.
        ("Poland would reopen the crossing.", "certain"),
        ("Belarus will hold an election.", "certain"),
        # A hedge inside a noun phrase qualifies a word, not the claim.
        ("This seemingly minor decision angered Warsaw.", "certain"),
    ],
)
def test_certainty(nlp_small_kb, text, expected):
    assert [c.certainty for c in claims_of(nlp_small_kb, text)] == [expected]


def test_signs_that_give_the_content_its_predicate_and_actor(nlp_small_kb):
    (claim,) = claims_of(nlp_small_kb, "There is growing evidence that Minsk armed the rebels.")
    assert (claim.predicate, claim.type, claim.actors) == ("arm", "event", ("belarus",))


def test_a_hedge_on_the_speech_act_stays_there(nlp_small_kb):
    claims = claims_of(nlp_small_kb, "Maia Sandu reportedly warned that Moscow would cut gas supplies.")
    assert [(c.predicate, c.certainty) for c in claims] == [("warn", "probable"), ("cut", "certain")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Poland did not respond to the offer.", "negative"),
        ("No country has recognised the results of the vote.", "negative"),
        ("The opposition no longer has any presence inside the country.", "negative"),
        ("Neither Poland nor Lithuania has reopened its border.", "negative"),
        ("Poland responded to the offer.", "positive"),
        # Litotes assert: "not without risks" says there are risks.
        ("The plan is not without risks.", "positive"),
        # "no" deep inside a noun phrase does not deny the claim.
        ("Warsaw published a plan with no deadline.", "positive"),
    ],
)
def test_polarity(nlp_small_kb, text, expected):
    assert [c.polarity for c in claims_of(nlp_small_kb, text)] == [expected]


# -- source -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Maia Sandu warned that Moscow was trying to destabilise the region.", [("warn", "author"), ("try", "maia-sandu")]),
        ("“We will not give up,” Maia Sandu said.", [("give up", "maia-sandu"), ("say", "author")]),
        ("According to the Kremlin, the exercises ended on 20 September.", [("end", "kremlin")]),
        ("Poland closed the border.", [("close", "author")]),
        # A reporting clause inside its content.
        ("The ceasefire, Moscow claimed, was holding.", [("claim", "author"), ("hold", "russia")]),
        # A quotation over two sentences takes the speaker named after it.
        ("“The border stays closed. We have no choice,” Maia Sandu said.", [("stay", "maia-sandu"), ("have", "maia-sandu"), ("say", "author")]),
        # Hearsay names no speaker: the author's claim, hedged.
        ("It was reported that Poland had closed the crossing.", [("close", "author")]),
    ],
)
def test_source(nlp_small_kb, text, expected):
    assert [(c.predicate, c.source) for c in claims_of(nlp_small_kb, text)] == expected


# -- actors and targets ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, predicate, actors",
    [
        # An agent named by a nationality adjective is the state (KB field `country`).
        ("A Polish court sentenced the journalist to eight years in prison.", "sentence", ("poland",)),
        ("Russian and Belarusian forces held joint exercises.", "hold", ("russia", "belarus")),
        # A capital standing for its government is the state, as the entity is linked.
        ("Warsaw and Vilnius jointly condemned the decision.", "condemn", ("poland", "lithuania")),
        # The agent of a passive.
        ("The prisoners were released by the Kremlin.", "release", ("kremlin",)),
        # The possessor of an event noun.
        ("Minsk’s warning to Poland and Lithuania in September 2025 was ignored.", "warn", ("belarus",)),
        # A passive without an agent has no actor.
        ("The prisoners were released on Monday.", "release", ()),
        # A pronoun subject: the last person named.
        ("Maia Sandu spoke first. She rejected the offer.", "reject", ("maia-sandu",)),
        # A pronoun prefers the last person named as a subject (centering), not the last object.
        ("President Maia Sandu dismissed her deputy, Tomas Lindberg. She has said that she will not run again.",
         "say", ("maia-sandu",)),
        # In its own sentence, a pronoun takes the subject ...
        ("Maia Sandu stood by Tomas Lindberg after the verdict, and she has repeatedly said that he was innocent.",
         "say", ("maia-sandu",)),
        # ... or, after a clause without a subject person, the person named last.
        ("An electoral college elected Tomas Lindberg as president; he was the only candidate.", "be", ("tomas-lindberg",)),
        # The possessor of a subject is salient too.
        ("Tomas Lindberg arrived first. Maia Sandu’s answer was defiance. She told supporters that she would stay.",
         "tell", ("maia-sandu",)),
        # A possessive pronoun gives an event noun its agent.
        ("Maia Sandu landed on Monday. Her state visit to Warsaw in July 2024 produced two agreements.",
         "visit", ("maia-sandu",)),
        # A nationality adjective in a hyphenated modifier is the state.
        ("Russian-led troops arrived in January 2022.", "arrive", ("russia",)),
        # An elided subject is shared by coordinated verb phrases.
        ("The Kremlin praised the decision and promised support.", "promise", ("kremlin",)),
        # An unnamed state organ stands for the article's main state.
        ("Poland closed the border. The Polish government said nothing. Parliament approved the fence.", "approve", ("poland",)),
        # The subject of an extraposed clause.
        ("It remains unclear whether Minsk will free more prisoners.", "free", ("belarus",)),
    ],
)
def test_actors(nlp_small_kb, text, predicate, actors):
    assert only(claims_of(nlp_small_kb, text), predicate).actors == actors


def test_targets_keep_an_affected_group(nlp_small_kb):
    claim = only(claims_of(nlp_small_kb, "The regime freed 14 Belarusian prisoners on 21 June 2025."), "free")
    assert claim.targets == ("belarusians",)


@pytest.mark.parametrize(
    "text, predicate, dates",
    [
        # A date in a relative clause attaches to its own predicate, not to the matrix.
        ("Lukashenko, who has ruled Belarus since 1994, met the envoy on 12 May 2025.", "rule", ("1994",)),
        ("Lukashenko, who has ruled Belarus since 1994, met the envoy on 12 May 2025.", "meet", ("2025-05-12",)),
        # The utterance date belongs to the speech act; the content keeps its own.
        ("The Kremlin said on 2 May 2025 that the exercises would end in June 2026.", "say", ("2025-05-02",)),
        ("The Kremlin said on 2 May 2025 that the exercises would end in June 2026.", "end", ("2026-06",)),
        # A fronted date is shared by coordinated verb phrases.
        ("In March 2024, Poland closed the crossing and recalled its ambassador.", "recall", ("2024-03",)),
        # A clause with its own date keeps only its own.
        ("Lithuania reopened the crossing on 3 March 2025, and Poland followed on 17 March 2025.", "follow", ("2025-03-17",)),
    ],
)
def test_date_attachment(nlp_small_kb, text, predicate, dates):
    assert only(claims_of(nlp_small_kb, text), predicate).dates == dates


# -- span policy and record invariants -------------------------------------------------------


ARTICLE = (
    "Since the election of August 2020, the regime has jailed thousands of people.\n"
    "A Short Heading\n"
    "Poland closed two crossings, and Lithuania, which borders Belarus, recalled its ambassador. "
    "The Kremlin said that Russian troops would stay; Maia Sandu reportedly disagreed.\n"
    "Yet the talks may resume in the spring, but nobody expects a quick deal."
)


def test_spans_are_exact_ordered_and_disjoint(nlp_small_kb):
    doc = nlp_small_kb.make_doc("An Invented Title\n" + ARTICLE + "\n")
    doc._.dct = DCT
    claims = nlp_small_kb(doc)._.claims
    assert [c.id for c in claims] == [f"c{n}" for n in range(1, len(claims) + 1)]
    for claim, following in pairwise(claims):
        assert claim.end <= following.start
    for claim in claims:
        assert doc.text[claim.start : claim.end] == claim.text
        assert claim.text.split()[0].lower() not in ("and", "but", "yet", "so")
        assert not claim.text.endswith((".", ",", ";"))


def test_every_field_takes_a_spec_value(nlp_small_kb):
    for claim in claims_of(nlp_small_kb, ARTICLE):
        assert claim.type in ("event", "fact", "assessment", "prediction")
        assert claim.certainty in ("certain", "probable", "possible")
        assert claim.polarity in ("positive", "negative")
        assert claim.predicate and claim.predicate == claim.predicate.lower()


# -- cue lists and the KB ----------------------------------------------------------------


def test_nationality_adjectives_map_to_states_by_field_or_by_spelling():
    def entry(kb_id: str, label: str, name: str, aliases: tuple[str, ...] = (), **extra) -> KBEntry:
        return KBEntry(kb_id, label, name, aliases, extra=extra)

    kb = KnowledgeBase({
        e.id: e
        for e in (
            entry("moldova", "GPE", "Moldova"),
            entry("moldovans", "NORP", "Moldovans", ("Moldovan",)),
            entry("the-west", "LOC", "the West", ("West",)),
            entry("westerners", "NORP", "Westerners", ("Western",)),
            entry("france", "GPE", "France"),
            entry("french", "NORP", "French", country="france"),
            entry("inuit", "NORP", "Inuit"),
        )
    })
    assert norp_states(kb) == {"moldovans": "moldova", "westerners": "the-west", "french": "france"}


def test_cue_tables_read_levels_and_defaults(tmp_path: Path):
    path = tmp_path / "cues.txt"
    path.write_text("# a comment\nno longer\nnot without positive\nreportedly probable  # hearsay\n", encoding="utf-8")
    assert read_cue_table(path, values=("negative", "positive"), default="negative") == {
        "no longer": "negative",
        "not without": "positive",
        "reportedly probable": "negative",
    }
    assert read_cue_table(path, values=("probable",)) == {"reportedly": "probable"}


def test_config_points_to_package_data_files():
    assert resolve_data_path("data/claims_hedges.txt").is_file()
    assert resolve_data_path("/no/such/file.txt") == Path("/no/such/file.txt")


def test_component_is_last_and_sets_the_doc_extension(nlp_small_kb):
    assert nlp_small_kb.pipe_names[-1] == "claim_extractor"
    assert claims_of(nlp_small_kb, "Poland closed the border.")[0].id == "c1"
