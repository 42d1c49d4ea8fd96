"""The knowledge base of SPEC section 2: one canonical entity per JSONL line."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


# Latin letters that Unicode does not decompose into a base letter and a mark.
_UNFOLDED_LETTERS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d", "þ": "th"})


def slugify(text: str) -> str:
    """The id form of a name, as KB ids are made: ASCII, lower case, words joined by hyphens.

    Diacritics fold to their base letters and apostrophes go ("Viktor Orbán" ->
    "viktor-orban", "Côte d'Ivoire" -> "cote-divoire"), so a name outside the KB
    gets the id an entry for it would have.
    """
    folded = unicodedata.normalize("NFKD", text.lower().translate(_UNFOLDED_LETTERS))
    folded = re.sub(r"['’]", "", folded.encode("ascii", "ignore").decode("ascii"))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "entity"


class KBError(ValueError):
    """A KB file that breaks the contract; `problems` holds one line per fault."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class KBEntry:
    """One canonical entity."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    wikidata: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The name and every alias, name first, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


@dataclass
class KnowledgeBase:
    """Entries by id, plus the file's hash for provenance and caching."""

    entries: dict[str, KBEntry]
    sha256: str = ""
    path: str = ""

    def __contains__(self, kb_id: object) -> bool:
        return kb_id in self.entries

    def get(self, kb_id: str | None) -> KBEntry | None:
        """Return the entry for an id, or None."""
        return self.entries.get(kb_id) if kb_id else None

    def by_surface(self) -> dict[str, list[KBEntry]]:
        """Map every name and alias to the entries that carry it, in file order."""
        index: dict[str, list[KBEntry]] = {}
        for entry in self.entries.values():
            for surface in entry.surfaces:
                index.setdefault(surface, []).append(entry)
        return index


def entry_from_json(obj: dict[str, Any]) -> KBEntry:
    """Build an entry from a validated JSON object."""
    known = {"id", "label", "name", "aliases", "metonyms", "wikidata"}
    return KBEntry(
        id=obj["id"],
        label=obj["label"],
        name=obj["name"],
        aliases=tuple(obj.get("aliases") or ()),
        metonyms=tuple(obj.get("metonyms") or ()),
        wikidata=obj.get("wikidata"),
        extra={k: v for k, v in obj.items() if k not in known},
    )


def check_kb_line(obj: Any, where: str) -> list[str]:
    """Return one problem line per contract violation in one KB record."""
    from .records import ENTITY_LABELS

    if not isinstance(obj, dict):
        return [f"{where}: a KB record must be a JSON object"]
    problems = []
    for key in ("id", "label", "name"):
        if not isinstance(obj.get(key), str) or not obj.get(key):
            problems.append(f"{where}: field '{key}' is required and must be a non-empty string")
    if isinstance(obj.get("label"), str) and obj["label"] not in ENTITY_LABELS:
        problems.append(f"{where}: field 'label' is {obj['label']!r}; expected one of {', '.join(ENTITY_LABELS)}")
    for key in ("aliases", "metonyms"):
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(a, str) and a for a in value):
            problems.append(f"{where}: field '{key}' must be a list of non-empty strings")
    if obj.get("wikidata") is not None and not isinstance(obj.get("wikidata"), str):
        problems.append(f"{where}: field 'wikidata' must be a string or null")
    return problems


def load_kb(path: Path) -> KnowledgeBase:
    """Load and check a KB file.

    Raises:
        KBError: with one line per problem (file, line, field).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KBError([f"{path}: KB file not found"]) from None
    except OSError as err:
        raise KBError([f"{path}: cannot read the KB ({err.strerror})"]) from None
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as err:
        raise KBError([f"{path}: not UTF-8 (byte {err.start})"]) from None
    entries: dict[str, KBEntry] = {}
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"{where}: invalid JSON ({err.msg} at column {err.colno})")
            continue
        line_problems = check_kb_line(obj, where)
        if line_problems:
            problems.extend(line_problems)
            continue
        if obj["id"] in entries:
            problems.append(f"{where}: duplicate KB id {obj['id']!r}")
            continue
        entries[obj["id"]] = entry_from_json(obj)
    if problems:
        raise KBError(problems)
    return KnowledgeBase(entries=entries, sha256=hashlib.sha256(data).hexdigest(), path=str(path))
