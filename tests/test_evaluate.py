"""`eventwire eval` and eventwire.evaluate: gold formats, matching rules and metrics on hand-checked cases.

Most cases score hand-written predictions (`--pred`), so the numbers do not move when the classifier
improves; one test runs the real coder to check the in-process path end to end.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventwire.cli import app, coding, evaluate, storage  # noqa: F401  (registers the commands, as main() does)
from eventwire.evaluate import Gold, GoldError, load_gold, parse_gold, read_preds, score, span_overlap

runner = CliRunner()


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def ent(code: str | None, text: str = "") -> dict[str, Any]:
    return {"text": text or (code or "someone"), "code": code}


def ev(doc: str, typ: str, actor: str | None = None, recipient: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"doc_id": doc, "event": typ, "actor": [ent(actor)] if actor else [],
            "recipient": [ent(recipient)] if recipient else [], **extra}  # fmt: skip


def run_eval(gold: list[Any], preds: list[Any], tmp_path: Path, *args: str) -> dict[str, Any]:
    g = write_jsonl(tmp_path / "gold.jsonl", gold)
    p = write_jsonl(tmp_path / "pred.jsonl", preds)
    result = runner.invoke(app, ["eval", str(g), "--pred", str(p), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- typed gold

TYPED = [
    {"id": "d1", "text": "Hungary and Romania agreed to build a bridge.",
     "events": [{"type": "AGREE", "source": "HUNGOV", "target": "ROUGOV"}]},
    {"id": "d2", "text": "Russia accused Ukraine of shelling.",
     "events": [{"type": "ACCUSE", "source": "RUSGOV", "target": "UKRMIL"}]},
    {"id": "d3", "text": "The minister said nothing new.", "events": []},
]  # fmt: skip


def test_perfect_typed_prediction_scores_one(tmp_path: Path) -> None:
    preds = [ev("d1", "AGREE", "HUNGOV", "ROUGOV"), ev("d2", "ACCUSE", "RUSGOV", "UKRMIL")]
    t = run_eval(TYPED, preds, tmp_path)["typed"]
    assert t["pairs"]["micro"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert t["pairs"]["macro"]["f1"] == 1.0
    assert t["events_dyad"]["f1"] == 1.0
    assert t["dyad_accuracy"] == 1.0
    assert t["source_country"] == {"accuracy": 1.0, "correct": 2, "n": 2}
    matrix = dict(zip(t["confusion"]["labels"], t["confusion"]["matrix"], strict=True))
    assert matrix["NONE"][t["confusion"]["labels"].index("NONE")] == 1  # d3: no event, none predicted


def test_wrong_type_lowers_precision_and_missing_type_lowers_recall(tmp_path: Path) -> None:
    preds = [ev("d1", "AGREE", "HUNGOV", "ROUGOV"), ev("d1", "ACCUSE", "HUNGOV"), ev("d3", "SUPPORT")]
    t = run_eval(TYPED, preds, tmp_path)["typed"]
    assert t["pairs"]["tp"] == 1
    assert t["pairs"]["micro"]["p"] == pytest.approx(1 / 3, abs=1e-4)
    assert t["pairs"]["micro"]["r"] == 0.5
    assert t["per_type"]["AGREE"]["f1"] == 1.0
    assert t["per_type"]["ACCUSE"] == {"gold": 1, "pred": 1, "tp": 0, "p": 0.0, "r": 0.0, "f1": 0.0}
    assert t["per_type"]["SUPPORT"]["p"] == 0.0
    # macro averages over AGREE, ACCUSE and SUPPORT: (1 + 0 + 0) / 3
    assert t["pairs"]["macro"]["f1"] == pytest.approx(1 / 3, abs=1e-4)


def test_reciprocal_types_accept_either_direction_others_do_not(tmp_path: Path) -> None:
    gold = [
        {"id": "r", "text": "Hungary and Romania agreed.", "events": [{"type": "AGREE", "source": "HUN", "target": "ROU"}]},
        {"id": "s", "text": "France praised Germany.", "events": [{"type": "SUPPORT", "source": "FRA", "target": "DEU"}]},
    ]  # fmt: skip
    preds = [ev("r", "AGREE", "ROUGOV", "HUNGOV"), ev("s", "SUPPORT", "DEUGOV", "FRAGOV")]
    t = run_eval(gold, preds, tmp_path)["typed"]
    assert t["events_type"]["r"] == 1.0
    assert t["events_dyad"]["gold_matched"] == 1  # only the reciprocal AGREE survives the swap
    assert t["source_country"]["correct"] == 1


def test_reciprocal_same_country_needs_it_on_both_sides(tmp_path: Path) -> None:
    gold = [{"id": "k", "text": "Two Korean ministries agreed.", "events": [{"type": "AGREE", "source": "KORGOV", "target": "KORLEG"}]}]  # fmt: skip
    once = run_eval(gold, [ev("k", "AGREE", "KORGOV")], tmp_path)["typed"]
    twice = run_eval(gold, [ev("k", "AGREE", "KORGOV", "KORLEG")], tmp_path)["typed"]
    assert once["events_dyad"]["gold_matched"] == 0
    assert twice["events_dyad"]["gold_matched"] == 1


def test_source_country_accuracy_skips_gold_without_a_source(tmp_path: Path) -> None:
    gold = [
        {"id": "a", "text": "Aid reached Haiti.", "events": [{"type": "AID", "source": None, "target": "HTIGOV"}]},
        {"id": "b", "text": "Japan sent aid to Chile.", "events": [{"type": "AID", "source": "JPNGOV", "target": "CHL"}]},
    ]  # fmt: skip
    t = run_eval(gold, [ev("a", "AID", "USAGOV", "HTIGOV"), ev("b", "AID", "CHNGOV", "CHLGOV")], tmp_path)["typed"]
    assert t["source_country"] == {"accuracy": 0.0, "correct": 0, "n": 1}
    assert t["events_dyad"]["gold_matched"] == 1  # a null source is not checked


def test_lenient_prediction_fields(tmp_path: Path) -> None:
    gold = [{"id": "q", "text": "Iran demanded that Iraq pay.", "events": [{"type": "REQUEST", "source": "IRN", "target": "IRQ"}]}]  # fmt: skip
    preds = [
        {"doc_id": "q", "event": "DEMAND", "actor": [{"text": "Iran", "code": "IRNGOV"}],
         "target": [{"text": "Iraq", "country": "IRQ"}]},
    ]  # fmt: skip
    t = run_eval(gold, preds, tmp_path)["typed"]
    assert t["events_dyad"]["f1"] == 1.0  # old label mapped, country from code, `target` for recipient


def test_read_preds_flattens_documents_and_counts_bad_lines() -> None:
    text = "\n".join([
        json.dumps({"id": "a", "events": [{"event": "AID"}, {"event": "AGREE"}]}),
        "not json at all",
        json.dumps([{"doc_id": "b", "event": "CONSULT"}]),
    ])  # fmt: skip
    preds, bad = read_preds(text)
    assert bad == 1
    assert [(p.doc_id, p.type) for p in preds] == [("a", "AID"), ("a", "AGREE"), ("b", "CONSULT")]


# ---------------------------------------------------------------- penta gold

PENTA = [
    {"id": "p1", "text": "Troops shelled the town.", "events": [{"penta": 4, "source_text": "Troops", "target_text": "the town"}]},
    {"id": "p2", "text": "The two leaders met in Paris.", "events": [{"penta": 1, "source_text": "the two leaders", "target_text": None}]},
    {"id": "p3", "text": "The ministry said it was watching.", "events": [{"penta": 0}]},
    {"id": "p4", "text": "Police arrested dozens.", "events": [{"penta": 4}]},
]  # fmt: skip


def test_penta_class_comes_from_the_most_confident_event_and_its_cameo(tmp_path: Path) -> None:
    preds = [
        ev("p1", "ASSAULT", confidence=0.9, actor=None) | {"actor": [{"text": "troops"}]},
        ev("p2", "CONSULT", confidence=0.4, cameo="120"),  # cameo root 12 (verbal conflict) overrides the type
        ev("p2", "CONSULT", confidence=0.3),
        # p3: nothing predicted counts as class 0
        ev("p4", "AGREE", confidence=0.2),
        ev("p4", "COERCE", confidence=0.8),
    ]
    p = run_eval(PENTA, preds, tmp_path)["penta"]
    assert p["accuracy"] == 0.75  # p1, p3, p4 right; p2 predicted 3
    assert p["docs_without_pred"] == 1
    assert p["confusion"]["matrix"][1][3] == 1
    assert p["confusion"]["matrix"][4][4] == 2
    # per class F1: 0 -> 1.0, 1 -> 0 (missed), 3 -> 0 (wrong), 4 -> 1.0; macro over the four classes used
    assert p["macro_f1"] == 0.5
    assert p["source_span"] == {"docs": 2, "overlap_hits": 1, "dice_hits": 1, "overlap": 0.5, "dice": 0.5}
    assert p["target_span"]["docs"] == 1


def test_span_overlap_on_content_tokens() -> None:
    assert span_overlap("the Russian army", "Russian Army units") == (1.0, 0.8)
    overlap, dice = span_overlap("Iraqi forces", "forces loyal to the Baghdad government")
    assert overlap == 0.5 and dice < 0.5
    assert span_overlap("the U.K.", "the united kingdom")[0] == 0.0


def test_empty_events_take_the_majority_format(tmp_path: Path) -> None:
    golds = load_gold(write_jsonl(tmp_path / "g.jsonl", [*PENTA, {"id": "p5", "text": "Nothing.", "events": []}]))
    assert {g.kind for g in golds} == {"penta"}


# ---------------------------------------------------------------- article gold

ARTICLE = {
    "id": "art", "date": "2025-11-04",
    "text": "SEOUL \u2014 Hegseth\u2019s visit: Washington praised   South Korea\u2019s plans. Both nations agreed to drill. "
            "North Korea fired artillery. Japan protested.",
    "required": [
        {"id": "R1", "type": "SUPPORT", "source_country": "USA", "target_country": "KOR", "unordered": False,
         "anchor": "praised south korea's plans", "date": "2025-11-04", "loc": {"lat": 37.566, "lon": 126.978, "km": 50},
         "quantity": {"value": 8.2, "unit": "percent"}},
        {"id": "R2", "type": "AGREE", "source_country": "USA", "target_country": "KOR", "unordered": True,
         "anchor": "agreed to drill"},
        {"id": "R3", "type": "MOBILIZE", "source_country": "PRK", "target_country": None, "unordered": False,
         "anchor": "fired artillery"},
    ],
    "optional": [{"id": "O1", "types": ["CONSULT", "SUPPORT"], "source_country": "USA", "target_country": None,
                  "anchor": "Hegseth's visit"}],
    "forbidden": [
        {"types": ["ASSAULT", "COERCE"], "why": "nothing violent happened"},
        {"types": None, "anchor": None, "countries_not_in": ["USA", "KOR", "PRK"], "why": "only three countries"},
    ],
}  # fmt: skip


def text_of(anchor: str) -> str:
    return next(s for s in ARTICLE["text"].split(". ") if anchor in s)


def test_article_required_forbidden_and_extras(tmp_path: Path) -> None:
    preds = [
        ev("art", "SUPPORT", "USAGOV", "KORGOV", text=text_of("praised"), date="2025-11-04",
           event_loc={"lat": 37.5, "lon": 127.0}, quantities=[{"value": 8.2, "unit": "%"}]),
        ev("art", "AGREE", "KORGOV", "USAGOV", text=text_of("agreed")),  # unordered: reversed is fine
        ev("art", "ASSAULT", "PRKMIL", text=text_of("artillery")),  # wrong type: R3 missing, forbidden
        ev("art", "PROTEST", "JPNGOV", text=text_of("Japan")),  # forbidden country, extra
        ev("art", "SUPPORT", "USAGOV", text=text_of("visit")),  # optional
    ]  # fmt: skip
    a = run_eval([ARTICLE], preds, tmp_path)["article"]
    art = a["articles"][0]
    found = {it["id"]: it["found"] for it in art["items"]}
    assert found == {"R1": True, "R2": True, "R3": False, "O1": True}
    assert art["items"][0]["subchecks"] == {"loc": True, "date": True, "quantity": True}
    assert (a["required_found"], a["required_total"]) == (2, 3)
    assert a["forbidden_hits"] == 2
    assert [r["hits"] for r in art["forbidden"]] == [1, 1]
    assert a["extras"] == 2


def test_anchor_needs_the_right_countries_and_subchecks_can_fail(tmp_path: Path) -> None:
    preds = [
        ev("art", "SUPPORT", "KORGOV", "USAGOV", text=text_of("praised")),  # ordered item, wrong direction
        ev("art", "MOBILIZE", "PRKMIL", text=text_of("artillery")),
        ev("art", "SUPPORT", "USAGOV", "KORGOV", text=text_of("praised"), date="2025-11-05"),
    ]
    art = run_eval([ARTICLE], preds, tmp_path)["article"]["articles"][0]
    r1 = art["items"][0]
    assert r1["found"] and r1["n_matches"] == 1
    assert r1["subchecks"] == {"loc": False, "date": False, "quantity": False}
    assert art["required_found"] == 2 and art["forbidden_hits"] == 0


def test_text_is_cut_from_the_document_when_missing(tmp_path: Path) -> None:
    start = ARTICLE["text"].index("North Korea")
    pred = ev("art", "MOBILIZE", "PRKMIL", text_info={"start": start, "end": start + 27})
    art = run_eval([ARTICLE], [pred], tmp_path)["article"]["articles"][0]
    assert art["required_found"] == 1


# ---------------------------------------------------------------- errors, plot, the real coder


@pytest.mark.parametrize(
    ("lines", "where", "words"),
    [
        (['{"id": "a", "text": "x", "events": [{"type": "ATTACK"}]}'], "gold.jsonl:1", "not a PLOVER type"),
        (['{"id": "a", "text": "x", "events": []}', "{broken"], "gold.jsonl:2", "not valid JSON"),
        (['{"id": "a", "text": "x", "events": [{"penta": 9}]}'], "gold.jsonl:1", "integer 0-4"),
        (['{"id": "a", "text": "x"}'], "gold.jsonl:1", "unknown gold format"),
        (['{"id": "a", "text": "x", "events": []}'] * 2, "gold.jsonl:2", "duplicate id"),
        (['{"id": "a", "text": "", "events": []}'], "gold.jsonl:1", "missing 'text'"),
        (['{"id": "a", "text": "x", "required": [{"type": "AGREE"}]}'], "gold.jsonl:1", "anchor"),
    ],
)
def test_bad_gold_is_refused_naming_the_line(tmp_path: Path, lines: list[str], where: str, words: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=words) as info:
        load_gold(path)
    assert str(info.value).startswith(str(tmp_path / where))
    result = runner.invoke(app, ["eval", str(path), "--pred", str(path)])
    assert result.exit_code == 2
    assert where in result.output.replace("\n", "")


def test_a_single_json_document_is_read(tmp_path: Path) -> None:
    path = tmp_path / "article.json"
    path.write_text(json.dumps(ARTICLE, indent=2), encoding="utf-8")
    golds = load_gold(path)
    assert [(g.id, g.kind, len(g.required)) for g in golds] == [("art", "article", 3)]


def test_plot_writes_a_png(tmp_path: Path) -> None:
    plot = tmp_path / "confusion.png"
    run_eval(PENTA, [ev("p1", "ASSAULT")], tmp_path, "--plot", str(plot))
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_score_counts_predictions_for_unknown_documents() -> None:
    golds = load_gold_records(TYPED)
    preds, _ = read_preds(json.dumps([{"doc_id": "zz", "event": "AID"}, {"event": "AID"}]))
    s = score(golds, preds)
    assert (s["pred_events_unknown_doc"], s["pred_events_without_doc_id"]) == (1, 1)
    assert s["typed"]["pairs"]["pred"] == 0


def load_gold_records(records: list[Any]) -> list[Gold]:
    return parse_gold((f"mem:{i}", r) for i, r in enumerate(records, 1))


def test_eval_codes_the_gold_texts_in_process(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", TYPED)
    saved, plot = tmp_path / "pred.jsonl", tmp_path / "types.png"
    result = runner.invoke(app, ["eval", str(gold), "--json", "--save-pred", str(saved), "--plot", str(plot)])
    assert result.exit_code == 0, result.output
    coded = json.loads(result.stdout.strip().splitlines()[-1])
    assert coded["formats"] == {"typed": 3} and coded["coding_errors"] == []
    assert plot.exists()
    records = [json.loads(line) for line in saved.read_text().splitlines()]
    assert {r["doc_id"] for r in records} <= {"d1", "d2", "d3"}
    assert len(records) == coded["pred_events"]
    again = runner.invoke(app, ["eval", str(gold), "--json", "--pred", str(saved)])
    rescored = json.loads(again.stdout.strip().splitlines()[-1])
    assert rescored["typed"] == coded["typed"]  # saved predictions score exactly as the in-process ones


def test_report_is_printed_without_json(tmp_path: Path) -> None:
    g = write_jsonl(tmp_path / "gold.jsonl", [ARTICLE])
    p = write_jsonl(tmp_path / "pred.jsonl", [ev("art", "MOBILIZE", "PRKMIL", text=text_of("artillery"))])
    result = runner.invoke(app, ["eval", str(g), "--pred", str(p)])
    assert result.exit_code == 0
    assert "required found 1/3" in result.stdout


def test_eval_codes_with_the_options_of_code(tmp_path: Path) -> None:
    # a gold that codes statements is scored on the statements only when they are asked for
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "s1", "text": "The Japanese foreign minister underscored the importance of the alliance.",
         "events": [{"penta": 0, "source_text": "The Japanese foreign minister"}]},
    ])  # fmt: skip
    spans = {}
    for args in ([], ["--statements"], ["--statements", "--model", "none"]):
        result = runner.invoke(app, ["eval", str(gold), "--json", *args])
        assert result.exit_code == 0, result.output
        spans[" ".join(args)] = json.loads(result.stdout.strip().splitlines()[-1])["penta"]["source_span"]["overlap"]
    assert spans == {"": 0.0, "--statements": 1.0, "--statements --model none": 1.0}
    bad = runner.invoke(app, ["eval", str(gold), "--model", "huge"])
    assert bad.exit_code == 2 and "unknown model" in bad.output
