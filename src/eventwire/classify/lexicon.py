"""The project's event lexicon: verb and noun lemmas, refined by particles, prepositions and objects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

BLOCK = "-"


@dataclass(frozen=True)
class Rule:
    default: str | None  # "TYPE CAMEO", or None when the word is not an event by itself
    refine: dict[str, str | None]  # particle / preposition / object lemma -> "TYPE CAMEO" or None (blocked)
    light: bool = False


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Rule]
    nouns: dict[str, Rule]
    natural_forces: frozenset[str]

    def lookup(self, table: dict[str, Rule], lemma: str, cues: list[str]) -> tuple[str, str, str] | None:
        """(type, cameo, rule name) for a lemma given its cue words, or None."""
        rule = table.get(lemma)
        if rule is None:
            return None
        for cue in cues:
            if cue in rule.refine:
                label = rule.refine[cue]
                return (*_split(label), f"lexicon:{lemma}+{cue}") if label else None
        return (*_split(rule.default), f"lexicon:{lemma}") if rule.default else None


def _split(label: str) -> tuple[str, str]:
    typ, code = label.split()
    return typ, code


def _rule(spec: str | dict) -> Rule:
    # YAML 1.1 reads bare on/off/yes/no as booleans: such keys must be quoted in lexicon.yaml
    keys = spec.get("with") or {} if isinstance(spec, dict) else {}
    if bad := [k for k in keys if not isinstance(k, str)]:
        raise ValueError(f"lexicon.yaml: quote the refinement keys {bad!r}")
    if isinstance(spec, str):
        return Rule(None if spec == BLOCK else spec, {})
    default = spec.get("default", BLOCK)
    refine = {k: (None if v == BLOCK else v) for k, v in (spec.get("with") or {}).items()}
    return Rule(None if default == BLOCK else default, refine, bool(spec.get("light")))


@cache
def lexicon() -> Lexicon:
    raw = yaml.safe_load(resources.files(__package__).joinpath("lexicon.yaml").read_text(encoding="utf-8"))
    return Lexicon(
        verbs={k: _rule(v) for k, v in raw["verbs"].items()},
        nouns={k: _rule(v) for k, v in raw["nouns"].items()},
        natural_forces=frozenset(raw["natural_forces"]),
    )
