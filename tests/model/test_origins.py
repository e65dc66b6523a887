"""The origin and outlet registries and their inflection-tolerant matcher."""

from __future__ import annotations

import pytest

from carewatch.model.origins import by_id, origins, outlets

REQUIRED = {"nrc", "atesh", "hrmmu", "ombudsman_ua", "hur", "ova_zaporizhzhia", "ova_kherson",
            "ova_donetsk", "ova_luhansk", "crimea_rep", "ivan_fedorov", "phr", "hrw", "amnesty",
            "khpg", "zmina", "mihr", "eastern_hrg", "crimean_hrg", "min_reintegration", "moh_ua",
            "who", "pgo", "ccl", "isw", "general_staff"}


def _ids(text: str) -> list[str]:
    return [f.entry.id for f in origins().find(text)]


def test_registry_has_required_entries_with_three_languages() -> None:
    entries = {e.id: e for e in origins().entries}
    assert set(entries) >= REQUIRED
    for entry in entries.values():
        assert entry.kind and entry.description and entry.names.get("en")
    assert len({e.id for e in origins().entries}) == len(origins().entries)


def test_outlets_are_not_origins() -> None:
    origin_ids = {e.id for e in origins().entries}
    assert not origin_ids & {e.id for e in outlets().entries}
    assert by_id("nypost") is None


@pytest.mark.parametrize("text", [
    "за даними Центру національного спротиву", "Центром національного спротиву",
    "по данным Центра национального сопротивления", "ЦНС повідомляє", "the NRC said",
    "Ukraine's National Resistance Centre", "National Resistance Center",
])
def test_nrc_in_any_case_and_language(text: str) -> None:
    assert _ids(text) == ["nrc"]


@pytest.mark.parametrize(("text", "entry"), [
    ("голова Луганської обласної військової адміністрації", "ova_luhansk"),
    ("в Луганской ОВА", "ova_luhansk"),
    ("the Kherson regional military administration", "ova_kherson"),
    ("Генштабу ЗСУ", "general_staff"),
    ("Главного управления разведки", "hur"),
    ("Уповноваженого Верховної Ради України з прав людини", "ombudsman_ua"),
    ("партизанського руху АТЕШ", "atesh"),
    ("Івана Федорова", "ivan_fedorov"),
])
def test_inflected_forms(text: str, entry: str) -> None:
    assert entry in _ids(text)


def test_acronyms_are_case_sensitive() -> None:
    assert _ids("who knows what the nrc is; зміна погоди") == []
    assert [f.entry.id for f in outlets().find("as AP reported; an ap of it")] == ["ap"]


def test_outlet_inflection() -> None:
    found = [f.entry.id for f in outlets().find("як пише «Українська правда» з посиланням на Укрінформ")]
    assert found == ["pravda_ua", "ukrinform"]


def test_display_name_follows_language() -> None:
    nrc = by_id("nrc")
    assert nrc is not None
    assert nrc.display("uk") == "Центр національного спротиву"
    assert nrc.display("ru") == "Центр национального сопротивления"
    assert nrc.display("de") == "National Resistance Center"


@pytest.mark.parametrize("text", ["", "\x00", "ЦНС" * 10000, "Центр " * 3000, "'’-." * 100])
def test_hostile_text(text: str) -> None:
    for f in origins().find(text):
        assert 0 <= f.start < f.end <= len(text)
