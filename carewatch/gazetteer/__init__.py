"""The gazetteer of Ukraine: admin units and settlements with uk/ru/en names and surface forms.

Built once by ``bench/build_gazetteer.py`` into ``data/ukraine.json.gz`` and read here once per
process (cached). The places stage uses :func:`load` and :func:`carewatch.gazetteer.forms.find`.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from carewatch.errors import CarewatchError

DATA_FILE = "ukraine.json.gz"


@dataclass(frozen=True)
class Entry:
    code: str  # KATOTTG code, or a country code for countries
    type: str  # oblast | raion | hromada | settlement | country
    cat: str  # KATOTTG category letter (O K P H M T X C), "" for countries
    uk: str
    ru: str | None
    en: tuple[str, ...]
    raion: str | None  # KATOTTG code of the parent raion
    oblast: str | None  # ISO 3166-2:UA code
    lat: float | None
    lon: float | None
    pop: int | None
    common: bool  # the name is also an ordinary word (Ізюм, Щастя)

    @property
    def city(self) -> bool:
        return self.cat in ("M", "K")


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[Entry, ...]
    forms: dict[str, list[int]]
    by_code: dict[str, int]
    attribution: str
    wordlike: frozenset[str]  # surface forms that are also pronouns, verbs or function words

    def get(self, code: str) -> Entry | None:
        i = self.by_code.get(code)
        return None if i is None else self.entries[i]


def _entry(cols: list[str], row: list[Any]) -> Entry:
    d = dict(zip(cols, row, strict=True))
    return Entry(d["code"], d["type"], d["cat"], d["uk"], d["ru"], tuple(d["en"]), d["raion"],
                 d["oblast"], d["lat"], d["lon"], d["pop"], bool(d["common"]))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read the packaged data file once per process."""
    try:
        ref = resources.files("carewatch.gazetteer").joinpath("data", DATA_FILE)
        with ref.open("rb") as fh, gzip.open(fh, "rt", encoding="utf-8") as gz:
            data = json.load(gz)
    except (OSError, ValueError) as exc:
        raise CarewatchError(f"gazetteer data unreadable: {exc}", code="CW501",
                             hint="rebuild it with: python bench/build_gazetteer.py") from exc
    cols = data["meta"]["columns"]
    entries = tuple(_entry(cols, row) for row in data["entries"])
    return Gazetteer(entries, data["forms"], {e.code: i for i, e in enumerate(entries)},
                     data["meta"]["attribution"], frozenset(data.get("wordlike", [])))
