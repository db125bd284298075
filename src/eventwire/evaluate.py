"""Score events against gold files: the typed, penta and article formats of the shared gold README.

`load_gold` reads and checks a gold file, `read_preds` reads predictions leniently (eventwire JSONL or
anything close to it), `code_gold` codes the gold texts in-process, and `score` turns gold and predictions
into one JSON-ready summary. `plot_confusions` draws the summary's confusion matrices to a PNG.
Predictions from `code_gold` go through the same reader as saved ones, so both are scored alike.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.ontology import PLOVER_TYPES

if TYPE_CHECKING:
    from eventwire.pipeline import Options

RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}  # either side may be the source
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
PENTA_NAMES = ["statement/appeal", "verbal coop", "material coop", "verbal conflict", "material conflict"]
TYPE_PENTA = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4, "SANCTION": 4,
}  # fmt: skip
NONE = "NONE"  # the confusion label of a sentence with no event


class GoldError(ValueError):
    """A gold record that cannot be read; the message starts with where it is (file:line)."""


# ---------------------------------------------------------------- gold


@dataclass
class TypedEvent:
    type: str
    source: str | None  # actor codes; the country is the first three letters
    target: str | None


@dataclass
class PentaEvent:
    penta: int
    source_text: str | None
    target_text: str | None


@dataclass
class Item:
    """A required or optional event of an article."""

    id: str
    types: list[str]
    source: str | None
    target: str | None
    unordered: bool
    anchor: str
    loc: tuple[float, float, float] | None = None  # lat, lon, km
    date: str | None = None
    quantity: tuple[float, str] | None = None


@dataclass
class Forbidden:
    id: str
    types: list[str] | None
    anchor: str | None
    countries_not_in: list[str] | None
    why: str = ""


@dataclass
class Gold:
    id: str
    text: str
    kind: str  # typed, penta, article
    where: str  # file:line, for messages
    date: date | None = None
    typed: list[TypedEvent] = field(default_factory=list)
    penta: list[PentaEvent] = field(default_factory=list)
    required: list[Item] = field(default_factory=list)
    optional: list[Item] = field(default_factory=list)
    forbidden: list[Forbidden] = field(default_factory=list)


def load_gold(path: str | Path) -> list[Gold]:
    """Read a gold file (JSONL, or one JSON object or list); raise GoldError naming the bad record."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read: {exc}") from None
    return parse_gold(_json_records(text, str(path)))


def _json_records(text: str, name: str) -> list[tuple[str, Any]]:
    """(where, object) pairs from JSONL, or from one JSON document (an object or a list) spread over lines."""
    if not text.strip():
        raise GoldError(f"{name}: the file is empty")
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append((f"{name}:{n}", json.loads(line)))
        except json.JSONDecodeError as exc:
            try:
                whole = json.loads(text)
            except json.JSONDecodeError:
                raise GoldError(f"{name}:{n}: not valid JSON ({exc.msg} at column {exc.colno})") from None
            if isinstance(whole, list):
                return [(f"{name}[{i}]", obj) for i, obj in enumerate(whole)]
            return [(name, whole)]
    if len(out) == 1 and isinstance(out[0][1], list):  # a JSON list on one line
        return [(f"{name}[{i}]", obj) for i, obj in enumerate(out[0][1])]
    return out


def parse_gold(records: Iterable[tuple[str, Any]]) -> list[Gold]:
    """Gold records from (where, JSON object) pairs; the format of each is read from its keys."""
    raw = list(records)
    kinds = [_kind(obj, where) for where, obj in raw]
    majority = Counter(k for k in kinds if k).most_common(1)
    default = majority[0][0] if majority else "typed"
    golds: list[Gold] = []
    seen: dict[str, str] = {}
    for (where, obj), kind in zip(raw, kinds, strict=True):
        gold = _gold(obj, kind or default, where)
        if gold.id in seen:
            raise GoldError(f"{where}: duplicate id {gold.id!r} (first at {seen[gold.id]})")
        seen[gold.id] = where
        golds.append(gold)
    return golds


