"""Search: morphology in uk/ru/en, facets, filters, sorting, paging, hostile input, the page.

Reports are written straight into the store with a ``processed`` custody event, so the lazy
indexer (catch-up on the custody log at query time) is exercised as in production.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from carewatch.pipeline.lemmatize import lemma_text, query_terms

DOCS: list[dict[str, Any]] = [
    {"lang": "uk", "title": "Мелітополь: без паспорта не лікують",
     "text": "У Мелітополі лікарні відмовляють пацієнтам без російського паспорта. "
             "Жінку з паспортом України розвернули в реєстратурі.",
     "violations": ["care_denied_documents"], "oblast": "UA-23", "date": "2023-08",
     "origin": "Center of National Resistance"},
    {"lang": "ru", "title": "Скадовск: больницу отдали военным",
     "text": "В Скадовске в больнице отказали пенсионерам; врачей заставляют получать паспорта РФ.",
     "violations": ["care_denied_documents", "forced_passportization"], "oblast": "UA-65",
     "date": "2024-02-10", "origin": "Ombudsman"},
    {"lang": "en", "title": "Berdiansk clinic refuses insulin",
     "text": "A clinic in Berdiansk refuses insulin to patients who have no Russian passport. "
             "Doctors refused to explain. <script>alert('x')</script>",
     "violations": ["care_denied_documents"], "oblast": "UA-23", "date": "2023-11",
     "origin": "Kyiv Independent"},
    {"lang": "uk", "title": "Ціни на зерно",
     "text": "Ціни на зерно в Одесі зросли; лікарня тут ні до чого не згадується.",
     "violations": [], "oblast": "UA-51", "date": "2022", "origin": ""},
]


def make_report(doc: dict[str, Any], n: int) -> int:
    """One processed report with an extraction, and its custody events; returns its id."""
    from carewatch.store import custody
    from carewatch.store.models import Original, Report

    sha = hashlib.sha256(f"{n}{doc['text']}".encode()).hexdigest()
    original = Original.objects.create(sha256=sha, size=len(doc["text"]), media_type="text/plain")
    extraction = {
        "language": doc["lang"], "relevant": bool(doc["violations"]), "title": doc["title"],
        "violations": [{"code": c, "confidence": 0.9, "evidence": []} for c in doc["violations"]],
        "places": [{"name": "x", "oblast": doc["oblast"], "precision": "oblast", "evidence": []}],
        "event_dates": [{"value": doc["date"], "precision": "month", "evidence": []}],
        "attribution": [{"origin": doc["origin"], "origin_id": doc["origin"].lower().replace(" ", "_"),
                         "via": [], "evidence": []}] if doc["origin"] else [],
    }
    report = Report.objects.create(
        original=original, source=f"/in/{n}.txt", title=doc["title"], captured_at=datetime.now(UTC),
        captured_by="tester", status="processed", text=doc["text"], clean_text=doc["text"],
        language=doc["lang"], extraction=extraction)
    custody.append("processed", sha256=sha, actor="tester", report=report)
    return int(report.pk)


@pytest.fixture
def corpus_ids(store: Path) -> list[int]:
    return [make_report(d, i) for i, d in enumerate(DOCS)]


def user(role: str) -> Any:
    """A user in the role's group (no password: tests sign in with force_login or a token)."""
    from django.contrib.auth.models import Group, User

    account, created = User.objects.get_or_create(username=role, defaults={"is_superuser": role == "admin"})
    if created:
        account.groups.add(Group.objects.get_or_create(name=role)[0])
    return account


def titles(result: dict[str, Any]) -> set[str]:
    return {item["title"] for item in result["items"]}


def test_lemmas_cover_inflected_forms() -> None:
    assert "паспорт" in lemma_text("без паспорта", "uk").split()
    assert "лікарня" in lemma_text("у лікарні", "uk").split()
    assert "больница" in lemma_text("в больнице", "ru").split()
    assert ("паспорт",) in query_terms("паспорт") or any("паспорт" in t for t in query_terms("паспортом"))
    assert query_terms('"; DROP TABLE x; -- NEAR(*)') == [("drop",), ("table",), ("x",), ("near",)]


