"""The attribution stage: origins, relay chains, self-published statements, unknown sources."""

from __future__ import annotations

import pytest

from carewatch.model.labels import Attribution
from carewatch.pipeline import Document, run
from carewatch.pipeline.stages.attribution import attribution


def _attr(text: str) -> list[Attribution]:
    doc = Document(text=text)
    run(doc, ("clean", "language"))
    attribution(doc)
    labels: list[Attribution] = doc.labels["attribution"]
    for label in labels:
        for e in label.evidence:
            assert e.text == doc.text[e.start:e.end]
    return labels


def _pairs(text: str) -> list[tuple[str | None, list[str]]]:
    return [(a.origin_id, a.via) for a in _attr(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Як повідомляє Укрінформ із посиланням на Центр національного спротиву, окупанти "
     "відмовляють у лікуванні людям без паспорта РФ.", [("nrc", ["Ukrinform"])]),
    ("Про це повідомив Головне управління розвідки Міноборони.", [("hur", [])]),
    ("За даними ЦНС, у Мелітополі закрили аптеки.", [("nrc", [])]),
    ("Про це пише РБК-Україна, посилаючись на партизанський рух АТЕШ.", [("atesh", ["RBC-Ukraine"])]),
    ("По данным Центра национального сопротивления, в Токмаке закрыли больницу.", [("nrc", [])]),
    ("Об этом сообщает УНИАН со ссылкой на Генштаб ВСУ.", [("general_staff", ["UNIAN"])]),
    ("Как заявили в Херсонской областной военной администрации, больницу захватили.",
     [("ova_kherson", [])]),
    ("Human Rights Watch said occupation authorities denied insulin to residents.", [("hrw", [])]),
    ("According to the Kharkiv Human Rights Protection Group, doctors were detained.",
     [("khpg", [])]),
])
def test_patterns(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _pairs(text) == expected


def test_chain_of_two_relays_in_text_order() -> None:
    text = ("According to a report in Newsweek, which cited the New York Post, which in turn cited "
            "Ukraine's National Resistance Centre, patients were offered medicine for enlisting.")
    assert _pairs(text) == [("nrc", ["Newsweek", "New York Post"])]


def test_self_published_statement_without_cue() -> None:
    text = ("Центр національного спротиву\n\n"
            "У Бердянську окупанти переобладнали лікарню під шпиталь для військових РФ.")
    labels = _attr(text)
    assert [(a.origin, a.origin_id) for a in labels] == [("Центр національного спротиву", "nrc")]


def test_publisher_masthead_is_not_a_relay() -> None:
    text = ("Kyiv Independent | News\n\n"
            "The Kyiv Independent reported, citing the NRC, that clinics demand Russian passports.")
    assert _pairs(text) == [("nrc", [])]


def test_person_speaking_for_institution_is_one_origin() -> None:
    text = ("Голова Луганської обласної військової адміністрації Артем Лисогор заявив, що лікарні "
            "в Сватовому приймають лише військових.")
    assert _pairs(text) == [("artem_lysohor", [])]


def test_unknown_person_in_nominative() -> None:
    labels = _attr("Як розповіла лікарка Олені Приходько, пацієнтів без полісу не приймають. "
                   "Про це заявила Олена Приходько.")
    assert [(a.origin, a.origin_id) for a in labels] == [("Олена Приходько", None)]


def test_unknown_english_organisation() -> None:
    labels = _attr("The Lancet HIV reported that treatment depends on holding a Russian passport.")
    assert [a.origin for a in labels] == ["The Lancet HIV"]


def test_testimony_author() -> None:
    text = "Свідок: Приходько Олена Миколаївна, 1974 р. н.\n\nМені відмовили в лікуванні.\n\nПідпис: О. Приходько"
    assert [a.origin for a in _attr(text)] == ["Приходько Олена Миколаївна"]


def test_small_outlet_in_quotes() -> None:
    text = "Как писало местное издание «Приморка City», больница требует паспорт РФ."
    assert [a.origin for a in _attr(text)] == ["Приморка City"]


def test_headline_attribution_dash() -> None:
    text = "Больницы переводят на обслуживание армии РФ — АТЕШ\n\nВрачей заставляют подписать контракты."
    assert _pairs(text) == [("atesh", [])]


def test_no_cue_no_origin() -> None:
    text = ("Вчора була погода.\n\nЦентр національного спротиву має сайт, а Лисогор їздив у відпустку. "
            "Лікарні працюють.\n\nКінець.")
    assert _pairs(text) == []


def test_no_violations_means_no_attribution() -> None:
    doc = Document(text="ЦНС повідомив про футбольний матч.")
    run(doc, ("clean", "language"))
    doc.labels["violations"] = []
    attribution(doc)
    assert doc.labels["attribution"] == []


@pytest.mark.parametrize("text", [
    "", "\x00\ufeff", "said " * 3000, "ЦНС: " * 2000, "«" * 500 + "издание «" * 100,
    "Меня зовут " * 500, "According to " + "A" * 10000,
])
def test_hostile_input(text: str) -> None:
    for label in _attr(text):
        assert label.origin.strip()


def test_unknown_russian_person_with_role() -> None:
    labels = _attr("Об этом сообщил мэр Энергодара Дмитрий Орлов.")
    assert [a.origin for a in labels] == ["Дмитрий Орлов"]


def test_copyright_signature_marks_self_published_statement() -> None:
    text = ("Окупанти виписують цивільних пацієнтів з лікарні в Бердянську.\n\n"
            "Військові займають палати.\n\n(c) Центр національного спротиву, ССО")
    labels = _attr(text)
    assert [a.origin_id for a in labels] == ["nrc"]


def test_numbered_post_with_colon_heading() -> None:
    text = "1/ Ukraine's National Resistance Center: recruiters go after people who need HIV therapy."
    assert _pairs(text) == [("nrc", [])]
