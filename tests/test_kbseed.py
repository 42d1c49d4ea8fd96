"""General reference KB entries: states, capitals, peoples, organisations, regions; merging; command."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from pipeline.kb import check_kb_line, load_kb
from pipeline.kbseed import (
    AMBIGUOUS,
    PROSE_CODES,
    countries,
    is_english_spelling,
    is_latin,
    main,
    merge_reference,
    metonym_gaps,
    people_name,
    reference_entries,
    slug,
    spelling_variants,
)

pytest.importorskip("countryinfo")


@pytest.fixture(scope="module")
def reference():
    return reference_entries()


@pytest.fixture(scope="module")
def by_id(reference):
    return {record["id"]: record for record in reference}


# -- helpers ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, expected",
    [
        ("United Kingdom", "united-kingdom"),
        ("Côte d'Ivoire", "cote-divoire"),
        ("Chișinău", "chisinau"),
        ("Donetsk People’s Republic", "donetsk-peoples-republic"),
        ("Guinea-Bissau", "guinea-bissau"),
    ],
)
def test_slug(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize(
    "surface, expected",
    [
        ("Minsk", ["Minsk"]),
        ("Chișinău", ["Chișinău", "Chisinau"]),
        ("Côte d'Ivoire", ["Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire", "Cote d’Ivoire"]),
    ],
)
def test_spelling_variants(surface, expected):
    assert spelling_variants(surface) == expected


@pytest.mark.parametrize(
    "spelling, names, expected",
    [
        ("Republic of Belarus", ["Belarus"], True),
        ("Federal Republic of Germany", ["Germany"], True),
        ("USA", ["United States"], True),
        ("BLR", ["Belarus"], False),  # an ISO code
        ("Bielaruś", ["Belarus"], False),  # a native name
        ("Respublika Belarus’", ["Belarus"], False),
        ("Белоруссия", ["Belarus"], False),
        ("Togolese", ["Togo", "Togolese Republic"], False),  # a demonym, not a name
        ("Bolivia, Plurinational State of", ["Bolivia", "Bolivia, Plurinational State of"], False),
    ],
)
def test_is_english_spelling(spelling, names, expected):
    assert is_english_spelling(spelling, names) is expected


@pytest.mark.parametrize(
    "adjective, people",
    [
        ("Belarusian", "Belarusians"),
        ("Iraqi", "Iraqis"),
        ("Chinese", "Chinese"),
        ("Swiss", "Swiss"),
        ("Dutch", "Dutch"),
    ],
)
def test_people_name(adjective, people):
    assert people_name(adjective) == people


# -- the reference as a whole ----------------------------------------------------
def test_every_entry_passes_the_kb_contract(reference):
    problems = [problem for record in reference for problem in check_kb_line(record, record["id"])]
    assert problems == []


def test_ids_are_unique_slugs(reference):
    ids = [record["id"] for record in reference]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", kb_id) for kb_id in ids)


def test_reference_is_deterministic(reference):
    assert reference_entries() == reference


def test_every_un_member_state_and_the_vatican(reference):
    assert sum(country.status == "state" for country in countries()) == 193 + 1


def test_every_capital_is_a_metonym_and_a_city_entry(by_id):
    checked = 0
    for country in countries():
        for capital in country.capitals:
            if capital in AMBIGUOUS:
                continue
            cities = [r for r in by_id.values() if r.get("country") == country.id and r["name"] == capital]
            assert len(cities) == 1, (country.id, capital)
            assert cities[0]["label"] == "GPE"
            if capital not in country.not_metonyms:
                state = by_id[country.id]
                assert capital in state["metonyms"], (country.id, capital)
                assert capital in [state["name"], *state["aliases"]], (country.id, capital)
            checked += 1
    assert checked > 190


def test_metonyms_are_aliases(reference):
    for record in reference:
        assert set(record.get("metonyms", [])) <= {record["name"], *record["aliases"]}, record["id"]


def test_country_fields_point_to_states(reference, by_id):
    linked = [record for record in reference if "country" in record]
    assert {record["label"] for record in linked} == {"GPE", "NORP"}
    for record in linked:
        assert by_id[record["country"]]["label"] == "GPE", record["id"]
    for country in countries():
        if country.people:
            assert by_id[slug(country.people)]["country"] == country.id


def test_identifying_surfaces_are_unique_per_label(reference, by_id):
    holders = defaultdict(set)
    for record in reference:
        metonyms = set(record.get("metonyms", []))
        for surface in [record["name"], *record["aliases"]]:
            if surface not in metonyms:
                holders[(record["label"], surface)].add(record["id"])
    shared = {key: ids for key, ids in holders.items() if len(ids) > 1}
    # Only a capital named like its state may share the state's name (Djibouti, Luxembourg).
    for ids in shared.values():
        cities = [kb_id for kb_id in ids if by_id[kb_id].get("country")]
        assert len(cities) == 1 and ids - set(cities) == {by_id[cities[0]]["country"]}, ids


def test_aliases_are_english_surfaces(reference):
    iso_codes = {code for country in _countryinfo_codes() for code in country}
    for record in reference:
        for alias in record["aliases"]:
            assert alias not in AMBIGUOUS, (record["id"], alias)
            assert is_latin(alias), (record["id"], alias)
            if record["label"] in {"GPE", "NORP"}:  # organisations have abbreviations of their own ("AU")
                assert alias in PROSE_CODES or alias not in iso_codes, (record["id"], alias)
            assert not alias.lower().startswith("the "), (record["id"], alias)


def _countryinfo_codes():
    from countryinfo import all_countries

    return [(country.iso(2), country.iso(3)) for country in all_countries() if country.iso(2)]


@pytest.mark.parametrize(
    "kb_id, field, value",
    [
        ("belarus", "metonyms", "Minsk"),
        ("belarus", "aliases", "Minsk"),
        ("minsk", "country", "belarus"),
        ("belarusians", "aliases", "Belarusian"),
        ("belarusians", "aliases", "Byelorussian"),
        ("poles", "aliases", "Polish"),
        ("poles", "country", "poland"),
        ("britons", "aliases", "British"),
        ("chinese", "country", "china"),
        ("turks", "aliases", "Turkish"),
        ("azerbaijanis", "aliases", "Azeri"),
        ("united-states", "aliases", "US"),
        ("united-states", "aliases", "U.S."),
        ("united-states", "metonyms", "Washington"),
        ("washington-dc", "name", "Washington"),
        ("united-kingdom", "aliases", "UK"),
        ("united-kingdom", "metonyms", "London"),
        ("ukraine", "metonyms", "Kiev"),
        ("kyiv", "aliases", "Kiev"),
        ("moldova", "metonyms", "Chisinau"),
        ("czech-republic", "aliases", "Czechia"),
        ("turkey", "aliases", "Türkiye"),
        ("ivory-coast", "aliases", "Côte d’Ivoire"),
        ("democratic-republic-of-the-congo", "aliases", "DRC"),
        ("united-arab-emirates", "aliases", "UAE"),
        ("kazakhstan", "metonyms", "Astana"),
        ("kuwait-city", "country", "kuwait"),
        ("djibouti-city", "name", "Djibouti"),
        ("luxembourg-city", "country", "luxembourg"),
        ("kosovo", "metonyms", "Pristina"),
        ("taiwan", "metonyms", "Taipei"),
        ("abkhazia", "metonyms", "Sukhumi"),
        ("brussels", "country", "belgium"),
        ("european-union", "metonyms", "Brussels"),
        ("nato", "aliases", "NATO"),
        ("osce", "label", "ORG"),
        ("csto", "aliases", "CSTO"),
        ("united-nations", "aliases", "UN"),
        ("kremlin", "label", "ORG"),
        ("white-house", "label", "ORG"),
        ("the-west", "aliases", "West"),
        ("westerners", "aliases", "Western"),
        ("europeans", "aliases", "European"),
        ("baltic-states", "aliases", "Baltics"),
        ("south-caucasus", "label", "LOC"),
    ],
)
def test_spot_checks(by_id, kb_id, field, value):
    found = by_id[kb_id][field]
    assert value in found if isinstance(found, list) else found == value


@pytest.mark.parametrize(
    "kb_id, field, value",
    [
        ("belgium", "metonyms", "Brussels"),  # "Brussels" deciding is the EU
        ("belgium", "aliases", "Brussels"),
        ("japan", "aliases", "JP"),
        ("japan", "aliases", "JPN"),
        ("japan", "aliases", "Nippon"),
        ("belarus", "aliases", "Bielaruś"),
        ("jamaica", "aliases", "Kingston"),  # AMBIGUOUS
        ("seychelles", "metonyms", "Victoria"),
        ("maldives", "aliases", "Male"),
        ("togo", "aliases", "Togolese"),
        ("republic-of-the-congo", "aliases", "Congo"),
        ("iceland", "aliases", "Island"),
    ],
)
def test_negative_spot_checks(by_id, kb_id, field, value):
    assert value not in by_id[kb_id].get(field, [])


@pytest.mark.parametrize("kb_id", ["singapore-city", "monaco-city", "victoria", "kingston", "nur-sultan", "jersey"])
def test_absent_entries(by_id, kb_id):
    assert kb_id not in by_id


# -- merging ---------------------------------------------------------------------
EXISTING = [
    {"id": "usa", "label": "GPE", "name": "United States", "aliases": ["USA"], "wikidata": None},
    {"id": "ruritania", "label": "GPE", "name": "Ruritania", "aliases": ["Strelsau"], "metonyms": ["Strelsau"],
     "wikidata": None},
    {"id": "white-house-building", "label": "FAC", "name": "White House", "aliases": [], "wikidata": None},
    {"id": "poles", "label": "NORP", "name": "Poles", "aliases": ["Polish", "Pole"], "wikidata": None},
]
REFERENCE = [
    {"id": "united-states", "label": "GPE", "name": "United States", "aliases": ["US", "Washington"],
     "metonyms": ["Washington"], "wikidata": None},
    {"id": "washington-dc", "label": "GPE", "name": "Washington", "aliases": [], "wikidata": None,
     "note": "the city (literal uses); the government is 'united-states'", "country": "united-states"},
    {"id": "americans", "label": "NORP", "name": "Americans", "aliases": ["American"], "wikidata": None,
     "country": "united-states"},
    {"id": "strelsau", "label": "GPE", "name": "Strelsau", "aliases": [], "wikidata": None, "country": "ruritania"},
    {"id": "graustark", "label": "GPE", "name": "Graustark", "aliases": ["USA", "Ruritania Minor"],
     "wikidata": None},
    {"id": "white-house", "label": "ORG", "name": "White House", "aliases": [], "wikidata": None},
    {"id": "poles", "label": "NORP", "name": "Poles", "aliases": ["Polish"], "wikidata": None, "country": "poland"},
]


def test_merge_keeps_existing_records_first_and_unchanged():
    existing = json.loads(json.dumps(EXISTING))
    merged = merge_reference(existing, REFERENCE)
    assert merged[: len(EXISTING)] == EXISTING
    assert existing == EXISTING


def test_merge_skips_taken_ids_and_covered_entities():
    added = {record["id"]: record for record in merge_reference(EXISTING, REFERENCE)[len(EXISTING):]}
    assert "poles" not in added  # the id is taken
    assert "united-states" not in added  # "United States" is already 'usa'
    assert set(added) == {"washington-dc", "americans", "strelsau", "graustark", "white-house"}


def test_merge_redirects_to_the_covering_entry():
    added = {record["id"]: record for record in merge_reference(EXISTING, REFERENCE)[len(EXISTING):]}
    assert added["americans"]["country"] == "usa"
    assert added["washington-dc"]["country"] == "usa"
    assert added["washington-dc"]["note"] == "the city (literal uses); the government is 'usa'"


def test_merge_drops_colliding_aliases_only():
    added = {record["id"]: record for record in merge_reference(EXISTING, REFERENCE)[len(EXISTING):]}
    assert added["graustark"]["aliases"] == ["Ruritania Minor"]  # "USA" is 'usa''s
    assert added["strelsau"]["name"] == "Strelsau"  # a metonym of Ruritania is no collision
    assert added["white-house"]["label"] == "ORG"  # the FAC of the same name has another label


def test_metonym_gaps():
    reference = [{"id": "usa", "label": "GPE", "name": "United States", "aliases": ["Washington"],
                  "metonyms": ["Washington"]}]
    assert metonym_gaps(EXISTING, reference) == {"usa": ["Washington"]}


# -- command line ----------------------------------------------------------------
def test_command_has_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "--write" in capsys.readouterr().out


def test_command_appends_after_the_existing_bytes(tmp_path, reference):
    kb = tmp_path / "kb.jsonl"
    original = (b'{"id": "poles", "label": "NORP", "name": "Poles", "aliases": ["Polish"], "wikidata": null}\r\n'
                b'{"id": "kremlin", "label": "ORG", "name": "Kremlin", "aliases": [], "wikidata": null}')
    kb.write_bytes(original)
    out = tmp_path / "extended.jsonl"
    assert main(["--kb", str(kb), "--out", str(out)]) == 0
    assert kb.read_bytes() == original
    written = out.read_bytes()
    assert written.startswith(original + b"\n")
    assert len(load_kb(out).entries) == len(reference)
    assert main(["--kb", str(kb), "--write"]) == 0
    assert kb.read_bytes() == written


def test_command_without_target_writes_nothing(tmp_path, capsys):
    kb = tmp_path / "kb.jsonl"
    kb.write_text("")
    assert main(["--kb", str(kb)]) == 0
    assert kb.read_text() == ""
    assert "reference entries to add" in capsys.readouterr().out


@pytest.mark.parametrize("content", [None, '{"id": "x"}\n', "not json\n"])
def test_command_rejects_a_bad_kb(tmp_path, capsys, content):
    kb = tmp_path / "kb.jsonl"
    if content is not None:
        kb.write_text(content)
    assert main(["--kb", str(kb), "--write"]) == 2
    assert str(kb) in capsys.readouterr().err
