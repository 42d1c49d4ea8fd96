"""Temporal expressions: find them in article text and give them ISO 8601 / TimeML values.

SPEC section 3 ("Dates") is the contract; docs/annotation-guidelines.md and the
development notes fix the span and value conventions. In short:

- *Span*: a governing preposition stays outside ("since July 2024" →
  `July 2024`, "for now" → `now`); determiners and modifiers stay inside
  ("the end of 2028", "early December", "the following day").
- *Value*: ISO 8601 at the expression's own precision (`YYYY`, `YYYY-MM`,
  `YYYY-MM-DD`), an interval `START/END`, or a TimeML vague reference
  (`PAST_REF`, `PRESENT_REF`, `FUTURE_REF`); `None` where nothing resolves it.
  Modifiers are not encoded ("late 2022" → `2022`), seasons are meteorological
  month intervals, decades are year intervals.

How it works: one precompiled regular expression scans the text once; each
match becomes one or more expressions of a *kind* that says where the missing
parts of its value come from:

- `ABSOLUTE`: the text says everything ("13 December 2025", "2014 to 2020").
- `PARTIAL`: the year is missing ("14 December", "June"). It is the year of
  the *narrative*: that of the nearest earlier date that can anchor a story
  (see below), else the DCT's. Narration moves forward, so a month before the
  anchor's month falls in the next year ("November 2024 ... in February" is
  2025-02) unless the sentence looks back with a past perfect ("had been
  tabled in April"). A past-tense date never lands after a given DCT, and a
  date governed by a future cue ("will", "unlikely", "next";
  `data/dates_future_cues.txt`) never before it.
- `DCT`: counts from the document creation time ("last year", "three months
  ago", "last summer").
- `CHAINED`: counts from the nearest earlier anchoring date ("the following
  day", "five months later"); "that summer" and "that December" count from
  the narrative, like partial dates.
- `VAGUE`: a TimeML reference point ("now", "in recent months").

A date anchors later chained dates unless it only identifies a thing ("a
statute of 2012", "the 1990 Declaration"), states a horizon ("by 2030",
"until the end of 2028") or is governed by a future cue. It sets the
narrative year of later partial dates only if, besides, it is not background:
the start of a state ("since 2017"), or, from the parse (`DateNormalizer`), a
date in a relative clause, a reduced relative or an apposition ("two laws he
signed in July 2023") or in a flashback in the past perfect. A sentence in the
present tense ("Progress has stalled.") returns the narrative to the DCT.

Without a full DCT, the latest absolute date that is neither a horizon nor
governed by a future cue is a lower bound for the publication date; it stands in
for the DCT at its own precision, and the result says so (`dct_inferred`).

Values that need more precision than their anchor has are `None`, never a
coarser or guessed value: "ten days later" after "May 2024" is `None`, and so
are "yesterday" under a month-precision DCT and "last August" under a
year-precision DCT.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .records import VAGUE_DATES, DateMention

DATA_DIR = Path(__file__).parent / "data"
VAGUE_REFS_PATH = DATA_DIR / "dates_vague.txt"
FUTURE_CUES_PATH = DATA_DIR / "dates_future_cues.txt"
NOT_YEAR_BEFORE_PATH = DATA_DIR / "dates_not_year_before.txt"
NOT_YEAR_AFTER_PATH = DATA_DIR / "dates_not_year_after.txt"
SPANS_KEY = "dates"

# An interval of two points, as this module computes it.
_Interval = tuple["_Point", "_Point"]


@dataclass(frozen=True)
class _Point:
    """A calendar point at year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def key(self) -> tuple[int, ...]:
        """The known fields, most significant first (for comparisons at shared precision)."""
        if self.month is None:
            return (self.year,)
        if self.day is None:
            return (self.year, self.month)
        return (self.year, self.month, self.day)

    def iso(self) -> str:
        """ISO 8601 at the point's own precision."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def date(self) -> datetime.date:
        """The point as a `datetime.date` (day precision only)."""
        assert self.month is not None and self.day is not None
        return datetime.date(self.year, self.month, self.day)


@dataclass(frozen=True)
class DateResult:
    """The dates of one text and the DCT they were resolved against.

    Attributes:
        mentions: date mentions in document order, non-overlapping.
        dct: the document creation time used (ISO 8601, possibly partial), or
            `None` when there was none to give or infer.
        dct_inferred: whether `dct` was inferred from the text (a lower bound:
            the latest past date the text mentions) instead of given.
    """

    mentions: list[DateMention]
    dct: str | None
    dct_inferred: bool


class _Kind(Enum):
    """Where the missing parts of an expression's value come from (module docstring)."""

    ABSOLUTE = "absolute"
    PARTIAL = "partial"
    DCT = "dct"
    CHAINED = "chained"
    VAGUE = "vague"


@dataclass
class _Expr:
    """One temporal expression found by the scan, before resolution.

    `rule` depends on the kind: PARTIAL `rule(year)`, DCT `rule(dct, future)`,
    CHAINED `rule(anchor)` with the anchor as an interval. `month` and `day`
    locate a PARTIAL expression inside its year, so that the year can be
    moved to respect the DCT.
    """

    start: int
    end: int
    kind: _Kind
    value: _Point | _Interval | str | None = None
    rule: Callable[..., _Point | _Interval | None] | None = None
    month: int = 1
    day: int | None = None
    future: bool = False  # governed by a future cue (`DateFinder._mark_context`)
    looks_back: bool = False  # in a past-perfect sentence ("had been tabled in April")
    horizon: bool = False  # governed by "by", "until", "before" ...
    identifying: bool = False  # "a statute of 2012", "the 1990 Declaration"
    since: bool = False  # "president since 2017": the start of a state that lasts until now
    background: bool = False  # in a relative clause, an apposition or a flashback (`DateFinder.find`)
    narrative: bool = False  # a CHAINED rule read from the narrative anchor ("that December"), not the nearest date

    @property
    def anchors(self) -> bool:
        """Whether this date may be the nearest earlier date of a chained one ("two weeks later")."""
        return not (self.future or self.horizon or self.identifying)

    @property
    def narrates(self) -> bool:
        """Whether this date may set the narrative year of later partial dates ("in early March")."""
        return self.anchors and not (self.since or self.background)


