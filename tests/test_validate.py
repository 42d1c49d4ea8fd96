"""Tests for `pipeline.validate`: one failing case per contract check, plus realignment."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.validate import (
    MAX_FILE_BYTES,
    Problem,
    ValidationReport,
    check_date_value,
    check_record,
    propose_realignment,
    validate,
)

ARTICLE = "harbour-talks"
TEXT = (
    "Harbour Talks Resume\n"
    "On 3 March 2024 the Velmari foreign minister Anna Berg met Tomas Holm in Kessel. "
    "Berg said that talks would resume in spring 2025.\n"
)
GOLD = f"annotations/{ARTICLE}/gold.json"
KB = "annotations/kb.jsonl"
CORPUS_TXT = f"corpus/{ARTICLE}.txt"

KB_ENTRIES: list[dict[str, Any]] = [
    {"id": "velmaria", "label": "GPE", "name": "Velmaria", "aliases": [], "wikidata": None},
    {"id": "velmari-people", "label": "NORP", "name": "Velmari", "aliases": [], "wikidata": None},
    {"id": "anna-berg", "label": "PERSON", "name": "Anna Berg", "aliases": ["Berg"], "wikidata": None},
    {"id": "tomas-holm", "label": "PERSON", "name": "Tomas Holm", "aliases": [], "wikidata": None},
    {"id": "kessel", "label": "GPE", "name": "Kessel", "aliases": [], "wikidata": None},
]


def span(surface: str, occurrence: int = 0, text: str = TEXT) -> dict[str, Any]:
    """Offsets and text of the n-th occurrence of a surface string."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return {"start": start, "end": start + len(surface), "text": surface}


def claim(claim_id: str, surface: str, **fields: Any) -> dict[str, Any]:
    """Build a claim record with SPEC defaults for the fields not given."""
    defaults = {
        "type": "event", "certainty": "certain", "polarity": "positive", "source": "author",
        "predicate": "be", "actors": [], "targets": [], "dates": [],
    }
    return {"id": claim_id, **span(surface), **defaults, **fields}


def valid_gold(text: str = TEXT) -> dict[str, Any]:
    """Build a gold record that keeps every rule of the contract."""
    return {
        "article_id": ARTICLE,
        "annotator": "gold",
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "entities": [
            {**span("Velmari"), "label": "NORP", "kb_id": "velmari-people"},
            {**span("Anna Berg"), "label": "PERSON", "kb_id": "anna-berg"},
            {**span("Tomas Holm"), "label": "PERSON", "kb_id": "tomas-holm"},
            {**span("Kessel"), "label": "GPE", "kb_id": "kessel"},
            {**span("Berg", 1), "label": "PERSON", "kb_id": "anna-berg"},
        ],
        "dates": [
            {**span("3 March 2024"), "value": "2024-03-03"},
            {**span("spring 2025"), "value": "2025-03/2025-05"},
        ],
        "claims": [
            claim(
                "c1", "On 3 March 2024 the Velmari foreign minister Anna Berg met Tomas Holm in Kessel",
                predicate="meet", actors=["anna-berg"], targets=["tomas-holm"], dates=["2024-03-03"],
            ),
            claim("c2", "Berg said", predicate="say", actors=["anna-berg"]),
            claim(
                "c3", "talks would resume in spring 2025",
                type="prediction", source="anna-berg", predicate="resume", dates=["2025-03/2025-05"],
            ),
        ],
    }


class Repo:
    """A tiny repository (corpus, KB, one gold file) in a temporary folder."""

    def __init__(self, root: Path):
        self.root = root
        self.write(CORPUS_TXT, TEXT.encode("utf-8"))
        self.write(f"corpus/{ARTICLE}.json", json.dumps({"id": ARTICLE, "published": "2024-03-04"}).encode())
        self.write(KB, "".join(json.dumps(entry) + "\n" for entry in KB_ENTRIES).encode())
        self.write(GOLD, json.dumps(valid_gold(), indent=2).encode())

    def write(self, relative: str, data: bytes) -> None:
        """Write raw bytes to a file of the repository, creating its folder."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def edit_gold(self, change: Callable[[dict[str, Any]], object]) -> None:
        """Apply a change to the gold record in place."""
        gold = json.loads((self.root / GOLD).read_text(encoding="utf-8"))
        change(gold)
        self.write(GOLD, json.dumps(gold, indent=2).encode())

    def edit_kb(self, change: Callable[[list[str]], object]) -> None:
        """Apply a change to the KB's lines in place."""
        lines = (self.root / KB).read_text(encoding="utf-8").splitlines()
        change(lines)
        self.write(KB, "".join(line + "\n" for line in lines).encode())

    def validate(self) -> ValidationReport:
        """Validate the repository's annotations against its corpus."""
        return validate(self.root / "annotations", self.root / "corpus")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)


