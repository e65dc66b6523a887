"""Month, season, weekday and relative-phrase tables for uk/ru/en date recognition.

Used by :mod:`carewatch.pipeline.dates.patterns`. Month names are matched by stem so every
grammatical case is covered (січень/січня/січні, январь/января/январе, January/Jan.).
"""

from __future__ import annotations

# (stem, month): a word is that month when it starts with the stem and the rest is an ending.
_STEMS: tuple[tuple[str, int], ...] = (
    ("січ", 1), ("лют", 2), ("берез", 3), ("квіт", 4), ("трав", 5), ("черв", 6),
    ("лип", 7), ("серп", 8), ("верес", 9), ("жовт", 10), ("листопад", 11), ("груд", 12),
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("июн", 6), ("июл", 7),
    ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
)
_RU_MAY = frozenset({"май", "мая", "мае", "маю", "маем"})
_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

UK_MONTH = (r"(?:січ(?:ень|ня|ні|нем)|лют(?:ий|ого|ому|ім)|берез(?:ень|ня|ні|нем)"
            r"|квіт(?:ень|ня|ні|нем)|трав(?:ень|ня|ні|нем)|черв(?:ень|ня|ні|нем)"
            r"|лип(?:ень|ня|ні|нем)|серп(?:ень|ня|ні|нем)|верес(?:ень|ня|ні|нем)"
            r"|жовт(?:ень|ня|ні|нем)|листопад(?:а|і|ом|у)?|груд(?:ень|ня|ні|нем))")
RU_MONTH = (r"(?:январ[ьяеюё]|феврал[ьяеюё]|март(?:а|е|у|ом)?|апрел[ьяею]|ма(?:й|я|е|ю|ем)"
            r"|июн[ьяею]|июл[ьяею]|август(?:а|е|у|ом)?|сентябр[ьяею]|октябр[ьяею]"
            r"|ноябр[ьяею]|декабр[ьяею])")
EN_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October"
            r"|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?"
            r"|Oct\.?|Nov\.?|Dec\.?)")
# Latin month names are case-sensitive (the modal verb "may"); Cyrillic ones get (?i:...).
MONTH = rf"(?:(?i:{UK_MONTH}|{RU_MONTH})|{EN_MONTH})"

SEASON = (r"(?:взимку|узимку|навесні|влітку|улітку|восени|зим[аиою]|весн[аиою]|літ[оа]|"
          r"літом|осін[ьі]|осені|зимой|весной|летом|осенью|лета|осени|"
          r"(?:(?:in|during)\s+(?:the\s+)?)?(?:[Ww]inter|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all)"
          r"(?:\s+of)?)")

YEAR_WORD = r"(?:р\.|року|рік|році|роках|рр\.|г\.|года|году|год|гг\.)"
# Words before a bare year or month that make it a date rather than a number or a noun.
LEAD = (r"(?:у|в|во|на|з|із|зі|від|до|по|с|со|к|наприкінці|напочатку|на\s+початку|"
        r"в\s+кінці|у\s+середині|в\s+середині|середині|в\s+конце|в\s+начале|в\s+середине|"
        r"середины|середине|конце|начале|кінця|початку|кінці|середини|"
        r"in|since|by|of|during|until|from|through|early|late|mid-?|end\s+of|start\s+of)")

# Relative phrases: (regex, kind). Kinds are resolved in resolve.py against the report date.
RELATIVE: tuple[tuple[str, str], ...] = (
    (r"позавчора|позавчера|the\s+day\s+before\s+yesterday", "day-2"),
    (r"вчора|учора|вчера|yesterday", "day-1"),
    (r"сьогодні|сегодня|today|this\s+morning|цієї\s+ночі|минулої\s+ночі|уночі|вночі|"
     r"этой\s+ночью|прошлой\s+ночью|сегодня\s+ночью|overnight(?!\s+\d)|last\s+night|tonight", "day"),
    (r"минулого\s+тижня|на\s+минулому\s+тижні|на\s+прошлой\s+неделе|last\s+week", "week-1"),
    (r"цього\s+тижня|на\s+цьому\s+тижні|на\s+этой\s+неделе|this\s+week", "week"),
    (r"минулого\s+місяця|у\s+минулому\s+місяці|в\s+прошлом\s+месяце|last\s+month", "month-1"),
    (r"цього\s+місяця|у\s+цьому\s+місяці|в\s+этом\s+месяце|this\s+month", "month"),
    (r"минулого\s+року|у\s+минулому\s+році|в\s+прошлом\s+году|прошлого\s+года|last\s+year",
     "year-1"),
    (r"з\s+початку\s+(?:цього\s+)?року|с\s+начала\s+(?:этого\s+)?года|"
     r"since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year|цього\s+року|"
     r"у\s+цьому\s+році|этого\s+года|в\s+этом\s+году|this\s+year", "year"),
)

WEEKDAYS: dict[str, int] = {
    "понеділок": 0, "вівторок": 1, "середу": 2, "четвер": 3, "п'ятницю": 4, "п’ятницю": 4,
    "суботу": 5, "неділю": 6,
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5,
    "воскресенье": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
WEEKDAY = (r"(?:(?i:(?:у|в|во)\s+(?:понеділок|вівторок|середу|четвер|п['’]ятницю|суботу|неділю|"
           r"понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))|"
           r"(?i:on)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))")


def month_number(word: str) -> int | None:
    """The month (1-12) a month word names in any case, or None."""
    w = word.lower().rstrip(".")
    if w in _RU_MAY:
        return 5
    for stem, month in _STEMS:
        if w.startswith(stem):
            return month
    if w[:3] in _EN and w.isascii():
        return _EN.index(w[:3]) + 1
    return None


def weekday_number(phrase: str) -> int | None:
    """Weekday index (Monday=0) named at the end of ``phrase``."""
    last = phrase.split()[-1].lower()
    return WEEKDAYS.get(last)
