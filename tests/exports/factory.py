"""Synthetic incident records in the shared shape (uk/ru/en, hostile text included)."""

from __future__ import annotations

from typing import Any

PERSON = "Олена Петренко"


def record(i: int = 1, **over: Any) -> dict[str, Any]:
    """One incident record; ``i`` varies ids, dates and places."""
    rec: dict[str, Any] = {
        "id": i,
        "title": ["=HYPERLINK(\"http://evil\") Tokmak clinic refused care without OMS",
                  "У Мелітополі відмовили в інсуліні без паспорта РФ",
                  "В Херсоне ВИЧ-положительным предлагают терапию за контракт"][i % 3],
        "status": "open" if i % 2 else "published",
        "certainty": ["rumour", "possible", "probable", "confirmed"][i % 4],
        "certainty_reason": "2 independent origins",
        "certainty_source": "machine",
        "violations": ["denial_no_passport", "coerced_enlistment"][: 1 + i % 2],
        "places": [
            {"name": "Мелітополь", "settlement": "Мелітополь", "raion": "Мелітопольський район",
             "oblast": "UA-23", "katottg": "UA23080130010070087", "lat": 46.8489, "lon": 35.3675,
             "precision": "settlement", "reports": [10 * i]},
            {"name": "Запорізька область", "settlement": None, "raion": None, "oblast": "UA-23",
             "katottg": "UA23000000000094447", "lat": None, "lon": None, "precision": "oblast"},
        ],
        "oblasts": ["UA-23"],
        "first_date": f"2023-0{1 + i % 9}-14",
        "last_date": f"2023-0{1 + i % 9}-20",
        "dates": [f"2023-0{1 + i % 9}-14", f"2023-0{1 + i % 9}-20", "2023"],
        "victim_groups": ["hiv_positive", "pensioners"],
        "perpetrators": ["occupation_health_facility"],
        "reports": [
            {"id": 10 * i, "source": "https://nrc.gov.ua/news/1", "title": "Окупанти; відмова", "language": "uk",
             "role": "origin", "sha256": "a" * 64, "published": "2023-08-15"},
            {"id": 10 * i + 1, "source": "https://example.org/relay", "title": "Relay, \"quoted\"\nnew line",
             "language": "en", "role": "relay", "sha256": "b" * 64, "published": None},
        ],
        "independent_origins": ["National Resistance Center"],
        "origin_count": 1,
        "chain": "2 reports, 1 origin (National Resistance Center), relayed by example.org",
        "policies": [3],
        "persons": [{"id": "p1", "name": PERSON, "role": "victim"}],
        "created_at": "2024-01-02T03:04:05.123456+00:00",
        "updated_at": "2024-02-03T04:05:06.654321+00:00",
        "assignee": None,
        "claims": {"numbers": [{"value": "12", "reports": [10 * i], "sources": ["nrc.gov.ua"]}], "dates": []},
    }
    rec.update(over)
    return rec


def records(n: int) -> list[dict[str, Any]]:
    return [record(i) for i in range(1, n + 1)]