Mutation = Callable[[Repo], object]


def gold(change: Callable[[dict[str, Any]], object]) -> Mutation:
    """Change the gold record."""
    return lambda repo: repo.edit_gold(change)


def record(section: str, index: int, **fields: Any) -> Mutation:
    """Set fields of one record of the gold file."""
    return gold(lambda g: g[section][index].update(fields))


def drop(section: str, index: int, key: str) -> Mutation:
    """Remove a field from one record of the gold file."""
    return gold(lambda g: g[section][index].pop(key))


def append(section: str, make: Callable[[dict[str, Any]], dict[str, Any]]) -> Mutation:
    """Append a record built from the gold record."""
    return gold(lambda g: g[section].append(make(g)))


def raw(relative: str, data: bytes) -> Mutation:
    """Replace a file of the repository with raw bytes."""
    return lambda repo: repo.write(relative, data)


def kb_line(index: int, **fields: Any) -> Mutation:
    """Set fields of one KB entry."""

    def change(lines: list[str]) -> None:
        lines[index] = json.dumps({**json.loads(lines[index]), **fields})

    return lambda repo: repo.edit_kb(change)


def kb_drop(index: int, key: str) -> Mutation:
    """Remove a field from one KB entry."""

    def change(lines: list[str]) -> None:
        entry = json.loads(lines[index])
        del entry[key]
        lines[index] = json.dumps(entry)

    return lambda repo: repo.edit_kb(change)


def lost_folder(name: str) -> Mutation:
    """Add an annotation folder with no article of that name in the corpus."""
    return raw(f"annotations/{name}/gold.json", json.dumps({**valid_gold(), "article_id": name}).encode())


def cross(surface: str, section: str, **fields: Any) -> Mutation:
    """Append a record spanning `surface` (chosen to cross an existing span)."""
    return append(section, lambda g: {**span(surface), **fields})


