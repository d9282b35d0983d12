"""Commands on a scenario folder: validate, generate."""
from __future__ import annotations

import sys

import click

from planner.cli.common import _read_or_exit, main


@main.command()
@click.argument("scenario", type=click.Path(exists=True, file_okay=False))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the infeasibility diagnosis.")
def validate(scenario, lang):
    """Check a scenario folder: list every problem, or summarise it.

    Also runs the counting checks (fast: no solver): when they prove that no plan can obey every
    rule, prints why and exits 3. Exit 0 valid, 2 invalid, 3 proved infeasible.
    """
    from planner.cli.common import EXIT_INFEASIBLE
    from planner.diagnose import counting_diagnosis, diagnosis_summary
    from planner.io import scenario_summary, scenario_warnings
    from planner.labels import diagnosis_text
    sc = _read_or_exit(scenario)
    for warning in scenario_warnings(sc):    # valid but probably a slip; the exit code stays as it is
        click.echo(f"warning: {warning}", err=True)
    diagnosis = counting_diagnosis(sc)
    if diagnosis is not None:
        for line in diagnosis_summary(diagnosis, lang):
            click.echo(line)
        click.echo(diagnosis_text("cli.counting_only", lang))
        sys.exit(EXIT_INFEASIBLE)
    for line in scenario_summary(sc):
        click.echo(line)


@main.command()
@click.option("--size", type=click.Choice(["tiny", "municipal", "province", "national"]), default="tiny",
              show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--breadth", type=click.Choice(["narrow", "broad"]), default="narrow", show_default=True,
              help="narrow: openings read like real calls for applicants; broad: they accept wide specialty "
                   "and rank lists (about a third of all cadre x opening pairs eligible).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True)
@click.option("--xlsx", is_flag=True, help="Write one scenario.xlsx instead of CSV files.")
@click.option("--encoding", type=click.Choice(["utf-8", "utf-8-sig", "gb18030"]), default="utf-8",
              show_default=True, help="Encoding of the CSV files.")
def generate(size, seed, breadth, out_dir, xlsx, encoding):
    """Write a deterministic, feasible synthetic scenario."""
    from planner.generate import generate_scenario
    from planner.io import write_scenario
    sc = generate_scenario(size, seed, breadth=breadth)
    write_scenario(sc, out_dir, xlsx=xlsx, encoding=encoding)
    click.echo(f"wrote {out_dir}: {len(sc.cadres)} cadres, {len(sc.units)} units, {len(sc.openings)} openings")


@main.command("init")
@click.argument("out_dir", type=click.Path())
def init_cmd(out_dir):
    """Write a scenario template to fill in: scenario.yaml and scenario.xlsx (one sheet per table,
    a note on every column, drop-down lists, an example row, 填表说明). Then `planner validate DIR`
    says what is left to fill in. Exit 0, or 5 when DIR is not a new or empty folder."""
    from planner.errors import OutputError
    from planner.io.template import write_template

    try:
        paths = write_template(out_dir)
    except OutputError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        sys.exit(5)
    for path in paths:
        click.echo(f"wrote {path}")
    click.echo(f"next: fill in {paths[1].name} (and name, plan_year in {paths[0].name}), "
               f"then run: planner validate {out_dir}")
