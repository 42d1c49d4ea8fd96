"""General reference entries for the knowledge base (SPEC section 2).

An article about any country should meet a KB that already knows the world's
states, their capitals and peoples, the main international organisations and a
few geopolitical regions. This module builds those entries from data, never
from an article, and appends them to a hand-curated KB without touching it.

Sources:

* `countryinfo` for states and territories: short name, alternative
  spellings, capital and demonym. `data/reference_countries.jsonl` corrects it
  (canonical English short names, current capitals, demonyms and the names of
  peoples), classifies each record (UN member state, partially recognised or
  de facto state, former state, territory, or skipped) and adds what the
  package lacks (Kosovo, de facto states such as Abkhazia or Transnistria,
  former states such as the Soviet Union, disputed territories such as
  Crimea). A record no line names is a UN member state, used as it is.
* `data/reference_cities.jsonl`: English variants and ids of capital cities.
* `data/reference_organisations.jsonl` and `data/reference_regions.jsonl`:
  hand-written KB records (ORG; LOC and group NORP).

`data/README.md` describes every file and field.

Conventions, as in the hand-curated KB:

* ids are slugs of the canonical English name (`united-kingdom`), or the
  usual abbreviation where the name is one (`nato`, `osce`);
* a state (GPE) lists its capital among `aliases` and in `metonyms`, so that
  "Minsk decided" links to `belarus`; the capital has its own GPE entry for
  literal uses ("talks in Minsk"), with a `country` field and a note. A
  capital named like another entry gets a qualified id (`djibouti-city`). A
  city-state has no separate capital. Where a seat usually stands for an
  organisation, not its state, it is no metonym of the state ("Brussels" is
  the EU's, see `european-union`);
* a people (NORP) is named in the plural (`Belarusians`) with the adjective
  ("Belarusian troops") and the singular noun as aliases, and its `country`
  is the state's id: SPEC maps an agent named only by a nationality adjective
  to the state;
* `wikidata` is set only where the data file states it (ids checked by
  hand); elsewhere it is null.

Aliases are English forms usable in prose. From `countryinfo`'s alternative
spellings an alias is kept when it is written in Latin script and every word
belongs to the country's English names or to the vocabulary of state forms
("Republic of Belarus", "Kingdom of Belgium"); a one-word spelling must be an
English name itself. This drops native names ("Bielaruś", "Nippon") and
demonyms listed as spellings ("Togolese"). ISO codes are dropped except the
few used in prose (`PROSE_CODES`). Every surface also gets its ASCII spelling
("Chisinau" for "Chișinău") and a typographic-apostrophe spelling ("Côte
d’Ivoire"), since articles use both.

`AMBIGUOUS` lists surfaces that must never be aliases or metonyms: common
English words and first names that would match outside their sense. A capital
with such a name gets no entry and is no metonym (Victoria, Seychelles;
Kingston, Jamaica; Malé, Maldives, spelt "Male" in ASCII, keeps its entry
under its accented name only). A state keeps its own name even where it is
ambiguous (Chad, Jordan, Georgia, Turkey): without it the KB would not know
the state at all; telling the senses apart is the linker's job.

Command line (the one place here that knows about files and exit codes)::

    python -m pipeline.kbseed --kb annotations/kb.jsonl            # count only
    python -m pipeline.kbseed --kb annotations/kb.jsonl --write    # append in place
    python -m pipeline.kbseed --kb annotations/kb.jsonl --out /tmp/kb.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .files import dumps_line, write_text_atomic
from .kb import KBError, load_kb, slugify as slug

DATA_DIR = Path(__file__).parent / "data"
COUNTRIES_FILE = DATA_DIR / "reference_countries.jsonl"
CITIES_FILE = DATA_DIR / "reference_cities.jsonl"
ORGANISATIONS_FILE = DATA_DIR / "reference_organisations.jsonl"
REGIONS_FILE = DATA_DIR / "reference_regions.jsonl"

# Country codes that English prose uses as names; every other ISO code is dropped.
PROSE_CODES = frozenset({"US", "USA", "UK", "UAE", "DRC"})

# Surfaces never used as an alias or metonym (see the module docstring).
AMBIGUOUS = frozenset({
    # common English words
    "Male", "Nice", "Of",
    # first names and surnames
    "Chad", "Jordan", "Victoria", "Kingston", "Douglas", "Hamilton", "Stanley",
})

# Words of official English state names besides the country's own names.
STATE_FORM_WORDS = frozenset({
    "Arab", "Bolivarian", "Commonwealth", "Confederation", "Co-operative", "Democratic", "Duchy",
    "Eastern", "Federal", "Federated", "Federation", "Federative", "Grand", "Hashemite", "Independent",
    "Islamic", "Kingdom", "Oriental", "People's", "Plurinational", "Principality", "Republic",
    "Socialist", "State", "Sultanate", "Union", "United", "and", "of", "the",
})

# Record classes in reference_countries.jsonl.
STATE_LIKE = ("state", "partially recognised state", "de facto state", "former state")
STATUSES = (*STATE_LIKE, "territory", "skip")  # state-like records have capitals and peoples by default


@dataclass(frozen=True)
class Country:
    """One state or territory after `countryinfo` and the data file are combined."""

    id: str
    name: str
    status: str
    aliases: tuple[str, ...]
    capitals: tuple[str, ...]
    not_metonyms: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: str | None
    people_aliases: tuple[str, ...]
    wikidata: str | None
    note: str | None


# -- spelling helpers ------------------------------------------------------------
def ascii_spelling(surface: str) -> str | None:
    """The surface without diacritics, or None when that is not plain ASCII ("Chișinău" -> "Chisinau")."""
    decomposed = unicodedata.normalize("NFKD", surface)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return folded if folded.isascii() else None


def spelling_variants(surface: str) -> list[str]:
    """The surface, its ASCII spelling and their typographic-apostrophe spellings, without repeats."""
    forms = [surface]
    folded = ascii_spelling(surface)
    if folded:
        forms.append(folded)
    forms += [form.replace("'", "’") for form in forms if "'" in form]
    return list(dict.fromkeys(forms))


def is_latin(text: str) -> bool:
    """True when every letter of `text` is a Latin letter."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def is_english_spelling(spelling: str, english_names: Iterable[str]) -> bool:
    """True when an alternative spelling is an English form of one of `english_names`.

    A one-word spelling must be one of the names; a longer one may only use their
    words and the words of official state names ("Republic of Belarus"). Inverted
    forms ("Bolivia, Plurinational State of") are not prose.
    """
    if "," in spelling or "(" in spelling:
        return False
    names = set(english_names)
    if spelling in PROSE_CODES or spelling in names:
        return True
    words = spelling.split()
    if len(words) < 2 or not is_latin(spelling):
        return False
    vocabulary = STATE_FORM_WORDS | {word for name in names for word in re.split(r"[\s-]+", name)}
    return all(word in vocabulary for part in words for word in part.split("-"))


