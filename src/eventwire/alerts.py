"""Conflict spike alerts for countries and dyads, each with the events that triggered it.

Method (stated in every report): time is cut into bins of `window` days ending on `as_of`. For every
country (as actor or recipient) and every country pair (either direction), take the current bin and the
`baseline` bins before it. Two signals are scored against the baseline bins' mean and standard deviation:
  - conflict count (events of quad class 3-4): z = (x - mean) / max(sd, 1)
  - Goldstein sum (all events): z = (mean - x) / max(sd, 10)   (a drop toward conflict scores positive)
An alert fires when a signal's z >= `threshold` and the current bin holds >= `min_count` conflict events.
The floors (1 event, 10 Goldstein points) keep a flat, quiet baseline from turning one event into a spike.
Baseline bins before the store's first event date are not counted as quiet ones; at least two are needed.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from eventwire.api.queries import Reader

COUNT_FLOOR = 1.0
GOLDSTEIN_FLOOR = 10.0


@dataclass
class Settings:
    as_of: date | None = None  # default: the latest event date in the store
    window: int = 7  # days per bin
    baseline: int = 8  # bins before the current one
    threshold: float = 3.0  # z-score
    min_count: int = 3  # conflict events in the current bin
    country: str | None = None  # only alerts involving this country
    evidence: int = 10  # evidence events listed per alert

    def describe(self) -> str:
        return (f"bins of {self.window} day(s) ending {self.as_of}; baseline = the {self.baseline} bins before; "
                f"alert when z >= {self.threshold:g} with >= {self.min_count} conflict events in the bin; "
                f"conflict count z = (x - mean) / max(sd, {COUNT_FLOOR:g}); Goldstein sum z = (mean - x) / "
                f"max(sd, {GOLDSTEIN_FLOOR:g})")  # fmt: skip


@dataclass
class Signal:
    signal: str  # conflict_count or goldstein
    value: float
    baseline_mean: float
    baseline_sd: float
    z: float


@dataclass
class Alert:
    kind: str  # country or dyad
    key: str  # KOR, or KOR-PRK (sorted)
    start: date
    end: date
    conflict_events: int
    goldstein: float
    signals: list[Signal]
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @property
    def score(self) -> float:
        return max(s.z for s in self.signals)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "score": round(self.score, 2)}

    def headline(self) -> str:
        parts = []
        for s in self.signals:
            what = "conflict events" if s.signal == "conflict_count" else "Goldstein sum"
            parts.append(f"{what} {s.value:g} vs baseline {s.baseline_mean:.1f} ± {s.baseline_sd:.1f} (z={s.z:.1f})")
        return f"{self.kind} {self.key} {self.start}..{self.end}: " + "; ".join(parts)


def _stats(values: list[float]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def find(db: Reader, settings: Settings | None = None) -> tuple[Settings, list[Alert]]:
    """Score every country and dyad; returns the settings used (as_of filled in) and the alerts, worst first."""
    s = settings or Settings()
    if s.window < 1 or s.baseline < 2 or s.min_count < 1 or s.evidence < 0:
        raise ValueError("window >= 1 day, baseline >= 2 bins, min_count >= 1 and evidence >= 0 are required")
    bounds = db.one("SELECT min(date) AS first, max(date) AS last FROM events")
    if not bounds or bounds["last"] is None:
        return s, []
    as_of = s.as_of or bounds["last"]
    s = Settings(**{**asdict(s), "as_of": as_of})
    first_bin_start = as_of - timedelta(days=s.window * (s.baseline + 1) - 1)
    rows = db.rows(
        """WITH ev AS (
             SELECT date, quad_class, goldstein, actor_country AS a, recipient_country AS r
             FROM events WHERE date BETWEEN ? AND ?),
           keyed AS (
             SELECT 'country' AS kind, a AS key, * FROM ev WHERE a IS NOT NULL
             UNION ALL SELECT 'country', r, * FROM ev WHERE r IS NOT NULL AND r IS DISTINCT FROM a
             UNION ALL SELECT 'dyad', least(a, r) || '-' || greatest(a, r), * FROM ev
               WHERE a IS NOT NULL AND r IS NOT NULL AND a <> r)
           SELECT kind, key, CAST((? - date) // ? AS INTEGER) AS bin,
                  count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, sum(goldstein) AS goldstein
           FROM keyed GROUP BY ALL""",
        [first_bin_start, as_of, as_of, s.window],
    )
    # bin 0 is the current one; baseline bins that end before the store's first event are not "quiet"
    usable = [b for b in range(1, s.baseline + 1) if as_of - timedelta(days=s.window * b) >= bounds["first"]]
    if len(usable) < 2:
        return s, []
    series: dict[tuple[str, str], dict[int, tuple[int, float]]] = {}
    for row in rows:
        series.setdefault((row["kind"], row["key"]), {})[row["bin"]] = (row["conflict"], row["goldstein"] or 0.0)
    alerts = []
    for (kind, key), bins in series.items():
        if s.country and s.country not in key.split("-"):
            continue
        x, g = bins.get(0, (0, 0.0))
        if x < s.min_count:
            continue
        signals = []
        mean, sd = _stats([float(bins.get(b, (0, 0.0))[0]) for b in usable])
        z = (x - mean) / max(sd, COUNT_FLOOR)
        if z >= s.threshold:
            signals.append(Signal("conflict_count", x, round(mean, 2), round(sd, 2), round(z, 2)))
        mean_g, sd_g = _stats([bins.get(b, (0, 0.0))[1] for b in usable])
        z_g = (mean_g - g) / max(sd_g, GOLDSTEIN_FLOOR)
        if z_g >= s.threshold:
            signals.append(Signal("goldstein", round(g, 2), round(mean_g, 2), round(sd_g, 2), round(z_g, 2)))
        if signals:
            start = as_of - timedelta(days=s.window - 1)
            alerts.append(Alert(kind, key, start, as_of, x, round(g, 2), signals))
    alerts.sort(key=lambda a: (-a.score, a.kind, a.key))
    attach_evidence(db, alerts, s.evidence)
    return s, alerts


def attach_evidence(db: Reader, alerts: list[Alert], limit: int) -> None:
    """Each alert's conflict events in its bin, worst first, with the articles that report them (two queries
    for all alerts: they share one bin)."""
    if not alerts or limit == 0:
        return
    rows = db.rows(
        """WITH keys AS (SELECT unnest(?::VARCHAR[]) AS kind, unnest(?::VARCHAR[]) AS key)
           SELECT k.kind, k.key, e.id, e.date, e.event, e.cameo, e.goldstein, e.actor_code, e.recipient_code, e.place,
                  e.num_mentions, json_extract_string(e.record, '$.text') AS text
           FROM events e JOIN keys k ON
             (k.kind = 'country' AND k.key IN (e.actor_country, e.recipient_country)) OR
             (k.kind = 'dyad' AND k.key = least(e.actor_country, e.recipient_country) || '-' ||
                                          greatest(e.actor_country, e.recipient_country))
           WHERE e.date BETWEEN ? AND ? AND e.quad_class IN (3, 4)
           QUALIFY row_number() OVER (PARTITION BY k.kind, k.key
                                      ORDER BY e.goldstein, e.num_mentions DESC, e.confidence DESC, e.id) <= ?
           ORDER BY k.kind, k.key, e.goldstein, e.num_mentions DESC, e.confidence DESC, e.id""",
        [[a.kind for a in alerts], [a.key for a in alerts], alerts[0].start, alerts[0].end, limit],
    )
    ids = list({r["id"] for r in rows})
    cites: dict[str, list[dict[str, Any]]] = {}
    for c in db.rows(
        "SELECT DISTINCT m.event_id, a.id, a.title, a.url, a.source FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY a.id",
        [ids],
    ):
        cites.setdefault(c.pop("event_id"), []).append(c)
    by_key = {(a.kind, a.key): a for a in alerts}
    for r in rows:
        alert = by_key[(r.pop("kind"), r.pop("key"))]
        alert.evidence.append({**r, "articles": cites.get(r["id"], [])})
