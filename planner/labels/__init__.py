"""Every word a reader sees, zh and en, in one package: the SPEC 7 code tables (``codes``) and
scenario objects in words (``describe``)."""
from planner.labels.advance import ADVANCE_WORDS, advance_text, revision_lines  # noqa: F401
from planner.labels.codes import *  # noqa: F401,F403
from planner.labels.codes import (  # noqa: F401
                                     certificate_text,
                                     code_name,
                                     opening_type,
                                     ordinal_zh,
                                     reason_text,
                                     reasons_text,
                                     specialty_text,
)
from planner.labels.compare import compare_text  # noqa: F401
from planner.labels.decline import DECLINE_WORDS, decline_text  # noqa: F401
from planner.labels.describe import (  # noqa: F401
                                     R2_FILTERS,
                                     cadre_label,
                                     filter_words,
                                     ids_text,
                                     opening_label,
                                     region_name,
                                     rule_label,
                                     unit_label,
)
from planner.labels.diagnosis import *  # noqa: F401,F403
from planner.labels.explain import EXPLAIN_TEMPLATES, explain_words, with_source, with_sources  # noqa: F401
from planner.labels.ledger import LEDGER_WORDS, ledger_text  # noqa: F401
from planner.labels.policy import POLICY_DEFAULT, policy_text, policy_titles  # noqa: F401
from planner.labels.report import REPORT_WORDS, report_text  # noqa: F401
