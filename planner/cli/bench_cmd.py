"""planner bench: the benchmark of generated scenarios."""
from __future__ import annotations

import click

from planner.cli.common import main


@main.command()
@click.option("--sizes", default="municipal,province", show_default=True,
              help="Comma-separated sizes: tiny, municipal, province, national, or broad-<size> (broad openings).")
@click.option("--seeds", default="0,1,2", show_default=True, help="Comma-separated seeds.")
@click.option("--solvers", "configs", default="cpsat,cpsat-plain,highs,cbc", show_default=True,
              help="Comma-separated configurations: cpsat (LP-guided, default), cpsat-plain, highs, cbc.")
@click.option("--time-limit", type=float, default=60, show_default=True)
@click.option("--workers", type=int, default=2, show_default=True)
@click.option("--out", "out_prefix", default="bench-out/bench", show_default=True,
              help="Writes PREFIX.csv and PREFIX.md.")
def bench(sizes, seeds, configs, time_limit, workers, out_prefix):
    """Benchmark generated scenarios x solver configurations (each run in a fresh process)."""
    from pathlib import Path

    from planner.bench import rows_csv, rows_markdown, run_bench
    from planner.io.plan_files import atomic_write

    size_list = [s for s in sizes.split(",") if s]
    seed_list = [int(s) for s in seeds.split(",") if s]
    config_list = [c for c in configs.split(",") if c]

    def show(row):
        click.echo(f"{row.get('size')}/{row.get('seed')}/{row.get('config')}: {row.get('status')} "
                   f"first {row.get('first_plan_s')}s, 1% {row.get('gap1pct_s')}s, gap {row.get('gap')}, "
                   f"total {row.get('total_s')}s, peak {row.get('peak_mib')} MiB, checked {row.get('checked')}",
                   err=True)

    rows = run_bench(size_list, seed_list, config_list, time_limit, workers, on_row=show)
    atomic_write(Path(out_prefix + ".csv"), rows_csv(rows))
    atomic_write(Path(out_prefix + ".md"), rows_markdown(rows))
    click.echo(rows_markdown(rows))
    click.echo(f"written {out_prefix}.csv and {out_prefix}.md")
