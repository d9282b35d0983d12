"""Reading the same scenario from every supported file format; writing it back; hashing."""
import dataclasses
import hashlib
import shutil

import openpyxl
import pytest
from conftest import TINY_DIR, tiny_expected

from planner.io import (
    ScenarioError,
    read_scenario,
    scenario_sha256,
    scenario_summary,
    split_list,
    write_scenario,
)


def _reencode(src, dst, encoding):
    """Copy a folder, re-encoding its CSV files (they are UTF-8 in tests/data)."""
    dst.mkdir()
    for p in src.iterdir():
        data = p.read_bytes()
        if p.suffix == ".csv":
            data = data.decode("utf-8").encode(encoding)
        (dst / p.name).write_bytes(data)
    return dst


def _to_xlsx(src, dst, typed=False):
    """The CSV tables of ``src`` as sheets of one scenario.xlsx, as a person would paste them.

    With ``typed``, number-looking cells become numbers and months become dates, as Excel turns
    them when a person types them in.
    """
    import csv
    import datetime

    dst.mkdir()
    shutil.copy(src / "scenario.yaml", dst / "scenario.yaml")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for p in sorted(src.glob("*.csv")):
        ws = wb.create_sheet(p.stem)
        for i, row in enumerate(csv.reader(p.open(encoding="utf-8"))):
            cells = []
            for v in row:
                if typed and i > 0 and v.isdigit():
                    v = float(v) if len(v) < 3 else int(v)    # Excel stores 3 as 3.0
                elif typed and i > 0 and len(v) == 7 and v[4] == "-" and v.replace("-", "").isdigit():
                    v = datetime.datetime(int(v[:4]), int(v[5:]), 1)
                cells.append(v)
            ws.append(cells)
    wb.save(dst / "scenario.xlsx")
    return dst


def test_utf8_reads_to_the_hand_written_objects():
    sc = read_scenario(TINY_DIR)
    assert sc.replace(sha256="") == tiny_expected()
    assert sc.sha256 == scenario_sha256(TINY_DIR)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk"])
