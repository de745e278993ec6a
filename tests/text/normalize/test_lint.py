"""`narrate lint`: what the normaliser could only guess, to be fixed in a lexicon."""

from __future__ import annotations

from narrate.text.normalize import LintIssue, NormalizeOptions, lint


def test_lint_reports_unknown_acronyms_and_mixed_tokens() -> None:
    issues = lint("The ZAPAD drills and the ZAP unit used the T-72B3 and the NATO plan.")
    tokens = {issue.token for issue in issues}
    assert {"ZAPAD", "ZAP", "T-72B3"} <= tokens
    assert "NATO" not in tokens  # in the shipped lexicon
    zapad = next(issue for issue in issues if issue.token == "ZAPAD")
    assert zapad == LintIssue("ZAPAD", "unknown acronym, read as a word", "ZAPAD")
    zap = next(issue for issue in issues if issue.token == "ZAP")
    assert zap == LintIssue("ZAP", "unknown acronym, spelled as letters", "Z Eh P")
    assert "KZ" not in {issue.token for issue in lint("the KZ unit")}  # no vowel: surely letters


def test_lint_reports_odd_symbols_and_leftover_digits() -> None:
    issues = lint("Go → there")
    assert any(issue.token == "→" and "symbol" in issue.reason for issue in issues)
    assert any(issue.token == "5" for issue in lint("5 cats", NormalizeOptions(lang="xx")))


def test_lint_is_quiet_on_plain_text() -> None:
    assert lint("The FBI said on Nov. 23 that 5 people in the U.S. paid $3.50.") == []
