"""Cell converters: the text of one trimmed cell to a domain value, or ``BadValue`` saying why.

The reader applies each converter once per distinct value of a column. What SPEC 2 bounds is
checked here: ids (printable, no whitespace, control or zero-width characters, not beginning
with a character a spreadsheet reads as a formula), integers (digits only, within the column's
range, never converted when they are longer than any range allows), months, codes (or their
SPEC 7 Chinese labels), booleans and lists.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection

from models.months import month_index
from planner.io.code_words import code_of, labels_hint
from planner.io.problems import BadValue, quoted

_LIST_SEP = re.compile(r"[;；、]")
_INT_RE = re.compile(r"[+-]?([0-9]+)(?:\.0+)?")
_MAX_INT_DIGITS = 15          # beyond every range of SPEC 2; longer text is never given to int()
_TRUE = frozenset({"1", "true", "yes", "是", "y", "t"})
_FALSE = frozenset({"0", "false", "no", "否", "n", "f"})
_GENDER = {"m": "M", "f": "F", "男": "M", "女": "F"}
_FORMULA_START = "=+-@"
REQUIRED = object()   # sentinel: an empty cell is an error

Converter = Callable[[str], object]


def split_list(text: str) -> list[str]:
    """Split a list cell on ``;``, ``；`` or ``、``; items trimmed, empty items dropped.

    Parameters
    ----------
    text : str
        The cell.

    Returns
    -------
    list of str
    """
    return [p.strip() for p in _LIST_SEP.split(text) if p.strip()]


def parse_bool(text: str) -> bool:
    """A boolean cell: ``1/0``, ``true/false``, ``yes/no``, ``是/否`` (any case); empty is false.

    Parameters
    ----------
    text : str
        The cell.

    Returns
    -------
    bool

    Raises
    ------
    BadValue
        When the text is none of these.
    """
    v = text.strip().lower()
    if v == "" or v in _FALSE:
        return False
    if v in _TRUE:
        return True
    raise BadValue(f"{quoted(text)} is not a boolean (1/0, true/false, yes/no, 是/否)")


def _char_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def check_id(text: str) -> str:
    """An id of SPEC 2: printable, without whitespace, control or zero-width characters, and not
    beginning with ``=``, ``+``, ``-`` or ``@``.

    Parameters
    ----------
    text : str
        The trimmed cell.

    Returns
    -------
    str
        The id, unchanged.

    Raises
    ------
    BadValue
        Naming the first character that is not allowed.
    """
    if not text:
        raise BadValue("empty; an id is required")
    if text[0] in _FORMULA_START:
        raise BadValue(f"{quoted(text)} begins with {text[0]!r}, which a spreadsheet reads as a formula; "
                       "an id may not begin with = + - @")
    for ch in text:
        if ch.isspace() or not ch.isprintable():
            raise BadValue(f"{quoted(text)} holds {_char_name(ch)}; an id is printable text without "
                           "whitespace, control or zero-width characters")
    return text


def text_cell(text: str) -> str:
    """Free text (a name, a note): kept as it is."""
    return text


def ref_required(text: str) -> str:
    """A reference to an id that must be given (the reader checks that the id exists)."""
    if not text:
        raise BadValue("empty; a reference is required")
    return text


def ref_optional(text: str) -> str | None:
    """A reference that may be empty (a new recruit's unit): None when empty."""
    return text or None


def gender_cell(text: str) -> str:
    """``M``/``F`` (also ``男``/``女``, any case)."""
    gender = _GENDER.get(text.lower())
    if gender is None:
        raise BadValue(f"{quoted(text)} is not a gender (M/F, 男/女)" if text else "empty; expected M/F (男/女)")
    return gender


def _one_of(values: Collection, label_kind: str | None) -> str:
    hint = f" (or {labels_hint(label_kind)})" if label_kind else ""
    return f"{', '.join(map(str, values))}{hint}"


def enum_cell(values: Collection, label_kind: str | None = None, default: object = REQUIRED) -> Converter:
    """A converter for one code of ``values``; with ``label_kind`` its SPEC 7 Chinese label too.

    Parameters
    ----------
    values : collection of str
        The codes.
    label_kind : str, optional
        The table of ``planner.io.code_words`` whose labels are accepted (``kind``, ``rank``, ...).
    default : object
        Value of an empty cell; an empty cell is an error when not given.

    Returns
    -------
    callable
        text -> code.
    """
    def convert(text: str):
        if text == "":
            if default is REQUIRED:
                raise BadValue(f"empty; expected one of {_one_of(values, label_kind)}")
            return default
        code = code_of(label_kind, text) if label_kind else text
        if code not in values:
            raise BadValue(f"{quoted(text)} is not one of {_one_of(values, label_kind)}")
        return code
    return convert


def int_cell(lo: int, hi: int, default: object = REQUIRED, label_kind: str | None = None) -> Converter:
    """A converter for an integer ``lo``-``hi`` (``3.0`` is 3; a Chinese label of ``label_kind``
    is its code).

    Parameters
    ----------
    lo, hi : int
        The range, both included.
    default : object
        Value of an empty cell; an empty cell is an error when not given.
    label_kind : str, optional
        ``hardship``: accept the SPEC 7 hardship labels (HARDSHIP_ZH).

    Returns
    -------
    callable
        text -> int.
    """
    expect = f"an integer {lo}-{hi}" + (f" (or {labels_hint(label_kind)})" if label_kind else "")

    def convert(text: str):
        if text == "":
            if default is REQUIRED:
                raise BadValue(f"empty; expected {expect}")
            return default
        if label_kind:
            code = code_of(label_kind, text)
            if isinstance(code, int):
                return code
        match = _INT_RE.fullmatch(text)
        if not match:
            raise BadValue(f"{quoted(text)} is not an integer; expected {expect}")
        digits = match.group(1).lstrip("0")
        if len(digits) > _MAX_INT_DIGITS:
            raise BadValue(f"{quoted(text)} is far outside {lo}-{hi}; expected {expect}")
        n = int(match.group(0).split(".")[0])
        if n < lo or n > hi:
            what = "negative" if (lo == 0 and n < 0) else f"outside {lo}-{hi}"
            raise BadValue(f"{n} is {what}; expected {expect}")
        return n
    return convert


def month_cell(optional: bool = False) -> Converter:
    """A converter for a month ``YYYY-MM``.

    Parameters
    ----------
    optional : bool
        An empty cell is None (else an error).

    Returns
    -------
    callable
        text -> the month's index (``models.months``).
    """
    def convert(text: str):
        if text == "":
            if optional:
                return None
            raise BadValue("empty; expected a month YYYY-MM")
        try:
            return month_index(text)
        except ValueError:
            raise BadValue(f"{quoted(text)} is not a month (YYYY-MM)") from None
    return convert


def set_cell(allowed: Collection | None = None, label_kind: str | None = None) -> Converter:
    """A converter for a list cell (items split by ``;``, ``；`` or ``、``).

    Parameters
    ----------
    allowed : collection of str, optional
        Every item must be one of these (any item when not given).
    label_kind : str, optional
        The SPEC 7 table whose Chinese labels are read as their codes (``rank``).

    Returns
    -------
    callable
        text -> frozenset of items.
    """
    def convert(text: str) -> frozenset:
        items = split_list(text)
        if label_kind:
            items = [code_of(label_kind, i) for i in items]
        if allowed is not None:
            bad = [i for i in items if i not in allowed]
            if bad:
                shown = ", ".join(quoted(b) for b in bad[:5]) + (", …" if len(bad) > 5 else "")
                raise BadValue(f"{shown} not in {_one_of(allowed, label_kind)}")
        return frozenset(items)
    return convert


def team_needs_cell(text: str) -> tuple:
    """``CODE:k;CODE:k`` (``：`` too) as ((code, k), ...), k a positive integer, each code once."""
    out = []
    seen = set()
    for item in split_list(text):
        code, sep, k = item.replace("：", ":").rpartition(":")
        code, k = code.strip(), k.strip()
        if not sep or not code or not re.fullmatch(r"[0-9]{1,5}", k) or not 1 <= int(k) <= 10_000:
            raise BadValue(f"{quoted(item)} is not CODE:k with k a positive integer (at most 10000)")
        if code in seen:
            raise BadValue(f"{quoted(code)} is given twice")
        seen.add(code)
        out.append((code, int(k)))
    return tuple(out)
