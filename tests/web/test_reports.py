"""Inbox, report view and label review: services and views on a real store (SQLite and PostgreSQL).

Also holds the small helpers the other web tests share: a multilingual corpus ingested through
the real intake service, and one signed-in user per role.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from carewatch.review import decisions as dec
from carewatch.review.highlight import Span, render

ROLES = ("admin", "coordinator", "investigator", "analyst", "viewer")
PASSWORD = "a-long-test-password-7"
TEXTS = {
    "uk.txt": "В окупованому Мелітополі у серпні 2023 року лікарня відмовила хворій на діабет жінці "
              "в інсуліні без російського паспорта, повідомив Центр національного спротиву.\n",
    "ru.txt": "В оккупированном Херсоне в июле 2023 года больному ВИЧ предложили лекарства в обмен "
              "на контракт с российской армией.\n",
    "en.txt": "In occupied Berdiansk, in March 2024, a clinic refused treatment to a pensioner without "
              "a Russian OMS policy, the National Resistance Center said.\n",
    "grain.txt": "Grain prices in Odesa ports rose by 4% this week.\n",
}


def ingest(folder: Path, files: dict[str, str | bytes]) -> dict[str, int]:
    """Write ``files`` and ingest them with every stage; returns file name → report id."""
    from carewatch.intake import service
    from carewatch.store.models import Report

    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (folder / name).write_bytes(body.encode() if isinstance(body, str) else body)
    service.ingest_paths([folder], stages=service.resolve_stages("all"))
    return {Path(r.source).name: r.pk for r in Report.objects.all()}


def make_users(*, password: bool = False) -> dict[str, Any]:
    """One user per role (in the role's group); passwords only when a test signs in by form."""
    from django.contrib.auth.models import Group, User

    User.objects.filter(username__in=ROLES).delete()  # PostgreSQL keeps users between tests
    users = {}
    for role in ROLES:
        user = User(username=role, is_staff=role == "admin", is_superuser=role == "admin")
        if password:  # argon2 is slow on purpose: hash only when needed
            user.set_password(PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        users[role] = user
    return users


def client_for(user: Any, **kwargs: Any) -> Any:
    from django.test import Client

    client = Client(**kwargs)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def web(store: Path, tmp_path: Path) -> dict[str, Any]:
    ids = ingest(tmp_path / "corpus", dict(TEXTS))
    return {"ids": ids, "users": make_users()}


# --- pure functions: highlighting and decisions -------------------------------------------------

def test_highlight_escapes_every_piece_and_splits_overlaps() -> None:
    text = "<b>Кліника</b> & Херсон"
    html = render(text, [Span(0, 14, "violation", 'v "x"'), Span(3, 20, "place", "p"),
                         Span(50, 60, "date", "out of range")])
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert html.count("<mark") == 3  # before, inside and after the overlap
    assert 'class="hl-violation hl-multi"' in html
    assert 'title="v &quot;x&quot;"' in html
    stripped = html.replace("</mark>", "")
    import re
    assert re.sub(r"<mark[^>]*>", "", stripped) == "&lt;b&gt;Кліника&lt;/b&gt; &amp; Херсон"


def test_decisions_follow_the_label_not_its_position() -> None:
    machine = {"violations": [{"code": "care_denied_documents", "evidence": []},
                              {"code": "forced_passportization", "evidence": []}]}
    decided = [{"key": "violations:forced_passportization", "kind": "violations", "decision": "correct",
                "new": {"code": "medicine_for_enlistment"}, "actor": "inv", "at": "t", "note": "n"},
               {"key": "violations:care_denied_documents", "kind": "violations", "decision": "reject",
                "new": None, "actor": "inv", "at": "t", "note": ""}]
    rerun = {"violations": list(reversed(machine["violations"]))}
    for extraction in (machine, rerun):
        eff = dec.effective(extraction, decided)
        assert [v["code"] for v in eff["violations"]] == ["medicine_for_enlistment"]
        rows = dec.review_rows(extraction, decided)["violations"]
        assert {r["review"]["status"] for r in rows} == {"corrected", "rejected"}


def test_clean_value_refuses_unknown_codes_and_bad_dates() -> None:
    assert dec.clean_value("event_dates", {"value": "2023-08"}) == {"value": "2023-08", "precision": "month"}
    assert dec.clean_value("places", {"oblast": "UA-65", "settlement": "Скадовськ"})["precision"] == "settlement"
    for kind, value in [("violations", {"code": "<script>"}), ("event_dates", {"value": "2023-13"}),
                        ("places", {"oblast": "RU-MOW"}), ("event_dates", {"value": "серпень"})]:
        with pytest.raises(dec.ReviewError):
            dec.clean_value(kind, value)


# --- services on a real store --------------------------------------------------------------------

def test_inbox_filters_sorts_and_pages(web: dict[str, Any]) -> None:
    from carewatch.errors import PermissionDenied
    from carewatch.review import services

    inv, ids = web["users"]["investigator"], web["ids"]
    everything = services.list_reports(user=inv)
    assert everything["total"] == 4
    by_id = {item["id"]: item for item in everything["items"]}
    assert by_id[ids["uk.txt"]]["violations"] == ["care_denied_documents"]
    assert by_id[ids["uk.txt"]]["oblasts"] == ["UA-23"]
    assert services.list_reports(user=inv, filters={"language": "ru"})["total"] == 1
    assert services.list_reports(user=inv, filters={"relevant": "no"})["items"][0]["id"] == ids["grain.txt"]
    assert services.list_reports(user=inv, filters={"q": "Berdiansk"})["total"] == 1
    assert services.list_reports(user=inv, filters={"source": "grain"})["total"] == 1
    assert services.list_reports(user=inv, filters={"status": "failed"})["total"] == 0
    oldest = services.list_reports(user=inv, sort="oldest", per_page=3)
    newest = services.list_reports(user=inv, sort="newest", per_page=3, page=2)
    assert len(oldest["items"]) == 3 and len(newest["items"]) == 1
    assert newest["items"][0]["id"] == oldest["items"][0]["id"]
    assert services.list_reports(user=web["users"]["analyst"])["total"] == 4
    with pytest.raises(PermissionDenied):
        services.list_reports(user=web["users"]["viewer"])


def test_decisions_are_stored_apart_and_survive_a_rerun(web: dict[str, Any]) -> None:
    from carewatch.errors import PermissionDenied
    from carewatch.review import services
    from carewatch.store.models import Report

    inv, rid = web["users"]["investigator"], web["ids"]["uk.txt"]
    row = services.decide_label(user=inv, report_id=rid, kind="violations", index=0, decision="correct",
                                value={"code": "forced_passportization"}, note="passport is the point")
    assert row["code"] == "forced_passportization" and row["review"]["status"] == "corrected"
    assert row["review"]["original"]["code"] == "care_denied_documents"
    services.decide_label(user=inv, report_id=rid, kind="event_dates", index=0, decision="reject")
    with pytest.raises(dec.ReviewError):
        services.decide_label(user=inv, report_id=rid, kind="event_dates", index=0, decision="correct",
                              value={"value": "2023-02-30"})
    with pytest.raises(PermissionDenied):
        services.decide_label(user=web["users"]["analyst"], report_id=rid, kind="violations", index=0,
                              decision="accept")
    report = Report.objects.get(pk=rid)
    assert report.extraction["violations"][0]["code"] == "care_denied_documents"  # machine output kept
    report.extraction = {**report.extraction, "places": list(reversed(report.extraction["places"]))}
    report.save()  # what a pipeline re-run does: rewrite the machine extraction
    eff = services.effective_extraction(Report.objects.get(pk=rid))
    assert [v["code"] for v in eff["violations"]] == ["forced_passportization"]
    assert eff["event_dates"] == []
    detail = services.get_report(user=inv, report_id=rid)
    assert detail["labels"]["event_dates"][0]["review"]["status"] == "rejected"
    assert detail["review"]["decided"] == 2
    _added_label_finds_its_quote(inv, web["ids"]["en.txt"])


def _added_label_finds_its_quote(inv: Any, rid: int) -> None:
    from carewatch.review import services

    text = services.get_report(user=inv, report_id=rid)["text"]
    at = text.index("a pensioner")
    row = services.add_label(user=inv, report_id=rid, kind="places", value={"oblast": "UA-23"},
                             start=at + 3, end=at + 14, quote="a pensioner")  # offsets drifted by 3
    ev = row["evidence"][0]
    assert (ev["start"], ev["end"], ev["text"]) == (at, at + 11, "a pensioner")
    assert row["review"]["status"] == "added" and ev["rule"] == "human"
    with pytest.raises(dec.ReviewError):
        services.add_label(user=inv, report_id=rid, kind="event_dates", value={"value": "2024"},
                           start=5, end=5000)
    html = services.get_report(user=inv, report_id=rid)["highlight_html"]
    index = row["review"]["index"]
    assert f'<mark id="ev-places-{index}-0" class="hl-violation hl-multi"' in html  # inside a violation
    assert "place: Zaporizhzhia (human)" in html


# --- views ---------------------------------------------------------------------------------------

def test_pages_and_one_click_review(web: dict[str, Any]) -> None:
    inv = client_for(web["users"]["investigator"])
    rid = web["ids"]["ru.txt"]
    inbox = inv.get("/reports/?language=ru").content.decode()
    assert f'href="/reports/{rid}/"' in inbox and "tag v" in inbox
    page = inv.get(f"/reports/{rid}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<mark id="ev-violations-0-0" class="hl-violation' in html
    assert 'hx-post="/reports/' in html and "<pre class=\"source\">" in html
    url = f"/reports/{rid}/labels/violations/0/"
    row = inv.post(url, {"decision": "accept"}, HTTP_HX_REQUEST="true")
    assert row.status_code == 200
    assert row.content.decode().lstrip().startswith('<li class="label st-accepted"')
    plain = inv.post(url, {"decision": "correct", "code": "care_denied_documents"})
    assert plain.status_code == 302 and plain["Location"].endswith("#label-violations-0")
    bad = inv.post(url, {"decision": "correct", "code": "nonsense"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 400 and "nonsense" in bad.content.decode()
    assert "st-corrected" in inv.get(f"/reports/{rid}/").content.decode()
    assert inv.post(f"/reports/{rid}/labels/violations/99/", {"decision": "accept"}).status_code == 404
    analyst = client_for(web["users"]["analyst"])
    read = analyst.get(f"/reports/{rid}/").content.decode()
    assert "hx-post" not in read and "Add a label" not in read
    assert analyst.post(url, {"decision": "reject"}).status_code == 403
    assert client_for(web["users"]["viewer"]).get("/reports/").status_code == 403
