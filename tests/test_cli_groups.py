"""`workbench groups`: conflicts with both figures and sources, cut quotes, related claims."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from workbench.cli import main

FILES = {
    "courier.txt": (
        "Port Elms fire\n\n"
        "Police said the fire at the Port Elms warehouse on Sunday killed 12 workers.\n\n"
        "The owner of the warehouse, Dale Fenn, said the site had passed an inspection in May.\n\n"
        '"We will rebuild every school in the valley before winter, and we will do it '
        'without raising taxes," said Mayor Ilse Brandt.\n'
    ),
    "herald.txt": (
        "Warehouse blaze\n\n"
        "Dale Fenn, who owns the warehouse, said the site had passed an inspection in May.\n"
    ),
    "post.txt": (
        "Deadly fire in Port Elms\n\n"
        "Police said the fire at the Port Elms warehouse on Sunday killed 15 workers.\n\n"
        "Dale Fenn, the owner, said the site had failed an inspection in May.\n\n"
        'Mayor Ilse Brandt said: "We will rebuild every school in the valley before winter.\n\n'
        '"The council will find the money for it," she told the meeting.\n'
    ),
}


def test_groups_show_conflicts_cut_quotes_and_related_claims(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    # every sentence a claim: the mayor's quotes score low on check-worthiness
    ingest = ["ingest", "--db", db, "--min-score", "0", str(folder)]
    assert runner.invoke(main, ingest).exit_code == 0
    table = runner.invoke(main, ["groups", "--db", db])
    assert table.exit_code == 0, table.output
    out = table.stdout
    assert "numbers disagree: 12 vs 15 workers" in out
    assert "courier: 12 workers" in out and "post: 15 workers" in out
    assert "quote cut short (Ilse Brandt)" in out and "quote drift" not in out
    assert "~ related #" in out and "one negates the other" in out
    groups = json.loads(runner.invoke(main, ["groups", "--db", db, "--format", "json"]).stdout)
    related = [r for g in groups for r in g["related"]]
    assert {r["reason"] for r in related} >= {"one negates the other"}
    flagged = json.loads(
        runner.invoke(main, ["groups", "--db", db, "--flagged", "--format", "json"]).stdout
    )
    kinds = sorted(f["kind"] for g in flagged for f in g["flags"])
    assert kinds == ["number_conflict", "number_conflict", "quote_truncated"]
