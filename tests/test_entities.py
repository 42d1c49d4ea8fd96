"""Entities: gazetteer over NER, trimming, metonymy, NORP, linking (invented sentences)."""

from __future__ import annotations

import pytest

from pipeline.entities import slugify, strip_leading_the


def ents(nlp, text):
    doc = nlp(text)
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A capital standing for its government is the state (SPEC: metonymy).
        ("Warsaw warned Vilnius about the new pipeline.", [("Warsaw", "GPE", "poland"), ("Vilnius", "GPE", "lithuania")]),
        ("Warsaw’s decision surprised the neighbours.", [("Warsaw", "GPE", "poland")]),
        # The capital as a place keeps its own entry.
        ("The delegates gathered in Warsaw for two days.", [("Warsaw", "GPE", "warsaw")]),
        ("The envoy flew to Vilnius on a short visit.", [("Vilnius", "GPE", "vilnius")]),
        # A seat standing for an organisation takes the organisation.
        ("Brussels rejected the request.", [("Brussels", "ORG", "european-union")]),
        # A leading "the" and a possessive stay outside the span.
        ("The Kremlin’s answer came late.", [("Kremlin", "ORG", "kremlin")]),
        ("Sanctions were discussed by the West.", [("West", "LOC", "the-west")]),
        # Nationality adjectives are NORP, linked to the people, not the state.
        ("Polish farmers blocked the road.", [("Polish", "NORP", "poles")]),
        # Hyphenated forms: only the name part is tagged.
        ("The EU-wide ban was lifted.", [("EU", "ORG", "european-union")]),
        # KB surface variants win over the model.
        ("Maia Sandu spoke first, then Sandu left.", [("Maia Sandu", "PERSON", "maia-sandu"), ("Sandu", "PERSON", "maia-sandu")]),
    ],
)
def test_kb_rules(nlp_small_kb, text, expected):
    assert ents(nlp_small_kb, text) == expected


@pytest.mark.parametrize(
    "text, full, short",
    [
        ("Anna Kowalczyk, a lawyer, filed the appeal. Kowalczyk later withdrew it.", "Anna Kowalczyk", "Kowalczyk"),
        ("Journalist Tomas Lindberg was detained. Police questioned Lindberg for hours.", "Tomas Lindberg", "Lindberg"),
    ],
)
def test_names_outside_the_kb_get_one_document_id(nlp_small_kb, text, full, short):
    found = {e.text: (e.label_, e.kb_id_) for e in nlp_small_kb(text).ents}
    assert found[full] == ("PERSON", slugify(full))
    assert found[short] == found[full]


@pytest.mark.parametrize(
    "text, name",
    [
        ("President Anna Kowalczyk signed the decree.", "Anna Kowalczyk"),
        ("Foreign Minister Tomas Lindberg resigned on Friday.", "Tomas Lindberg"),
    ],
)
def test_titles_stay_outside_person_spans(nlp_small_kb, text, name):
    people = [e.text for e in nlp_small_kb(text).ents if e.label_ == "PERSON"]
    assert people == [name]


def test_offsets_are_character_offsets(nlp_small_kb):
    text = "Later, Warsaw’s envoy met officials in Vilnius."
    for ent in nlp_small_kb(text).ents:
        assert text[ent.start_char : ent.end_char] == ent.text


@pytest.mark.parametrize(
    "surface, expected",
    [("the West", "West"), ("The Hague", "The Hague"), ("the Kremlin", "Kremlin"), ("theatre", "theatre")],
)
def test_strip_leading_the(surface, expected):
    assert strip_leading_the(surface) == expected


@pytest.mark.parametrize("text, slug", [("Anna Novak", "anna-novak"), ("Jean-Luc  O’Neil", "jean-luc-oneil"), ("Péter Szőke", "peter-szoke"), ("Ełk", "elk"), ("Đuro Macut", "duro-macut"), ("", "entity")])
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize(
    "text, expected",
    [
        # A seat named for its occupant is the organisation when it acts ...
        ("The White House rejected the plan.", ("White House", "ORG")),
        # ... and the building (FAC) when it is a venue.
        ("The deal was signed at the White House last week.", ("White House", "FAC")),
    ],
)
def test_seat_as_actor_or_venue(nlp_small_kb, text, expected):
    assert [(e.text, e.label_) for e in nlp_small_kb(text).ents] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Secretary of State Antony Blinken visited the region.",
        "Secretary of State Marco Rubio said little.",
    ],
)
def test_a_title_alone_is_not_an_entity(nlp_small_kb, text):
    assert all(e.text not in ("State", "Secretary of State") for e in nlp_small_kb(text).ents)


@pytest.mark.parametrize(
    "text, law",
    [
        ("In 2019 the deputies adopted the Law on Public Assemblies after a short debate.", "Law on Public Assemblies"),
        ("The government cited the Foreign Agents Registration Act in its defence.", "Foreign Agents Registration Act"),
    ],
)
def test_names_of_laws_are_law(nlp_small_kb, text, law):
    found = {e.text: e.label_ for e in nlp_small_kb(text).ents}
    assert found.get(law) == "LAW"


def test_unknown_name_after_locative_preposition_is_a_place(nlp_small_kb):
    doc = nlp_small_kb("Trucks will cross the province of Zelvania before reaching the coast.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Zelvania", "GPE")]


def test_every_mention_of_an_unknown_name_gets_one_label(nlp_small_kb):
    doc = nlp_small_kb("Officials in Zelvania met. The route through Zelvania was closed. Zelvania protested.")
    assert {e.label_ for e in doc.ents if e.text == "Zelvania"} == {"GPE"}


