"""The packaged gazetteer: entries, inflected forms in uk/ru/en, resolution of ambiguous names."""

from __future__ import annotations

import pytest

from carewatch.gazetteer import load
from carewatch.gazetteer.forms import find, norm
from carewatch.gazetteer.resolve import resolve


def _places(text: str) -> list[tuple[str, str | None, str]]:
    gz = load()
    return [(m.entry.uk, m.entry.oblast, text[m.start:m.end]) for m in resolve(gz, text, list(find(text, gz.forms)))]


def test_regions_have_iso_codes() -> None:
    gz = load()
    oblasts = {e.oblast for e in gz.entries if e.type == "oblast" or e.cat == "K"}
    assert len(oblasts) == 27
    assert "Зaporizhzhia" not in oblasts and "UA-23" in oblasts and "UA-09" in oblasts
    assert "CC BY 4.0" in gz.attribution or "GeoNames" in gz.attribution


@pytest.mark.parametrize(("text", "name", "oblast"), [
    ("Лікарі у Мелітополі відмовляють.", "Мелітополь", "UA-23"),
    ("Пацієнти в Бердянську без ліків.", "Бердянськ", "UA-23"),  # the -ськ case
    ("Больницы в Бердянске закрыты.", "Бердянськ", "UA-23"),
    ("Жители в Донецке жалуются.", "Донецьк", "UA-14"),
    ("Мешканці в Олешках без інсуліну.", "Олешки", "UA-65"),
    ("Жители в Алешках без инсулина.", "Олешки", "UA-65"),
    ("Residents of Melitopol's hospital wait.", "Мелітополь", "UA-23"),
    ("Ситуація на Луганщине тяжелая.", "Луганська область", "UA-09"),
    ("Ситуація на Херсонщині погіршилась, бо Херсонщини немає.", "Херсонська область", "UA-65"),
    ("Лечат только в Запорожской области.", "Запорізька область", "UA-23"),
    ("Care is denied in the Zaporozhye region.", "Запорізька область", "UA-23"),
    ("Care is denied in the Zaporizhzhia Oblast.", "Запорізька область", "UA-23"),
    ("Ліки не видають у Криму.", "Автономна Республіка Крим", "UA-43"),
    ("В Крыму нет лекарств.", "Автономна Республіка Крим", "UA-43"),
])
def test_inflected_forms(text: str, name: str, oblast: str) -> None:
    assert (name, oblast) in [(n, o) for n, o, _ in _places(text)]


def test_ambiguous_village_resolved_by_raion() -> None:
    found = _places("У селі Василівка Мелітопольського району закрили амбулаторію.")
    vas = [p for p in found if p[0] == "Василівка"]
    assert vas and vas[0][1] == "UA-23"


def test_bare_ambiguous_village_is_skipped() -> None:
    assert not [p for p in _places("Там, де Іванівка, лікарів немає.") if p[0] == "Іванівка"]


@pytest.mark.parametrize("text", [
    "Мир і Перемога. Слава героям! Дружба народів.",
    "Поле було порожнє. Нова влада прийшла.",
    "Мене не лікували.",
    "Владимир Путин подписал указ.",
    "The Kyiv Independent reported it.",
    "on the left bank of the Dnipro",
])
def test_common_words_not_matched(text: str) -> None:
    assert [p for p in _places(text) if p[1] is not None] == []


def test_oblast_lists() -> None:
    found = {o for _, o, _ in _places("На окупованих частинах Донецької та Луганської областей забирають.")}
    assert {"UA-14", "UA-09"} <= found
    found = {o for _, o, _ in _places("in the occupied Zaporizhzhia and Kherson regions")}
    assert {"UA-23", "UA-65"} <= found


def test_norm_apostrophes() -> None:
    assert norm("Кам’янка") == norm("Кам'янка") == norm("КАМʼЯНКА")


def test_huge_line_is_fine() -> None:
    text = ("слово " * 180_000) + "у Мелітополі " + ("x" * 50_000)
    assert len(text) > 1_000_000
    assert ("Мелітополь", "UA-23") in [(n, o) for n, o, _ in _places(text)]