# (mutation, file, record, field, words the message must contain)
CASES = [
    # file level
    pytest.param(raw(GOLD, b"[]"), GOLD, "", "", "expected a JSON object", id="record-not-object"),
    pytest.param(raw(GOLD, b'{\n  "article_id": "x",\n  "annotator":\n}'), GOLD, "line 4, column 1", "",
                 "invalid JSON", id="malformed-json"),
    pytest.param(raw(GOLD, '{"article_id": "Café"}'.encode("latin-1")), GOLD, "", "", "not UTF-8", id="not-utf8"),
    pytest.param(raw(GOLD, b"\x00\x01\x02gold"), GOLD, "", "", "binary content", id="binary"),
    pytest.param(raw(GOLD, b" " * MAX_FILE_BYTES + b"{}"), GOLD, "", "", "the limit is", id="too-large"),
    pytest.param(lost_folder("lost-article"), "annotations/lost-article", "", "", "no article for this folder",
                 id="folder-without-article"),
    pytest.param(lost_folder("Lost-Article"), "annotations/Lost-Article", "", "", "is not an article id",
                 id="folder-not-an-id"),
    pytest.param(raw(CORPUS_TXT, "Caf\xe9 talks\n".encode("latin-1")), CORPUS_TXT, "", "", "not UTF-8",
                 id="article-not-utf8"),
    # record shape
    pytest.param(gold(lambda g: g.pop("claims")), GOLD, "", "claims", "is missing", id="missing-section"),
    pytest.param(gold(lambda g: g.pop("annotator")), GOLD, "", "annotator", "is missing", id="missing-annotator"),
    pytest.param(gold(lambda g: g.update(dates={})), GOLD, "", "dates", "expected a list", id="section-not-list"),
    pytest.param(gold(lambda g: g.update(text_sha256=None)), GOLD, "", "text_sha256", "got null",
                 id="sha-not-string"),
    pytest.param(gold(lambda g: g.update(article_id="other-talks")), GOLD, "", "article_id",
                 "does not match the folder name", id="article-id-not-folder"),
    pytest.param(gold(lambda g: g.update(annotator="alice")), GOLD, "", "annotator",
                 "does not match the file name", id="annotator-not-file-stem"),
    pytest.param(gold(lambda g: g["entities"].__setitem__(0, "Velmari")), GOLD, "entities[0]", "",
                 "expected an object", id="record-not-object-in-list"),
    # offsets and text
    pytest.param(record("entities", 0, start="25"), GOLD, "entities[0]", "start", "expected an integer offset",
                 id="start-not-int"),
    pytest.param(record("entities", 0, end=True), GOLD, "entities[0]", "end", "got true", id="end-bool"),
    pytest.param(drop("dates", 0, "end"), GOLD, "dates[0]", "end", "is missing", id="missing-end"),
    pytest.param(record("entities", 3, end=len(TEXT) + 5), GOLD, "entities[3]", "end", "past the end",
                 id="end-out-of-range"),
    pytest.param(record("entities", 0, start=-1), GOLD, "entities[0]", "start", "negative", id="negative-start"),
    pytest.param(record("entities", 0, start=span("Velmari")["end"], end=span("Velmari")["start"]),
                 GOLD, "entities[0]", "end", "not after start", id="reversed-offsets"),
    pytest.param(record("entities", 0, text="Velmaria"), GOLD, "entities[0]", "text",
                 "does not equal the article slice 'Velmari'", id="text-mismatch"),
    pytest.param(drop("claims", 1, "text"), GOLD, "claims[c2]", "text", "is missing", id="missing-text"),
    pytest.param(gold(lambda g: g.update(text_sha256="0" * 64)), GOLD, "", "text_sha256",
                 "all 10 spans still match", id="wrong-sha"),
    pytest.param(raw(CORPUS_TXT, ("Update: " + TEXT).encode()), GOLD, "", "text_sha256",
                 "10 of 10 spans no longer match", id="article-changed"),
    # entities
    pytest.param(record("entities", 1, label="PERSONA"), GOLD, "entities[1]", "label", "expected one of PERSON",
                 id="unknown-label"),
    pytest.param(drop("entities", 1, "label"), GOLD, "entities[1]", "label", "is missing", id="missing-label"),
    pytest.param(record("entities", 1, kb_id="anna-borg"), GOLD, "entities[1]", "kb_id", "not an id in the KB",
                 id="unknown-kb-id"),
    pytest.param(record("entities", 1, kb_id=7), GOLD, "entities[1]", "kb_id", "a KB id or null",
                 id="kb-id-not-string"),
    pytest.param(drop("entities", 1, "kb_id"), GOLD, "entities[1]", "kb_id", "is missing", id="missing-kb-id"),
    # dates
    pytest.param(record("dates", 0, value="2025-13"), GOLD, "dates[0]", "value", "month 13", id="month-13"),
    pytest.param(record("dates", 0, value="2025-02-30"), GOLD, "dates[0]", "value", "no day 30", id="february-30"),
    pytest.param(record("dates", 0, value="2026/2025"), GOLD, "dates[0]", "value", "starts (2026) after",
                 id="reversed-interval"),
    pytest.param(record("dates", 0, value="3 March 2024"), GOLD, "dates[0]", "value", "expected YYYY",
                 id="not-iso"),
    pytest.param(record("dates", 0, value="2024/2025/2026"), GOLD, "dates[0]", "value", "exactly one '/'",
                 id="two-slashes"),
    pytest.param(record("dates", 0, value=2024), GOLD, "dates[0]", "value", "got number 2024",
                 id="value-not-string"),
    pytest.param(drop("dates", 0, "value"), GOLD, "dates[0]", "value", "is missing", id="missing-value"),
    # claims
    pytest.param(record("claims", 2, id="c1"), GOLD, "claims[c1]", "id", "already the id of claims[0]",
                 id="duplicate-claim-id"),
    pytest.param(record("claims", 2, id=3), GOLD, "claims[2]", "id", "a non-empty string", id="claim-id-not-string"),
    pytest.param(record("claims", 0, type="opinion"), GOLD, "claims[c1]", "type", "expected one of event",
                 id="bad-type"),
    pytest.param(record("claims", 0, certainty="likely"), GOLD, "claims[c1]", "certainty", "one of certain",
                 id="bad-certainty"),
    pytest.param(record("claims", 0, polarity="neutral"), GOLD, "claims[c1]", "polarity", "one of positive",
                 id="bad-polarity"),
    pytest.param(record("claims", 2, source="tomas-holmes"), GOLD, "claims[c3]", "source",
                 "neither 'author' nor an id", id="unknown-source"),
    pytest.param(record("claims", 0, predicate=None), GOLD, "claims[c1]", "predicate", "got null",
                 id="predicate-not-string"),
    pytest.param(record("claims", 0, actors=["anna-borg"]), GOLD, "claims[c1]", "actors", "not an id in the KB",
                 id="unknown-actor"),
    pytest.param(record("claims", 0, actors="anna-berg"), GOLD, "claims[c1]", "actors", "a list of KB ids",
                 id="actors-not-list"),
    pytest.param(record("claims", 0, targets=["kessel", 4]), GOLD, "claims[c1]", "targets", "a list of KB ids",
                 id="targets-not-strings"),
    pytest.param(drop("claims", 0, "targets"), GOLD, "claims[c1]", "targets", "is missing", id="missing-targets"),
    pytest.param(record("claims", 0, dates=["2024-03-32"]), GOLD, "claims[c1]", "dates", "no day 32",
                 id="bad-claim-date"),
    pytest.param(record("claims", 0, dates=[None]), GOLD, "claims[c1]", "dates", "a list of date values",
                 id="claim-date-null"),
    # duplicate and crossing spans
    pytest.param(append("entities", lambda g: dict(g["entities"][1])), GOLD, "entities[5]", "start",
                 "duplicates entities[1]", id="duplicate-entity"),
    pytest.param(append("entities", lambda g: {**g["entities"][1], "label": "ORG"}), GOLD, "entities[5]", "start",
                 "labelled 'PERSON'", id="same-span-two-labels"),
    pytest.param(append("dates", lambda g: dict(g["dates"][1])), GOLD, "dates[2]", "start", "duplicates dates[1]",
                 id="duplicate-date"),
    pytest.param(append("claims", lambda g: {**g["claims"][1], "id": "c4"}), GOLD, "claims[c4]", "start",
                 "duplicates claims[c2]", id="duplicate-claim-span"),
    pytest.param(cross("Berg met", "entities", label="PERSON", kb_id=None), GOLD, "entities[5]", "start",
                 "crosses entities[1]", id="crossing-entities"),
    pytest.param(cross("March 2024 the", "dates", value="2024-03"), GOLD, "dates[2]", "start",
                 "crosses dates[0]", id="crossing-dates"),
    # KB
    pytest.param(lambda repo: repo.edit_kb(lambda lines: lines.append(lines[2])), KB, "line 6", "id",
                 "duplicate KB id 'anna-berg'", id="duplicate-kb-id"),
    pytest.param(lambda repo: repo.edit_kb(lambda lines: lines.append('{"id": "x",')), KB, "line 6", "",
                 "invalid JSON", id="kb-line-not-json"),
    pytest.param(kb_line(4, label="CITY"), KB, "line 5", "label", "expected one of", id="kb-bad-label"),
    pytest.param(kb_drop(0, "name"), KB, "line 1", "name", "is required", id="kb-missing-name"),
    pytest.param(lambda repo: (repo.root / KB).unlink(), KB, "", "", "KB file not found", id="kb-missing"),
    pytest.param(raw(KB, b'{"id": "caf\xe9"}\n'), KB, "", "", "not UTF-8", id="kb-not-utf8"),
]


