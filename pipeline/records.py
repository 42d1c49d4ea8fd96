"""Annotation records of SPEC section 3, as small typed dataclasses.

Gold files and the pipeline's output share one record shape. This module is
the one place where records are converted to and from JSON; every other module
works with the dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ENTITY_LABELS = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC",
    "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
)
CLAIM_TYPES = ("event", "fact", "assessment", "prediction")
CERTAINTIES = ("certain", "probable", "possible")
POLARITIES = ("positive", "negative")
VAGUE_DATES = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")


@dataclass(frozen=True, order=True)
class Entity:
    """A named-entity mention linked (or not) to the knowledge base."""

    start: int
    end: int
    text: str
    label: str
    kb_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the SPEC section 3 JSON object."""
        # Not `asdict`: its deep copy costs ~1% of extraction time (bench/bench.py).
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label, "kb_id": self.kb_id}


@dataclass(frozen=True, order=True)
class DateMention:
    """A temporal expression with its ISO 8601 / TimeML value."""

    start: int
    end: int
    text: str
    value: str | None

    def to_json(self) -> dict[str, Any]:
        """Return the SPEC section 3 JSON object."""
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value}


@dataclass(frozen=True)
class Claim:
    """One proposition asserted or reported by an article."""

    id: str
    start: int
    end: int
    text: str
    type: str
    certainty: str = "certain"
    polarity: str = "positive"
    source: str = "author"
    predicate: str = ""
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Return the SPEC section 3 JSON object."""
        return {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text, "type": self.type,
            "certainty": self.certainty, "polarity": self.polarity, "source": self.source,
            "predicate": self.predicate, "actors": list(self.actors), "targets": list(self.targets),
            "dates": list(self.dates),
        }


@dataclass
class AnnotationRecord:
    """All annotations of one article by one annotator (gold or pipeline)."""

    article_id: str
    annotator: str
    text_sha256: str
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Return the SPEC section 3 JSON object, extra fields last."""
        record: dict[str, Any] = {
            "article_id": self.article_id,
            "annotator": self.annotator,
            "text_sha256": self.text_sha256,
            "entities": [e.to_json() for e in self.entities],
            "dates": [d.to_json() for d in self.dates],
            "claims": [c.to_json() for c in self.claims],
        }
        record.update(self.extra)
        return record

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> AnnotationRecord:
        """Build a record from already validated JSON (see `validate.py`)."""
        known = {"article_id", "annotator", "text_sha256", "entities", "dates", "claims"}
        return cls(
            article_id=obj["article_id"],
            annotator=obj["annotator"],
            text_sha256=obj["text_sha256"],
            entities=[
                Entity(e["start"], e["end"], e["text"], e["label"], e.get("kb_id"))
                for e in obj.get("entities", [])
            ],
            dates=[
                DateMention(d["start"], d["end"], d["text"], d.get("value"))
                for d in obj.get("dates", [])
            ],
            claims=[claim_from_json(c) for c in obj.get("claims", [])],
            extra={k: v for k, v in obj.items() if k not in known},
        )


def claim_from_json(obj: dict[str, Any]) -> Claim:
    """Build a `Claim` from its JSON object."""
    return Claim(
        id=str(obj["id"]),
        start=obj["start"],
        end=obj["end"],
        text=obj["text"],
        type=obj["type"],
        certainty=obj.get("certainty", "certain"),
        polarity=obj.get("polarity", "positive"),
        source=obj.get("source", "author"),
        predicate=obj.get("predicate", ""),
        actors=tuple(obj.get("actors", [])),
        targets=tuple(obj.get("targets", [])),
        dates=tuple(obj.get("dates", [])),
    )