# ---------------------------------------------------------------------------
# Calendar arithmetic
# ---------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, name in enumerate(
        ["January", "February", "March", "April", "May", "June", "July",
         "August", "September", "October", "November", "December"], start=1)
}
MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
WEEKDAYS = {name: number for number, name in enumerate(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])}
# Meteorological seasons of the northern hemisphere (SPEC section 3), by
# first month; each lasts three months.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# Counts that name no number ("a few years ago"): the expression is still a
# reference to the past, TimeML's PAST_REF, but no calendar value.
VAGUE_COUNTS = ("few", "couple", "several", "many", "some")
ORDINAL_CENTURIES = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def _make_point(year: int, month: int | None = None, day: int | None = None) -> _Point | None:
    """A point, or `None` if the month or day does not exist."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return _Point(year, month, day)


def _from_date(date: datetime.date) -> _Point:
    return _Point(date.year, date.month, date.day)


def _shift(point: _Point, count: int, unit: str) -> _Point | None:
    """Move `point` by `count` units; the result has the unit's precision (SPEC).

    Days and weeks need a day, months a month; `None` if the point lacks it
    or the result leaves the years 1 to 9999 that ISO 8601 writes with four digits.
    """
    if unit in ("day", "week"):
        if point.day is None:
            return None
        days = count * (7 if unit == "week" else 1)
        try:
            return _from_date(point.date() + datetime.timedelta(days=days))
        except OverflowError:
            return None
    if unit == "month":
        if point.month is None:
            return None
        months = point.year * 12 + point.month - 1 + count
        shifted = _Point(months // 12, months % 12 + 1)
    else:
        shifted = _Point(point.year + count * (10 if unit == "decade" else 1))
    return shifted if 1 <= shifted.year <= 9999 else None


def _week(point: _Point) -> _Interval | None:
    """The Monday-to-Sunday week around a day, as a day interval.

    ISO week values (`2026-W03`) are outside SPEC's value set, so a week is
    written as the interval of its days.
    """
    if point.day is None:
        return None
    monday = point.date() - datetime.timedelta(days=point.date().weekday())
    return _from_date(monday), _from_date(monday + datetime.timedelta(days=6))


def _season(year: int, season: str) -> _Interval:
    """A meteorological season starting in `year` ("winter 2023" is 2023-12/2024-02)."""
    first = SEASONS[season]
    last_year, last_month = (year + 1, 2) if first == 12 else (year, first + 2)
    return _Point(year, first), _Point(last_year, last_month)


def _season_around(point: _Point, season: str) -> _Interval:
    """The season of the point's year; for winter, the one containing January or February."""
    if season == "winter" and point.month in (1, 2):
        return _season(point.year - 1, season)
    return _season(point.year, season)


def _season_before(point: _Point, season: str) -> _Interval | None:
    """The latest such season that ended before the point's month."""
    if point.month is None:
        return None
    for year in (point.year, point.year - 1, point.year - 2):
        interval = _season(year, season)
        if interval[1].key < point.key[:2]:
            return interval
    return None


def _season_after(point: _Point, season: str) -> _Interval | None:
    """The earliest such season that starts after the point's month."""
    if point.month is None:
        return None
    for year in (point.year, point.year + 1):
        interval = _season(year, season)
        if interval[0].key > point.key[:2]:
            return interval
    return None


def _compare(left: tuple[int, ...], right: tuple[int, ...]) -> int:
    """Compare two point keys at their shared precision: -1, 0 or 1."""
    size = min(len(left), len(right))
    return (left[:size] > right[:size]) - (left[:size] < right[:size])


def _as_interval(value: _Point | _Interval) -> _Interval:
    return value if isinstance(value, tuple) else (value, value)


def _iso(value: _Point | _Interval | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return f"{value[0].iso()}/{value[1].iso()}"
    return value.iso()


def _parse_dct(dct: str | None) -> _Point | None:
    """Parse a DCT: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part is ignored).

    Raises:
        ValueError: the DCT is not an ISO 8601 calendar date of the years
            1000 to 2999 (a publication date; the bound keeps every value
            computed from it within four-digit years).
    """
    if dct is None:
        return None
    found = re.fullmatch(r"([12]\d{3})(?:-(\d{2})(?:-(\d{2})(?:[T ].*)?)?)?", dct.strip())
    point = found and _make_point(
        int(found[1]), int(found[2]) if found[2] else None, int(found[3]) if found[3] else None)
    if not point:
        raise ValueError(f"DCT {dct!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD, years 1000 to 2999)")
    return point


# ---------------------------------------------------------------------------
# Patterns. Month and weekday names are case-sensitive ("May" the month, "may"
# the modal); relative words are case-insensitive (sentence-initial "Last year").
# ---------------------------------------------------------------------------

_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![a-z])"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])")
_YEAR = r"(?:18|19|20)[0-9]{2}(?![0-9])(?![.,][0-9])"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
_SEASON = r"(?:spring|summer|autumn|fall|winter)(?![a-z])"
_UNIT = r"(?:days?|weeks?|months?|years?|decades?)"
_NUMBER = (r"(?:[0-9]{1,3}|a\s+few|a\s+couple\s+of|several|many|some"
           r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
           r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
           r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
           r"|one|two|three|four|five|six|seven|eight|nine|ten|an?)")
# Between two dates of a range ("2014 to 2020", "2012–2013") or a coordination.
_CONNECTOR = r"(?:\s*[–—-]\s*|\s*/\s*|\s+(?:to|until|till|through|and)\s+)"

# Calendar dates. "the 13th of December" keeps its "the"; a weekday before a
# date is part of it ("Monday, 4 March 2024").
_DMY = (rf"(?:(?P<weekday1>{_WEEKDAY}),?\s+)?(?:(?:[Tt]he\s+)?(?P<day1>{_DAY})\s+of\s+|(?P<day2>{_DAY})\s+)"
        rf"(?P<month1>{_MONTH})(?:,?\s+(?P<year1>{_YEAR}))?")
_MDY = rf"(?:(?P<weekday2>{_WEEKDAY}),?\s+)?(?P<month2>{_MONTH})\s+(?P<day3>{_DAY})(?:,?\s+(?P<year2>{_YEAR}))?"
_MY = rf"(?P<month3>{_MONTH})\s+(?:of\s+)?(?P<year3>{_YEAR})"
# Any date that can stand at either end of a range; parsed by `_ATOM`.
_ATOM = re.compile(
    rf"{_DMY}|{_MDY}|{_MY}|(?P<month4>{_MONTH_FULL})|(?P<day4>{_DAY})(?:,?\s+(?P<year4>{_YEAR}))?|(?P<year5>{_YEAR})")


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made non-capturing, for the combined scanner."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# Modifiers stay inside the span and are not encoded (SPEC): "the end of 2028",
# "early December", "mid-2023", "the first half of 2024", "the late 1990s".
_MODIFIER = (r"(?i:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|first\s+half|second\s+half"
             r"|(?:first|second|third|fourth|last)\s+quarter|(?:first|last)\s+(?:days?|weeks?|months?))\s+of\s+"
             r"|(?:the\s+)?(?:early|late|mid)(?:\s+|-))")