def test_valid_repo_passes(repo: Repo) -> None:
    report = repo.validate()
    assert report.problems == []
    assert report.ok
    assert (report.files_checked, report.records_checked, report.kb_entries) == (2, 10, 5)
    assert report.summary() == "2 files, 10 records and 5 KB entries checked; 0 problems"


@pytest.mark.parametrize(("mutate", "file", "where", "field", "words"), CASES)
def test_each_check_names_file_record_and_field(
    repo: Repo, mutate: Mutation, file: str, where: str, field: str, words: str
) -> None:
    mutate(repo)
    report = repo.validate()
    expected_file = str(repo.root / file)
    matching = [p for p in report.problems if p.file == expected_file and p.record.startswith(where)
                and (where or not p.record) and p.field == field and words in p.message]
    assert matching, "\n".join(str(p) for p in report.problems)
    line = str(matching[0])
    assert line.startswith(f"{expected_file}: ")
    assert where in line and (f"field '{field}'" in line if field else True)
    assert "\n" not in line
    assert not report.ok


@pytest.mark.parametrize(
    "name",
    [".draft.json", "_scratch.json", "notes.txt", "gold.proposal.json", "gold.json~"],
)
def test_skipped_files(repo: Repo, name: str) -> None:
    repo.write(f"annotations/{ARTICLE}/{name}", b"\xff not json")
    repo.write(f"annotations/_scratch/{name}", b"\xff not json")
    repo.write(f"annotations/.cache/{name}", b"\xff not json")
    assert repo.validate().problems == []


