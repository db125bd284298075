"""The records every stage passes on. Plain dataclasses; `Event.to_dict()` is the PLOVER-compatible JSON."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any


def content_id(text: str) -> str:
    """A stable article id from its text (used when the input gives none)."""
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    text: str
    id: str = ""
    date: date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)


@dataclass
class Entity:
    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    other_sectors: list[str] = field(default_factory=list)
    confidence: float = 1.0
    resolved_by: str = ""  # which rule gave the code (dictionary, title, coreference, context ...)

    @property
    def code(self) -> str | None:
        parts = [p for p in (self.country, self.sector, *self.other_sectors) if p]
        return "".join(parts) or None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "name": self.name, "country": self.country, "sector": self.sector,
            "other_sectors": self.other_sectors, "code": self.code,
        }  # fmt: skip


@dataclass
class Location:
    text: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    feature: str | None = None  # city, country, or a region's kind (data/regions.tsv: province, island, base ...)
    geonameid: int | None = None
    resolution: str = "predicate"  # predicate (tied to the event), sentence, dateline

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Quantity:
    text: str
    value: float
    unit: str  # percent, USD, EUR, people, troops, ...
    kind: str  # budget_change, money, dead, injured, arrested, troops, count, weapons

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False  # conditional, intended, speculated or denied: not (yet) real
    future: bool = False
    historical: bool = False
    reported_by: str | None = None
    reason: str | None = None  # the cue that set a flag, e.g. "neg:not", "speculation", "xcomp:urge"

    @property
    def realized(self) -> bool:
        return not (self.negated or self.hypothetical or self.future or self.historical)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Event:
    doc_id: str
    event: str  # PLOVER type, or STATEMENT
    cameo: str
    text: str  # the sentence
    start: int  # sentence offsets in the document
    end: int
    sentence: int
    trigger: str  # the predicate words, e.g. "held talks"
    trigger_span: tuple[int, int]  # document offsets of the predicate head
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    mode: str = ""
    context: list[str] = field(default_factory=list)
    date: date | None = None
    date_source: str = "none"  # explicit, relative, published, none
    event_loc: Location | None = None
    modality: Modality = field(default_factory=Modality)
    quantities: list[Quantity] = field(default_factory=list)
    confidence: float = 0.5
    decided_by: str = ""  # the lexicon rule or model that gave the type
    url: str | None = None
    title: str | None = None
    source: str | None = None

    @property
    def id(self) -> str:
        dyad = ",".join(e.code or e.text for e in self.actor) + ">" + ",".join(e.code or e.text for e in self.recipient)
        key = f"{self.doc_id}|{self.sentence}|{self.trigger_span[0]}|{self.event}|{dyad}"
        return "ev-" + hashlib.sha1(key.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        from eventwire import __version__
        from eventwire.ontology import cameo, quad_class

        size = {q.kind: int(q.value) for q in self.quantities if q.kind in ("dead", "injured", "arrested")}
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "date": self.date.isoformat() if self.date else None,
            "date_source": self.date_source,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [r.to_dict() for r in self.recipient],
            "event": self.event,
            "mode": self.mode,
            "context": self.context,
            "cameo": self.cameo,
            "cameo_name": cameo(self.cameo).name,
            "quad_class": quad_class(self.cameo),
            "quad_code": quad_class(self.cameo),
            "goldstein": cameo(self.cameo).goldstein,
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "event_text": self.trigger,
            "text": self.text,
            "text_info": {
                "start": self.start,
                "end": self.end,
                "sentence": self.sentence,
                "trigger_start": self.trigger_span[0],
                "trigger_end": self.trigger_span[1],
            },  # fmt: skip
            "modality": self.modality.to_dict(),
            "quantities": [q.to_dict() for q in self.quantities],
            "size": size or None,
            "confidence": round(self.confidence, 3),
            "decided_by": self.decided_by,
            "cite_info": {"url": self.url, "title": self.title, "publication": self.source},
            "coder": f"eventwire {__version__}",
        }


@dataclass
class Argument:
    """A noun phrase that fills a predicate's role; `tokens` are spaCy tokens of the phrase."""

    span: Any  # spacy.tokens.Span
    role: str  # actor, recipient, place, with, between ...
    via: str  # the dependency or preposition that linked it


@dataclass
class Candidate:
    """An event predicate found in a sentence with its arguments, before it is typed and resolved."""

    sent: Any  # spacy.tokens.Span (the sentence)
    sent_index: int
    head: Any  # spacy.tokens.Token: the predicate word (verb or event noun)
    light: Any | None  # the light verb governing a noun predicate ("held" in "held talks")
    kind: str  # verb, noun
    cues: list[str]  # particles, prepositions, object and modifier lemmas that refine the lexicon
    args: list[Argument] = field(default_factory=list)
    modality: Modality = field(default_factory=Modality)
    label: tuple[str, str, str] | None = None  # (type, cameo, decided_by), set by classify
    confidence: float = 0.0

    @property
    def trigger_tokens(self) -> list[Any]:
        return sorted([t for t in (self.light, self.head) if t is not None], key=lambda t: t.i)


@dataclass
class InputError:
    """A record that could not be read; `record` names it (file, file:line, url)."""

    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.record}: {self.message}"
