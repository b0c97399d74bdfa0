"""How the window names rules, severities and cell states (display words only)."""

from __future__ import annotations

from ..rules import RULE_NAMES, SEVERITY_NAMES, Finding
from ..schema import cell_name
from ..values import format_value

SEVERITY_WORDS = {**SEVERITY_NAMES, "blank": "空白"}


def rule_name(rule: str) -> str:
    return RULE_NAMES.get(rule, rule)


def finding_line(f: Finding) -> str:
    return f"【{SEVERITY_WORDS[f.severity]}·{rule_name(f.rule)}】{f.message}"


def cell_tooltip(path: str, findings: list[Finding], previous: str | None) -> str:
    """Tooltip of a cell: its printed name, every finding on it with the expected value, last year."""
    lines = [cell_name(path)]
    for f in findings:
        lines.append(finding_line(f))
        if f.expected is not None and f.cells and f.cells[0] == path:
            lines.append(f"　应填：{format_value(f.expected)}")
    if previous is not None:
        lines.append(f"上年：{previous or '（空白）'}")
    return "\n".join(lines)


def summary(errors: int, warnings: int, dismissed: int, blanks: int = 0) -> str:
    """The status bar's counts: ``warnings`` not counting the blank cells, which are said apart."""
    if not errors and not warnings and not blanks:
        text = "未发现问题"
    elif blanks:
        text = f"{errors} 个错误，{warnings} 个提醒，{blanks} 格未填"
    else:
        text = f"{errors} 个错误，{warnings} 个提醒"
    if dismissed:
        text += f"（另有 {dismissed} 个提醒已忽略）"
    return text