def entry_aliases(name: str, candidates: Iterable[str]) -> list[str]:
    """The aliases of an entry named `name`: its spelling variants, then each candidate's.

    A leading "the" is dropped (SPEC: it stays outside the span), and so are the
    name itself, `AMBIGUOUS` surfaces and repeats.
    """
    aliases: list[str] = []
    for candidate in [name, *candidates]:
        candidate = re.sub(r"^[Tt]he ", "", candidate.strip())
        for form in spelling_variants(candidate) if candidate else []:
            if form != name and form not in AMBIGUOUS and form not in aliases:
                aliases.append(form)
    return aliases


def people_name(adjective: str) -> str:
    """The plural name of a people from its adjective, for the regular cases.

    "Belarusian" -> "Belarusians"; "Chinese", "Swiss", "Dutch", "Seychellois" do not
    change. Irregular names ("Poles", "Britons") are given in the data file.
    """
    if adjective.endswith(("ese", "ss", "ch", "sh", "ois")):
        return adjective
    return adjective + "s"


# -- data files ------------------------------------------------------------------
def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL data file: one JSON object per non-blank line."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{number}: invalid JSON ({err.msg} at column {err.colno})") from None
    return records


def _countryinfo_records() -> dict[str, dict[str, Any]]:
    """`countryinfo`'s record for every ISO alpha-2 code (the package's authoritative one)."""
    from countryinfo import CountryInfo, all_countries

    codes = sorted({code for country in all_countries() if (code := country.iso(2))})
    return {code: dict(CountryInfo(code).info()) for code in codes}


