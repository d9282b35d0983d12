"""Diagnosis items and their words: the item every counting check and core instance becomes, and
which eligibility filter removed which cadres from an opening (``removals``)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

import numpy as np

from models.scenario import Opening, Scenario
from planner.labels import (
    CLAUSE_SEP,
    FILTER_EN,
    FILTER_ZH,
    cadre_label,
    diagnosis_text,
    filter_words,
    ids_text,
)
from planner.model.context import ModelContext
from planner.model.eligibility import FILTERS, CadreArrays, Eligibility


class HasContext(Protocol):
    """What the counting checks need of a built model: its candidate pairs (``ctx``). A
    ``BuiltModel`` has it; ``planner validate`` passes the context alone, without the rules."""
    ctx: ModelContext


R2_FILTER_COUNT = sum(1 for code, _ in FILTERS if code == "R2")
# Cadres named one by one (each with the filter's words and numbers) up to this many; beyond it,
# the cadres are grouped by filter.
NAMED_CADRES = 6


def order_codes(codes: Iterable[str]) -> list:
    """Rule codes without repeats, in rule order (R1 .. R11, then anything else by name)."""
    return sorted(set(codes), key=lambda r: (len(r), r))


def diagnosis_item(rule: str, cadres: Iterable[str] = (), openings: Iterable[str] = (),
                   wording: Callable[[str], str] | None = None, source: str = "check",
                   codes: Iterable[str] | None = None, **extra) -> dict:
    """One item of a diagnosis (a counting check or a core rule instance).

    Parameters
    ----------
    rule : str
        The rule the item is about (``R3``); first of ``codes``.
    cadres, openings : iterable of str
        The ids involved.
    wording : callable(lang) -> str
        The item's words in ``"zh"`` or ``"en"``; kept as ``text_zh`` and ``text``.
    source : str
        ``check`` (a counting check) or ``core`` (a rule instance of the solver's core).
    codes : list of str, optional
        Every rule involved (default: ``[rule]``).
    **extra
        Further JSON-able facts (``check``, ``deficit``, ``removed`` ...).

    Returns
    -------
    dict
        ``rule``, ``codes``, ``cadres``, ``openings``, ``text``, ``text_zh``, ``source`` and ``extra``.
    """
    codes = list(codes) if codes else [rule]
    if rule not in codes:
        codes.insert(0, rule)
    text = wording("en") if wording else ""
    item = {"rule": rule, "codes": codes, "cadres": list(cadres), "openings": list(openings),
            "text": text, "text_zh": wording("zh") if wording else text, "source": source}
    item.update(extra)
    return item


def why_words(scenario: Scenario, cadre_id: str, opening_id: str, filters: list, lang: str) -> str:
    """Every filter keeping a cadre off an opening, in words with the numbers."""
    return CLAUSE_SEP[lang].join(filter_words(scenario, cadre_id, opening_id, code, name, lang)
                                 for code, name in filters)


def filter_name(name: str, lang: str) -> str:
    """A filter of ``planner.model.eligibility.FILTERS`` in a few words."""
    return FILTER_ZH[name] if lang == "zh" else FILTER_EN[name]


def removals(elig: Eligibility, opening: Opening, cadre_indices: Iterable[int]) -> list:
    """Which filters keep each of the given cadres off ``opening``.

    Parameters
    ----------
    elig : Eligibility
        The candidate filters of the scenario.
    opening : Opening
    cadre_indices : iterable of int
        Cadres (indices into ``scenario.cadres``) to look at.

    Returns
    -------
    list of (str, list of (str, str))
        ``(cadre_id, [(rule code, filter name), ...])`` for each cadre some filter removes, in
        cadre order; the filters are those of ``planner.model.eligibility.FILTERS``.
    """
    idx = np.asarray(sorted(set(int(i) for i in cadre_indices)), dtype=np.int64)
    if idx.size == 0:
        return []
    masks = elig.filter_masks(opening, idx)
    out = []
    for k, i in enumerate(idx.tolist()):
        failed = [f for f, m in zip(FILTERS, masks) if not m[k]]
        if failed:
            out.append((elig.ca.ids[i], failed))
    return out


def removed_by_filter(removed: list) -> list:
    """``removals`` regrouped for diagnosis.json: ``[{"rule", "filter", "cadres"}]`` in filter order."""
    groups: dict = {}
    for cadre_id, filters in removed:
        for f in filters:
            groups.setdefault(f, []).append(cadre_id)
    return [{"rule": code, "filter": name, "cadres": groups[(code, name)]}
            for code, name in FILTERS if (code, name) in groups]


def removal_words(scenario: Scenario, opening_id: str, removed: list, lang: str) -> str:
    """Which filter removed which cadres: one by one with the reasons when few, else by filter."""
    if len(removed) <= NAMED_CADRES:
        return CLAUSE_SEP[lang].join(
            diagnosis_text("check.cadre_why", lang, cadre=cadre_label(scenario, cid, lang),
                           why=why_words(scenario, cid, opening_id, fs, lang)) for cid, fs in removed)
    return CLAUSE_SEP[lang].join(
        diagnosis_text("check.filter_cadres", lang, code=g["rule"], filter=filter_name(g["filter"], lang),
                       ids=ids_text(g["cadres"], lang)) for g in removed_by_filter(removed))


def removal_codes(removed: list) -> list:
    return order_codes(code for _, fs in removed for code, _ in fs)


def holders_of(arrays: CadreArrays, code: str, among: np.ndarray | None = None) -> np.ndarray:
    """Who holds a qualification (R9 counts a specialty or a certificate alike).

    Parameters
    ----------
    arrays : CadreArrays
    code : str
        A specialty or certificate code.
    among : ndarray of int, optional
        Cadre indices to look at (default: everyone).

    Returns
    -------
    ndarray of bool
        Aligned with ``among``: True where the cadre has specialty ``code`` or certificate ``code``.
    """
    among = np.arange(len(arrays.ids)) if among is None else np.asarray(among, dtype=np.int64)
    qualified = arrays.specialty[among] == code
    bit = arrays.cert_codes.get(code)
    if bit is not None:
        qualified = qualified | ((arrays.certs[among] >> bit) & 1).astype(bool)
    return np.asarray(qualified, dtype=bool)