def test_a_document_id_never_takes_the_id_of_another_kb_entry(nlp_small_kb):
    # A name outside the KB whose slug is another entry's id gets "nil:" in front.
    linker = nlp_small_kb.get_pipe("kb_entities")
    assert linker._document_id("Poland") == "nil:poland"
    assert linker._document_id("Anna Kowalczyk") == "anna-kowalczyk"


@pytest.mark.parametrize(
    "text, name, label",
    [
        # A name right after an organisation noun, or with one as its apposition, is ORG.
        ("The mining company Velmora Tinto bought the mine.", "Velmora Tinto", "ORG"),
        ("The rights group Civic Watchers said the detainees were beaten.", "Civic Watchers", "ORG"),
        ("Most of the ore goes to Brandtholm, the state producer, every year.", "Brandtholm", "ORG"),
        # A name with an acronym in brackets is an organisation: people have none.
        ("The refinery belongs to Naftova Industrija Kovar (NIK) today.", "Naftova Industrija Kovar", "ORG"),
        # A facility head makes FAC, a landform head LOC (a lower-case head joins the name).
        ("Freight now moves along the Middle Corridor to the coast.", "Middle Corridor", "FAC"),
        ("Protesters marched against the mine in the Velden valley last week.", "Velden valley", "LOC"),
    ],
)
def test_label_rules_from_head_and_context(nlp_small_kb, text, name, label):
    found = {e.text: e.label_ for e in nlp_small_kb(text).ents}
    assert found.get(name) == label


def test_a_name_split_at_a_particle_is_joined(nlp_small_kb):
    found = {e.text: e.label_ for e in nlp_small_kb("Later, Astrid von der Halden announced a package of loans.").ents}
    assert found.get("Astrid von der Halden") == "PERSON"


def test_a_surname_tagged_alone_makes_the_full_name_a_person(nlp_small_kb):
    doc = nlp_small_kb("Allies helped Ulan-Bek Sadykov restore order at home. Sadykov said he was grateful.")
    found = {e.text: (e.label_, e.kb_id_) for e in doc.ents}
    assert found["Sadykov"] == found["Ulan-Bek Sadykov"] == ("PERSON", "ulan-bek-sadykov")


@pytest.mark.parametrize(
    "text, short, full",
    [
        # A surname met before the full name (in a title) still links to it.
        ("Lindqvar’s Long Game\nThe strategy of Henrik Lindqvar has worked.", "Lindqvar", "Henrik Lindqvar"),
        # A family name written first.
        ("Wen Daoming arrived on Monday. Wen then met the premier.", "Wen", "Wen Daoming"),
        # A later head word of an organisation's name.
        ("The Baltic Energy Commission met twice. The Commission then published a report.", "Commission", "Baltic Energy Commission"),
        # "X, or Y": a second name of the same thing.
        ("Trade uses the Trans-Steppe Transport Route, or Middle Corridor, more and more.", "Middle Corridor", "Trans-Steppe Transport Route"),
    ],
)
def test_short_forms_and_second_names_link_to_the_full_name(nlp_small_kb, text, short, full):
    found = {e.text: e.kb_id_ for e in nlp_small_kb(text).ents}
    assert short in found and found[short] == found.get(full)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The minister has visited Warsaw twice this year.", [("Warsaw", "GPE", "warsaw")]),  # a place visited
        ("A state visit to Vilnius followed.", [("Vilnius", "GPE", "vilnius")]),  # a noun of motion
        ("Thousands filled the centre of Warsaw.", [("Warsaw", "GPE", "warsaw")]),  # a part of the city
        ("Brussels has taken Warsaw to court.", [("Brussels", "ORG", "european-union"), ("Warsaw", "GPE", "poland")]),
    ],
)
def test_capitals_as_places(nlp_small_kb, text, expected):
    assert ents(nlp_small_kb, text) == expected


def test_a_longer_people_adjective_wins_over_its_last_word(nlp_small_kb):
    found = [(e.text, e.label_) for e in nlp_small_kb("Four other Central Asian leaders met in the spring.").ents]
    assert found == [("Central Asian", "NORP")]


def test_a_date_tagged_as_a_name_is_no_entity(nlp_small_kb):
    found = [e.text for e in nlp_small_kb("The talks resumed on 4 September 2020, the 159th round since the crisis began.").ents]
    assert "September" not in found and "4 September 2020" not in found


@pytest.mark.parametrize(
    "text, name",
    [
        # A bracketed acronym is not part of the name before it.
        ("In early 2022, the International Labour Organization (ILO) reported progress.", "International Labour Organization"),
        # A possessive inside a name stays when the possessor is a common noun ...
        ("The European Public Prosecutor’s Office (EPPO) voiced similar concerns.", "European Public Prosecutor’s Office"),
        # ... and goes when the possessor is a person named in the text.
        ("Anna Kowalczyk spoke first. Later, Kowalczyk’s Party of Renewal won the vote.", "Kowalczyk"),
    ],
)
def test_brackets_and_possessives_inside_names(nlp_small_kb, text, name):
    # After a title line: a possessive in a title is cut (see test_a_possessive_in_a_title_keeps_the_possessor).
    assert name in [e.text for e in nlp_small_kb("An Invented Title\n" + text).ents]


def test_a_possessive_in_a_title_keeps_the_possessor(nlp_small_kb):
    found = [e.text for e in nlp_small_kb("Lindqvar’s Long Game\nThe strategy of Henrik Lindqvar has worked.").ents]
    assert "Lindqvar" in found and "Lindqvar’s Long Game" not in found
