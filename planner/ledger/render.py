"""The ledger in words for ``planner ledger`` (Chinese by default): moves and secondments per
year and region pair, each region's moves out and in, the barriers, the regions that only sent or
only received."""
from __future__ import annotations

from models.exchange import Ledger
from models.scenario import Scenario
from planner.labels.ledger import ledger_text
from planner.ledger.tables import region_categories


def region_word(scenario: Scenario, region_id: str) -> str:
    """A region's name, or its id when regions.csv does not name it."""
    r = scenario.region_by_id.get(region_id)
    return r.name if r else region_id


def _pairs(scenario: Scenario, rows, lang: str) -> str:
    sep = ledger_text("sep", lang)
    parts = [ledger_text("pair", lang, src=region_word(scenario, a), dst=region_word(scenario, b), count=n)
             for _, a, b, n in rows]
    return sep.join(parts) or ledger_text("none", lang)


def barrier_words(scenario: Scenario, pairs, lang: str = "zh") -> str:
    """``东山县—西岭县、…`` or ``无``."""
    sep = ledger_text("sep", lang)
    return sep.join(ledger_text("barrier_pair", lang, a=region_word(scenario, a), b=region_word(scenario, b))
                    for a, b in pairs) or ledger_text("none", lang)


def ledger_lines(scenario: Scenario, ledger: Ledger, lang: str = "zh") -> list:
    """The ledger as lines of text."""
    years = ledger.years
    n = len(years)
    head = ledger_text("title", lang, name=scenario.name, first=years[0], last=years[-1])
    head += ledger_text("title_plan" if ledger.with_plan else "title_past", lang, year=scenario.plan_year)
    lines = [head, ledger_text("per_year_header", lang)]
    moves = ledger.moves_per_year()
    seconded = {y: 0 for y in years}
    for y, _, _, count in ledger.secondments:
        seconded[y] += count
    for y in years:
        mark = ledger_text("plan_year_mark", lang) if ledger.with_plan and y == scenario.plan_year else ""
        lines.append(ledger_text("per_year_row", lang, year=y, moves=moves[y], secondments=seconded[y]) + mark)
    for y in years:
        rows = [r for r in ledger.moves if r[0] == y]
        lines.append(ledger_text("moves_of_year", lang, year=y, pairs=_pairs(scenario, rows, lang)))
        rows = [r for r in ledger.secondments if r[0] == y]
        if rows:
            lines.append(ledger_text("secondments_of_year", lang, year=y, pairs=_pairs(scenario, rows, lang)))
    lines.append(ledger_text("regions_header", lang, n=n))
    for region, (out, into) in ledger.region_totals().items():
        lines.append(ledger_text("region_row", lang, region=f"{region} {region_word(scenario, region)}",
                                 out=out, into=into))
    lines.append(ledger_text("barriers", lang, n=n, pairs=barrier_words(scenario, ledger.barriers, lang)))
    cats = region_categories(ledger)
    sep = ledger_text("sep", lang)
    for key, cat in (("only_send", "send_only"), ("only_receive", "receive_only")):
        regions = [region_word(scenario, r) for r, c in cats.items() if c == cat]
        lines.append(ledger_text(key, lang, regions=sep.join(regions) or ledger_text("none", lang)))
    return lines