# The scanner's alternatives, tried in this order at each position, so that a
# longer reading (a range, a full date) wins over a shorter one. Each pattern's
# named groups are read by the handler of the same name.
_ALTERNATIVES: list[tuple[str, str]] = [
    ("iso", rf"(?P<year>{_YEAR})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])(?![0-9])"),
    ("range", (rf"(?P<left>{_unnamed(_DMY)}|{_unnamed(_MDY)})(?P<conn>{_CONNECTOR})"
               rf"(?P<right>{_unnamed(_DMY)}|{_unnamed(_MDY)})")),
    ("range_days", rf"(?P<left>{_DAY})(?P<conn>{_CONNECTOR})(?P<right>{_unnamed(_DMY)})"),
    ("range_month_days", rf"(?P<left>{_MONTH}\s+{_DAY})(?P<conn>{_CONNECTOR})(?P<right>{_DAY}(?:,?\s+{_YEAR})?)"),
    ("range_months", (rf"(?P<list>(?:{_MONTH_FULL}(?:\s+{_YEAR})?,\s+)*)(?P<left>{_unnamed(_MY)}|{_MONTH_FULL})"
                      rf"(?P<conn>{_CONNECTOR})(?P<right>{_unnamed(_MY)}|{_MONTH_FULL})")),
    ("range_years", rf"(?P<left>{_YEAR})(?P<conn>{_CONNECTOR})(?P<right>{_YEAR})"),
    ("range_years_short", rf"(?P<left>{_YEAR})[–—/-](?P<right>[0-9]{{2}})(?![0-9])"),
    # "fall" only before a year: "the fall of 1989" is a collapse.
    ("season_year", (r"(?:(?i:the\s+)?(?P<season>(?i:spring|summer|autumn|winter))\s+(?:of\s+)?"
                     r"|(?P<fall>(?i:fall))\s+)"
                     rf"(?P<year>{_YEAR})(?:[–—/-](?:{_YEAR}|[0-9]{{2}}(?![0-9])))?")),
    ("decade", r"(?:[Tt]he\s+)?(?:(?P<century>18|19|20)(?P<decade>[0-9])0|['’](?P<short>[3-9])0)s(?![a-z])"),
    ("century", (r"(?:[Tt]he\s+)?(?:(?P<number>1[0-9]|2[01])(?:st|nd|rd|th)"
                 r"|(?P<word>(?i:eighteenth|nineteenth|twentieth|twenty-first)))\s+century")),
    ("date", rf"{_DMY}|{_MDY}|{_MY}"),
    ("ago", rf"(?i:(?P<count>{_NUMBER})\s+(?P<unit>{_UNIT})\s+ago)"),
    ("shift", rf"(?i:(?P<count>{_NUMBER})\s+(?P<unit>{_UNIT})\s+(?P<direction>later|earlier|afterwards?))"),
    ("the_relative", (r"(?i:the\s+(?P<which>following|next|previous|preceding|same)"
                      rf"\s+(?P<unit>day|week|month|year|{_SEASON}))")),
    ("that", rf"(?i:that\s+(?:same\s+)?(?P<unit>day|week|month|year|{_SEASON}|(?-i:(?P<month>{_MONTH_FULL}))))"),
    ("the_unit", r"(?i:the\s+(?P<unit>week|month|year))"),
    ("dct_relative", (rf"(?i:(?P<which>last|this|next)\s+(?P<unit>year|month|week|{_SEASON}"
                      rf"|(?-i:(?P<month>{_MONTH_FULL})|(?P<weekday>{_WEEKDAY}))))")),
    ("deictic", r"(?i:yesterday|today|tomorrow|tonight)"),
    ("season", r"(?:the\s+)?(?P<season>spring|summer|autumn|winter)(?![a-z])"),
    ("year", rf"(?P<year>{_YEAR})"),
    ("month", rf"(?P<month>{_MONTH_FULL})"),
    ("weekday", rf"(?P<weekday>{_WEEKDAY})"),
]

# Context tests around a found expression.
_BEFORE_WINDOW = 40
# A governing "by", "until", "before" makes the date a horizon, not an event time.
_HORIZON_BEFORE = re.compile(r"(?i:\b(?:by|until|till|before|up\s+to)\s+)$")
# A governing "since" starts a state that lasts until the DCT: the narrative is not there.
_SINCE_BEFORE = re.compile(r"(?i:\bsince\s+)$")
# "a statute of 2012", "the war of August 2008": the date identifies a thing.
_OF_BEFORE = re.compile(r"[A-Za-z]\s+of\s+$")
# "the 1990 Declaration", "its June summit": the date premodifies a noun.
_DETERMINER_BEFORE = re.compile(r"(?:\b(?i:the|a|an|its|his|her|their|our|this|that|these|those)|['’]s)\s+$")
_NOUN_AFTER = re.compile(r"\s+(?!(?i:and|or|to|when|as|but|in|on|at|by|for|of|the|a|an|is|was|were|had|has)\b)[A-Za-z]")
_BETWEEN_BEFORE = re.compile(r"(?i:\bbetween\s+)$")
_THE_BEFORE = re.compile(r"(?i:\bthe\s+)$")
# "May" is a month only where a month is expected: after a preposition or
# modifier, or before a day or year (those are other alternatives).
_MAY_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|on|by|since|until|till|through|from|during|of|before|after|between"
    r"|early|late|mid|last|next|this|that)[\s-]+)$")
# A bare season is a date only as the object of a temporal preposition.
_SEASON_CONTEXT_BEFORE = re.compile(r"(?i:\b(?:in|during|over|through|throughout|by|until|since)\s+)$")
# A capitalised season after a capitalised word is a name ("the Prague Spring").
_NAME_BEFORE = re.compile(r"[A-Z][\w’'-]*\s+$")
_OF_AFTER = re.compile(r"\s+of\b")
_CURRENCY_BEFORE = re.compile(r"[$€£¥₽]\s*$")
_PERCENT_AFTER = re.compile(r"\s*(?:%|(?i:per\s*cent|percent)\b)")
# The past perfect marks a flashback, where the narrative does not move forward.
_PAST_PERFECT = re.compile(r"\bhad\b")
_CLAUSE_BREAK = re.compile(r"\b(?:and|but|while|whereas)\b|;")
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"'’”)\]]*\s+|\n")


# Words that can begin a temporal expression, in any case. The scanner tries
# the full pattern only where one of them, a digit or an apostrophe ("the
# ’90s") starts: most word starts are rejected by this cheap test.
_LEADING_WORDS = frozenset(
    [name.lower() for name in (*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS)]
    + [*SEASONS, *NUMBER_WORDS, *ORDINAL_CENTURIES, *VAGUE_COUNTS]
    + ["the", "that", "this", "last", "next", "yesterday", "today", "tomorrow", "tonight"]
    # modifiers (`_MODIFIER`)
    + ["very", "end", "beginning", "start", "middle", "close", "first", "second", "third", "fourth",
       "early", "late", "mid"]
)
# A vague pattern's leading word, after any look-behind ("(?<=\bat )present").
_LEADING_WORD = re.compile(r"(?:\(\?<[=!][^()]*\))*([A-Za-z]+)(?:$|\\s|\\b|\(\?[=!])")


