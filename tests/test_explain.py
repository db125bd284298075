"""`eventwire explain`: the parse, the model's view, every candidate with its rule, score, modality and verdict."""

from __future__ import annotations

from typer.testing import CliRunner

from eventwire.cli import app, coding  # noqa: F401  (registers the commands, as main() does)

runner = CliRunner()


def explain(*args: str) -> str:
    result = runner.invoke(app, ["explain", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_shows_parse_model_candidates_and_decision():
    text = explain("Russian forces shelled Kherson on Monday, killing two civilians.", "--date", "2025-11-04")
    assert "parse" in text and "nsubj" in text  # the dependency parse
    assert "model, sentence 0: ASSAULT" in text  # the sentence model's probabilities
    assert "shelled (verb)" in text and "actor     'Russian forces' via nsubj" in text
    assert "type ASSAULT cameo" in text and "by lexicon:shell" in text and "confidence" in text
    assert "-> RUSMIL" in text and "date 2025-11-03 (relative)" in text
    assert "emitted" in text


def test_says_why_an_event_is_not_emitted_and_keeps_it_when_asked():
    sentence = "Russian forces did not attack Sumy on Monday."
    assert "did not happen (neg:not)" in explain(sentence)
    kept = explain(sentence, "--keep-unrealized")
    assert "'negated': True" in kept and "emitted" in kept


def test_lists_the_candidates_of_an_ambiguous_place():
    text = explain("Protesters clashed with police in Springfield on Monday.")
    assert "place candidates for 'Springfield':" in text and text.count("Springfield (US") >= 2


def test_takes_the_options_of_code():
    sentence = "Kenya's president briefed reporters on the drought in Nairobi."
    assert "no candidate: no event word the lexicon knows" in explain(sentence)  # the model calls it a statement
    assert "type STATEMENT cameo 010 by model:" in explain(sentence, "--statements")
    assert "no sentence model (--model none)" in explain(sentence, "--model", "none")
    bad = runner.invoke(app, ["explain", sentence, "--model", "huge"])
    assert bad.exit_code == 2 and "unknown model" in bad.output
