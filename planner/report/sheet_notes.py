"""说明: the plan in plain words for the committee — what it does, what it asks the committee to
decide, the principles applied with their documents, what the reasons mean, what each sheet
holds. No solver words: those are in 附录一."""
from __future__ import annotations

import datetime as dt

import planner.report.layout as layout
from planner import labels as L
from planner.labels.report import PLAIN_WORDS, REASON_MEANING, SHEET_CONTENTS, report_text, sheet_title
from planner.report.plan_facts import PlanFacts
from planner.report.plan_figures import PlanFigures
from planner.report.plan_sentences import (
    decision_sentences,
    effect_sentences,
    overview_sentences,
    plan_weights,
    principle_sentences,
    unmet_sentence,
)

WIDTH = 90               # one column, inside an A4 portrait page (LibreOffice does not shrink one column)
SHEET_ORDER = ("postings", "away", "units", "fairness", "exchange", "unmet", "solver", "lines", "roster")


def _reason_codes(f: PlanFacts) -> list:
    """The reason codes the plan uses, in the order of :data:`REASON_MEANING`."""
    used = set()
    for a in f.plan.assignments:
        for code in a.reasons:
            used.add("preference:1" if code.startswith("preference") else code.strip())
    return [code for code in REASON_MEANING if code in used]


def add_notes_sheet(ws, f: PlanFacts, fig: PlanFigures, summary: dict, ledger_title: str | None = None) -> None:
    """Fill ``ws`` (the workbook's first sheet) as 说明; ``ledger_title``: the title of the sheet
    of exchange over the years when the workbook has one."""
    lang = f.lang
    ws.title = sheet_title("notes", lang)
    ws.column_dimensions["A"].width = WIDTH

    def say(key, **values):
        return report_text(key, lang, PLAIN_WORDS, **values)

    layout.sheet_title(ws, f.sc.name, 1, lines=1)
    row = layout.paragraph(ws, 2, say("notes_subtitle"), 1, "pp_section")
    blocks = [
        ("sec_overview", overview_sentences(f, fig, summary)),
        ("sec_effects", [f.text("numbered", n=n, text=t) for n, t in enumerate(effect_sentences(f, fig), 1)]),
        ("sec_unmet", [unmet_sentence(f, fig)]),
        ("sec_decide", decision_sentences(f, fig)),
        ("sec_principles", principle_sentences(f, plan_weights(f, summary))),
    ]
    rules = f.sc.rules
    words = [say("word_item", word=L.reason_text(code, lang),
                 meaning=REASON_MEANING[code][0 if lang == "zh" else 1].format(
                     first_stop=rules.first_stop_years, tenure=rules.max_tenure_years))
             for code in _reason_codes(f)]
    if words:
        blocks.append(("sec_words", words))
    pick = 0 if lang == "zh" else 1
    sheets = [(sheet_title(key, lang), SHEET_CONTENTS[key][pick]) for key in SHEET_ORDER]
    if ledger_title:
        sheets.insert(SHEET_ORDER.index("exchange") + 1, (ledger_title, SHEET_CONTENTS["ledger"][pick]))
    blocks.append(("sec_sheets", [say("sheet_item", sheet=title, content=content) for title, content in sheets]))
    for heading, sentences in blocks:
        row = layout.paragraph(ws, row + 1, say(heading), 1, "pp_section")
        for text in sentences:
            row = layout.paragraph(ws, row, text, 1)
    layout.paragraph(ws, row + 1, say("generated", date=dt.date.today().isoformat()), 1)
    layout.print_setup(ws, None, lang, portrait=True)
