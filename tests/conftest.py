import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parents[1] / "src" / "eventwire" / "samples" / "articles.jsonl"


@pytest.fixture(scope="session")
def cli():
    """Run the `eventwire` command in-process: cli(args, input=None) -> Result (stdout, stderr, exit_code)."""
    from eventwire.cli import app, coding, storage  # noqa: F401  (registers the commands)

    runner = CliRunner()

    def run(args, input=None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