def _kind(obj: Any, where: str) -> str | None:
    """typed, penta or article; None for `events: []` (the file's majority format decides)."""
    if not isinstance(obj, dict):
        raise GoldError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    if any(k in obj for k in ("required", "optional", "forbidden")):
        return "article"
    events = obj.get("events")
    if not isinstance(events, list):
        raise GoldError(f"{where}: no 'events' list and no 'required'/'optional'/'forbidden': unknown gold format")
    if not events:
        return None
    if not all(isinstance(e, dict) for e in events):
        raise GoldError(f"{where}: every item of 'events' must be an object")
    if all("penta" in e for e in events):
        return "penta"
    if all("type" in e for e in events):
        return "typed"
    raise GoldError(f"{where}: each event needs 'type' (typed gold) or 'penta' (penta gold), not a mix")


def _gold(obj: dict[str, Any], kind: str, where: str) -> Gold:
    gid, text = obj.get("id"), obj.get("text")
    if not isinstance(gid, str | int) or isinstance(gid, bool) or str(gid) == "":
        raise GoldError(f"{where}: missing 'id'")
    if not isinstance(text, str) or not text.strip():
        raise GoldError(f"{where}: missing 'text' (a non-empty string)")
    gold = Gold(id=str(gid), text=text, kind=kind, where=where, date=_date(obj.get("date"), where))
    events = obj.get("events") or []
    if kind == "typed":
        gold.typed = [_typed_event(e, f"{where} event {i + 1}") for i, e in enumerate(events)]
    elif kind == "penta":
        gold.penta = [_penta_event(e, f"{where} event {i + 1}") for i, e in enumerate(events)]
    else:
        for key in ("required", "optional", "forbidden"):
            if not isinstance(obj.get(key, []), list):
                raise GoldError(f"{where}: '{key}' must be a list")
        gold.required = [_item(x, f"{where} required {i + 1}", "R") for i, x in enumerate(obj.get("required", []))]
        gold.optional = [_item(x, f"{where} optional {i + 1}", "O") for i, x in enumerate(obj.get("optional", []))]
        gold.forbidden = [_forbidden(x, f"{where} forbidden {i + 1}") for i, x in enumerate(obj.get("forbidden", []))]
    return gold


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise GoldError(f"{where}: 'date' is not YYYY-MM-DD: {value!r}") from None


