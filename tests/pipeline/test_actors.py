"""The ``actors`` stage: perpetrator roles with the report's own words for them."""

from __future__ import annotations

from carewatch.pipeline import run_text

STAGES = ("clean", "language", "violations", "actors")


def roles(text: str) -> dict[str, str | None]:
    doc = run_text(text, names=STAGES)
    for label in doc.labels["actors"]:
        assert label.evidence and label.evidence[0].text == doc.text[label.evidence[0].start:label.evidence[0].end]
    return {a.role: a.name for a in doc.labels["actors"]}


def test_recruiters_in_ukrainian() -> None:
    found = roles("На окупованій Луганщині вербувальники пропонують хворим ліки в обмін на контракт з армією.")
    assert "military_recruiters" in found
    assert found["military_recruiters"] == "вербувальники"


def test_fsb_and_occupation_authorities_in_russian() -> None:
    text = ("В оккупированном Мелитополе оккупационные власти и ФСБ принуждают врачей получать "
            "российские паспорта.")
    assert {"fsb_security_services", "occupation_administration"} <= set(roles(text))


def test_occupying_forces_in_english() -> None:
    text = "In occupied Henichesk, Russian troops took over the district hospital for their wounded soldiers."
    assert "occupying_forces" in roles(text)


def test_no_violation_means_no_actors() -> None:
    assert roles("Поліція Києва затримала водія за перевищення швидкості.") == {}


def test_role_far_from_any_violation_is_not_counted() -> None:
    text = ("ФСБ провела навчання в Ростові. Погода в регіоні тепла. Місто готується до свята. "
            "В окупованому Мелітополі лікарня відмовляє пацієнтам без полісу ОМС.")
    found = roles(text)
    assert "fsb_security_services" not in found


def test_role_in_the_sentence_after_the_violation_counts() -> None:
    text = ("В оккупированном Мелитополе больница отказывает пациентам без полиса ОМС. "
            "Такой порядок ввели оккупационные власти.")
    assert "occupation_administration" in roles(text)