MORPHOLOGY = [
    ("паспорт", {0, 1}),        # паспорта, паспортом (uk), паспорта (ru)
    ("паспортом", {0, 1}),
    ("лікарня", {0, 3}),        # лікарні
    ("больница", {1}),          # больнице
    ("refused", {2}),           # refuses
    ("passport", {2}),
    ("пенсионер больница", {1}),  # every word must match
    ("зерно insulin", set()),
]


def test_morphology_in_three_languages(corpus_ids: list[int]) -> None:
    from carewatch.store.search import search

    for query, expected in MORPHOLOGY:
        assert titles(search(user=None, q=query)) == {DOCS[i]["title"] for i in expected}, query


def test_facets_filters_sort_and_pages(corpus_ids: list[int]) -> None:
    from carewatch.store.search import search

    everything = search(user=None, q="")
    assert everything["total"] == 4
    facets = {k: dict(v) for k, v in everything["facets"].items()}
    assert facets["oblast"]["UA-23"] == 2
    assert facets["violation"]["care_denied_documents"] == 3
    assert facets["language"] == {"uk": 2, "ru": 1, "en": 1}
    assert facets["source"]["Ombudsman"] == 1
    assert set(facets["year"]) == {"2022", "2023", "2024"}
    assert search(user=None, q="паспорт", filters={"oblast": "UA-65"})["total"] == 1
    assert search(user=None, q="", filters={"language": "en", "violation": "care_denied_documents"})["total"] == 1
    assert search(user=None, q="", filters={"date_from": "2023-09", "date_to": "2024"})["total"] == 2
    newest = search(user=None, q="", sort="date")["items"]
    assert [i["first_date"] for i in newest][:2] == ["2024-02-10", "2023-11"]
    pages = [search(user=None, q="", sort="date", page=p, per_page=3) for p in (1, 2)]
    assert len(pages[0]["items"]) == 3 and len(pages[1]["items"]) == 1
    assert search(user=None, q="", page=99, per_page=3)["page"] == 2


def test_certainty_facet_follows_incidents(corpus_ids: list[int]) -> None:
    from carewatch.store.incidentdb.models import Incident, Membership
    from carewatch.store.search import search

    inc = Incident.objects.create(title="t", certainty="probable")
    Membership.objects.create(incident=inc, report_id=corpus_ids[0])
    Membership.objects.create(incident=inc, report_id=corpus_ids[2])
    result = search(user=None, q="passport паспорт")
    assert search(user=None, q="", filters={"certainty": "probable"})["total"] == 2
    assert dict(search(user=None, q="")["facets"]["certainty"]) == {"probable": 2}
    assert result["total"] == 0  # the two words are in different languages: nothing has both


def test_snippets_mark_hits_and_keep_text_plain(corpus_ids: list[int]) -> None:
    from carewatch.store.search import search

    item = search(user=None, q="refused clinic")["items"][0]
    hits = [p["text"] for p in item["snippet"] if p["hit"]]
    assert {"clinic", "refuses", "refused"} <= set(hits)
    assert "<script>" in "".join(p["text"] for p in item["snippet"])  # plain text; escaping is the template's


HOSTILE = ['"', "NEAR(a b)", "a OR", "*", "'; DROP TABLE store_report; --", "\x00\ud800", "ё" * 3000,
           "паспорт AND NOT", "^col:x", "(((", "title:x", "-паспорт"]


def test_hostile_queries_do_not_break(corpus_ids: list[int]) -> None:
    from carewatch.store.search import search

    for query in HOSTILE:
        for sort in ("relevance", "date"):
            assert search(user=None, q=query, sort=sort, filters={"language": "uk"})["total"] >= 0
    assert search(user=None, q="")["total"] == 4  # nothing was dropped