def _plover(value: Any, where: str) -> str:
    name = OLD_LABELS.get(str(value).upper(), str(value).upper())
    if name not in PLOVER_TYPES:
        raise GoldError(f"{where}: {value!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    return name


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise GoldError(f"{where}: '{key}' must be a string or null, got {value!r}")
    return value or None


def _typed_event(e: dict[str, Any], where: str) -> TypedEvent:
    return TypedEvent(_plover(e["type"], where), _opt_str(e, "source", where), _opt_str(e, "target", where))


def _penta_event(e: dict[str, Any], where: str) -> PentaEvent:
    value = e["penta"]
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 4:
        raise GoldError(f"{where}: 'penta' must be an integer 0-4, got {value!r}")
    return PentaEvent(value, _opt_str(e, "source_text", where), _opt_str(e, "target_text", where))


def _item(x: Any, where: str, prefix: str) -> Item:
    if not isinstance(x, dict):
        raise GoldError(f"{where}: expected an object")
    types = x.get("types") or ([x["type"]] if x.get("type") else None)
    if not isinstance(types, list) or not types:
        raise GoldError(f"{where}: needs 'type' or a non-empty 'types' list")
    anchor = x.get("anchor")
    if not isinstance(anchor, str) or not anchor.strip():
        raise GoldError(f"{where}: needs an 'anchor' (the words the event's sentence contains)")
    item = Item(
        id=str(x.get("id") or f"{prefix}{where.rsplit(' ', 1)[-1]}"), types=[_plover(t, where) for t in types],
        source=_opt_str(x, "source_country", where), target=_opt_str(x, "target_country", where),
        unordered=bool(x.get("unordered")), anchor=anchor,
        date=str(_date(x["date"], where)) if x.get("date") else None,
    )  # fmt: skip
    try:
        if x.get("loc"):
            item.loc = (float(x["loc"]["lat"]), float(x["loc"]["lon"]), float(x["loc"]["km"]))
        if x.get("quantity"):
            item.quantity = (float(x["quantity"]["value"]), _unit(x["quantity"]["unit"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"{where}: bad 'loc' {{lat, lon, km}} or 'quantity' {{value, unit}}: {exc!r}") from None
    return item


def _forbidden(x: Any, where: str) -> Forbidden:
    if not isinstance(x, dict):
        raise GoldError(f"{where}: expected an object")
    types, countries = x.get("types"), x.get("countries_not_in")
    for key, value in (("types", types), ("countries_not_in", countries)):
        if value is not None and not isinstance(value, list):
            raise GoldError(f"{where}: '{key}' must be a list or null")
    return Forbidden(
        id=str(x.get("id") or f"F{where.rsplit(' ', 1)[-1]}"), types=[_plover(t, where) for t in types] if types else None,
        anchor=_opt_str(x, "anchor", where), countries_not_in=countries or None, why=str(x.get("why") or ""),
    )  # fmt: skip


# ---------------------------------------------------------------- predictions


@dataclass
class Pred:
    """One predicted event, reduced to what the scores look at. Countries may be None."""

    doc_id: str | None
    type: str | None
    cameo: str | None = None
    confidence: float = 0.0
    actors: list[tuple[str, str | None]] = field(default_factory=list)  # (text, country)
    recipients: list[tuple[str, str | None]] = field(default_factory=list)
    text: str | None = None
    span: tuple[int, int] | None = None  # text_info start/end, to cut `text` from the document
    trigger: str = ""
    date: str | None = None
    loc: tuple[float, float] | None = None
    quantities: list[tuple[float, str]] = field(default_factory=list)

    @property
    def actor_countries(self) -> list[str]:
        return [c for _, c in self.actors if c]

    @property
    def recipient_countries(self) -> list[str]:
        return [c for _, c in self.recipients if c]


def read_preds(text: str) -> tuple[list[Pred], int]:
    """Predictions from JSONL (or one JSON list/document) and the number of lines that were not JSON."""
    try:
        return _flatten(json.loads(text), None), 0
    except json.JSONDecodeError:
        pass  # JSONL
    preds: list[Pred] = []
    bad = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            preds.extend(_flatten(json.loads(line), None))
        except json.JSONDecodeError:
            bad += 1
    return preds, bad


def _flatten(obj: Any, doc_id: str | None) -> list[Pred]:
    if isinstance(obj, list):
        return [p for x in obj for p in _flatten(x, doc_id)]
    if not isinstance(obj, dict):
        return []
    if isinstance(obj.get("events"), list) and "event" not in obj:  # a document with its events
        return _flatten(obj["events"], str(obj.get("doc_id") or obj.get("id") or "") or doc_id)
    return [pred_from_dict(obj, doc_id)]


def pred_from_dict(d: dict[str, Any], doc_id: str | None = None) -> Pred:
    """One event record, read leniently (missing fields are null; old labels and `target` accepted)."""
    typ = d.get("event")
    typ = OLD_LABELS.get(str(typ).upper(), str(typ).upper()) if typ else None
    info, where = _obj(d.get("text_info")), _obj(d.get("event_loc"))
    start, end = _num(info.get("start")), _num(info.get("end"))
    lat, lon = _num(where.get("lat")), _num(where.get("lon"))
    quantities = [q for q in d.get("quantities") or [] if isinstance(q, dict)]
    return Pred(
        doc_id=str(d["doc_id"]) if d.get("doc_id") is not None else doc_id,
        type=typ,
        cameo=str(d["cameo"]) if d.get("cameo") not in (None, "") else None,
        confidence=_num(d.get("confidence")) or 0.0,
        actors=_entities(d.get("actor")),
        recipients=_entities(d.get("recipient", d.get("target"))),
        text=d["text"] if isinstance(d.get("text"), str) else None,
        span=(int(start), int(end)) if start is not None and end is not None else None,
        trigger=str(d.get("event_text") or ""),
        date=str(d["date"])[:10] if d.get("date") else None,
        loc=(lat, lon) if lat is not None and lon is not None else None,
        quantities=[(v, _unit(q.get("unit"))) for q in quantities if (v := _num(q.get("value"))) is not None],
    )


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _num(value: Any) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def _entities(value: Any) -> list[tuple[str, str | None]]:
    items = value if isinstance(value, list) else [value] if value else []
    out: list[tuple[str, str | None]] = []
    for e in items:
        if isinstance(e, str):
            out.append((e, None))
        elif isinstance(e, dict):
            country = e.get("country") or (str(e["code"])[:3] if e.get("code") else None)
            out.append((str(e.get("text") or e.get("name") or ""), str(country).upper() if country else None))
    return out


def _unit(value: Any) -> str:
    unit = str(value or "").strip().lower()
    return "percent" if unit in ("%", "pct", "per cent") else unit


# ---------------------------------------------------------------- coding the gold texts


@dataclass
class Coded:
    preds: list[Pred]
    records: list[dict[str, Any]]  # the event records as `eventwire code --format jsonl` prints them
    errors: list[tuple[str, str]]  # (doc id, message) for texts the pipeline could not code


def code_gold(
    golds: list[Gold], progress: Callable[[int], None] | None = None, options: Options | None = None
) -> Coded:
    """Code every gold text in-process, as `eventwire code` would (with the default options unless given)."""
    from eventwire.model import Article
    from eventwire.pipeline import code_many

    articles = (Article(text=g.text, id=g.id, date=g.date) for g in golds)
    out = Coded([], [], [])
    for coded in code_many(articles, options):
        assert coded.article is not None
        if coded.error:
            out.errors.append((coded.article.id, coded.error))
        for ev in coded.events:
            record = ev.to_dict()
            out.records.append(record)
            out.preds.append(pred_from_dict(record))
        if progress:
            progress(1)
    return out


# ---------------------------------------------------------------- scores


def score(golds: list[Gold], preds: list[Pred]) -> dict[str, Any]:
    """All the scores that apply to the gold formats present, as one JSON-ready dict."""
    by_doc: dict[str, list[Pred]] = defaultdict(list)
    known = {g.id: g for g in golds}
    unknown = no_id = 0
    for p in preds:
        if p.doc_id is None:
            no_id += 1
        elif p.doc_id not in known:
            unknown += 1
        else:
            if p.text is None and p.span is not None:
                p.text = known[p.doc_id].text[p.span[0] : p.span[1]]
            by_doc[p.doc_id].append(p)
    summary: dict[str, Any] = {
        "records": len(golds),
        "formats": dict(Counter(g.kind for g in golds)),
        "pred_events": len(preds),
        "pred_events_unknown_doc": unknown,
        "pred_events_without_doc_id": no_id,
    }
    for kind, fn in (("typed", _score_typed), ("penta", _score_penta), ("article", _score_articles)):
        subset = [g for g in golds if g.kind == kind]
        if subset:
            summary[kind] = fn(subset, by_doc)
    return summary


def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float]:
    """Precision from matched predictions, recall from matched gold (they differ for event-level scores)."""
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _macro(rows: Iterable[dict[str, Any]]) -> dict[str, float]:
    """Mean P, R and F1 over classes, from their counts (not from rounded scores)."""
    scores = [(r["tp"] / r["pred"] if r["pred"] else 0.0, r["tp"] / r["gold"] if r["gold"] else 0.0,
               2 * r["tp"] / (r["pred"] + r["gold"]) if r["pred"] + r["gold"] else 0.0) for r in rows]  # fmt: skip
    if not scores:
        return {"p": 0.0, "r": 0.0, "f1": 0.0}
    return {k: round(sum(s[i] for s in scores) / len(scores), 4) for i, k in enumerate(("p", "r", "f1"))}


def _country(code: str | None) -> str | None:
    return code[:3].upper() if code else None


def dyad_ok(typ: str, source: str | None, target: str | None, p: Pred) -> bool:
    """Do the gold countries sit on the right sides of the predicted event? Reciprocal types take either side."""
    s, t = _country(source), _country(target)
    if typ in RECIPROCAL:  # both countries among all participants, counted (KOR-KOR needs KOR twice)
        need = Counter(c for c in (s, t) if c)
        have = Counter(p.actor_countries + p.recipient_countries)
        return all(have[c] >= n for c, n in need.items())
    return (s is None or s in p.actor_countries) and (t is None or t in p.recipient_countries)


def _source_ok(typ: str, source: str, p: Pred) -> bool:
    s = _country(source)
    return s in (p.actor_countries + p.recipient_countries if typ in RECIPROCAL else p.actor_countries)


def _top(preds: list[Pred]) -> Pred | None:
    """The most confident prediction; the first one on a tie."""
    best: Pred | None = None
    for p in preds:
        if best is None or p.confidence > best.confidence:
            best = p
    return best


def _confusion(labels: list[str], pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for gold, pred in pairs:
        matrix[index[gold]][index[pred]] += 1
    return {"labels": labels, "matrix": matrix}


def _score_typed(golds: list[Gold], by_doc: dict[str, list[Pred]]) -> dict[str, Any]:
    preds = {g.id: [p for p in by_doc.get(g.id, []) if p.type in PLOVER_TYPES] for g in golds}
    other = sum(len(by_doc.get(g.id, [])) - len(preds[g.id]) for g in golds)
    gold_pairs = {(g.id, e.type) for g in golds for e in g.typed}
    pred_pairs = {(g.id, p.type) for g in golds for p in preds[g.id]}
    tp = gold_pairs & pred_pairs
    per_type = {}
    for typ in [t for t in PLOVER_TYPES if any(t == pt for _, pt in gold_pairs | pred_pairs)]:
        n_gold = sum(1 for _, t in gold_pairs if t == typ)
        n_pred = sum(1 for _, t in pred_pairs if t == typ)
        n_tp = sum(1 for _, t in tp if t == typ)
        per_type[typ] = {"gold": n_gold, "pred": n_pred, "tp": n_tp, **prf(n_tp, n_pred, n_tp, n_gold)}
    macro = _macro(per_type.values())

    n_gold_ev = n_pred_ev = 0
    typed_g = typed_p = dyad_g = dyad_p = src_ok = src_n = 0
    for g in golds:
        mine = preds[g.id]
        n_gold_ev += len(g.typed)
        n_pred_ev += len(mine)
        for e in g.typed:
            same = [p for p in mine if p.type == e.type]
            typed_g += bool(same)
            dyad_g += any(dyad_ok(e.type, e.source, e.target, p) for p in same)
            if same and e.source:  # source-country accuracy: over type-matched gold events that name a source
                src_n += 1
                src_ok += any(_source_ok(e.type, e.source, p) for p in same)
        for p in mine:
            typed_p += any(e.type == p.type for e in g.typed)
            dyad_p += any(e.type == p.type and dyad_ok(e.type, e.source, e.target, p) for e in g.typed)
    top = {g.id: _top(preds[g.id]) for g in golds}
    return {
        "docs": len(golds),
        "gold_events": n_gold_ev,
        "pred_events": n_pred_ev,
        "pred_events_not_plover": other,
        "pairs": {"gold": len(gold_pairs), "pred": len(pred_pairs), "tp": len(tp),
                  "micro": prf(len(tp), len(pred_pairs), len(tp), len(gold_pairs)), "macro": macro},
        "per_type": per_type,
        "events_type": {**prf(typed_p, n_pred_ev, typed_g, n_gold_ev), "pred_matched": typed_p, "gold_matched": typed_g},
        "events_dyad": {**prf(dyad_p, n_pred_ev, dyad_g, n_gold_ev), "pred_matched": dyad_p, "gold_matched": dyad_g},
        "dyad_accuracy": round(dyad_g / n_gold_ev, 4) if n_gold_ev else 0.0,
        "dyad_given_type": round(dyad_g / typed_g, 4) if typed_g else 0.0,
        "source_country": {"accuracy": round(src_ok / src_n, 4) if src_n else 0.0, "correct": src_ok, "n": src_n},
        "confusion": _confusion(
            [*PLOVER_TYPES, NONE],
            ((g.typed[0].type if g.typed else NONE, _type_label(top[g.id])) for g in golds),
        ),
    }  # fmt: skip


def _type_label(p: Pred | None) -> str:
    return p.type if p is not None and p.type in PLOVER_TYPES else NONE


def penta_class(p: Pred | None) -> int:
    """The five-way class of a predicted event: from its CAMEO root, else its type; no event is class 0."""
    if p is None:
        return 0
    if p.cameo and p.cameo[:2].isdigit() and 1 <= (root := int(p.cameo[:2])) <= 20:
        return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
    return TYPE_PENTA.get(p.type or "", 0)


# the shared scorer's rule (eventscore.py): these words do not count towards a span's overlap
STOPWORDS = frozenset({"the", "a", "an", "of", "and", "in", "on", "for", "to", "s", "at", "by", "with", "from",
                       "its", "his", "her", "their"})  # fmt: skip


def content_tokens(text: str) -> set[str]:
    """Lower-cased tokens without function words (all tokens if nothing else is left); "U.S." is one token."""
    s = re.sub(r"(?<=[a-z0-9])\.(?=[a-z0-9])", "", unicodedata.normalize("NFKD", text or "").lower())
    tokens = re.findall(r"[a-z0-9]+", s)
    return {t for t in tokens if t not in STOPWORDS} or set(tokens)


def span_overlap(gold: str, pred: str) -> tuple[float, float]:
    """(overlap coefficient, Dice) of two phrases' content tokens."""
    g, p = content_tokens(gold), content_tokens(pred)
    if not g or not p:
        return 0.0, 0.0
    common = len(g & p)
    return common / min(len(g), len(p)), 2 * common / (len(g) + len(p))


def _span_hits(spans: list[str], texts: list[str]) -> tuple[bool, bool]:
    scores = [span_overlap(s, t) for s in spans for t in texts if t]
    return any(o >= 0.5 for o, _ in scores), any(d >= 0.5 for _, d in scores)


def _score_penta(golds: list[Gold], by_doc: dict[str, list[Pred]]) -> dict[str, Any]:
    pairs = [(g.penta[0].penta if g.penta else 0, penta_class(_top(by_doc.get(g.id, [])))) for g in golds]
    confusion = _confusion([str(i) for i in range(5)], ((str(a), str(b)) for a, b in pairs))
    per_class: dict[str, dict[str, Any]] = {}
    for c in range(5):
        n_gold = sum(1 for g, _ in pairs if g == c)
        n_pred = sum(1 for _, p in pairs if p == c)
        tp = sum(1 for g, p in pairs if g == p == c)
        if n_gold or n_pred:
            per_class[str(c)] = {"name": PENTA_NAMES[c], "gold": n_gold, "pred": n_pred, "tp": tp,
                                 **prf(tp, n_pred, tp, n_gold)}  # fmt: skip
    spans: dict[str, dict[str, Any]] = {}
    for side, attr, gold_attr in (
        ("source_span", "actors", "source_text"),
        ("target_span", "recipients", "target_text"),
    ):
        n = overlap = dice = 0
        for g in golds:
            gold_spans = [s for e in g.penta if (s := getattr(e, gold_attr))]
            if not gold_spans:
                continue
            n += 1
            texts = [text for p in by_doc.get(g.id, []) for text, _ in getattr(p, attr)]
            o, d = _span_hits(gold_spans, texts)
            overlap, dice = overlap + o, dice + d
        spans[side] = {"docs": n, "overlap_hits": overlap, "dice_hits": dice,
                       "overlap": round(overlap / n, 4) if n else 0.0, "dice": round(dice / n, 4) if n else 0.0}  # fmt: skip
    return {
        "docs": len(golds),
        "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4),
        "macro_f1": _macro(per_class.values())["f1"],
        "docs_without_pred": sum(1 for g in golds if not by_doc.get(g.id)),
        "per_class": per_class,
        "confusion": confusion,
        **spans,
    }


_CHARS = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
})  # fmt: skip


def normalize(text: str) -> str:
    """Lower case, one space for any whitespace run, straight quotes, ASCII hyphens."""
    return " ".join(text.translate(_CHARS).lower().split())


def _countries_match(item: Item, p: Pred) -> bool:
    actors, recipients = p.actor_countries, p.recipient_countries
    s, t = item.source, item.target

    def on(side: list[str], *codes: str | None) -> bool:
        have = Counter(side)
        need = Counter(c for c in codes if c)
        return all(have[c] >= n for c, n in need.items())

    if on(actors, s) and on(recipients, t):
        return True
    return item.unordered and (on(actors, t) and on(recipients, s) or on(actors, s, t) or on(recipients, s, t))


def item_matches(item: Item, p: Pred) -> bool:
    return (p.type in item.types and _countries_match(item, p)
            and normalize(item.anchor) in normalize(p.text or ""))  # fmt: skip


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _subchecks(item: Item, matches: list[Pred]) -> dict[str, bool]:
    checks = {}
    if item.loc:
        lat, lon, km = item.loc
        checks["loc"] = any(p.loc is not None and _km(lat, lon, *p.loc) <= km for p in matches)
    if item.date:
        checks["date"] = any(p.date == item.date for p in matches)
    if item.quantity:
        value, unit = item.quantity
        checks["quantity"] = any(math.isclose(v, value, rel_tol=1e-9, abs_tol=1e-9) and u == unit
                                 for p in matches for v, u in p.quantities)  # fmt: skip
    return checks


def forbidden_hit(rule: Forbidden, p: Pred) -> bool:
    if rule.types is not None and p.type not in rule.types:
        return False
    if rule.anchor is not None and normalize(rule.anchor) not in normalize(p.text or ""):
        return False
    allowed = rule.countries_not_in
    return allowed is None or any(c not in allowed for c in p.actor_countries + p.recipient_countries)


def _score_articles(golds: list[Gold], by_doc: dict[str, list[Pred]]) -> dict[str, Any]:
    articles = []
    for g in golds:
        preds = by_doc.get(g.id, [])
        items, matched = [], set()
        for kind, group in (("required", g.required), ("optional", g.optional)):
            for item in group:
                hits = [i for i, p in enumerate(preds) if item_matches(item, p)]
                matched.update(hits)
                row: dict[str, Any] = {"id": item.id, "kind": kind, "types": item.types, "source": item.source,
                                       "target": item.target, "unordered": item.unordered, "anchor": item.anchor,
                                       "found": bool(hits), "n_matches": len(hits)}  # fmt: skip
                if kind == "required" and hits:
                    row["subchecks"] = _subchecks(item, [preds[i] for i in hits])
                items.append(row)
        hits_by_rule = [[i for i, p in enumerate(preds) if forbidden_hit(r, p)] for r in g.forbidden]
        forbidden_events = {i for hits in hits_by_rule for i in hits}
        rules = [{"id": r.id, "types": r.types, "anchor": r.anchor, "countries_not_in": r.countries_not_in,
                  "why": r.why, "hits": len(hits)} for r, hits in zip(g.forbidden, hits_by_rule, strict=True)]  # fmt: skip
        extras = [i for i in range(len(preds)) if i not in matched]
        required = [x for x in items if x["kind"] == "required"]
        checks = [ok for x in required for ok in x.get("subchecks", {}).values()]
        articles.append({
            "id": g.id, "pred_events": len(preds),
            "required_found": sum(x["found"] for x in required), "required_total": len(required),
            "optional_found": sum(x["found"] for x in items if x["kind"] == "optional"),
            "optional_total": len(g.optional),
            "subchecks_passed": sum(checks), "subchecks_total": len(checks),
            "forbidden_hits": len(forbidden_events), "extras": len(extras),
            "items": items, "forbidden": rules,
            "extra_events": [_brief(preds[i]) for i in extras],
            "forbidden_events": [_brief(preds[i]) for i in sorted(forbidden_events)],
        })  # fmt: skip
    total = {k: sum(a[k] for a in articles) for k in
             ("required_found", "required_total", "subchecks_passed", "subchecks_total", "forbidden_hits", "extras")}  # fmt: skip
    return {"docs": len(golds), **total, "articles": articles}


def _brief(p: Pred) -> dict[str, Any]:
    """Enough of an event to recognise it in a report."""
    return {"event": p.type, "actors": p.actor_countries, "recipients": p.recipient_countries,
            "trigger": p.trigger, "text": p.text}  # fmt: skip


# ---------------------------------------------------------------- plot


def confusions(summary: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The (title, confusion) pairs in a summary: five-class for penta gold, per type for typed gold."""
    out = []
    if "penta" in summary:
        out.append(("five-class (penta)", summary["penta"]["confusion"]))
    if "typed" in summary:
        out.append(("PLOVER type (top event per text)", summary["typed"]["confusion"]))
    return out


def plot_confusions(summary: dict[str, Any], path: str | Path, title: str = "") -> int:
    """Write the summary's confusion matrices to a PNG (rows gold, columns predicted); returns how many."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = confusions(summary)
    if not panels:
        return 0
    sizes = [len(c["labels"]) for _, c in panels]
    fig = Figure(figsize=(sum(max(4.5, 0.5 * n + 2) for n in sizes), max(4.5, 0.5 * max(sizes) + 2)))
    FigureCanvasAgg(fig)  # render with Agg: no display, no global pyplot state
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    for ax, (name, conf) in zip(axes, panels, strict=True):
        labels, matrix = conf["labels"], conf["matrix"]
        rows = [[v / (sum(r) or 1) for v in r] for r in matrix]  # colour by row share so rare classes show
        ax.imshow(rows, cmap="Blues", vmin=0, vmax=1)
        for i, r in enumerate(matrix):
            for j, v in enumerate(r):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                            color="white" if rows[i][j] > 0.6 else "black")  # fmt: skip
        ax.set_xticks(range(len(labels)), labels, rotation=90 if len(labels) > 6 else 0, fontsize=8)
        ax.set_yticks(range(len(labels)), labels, fontsize=8)
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        ax.set_title(name)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return len(panels)
