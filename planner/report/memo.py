"""memo.docx: a draft 请示 to the Party group, in the shape of an official document (GB/T 9704
in outline: 标题, 主送, 正文 in numbered parts, 结语, 附件说明, 落款 and 成文日期 left as
placeholders), with the postings and the temporary assignments as annexed tables.

The sentences are the ones 说明 uses (:mod:`planner.report.plan_sentences`), so the memo and the
workbook say the same thing.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from planner import labels as L
from planner.labels.report import (
    MEMO_AWAY_HEADERS,
    MEMO_TABLE_HEADERS,
    MEMO_WORDS,
    headers,
    report_text,
)
from planner.report.plan_facts import PlanFacts
from planner.report.plan_figures import PlanFigures
from planner.report.plan_sentences import (
    decision_sentences,
    effect_sentences,
    overview_sentences,
    plan_weights,
    principle_paragraphs,
    unmet_sentence,
)
from planner.report.styles import clean_text

# Fonts of Chinese official documents; Word and WPS on a Chinese system have them, LibreOffice
# substitutes its CJK serif and sans.
FONTS_ZH = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading": "黑体", "table": "宋体"}
FONTS_EN = {"title": "Times New Roman", "body": "Times New Roman", "heading": "Arial", "table": "Times New Roman"}
SIZES = {"title": 22, "body": 16, "heading": 16, "table": 10.5}     # 二号, 三号, 三号, 五号
ANNEX_WIDTHS_CM = (1.3, 1.7, 3.9, 4.5, 4.2)       # together 15.6 cm, the text width
AWAY_WIDTHS_CM = (1.3, 1.7, 3.9, 8.7)


STYLE_NAMES = {"title": "PP Title", "body": "PP Body", "heading": "PP Heading", "table": "PP Table",
               "table_head": "PP Table Head", "note": "PP Note"}


def _add_styles(doc, fonts: dict) -> None:
    """Paragraph styles for every kind of text (fonts set once, not run by run)."""
    specs = {  # kind: (font, size, bold, line spacing in points or None)
        "title": (fonts["title"], SIZES["title"], False, 36),
        "body": (fonts["body"], SIZES["body"], False, 28),
        "heading": (fonts["heading"], SIZES["heading"], True, 28),
        "table": (fonts["table"], SIZES["table"], False, None),
        "table_head": (fonts["heading"], SIZES["table"], True, None),
        "note": (fonts["table"], SIZES["table"], False, None),
    }
    for kind, (font, size, bold, spacing) in specs.items():
        style = doc.styles.add_style(STYLE_NAMES[kind], WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.name, style.font.size, style.font.bold = font, Pt(size), bold
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        if spacing:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(spacing)


def _para(doc, text: str, kind: str, align=None, indent: bool = False, space_after: float = 0,
          left_chars: float = 0):
    p = doc.add_paragraph(clean_text(text), style=STYLE_NAMES[kind])
    fmt = p.paragraph_format
    if space_after:
        fmt.space_after = Pt(space_after)
    if indent:
        fmt.first_line_indent = Pt(SIZES[kind if kind in SIZES else "table"] * 2)      # two characters
    if left_chars:
        fmt.left_indent = Pt(SIZES[kind if kind in SIZES else "table"] * left_chars)
    if align is not None:
        p.alignment = align
    return p


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _table(doc, header_row: list, rows: list, widths_cm) -> None:
    """A bordered table, its header row repeated on every page; styles set by id (looking a style
    up by name per paragraph is most of the time at province size)."""
    head_id = doc.styles[STYLE_NAMES["table_head"]].style_id
    body_id = doc.styles[STYLE_NAMES["table"]].style_id
    table = doc.add_table(rows=1, cols=len(header_row))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for j, column in enumerate(table.columns):      # the grid: what LibreOffice and WPS read
        column.width = Cm(widths_cm[j])
    for j, text in enumerate(header_row):
        cell = table.rows[0].cells[j]
        cell.width = Cm(widths_cm[j])
        p = cell.paragraphs[0]
        p._p.style = head_id
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(clean_text(text.replace("\n", "")))
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for j, value in enumerate(row):
            cells[j].width = Cm(widths_cm[j])
            p = cells[j].paragraphs[0]
            p._p.style = body_id
            if j == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            lines = clean_text(str(value)).split("\n")
            run = p.add_run(lines[0])
            for line in lines[1:]:
                run.add_break(WD_BREAK.LINE)
                run = p.add_run(line)


def _posting_rows(f: PlanFacts) -> list:
    sc = f.sc
    rows = []
    for n, cadre_id in enumerate(f.posted, start=1):
        cadre = sc.cadre_by_id[cadre_id]
        line = next(a for a in f.by_cadre[cadre_id] if a.kind == "posting")
        rows.append([n, cadre.name, f.unit_and_post(cadre), f.target(sc.opening_by_id[line.opening_id]),
                     f.text("semi").join(L.reason_text(code, f.lang) for code in line.reasons if code.strip())])
    return rows


def _away_rows(f: PlanFacts) -> list:
    sc = f.sc
    rows = []
    for n, cadre_id in enumerate(f.away, start=1):
        cadre = sc.cadre_by_id[cadre_id]
        openings = [sc.opening_by_id[a.opening_id] for a in f.by_cadre[cadre_id] if a.kind != "posting"]
        lines = [f.away_line(o) for o in openings]
        what = lines[0] if len(lines) == 1 else "\n".join(
            f.text("numbered", n=k, text=t) for k, t in enumerate(lines, start=1))
        rows.append([n, cadre.name, f.unit_and_post(cadre), what])
    return rows


def _sources(f: PlanFacts) -> str:
    """The documents the plan follows, each once, the programme's first."""
    titles: list = []
    for code in ("R4", "R1", "R7"):
        for title in L.policy_titles(code, f.sc):
            if title not in titles:
                titles.append(title)
    return f.text("sep").join(f"《{t}》" for t in titles)


