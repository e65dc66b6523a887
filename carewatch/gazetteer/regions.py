"""Vocabulary for Ukraine's 27 top-level regions: codes and the names people write for them.

This is vocabulary, not a settlement list: ISO 3166-2:UA codes, the KATOTTG first-level code,
the geonames admin1 code, Russian adjectives (``Запорожская``), English names and regional forms
(``Херсонщина``, ``Запорожье``, ``Crimea``). ``bench/build_gazetteer.py`` turns these into
inflected surface forms; the runtime only reads the built data file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Region:
    iso: str  # ISO 3166-2:UA, e.g. "UA-23"
    katottg_prefix: str  # first four characters of the KATOTTG code, e.g. "UA23"
    geonames_admin1: str  # FIPS-style admin1 code geonames uses for Ukraine
    en: tuple[str, ...]  # English names, first is canonical
    ru_adj: str = ""  # Russian adjective used with "область"
    uk_forms: tuple[str, ...] = ()  # regional names written alone (uk), nominative
    ru_forms: tuple[str, ...] = ()  # regional names written alone (ru), nominative
    city: bool = False  # Kyiv and Sevastopol: cities with special status
    extra_en: tuple[str, ...] = field(default=())  # names that stand alone (no "region")


REGIONS: tuple[Region, ...] = (
    Region("UA-43", "UA01", "11", ("Crimea", "Autonomous Republic of Crimea"), "",
           ("Крим", "Кримський півострів", "АРК"), ("Крым", "Республика Крым"),
           extra_en=("Crimea", "Crimean Peninsula")),
    Region("UA-05", "UA05", "23", ("Vinnytsia", "Vinnytsya", "Vinnitsa"), "Винницкая",
           ("Вінниччина",), ("Винничина",)),
    Region("UA-07", "UA07", "24", ("Volyn", "Volhynia"), "Волынская", ("Волинь",), ("Волынь",)),
    Region("UA-12", "UA12", "04", ("Dnipropetrovsk", "Dnipro", "Dnepropetrovsk"), "Днепропетровская",
           ("Дніпропетровщина", "Дніпровщина"), ("Днепропетровщина",)),
    Region("UA-14", "UA14", "05", ("Donetsk",), "Донецкая", ("Донеччина",), ("Донетчина",)),
    Region("UA-18", "UA18", "27", ("Zhytomyr", "Zhitomir"), "Житомирская", ("Житомирщина",),
           ("Житомирщина",)),
    Region("UA-21", "UA21", "25", ("Zakarpattia", "Transcarpathia", "Zakarpattya"), "Закарпатская",
           ("Закарпаття",), ("Закарпатье",), extra_en=("Transcarpathia",)),
    Region("UA-23", "UA23", "26", ("Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Zaporizhzhya"),
           "Запорожская", ("Запоріжжя", "Запорізький край"), ("Запорожье", "Запорожщина")),
    Region("UA-26", "UA26", "06", ("Ivano-Frankivsk",), "Ивано-Франковская",
           ("Івано-Франківщина", "Прикарпаття"), ("Прикарпатье",)),
    Region("UA-30", "UA80", "12", ("Kyiv", "Kiev"), "", (), (), city=True),
    Region("UA-32", "UA32", "13", ("Kyiv", "Kiev"), "Киевская", ("Київщина",), ("Киевщина",)),
    Region("UA-35", "UA35", "10", ("Kirovohrad", "Kirovograd", "Kropyvnytskyi"), "Кировоградская",
           ("Кіровоградщина",), ("Кировоградщина",)),
    Region("UA-40", "UA85", "20", ("Sevastopol",), "", (), (), city=True),
    Region("UA-09", "UA44", "14", ("Luhansk", "Lugansk"), "Луганская", ("Луганщина",),
           ("Луганщина",)),
    Region("UA-46", "UA46", "15", ("Lviv",), "Львовская", ("Львівщина",), ("Львовщина",)),
    Region("UA-48", "UA48", "16", ("Mykolaiv", "Nikolaev", "Mykolayiv"), "Николаевская",
           ("Миколаївщина",), ("Николаевщина",)),
    Region("UA-51", "UA51", "17", ("Odesa", "Odessa"), "Одесская", ("Одещина",), ("Одесчина",)),
    Region("UA-53", "UA53", "18", ("Poltava",), "Полтавская", ("Полтавщина",), ("Полтавщина",)),
    Region("UA-56", "UA56", "19", ("Rivne", "Rovno"), "Ровенская", ("Рівненщина",), ("Ровенщина",)),
    Region("UA-59", "UA59", "21", ("Sumy",), "Сумская", ("Сумщина",), ("Сумщина",)),
    Region("UA-61", "UA61", "22", ("Ternopil",), "Тернопольская", ("Тернопільщина",),
           ("Тернопольщина",)),
    Region("UA-63", "UA63", "07", ("Kharkiv", "Kharkov"), "Харьковская", ("Харківщина", "Слобожанщина"),
           ("Харьковщина",)),
    Region("UA-65", "UA65", "08", ("Kherson",), "Херсонская", ("Херсонщина",), ("Херсонщина",)),
    Region("UA-68", "UA68", "09", ("Khmelnytskyi", "Khmelnitsky"), "Хмельницкая",
           ("Хмельниччина",), ("Хмельнитчина",)),
    Region("UA-71", "UA71", "01", ("Cherkasy", "Cherkassy"), "Черкасская", ("Черкащина",),
           ("Черкасщина",)),
    Region("UA-77", "UA73", "03", ("Chernivtsi", "Bukovina"), "Черновицкая", ("Буковина",),
           ("Буковина",)),
    Region("UA-74", "UA74", "02", ("Chernihiv", "Chernigov"), "Черниговская", ("Чернігівщина",),
           ("Черниговщина",)),
)

#: English words that turn a region's name into the region ("Kherson region").
EN_REGION_WORDS: tuple[str, ...] = ("region", "oblast", "province", "Region", "Oblast", "Province")
#: English words that turn a raion's town into the raion ("Melitopol district").
EN_RAION_WORDS: tuple[str, ...] = ("district", "raion", "District", "Raion")

#: Countries: mentioned places with country precision. Russia is recorded so it is never
#: mistaken for a place in Ukraine; the places stage does not emit it.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "UA": ("Україна", "Украина", "Ukraine"),
    "RU": ("Росія", "Россия", "Російська Федерація", "Российская Федерация", "Russia",
           "Russian Federation", "РФ"),
}


def by_prefix() -> dict[str, Region]:
    """Regions keyed by KATOTTG first-level prefix (``UA23`` → Zaporizhzhia)."""
    return {r.katottg_prefix: r for r in REGIONS}


def by_admin1() -> dict[str, Region]:
    """Regions keyed by geonames admin1 code."""
    return {r.geonames_admin1: r for r in REGIONS}
