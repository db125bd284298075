"""Throughput of `eventwire code` against bare spaCy on the same text, the time classification alone adds to
spaCy's (the issue's <= 30% target), cold start and peak memory.

    .venv/bin/python bench/throughput.py [--sentences 2000]

Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "eventwire" / "samples" / "articles.jsonl"


def corpus(min_sentences: int) -> list[dict]:
    import spacy  # noqa: F401

    from eventwire import nlp

    base = [json.loads(line) for line in SAMPLES.read_text().splitlines() if line.strip()]
    per_round = sum(len(list(nlp.parse(a["text"]).sents)) for a in base)
    rounds = -(-min_sentences // per_round)
    return [{**a, "id": f"{a['id']}-{i}"} for i in range(rounds) for a in base]


RSS = "import atexit,resource,sys; atexit.register(lambda: print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))"


def timed(code: str, *argv: str) -> tuple[float, float, str]:
    """Run Python `code` in a fresh process: wall seconds, its peak RSS in MB, its stdout."""
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", f"{RSS}\n{code}", *argv], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    peak = next(int(line.split()[1]) for line in res.stderr.splitlines() if line.startswith("PEAK_RSS_KB")) / 1024
    return wall, peak, res.stdout


CLI = "import sys; from eventwire.cli import main; sys.argv=['eventwire', *sys.argv[1:]]; main()"


def classification_overhead(texts: list[str]) -> dict[str, float]:
    """In one process: seconds spaCy takes to parse the texts, and for each sentence model the seconds that
    classification (the lexicon and modality over every candidate, plus the model over every sentence, told
    what the lexicon found there) adds."""
    from eventwire import nlp
    from eventwire.classify import found_types, lexicon_labels
    from eventwire.classify.learned import head
    from eventwire.extract.predicates import candidates_by_sentence

    for kind in ("full", "fast"):  # load and warm everything first: only the steady state is timed
        if (h := head(kind)) is not None:
            h.sentence_probabilities(["Warm-up sentence."])
    t = time.perf_counter()
    docs = list(nlp.parse_many(texts))
    out = {"spacy": time.perf_counter() - t}
    by_sentence = [cands for d in docs for cands in candidates_by_sentence(d)]
    sentences = [s.text.strip() for d in docs for s in d.sents]
    t = time.perf_counter()
    found = [found_types(cands, lexicon_labels(cands)) for cands in by_sentence]
    lexicon = time.perf_counter() - t
    out["none"] = lexicon
    for kind in ("full", "fast"):
        if (h := head(kind)) is not None:
            t = time.perf_counter()
            h.sentence_probabilities(sentences, found)
            out[kind] = lexicon + time.perf_counter() - t
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=2000)
    args = ap.parse_args()
    docs = corpus(args.sentences)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs))
        one = Path(tmp) / "one.txt"
        one.write_text("Japan and Australia held defence talks in Tokyo on Tuesday.")
        spacy_script = (
            "import json,sys,time; from eventwire import nlp; m=nlp.nlp(); "
            "texts=[json.loads(l)['text'] for l in open(sys.argv[1])]; t=time.perf_counter(); "
            "n=sum(len(list(d.sents)) for d in nlp.parse_many(texts)); "
            "print(json.dumps({'sentences': n, 'seconds': time.perf_counter()-t}))"
        )
        _, spacy_rss, spacy_out = timed(spacy_script, str(path))
        bare = json.loads(spacy_out)
        load_script = (
            "import time; t=time.perf_counter(); from eventwire import nlp; nlp.nlp(); print(time.perf_counter()-t)"
        )
        load = float(subprocess.run([sys.executable, "-c", load_script], capture_output=True, text=True).stdout)
        wall, ew_rss, out = timed(CLI, "code", str(path), "--format", "jsonl")
        fast_wall, _, _ = timed(CLI, "code", str(path), "--format", "jsonl", "--model", "fast")
        lex_wall, _, _ = timed(CLI, "code", str(path), "--format", "jsonl", "--model", "none")
        cold, _, _ = timed(CLI, "code", str(one), "--format", "jsonl", "--date", "2026-02-10")
    n_events = len(out.splitlines())
    sentences = bare["sentences"]
    ew_rate = sentences / (wall - load)
    sp_rate = sentences / bare["seconds"]
    print(f"corpus: {len(docs)} articles, {sentences} sentences, {n_events} events coded")
    print(f"bare spaCy nlp.pipe:  {sp_rate:8.1f} sentences/s  (peak RSS {spacy_rss:.0f} MB)")
    print(
        f"eventwire code:       {ew_rate:8.1f} sentences/s  (excluding {load:.1f}s model load; peak RSS {ew_rss:.0f} MB)"
    )
    print(f"ratio eventwire/spaCy: {ew_rate / sp_rate:.2f}")
    for name, w in (("--model fast (no transformer)", fast_wall), ("--model none (lexicon only)", lex_wall)):
        rate = sentences / (w - load)
        print(f"eventwire code {name}: {rate:8.1f} sentences/s, ratio {rate / sp_rate:.2f}")
    print(f"cold start, one sentence end to end: {cold:.2f}s")
    cost = classification_overhead([d["text"] for d in docs])
    print(f"classification alone, same run as spaCy's {cost['spacy']:.1f}s parse (target: adds <= 30%):")
    for kind in ("full", "fast", "none"):
        if kind in cost:
            print(f"  --model {kind:4}: {cost[kind]:6.2f}s, adds {cost[kind] / cost['spacy']:.0%} to spaCy")


if __name__ == "__main__":
    main()