def _as_list(value: Any) -> list[str]:
    """A `countryinfo` field that may be a string, a list or missing, as a list of non-empty strings."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [item for item in value or [] if isinstance(item, str) and item.strip()]


def _country(package: dict[str, Any], amendment: dict[str, Any]) -> Country:
    """Combine a `countryinfo` record (possibly empty) with its line of the data file."""
    status = amendment.get("status", "state")
    name = amendment.get("name") or package["name"]
    english_names = [name, package.get("name", ""), *amendment.get("aliases", [])]
    spellings = [
        spelling for spelling in _as_list(package.get("altSpellings"))
        if is_english_spelling(spelling, english_names)
    ]
    state_like = status in STATE_LIKE
    capitals = amendment.get("capitals", _as_list(package.get("capital")) if state_like else [])
    adjectives = amendment.get("adjectives") or [
        adjective.strip() for adjective in re.split(r",| and ", package.get("demonym") or "") if adjective.strip()
    ]
    people = amendment.get("people", people_name(adjectives[0]) if state_like and adjectives else None)
    return Country(
        id=amendment.get("id") or slug(name),
        name=name,
        status=status,
        aliases=tuple(entry_aliases(name, [*amendment.get("aliases", []), *spellings])),
        capitals=tuple(capitals),
        not_metonyms=tuple(amendment.get("not_metonyms", [])),
        adjectives=tuple(adjectives),
        people=people,
        people_aliases=tuple(amendment.get("people_aliases", [])),
        wikidata=amendment.get("wikidata"),
        note=amendment.get("note"),
    )


@cache
def countries() -> tuple[Country, ...]:
    """Every state and territory of the reference, sorted by id (skipped records left out).

    Raises:
        ValueError: a data-file line with an unknown status or ISO code, or without a name.
    """
    package = _countryinfo_records()
    amendments = read_jsonl(COUNTRIES_FILE)
    found: list[Country] = []
    amended_codes: set[str | None] = set()
    for number, amendment in enumerate(amendments, start=1):
        where = f"{COUNTRIES_FILE.name}:{number}"
        code = amendment.get("iso2")
        if amendment.get("status", "state") not in STATUSES:
            raise ValueError(f"{where}: status {amendment['status']!r}; expected one of {', '.join(STATUSES)}")
        if code is not None and code not in package:
            raise ValueError(f"{where}: iso2 {code!r} is not a countryinfo code")
        if code is None and not amendment.get("name"):
            raise ValueError(f"{where}: a country that countryinfo lacks needs a 'name'")
        amended_codes.add(code)
        if amendment.get("status") != "skip":
            found.append(_country(package.get(code, {}) if code else {}, amendment))
    found += [_country(record, {}) for code, record in package.items() if code not in amended_codes]
    return tuple(sorted(found, key=lambda country: country.id))


@cache
def capital_spellings() -> dict[str, dict[str, Any]]:
    """Lines of `reference_cities.jsonl` by capital name."""
    return {city["name"]: city for city in read_jsonl(CITIES_FILE)}


# -- entries ---------------------------------------------------------------------
def _record(
    kb_id: str,
    label: str,
    name: str,
    aliases: Sequence[str],
    *,
    metonyms: Sequence[str] = (),
    wikidata: str | None = None,
    **extra: str | None,
) -> dict[str, Any]:
    """A KB record (SPEC section 2); empty metonyms and None-valued extra fields are left out."""
    record: dict[str, Any] = {"id": kb_id, "label": label, "name": name, "aliases": list(aliases)}
    if metonyms:
        record["metonyms"] = list(metonyms)
    record["wikidata"] = wikidata
    record.update((key, value) for key, value in extra.items() if value is not None)
    return record


def _capital_entries(country: Country, state_ids: set[str]) -> list[dict[str, Any]]:
    """The GPE entries of a country's capitals (literal uses), each with its `country`."""
    entries = []
    for capital in country.capitals:
        if capital in AMBIGUOUS:
            continue
        spelling = capital_spellings().get(capital, {})
        kb_id = spelling.get("id") or slug(capital)
        if kb_id in state_ids:
            kb_id += "-city"
        note = spelling.get("note") or f"the city (literal uses); the government is '{country.id}'"
        aliases = entry_aliases(capital, spelling.get("aliases", []))
        entries.append(_record(kb_id, "GPE", capital, aliases, note=note, country=country.id))
    return entries


