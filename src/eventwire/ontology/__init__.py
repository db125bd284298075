"""The PLOVER and CAMEO ontologies as data: types, modes, contexts, CAMEO names, Goldstein, QuadClass.

Derived from the PLOVER manual (draft 0.8, CC BY-SA 4.0) and GDELT's CAMEO lookup tables (MIT); see
docs/ontology.md for attribution and scripts/build_ontology.py for how cameo.tsv is built.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

PLOVER_TYPES: dict[str, str] = {
    "AGREE": "agree, offer or promise to cooperate",
    "CONSULT": "meetings, visits, hosting, calls",
    "SUPPORT": "verbal or diplomatic support: praise, endorsement, recognition, signing",
    "CONCEDE": "verbal concession without immediate material effect",
    "COOPERATE": "mutual material cooperation",
    "AID": "material aid to the recipient",
    "RETREAT": "material de-escalation: withdraw, release, disarm, ceasefire, access, resign",
    "REQUEST": "requests, appeals, demands, orders",
    "ACCUSE": "disapproval, accusation, lawsuit, investigation",
    "REJECT": "rejection or refusal",
    "THREATEN": "coercive warning of serious consequences",
    "PROTEST": "civilian demonstrations, riots, strikes, boycotts",
    "SANCTION": "reducing existing relations",
    "MOBILIZE": "military or police moves short of force",
    "COERCE": "repression and non-violent coercion",
    "ASSAULT": "deliberate physical harm",
}
STATEMENT = "STATEMENT"  # CAMEO 01x: not an event unless --statements

# PLOVER's own quad of each type (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict)
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

PLOVER_MODES: dict[str, list[str]] = {
    "CONSULT": ["visit", "third-party", "multilateral", "phone"],
    "AID": ["economic", "military", "humanitarian", "asylum"],
    "RETREAT": ["withdraw", "release", "return", "disarm", "ceasefire", "access", "ease", "resign"],
    "REQUEST": ["meet", "assist", "change", "yield", "settle", "mediate"],
    "ACCUSE": ["disapprove", "allege", "investigate", "sue"],
    "REJECT": ["assist", "change", "yield", "meet", "mediate", "settle"],
    "THREATEN": ["restrict", "ban", "relations", "political", "violence", "territory", "expel"],
    "PROTEST": ["demo", "riot", "hunger", "boycott", "obstruct", "strike"],
    "SANCTION": ["withdraw", "discontinue", "expel", "convict", "fine"],
    "MOBILIZE": ["troops", "weapons", "police", "militia", "alert"],
    "COERCE": ["arrest", "seize", "censor", "curfew", "deport", "cyber", "ban"],
    "ASSAULT": [
        "firearms",
        "explosives",
        "aerial",
        "heavy-weapons",
        "unconventional",
        "assassinate",
        "abduct",
        "beat",
        "sexual",
        "cleansing",
    ],
}
PLOVER_CONTEXTS = [
    "agriculture", "asylum", "cbrn", "crime", "cyber", "democracy", "diplomatic", "economic",
    "environment", "executive", "gender", "health", "historical", "human_rights", "human_security",
    "humanitarian", "intelligence", "legal", "legislative", "migration", "military", "peacekeeping",
    "political_institutions", "pro_autocracy", "pro_democracy", "refugees", "religion_ethnicity",
    "resource", "rights_freedoms", "terrorism", "territory", "transportation", "treaty", "unclear",
]  # fmt: skip


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str
    mode: str
    context: str

    @property
    def quad_class(self) -> int:
        return quad_class(self.code)


def quad_class(cameo: str) -> int:
    """eventwire's QuadClass from the CAMEO root: 0 statement/appeal, 1 verbal coop, 2 material coop,
    3 verbal conflict, 4 material conflict."""
    root = int(cameo[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    return 3 if root <= 13 else 4


def gdelt_quad_class(cameo: str) -> int:
    """GDELT's QuadClass (1 verbal coop 01-05, 2 material coop 06-08, 3 verbal conflict 09-14,
    4 material conflict 15-20)."""
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 14 else 4


@cache
def cameo_table() -> dict[str, CameoCode]:
    text = resources.files(__package__).joinpath("data/cameo.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {
        r["code"]: CameoCode(r["code"], r["name"], float(r["goldstein"]), r["plover"], r["mode"], r["context"])
        for r in rows
    }


def cameo(code: str) -> CameoCode:
    """Look up a CAMEO code; raises KeyError with a helpful message for unknown codes."""
    try:
        return cameo_table()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


def default_cameo(plover_type: str) -> str:
    """The generic CAMEO code for a PLOVER type (used when nothing more specific is justified)."""
    return {
        "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060",
        "AID": "070", "RETREAT": "084", "REQUEST": "020", "ACCUSE": "111", "REJECT": "120",
        "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170",
        "ASSAULT": "190", STATEMENT: "010",
    }[plover_type]  # fmt: skip
