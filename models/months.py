"""Months as plain integers.

A month ``YYYY-MM`` stands for the first day of that month (SPEC 2). We store it as
``year * 12 + (month - 1)`` so that month arithmetic and window overlaps are integer
subtraction; ``month_str`` turns it back into ``YYYY-MM`` for people.
"""
from __future__ import annotations

import re

MonthIndex = int

_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


def month_index(text: str) -> MonthIndex:
    """Parse ``YYYY-MM`` into a month index; raise ``ValueError`` when it is not a month."""
    m = _MONTH_RE.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a month (YYYY-MM)")
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a month: month {month} is outside 1-12")
    return year * 12 + month - 1


def month_of(year: int, month: int) -> MonthIndex:
    """The index of ``month`` (1-12) of ``year``."""
    return year * 12 + month - 1


def month_str(index: MonthIndex) -> str:
    """Format a month index as ``YYYY-MM``."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def year_of(index: MonthIndex) -> int:
    return index // 12


def whole_years_until(start: MonthIndex, plan_year: int) -> int:
    """Whole years from the first day of ``start`` to 1 January of ``plan_year`` (floor)."""
    return (plan_year * 12 - start) // 12


def overlap_months(a_start: MonthIndex, a_end: MonthIndex, b_start: MonthIndex, b_end: MonthIndex) -> int:
    """Months in common between two inclusive month ranges."""
    return max(0, min(a_end, b_end) - max(a_start, b_start) + 1)
