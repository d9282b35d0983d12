"""Every command in the README runs as written (issue 15 point 6): the ```bash blocks are taken
from README.md and run in order, in a copy of the project's scenarios, each expected to exit 0."""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from click.testing import CliRunner

from planner.cli import main

ROOT = Path(__file__).resolve().parents[2]


def readme_commands() -> list:
    """The planner commands of the README's bash blocks, in order; the install lines are reduced to
    the planner command they end with (``... && .venv/bin/planner solve ...``)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.strip()
            for part in line.split("&&"):
                words = shlex.split(part)
                if not words:
                    continue
                if words[0].endswith("planner"):
                    commands.append(words[1:])
    return commands


def test_the_readme_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```bash\n(.*?)```", text, flags=re.S).group(1).strip().splitlines()
    assert len(first) == 2
    assert "pip install -e ." in first[0] and "planner solve scenarios/demo" in first[0]
    assert "pip install -e '.[test]'" in first[1] and "pytest" in first[1]


def test_every_readme_command_runs_as_written(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)
    commands = readme_commands()
    assert len(commands) >= 10
    seen = set()
    for argv in commands:
        key = tuple(argv)
        if key in seen:                       # the same command shown twice runs once
            continue
        seen.add(key)
        if argv[0] == "init" and Path(argv[1]).exists():
            continue
        result = CliRunner().invoke(main, argv + (["--quiet"] if argv[0] in ("solve", "sweep") else []))
        assert result.exit_code == 0, (argv, result.output[-2000:])
    assert (tmp_path / "out" / "demo" / "committee.xlsx").is_file()
    assert (tmp_path / "out" / "demo" / "memo.docx").is_file()
