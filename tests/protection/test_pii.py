"""The PII detector on synthetic uk/ru/en text, including hostile and tricky input."""

from __future__ import annotations

import pytest

from carewatch.protection import pii


@pytest.mark.parametrize(("text", "kind", "secret"), [
    ("Тел. +380 67 123 45 67, дзвоніть.", "phone", "+380 67 123 45 67"),
    ("номер (067) 123-45-67", "phone", "123-45-67"),
    ("звоните +7 (912) 345-67-89", "phone", "345-67-89"),
    ("звоните 8 (912) 345-67-89 вечером", "phone", "345-67-89"),
    ("Call 050 123 45 67 now", "phone", "123 45 67"),
    ("mail: ivan.petrenko@ukr.net", "email", "ivan.petrenko@ukr.net"),
    ("паспорт серії ВК 123456 видано", "passport", "ВК 123456"),
    ("ID-картка № 004512345", "passport", "004512345"),
    ("паспорт РФ 45 10 123456", "passport", "45 10 123456"),
    ("Гражданка Иванова Мария Петровна пришла", "name", "Иванова Мария Петровна"),
    ("Пані Ольга Коваль розповіла", "name", "Ольга Коваль"),
    ("Мене звати Іван Петренко.", "name", "Іван Петренко"),
    ("My name is John Smith.", "name", "John Smith"),
    ("Свідок Петренко І.В. підтвердив", "name", "Петренко І.В."),
    ("живе на вул. Шевченка, 14, кв. 7 у місті", "address", "Шевченка, 14"),
    ("проживает ул. Ленина, д. 5", "address", "Ленина, д. 5"),
    ("lives at 12 Baker Street, flat 3", "address", "Baker Street"),
    ("Я ВІЛ-позитивна, мені відмовили", "diagnosis", "ВІЛ-позитивна"),
    ("Мой сын болен туберкулезом.", "diagnosis", "туберкулезом"),
    ("I have HIV and was refused", "diagnosis", "HIV"),
])
def test_detects_and_redacts(text: str, kind: str, secret: str) -> None:
    found = pii.detect(text)
    assert kind in {f.kind for f in found}, found
    redacted = pii.redact(text)
    assert secret not in redacted
    assert pii.REPLACEMENTS[kind] in redacted or "[" in redacted


@pytest.mark.parametrize("text", [
    "У Мелітополі в серпні 2023 року лікар відмовив видати АРВ-терапію без російського паспорта.",
    "Окупанти пропонують ВІЛ-позитивним людям ліки в обмін на контракт з армією.",
    "In Berdiansk a clinic refused treatment to pensioners without a Russian OMS policy.",
    "В Херсоне больницы требуют полис ОМС.",
    "В Мелитополе ВИЧ-положительным мужчинам ставят условие: контракт в обмен на терапию.",
    "У Мелітополі ВІЛ-позитивним чоловікам пропонують терапію в обмін на контракт.",
])
def test_leaves_reports_without_personal_data_alone(text: str) -> None:
    assert pii.detect(text) == []
    assert pii.redact(text) == text


def test_same_length_masking_keeps_offsets() -> None:
    text = "Мене звати Іван Петренко, тел. +380 50 111 22 33. У Херсоні відмовили."
    masked = pii.redact(text, same_length=True)
    assert len(masked) == len(text)
    assert masked.index("Херсоні") == text.index("Херсоні")
    assert "Петренко" not in masked and "111 22 33" not in masked


def test_known_names_are_found_in_inflected_forms() -> None:
    text = "Петренка били, Петренку відмовили, а Петренко мовчав."
    redacted = pii.redact(text, names=["Іван Петренко"])
    assert "Петренк" not in redacted


def test_diagnosis_without_a_person_is_kept() -> None:
    text = "Програма для ВІЛ-позитивних пацієнтів припинена в області."
    assert pii.redact(text) == text


@pytest.mark.parametrize("hostile", [
    "", "\x00\x01\x02", "█" * 50, "+" * 10_000, "а" * 100_000, "<script>alert(1)</script>",
    "Мене звати " + "Іван " * 2000, "\u202e+380 67 123 45 67", "1" * 5000,
])
def test_hostile_input_never_crashes(hostile: str) -> None:
    masked = pii.redact(hostile, same_length=True)
    assert len(masked) == len(hostile)
    pii.redact(hostile)
