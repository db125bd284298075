"""`eventwire ingest`: folders, gz, HTML, JSONL, stdin, and http(s) articles and feeds from a local
server on 127.0.0.1; every bad input is reported by name with a reason, and the rest goes on."""

import gzip
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventwire.ingest.readers import iter_path
from eventwire.store import Store

ARTICLE = ("BERLIN (AP) — German Chancellor Friedrich Merz met French President Emmanuel Macron in Berlin on "
           "Monday to discuss European defence spending. The two leaders agreed to coordinate arms purchases.")  # fmt: skip


def page(title, body):
    return (f"<!doctype html><html lang='en'><head><title>{title}</title>"
            "<meta property='og:site_name' content='Test Gazette'></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1><p>{body}</p></article><footer>(c) Test Gazette</footer></body></html>")  # fmt: skip


def feed(base):
    items = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>"
        for t, p in [("Talks in Berlin", "/article.html"), ("Gone", "/missing.html"), ("A picture", "/image.png")]
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Test Feed</title>{items}</channel></rss>"


class Site(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self):  # noqa: N802
        Site.hits[self.path] = Site.hits.get(self.path, 0) + 1
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/article.html": (200, "text/html; charset=utf-8", page("Talks in Berlin", ARTICLE).encode()),
            "/feed.xml": (200, "application/rss+xml", feed(base).encode()),
            "/broken.xml": (200, "application/rss+xml", b"<rss><channel><item><title>cut off"),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
            "/big.html": (200, "text/html", page("Big", "word " * 50_000).encode()),
        }
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, ctype, body = routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stored(db):
    with Store(db, read_only=True) as s:
        arts = s.con.execute("SELECT url, title, source, published, status FROM articles ORDER BY url").fetchall()
        errors = dict(s.con.execute("SELECT record, message FROM ingest_errors").fetchall())
    return arts, errors


def test_urls_and_feeds_are_fetched_and_every_failure_is_named(cli, site, tmp_path, monkeypatch):
    monkeypatch.setattr("eventwire.ingest.web.MAX_BYTES", 100_000)
    db = tmp_path / "web.duckdb"
    dead = f"http://127.0.0.1:{closed_port()}/news"
    urls = [f"{site}/feed.xml", f"{site}/loop", f"{site}/image.png", f"{site}/broken.xml", f"{site}/big.html",
            f"{site}/nothing-here", dead]  # fmt: skip
    res = cli(["ingest", *urls, "--db", db])
    assert res.exit_code == 1, res.output
    arts, errors = stored(db)
    assert [(a[0], a[1], a[2], str(a[3]), a[4]) for a in arts] == [
        (f"{site}/article.html", "Talks in Berlin", "Test Feed", "2025-03-03", "coded")
    ]
    reasons = {k.replace(site, ""): v for k, v in errors.items()}
    assert "HTTP 404" in reasons["/feed.xml -> /missing.html"]
    assert "not an HTML page" in reasons["/feed.xml -> /image.png"]
    assert "redirect loop" in reasons["/loop"]
    assert "not HTML" in reasons["/image.png"]
    assert "broken feed" in reasons["/broken.xml"]
    assert "over the limit" in reasons["/big.html"]
    assert "HTTP 404" in reasons["/nothing-here"]
    assert "unreachable" in errors[dead]
    assert "8 failed" in res.output  # the summary counts them


def test_a_feed_read_again_skips_stored_entries_without_fetching_them(cli, site, tmp_path):
    db = tmp_path / "feed.duckdb"
    assert cli(["ingest", f"{site}/feed.xml", "--db", db]).exit_code == 1  # two of its entries are bad
    before = Site.hits.get("/article.html", 0)
    res = cli(["ingest", f"{site}/feed.xml", "--db", db, "--quiet"])
    assert Site.hits.get("/article.html", 0) == before
    assert len(stored(db)[0]) == 1
    assert "skipped" in res.output


