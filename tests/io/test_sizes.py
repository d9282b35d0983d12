"""Bounded work for any input (issue 11 point 2): small hostile files, big garbage files and
unrelated big files are answered fast and in little memory, with a problem naming the file."""
import csv
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from table_edits import assert_problem, load_rows, problems_of

from planner.io import grids, read_scenario, scenario_sha256

ROOT = Path(__file__).resolve().parents[2]


def _as_workbook(folder, edit=None):
    """The CSV tables of ``folder`` as one scenario.xlsx (``edit(workbook)`` before saving)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for p in sorted(folder.glob("*.csv")):
        ws = wb.create_sheet(p.stem)
        for r in load_rows(folder, p.stem):
            ws.append(r)
        p.unlink()
    if edit:
        edit(wb)
    wb.save(folder / "scenario.xlsx")
    return folder / "scenario.xlsx"


def _measured(fn):
    """(result or exception, seconds, peak MB of Python allocations) of ``fn()``."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        out = fn()
    except Exception as err:  # noqa: BLE001 - the caller asserts on it
        out = err
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return out, seconds, peak


def test_one_cell_at_xfd1048576_is_read_by_real_cells(tiny):
    book = _as_workbook(tiny, lambda wb: wb["cadres"].cell(row=1_048_576, column=16_384, value="x"))
    assert book.stat().st_size < 15_000
    with zipfile.ZipFile(book) as z:
        assert b'<dimension ref="A1:XFD1048576"/>' in z.read("xl/worksheets/sheet1.xml")   # claims it all
    scenario, seconds, peak = _measured(lambda: read_scenario(tiny))
    assert len(scenario.cadres) == 3          # the stray cell has no header: ignored
    assert seconds < 2 and peak < 20, (seconds, peak)


def test_a_header_cell_at_xfd_and_rows_below_stay_small(tiny):
    def edit(wb):
        ws = wb["fit"]
        ws.cell(row=1, column=16_384, value="far")
        for r in range(4, 2_004):
            ws.cell(row=r, column=16_384, value=r)
    _as_workbook(tiny, edit)
    err, seconds, peak = _measured(lambda: read_scenario(tiny))
    # 2,000 rows holding only "far": each lacks its ids and score (three problems a row)
    assert err.problems[0] == "scenario.xlsx[fit]:4: cadre_id: empty; a reference is required"
    assert err.problems[-1] == "… and 5,800 more problems (only the first 200 are listed)"
    assert seconds < 5 and peak < 40, (seconds, peak)


def test_a_workbook_claiming_too_much_is_refused_before_unpacking(tiny, monkeypatch):
    _as_workbook(tiny)
    monkeypatch.setattr(grids, "MAX_WORKBOOK_XML_BYTES", 10_000)
    (problem,) = problems_of(tiny)
    assert problem.startswith("scenario.xlsx: (file): the workbook unpacks to ") and problem.endswith("at most 10,000")


def test_a_sheet_with_too_many_rows(tiny, monkeypatch):
    _as_workbook(tiny)
    monkeypatch.setattr(grids, "MAX_TABLE_ROWS", 2)
    assert_problem(tiny, "scenario.xlsx[cadres]: (sheet): more than 2 rows; a table holds at most 2")


def test_a_csv_with_too_many_rows_is_refused_unread(tiny):
    with open(tiny / "fit.csv", "a", encoding="utf-8") as fh:
        fh.write("a,b,c\n" * 1_000_001)
    _, seconds, _ = _measured(lambda: problems_of(tiny))
    assert_problem(tiny, "fit.csv: (file): 1,000,003 rows; a table holds at most 1,000,000 rows")
    assert seconds < 10


def test_a_csv_row_of_millions_of_cells(tiny):
    with open(tiny / "fit.csv", "a", encoding="utf-8") as fh:
        fh.write(",".join(["1"] * 2_500_000) + "\n")
    assert_problem(tiny, "fit.csv: (file): about 2,500,0", "cells; a table holds at most 2,000,000 cells")


def test_the_scenario_cell_budget(tiny, monkeypatch):
    monkeypatch.setattr(grids, "MAX_SCENARIO_CELLS", 200)
    assert problems_of(tiny) == ["history.csv: (file): the scenario's tables hold more than 200 cells together"]


def test_a_table_file_over_the_byte_limit(tiny, monkeypatch):
    monkeypatch.setattr(grids, "MAX_TABLE_BYTES", 100)
    size = (tiny / "cadres.csv").stat().st_size
    assert_problem(tiny, f"cadres.csv: (file): {size:,} bytes; a table file holds at most 100 bytes")


def test_hash_streams_an_unrelated_big_file(tiny):
    big = tiny / "backup.bin"
    with open(big, "wb") as fh:           # sparse: costs no disk
        fh.truncate(64 * 2**20)
    expected = hashlib.sha256()
    for p in sorted(tiny.iterdir()):
        expected.update(p.name.encode() + b"\0")
        with open(p, "rb") as fh:
            while chunk := fh.read(2**20):
                expected.update(chunk)
        expected.update(b"\0")
    digest, _, peak = _measured(lambda: scenario_sha256(tiny))
    assert digest == expected.hexdigest()
    assert peak < 8, peak


@pytest.mark.slow
def test_100_mb_of_garbage_answers_in_a_minute_and_2_gb(tmp_path):
    """A municipal scenario whose fit.csv is 100 MB of distinct bad rows: exit 2 in < 60 s of CPU
    and < 2 GB, measured on a child process."""
    folder = tmp_path / "garbage"
    subprocess.run([sys.executable, "-m", "planner.cli", "generate", "--size", "municipal", "--out", str(folder)],
                   check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    pad = "z" * 48      # 650,000 rows of 3 cells: under the cell limit, so every cell is read
    with open(folder / "fit.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["cadre_id", "opening_id", "score"])
        writer.writerows([f"C{pad}{i}", f"O{pad}{i}", f"s{pad}{i}"] for i in range(650_000))
    assert (folder / "fit.csv").stat().st_size > 95 * 2**20
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, "-m", "planner.cli", "validate", str(folder)], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "more problems (only the first 200 are listed)" in result.stderr
    assert (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime) < 60
    assert after.ru_maxrss < 2 * 2**20          # KB
    shutil.rmtree(folder)
