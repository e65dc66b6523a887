"""Synthetic incidents for the analysis tests, written with the incident models (as clustering would)."""

from __future__ import annotations

from typing import Any

PLACES: dict[str, dict[str, Any]] = {
    "melitopol": {"name": "Мелітополь", "settlement": "Мелітополь", "raion": "Мелітопольський район",
                  "oblast": "UA-23", "lat": 46.84735, "lon": 35.38196, "precision": "settlement"},
    "tokmak": {"name": "Токмак", "settlement": "Токмак", "raion": "Пологівський район", "oblast": "UA-23",
               "lat": 47.25, "lon": 35.70, "precision": "settlement"},
    "skadovsk": {"name": "Скадовськ", "settlement": "Скадовськ", "raion": "Скадовський район", "oblast": "UA-65",
                 "lat": 46.11, "lon": 32.91, "precision": "settlement"},
    "luhansk_oblast": {"name": "Луганська область", "settlement": None, "raion": None, "oblast": "UA-09",
                       "lat": None, "lon": None, "precision": "oblast"},
    "hostile": {"name": "<script>alert(1)</script>", "settlement": "<script>alert(1)</script>", "raion": "R&D",
                "oblast": "UA-23", "lat": 47.0, "lon": 35.5, "precision": "settlement"},
}

# (violations, place keys, first_date, last_date, certainty, status, origins, relays)
SPECS: list[tuple[list[str], list[str], str, str, str, str, list[str], list[str]]] = [
    (["care_denied_documents"], ["melitopol"], "2024-01", "2024-01", "confirmed", "published",
     ["National Resistance Center", "Steppe Courier"], ["https://www.nypost.com/x"]),
    (["care_denied_documents", "forced_passportization"], ["melitopol"], "2024-02-10", "2024-02-10",
     "probable", "published", ["National Resistance Center"], []),
    (["medicine_for_enlistment"], ["tokmak"], "2024-03", "2024-04", "possible", "open",
     ["Голос Приазовья"], ["https://kyivindependent.com/a", "https://www.nypost.com/y"]),
    (["care_denied_documents"], ["skadovsk"], "2023-11", "2023-11", "rumour", "open",
     ["Вісник Півдня"], []),
    (["forced_conscription"], ["luhansk_oblast"], "2024", "2024", "possible", "published",
     ["Луганський інформцентр"], []),
    (["facility_militarized"], ["hostile"], "", "", "possible", "open", ["<b>Evil</b> origin"], []),
]


def reset() -> None:
    """PostgreSQL keeps incident rows between tests (the store fixture truncates its own tables)."""
    from carewatch.store.incidentdb.models import Incident, Policy

    Policy.objects.all().delete()
    Incident.objects.all().delete()


def make_incidents() -> list[int]:
    """Six incidents over Zaporizhzhia, Kherson and Luhansk oblasts; returns their ids."""
    from carewatch.store.incidentdb.models import Incident

    reset()
    ids = []
    for vio, places, first, last, certainty, status, origins, relays in SPECS:
        pl = [PLACES[p] for p in places]
        oblasts = sorted({p["oblast"] for p in pl})
        reports = [{"id": i, "source": o, "title": f"report by {o}", "language": "uk", "role": "origin",
                    "sha256": "", "published": None} for i, o in enumerate(origins)]
        reports += [{"id": 100 + i, "source": r, "title": f"relay {r}", "language": "en", "role": "relay",
                     "sha256": "", "published": "2024-05-01"} for i, r in enumerate(relays)]
        record: dict[str, Any] = {
            "title": f"{vio[0]} in {pl[0]['name']}", "violations": vio, "places": pl, "oblasts": oblasts,
            "first_date": first or None, "last_date": last or None, "dates": [first] if first else [],
            "victim_groups": ["patients"], "reports": reports, "independent_origins": origins,
            "origin_count": len(origins), "chain": f"{len(reports)} reports", "persons": [{"name": "Олена Коваль"}],
        }
        inc = Incident.objects.create(
            title=record["title"], status=status, certainty=certainty, first_date=first, last_date=last,
            violation_tags="|" + "|".join(vio) + "|", oblast_tags="|" + "|".join(oblasts) + "|",
            search_text=record["title"].casefold(), report_count=len(reports), origin_count=len(origins),
            record=record)
        ids.append(inc.pk)
    return ids


def user(role: str) -> Any:
    """A user in the role's group (superuser for admin)."""
    from django.contrib.auth.models import Group, User

    u, _ = User.objects.get_or_create(username=f"dash-{role}", defaults={"is_superuser": role == "admin"})
    u.groups.add(Group.objects.get_or_create(name=role)[0])
    return u
