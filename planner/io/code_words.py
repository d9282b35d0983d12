"""The Chinese labels of SPEC 7 read back as codes (SPEC 2: a label is accepted wherever its code is).

The words are those of ``planner.labels.codes`` - the same tables the committee workbook prints
with - turned around here, never typed again. Besides each label, a shortened form the SPEC also
uses is accepted: a rank without its trailing 级 (副科 = 副科级) and a post type without 编制
(参公 for the civil post type). A kind is also read from the words the workbook prints for its variants:
跟班学习 (a temporary assignment at a higher-level body) and the task words (督察, "四进"工作队,
帮扶执法), with or without quotation marks.
"""
from __future__ import annotations

from planner.labels.codes import (
    HARDSHIP_ZH,
    KIND_ZH,
    LEVEL_ZH,
    POST_TYPE_ZH,
    RANK_ZH,
    RATING_ZH,
    TASK_KINDS_ZH,
    TEMPORARY_UPWARD_ZH,
)

_QUOTES = str.maketrans("", "", "\"'“”‘’「」")


def _unquoted(text: str) -> str:
    return text.translate(_QUOTES)


def _reverse(labels: dict, shorten: str = "") -> dict:
    """label -> code, plus the label without the suffix ``shorten`` when it has one."""
    out = {}
    for code, label in labels.items():
        out[label] = code
        if shorten and label.endswith(shorten) and len(label) > len(shorten):
            out.setdefault(label[: -len(shorten)], code)
    return out


_KIND_WORDS = {**_reverse(KIND_ZH), TEMPORARY_UPWARD_ZH: "temporary", **{w: "task" for w in TASK_KINDS_ZH}}

# column kind -> {Chinese label: code}
CODE_OF_LABEL: dict[str, dict] = {
    "kind": {_unquoted(word): code for word, code in _KIND_WORDS.items()},
    "rank": _reverse(RANK_ZH, "级"),
    "post_type": _reverse(POST_TYPE_ZH, "编制"),
    "rating": _reverse(RATING_ZH),
    "level": _reverse(LEVEL_ZH),
    "hardship": _reverse(HARDSHIP_ZH),
}

# column kind -> {code: Chinese label}, for writing a scenario with Chinese labels.
LABEL_OF_CODE: dict[str, dict] = {
    "kind": dict(KIND_ZH), "rank": dict(RANK_ZH), "post_type": dict(POST_TYPE_ZH),
    "rating": dict(RATING_ZH), "level": dict(LEVEL_ZH), "hardship": dict(HARDSHIP_ZH),
}


def code_of(kind: str, text: str) -> str | int:
    """The code a cell means: ``text`` itself when it is not a Chinese label of ``kind``.

    Parameters
    ----------
    kind : {"kind", "rank", "post_type", "rating", "level", "hardship"}
        Which SPEC 7 table the cell's column takes its codes from.
    text : str
        The trimmed cell.

    Returns
    -------
    str or int
        The code (an int for ``hardship``), or ``text`` unchanged.
    """
    words = CODE_OF_LABEL[kind]
    if text in words:
        return words[text]
    if kind == "kind":
        return words.get(_unquoted(text), text)
    return text


def labels_hint(kind: str) -> str:
    """``交流任职, 挂职锻炼, 专项任务``: the Chinese labels of ``kind`` for a message."""
    return ", ".join(str(v) for v in LABEL_OF_CODE[kind].values())