def memo_of(f: PlanFacts, fig: PlanFigures, summary: dict):
    """The 请示 as a python-docx Document, from the plan's facts and figures."""
    lang = f.lang
    fonts = FONTS_ZH if lang == "zh" else FONTS_EN

    def say(key, **values):
        return report_text(key, lang, MEMO_WORDS, **values)

    doc = Document()
    _add_styles(doc, fonts)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _para(doc, say("draft"), "note", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, say("title", year=f.sc.plan_year), "title", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=28)
    _para(doc, say("to"), "body")
    _para(doc, say("purpose", sources=_sources(f), name=f.sc.name), "body", indent=True)
    parts = [
        ("h_principles", principle_paragraphs(f, plan_weights(f, summary))),
        ("h_numbers", overview_sentences(f, fig, summary)
         + [f.text("numbered", n=n, text=t) for n, t in enumerate(effect_sentences(f, fig), 1)]
         + [unmet_sentence(f, fig)]),
        ("h_decide", decision_sentences(f, fig)),
    ]
    for heading, sentences in parts:
        _para(doc, say(heading), "heading", indent=True)
        for text in sentences:
            _para(doc, text, "body", indent=True)
    _para(doc, say("closing"), "body", indent=True)
    _para(doc, "", "body")
    _para(doc, say("annex_1", postings=fig.postings), "body", indent=True)
    if f.away:
        _para(doc, say("annex_2", away=fig.away_people), "body", left_chars=5)
    _para(doc, "", "body")
    _para(doc, say("signature"), "body", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, say("date"), "body", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, say("contact"), "body", indent=True)
    doc.add_page_break()
    _para(doc, say("h_list"), "heading", space_after=8)
    _table(doc, headers(MEMO_TABLE_HEADERS, lang), _posting_rows(f), ANNEX_WIDTHS_CM)
    if f.away:
        doc.add_page_break()
        _para(doc, say("h_away"), "heading", space_after=8)
        _table(doc, headers(MEMO_AWAY_HEADERS, lang), _away_rows(f), AWAY_WIDTHS_CM)
    return doc


def memo_bytes(doc) -> bytes:
    """The Document as .docx bytes."""
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