def _leading_filter(words: Iterable[str]) -> str:
    """A look-ahead that holds where a temporal expression may begin.

    The words are spelt out in lower case, capitalised and upper case: a
    case-sensitive alternation is much faster than `(?i:...)` in `re`.
    """
    spellings = {form for word in words for form in (word, word.capitalize(), word.upper())}
    choices = "|".join(sorted(spellings, key=len, reverse=True))
    return rf"(?=[0-9’']|(?:{choices})(?![a-z]))"


def _read_lines(path: str | Path) -> list[str]:
    """Non-empty lines of a data file, without `#` comment lines."""
    lines = (line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _read_words(path: str | Path) -> list[str]:
    """A word list: one entry per line, `#` starts a comment."""
    return [word for word in (line.split("#", 1)[0].strip() for line in _read_lines(path)) if word]


def _read_vague(path: str | Path) -> list[tuple[str, re.Pattern[str], str]]:
    """The vague-reference table: (TimeML value, span pattern, leading word) per line.

    Raises:
        ValueError: a line has an unknown value or a pattern that does not
            begin with a literal word.
    """
    table = []
    for line in _read_lines(path):
        value, pattern = line.split(None, 1)
        if value not in VAGUE_DATES:
            raise ValueError(f"{path}: {value!r} is not one of {', '.join(VAGUE_DATES)}")
        leading = _LEADING_WORD.match(pattern)
        if not leading:
            raise ValueError(f"{path}: pattern {pattern!r} must begin with a literal word")
        table.append((value, re.compile(pattern, re.IGNORECASE), leading[1].lower()))
    return table


def _word_alternation(words: Iterable[str]) -> str:
    # Longest first, so that "more than" is tried before "more".
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


class DateFinder:
    """Finds and resolves the temporal expressions of a text.

    Build it once (it compiles its patterns) and call `find` per text.

    Args:
        annotate_vague: whether to annotate TimeML vague references ("now",
            "recently", "in the coming months").
        vague_refs_path: the vague-reference table (`data/dates_vague.txt`).
        future_cues_path: patterns of a future-tense clause
            (`data/dates_future_cues.txt`).
        not_year_before_path: words before a four-digit number that make it a
            count or label, not a year (`data/dates_not_year_before.txt`).
        not_year_after_path: words after a four-digit number that make it a
            quantity (`data/dates_not_year_after.txt`).
    """

    def __init__(
        self,
        *,
        annotate_vague: bool = True,
        vague_refs_path: str | Path = VAGUE_REFS_PATH,
        future_cues_path: str | Path = FUTURE_CUES_PATH,
        not_year_before_path: str | Path = NOT_YEAR_BEFORE_PATH,
        not_year_after_path: str | Path = NOT_YEAR_AFTER_PATH,
    ) -> None:
        self.vague = _read_vague(vague_refs_path) if annotate_vague else []
        alternatives = list(_ALTERNATIVES)
        if self.vague:
            vague = "|".join(pattern.pattern for _, pattern, _ in self.vague)
            # Before the bare season, year, month and weekday, which are the
            # readings of last resort.
            position = [name for name, _ in alternatives].index("season")
            alternatives.insert(position, ("vague", f"(?i:{vague})"))
        self.parsers = {name: re.compile(pattern) for name, pattern in alternatives}
        leading = _leading_filter([*_LEADING_WORDS, *(word for *_, word in self.vague)])
        self.scanner = re.compile(
            rf"(?<![\w$€£¥₽])(?<![0-9][.,]){leading}"
            rf"(?P<mod>{_MODIFIER})?(?:"
            + "|".join(f"(?P<{name}>{_unnamed(pattern)})" for name, pattern in alternatives)
            + r")(?!\w)"
        )
        # Cues are tried where a word begins; this look-behind makes the
        # alternation fast (it fails at once inside a word).
        self.future_cues = re.compile(
            r"(?<!\w)(?:" + "|".join(f"(?:{line})" for line in _read_lines(future_cues_path)) + ")")
        self.not_year_before = re.compile(
            rf"(?i:\b(?:{_word_alternation(_read_words(not_year_before_path))})\s*)$")
        self.not_year_after = re.compile(
            rf"\s+(?i:(?:{_word_alternation(_read_words(not_year_after_path))})\b)")

    # -- public ---------------------------------------------------------------

    def find(
        self,
        text: str,
        *,
        dct: str | None = None,
        blocked: Sequence[tuple[int, int]] = (),
        background: Sequence[tuple[int, int]] = (),
        present: Sequence[int] = (),
    ) -> DateResult:
        """Find the temporal expressions of `text` and resolve their values.

        Args:
            text: the article text exactly as stored.
            dct: the publication date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or
                `None`. Without a full date, a lower bound is inferred from the
                text (module docstring).
            blocked: character ranges `(start, end)` (e.g. names) inside which
                no date may start.
            background: character ranges of background (relative clauses,
                appositions, flashbacks in the past perfect): a date there
                does not set the narrative year of later partial dates.
            present: offsets where the text returns to the present (a
                sentence in the present tense): the narrative year goes back
                to the DCT's.

        Returns:
            The mentions in document order, and the DCT used.

        Raises:
            ValueError: `dct` is not an ISO 8601 date.
        """
        given = _parse_dct(dct)
        exprs = [expr for expr in self._scan(text) if not _inside(expr.start, blocked)]
        self._mark_context(text, exprs)
        for expr in exprs:
            expr.background = _inside(expr.start, background)
        used, inferred = self._choose_dct(given, exprs)
        mentions = self._resolve(text, exprs, used, given is not None, sorted(present))
        return DateResult(mentions, used.iso() if used else None, inferred)

    # -- scanning -------------------------------------------------------------

    def _scan(self, text: str) -> list[_Expr]:
        """All expressions, in document order, from one left-to-right scan."""
        exprs: list[_Expr] = []
        position = 0
        while match := self.scanner.search(text, position):
            name = match.lastgroup
            assert name is not None
            core_start = match.start(name)
            parsed = self.parsers[name].fullmatch(text, core_start, match.end())
            assert parsed is not None
            handler: Callable[[str, re.Match[str], int, bool], list[_Expr] | None] = getattr(self, f"_on_{name}")
            found = handler(text, parsed, match.start(), match.group("mod") is not None)
            if found is None:
                # Not a date after all; the next one may start inside this match.
                position = match.start() + 1
                continue
            exprs.extend(found)
            position = match.end()
        return exprs

    def _mark_context(self, text: str, exprs: list[_Expr]) -> None:
        """Set the context flags of each expression (future, looks back, horizon, identifying)."""
        breaks = [found.end() for found in _SENTENCE_BREAK.finditer(text)]
        cues = [cue.start() for cue in self.future_cues.finditer(text)]
        for expr in exprs:
            sentence = bisect.bisect_right(breaks, expr.start)
            sentence_start = breaks[sentence - 1] if sentence else 0
            sentence_end = breaks[sentence] if sentence < len(breaks) else len(text)
            # A cue counts anywhere before the expression in its sentence ("will
            # debate the bill and vote on it in June"), and after it unless a new
            # clause begins in between ("opened on 3 March and will close").
            expr.future = any(
                cue < expr.start or not _CLAUSE_BREAK.search(text, expr.end, cue)
                for cue in cues[bisect.bisect_left(cues, sentence_start):bisect.bisect_left(cues, sentence_end)]
            )
            expr.looks_back = bool(_PAST_PERFECT.search(text, sentence_start, sentence_end))
            before = _window(text, expr.start)
            expr.horizon = bool(_HORIZON_BEFORE.search(before))
            expr.since = bool(_SINCE_BEFORE.search(before))
            expr.identifying = expr.day is None and (
                bool(_OF_BEFORE.search(before))
                or (bool(_DETERMINER_BEFORE.search(before)) and bool(_NOUN_AFTER.match(text, expr.end)))
            )

    # -- handlers: one per alternative; `None` rejects the match --------------

    def _on_iso(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        point = _make_point(int(found["year"]), int(found["month"]), int(found["day"]))
        return [_Expr(start, found.end(), _Kind.ABSOLUTE, point, day=point.day)] if point else None

    def _on_date(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        fields = _parse_atom(found.group())
        return [_date_expr(start, found.end(), *fields)] if fields else None

    def _on_range(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        left, right = _parse_atom(found["left"]), _parse_atom(found["right"])
        if not left or not right:
            return None
        between = bool(_BETWEEN_BEFORE.search(_window(text, start)))
        return _range_exprs(start, found.end("left"), found.start("right"), found.end(),
                            left, right, found["conn"].strip(), between)

    _on_range_days = _on_range
    _on_range_month_days = _on_range

    def _on_range_months(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        exprs = []
        if found["list"]:
            # "February, March and April 2022": each listed month is a mention
            # of its own and takes the year of the last one (SPEC).
            right = _parse_atom(found["right"])
            assert right is not None
            for item in re.finditer(rf"({_MONTH_FULL})(?:\s+({_YEAR}))?", found["list"]):
                year = int(item[2]) if item[2] else right[2]
                item_start = found.start("list") + item.start()
                exprs.append(_date_expr(item_start, item_start + len(item.group()), None, MONTHS[item[1]], year))
            start = found.start("left")
        tail = self._on_range(text, found, start, modified)
        return exprs + tail if tail is not None else None

    def _on_range_years(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        if not modified and self._is_quantity(text, start, found.end()):
            return None  # "some 1800 to 2000 troops"
        first, last = int(found["left"]), int(found["right"])
        conn = found["conn"].strip()
        if first < last and (conn != "and" or _BETWEEN_BEFORE.search(_window(text, start))):
            return [_Expr(start, found.end(), _Kind.ABSOLUTE, (_Point(first), _Point(last)))]
        # "in 2014 and 2020": two years.
        return [_Expr(start, found.end("left"), _Kind.ABSOLUTE, _Point(first)),
                _Expr(found.start("right"), found.end(), _Kind.ABSOLUTE, _Point(last))]

    def _on_range_years_short(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        first, tail = int(found["left"]), int(found["right"])
        last = first - first % 100 + tail
        if last > first:  # "2012-13", "2024/25"
            return [_Expr(start, found.end(), _Kind.ABSOLUTE, (_Point(first), _Point(last)))]
        return [_Expr(start, found.end("left"), _Kind.ABSOLUTE, _Point(first))]

    def _on_season_year(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        word = found["season"] or found["fall"]
        if word[0].isupper() and _NAME_BEFORE.search(_window(text, found.start())):
            return None  # "the Prague Spring of 1968"
        return [_Expr(start, found.end(), _Kind.ABSOLUTE, _season(int(found["year"]), word.lower()))]

    def _on_decade(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        if found["short"] is not None:  # "the ’90s"; a short 2000s decade is ambiguous ("’20s")
            first = 1900 + int(found["short"]) * 10
        else:
            first = int(found["century"]) * 100 + int(found["decade"]) * 10
        return [_Expr(start, found.end(), _Kind.ABSOLUTE, (_Point(first), _Point(first + 9)))]

    def _on_century(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        number = int(found["number"]) if found["number"] else ORDINAL_CENTURIES[found["word"].lower()]
        # TimeML writes a century as its first two digits ("19" for the 20th);
        # SPEC's value set has no such form, so it is a year interval like a decade.
        first = (number - 1) * 100
        return [_Expr(start, found.end(), _Kind.ABSOLUTE, (_Point(first), _Point(first + 99)))]

    def _on_year(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        if not modified and self._is_quantity(text, start, found.end()):
            return None
        return [_Expr(start, found.end(), _Kind.ABSOLUTE, _Point(int(found["year"])))]

    def _is_quantity(self, text: str, start: int, end: int) -> bool:
        """Whether the number(s) at `start:end` count or label something: "some 1500 troops", "2020 km"."""
        before = _window(text, start)
        return bool(self.not_year_before.search(before) or _CURRENCY_BEFORE.search(before)
                    or self.not_year_after.match(text, end) or _PERCENT_AFTER.match(text, end))

    def _on_month(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        month = MONTHS[found["month"]]
        if month == 5 and not modified and not _MAY_CONTEXT_BEFORE.search(_window(text, start)):
            return None  # the modal "May"
        return [_date_expr(start, found.end(), None, month, None)]

    def _on_season(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        if not modified and not _SEASON_CONTEXT_BEFORE.search(_window(text, start)):
            return None  # "summer" as a noun, not a time: "a summer of protest"
        if _OF_AFTER.match(text, found.end()):
            return None  # "in the summer of discontent"
        season = found["season"]
        return [_Expr(start, found.end(), _Kind.PARTIAL, rule=lambda year: _season(year, season),
                      month=SEASONS[season])]

    def _on_ago(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        count, unit = _count(found["count"]), _singular(found["unit"])
        if count is None:  # "a few years ago"
            return [_Expr(start, found.end(), _Kind.VAGUE, "PAST_REF")] if self.vague else None
        return [_Expr(start, found.end(), _Kind.DCT, rule=lambda dct, future: _shift(dct, -count, unit))]

    def _on_shift(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        count, unit = _count(found["count"]), _singular(found["unit"])
        forward = found["direction"].lower() != "earlier"

        def rule(anchor: _Interval) -> _Point | None:
            if count is None:  # "a few days later": a date, but no value
                return None
            return _shift(anchor[1] if forward else anchor[0], count if forward else -count, unit)

        return [_Expr(start, found.end(), _Kind.CHAINED, rule=rule)]

    def _on_the_relative(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        which, unit = found["which"].lower(), found["unit"].lower()
        step = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "same": 0}[which]

        def rule(anchor: _Interval) -> _Point | _Interval | None:
            point = anchor[0] if step <= 0 else anchor[1]
            if unit in SEASONS:
                if step == 0:
                    return _season_around(point, unit)
                return _season_after(point, unit) if step > 0 else _season_before(point, unit)
            shifted = _shift(point, step, unit)
            return _week(shifted) if unit == "week" and shifted else shifted

        return [_Expr(start, found.end(), _Kind.CHAINED, rule=rule)]

    def _on_that(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        unit = found["unit"].lower()
        month = MONTHS.get(found["month"] or "")
        # "that December", "that summer": the story's year, not the nearest date's (a background "since 2003").
        return [_Expr(start, found.end(), _Kind.CHAINED, rule=lambda anchor: _same(anchor[0], unit, month), narrative=True)]

    def _on_the_unit(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        if not modified:
            return None  # only "the end of the month" and the like
        unit = found["unit"].lower()
        return [_Expr(start, found.end(), _Kind.CHAINED, rule=lambda anchor: _same(anchor[0], unit, None))]

    def _on_dct_relative(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        if _THE_BEFORE.search(_window(text, start)):
            return None  # "the last year" is a duration
        which, unit = found["which"].lower(), found["unit"]
        month, weekday = MONTHS.get(found["month"] or ""), WEEKDAYS.get(found["weekday"] or "")
        return [_Expr(start, found.end(), _Kind.DCT,
                      rule=lambda dct, future: _from_dct(dct, which, unit.lower(), month, weekday))]

    def _on_deictic(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        days = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[found.group().lower()]
        return [_Expr(start, found.end(), _Kind.DCT, rule=lambda dct, future: _shift(dct, days, "day"))]

    def _on_weekday(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        weekday = WEEKDAYS[found["weekday"]]
        return [_Expr(start, found.end(), _Kind.DCT,
                      rule=lambda dct, future: _weekday_near(dct, weekday, "next" if future else "this"))]

    def _on_vague(self, text: str, found: re.Match[str], start: int, modified: bool) -> list[_Expr] | None:
        for value, pattern, _ in self.vague:
            if pattern.fullmatch(text, found.start(), found.end()):
                return [_Expr(start, found.end(), _Kind.VAGUE, value)]
        return None

    # -- resolution -----------------------------------------------------------

    @staticmethod
    def _choose_dct(given: _Point | None, exprs: list[_Expr]) -> tuple[_Point | None, bool]:
        """The DCT to resolve against, and whether it was inferred from the text."""
        if given is not None and given.day is not None:
            return given, False
        latest: _Point | None = None
        for expr in exprs:
            if expr.kind is _Kind.ABSOLUTE and not (expr.future or expr.horizon) and expr.value is not None:
                assert not isinstance(expr.value, str)
                end = _as_interval(expr.value)[1]
                # The latest start of a period; at a tie the more precise point.
                if latest is None or (_floor(end), len(end.key)) > (_floor(latest), len(latest.key)):
                    latest = end
        if latest is None:
            return given, False
        if given is None:
            return latest, True
        # A partial DCT is refined only by a more precise date inside it.
        if len(latest.key) > len(given.key) and latest.key[:len(given.key)] == given.key:
            return latest, True
        return given, False

    def _resolve(
        self, text: str, exprs: list[_Expr], dct: _Point | None, dct_given: bool, present: Sequence[int] = ()
    ) -> list[DateMention]:
        """Resolve the values in document order, carrying two anchors along.

        Chained expressions count from the nearest earlier date (`anchor`);
        partial dates take their year from the narrative (`narrative`), which
        background dates do not set and a return to the present resets.
        """
        mentions = []
        anchor: _Interval | None = None
        narrative: _Interval | None = None
        resets = iter(present)
        reset = next(resets, None)
        for expr in exprs:
            while reset is not None and reset <= expr.start:
                narrative, reset = None, next(resets, None)
            value: _Point | _Interval | str | None
            if expr.kind in (_Kind.ABSOLUTE, _Kind.VAGUE):
                value = expr.value
            elif expr.kind is _Kind.PARTIAL:
                value = _resolve_partial(expr, narrative, dct, dct_given)
            elif expr.kind is _Kind.DCT:
                assert expr.rule is not None
                value = expr.rule(dct, expr.future) if dct is not None else None
            else:
                assert expr.rule is not None
                base = (narrative or anchor) if expr.narrative else anchor
                value = expr.rule(base) if base is not None else None
            # A coarser date around the anchor ("that year" after "May 2019")
            # says nothing new; the finer anchor stays.
            if value is not None and not isinstance(value, str) and expr.anchors:
                if anchor is None or not _contains(_as_interval(value), anchor):
                    anchor = _as_interval(value)
                if expr.narrates and (narrative is None or not _contains(_as_interval(value), narrative)):
                    narrative = _as_interval(value)
            mentions.append(DateMention(expr.start, expr.end, text[expr.start:expr.end], _iso(value)))
        return mentions


# ---------------------------------------------------------------------------
# Helpers of the handlers and the resolution
# ---------------------------------------------------------------------------

# (day, month, year) with any of them missing; the month is known when a day is.
_Fields = tuple[int | None, int | None, int | None]


def _parse_atom(surface: str) -> _Fields | None:
    """Day, month and year of one end of a range or of a single date."""
    found = _ATOM.fullmatch(surface)
    if not found:
        return None
    groups = found.groupdict()
    day = next((groups[name] for name in ("day1", "day2", "day3", "day4") if groups[name]), None)
    month = next((groups[name] for name in ("month1", "month2", "month3", "month4") if groups[name]), None)
    year = next((groups[name] for name in ("year1", "year2", "year3", "year4", "year5") if groups[name]), None)
    return (
        int(day.rstrip("stndrh")) if day else None,  # "2nd" -> 2
        _month_number(month) if month else None,
        int(year) if year else None,
    )


def _month_number(name: str) -> int:
    return MONTHS.get(name) or MONTH_ABBREVIATIONS[name.rstrip(".")]


def _date_expr(start: int, end: int, day: int | None, month: int | None, year: int | None) -> _Expr:
    """An ABSOLUTE expression if the year is known, else a PARTIAL one."""
    if year is not None:
        return _Expr(start, end, _Kind.ABSOLUTE, _make_point(year, month, day), day=day)
    assert month is not None
    return _Expr(start, end, _Kind.PARTIAL, rule=lambda y: _make_point(y, month, day), month=month, day=day)


def _range_exprs(start: int, left_end: int, right_start: int, end: int,
                 left: _Fields, right: _Fields, connector: str, between: bool) -> list[_Expr]:
    """A range as one interval, or a coordination ("14 and 29 December") as two dates.

    Each end takes what it lacks from the other (SPEC: "February and March
    2022" gives `2022-02`, `2022-03`): the left end the right's month and
    year, the right end the left's.
    """
    (left_day, left_month, left_year), (right_day, right_month, right_year) = left, right
    if left_month is None:
        left_month = right_month
    if right_month is None:
        right_month = left_month
    if left_year is None and right_year is not None:
        # "December 2023 to February 2024" vs "December to February 2024".
        left_year = right_year - 1 if (left_month or 0) > (right_month or 0) else right_year
    if right_year is None and left_year is not None:
        right_year = left_year + 1 if (right_month or 0) < (left_month or 0) else left_year
    first = _date_expr(start, left_end, left_day, left_month, left_year)
    last = _date_expr(right_start, end, right_day, right_month, right_year)
    if connector == "and" and not between:
        return [first, last]
    if first.kind is _Kind.ABSOLUTE and last.kind is _Kind.ABSOLUTE:
        if isinstance(first.value, _Point) and isinstance(last.value, _Point) and first.value.key < last.value.key:
            return [_Expr(start, end, _Kind.ABSOLUTE, (first.value, last.value))]
        return [first, last]  # not a valid interval: two dates, each valid or not
    assert left_month is not None and right_month is not None
    wraps = (right_month, right_day or 0) < (left_month, left_day or 0)

    def rule(year: int) -> _Interval | None:
        head = _make_point(year, left_month, left_day)
        tail = _make_point(year + wraps, right_month, right_day)
        return (head, tail) if head and tail else None

    return [_Expr(start, end, _Kind.PARTIAL, rule=rule, month=left_month, day=left_day)]


def _count(word: str) -> int | None:
    """The number of a count ("three", "twenty-one", "12"); `None` for "a few"."""
    word = re.sub(r"\s+", " ", word.lower())
    if word.isdigit():
        return int(word)
    if any(vague in word for vague in VAGUE_COUNTS):
        return None
    return sum(NUMBER_WORDS[part] for part in re.split(r"[-\s]", word))


def _singular(unit: str) -> str:
    return unit.lower().rstrip("s")


def _floor(point: _Point) -> tuple[int, int, int]:
    """The first day of a point's period, for ordering points of mixed precision."""
    return point.year, point.month or 1, point.day or 1


def _ceiling(point: _Point) -> tuple[int, int, int]:
    """The last day of a point's period."""
    month = point.month or 12
    return point.year, month, point.day or calendar.monthrange(point.year, month)[1]


def _contains(outer: _Interval, inner: _Interval) -> bool:
    """Whether the period `outer` covers the period `inner`."""
    return _floor(outer[0]) <= _floor(inner[0]) and _ceiling(inner[1]) <= _ceiling(outer[1])


def _same(point: _Point, unit: str, month: int | None) -> _Point | _Interval | None:
    """The unit, season or month of an anchor: "that year", "that summer", "that August"."""
    if month is not None:
        return _Point(point.year, month)
    if unit in SEASONS:
        return _season_around(point, unit)
    if unit == "year":
        return _Point(point.year)
    if unit == "month":
        return _Point(point.year, point.month) if point.month else None
    if unit == "week":
        return _week(point)
    return point if point.day else None


def _from_dct(dct: _Point, which: str, unit: str, month: int | None, weekday: int | None) -> _Point | _Interval | None:
    """ "last|this|next" + year, month, week, season, month name or weekday, from the DCT."""
    step = {"last": -1, "this": 0, "next": 1}[which]
    if month is not None:
        if step == 0:
            return _Point(dct.year, month)
        if dct.month is None:
            return None
        # "last August": the latest August strictly before the DCT's month.
        if step < 0:
            return _Point(dct.year if month < dct.month else dct.year - 1, month)
        return _Point(dct.year if month > dct.month else dct.year + 1, month)
    if weekday is not None:
        return _weekday_near(dct, weekday, which)
    if unit in SEASONS:
        if step == 0:
            return _season_around(dct, unit)
        return _season_before(dct, unit) if step < 0 else _season_after(dct, unit)
    if unit == "week":
        shifted = _shift(dct, step, "week")
        return _week(shifted) if shifted else None
    return _shift(dct, step, unit)


def _weekday_near(dct: _Point, weekday: int, which: str) -> _Point | None:
    """The weekday before ("last"), after ("next") or nearest on or before ("this") the DCT."""
    if dct.day is None:
        return None
    today = dct.date()
    back = (today.weekday() - weekday) % 7
    if which == "next":
        return _from_date(today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7))
    if which == "last":
        back = back or 7
    return _from_date(today - datetime.timedelta(days=back))


def _narrative_year(anchor: _Interval, month: int, forward: bool) -> int:
    """The year of a month that follows the anchor in the narrative.

    A month inside the anchor takes that year (the later one if several):
    "14 December" after "the winter of 2024–25" is in 2024. A month after the
    anchor's last month takes its year ("June" after "April 2024"); one before
    it, the next year, since narration moves forward ("February" after
    "November 2024" is in 2025), unless `forward` is false (a flashback).
    """
    first, last = anchor
    for year in range(last.year, first.year - 1, -1):
        if _floor(first)[:2] <= (year, month) <= (last.year, last.month or 12):
            return year
    if forward and last.month is not None and month < last.month:
        return last.year + 1
    return last.year


def _resolve_partial(
    expr: _Expr, anchor: _Interval | None, dct: _Point | None, dct_given: bool
) -> _Point | _Interval | None:
    """The value of a date without a year: the narrative year, kept on the right side of the DCT."""
    assert expr.rule is not None
    if anchor is not None:
        year = _narrative_year(anchor, expr.month, forward=not expr.looks_back)
    elif dct is not None:
        year = dct.year
    else:
        return None
    if dct is not None:
        def key(y: int) -> tuple[int, ...]:
            return (y, expr.month) if expr.day is None else (y, expr.month, expr.day)

        if expr.future:
            # A future-tense clause speaks of the DCT or later.
            if _compare(key(year), dct.key) < 0:
                year = dct.year if _compare(key(dct.year), dct.key) >= 0 else dct.year + 1
        elif dct_given and _compare(key(year), dct.key) > 0:
            # A past-tense date cannot follow the publication. An inferred DCT
            # is only a lower bound, so it cannot rule this out.
            year = dct.year if _compare(key(dct.year), dct.key) <= 0 else dct.year - 1
    return expr.rule(year)


def _window(text: str, position: int) -> str:
    """The text just before `position`, where the context patterns look."""
    return text[max(0, position - _BEFORE_WINDOW):position]


def _inside(position: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


DEFAULT_FINDER = DateFinder()


def find_dates(text: str, *, dct: str | None = None, blocked: Sequence[tuple[int, int]] = ()) -> DateResult:
    """Find and resolve the temporal expressions of a text (see `DateFinder.find`).

    Uses the bundled word lists and annotates vague references.

    Args:
        text: the article text exactly as stored.
        dct: the publication date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) or `None`.
        blocked: character ranges inside which no date may start.

    Returns:
        The mentions in document order, with the DCT used.

    Raises:
        ValueError: `dct` is not an ISO 8601 date.
    """
    return DEFAULT_FINDER.find(text, dct=dct, blocked=blocked)


# ---------------------------------------------------------------------------
# spaCy component
# ---------------------------------------------------------------------------

def _register_extensions() -> None:
    """Register the doc and span attributes the component reads and sets, once."""
    if not Doc.has_extension("dct"):
        Doc.set_extension("dct", default=None)
    if not Doc.has_extension("dct_inferred"):
        Doc.set_extension("dct_inferred", default=False)
    if not Doc.has_extension("date_mentions"):
        Doc.set_extension("date_mentions", default=None)
    if not Span.has_extension("date_value"):
        Span.set_extension("date_value", default=None)


_register_extensions()


# Dependencies of background material: relative clauses, reduced relatives, appositions.
_BACKGROUND_DEPS = frozenset({"relcl", "acl", "appos"})


def _narrative_cues(doc: Doc) -> tuple[list[tuple[int, int]], list[int]]:
    """From the parse: the background ranges and the returns to the present (see `DateFinder.find`).

    Background: relative clauses, reduced relatives and appositions ("two laws
    he signed in July 2023", "the treaty initialled in November 1995"), and
    sentences in the past perfect (a flashback). A return to the present: a
    sentence whose main verb is in the present tense ("Progress has
    stalled."). Without a parse there are neither.
    """
    if not doc.has_annotation("DEP"):
        return [], []
    background: list[tuple[int, int]] = []
    present: list[int] = []
    for token in doc:
        if token.dep_ in _BACKGROUND_DEPS:
            background.append((doc[token.left_edge.i].idx, doc[token.right_edge.i].idx + len(doc[token.right_edge.i])))
    for sent in doc.sents:
        root = sent.root
        auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
        finite = next((a for a in [*auxes, root] if a.tag_ in ("VBD", "VBZ", "VBP", "MD")), None)
        if finite is None:
            continue
        if finite.tag_ == "VBD" and finite.lemma_ == "have" and root.tag_ == "VBN":
            background.append((sent.start_char, sent.end_char))  # "had annulled ... on 1 July 2023": a flashback
        elif finite.tag_ in ("VBZ", "VBP"):
            present.append(sent.start_char)
    return background, present


# Present-tense verb tags: "Today, Belarus is ..." speaks of the present, not of the DCT's day.
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def _means_nowadays(span: Span) -> bool:
    """True for "today" in the sense of "nowadays" (TimeML `PRESENT_REF`), from the parse.

    "today's Belarus" and "the Belarus of today" name the present; so does
    "today" in a present-tense clause ("Today, Minsk depends on Moscow"). In a
    past or future clause ("Today the minister resigned") it is the DCT's day.
    """
    if span.text.lower() != "today":
        return False
    token = span.root
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if token.dep_ == "poss" or (following is not None and following.text in ("’s", "'s")):
        return True
    if token.head.lower_ == "of" and token.head.i < token.i:
        return True
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    finite = next((child for child in verb.children if child.dep_ in ("aux", "auxpass")), verb)
    return finite.tag_ in _PRESENT_TAGS
class DateNormalizer:
    """spaCy component: the dates of a doc, resolved against `doc._.dct`.

    Reads `doc._.dct` (the publication date, possibly partial or `None`) and
    sets:

    - `doc._.date_mentions`: the `DateMention` records with exact character
      offsets (what the output uses);
    - `doc.spans[spans_key]`: the same dates as spans labelled `DATE`, widened
      to token boundaries, each with its value in `span._.date_value`;
    - `doc._.dct` and `doc._.dct_inferred`: the DCT used and whether it was
      inferred from the text.
    """

    def __init__(self, finder: DateFinder, *, spans_key: str = SPANS_KEY, blocked_labels: Sequence[str] = ()) -> None:
        self.finder = finder
        self.spans_key = spans_key
        self.blocked_labels = set(blocked_labels)

    def __call__(self, doc: Doc) -> Doc:
        """Find and resolve the doc's dates; see the class docstring for what is set.

        Raises:
            ValueError: `doc._.dct` is not an ISO 8601 date.
        """
        blocked = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in self.blocked_labels]
        background, present = _narrative_cues(doc)
        result = self.finder.find(doc.text, dct=doc._.dct, blocked=blocked, background=background, present=present)
        spans, mentions = [], []
        for mention in result.mentions:
            span = doc.char_span(mention.start, mention.end, label="DATE", alignment_mode="expand")
            if span is not None:
                if _means_nowadays(span):
                    mention = replace(mention, value="PRESENT_REF")
                span._.date_value = mention.value
                spans.append(span)
            mentions.append(mention)
        doc.spans[self.spans_key] = spans
        doc._.date_mentions = mentions
        doc._.dct = result.dct
        doc._.dct_inferred = result.dct_inferred
        return doc


@Language.factory(
    "date_normalizer",
    assigns=["doc.spans", "doc._.date_mentions", "doc._.dct", "doc._.dct_inferred", "span._.date_value"],
    default_config={
        "annotate_vague": True,
        "vague_refs_path": str(VAGUE_REFS_PATH),
        "future_cues_path": str(FUTURE_CUES_PATH),
        "not_year_before_path": str(NOT_YEAR_BEFORE_PATH),
        "not_year_after_path": str(NOT_YEAR_AFTER_PATH),
        "spans_key": SPANS_KEY,
        "blocked_labels": [],
    },
)
def make_date_normalizer(
    nlp: Language,
    name: str,
    annotate_vague: bool,
    vague_refs_path: str,
    future_cues_path: str,
    not_year_before_path: str,
    not_year_after_path: str,
    spans_key: str,
    blocked_labels: list[str],
) -> DateNormalizer:
    """Factory for `DateNormalizer`.

    Args:
        nlp: the pipeline (unused: the component needs no model).
        name: the component's name in the pipeline.
        annotate_vague: annotate TimeML vague references ("now", "recently").
        vague_refs_path: the vague-reference table.
        future_cues_path: the patterns of a future-tense clause.
        not_year_before_path: words before a four-digit number that make it no year.
        not_year_after_path: words after a four-digit number that make it no year.
        spans_key: the `doc.spans` key of the date spans.
        blocked_labels: entity labels (from `doc.ents`) inside whose spans no
            date may start, e.g. `["LAW"]` to keep "Vision 2030" whole; empty
            by default, since a name may hold an annotated year ("the 1990
            Declaration").
    """
    finder = DateFinder(
        annotate_vague=annotate_vague,
        vague_refs_path=vague_refs_path,
        future_cues_path=future_cues_path,
        not_year_before_path=not_year_before_path,
        not_year_after_path=not_year_after_path,
    )
    return DateNormalizer(finder, spans_key=spans_key, blocked_labels=blocked_labels)