@pytest.mark.parametrize(
    ("section", "extra"),
    [
        ("entities", {**span("Anna"), "label": "PERSON", "kb_id": None}),  # nested in "Anna Berg"
        ("dates", {**span("March 2024"), "value": "2024-03"}),  # nested in "3 March 2024"
        ("claims", claim("c4", "Anna Berg met Tomas Holm")),  # nested in c1
        ("claims", claim("c4", "Kessel. Berg said that")),  # crosses c1 and c2: allowed for claims
    ],
)
def test_nested_spans_pass(repo: Repo, section: str, extra: dict[str, Any]) -> None:
    append(section, lambda g: extra)(repo)
    assert repo.validate().problems == []


def test_all_problems_collected_in_file_then_record_order(repo: Repo) -> None:
    record("claims", 0, type="opinion")(repo)
    record("entities", 3, label="CITY")(repo)
    record("entities", 0, kb_id="nobody")(repo)
    record("dates", 1, value="2025-00")(repo)
    kb_line(1, label="PEOPLE")(repo)
    lost_folder("lost-article")(repo)
    report = repo.validate()
    assert [(Path(p.file).relative_to(repo.root).as_posix(), p.record.split(" (")[0], p.field)
            for p in report.problems] == [
        (GOLD, "entities[0]", "kb_id"),
        (GOLD, "entities[3]", "label"),
        (GOLD, "dates[1]", "value"),
        (GOLD, "claims[c1]", "type"),
        (KB, "line 2", "label"),
        ("annotations/lost-article", "", ""),
    ]
    assert report.problems == repo.validate().problems


def test_article_changed_lists_the_broken_spans(repo: Repo) -> None:
    repo.write(CORPUS_TXT, TEXT.replace("Tomas Holm", "Tomas Halm").encode())
    problems = repo.validate().problems
    assert [(p.record, p.field) for p in problems] == [
        ("", "text_sha256"),
        (f"entities[2] (start {span('Tomas Holm')['start']})", "text"),
        ("claims[c1]", "text"),
    ]
    holm = span("Tomas Holm")["start"]
    assert problems[0].message.endswith(f"2 of 10 spans no longer match: entities[2] (start {holm}), claims[c1]")


def test_problem_renders_one_line() -> None:
    problem = Problem(
        "annotations/x/gold.json", "entities[3] (start 104)", "text",
        "'Lukashenka' does not equal the article slice 'Aliaksandr' [104:114]",
    )
    assert str(problem) == (
        "annotations/x/gold.json: entities[3] (start 104): field 'text': "
        "'Lukashenka' does not equal the article slice 'Aliaksandr' [104:114]"
    )
    assert str(Problem("annotations/kb.jsonl", "", "", "KB file not found")) == (
        "annotations/kb.jsonl: KB file not found"
    )


