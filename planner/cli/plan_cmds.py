"""Commands on a plan folder: check, report, graph (explain: ``explain_cmd``)."""
from __future__ import annotations

import sys

import click

from planner.cli.common import EXIT_INVALID, _scenario_for_plan, main


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="[SCENARIO] PLAN_DIR")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the verdict (violations keep their rule codes and ids).")
def check(paths, as_json, lang):
    """Re-check a written plan against every hard rule and recompute its metrics (no solver).

    The scenario is the one summary.json records unless given first. Exit 0 when the plan is
    valid and summary.json agrees, 1 otherwise, 2 when the scenario is invalid or is not the one
    the plan was made from.
    """
    import json as _json

    from planner.check import check_dir
    if len(paths) > 2:
        raise click.UsageError("give PLAN_DIR, or SCENARIO and PLAN_DIR")
    scenario, plan_dir = (None, paths[0]) if len(paths) == 1 else paths
    sc = _scenario_for_plan(scenario, "check", plan_dir)
    report = check_dir(sc, plan_dir)
    if as_json:
        click.echo(_json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for violation in report.violations:
            click.echo(str(violation))
        for diff in report.metric_diffs:
            click.echo(str(diff))
        for note in getattr(report, "notes", ()):
            click.echo(f"note: {note}")
        from planner.labels.compare import compare_text
        if report.ok:
            click.echo(compare_text("check_ok", lang, n=report.metrics.get("assignments", 0)))
        else:
            click.echo(compare_text("check_bad", lang, v=len(report.violations), d=len(report.metric_diffs)))
    sys.exit(0 if report.ok else 1)


@main.command("report")
@click.argument("plan_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--scenario", "scenario_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="The scenario the plan was solved from (default: the one summary.json records).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the workbook.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="Workbook to write (default: PLAN_DIR/committee.xlsx); memo.docx goes beside it.")
@click.option("--alternates", "with_alternates", is_flag=True,
              help="Name, for each posting, the alternate (备选): who takes the seat if the chosen cadre "
                   "declines (one fewest-change re-plan per posting, as planner decline does).")
def report_cmd(plan_dir, scenario_dir, lang, out_file, with_alternates):
    """Write the committee pack of a plan folder: the workbook (说明, 调整名单, 挂职及任务, 按单位,
    公平性, 地域交流, 未满足, 附录) and memo.docx beside it (a draft 请示 to the Party group).

    Exit 0 written; 2 when --scenario is missing or invalid, or the folder holds no plan for it.
    """
    from planner.report import ReportError, memo_path, write_report
    sc = _scenario_for_plan(scenario_dir, "report", plan_dir)
    found = None
    if with_alternates:
        from planner.io.plan_files import read_plan
        from planner.whatif.decline import alternates
        rows, _ = read_plan(plan_dir)
        postings = [(a.cadre_id, a.opening_id) for a in rows if a.kind == "posting"]
        with click.progressbar(length=len(postings), label="alternates", file=sys.stderr) as bar:
            found = alternates(sc, rows, lines=postings, progress=lambda done, total: bar.update(1))
    try:
        path = write_report(plan_dir, scenario_dir=sc, lang=lang, out=out_file, alternates=found)
    except ReportError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        click.echo("no workbook written", err=True)
        sys.exit(EXIT_INVALID)
    click.echo(f"committee workbook: {path}")
    click.echo(f"memo: {memo_path(path)}")


@main.command("graph")
@click.argument("plan_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--scenario", "scenario_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="The scenario the plan was solved from (default: the one summary.json records).")
@click.option("--out", "prefix", default=None, metavar="PREFIX",
              help="Write PREFIX.graphml and PREFIX.png (default: PLAN_DIR/exchange).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the drawing's labels.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def graph_cmd(plan_dir, scenario_dir, prefix, lang, as_json):
    """The exchange graph of a plan: regions as nodes, cross-region postings as weighted edges.

    Prints its metrics (regions sending, receiving, both, isolated; reciprocity; share of
    cross-region postings; largest strongly connected component) and writes GraphML and PNG.
    Exit 0 written; 2 when --scenario is missing or invalid, or the folder holds no plan for it.
    """
    import json as _json
    from pathlib import Path

    from planner.report import ReportError, load_plan
    from planner.report.exchange_graph import summary_lines
    from planner.report.graph_files import write_graph
    sc = _scenario_for_plan(scenario_dir, "graph", plan_dir)
    try:
        plan, _ = load_plan(plan_dir, sc)
    except ReportError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(EXIT_INVALID)
    g, metrics, paths = write_graph(sc, plan, prefix or Path(plan_dir) / "exchange", lang=lang)
    if as_json:
        click.echo(_json.dumps(metrics, ensure_ascii=False, indent=2))
    else:
        for line in summary_lines(g, metrics):
            click.echo(line)
    click.echo("wrote " + ", ".join(str(p) for p in paths), err=as_json)
