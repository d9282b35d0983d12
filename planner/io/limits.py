"""How much the scenario reader accepts before it refuses (issue 11: bounded work for any input).

SPEC 2 bounds values; these bound sizes, so that any folder up to 100 MB is answered - a
scenario or exit 2 - within a minute and a couple of GB. Each limit is above what a bureau
writes: the national test size (50,000 cadres, 8,000 openings, ~17 MB of CSV, 140 MB as an
unpacked workbook) holds ~2.8 million cells, at most ~160,000 rows and ~900,000 cells in one
table.
"""
from __future__ import annotations

# One table (a CSV file or a sheet): its bytes, its data rows and its cells (rows x header).
MAX_TABLE_BYTES = 200 * 1024 * 1024
MAX_TABLE_ROWS = 1_000_000
MAX_TABLE_CELLS = 2_000_000
# All tables of a scenario together.
MAX_SCENARIO_CELLS = 5_000_000
# scenario.xlsx: the uncompressed size its zip claims for all members together (a deflate bomb
# is refused before it is inflated; zipfile never inflates a member beyond its claimed size).
# The national test size as a workbook unpacks to 140 MB.
MAX_WORKBOOK_XML_BYTES = 512 * 1024 * 1024
# scenario.yaml: a settings file of a few KB; labels and policy make it longer, never 1 MB.
MAX_YAML_BYTES = 1024 * 1024
# Problems listed by one ScenarioError; the rest are counted in a last line.
MAX_PROBLEMS = 200
# Characters of a cell or value quoted in a message.
MAX_QUOTE = 40