def test_text_mismatch_message_quotes_on_one_line() -> None:
    text = "Line one\nLine two"
    obj = {**valid_gold(), "entities": [{"start": 0, "end": 13, "text": "Line one Line", "label": "ORG",
                                          "kb_id": None}], "dates": [], "claims": []}
    [problem] = check_record(obj, text, obj["text_sha256"], set(), "x.json")
    assert str(problem) == (
        "x.json: entities[0] (start 0): field 'text': 'Line one Line' does not equal "
        "the article slice 'Line one\\nLine' [0:13]"
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2024", None),
        ("2024-02", None),
        ("2024-02-29", None),
        ("1990/1999", None),
        ("2024-12/2025-02", None),
        ("2025/2025-03", None),
        ("2025-03/2025", None),
        ("PAST_REF", None),
        ("FUTURE_REF", None),
        ("2025-13", "month 13 is not 01-12"),
        ("2025-00", "month 00 is not 01-12"),
        ("2025-02-29", "2025-02 has no day 29 (01-28)"),
        ("2025-04-31", "2025-04 has no day 31 (01-30)"),
        ("2026/2025", "the interval starts (2026) after it ends (2025)"),
        ("2025-05/2025-03", "the interval starts (2025-05) after it ends (2025-03)"),
        ("25-03", "expected YYYY"),
        ("2025-3", "expected YYYY"),
        ("2025-03-01T10:00", "expected YYYY"),
        ("\uff12\uff10\uff12\uff15", "expected YYYY"),  # full-width digits are not ISO 8601
        ("present_ref", "expected YYYY"),
        ("2024/", "expected YYYY"),
        ("", "expected YYYY"),
    ],
)
def test_check_date_value(value: str, reason: str | None) -> None:
    found = check_date_value(value)
    assert found == reason if reason is None else found is not None and found.startswith(reason)


def test_check_record_without_article_or_kb_checks_shape_only() -> None:
    obj = valid_gold()
    obj["entities"][0].update(text="elsewhere", kb_id="not-in-any-kb")
    assert check_record(obj, None, None, None, "x.json") == []
    obj["entities"][0]["label"] = "CITY"
    assert [(p.record, p.field) for p in check_record(obj, None, None, None, "x.json")] == [
        (f"entities[0] (start {span('Velmari')['start']})", "label"),
    ]


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
SPAN_FIELDS = ("start", "end", "text", "label", "kb_id", "value", "id", "type", "certainty", "polarity",
               "source", "predicate", "actors", "targets", "dates")
NEAR_VALUES = (
    JSON_VALUES | st.integers(-3, 40) | st.sampled_from(["c1", "author", "kb", "PERSON", "event", "2024-02", "a b"])
    | st.lists(st.sampled_from(["kb", "x", "2024"]), max_size=3)
)
NEAR_SPANS = st.dictionaries(st.sampled_from(SPAN_FIELDS), NEAR_VALUES, max_size=len(SPAN_FIELDS))
NEAR_RECORDS = st.fixed_dictionaries(
    {"article_id": NEAR_VALUES, "annotator": NEAR_VALUES, "text_sha256": st.sampled_from(["abc", "def", 3])},
    optional={section: st.lists(NEAR_SPANS | JSON_VALUES, max_size=5) for section in ("entities", "dates", "claims")},
)


@settings(max_examples=300, deadline=None)
@given(
    obj=JSON_VALUES | NEAR_RECORDS,
    text=st.none() | st.text(max_size=40),
    kb_ids=st.none() | st.sets(st.sampled_from(["kb", "x", "author"])),
)
def test_check_record_never_raises(obj: object, text: str | None, kb_ids: set[str] | None) -> None:
    problems = check_record(obj, text, "abc", kb_ids, "x.json")
    assert isinstance(problems, list)
    assert all(isinstance(p, Problem) for p in problems)
    assert all(len(str(p).splitlines()) == 1 for p in problems)


NEW_TEXT = "Harbour Talks Resume\nBreaking update.\n" + TEXT.split("\n", 1)[1]


