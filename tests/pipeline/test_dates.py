"""The dates stage: uk/ru/en recognition, year resolution, relative dates, report dates."""

from __future__ import annotations

import pytest

from carewatch.model.labels import DateLabel
from carewatch.pipeline import Document, run
from carewatch.pipeline.dates.patterns import find_mentions
from carewatch.pipeline.stages.dates import dates


def _doc(text: str) -> Document:
    doc = Document(text=text)
    run(doc, ("clean", "language"))
    dates(doc)
    return doc


def _values(text: str) -> list[str]:
    return [d.value for d in _doc(text).labels["event_dates"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("У серпні 2023 року окупанти відмовили в лікуванні людям без паспорта РФ.", ["2023-08"]),
    ("В августе 2023 года оккупанты отказали в лечении людям без паспорта РФ.", ["2023-08"]),
    ("In August 2023 the occupiers refused treatment to residents without Russian passports.",
     ["2023-08"]),
    ("21 січня 2024 року лікарня відмовила пацієнтам без полісу ОМС.", ["2024-01-21"]),
    ("22 января 2024 года больница отказала пациентам без полиса ОМС.", ["2024-01-22"]),
    ("On January 21, 2024 the hospital refused patients without an OMS policy.", ["2024-01-21"]),
    ("Lists were drawn up on Jan. 9, 2024 in Melitopol.", ["2024-01-09"]),
    ("Пацієнтам відмовили 21.01.2024, а потім 2024-02-03 і 05/03/2024.",
     ["2024-01-21", "2024-02-03", "2024-03-05"]),
    ("Про це стало відомо у 2023 році, коли закрили аптеки.", ["2023"]),
    ("Аптеки закрыли в 2023 году.", ["2023"]),
    ("The pharmacies closed in 2023.", ["2023"]),
    ("Влітку 2023 ліки зникли з аптек.", ["2023"]),
    ("Весной 2024 лекарства исчезли из аптек.", ["2024"]),
    ("З березня по травень 2024 року лікарню віддали військовим.", ["2024-03", "2024-05"]),
])
def test_recognises_forms(text: str, expected: list[str]) -> None:
    assert _values(text) == expected


def test_precision_is_as_stated() -> None:
    labels = _doc("У серпні 2023 року та 14 серпня 2023 року лікарі відмовили.").labels["event_dates"]
    assert [(d.value, d.precision) for d in labels] == [("2023-08", "month"), ("2023-08-14", "day")]


def test_year_alone_dropped_when_finer_date_in_same_year() -> None:
    assert _values("У 2023 році, а саме 5 травня 2023 року, лікарню закрили.") == ["2023-05-05"]


def test_bare_year_number_is_not_a_date() -> None:
    assert _values("Закон №2023-IX та 2023 пацієнти.") == []
    assert _values("You may go to the hospital.") == []


def test_relative_dates_resolve_against_printed_report_date() -> None:
    text = ("Опубліковано 22 січня 2024, 10:15\n\n"
            "Вчора окупанти відмовили пацієнтам у лікуванні. З початку року закрили три аптеки. "
            "З 1 січня ліки видають лише за паспортом РФ.")
    doc = _doc(text)
    assert doc.labels["reported_date"] == "2024-01-22"
    # "з початку року" gives 2024, dropped because finer 2024 dates exist
    assert [d.value for d in doc.labels["event_dates"]] == ["2024-01-01", "2024-01-21"]


def test_relative_english_forms() -> None:
    text = ("Published January 24, 2024 4:06 AM\n\n"
            "On Monday occupiers turned patients away. Last month pharmacies ran dry.")
    assert _values(text) == ["2023-12", "2024-01-22"]


def test_relative_dates_dropped_without_printed_date() -> None:
    assert _values("Вчора окупанти відмовили пацієнтам. На прошлой неделе закрыли аптеку.") == []


def test_byline_is_report_date_not_event() -> None:
    text = ("28.11.2023 19:02 | Оновлено 28.11.2023 19:40\n\n"
            "У середині листопада окупанти почали видавати інсулін лише за паспортом РФ.")
    doc = _doc(text)
    assert doc.labels["reported_date"] == "2023-11-28"
    assert [d.value for d in doc.labels["event_dates"]] == ["2023-11"]


def test_month_without_year_before_report_month_takes_previous_year() -> None:
    text = "January 10, 2024 | News\n\nIn December occupiers seized the hospital in Tokmak."
    assert _values(text) == ["2023-12"]


def test_month_without_year_takes_year_from_paragraph() -> None:
    text = "Хроника 2023 года. 7 апреля ЦНС сообщил о паспортизации, в конце мая — о больницах."
    assert _values(text) == ["2023-04-07", "2023-05"]


def test_historical_years_are_context() -> None:
    assert _values("Гаагское положение 1907 года запрещает это; с 2016 года она на терапии.") == []


def test_no_violations_means_no_event_dates() -> None:
    doc = Document(text="21 січня 2024 року відбувся футбольний матч.")
    run(doc, ("clean", "language"))
    doc.labels["violations"] = []
    dates(doc)
    assert doc.labels["event_dates"] == []


def test_evidence_points_into_original_text() -> None:
    text = "<p>У&nbsp;серпні 2023 року окупанти відмовили в лікуванні.</p>"
    doc = Document(text=text, media_type="text/html")
    run(doc, ("clean", "language"))
    dates(doc)
    labels: list[DateLabel] = doc.labels["event_dates"]
    assert labels and all(e.text == text[e.start:e.end] for d in labels for e in d.evidence)


@pytest.mark.parametrize("text", [
    "", "\x00\x01\ufeff", "2023" * 5000, "31.02.2024 і 99.99.2024 і 2024-13-45",
    "з " * 3000 + "березня", "January " * 2000, "🙂 у 😡 2023 році",
])
def test_hostile_input_does_not_crash(text: str) -> None:
    doc = _doc(text)
    for label in doc.labels["event_dates"]:
        for e in label.evidence:
            assert e.text == doc.text[e.start:e.end]


def test_night_range_is_coded_by_the_morning() -> None:
    mentions = find_mentions("Overnight 22-23 Nov 2022 missiles hit the maternity unit.")
    assert [(m.year, m.month, m.day) for m in mentions] == [(2022, 11, 23)]