def test_bad_dates_and_roles_are_refused(corpus_ids: list[int]) -> None:
    from carewatch.errors import CarewatchError, PermissionDenied
    from carewatch.store.search import search

    with pytest.raises(CarewatchError, match="date_from"):
        search(user=None, q="", filters={"date_from": "20233"})
    with pytest.raises(PermissionDenied):
        search(user=user("viewer"), q="паспорт")
    assert search(user=user("analyst"), q="паспорт")["total"] == 2


def test_index_follows_reprocessing_and_rebuild(corpus_ids: list[int]) -> None:
    from carewatch.store import custody
    from carewatch.store.models import Report
    from carewatch.store.search import index_report, reindex_all, search

    assert search(user=None, q="зросли")["total"] == 1
    report = Report.objects.get(pk=corpus_ids[3])
    report.status = "captured"
    report.save()
    custody.append("reprocessed", sha256=report.original.sha256, actor="tester", report=report)
    assert search(user=None, q="зросли")["total"] == 0  # caught up through the custody log
    report.status = "processed"
    report.clean_text = report.text = "Тепер тут про ліки."
    report.save()
    assert index_report(report.pk) is True
    assert search(user=None, q="зросли")["total"] == 0
    assert search(user=None, q="ліки")["total"] == 1
    assert reindex_all() == 4


def test_search_page_escapes_and_highlights(corpus_ids: list[int]) -> None:
    from django.test import Client

    client = Client()
    client.force_login(user("investigator"))
    page = client.get("/search/", {"q": "refused <b>x</b>"})
    assert page.status_code == 200
    assert "&lt;b&gt;x&lt;/b&gt;" in page.content.decode()
    page = client.get("/search/", {"q": "refused", "oblast": "UA-23", "sort": "date"})
    body = page.content.decode()
    assert '<mark class="hit-term">refuses</mark>' in body
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body
    assert "oblast=UA-23" in body  # facet links keep the filter
    assert "carewatch/search.css" in body.split("</head>")[0]
    assert client.get("/search/", {"q": "x", "date_from": "nope", "page": "zz"}).status_code == 200
    viewer = Client()
    viewer.force_login(user("viewer"))
    assert viewer.get("/search/", {"q": "x"}).status_code == 403
    assert Client().get("/search/").status_code == 302  # sign in first


def test_facet_filters_are_index_terms(corpus_ids: list[int]) -> None:
    from carewatch.store.search import search
    from carewatch.store.searchdb.indexer import tag_token

    key = tag_token("source", "Center of National Resistance")
    assert key.isalpha() and key.isascii() and key != tag_token("source", "Ombudsman")
    assert search(user=None, q="", filters={"source": "Center of National Resistance"})["total"] == 1
    assert search(user=None, q="паспорт", filters={"source": "Ombudsman", "language": "ru"})["total"] == 1
    assert search(user=None, q="паспорт", filters={"source": "Ombudsman", "language": "uk"})["total"] == 0
    assert search(user=None, q="", filters={"oblast": "UA-23'; --"})["total"] == 0
    assert search(user=None, q=key)["total"] == 0 or key in search(user=None, q=key)["q"]  # no crash on a key


def test_ranking_cap_keeps_totals_and_pages(corpus_ids: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    from carewatch.store.search import search
    from carewatch.store.searchdb import query

    monkeypatch.setattr(query, "RANK_LIMIT", 1)  # rank only the newest hit, as a huge corpus would
    first = search(user=None, q="паспорт", per_page=1)
    second = search(user=None, q="паспорт", per_page=1, page=2)
    assert first["total"] == second["total"] == 2
    assert {first["items"][0]["title"], second["items"][0]["title"]} == {DOCS[0]["title"], DOCS[1]["title"]}
    assert search(user=None, q="паспорт", filters={"date_from": "2023"}, per_page=1)["total"] == 2
