"""The project's event lexicon: verb and noun lemmas, refined by particles, prepositions and objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Token

from eventwire.nlp import infinitive

BLOCK = "-"


@dataclass(frozen=True)
class Rule:
    default: str | None  # "TYPE CAMEO", or None when the word is not an event by itself
    refine: dict[str, str | None]  # particle / preposition / object lemma -> "TYPE CAMEO" or None (blocked)
    light: bool = False
    mutual: bool = False  # done by each side to the other ("swapped prisoners", "exchanged fire")


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

    def mutual(self, decided_by: str) -> bool:
        """Whether the lexicon rule that decided an event ("lexicon:swap+prisoner") names a mutual act."""
        lemma = rule_word(decided_by)
        return any(rule.mutual for table in (self.verbs, self.nouns) if (rule := table.get(lemma)))


def rule_word(decided_by: str) -> str:
    """The lemma a lexicon rule name is about ("lexicon:swap+prisoner" -> "swap"), else ""."""
    return re.split(r"[+>]", decided_by.removeprefix("lexicon:"))[0] if decided_by.startswith("lexicon:") else ""


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
    return Rule(None if default == BLOCK else default, refine, bool(spec.get("light")), bool(spec.get("mutual")))


@cache
def lexicon() -> Lexicon:
    raw = yaml.safe_load(resources.files(__package__).joinpath("lexicon.yaml").read_text(encoding="utf-8"))
    return Lexicon(
        verbs={k: _rule(v) for k, v in raw["verbs"].items()},
        nouns={k: _rule(v) for k, v in raw["nouns"].items()},
        natural_forces=frozenset(raw["natural_forces"]),
    )


PARTICLES = {"back", "away", "off", "out", "down", "up"}  # the parser sometimes reads them as adverbs: "pulled back"
# a predicate's object and modifiers; "oprd": "held Pakistan responsible"; "poss": a noun's owner ("the teachers' strike")
OBJECT_DEPS = ("dobj", "nsubjpass", "compound", "amod", "nmod", "npadvmod", "attr", "oprd", "poss")


def cues(tok: Token) -> list[str]:
    """The words that refine a predicate's lemma, most telling first: a preposition with its object, its
    particles and prepositions, its object and modifiers, the objects of its prepositions ("call for a
    ceasefire"), last its subject."""
    # first a preposition with its object ("withdrew from the talks": "from:talk"), the most specific cue
    found = [key for key, _ in prep_objects(tok)]
    # then a particle with the object ("called off the strike": "off:strike", unlike "called off the talks")
    objects = [c.lemma_.lower() for c in tok.children if c.dep_ == "dobj"]
    found += [f"{c.lower_}:{o}" for c in tok.children if particle(c) for o in objects]
    for c in tok.children:
        if (c.dep_ in ("prep", "agent") and not _dated(c)) or particle(c):  # not "called it a provocation on Monday"
            found.append(c.lemma_.lower())
        elif c.dep_ in ("xcomp", "advcl") and infinitive(c):
            # "pressed Israel to accept": pressing someone to act; "deployed troops to help": the purpose
            found.extend(["to", f"to:{c.lemma_.lower()}"] if c.dep_ == "xcomp" else [f"to:{c.lemma_.lower()}"])
    for c in tok.children:
        if c.dep_ in OBJECT_DEPS:
            found.append(c.lemma_.lower())
            found.extend(g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod"))
            # "lifted the state of emergency", "cut supplies of gas": what the object is of
            found.extend(g.lemma_.lower() for o in c.children if o.dep_ == "prep" and o.lower_ == "of"
                         for g in o.children if g.dep_ == "pobj")  # fmt: skip
            found.extend(g.lemma_.lower() for g in amount_of(c))
        elif c.dep_ in ("xcomp", "ccomp") and infinitive(c):
            # "allowed an ASEAN delegation to travel": the parser makes the object the infinitive's subject
            found.extend(g.lemma_.lower() for g in c.children if g.dep_ == "nsubj")
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "a statement released by X": the noun is what was released
        found.append(tok.head.lemma_.lower())
    for c in tok.children:  # the object of a preposition ("call for a ceasefire")
        if c.dep_ == "prep" and c.lower_ != "without":  # "ended without an agreement" ended no agreement
            found.extend(p.lemma_.lower() for p in c.children if p.dep_ == "pobj")
    # last, the subject of a verb without an object ("a mine exploded", "teachers struck for higher pay"; not "the
    # ceasefire ended weeks of fighting")
    if not any(c.dep_ == "dobj" for c in tok.children):
        found.extend(c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj")
    return found


def _dated(prep: Token) -> bool:
    objs = [p for p in prep.children if p.dep_ == "pobj"]
    return bool(objs) and all(p.ent_type_ in ("DATE", "TIME") for p in objs)


def amount_of(obj: Token) -> list[Token]:
    """What an amount is counted in: "aid" in "pledged 500 million euros in military aid"."""
    if obj.ent_type_ not in ("MONEY", "CARDINAL") and not any(g.dep_ == "nummod" for g in obj.children):
        return []
    return [g for o in obj.children if o.dep_ == "prep" and o.lower_ == "in" for g in o.children if g.dep_ == "pobj"]


def particle(tok: Token) -> bool:
    """A verb's particle, also where the parser reads it as an adverb ("pulled back")."""
    return tok.dep_ == "prt" or (tok.dep_ == "advmod" and tok.lower_ in PARTICLES)


def prep_objects(tok: Token) -> list[tuple[str, Token]]:
    """A predicate's prepositional objects keyed as cues ("from:talk"), through a particle parsed as a
    preposition, "out of" keyed as "from" ("pulled out of the talks" like "withdrew from the talks")."""
    preps = [(c.lower_, c) for c in tok.children if c.dep_ == "prep"]
    preps += [("from" if (c.lower_, c2.lower_) == ("out", "of") else c2.lower_, c2) for _, c in preps
              if not any(p.dep_ == "pobj" for p in c.children) for c2 in c.children if c2.dep_ == "prep"]  # fmt: skip
    # a gerund too: "barred the officials from entering" ("from:enter")
    return [(f"{word}:{p.lemma_.lower()}", p) for word, c in preps for p in c.children if p.dep_ in ("pobj", "pcomp")]
