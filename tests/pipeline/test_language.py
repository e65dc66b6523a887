"""The language stage: document and paragraph languages among uk / ru / en / other."""

from __future__ import annotations

from carewatch.pipeline import Document, run_text
from carewatch.pipeline.stages.language import detector, language

UK = ("Окупанти відмовляють мешканцям Мелітополя у медичній допомозі, якщо ті не мають російського "
      "паспорта. Про це повідомив Центр національного спротиву.")
RU = ("Оккупанты отказывают жителям Мелитополя в медицинской помощи, если у них нет российского "
      "паспорта. Об этом сообщили правозащитники.")
EN = ("The occupying authorities refuse medical care to residents of Melitopol who do not hold a "
      "Russian passport, the resistance center said.")
DE = ("Die Besatzungsbehörden verweigern den Einwohnern von Melitopol die medizinische Versorgung, "
      "wenn sie keinen russischen Pass besitzen, teilte das Zentrum mit.")


def _lang(text: str) -> Document:
    return run_text(text, names=("clean", "language"))


def test_single_language_documents() -> None:
    assert _lang(UK).language == "uk"
    assert _lang(RU).language == "ru"
    assert _lang(EN).language == "en"


def test_mixed_document_per_paragraph_and_dominant_language() -> None:
    doc = _lang(f"{UK}\n\n{RU}\n\n{EN}\n\n{UK} {UK}")
    assert doc.paragraph_languages == ["uk", "ru", "en", "uk"]
    assert doc.language == "uk"


def test_short_fragment_falls_back_to_document_language() -> None:
    doc = _lang(f"Херсонщина\n\n{RU}\n\n{RU}")
    assert doc.language == "ru"
    assert doc.paragraph_languages == ["ru", "ru", "ru"]


def test_other_language() -> None:
    doc = _lang(f"{DE}\n\n{DE}")
    assert doc.language == "other"
    assert doc.paragraph_languages == ["other", "other"]


def test_too_few_letters_is_other() -> None:
    assert _lang("12.02.2024 — 15:30 !!!").language == "other"
    assert _lang("").language == "other"


def test_language_stage_on_prepared_document_and_detector_is_cached() -> None:
    doc = Document(text=EN, clean_text=EN, paragraphs=[(0, len(EN))])
    language(doc)
    assert doc.language == "en"
    assert doc.paragraph_languages == ["en"]
    assert detector() is detector()
