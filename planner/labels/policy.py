"""The document each rule and term comes from (issue 13): shown as 《title》 in diagnosis.md,
explanations and the workbook.

The bureau's own programme documents where the rule is the programme's (the first stop at the
grassroots, 基层体悟锻炼, the talent reservoir, the lists of shortage units and target
specialties), national regulations by their exact titles where they govern. No article numbers:
only titles that can be checked.
A scenario overrides or adds any of them in scenario.yaml under ``policy:`` (code -> title or
list of titles), read into ``Scenario.policy``.
"""
from __future__ import annotations

PROGRAMME = '"青苗干部启航工程"工作方案'
EXCHANGE_RULES = "公务员交流规定"
RECUSAL_RULES = "公务员回避规定"
APPRAISAL_RULES = "公务员考核规定"
PARTY_GROUP_RULES = "中国共产党党组工作条例"

POLICY_DEFAULT: dict[str, tuple[str, ...]] = {
    "R1": (EXCHANGE_RULES,),
    "R2": (EXCHANGE_RULES, APPRAISAL_RULES),
    "R3": (PROGRAMME,),
    "R4": (PROGRAMME,),
    "R5": (PROGRAMME,),
    "R6": (EXCHANGE_RULES,),
    "R7": (RECUSAL_RULES,),
    "R8": (EXCHANGE_RULES, PROGRAMME),
    "R9": (PROGRAMME,),
    "R10": (PROGRAMME,),
    "R11": (PARTY_GROUP_RULES,),
    "fairness": (PROGRAMME,),
    "shortage": (PROGRAMME,),
    "development": (PROGRAMME,),
    "preference": (PROGRAMME,),
    "exchange": (EXCHANGE_RULES, PROGRAMME),
    "stability": (PROGRAMME,),
    "fit": (PROGRAMME,),
}


def policy_titles(code: str, scenario=None) -> tuple[str, ...]:
    """The documents behind a rule (``R1``..``R11``) or term code, the scenario's own first.

    ``scenario.policy`` (from scenario.yaml ``policy:``) maps a code to a title or a list of
    titles and replaces the default for that code. A reason code such as ``preference:1`` or
    ``lock`` is looked up by its rule or term (``preference``, ``R11``).
    """
    code = code.split(":", 1)[0].strip()
    code = {"lock": "R11"}.get(code, code)
    own = (getattr(scenario, "policy", None) or {}).get(code) if scenario is not None else None
    if own:
        return (own,) if isinstance(own, str) else tuple(own)
    return POLICY_DEFAULT.get(code, ())


def policy_text(code: str, scenario=None, lang: str = "zh") -> str:
    """``《公务员回避规定》`` (several joined by 、); empty when no document is known.
    English output names the titles too, in the same brackets, since they have no official
    English titles."""
    titles = policy_titles(code, scenario)
    return ("、" if lang == "zh" else ", ").join(f"《{t}》" for t in titles)