def test_realignment_moves_spans_to_the_new_text() -> None:
    old = valid_gold()
    before = copy.deepcopy(old)
    proposal, lines = propose_realignment(old, NEW_TEXT)
    assert old == before
    new_sha = hashlib.sha256(NEW_TEXT.encode()).hexdigest()
    assert proposal["text_sha256"] == new_sha
    assert proposal["realigned_from"] == old["text_sha256"]
    assert lines == ["10 spans moved, 0 unchanged, 0 could not be placed"]
    assert check_record(proposal, NEW_TEXT, new_sha, {e["id"] for e in KB_ENTRIES}, "x.json") == []


KESSEL = span("Kessel")["start"]


@pytest.mark.parametrize(
    ("new_text", "unplaced"),
    [
        # The name is gone from the new text, and so is the claim that holds it.
        (NEW_TEXT.replace("Kessel", "Kassel"), [
            f"entities[3] (start {KESSEL}) 'Kessel': not found in the new text",
            "claims[c1] 'On 3 March 2024 the Velmari foreign minister Anna Berg met …': not found in the new text",
        ]),
        # The name moved within its sentence and now occurs twice nearby: which one is meant cannot be told.
        (NEW_TEXT.replace("in Kessel.", "in Lund, near Kessel and Kessel."), [
            f"entities[3] (start {KESSEL}) 'Kessel': ambiguous: 2 occurrences, 2 within 200 characters "
            f"of the old start {KESSEL}",
            "claims[c1] 'On 3 March 2024 the Velmari foreign minister Anna Berg met …': not found in the new text",
        ]),
    ],
)
def test_realignment_lists_spans_it_cannot_place(new_text: str, unplaced: list[str]) -> None:
    proposal, lines = propose_realignment(valid_gold(), new_text)
    assert lines[1:] == unplaced
    assert lines[0] == f"8 spans moved, 0 unchanged, {len(unplaced)} could not be placed (they keep their old offsets)"
    assert proposal["entities"][3]["start"] == KESSEL


@pytest.mark.parametrize(
    ("new_text", "surface", "expected_start"),
    [
        # "Berg" also occurs inside "Anna Berg": the shift of the nearest unique span decides.
        (NEW_TEXT, "Berg", NEW_TEXT.index("Berg said")),
        # The shift predicts no occurrence; the only one within 200 characters is taken, not the far one.
        (NEW_TEXT.replace("in Kessel.", "in the city of Kessel.") + "x" * 300 + " Kessel\n", "Kessel",
         NEW_TEXT.index("in Kessel.") + len("in the city of ")),
    ],
)
def test_realignment_places_repeated_texts(new_text: str, surface: str, expected_start: int) -> None:
    proposal, _ = propose_realignment(valid_gold(), new_text)
    [entity] = [e for e in proposal["entities"] if e["text"] == surface]
    assert (entity["start"], entity["end"]) == (expected_start, expected_start + len(surface))


def test_unchanged_spans_stay() -> None:
    proposal, lines = propose_realignment(valid_gold(), TEXT + "Appendix.\n")
    assert lines == ["0 spans moved, 10 unchanged, 0 could not be placed"]
    assert {k: v for k, v in proposal.items() if k not in ("text_sha256", "realigned_from")} == {
        k: v for k, v in valid_gold().items() if k != "text_sha256"
    }


def test_repository_data_validates(repo_root: Path) -> None:
    if not (repo_root / "annotations/lukashenka-anti-putin-card/gold.json").exists():
        pytest.skip("the repository's gold annotations are not there yet")
    report = validate(repo_root / "annotations", repo_root / "corpus")
    assert [str(p) for p in report.problems] == []


EVALUATION = Path(__file__).resolve().parent.parent / "evaluation" / "articles"


@pytest.mark.parametrize("folder", sorted(p.name for p in EVALUATION.iterdir() if p.is_dir()))
def test_evaluation_gold_keeps_the_contract(folder: str) -> None:
    """Every gold file of the evaluation articles is valid against its text and KB."""
    root = EVALUATION / folder
    report = validate(root / "annotations", root / "corpus")
    assert report.problems == []
    assert report.files_checked == 2 and report.records_checked > 100  # the KB and the gold
