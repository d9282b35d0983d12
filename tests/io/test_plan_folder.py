"""The plan folder as one unit (SPEC 6, issue 11 point 4): written whole beside --out and swapped
in; a failure at any step leaves the previous folder byte for byte; one writer at a time; never
inside the scenario; read back only with its own scenario."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from scenario_builder import ScenarioBuilder

import planner.io.folder_writer as folder_writer
from planner.check import check_dir
from planner.cli import main
from planner.errors import OutputError, PlanFileError
from planner.io import write_scenario
from planner.io.plan_files import read_plan_folder, write_result
from planner.solve import solve


def tiny():
    return ScenarioBuilder().unit("U1").unit("U2").cadre("C1", since="2019-01").posting("P2", "U2").build()


def snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def strays(parent: Path) -> list:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


@pytest.fixture()
def previous(tmp_path):
    """A plan folder an earlier run left: a plan, a workbook and a graph."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "plan.csv").write_bytes(b"cadre_id,opening_id,kind,unit_id,start_month,end_month,reasons\n")
    (out / "summary.json").write_text('{"status": "OPTIMAL"}\n')
    (out / "committee.xlsx").write_bytes(b"old workbook")
    (out / "exchange.png").write_bytes(b"old graph")
    return out


def test_a_solve_replaces_every_file_of_the_folder(previous):
    sc = tiny()
    written = write_result(solve(sc, workers=1), sc, previous)
    assert sorted(p.name for p in written) == ["plan.csv", "summary.json"]
    assert sorted(p.name for p in previous.iterdir()) == ["plan.csv", "summary.json"]   # stale files gone
    assert strays(previous.parent) == []
    summary = json.loads((previous / "summary.json").read_text())
    assert summary["plan_sha256"] == folder_writer.file_sha256(previous / "plan.csv")
    assert check_dir(sc, previous).ok


def test_disk_full_while_writing_keeps_the_previous_folder(previous, monkeypatch):
    before = snapshot(previous)
    real_open = open

    def full_disk_open(path, mode="r", *args, **kwargs):
        if "w" in mode and ".new-" in str(path):
            raise OSError(28, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_disk_open)
    with pytest.raises(OutputError) as err:
        write_result(solve(tiny(), workers=1), tiny(), previous)
    monkeypatch.undo()
    assert "No space left" in str(err.value)
    assert snapshot(previous) == before
    assert strays(previous.parent) == []


def test_failed_swap_keeps_the_previous_folder(previous, monkeypatch):
    before = snapshot(previous)
    monkeypatch.setattr(folder_writer, "_exchange", lambda a, b: False)

    def broken_rename(src, dst):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(folder_writer.os, "rename", broken_rename)
    with pytest.raises(OutputError):
        write_result(solve(tiny(), workers=1), tiny(), previous)
    monkeypatch.undo()
    assert snapshot(previous) == before
    assert strays(previous.parent) == []


def test_two_rename_fallback_swaps_whole(previous, monkeypatch):
    monkeypatch.setattr(folder_writer, "_exchange", lambda a, b: False)
    sc = tiny()
    write_result(solve(sc, workers=1), sc, previous)
    assert sorted(p.name for p in previous.iterdir()) == ["plan.csv", "summary.json"]
    assert strays(previous.parent) == []


def test_failing_report_step_replaces_nothing(previous):
    before = snapshot(previous)

    def report(staging):
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError):
        write_result(solve(tiny(), workers=1), tiny(), previous, before_commit=report)
    assert snapshot(previous) == before
    assert strays(previous.parent) == []


def test_a_second_writer_is_refused(previous):
    with folder_writer.PlanFolderWriter(previous):
        with pytest.raises(OutputError) as err:
            with folder_writer.PlanFolderWriter(previous):
                pass
    assert "another planner run" in str(err.value)


def test_a_stale_lock_is_taken_over(previous):
    lock = previous.parent / f".{previous.name}.lock"
    lock.write_text("999999999")                   # no such process
    sc = tiny()
    write_result(solve(sc, workers=1), sc, previous)
    assert not lock.exists()


def test_leftovers_of_a_killed_run_are_cleared(previous):
    # kill -9 between writing and swapping leaves a staging folder; the old folder is whole.
    stray = previous.parent / f".{previous.name}.new-abc123"
    stray.mkdir()
    (stray / "plan.csv").write_text("half a plan")
    sc = tiny()
    write_result(solve(sc, workers=1), sc, previous)
    assert strays(previous.parent) == []


def test_out_in_the_scenario_folder_is_refused(tmp_path):
    sc = tiny()
    scen = write_scenario(sc, tmp_path / "scen")
    for out in (scen, scen / "plans"):
        with pytest.raises(OutputError):
            write_result(solve(sc, workers=1), sc, out, scenario_dir=scen)
    assert not (scen / "plans").exists() and not (scen / "plan.csv").exists()


def test_cli_out_problems_exit_5_and_write_nothing(tmp_path):
    sc = tiny()
    scen = write_scenario(sc, tmp_path / "scen")
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    a_file = tmp_path / "a_file"
    a_file.write_text("not a folder")
    for out in (scen, dangling, a_file):
        r = CliRunner().invoke(main, ["solve", str(scen), "--out", str(out), "--quiet"])
        assert r.exit_code == 5, (out, r.output)
        assert "Traceback" not in r.output
    assert a_file.read_text() == "not a folder"
    assert not (scen / "plan.csv").exists()


def test_read_plan_folder_finds_its_scenario_and_refuses_others(tmp_path):
    sc = tiny()
    scen = write_scenario(sc, tmp_path / "scen")
    out = tmp_path / "plan"
    r = CliRunner().invoke(main, ["solve", str(scen), "--out", str(out), "--quiet"])
    assert r.exit_code == 0, r.output
    found, rows, summary = read_plan_folder(out)
    assert found.cadre_by_id.keys() == sc.cadre_by_id.keys() and found.sha256 and len(rows) == 1
    other = write_scenario(ScenarioBuilder().unit("U1").unit("U3").cadre("C1", since="2019-01")
                           .posting("P3", "U3").build(), tmp_path / "other")
    with pytest.raises(PlanFileError, match="other data"):
        read_plan_folder(out, other)
    r = CliRunner().invoke(main, ["check", str(other), str(out)])
    assert r.exit_code == 2 and "other data" in r.output
    # plan.csv edited after the fact: the hash no longer matches
    (out / "plan.csv").write_text((out / "plan.csv").read_text().replace("R6", "lock"))
    with pytest.raises(PlanFileError, match="plan_sha256"):
        read_plan_folder(out)
    # the commands that take a plan folder find the scenario on their own
    os.remove(out / "plan.csv")
    r = CliRunner().invoke(main, ["report", str(out)])
    assert r.exit_code == 2


def test_plan_folder_alone_is_enough(tmp_path):
    sc = tiny()
    scen = write_scenario(sc, tmp_path / "scen")
    out = tmp_path / "plan"
    assert CliRunner().invoke(main, ["solve", str(scen), "--out", str(out), "--quiet"]).exit_code == 0
    r = CliRunner().invoke(main, ["check", str(out)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["report", str(out)])
    assert r.exit_code == 0, r.output
    assert (out / "committee.xlsx").is_file()