def test_an_article_page_is_one_article_with_its_metadata(cli, site, tmp_path):
    db = tmp_path / "page.duckdb"
    res = cli(["ingest", f"{site}/article.html", "--db", db])
    assert res.exit_code == 0, res.output
    with Store(db, read_only=True) as s:
        text, source = s.con.execute("SELECT text, source FROM articles").fetchone()
        n_events = s.counts()["events"]
    assert text.startswith("BERLIN (AP)") and "Home | World" not in text and source == "Test Gazette"
    assert n_events >= 1


def test_a_folder_is_read_recursively_with_gz_html_markdown_and_jsonl(tmp_path):
    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    (root / "one.txt").write_text(ARTICLE)
    (root / "a" / "two.md").write_text("# Note\n\nJapan and Australia held defence talks in Tokyo.")
    (root / "a" / "b" / "page.html").write_text(page("Talks", ARTICLE))
    (root / "a" / "b" / "many.jsonl.gz").write_bytes(
        gzip.compress(b'{"id": "x1", "text": "Egypt and Sudan signed a deal."}\n{broken\n')
    )
    (root / "a" / "b" / "page.html.gz").write_bytes(gzip.compress(page("Zipped", ARTICLE).encode()))
    (root / "skip.png").write_bytes(b"\x89PNG")
    (root / ".hidden.txt").write_text("secret")
    got = list(iter_path(str(root)))
    names = [name.replace(str(root) + "/", "") for name, _ in got]
    assert names == ["a/b/many.jsonl.gz:1", "a/b/many.jsonl.gz:2", "a/b/page.html", "a/b/page.html.gz", "a/two.md",
                     "one.txt"]  # fmt: skip
    kinds = [type(item).__name__ for _, item in got]
    assert kinds == ["Article", "InputError", "Article", "Article", "Article", "Article"]
    assert got[2][1].title == "Talks" and got[2][1].text.startswith("BERLIN (AP)")


def test_a_zip_bomb_and_a_giant_file_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("eventwire.ingest.readers.MAX_FILE_BYTES", 1_000_000)
    bomb = tmp_path / "bomb.jsonl.gz"  # JSONL streams without a size limit, but not past a bomb's ratio
    bomb.write_bytes(gzip.compress(b'{"text": "A real first line."}\n' + b"\n" * 30_000_000))
    first, last = list(iter_path(str(bomb)))
    assert first[1].text == "A real first line." and "zip bomb" in last[1].message
    giant = tmp_path / "giant.txt"
    giant.write_text("word " * 300_000)
    [(_, g)] = list(iter_path(str(giant)))
    assert "larger than" in g.message and "JSONL" in g.message
    zipped = tmp_path / "giant.txt.gz"
    zipped.write_bytes(gzip.compress(b"word " * 300_000))
    [(_, z)] = list(iter_path(str(zipped)))
    assert "more than 1,000,000 bytes" in z.message  # and inflating at a ratio no text has


def test_stdin_jsonl_is_ingested_and_a_second_run_adds_nothing(cli, tmp_path):
    db = tmp_path / "s.duckdb"
    lines = "".join(json.dumps({"id": f"a{i}", "text": ARTICLE.replace("Monday", d), "date": "2025-03-04"}) + "\n"
                    for i, d in enumerate(["Monday", "Tuesday"]))  # fmt: skip
    res = cli(["ingest", "-", "--db", db, "--quiet"], input=lines + "not json\n")
    assert res.exit_code == 1
    assert "<stdin>:3" in res.output
    with Store(db, read_only=True) as s:
        first = s.counts()
    assert first["articles"] == 2 and first["events"] >= 1
    res = cli(["ingest", "-", "--db", db, "--quiet"], input=lines)
    assert res.exit_code == 0
    with Store(db, read_only=True) as s:
        assert s.counts() == first


def test_local_inputs_are_counted_for_the_progress_bar_and_streams_are_not(tmp_path):
    from eventwire.ingest import count_records

    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(ARTICLE)
    (tmp_path / "d" / "b.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}\n')
    assert count_records([str(tmp_path / "d")]) == 4
    assert count_records([str(tmp_path / "d"), "-"]) is None
    assert count_records(["https://example.org/feed.xml"]) is None
    (tmp_path / "d" / "c.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n'))
    assert count_records([str(tmp_path / "d")]) is None