def _state_entry(country: Country, capitals: list[dict[str, Any]]) -> dict[str, Any]:
    """The GPE entry of a state or territory; its capitals' surfaces are aliases and metonyms."""
    metonyms = [
        surface
        for capital in capitals
        for surface in [capital["name"], *capital["aliases"]]
        if capital["name"] not in country.not_metonyms
    ]
    aliases = [*country.aliases, *(m for m in metonyms if m not in country.aliases and m != country.name)]
    return _record(
        country.id, "GPE", country.name, aliases, metonyms=metonyms, wikidata=country.wikidata, note=country.note
    )


def _people_entry(country: Country) -> dict[str, Any] | None:
    """The NORP entry of a country's people, or None when it has none."""
    if not country.people:
        return None
    aliases = entry_aliases(country.people, [*country.adjectives, *country.people_aliases])
    return _record(slug(country.people), "NORP", country.people, aliases, country=country.id)


def reference_entries() -> list[dict[str, Any]]:
    """Every reference KB record, in a fixed order.

    States and territories come first, sorted by id, each followed by its capital
    cities and its people; then the organisations and the regions, in file order.
    """
    all_countries = countries()
    state_ids = {country.id for country in all_countries}
    entries: list[dict[str, Any]] = []
    for country in all_countries:
        capitals = _capital_entries(country, state_ids)
        entries.append(_state_entry(country, capitals))
        entries.extend(capitals)
        people = _people_entry(country)
        if people:
            entries.append(people)
    for path in (ORGANISATIONS_FILE, REGIONS_FILE):
        entries.extend(_hand_written_entry(record) for record in read_jsonl(path))
    return entries


def _hand_written_entry(record: dict[str, Any]) -> dict[str, Any]:
    """A record of a hand-written data file in the common field order, with spelling variants added."""
    core = {"id", "label", "name", "aliases", "metonyms", "wikidata"}
    return _record(
        record["id"],
        record["label"],
        record["name"],
        entry_aliases(record["name"], record.get("aliases", [])),
        metonyms=record.get("metonyms", ()),
        wikidata=record.get("wikidata"),
        **{key: value for key, value in record.items() if key not in core},
    )


# -- merging ---------------------------------------------------------------------
def _identity_surfaces(record: dict[str, Any]) -> list[str]:
    """The name, and the aliases that are no metonyms (those name other places standing for it)."""
    metonyms = set(record.get("metonyms") or [])
    return [record["name"], *(alias for alias in record.get("aliases") or [] if alias not in metonyms)]


