"""Problems of a scenario as ``file:row: column: what`` lines, and values quoted safely in them.

Whatever a file holds, a message stays short: a value is quoted to at most ``MAX_QUOTE``
characters, and a ScenarioError lists at most ``MAX_PROBLEMS`` problems - the first ones in
file, row and column order - and counts the rest in a last line.
"""
from __future__ import annotations

from planner.io.limits import MAX_PROBLEMS, MAX_QUOTE


class BadValue(ValueError):
    """A cell or setting that does not parse; the message says why (values already quoted)."""


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def quoted(value: object, limit: int = MAX_QUOTE) -> str:
    """A value as a message shows it: text in quotes (its repr), cut after ``limit`` characters.

    Parameters
    ----------
    value : object
        Usually the text of a cell; a YAML value may be anything. Lists and mappings are named by
        their size, never rendered whole.
    limit : int
        Characters kept before ``…``.

    Returns
    -------
    str
        ``'abc'``, ``'abcdef…'``, ``a list of 3 items``, ``12``.
    """
    if isinstance(value, str):
        return repr(value[:limit]) + ("…" if len(value) > limit else "")
    if isinstance(value, (list, tuple, set, frozenset)):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys"
    if isinstance(value, (bool, float)) or value is None:
        return repr(value)
    if isinstance(value, int):
        # str() of an int over 4,300 digits raises; the size is known from its bits.
        digits = int(value.bit_length() * 0.30103) + 1
        text = str(value) if abs(value) < 10 ** 30 else f"a number of about {digits} digits"
        return _clip(text, limit)
    return _clip(repr(value), limit)


def shown(value: object, limit: int = MAX_QUOTE) -> str:
    """A value as plain text in a message (an id, a code), cut after ``limit`` characters; text
    holding characters that are not printable is shown quoted so that a line stays one line."""
    text = value if isinstance(value, str) else str(value)
    if not text[: limit + 1].isprintable():
        return quoted(text, limit)
    return _clip(text, limit)


class Problems:
    """Collects problems with a sort key, so that the report reads file by file, row by row.

    ``order`` numbers the files (0 for scenario.yaml, then the tables in SPEC order); ``row`` is
    the spreadsheet row (None for a whole file); ``col_order`` the column's place in the file.
    """

    def __init__(self) -> None:
        self._items: list = []
        self._unlisted = 0

    def add(self, label: str, row: int | None, column: str, what: str, order: int = 0,
            col_order: int = 0) -> None:
        """Record one problem ``label:row: column: what`` (``label: column: what`` without a row)."""
        where = f"{label}:{row}" if row is not None else label
        self._items.append(((order, row if row is not None else 0, col_order), f"{where}: {column}: {what}"))

    def count_unlisted(self, n: int) -> None:
        """Count ``n`` problems that are not worth a line (beyond ``MAX_PROBLEMS`` of one column)."""
        self._unlisted += n

    def __len__(self) -> int:
        return len(self._items) + self._unlisted

    def texts(self) -> list[str]:
        """The problems in file, row and column order: at most ``MAX_PROBLEMS`` lines, then one
        line counting the rest."""
        # Stable sort: checks added in a sensible order keep it within one (file, row, column).
        items = sorted(self._items, key=lambda item: item[0])
        lines = [text for _, text in items[:MAX_PROBLEMS]]
        rest = len(items) - len(lines) + self._unlisted
        if rest:
            lines.append(f"… and {rest:,} more problems (only the first {MAX_PROBLEMS} are listed)")
        return lines
