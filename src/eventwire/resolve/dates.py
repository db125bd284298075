"""Event dates from explicit and relative expressions, resolved against the publication date."""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}  # fmt: skip
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b")
DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})(?:\s+(\d{4}))?\b")
YEAR = re.compile(r"^(?:in\s+)?(1[89]\d\d|20\d\d)$")
# "in December", "last March", "early April 2023": the month's first day, as a bare year gives its first day
MONTH = re.compile(r"^(?:(?:in|last|early|late|mid)[\s-]+)*([a-z]{3,9})\.?(?:,?\s+(\d{4}))?$")


def resolve(expression: str, published: date | None) -> tuple[date | None, str]:
    """(date, source) for a date expression: source is "explicit", "relative" or "none".

    Relative expressions need the publication date; without it they resolve to nothing (never to today).
    """
    text = expression.lower().strip().removeprefix("on ").removeprefix("the ")
    if m := ISO.search(text):
        return _safe(int(m[1]), int(m[2]), int(m[3])), "explicit"
    for rx, mi, di in ((MONTH_DAY, 1, 2), (DAY_MONTH, 2, 1)):
        m = rx.search(text)
        if m and m[mi].lower() in MONTHS:
            month, day = MONTHS[m[mi].lower()], int(m[di])
            if m[3]:
                return _safe(int(m[3]), month, day), "explicit"
            if published is None:
                return None, "none"
            d = _safe(published.year, month, day)
            if d and d > published + timedelta(days=7):  # "Dec. 30" in a January story
                d = _safe(published.year - 1, month, day)
            return d, "relative"
    if m := YEAR.match(text):
        return date(int(m[1]), 1, 1), "explicit"
    if (m := MONTH.match(text)) and m[1] in MONTHS and (m[1] != "may" or m[2]):  # "may" alone: more often the verb
        month = MONTHS[m[1]]
        if m[2]:
            return date(int(m[2]), month, 1), "explicit"
        if published is None:
            return None, "none"
        return date(published.year - (month > published.month), month, 1), "relative"
    if published is None:
        return None, "none"
    for i, name in enumerate(WEEKDAYS):
        if name in text:
            back = (published.weekday() - i) % 7
            if "next" in text:
                return published + timedelta(days=(i - published.weekday()) % 7 or 7), "relative"
            if "last" in text and back == 0:
                back = 7
            return published - timedelta(days=back), "relative"
    table = {
        "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
        "yesterday": 1, "last night": 1, "overnight": 0, "the day before": 1, "two days ago": 2,
        "last week": 7, "a week ago": 7, "earlier this week": 2, "last month": 30, "earlier this month": 7,
        "last year": 365, "tomorrow": -1,
    }  # fmt: skip
    for phrase, days in table.items():
        if phrase in text:
            return published - timedelta(days=days), "relative"
    return None, "none"


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None
