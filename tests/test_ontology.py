"""The ontology tables and the lexicon agree with each other."""

import pytest

from eventwire.classify.lexicon import lexicon
from eventwire.ontology import PLOVER_QUAD, PLOVER_TYPES, STATEMENT, cameo, cameo_table, gdelt_quad_class, quad_class


def test_every_lexicon_label_is_a_cameo_code_of_its_plover_type():
    lex = lexicon()
    for table in (lex.verbs, lex.nouns):
        for word, rule in table.items():
            for label in [rule.default, *rule.refine.values()]:
                if label:
                    typ, code = label.split()
                    assert cameo(code).plover == typ, (word, label)


def test_every_cameo_code_maps_to_a_plover_type_or_statement():
    for code, entry in cameo_table().items():
        assert entry.plover in PLOVER_TYPES or entry.plover == STATEMENT, code


@pytest.mark.parametrize(
    "code, quad, gdelt", [("010", 0, 1), ("020", 0, 1), ("036", 1, 1), ("057", 1, 1), ("0841", 2, 2), ("112", 3, 3),
                          ("1041", 3, 3), ("145", 4, 3), ("150", 4, 4), ("190", 4, 4)]
)  # fmt: skip
def test_quad_classes(code, quad, gdelt):
    assert quad_class(code) == quad
    assert gdelt_quad_class(code) == gdelt


def test_appeals_and_demands_are_both_requests_told_apart_by_quad():
    assert cameo("020").plover == cameo("100").plover == "REQUEST"
    assert (quad_class("020"), quad_class("100")) == (0, 3)


def test_plover_quads_cover_all_types():
    assert set(PLOVER_QUAD) == set(PLOVER_TYPES)
    assert cameo("190").goldstein == -8.0
