"""Bad input gets a clear message naming the record; the other records are still coded."""

import json

from conftest import jsonl

GOOD = "Germany's foreign minister met her French counterpart in Paris on Monday."


def test_empty_file(cli, tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("")
    r = cli(["code", f, "--format", "jsonl"])
    assert r.exit_code == 1
    assert "empty.txt" in r.stderr and "empty" in r.stderr
    assert "1 failed" in r.stderr


def test_binary_file(cli, tmp_path):
    f = tmp_path / "image.bin"
    f.write_bytes(bytes(range(256)) * 40)
    r = cli(["code", f, "--format", "jsonl"])
    assert r.exit_code == 1
    assert "image.bin" in r.stderr and "binary" in r.stderr


def test_invalid_utf8_text(cli, tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Les ministres se sont réunis à Genève.".encode("latin-1"))
    r = cli(["code", f, "--format", "jsonl"])
    assert r.exit_code == 1
    assert "latin1.txt" in r.stderr and "UTF-8" in r.stderr


def test_malformed_jsonl_line_does_not_sink_the_batch(cli, tmp_path):
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": GOOD, "date": "2025-03-04"}),
        '{"id": "b", "text": "broken',
        json.dumps({"id": "c", "text": "Police arrested 40 protesters in Nairobi on Tuesday.", "date": "2025-03-04"}),
        json.dumps({"id": "d", "text": 42}),
    ]
    f.write_text("\n".join(lines) + "\n")
    r = cli(["code", f, "--format", "jsonl"])
    assert r.exit_code == 1
    assert "batch.jsonl:2" in r.stderr and "malformed JSON" in r.stderr
    assert "batch.jsonl:4" in r.stderr and "'text'" in r.stderr
    assert "2 failed" in r.stderr
    assert {e["doc_id"] for e in jsonl(r.stdout)} == {"a", "c"}


def test_invalid_utf8_inside_one_jsonl_line(cli, tmp_path):
    f = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": GOOD, "date": "2025-03-04"}).encode()
    f.write_bytes(good + b"\n" + b'{"id": "bad", "text": "caf\xe9"}\n')
    r = cli(["code", f, "--format", "jsonl"])
    assert r.exit_code == 1
    assert "mixed.jsonl:2" in r.stderr and "UTF-8" in r.stderr
    assert [e["doc_id"] for e in jsonl(r.stdout)] == ["ok"]


def test_huge_one_line_text_is_refused_and_others_still_coded(cli, tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 2_100_000)  # 10.5 MB, one line
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    r = cli(["code", huge, good, "--format", "jsonl", "--date", "2025-03-04"])
    assert r.exit_code == 1
    assert "huge.txt" in r.stderr and "over the limit" in r.stderr
    events = jsonl(r.stdout)
    assert events and events[0]["event"] == "CONSULT"


def test_unknown_option(cli):
    r = cli(["code", "--no-such-option"])
    assert r.exit_code == 2
    assert "No such option" in r.stderr


def test_unknown_format(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(GOOD)
    r = cli(["code", f, "--format", "xml"])
    assert r.exit_code == 2
    assert "unknown format" in r.stderr


def test_missing_file(cli, tmp_path):
    r = cli(["code", tmp_path / "nope.txt"])
    assert r.exit_code == 1
    assert "nope.txt" in r.stderr and "no such file" in r.stderr
