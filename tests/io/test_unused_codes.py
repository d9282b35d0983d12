"""Issue 15.1: a specialty or certificate that nothing else uses is a warning naming the nearest
known code; ``planner validate`` prints it and still exits 0."""
import shutil
from dataclasses import replace

from click.testing import CliRunner
from conftest import TINY_DIR, tiny_expected
from table_edits import set_cell

from planner import cli
from planner.io import read_scenario, scenario_warnings, write_scenario


def test_chinese_name_of_a_used_specialty(tiny):
    set_cell(tiny, "cadres", 2, "specialty", "环境")
    assert scenario_warnings(read_scenario(tiny)) == [
        "cadres.csv:2: specialty: 环境 is used by no opening and no other cadre; did you mean environment?"]


def test_misspelt_certificate(tiny):
    set_cell(tiny, "cadres", 3, "certificates", "eia;enforcment")
    assert scenario_warnings(read_scenario(tiny)) == [
        "cadres.csv:3: certificates: enforcment is used by no opening and no other cadre; did you mean enforcement?"]


def test_several_cadres_with_the_chinese_name_each_get_a_warning(tiny):
    set_cell(tiny, "cadres", 2, "specialty", "法律")
    set_cell(tiny, "cadres", 3, "specialty", "法律")
    assert scenario_warnings(read_scenario(tiny)) == [
        "cadres.csv:2: specialty: 法律 is used by no opening; did you mean law?",
        "cadres.csv:3: specialty: 法律 is used by no opening; did you mean law?"]


def test_known_and_shared_codes_are_no_slip(tiny):
    # chemistry (C3) is used by no opening, but it is a code the bureau names: no warning; nor for
    # a code two cadres share that is no other code's name.
    assert scenario_warnings(read_scenario(tiny)) == []
    set_cell(tiny, "cadres", 2, "specialty", "geology")
    set_cell(tiny, "cadres", 3, "specialty", "geology")
    assert scenario_warnings(read_scenario(tiny)) == []


def test_scenario_labels_name_codes_too(tiny):
    with open(tiny / "scenario.yaml", "a", encoding="utf-8") as fh:
        fh.write("labels:\n  radiation: 辐射安全\n")
    set_cell(tiny, "cadres", 2, "specialty", "radiation")      # a labelled code: fine
    set_cell(tiny, "cadres", 3, "specialty", "辐射安全")
    assert scenario_warnings(read_scenario(tiny)) == [
        "cadres.csv:3: specialty: 辐射安全 is used by no opening and no other cadre; did you mean radiation?"]


def test_rows_of_a_workbook_and_of_a_scenario_in_memory(tmp_path):
    sc = tiny_expected()
    odd = sc.replace(cadres=(sc.cadres[0], replace(sc.cadres[1], specialty="Law"), sc.cadres[2]))
    expected = "specialty: Law is used by no opening and no other cadre; did you mean law?"
    assert scenario_warnings(odd) == [f"cadres.csv:3: {expected}"]
    folder = write_scenario(odd, tmp_path / "x", xlsx=True)
    assert scenario_warnings(read_scenario(folder)) == [f"scenario.xlsx[cadres]:3: {expected}"]


def _validate(folder):
    result = CliRunner().invoke(cli.main, ["validate", str(folder)])
    text = result.output
    try:        # click 8.2 mixes stderr into output; older versions keep it apart
        text += result.stderr
    except (ValueError, AttributeError):
        pass
    return result, text


def test_validate_prints_warnings_and_the_exit_code_stays(tmp_path):
    demo = shutil.copytree(TINY_DIR.parents[2] / "scenarios" / "demo", tmp_path / "demo")
    set_cell(demo, "cadres", 3, "specialty", "管理")
    result, text = _validate(demo)
    assert result.exit_code == 0, text
    assert "warning: cadres.csv:3: specialty: 管理 is used by no opening and no other cadre; " \
           "did you mean management?" in text
    assert "scenario is valid" in text


def test_the_warning_explains_an_infeasible_scenario(tiny):
    # tiny's recruit C3 has one grassroots posting open to him; written 环境, C1 loses P1 too (R2).
    set_cell(tiny, "cadres", 2, "specialty", "环境")
    result, text = _validate(tiny)
    assert result.exit_code == 3, text        # the counting checks, as without the warning
    assert "warning: cadres.csv:2: specialty: 环境 is used by no opening and no other cadre; " \
           "did you mean environment?" in text