def merge_reference(existing: list[dict[str, Any]], reference: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Append the reference records that the existing KB lacks; existing records win.

    A reference record is skipped when its id is already used, or when its name is a
    name or alias of an existing entry with the same label (the entity is already
    there under another id). Its aliases that collide that way are dropped. Metonyms
    never count as collisions: "Minsk" is both Belarus's metonym and the city's name,
    and a capital may share its state's name ("Luxembourg"). A later record that
    points to a skipped one (`country`, and the id quoted in its `note`) is
    redirected to the existing entry that covers it.

    Args:
        existing: The hand-curated KB records, in file order; they are not modified.
        reference: Records from `reference_entries()`.

    Returns:
        The existing records, unchanged and in order, followed by the new ones.
    """
    merged = list(existing)
    taken_ids = {record["id"] for record in existing}
    holders: dict[tuple[str, str], str] = {}
    for record in existing:
        for surface in _identity_surfaces(record):
            holders.setdefault((record["label"], surface), record["id"])
    redirect: dict[str, str] = {}
    for record in reference:
        if record["id"] in taken_ids:
            continue
        country = redirect.get(record.get("country", ""), record.get("country"))
        colliding = {  # held by an existing entry other than the record's own country
            surface
            for surface in _identity_surfaces(record)
            if holders.get((record["label"], surface), country) != country
        }
        if record["name"] in colliding:
            redirect[record["id"]] = holders[(record["label"], record["name"])]
            continue
        added = dict(record, aliases=[alias for alias in record["aliases"] if alias not in colliding])
        if country and country != record.get("country"):
            added["country"] = country
            if "note" in added:
                added["note"] = added["note"].replace(f"'{record['country']}'", f"'{country}'")
        merged.append(added)
        taken_ids.add(record["id"])
    return merged


# -- command line ----------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.kbseed",
        description="Add general reference entries (states, capitals, peoples, organisations, regions) "
        "to a KB file. Existing lines are kept byte for byte; new lines go after them.",
    )
    parser.add_argument("--kb", type=Path, default=Path("annotations/kb.jsonl"), help="the KB file (JSONL)")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--write", action="store_true", help="rewrite the KB file with the new entries appended")
    target.add_argument("--out", type=Path, help="write the extended KB to this file instead; the KB is not touched")
    return parser


def metonym_gaps(existing: list[dict[str, Any]], reference: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Metonyms the reference gives an entry that the existing KB has under the same id but without them.

    `merge_reference` never edits existing records, so a curator may want to add
    these by hand ("Budapest" to a `hungary` entry that lacks it).
    """
    reference_metonyms = {record["id"]: record.get("metonyms") or [] for record in reference}
    gaps: dict[str, list[str]] = {}
    for record in existing:
        missing = [m for m in reference_metonyms.get(record["id"], []) if m not in (record.get("metonyms") or [])]
        if missing:
            gaps[record["id"]] = missing
    return gaps


def main(argv: Sequence[str] | None = None) -> int:
    """Count, and optionally write, the reference entries a KB file lacks.

    Returns:
        0 on success; 2 on bad input (a missing or invalid KB, or `countryinfo`
        not installed), with one line per problem on stderr.
    """
    args = _parser().parse_args(argv)
    try:
        load_kb(args.kb)
        text = args.kb.read_bytes().decode("utf-8")
        reference = reference_entries()
    except KBError as err:
        print("\n".join(err.problems), file=sys.stderr)
        return 2
    except ModuleNotFoundError as err:
        print(f"{err.name} is not installed; install the 'kb' extra: pip install -e '.[kb]'", file=sys.stderr)
        return 2
    existing = [json.loads(line) for line in text.splitlines() if line.strip()]
    added = merge_reference(existing, reference)[len(existing):]
    by_label = Counter(record["label"] for record in added)
    counts = ", ".join(f"{label} {by_label[label]}" for label in sorted(by_label)) or "none"
    print(f"{args.kb}: {len(existing)} entries; {len(added)} of {len(reference)} reference entries to add ({counts})")
    gaps = metonym_gaps(existing, reference)
    if gaps:
        listed = "; ".join(f"{kb_id} ({', '.join(metonyms)})" for kb_id, metonyms in gaps.items())
        print(f"existing entries without the reference's metonyms, left as they are: {listed}")
    target = args.kb if args.write else args.out
    if target is not None:
        if text and not text.endswith("\n"):
            text += "\n"
        write_text_atomic(target, text + "".join(dumps_line(record) + "\n" for record in added))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
