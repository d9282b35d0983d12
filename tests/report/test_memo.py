"""memo.docx (issue 12 point 2): a draft 请示 beside the workbook, opened with python-docx."""
from __future__ import annotations

import report_fixtures
from docx import Document

from planner import labels as L
from planner.report import memo_path

# Fixtures shared by the report tests (tests/report/report_fixtures.py).
solved = report_fixtures.solved


def _text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def test_memo_is_a_request_with_the_numbers_and_the_list(solved):
    sc, _, plan_dir, rows, summary, _ = solved
    path = memo_path(plan_dir / "committee.xlsx")
    assert path == plan_dir / "memo.docx" and path.is_file()
    doc = Document(path)
    text = _text(doc)
    titles = [p.text for p in doc.paragraphs if p.style.name == "PP Title"]
    assert titles == [f"关于{sc.plan_year}年度年轻干部交流计划的请示"]
    assert "局党组：" in text and "以上请示妥否，请批示。" in text
    assert "〔落款单位〕" in text and "年  月  日" in text               # placeholders to fill in
    for heading in ("一、遵循的原则", "二、计划安排情况", "三、需党组研究决定的事项"):
        assert heading in text
    postings = [a for a in rows if a.kind == "posting"]
    m = summary["metrics"]
    assert f"交流任职 {len(postings)} 人" in text
    assert f"{m['cross_region_postings']} 人跨地区交流任职" in text
    assert f"调整后 {m['hardship_gini']:.3f}" in text
    assert "《公务员回避规定》" in text and "《公务员交流规定》" in text      # principles with their sources
    for lock in sc.locks:                                               # decisions asked of the committee
        assert sc.cadre_by_id[lock.cadre_id].name in text
    # The list as a table: one row per posting, in the order of 调整名单.
    table = doc.tables[0]
    head = [c.text for c in table.rows[0].cells]
    assert head == ["序号", "姓名", "现单位及职务", "拟任单位及岗位", "理由"]
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(body) == len(postings)
    by_cadre = {a.cadre_id: a for a in postings}
    assert sorted(r[1] for r in body) == sorted(sc.cadre_by_id[c].name for c in by_cadre)
    for r in body:
        a = next(a for a in postings if sc.cadre_by_id[a.cadre_id].name == r[1])
        assert r[4] == "；".join(L.reason_text(code) for code in a.reasons)
    away = {a.cadre_id for a in rows if a.kind != "posting"}
    if away:
        assert len(doc.tables) == 2 and len(doc.tables[1].rows) == 1 + len(away)


def test_memo_has_no_solver_words(solved):
    _, _, plan_dir, *_ = solved
    doc = Document(plan_dir / "memo.docx")
    text = _text(doc) + "".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    for word in ("最优界", "随机种子", "SHA-256", "OPTIMAL", "cpsat", "R1", "R11", "preference", "lock"):
        assert word not in text, word
