"""The bundled demo corpus: size, languages, formats, encodings, markers, and gold consistency."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from charset_normalizer import from_bytes

from carewatch.demo import FICTION_MARKERS, corpus_path, gold_path

CODES = {
    "care_denied_documents", "medicine_for_enlistment", "forced_conscription", "forced_passportization",
    "medicine_shortage", "facility_militarized", "patient_deportation", "health_worker_coercion",
    "attack_on_health_care",
}
VICTIMS = {
    "hiv_positive", "chronic_illness", "infectious_disease", "children", "elderly", "disabled",
    "pregnant_women", "passportless_residents", "men_military_age", "health_workers", "patients",
    "psychiatric_patients",
}
# Settlements the demo labels, with the oblast each implies (ISO 3166-2:UA).
SETTLEMENT_OBLAST = {
    "Мелітополь": "UA-23", "Токмак": "UA-23", "Бердянськ": "UA-23", "Енергодар": "UA-23",
    "Василівка": "UA-23", "Пологи": "UA-23", "Скадовськ": "UA-65", "Нова Каховка": "UA-65",
    "Каховка": "UA-65", "Генічеськ": "UA-65", "Херсон": "UA-65", "Олешки": "UA-65", "Каланчак": "UA-65",
    "Маріуполь": "UA-14", "Донецьк": "UA-14", "Новоазовськ": "UA-14", "Сєвєродонецьк": "UA-09",
    "Старобільськ": "UA-09", "Луганськ": "UA-09", "Джанкой": "UA-43", "Бахчисарай": "UA-43",
    "Севастополь": "UA-40",
}
KEYS = {"file", "part", "language", "relevant", "violations", "oblasts", "settlements", "origins",
        "relays", "event_dates", "victim_groups", "event_group"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PHONE = re.compile(r"\+380[\d ]{9,13}")


def test_corpus_and_gold_ship_inside_the_package() -> None:
    assert corpus_path().is_dir()
    assert gold_path().is_file()


def test_at_least_45_files_and_reports(corpus_files: list[Path], texts: dict[tuple[str, int], str]) -> None:
    assert len(corpus_files) >= 45
    assert len(texts) >= 45


def test_every_required_format_is_present(corpus_files: list[Path]) -> None:
    suffixes = Counter(p.suffix for p in corpus_files)
    assert suffixes[".html"] >= 3
    for suffix in (".txt", ".eml", ".pdf", ".docx", ".jsonl", ".csv"):
        assert suffixes[suffix] >= 1, suffix
    assert suffixes[".txt"] > len(corpus_files) // 2


@pytest.mark.parametrize(("hint", "codec"), [("cp1251", "cp1251"), ("koi8r", "koi8-r"), ("utf16", "utf-16")])
def test_legacy_encodings_are_not_utf8_but_decode(corpus_files: list[Path], hint: str, codec: str) -> None:
    matches = [p for p in corpus_files if hint in p.name]
    assert matches, hint
    for path in matches:
        raw = path.read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        text = raw.decode(codec)
        best = from_bytes(raw).best()  # what an intake without a hint will see
        assert best is not None and str(best).strip() == text.lstrip("\ufeff").strip()


def test_utf16_file_has_bom(corpus_files: list[Path]) -> None:
    raw = next(p for p in corpus_files if "utf16" in p.name).read_bytes()
    assert raw[:2] in (b"\xff\xfe", b"\xfe\xff")


def test_other_text_files_are_utf8(corpus_files: list[Path]) -> None:
    for path in corpus_files:
        if path.suffix in (".txt", ".html", ".jsonl", ".csv") and not any(
            h in path.name for h in ("cp1251", "koi8r", "utf16")
        ):
            path.read_bytes().decode("utf-8")


def test_every_report_carries_the_fiction_marker(texts: dict[tuple[str, int], str]) -> None:
    for key, text in texts.items():
        assert any(m in text for m in FICTION_MARKERS.values()), key


def test_report_lengths(texts: dict[tuple[str, int], str]) -> None:
    for key, text in texts.items():
        words = len(re.findall(r"\w+", text))
        assert 80 <= words <= 450, (key, words)


def test_gold_covers_exactly_the_reports(gold: list[dict[str, Any]], texts: dict[tuple[str, int], str]) -> None:
    keys = [(g["file"], g["part"]) for g in gold]
    assert len(keys) == len(set(keys)), "duplicate gold lines"
    assert set(keys) == set(texts)


def test_gold_records_are_well_formed(gold: list[dict[str, Any]]) -> None:
    for g in gold:
        assert set(g) == KEYS, g["file"]
        assert g["language"] in FICTION_MARKERS
        assert g["relevant"] == bool(g["violations"]), g["file"]
        assert set(g["violations"]) <= CODES, g["file"]
        assert set(g["victim_groups"]) <= VICTIMS, g["file"]
        assert all(DATE.match(d) for d in g["event_dates"]), g["file"]
        assert all(isinstance(o, list) and o for o in g["origins"]), g["file"]
        if not g["relevant"]:
            empty = ("oblasts", "settlements", "origins", "relays", "event_dates", "victim_groups")
            assert all(not g[k] for k in empty), g["file"]
            assert g["event_group"] is None


def test_settlements_imply_their_oblasts(gold: list[dict[str, Any]]) -> None:
    for g in gold:
        for place in g["settlements"]:
            assert SETTLEMENT_OBLAST[place] in g["oblasts"], (g["file"], place)


def test_language_matches_the_script(gold: list[dict[str, Any]], texts: dict[tuple[str, int], str]) -> None:
    for g in gold:
        text = texts[(g["file"], g["part"])]
        body = text.replace(FICTION_MARKERS[g["language"]], "")
        cyr = len(re.findall(r"[а-яіїєґё]", body, re.IGNORECASE))
        lat = len(re.findall(r"[a-z]", body, re.IGNORECASE))
        if g["language"] == "en":
            assert lat > 4 * cyr, g["file"]
        else:
            assert cyr > 4 * lat, g["file"]
            own = r"[іїєґ]" if g["language"] == "uk" else r"[ыэё]"
            assert re.search(own, body, re.IGNORECASE), g["file"]


def test_languages_are_balanced(gold: list[dict[str, Any]]) -> None:
    counts = Counter(g["language"] for g in gold)
    assert set(counts) == {"uk", "ru", "en"}
    assert min(counts.values()) >= 13


def test_every_violation_type_and_hard_negatives(gold: list[dict[str, Any]]) -> None:
    seen = {code for g in gold for code in g["violations"]}
    assert seen == CODES
    assert sum(not g["relevant"] for g in gold) >= 5


def test_retold_events(gold: list[dict[str, Any]]) -> None:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        if g["event_group"]:
            groups[g["event_group"]].append(g)
    retold = {k: v for k, v in groups.items() if 2 <= len(v) <= 4}
    assert len(retold) >= 5
    assert all(len(v) >= 2 for v in groups.values()), "an event_group with a single report"
    for name, members in retold.items():
        assert len({m["language"] for m in members}) >= 2, name
        assert len({tuple(m["violations"]) for m in members}) == 1, name


def test_sources_and_years_appear_in_the_text(gold: list[dict[str, Any]],
                                              texts: dict[tuple[str, int], str]) -> None:
    for g in gold:
        text = texts[(g["file"], g["part"])].lower()
        for aliases in g["origins"]:
            assert any(a.lower() in text for a in aliases), (g["file"], aliases)
        for relay in g["relays"]:
            assert relay.lower() in text, (g["file"], relay)
        for date in g["event_dates"]:
            assert date[:4] in text, (g["file"], date)


def test_testimonies_carry_fictional_pii(texts: dict[tuple[str, int], str]) -> None:
    with_phone = [k for k, t in texts.items() if PHONE.search(t)]
    assert len(with_phone) >= 3
