"""The briefing report: a self-contained HTML file and its PDF, for one period and area.

Sits at the end of the flow, beside the exports: ``carewatch brief`` calls ``write_brief``.
Figures and charts come from ``analysis.dashboard`` (the same numbers as the dashboard);
incident rows come from ``incidents.services.iter_records`` and pass through the audience's
``protection.audience.Redactor`` (public by default: no persons, places coarsened, dates to
the month, no settlement points on the map). HTML is rendered from
``templates/carewatch/brief/`` with inline CSS and SVG; WeasyPrint turns it into the PDF.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from carewatch.analysis import dashboard, source, stats
from carewatch.incidents import services
from carewatch.model.vocab import violations
from carewatch.protection.audience import Redactor

MAX_ROWS = 400


def _citations(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Number each distinct source once, in order of first use; rows get their numbers."""
    index: dict[str, dict[str, Any]] = {}
    for row in rows:
        refs = []
        for rep in row.get("reports") or []:
            key = str(rep.get("source") or rep.get("title") or rep.get("id"))
            cite = index.setdefault(key, {
                "n": len(index) + 1, "source": key, "title": rep.get("title") or "",
                "published": rep.get("published") or "", "language": rep.get("language") or "",
                "sha256": rep.get("sha256") or ""})
            if cite["n"] not in refs:
                refs.append(cite["n"])
        row["refs"] = refs
    return list(index.values())


def _legal(codes: list[str]) -> list[dict[str, Any]]:
    types = violations().types
    return [{"code": c, "label": types[c].labels.get("en", c), "definition": types[c].definition,
             "legal": list(types[c].legal), "who_ssa": types[c].who_ssa} for c in codes if c in types]


def _rows(*, user: Any, filters: dict[str, str], redactor: Redactor) -> tuple[list[dict[str, Any]], int]:
    rows: list[dict[str, Any]] = []
    total = 0
    for rec in services.iter_records(user=user, filters=filters):
        total += 1
        shaped = redactor.record(rec)
        if shaped is None or len(rows) >= MAX_ROWS:
            continue
        shaped["place_names"] = sorted({dashboard.oblast_name(str(p.get("name"))) for p in shaped.get("places") or []
                                        if p.get("name")})
        rows.append(shaped)
    rows.sort(key=lambda r: (r.get("first_date") or "9999", r.get("id") or 0))
    return rows, total


def context(*, user: Any = None, filters: dict[str, Any] | None = None, audience: str = "public") -> dict[str, Any]:
    """Everything the brief template shows (plain data plus inline SVG charts).

    A public brief names no origin (witnesses can be origins): it shows how many there are.
    """
    redactor = Redactor(audience)
    clean = source.clean_filters(filters)
    data = dashboard.build(user=user, filters=clean, with_points=audience != "public", redact=redactor.text)
    rows, total = _rows(user=user, filters=clean, redactor=redactor)
    charts = {k: mark_safe(v) for k, v in data.pop("charts").items()}  # noqa: S308 - escaped by analysis.svg
    labels = stats.violation_labels()
    for row in rows:
        row["violation_labels"] = [labels.get(v, v) for v in row.get("violations") or []]
    return {
        "d": data, "charts": charts, "rows": rows, "total_rows": total, "truncated": total > len(rows),
        "citations": _citations(rows), "legal": _legal([v["code"] for v in data["violations"]]),
        "filters": clean, "audience": audience, "name_origins": audience != "public",
        "area": [dashboard.oblast_name(clean["oblast"])] if clean.get("oblast") else [],
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def render_html(ctx: dict[str, Any]) -> str:
    return render_to_string("carewatch/brief/brief.html", ctx)


def write_brief(*, out_dir: Path, user: Any = None, filters: dict[str, Any] | None = None,
                audience: str = "public", pdf: bool = True, actor: str = "system",
                lang: str = "en") -> dict[str, Path]:
    """Write ``brief.html`` (and ``brief.pdf``) into ``out_dir``; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with translation.override(lang):
        ctx = context(user=user, filters=filters, audience=audience)
        ctx["lang"] = lang
        html = render_html(ctx)
    paths = {"html": out_dir / "brief.html"}
    paths["html"].write_text(html, encoding="utf-8")
    if pdf:
        from weasyprint import HTML  # type: ignore[import-untyped]  # no stubs; heavy, imported only for a PDF

        paths["pdf"] = out_dir / "brief.pdf"
        HTML(string=html, base_url=str(out_dir)).write_pdf(str(paths["pdf"]))
    _audit(actor, ctx, paths)
    return paths


def _audit(actor: str, ctx: dict[str, Any], paths: dict[str, Path]) -> None:
    try:
        audit = import_module("carewatch.review.audit")
    except ImportError:  # the audit log is not part of this build
        return
    audit.record(actor=actor, action="brief.write", target=str(paths["html"].parent),
                 detail={"filters": ctx["filters"], "audience": ctx["audience"], "incidents": ctx["total_rows"]})