def test_other_encodings_read_to_the_same_objects(tmp_path, encoding):
    folder = _reencode(TINY_DIR, tmp_path / encoding, encoding)
    if encoding == "utf-8-sig":
        assert (folder / "cadres.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    else:   # really not UTF-8, so the GB18030 path is taken
        with pytest.raises(UnicodeDecodeError):
            (folder / "cadres.csv").read_bytes().decode("utf-8")
    assert read_scenario(folder).replace() == tiny_expected()


@pytest.mark.parametrize("typed", [False, True], ids=["text-cells", "typed-cells"])
def test_xlsx_reads_to_the_same_objects(tmp_path, typed):
    folder = _to_xlsx(TINY_DIR, tmp_path / "x", typed=typed)
    assert read_scenario(folder).replace() == tiny_expected()


def test_chinese_list_separators_and_trimming():
    assert split_list(" a；b、 c ;;d ; ") == ["a", "b", "c", "d"]
    sc = read_scenario(TINY_DIR)
    c1, c2, c3 = sc.cadres
    assert c1.certificates == {"enforcement", "monitoring"}       # split on ；
    assert c2.certificates == {"eia", "enforcement"}              # split on 、
    assert c3.name == "王芳"                                       # " 王芳 " trimmed
    assert sc.opening_by_id["K1"].team_needs == (("enforcement", 1), ("law", 1))


def test_booleans_gender_and_defaults():
    sc = read_scenario(TINY_DIR)
    c1, c2, c3 = sc.cadres
    assert (c1.gender, c2.gender, c3.gender) == ("M", "F", "F")     # 男, 女, F
    assert (c1.talent_pool, c2.exempt, c3.talent_pool, c3.exempt) == (True, True, False, False)
    assert c3.unit_id is None and c3.unit_since is None and c3.is_recruit
    assert c3.home_region == "R9"                                   # outside regions.csv: allowed
    t1 = sc.opening_by_id["T1"]
    assert (t1.min_seats, t1.post_type, t1.allow_transfer, t1.max_age) == (0, None, False, None)
    assert t1.hardship == 0 and sc.opening_by_id["K1"].hardship is None   # empty: the unit's
    assert sc.opening_by_id["P1"].min_rating == "competent"
    assert sc.rules.max_away_months == 8 and sc.rules.first_stop_years == 3   # yaml default kept
    assert sc.weights.fairness == 7 and sc.weights.shortage == 5


def test_extra_cadre_columns_kept_in_file_order():
    sc = read_scenario(TINY_DIR)
    assert sc.extra_columns == ("民族", "职务")
    assert sc.cadres[1].extra == (("民族", "回族"), ("职务", "副科长"))
    assert sc.cadres[2].extra == (("民族", "汉族"), ("职务", ""))


def test_extra_column_of_another_table_is_ignored():
    # units.csv of tests/data/tiny carries a 备注 column.
    assert "备注" in (TINY_DIR / "units.csv").read_text(encoding="utf-8").splitlines()[0]
    assert read_scenario(TINY_DIR).units[1] == tiny_expected().units[1]


@pytest.mark.parametrize("xlsx,encoding", [(False, "utf-8"), (False, "utf-8-sig"), (False, "gb18030"),
                                           (True, "utf-8")])
def test_write_then_read_round_trips(tmp_path, xlsx, encoding):
    sc = tiny_expected()
    out = write_scenario(sc, tmp_path / "out", xlsx=xlsx, encoding=encoding)
    names = sorted(p.name for p in out.iterdir())
    if xlsx:
        assert names == ["scenario.xlsx", "scenario.yaml"]
    else:
        assert "cadres.csv" in names and "locks.csv" in names and "scenario.xlsx" not in names
    again = read_scenario(out)
    assert again.replace() == sc
    assert again.sha256 == scenario_sha256(out)


def test_write_into_existing_folder_switches_format(tmp_path):
    out = tmp_path / "out"
    write_scenario(tiny_expected(), out)                # CSV
    write_scenario(tiny_expected(), out, xlsx=True)     # now xlsx: the CSVs must go
    assert not list(out.glob("*.csv"))
    assert not [p for p in out.iterdir() if p.name.startswith(".")]    # no temp files left
    assert read_scenario(out).replace() == tiny_expected()


def test_empty_optional_tables_round_trip(tmp_path):
    sc = tiny_expected().replace(history=(), relations=(), preferences=(), fit=(), locks=())
    assert read_scenario(write_scenario(sc, tmp_path / "o")).replace() == sc


def test_optional_tables_may_be_absent(tiny):
    for name in ("history", "relations", "preferences", "fit", "locks"):
        (tiny / f"{name}.csv").unlink()
    sc = read_scenario(tiny)
    assert sc.history == () and sc.locks == () and len(sc.cadres) == 3


def test_sha256_is_name_nul_bytes_nul_in_sorted_order(tmp_path):
    (tmp_path / "b.csv").write_bytes(b"x,y\n")
    (tmp_path / "a.yaml").write_bytes("名: 1\n".encode())
    (tmp_path / "sub").mkdir()        # folders are not files of the scenario
    h = hashlib.sha256(b"a.yaml\0" + "名: 1\n".encode() + b"\0" + b"b.csv\0x,y\n\0").hexdigest()
    assert scenario_sha256(tmp_path) == h


def test_sha256_changes_with_any_byte(tiny):
    before = scenario_sha256(tiny)
    (tiny / "fit.csv").write_bytes((tiny / "fit.csv").read_bytes().replace(b"80", b"81"))
    assert scenario_sha256(tiny) != before
    assert read_scenario(tiny).sha256 == scenario_sha256(tiny)


def test_summary_counts():
    text = "\n".join(scenario_summary(read_scenario(TINY_DIR)))
    # C3 is the recruit and the only one without a grassroots record (C1 was posted at grassroots
    # U2, C2 serves there); C1 has been at U1 since 2021-03: 5 whole years by 2027-01, rotation due.
    assert "cadres: 3 (new recruits 1, rotation due 1, without grassroots record 1" in text
    assert "exempt 1, talent pool 1" in text
    assert "posting 1 (2 seats, min 1), temporary 1 (1 seats, min 0), task 1 (3 seats, min 0)" in text
    assert "key shortage: 2 openings, 5 seats" in text           # P1 and K1 at U2
    assert "relations: 1" in text and "locks: 1 (require 0, forbid 1)" in text


def test_not_a_folder(tmp_path):
    with pytest.raises(ScenarioError) as err:
        read_scenario(tmp_path / "nope")
    assert "not a scenario folder" in err.value.problems[0]


def test_text_that_looks_like_a_formula_stays_text_in_the_workbook(tmp_path):
    sc = tiny_expected()
    cadres = (dataclasses.replace(sc.cadres[0], name="=HYPERLINK(\"http://x\",\"y\")"),) + sc.cadres[1:]
    odd = sc.replace(cadres=cadres)
    folder = write_scenario(odd, tmp_path / "x", xlsx=True)
    wb = openpyxl.load_workbook(folder / "scenario.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    assert read_scenario(folder).replace() == odd
