"""Review services: the inbox, one report for review, and human decisions on its labels.

Called by the web views (``carewatch.web.reports``), the API and the CLI with keyword
arguments only; roles are enforced here (``roles.require``), templates merely hide buttons.
Machine labels stay as the pipeline wrote them in ``Report.extraction``; decisions are rows of
``reviewdb.LabelDecision`` applied on read (``carewatch.review.decisions``).
"""

from __future__ import annotations

import importlib
import uuid
from typing import Any

from carewatch.errors import NotFoundError
from carewatch.review import decisions as dec
from carewatch.review import highlight
from carewatch.review.roles import require
from carewatch.store.models import Report

SORTS = {"newest": ("-captured_at", "-id"), "oldest": ("captured_at", "id")}
ORIGINAL_SHOWN_BYTES = 256 * 1024
LIST_FIELDS = ("id", "title", "source", "url", "language", "status", "captured_at", "extraction",
               "clean_text", "media_type")


def _decisions_for(report_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    from carewatch.store.reviewdb.models import LabelDecision

    out: dict[int, list[dict[str, Any]]] = {i: [] for i in report_ids}
    for d in LabelDecision.objects.filter(report_id__in=report_ids).order_by("id"):
        out[d.report_id].append(d.as_dict())
    return out


def effective_extraction(report: Report, *, include_rejected: bool = False) -> dict[str, Any]:
    """The machine extraction with human decisions applied (rejected labels left out)."""
    decided = _decisions_for([report.pk])[report.pk]
    if include_rejected:
        return {**(report.extraction or {}), **dec.review_rows(report.extraction, decided)}
    return dec.effective(report.extraction, decided)


def list_reports(*, user: Any, filters: dict[str, Any] | None = None, page: int = 1,
                 per_page: int = 50, sort: str = "newest") -> dict[str, Any]:
    """One page of the inbox; filters: language, source, relevant, status, review, q."""
    require(user, "view_reports")
    qs = _filtered(filters or {}).order_by(*SORTS.get(sort, SORTS["newest"]))
    per_page = max(1, min(int(per_page), 200))
    total = qs.count()
    page = max(1, min(int(page), max(1, -(-total // per_page))))
    rows = list(qs.only(*LIST_FIELDS)[(page - 1) * per_page: page * per_page])
    decided = _decisions_for([r.pk for r in rows])
    items = [_list_item(r, decided[r.pk]) for r in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page, "sort": sort}


def _filtered(filters: dict[str, Any]) -> Any:
    from django.db.models import Exists, OuterRef, Q

    from carewatch.store.reviewdb.models import LabelDecision

    qs = Report.objects.all()
    if filters.get("language"):
        qs = qs.filter(language=str(filters["language"]))
    if filters.get("status"):
        qs = qs.filter(status=str(filters["status"]))
    if filters.get("source"):
        s = str(filters["source"])
        qs = qs.filter(Q(source__icontains=s) | Q(url__icontains=s))
    relevant = _truth(filters.get("relevant"))
    if relevant is not None:
        qs = qs.filter(extraction__relevant=True) if relevant else qs.exclude(extraction__relevant=True)
    review = filters.get("review")
    if review in ("pending", "reviewed"):
        has = Exists(LabelDecision.objects.filter(report=OuterRef("pk")))
        qs = qs.filter(has) if review == "reviewed" else qs.exclude(has)
    if filters.get("q"):
        q = str(filters["q"])[:200]
        qs = qs.filter(Q(title__icontains=q) | Q(clean_text__icontains=q) | Q(source__icontains=q))
    return qs


def _truth(value: Any) -> bool | None:
    if value in (True, "1", "true", "yes", "on"):
        return True
    if value in (False, "0", "false", "no", "off"):
        return False
    return None


def _list_item(report: Report, decided: list[dict[str, Any]]) -> dict[str, Any]:
    data = dec.effective(report.extraction, decided) if report.extraction else {}
    rows = dec.review_rows(report.extraction, decided)
    return {
        "id": report.pk, "title": display_title(report), "source": report.source,
        "source_name": source_name(report), "url": report.url or None,
        "language": report.language or None, "status": report.status,
        "captured_at": report.captured_at, "media_type": report.media_type,
        "relevant": bool(data.get("relevant")),
        "violations": sorted({v["code"] for v in data.get("violations", []) if v.get("code")}),
        "oblasts": sorted({p["oblast"] for p in data.get("places", []) if p.get("oblast")}),
        "review": dec.counts(rows),
    }


def display_title(report: Report) -> str:
    """The report's title, else its first line that is not repeated (repeats are banners)."""
    title = report.title or (report.extraction or {}).get("title")
    if title:
        return str(title)[:200]
    lines = [ln.strip() for ln in (report.clean_text or report.text or "").splitlines() if ln.strip()]
    first = next((ln for ln in lines if lines.count(ln) == 1), lines[0] if lines else "")
    return first[:160] or f"#{report.pk}"


def source_name(report: Report) -> str:
    """A short name for where the report came from: the URL, else the file name."""
    if report.url:
        return report.url[:200]
    return report.source.replace("\\", "/").rsplit("/", 1)[-1][:200]


def get_report(*, user: Any, report_id: int) -> dict[str, Any]:
    """Everything the report view shows: metadata, preservation, texts, labels, highlights."""
    require(user, "view_reports")
    from carewatch.store.queries import report_detail

    out = report_detail(report_id)
    report = Report.objects.select_related("original").get(pk=report_id)
    decided = _decisions_for([report.pk])[report.pk]
    labels = _indexed(dec.review_rows(report.extraction, decided))
    out.update({
        "display_title": display_title(report), "source_name": source_name(report),
        "labels": labels, "review": dec.counts(labels),
        "extraction": dec.effective(report.extraction, decided) if report.extraction else None,
        "highlight_html": highlight.render(report.text, _spans(labels)),
        "original_source": _original_source(report),
        "decisions": decided,
    })
    return out


def _indexed(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    for kind, items in rows.items():
        for i, row in enumerate(items):
            row["review"]["index"] = i
            for j, ev in enumerate(row.get("evidence") or []):
                ev["anchor"] = f"ev-{kind}-{i}-{j}"
    return rows


def _spans(labels: dict[str, list[dict[str, Any]]]) -> list[highlight.Span]:
    spans = []
    for kind, rows in labels.items():
        for row in rows:
            if row["review"]["status"] == "rejected":
                continue
            name = row.get("code") or row.get("name") or row.get("value") or row.get("role") or row.get("origin")
            for ev in row.get("evidence") or []:
                title = f"{dec.HL_CLASS[kind]}: {name}" + (f" ({ev['rule']})" if ev.get("rule") else "")
                spans.append(highlight.Span(int(ev["start"]), int(ev["end"]), dec.HL_CLASS[kind], title,
                                            ev.get("anchor", "")))
    return spans


def _original_source(report: Report) -> dict[str, Any]:
    """The preserved bytes decoded for display as source text (shown escaped, never rendered)."""
    from carewatch import config
    from carewatch.intake.preserve import read_original

    media = report.media_type or ""
    texty = media.startswith("text/") or media.endswith(("json", "xml", "csv")) or "rfc822" in media
    if not texty:
        return {"shown": False, "reason": "binary", "text": "", "truncated": False}
    try:
        raw = read_original(config.load().originals_dir, report.original.sha256)
    except (FileNotFoundError, OSError):
        return {"shown": False, "reason": "missing", "text": "", "truncated": False}
    head = raw[:ORIGINAL_SHOWN_BYTES]
    text = head.decode(report.encoding or "utf-8", errors="replace") if _codec(report.encoding) else \
        head.decode("utf-8", errors="replace")
    return {"shown": True, "reason": "", "text": text, "truncated": len(raw) > len(head)}


def _codec(name: str) -> bool:
    import codecs

    try:
        return bool(name) and codecs.lookup(name) is not None
    except LookupError:
        return False


def decide_label(*, user: Any, report_id: int, kind: str, index: int, decision: str,
                 value: dict[str, Any] | None = None, note: str = "") -> dict[str, Any]:
    """Accept, correct or reject label ``index`` of ``kind``; returns the updated label row."""
    require(user, "review_labels")
    dec.check_kind(kind)
    if decision not in dec.DECISIONS:
        raise dec.ReviewError(f"unknown decision {decision!r}", hint="accept, correct or reject")
    report = _report(report_id)
    rows = _indexed(dec.review_rows(report.extraction, _decisions_for([report.pk])[report.pk]))[kind]
    if not 0 <= index < len(rows):
        raise NotFoundError(f"report {report_id} has no {kind} label #{index}", code="CW404",
                            hint="reload the report; its labels may have changed")
    row = rows[index]
    new = dec.clean_value(kind, value) if decision == "correct" else None
    old = {k: v for k, v in row.items() if k != "review"}
    _store(report, user, kind=kind, key=row["review"]["key"], decision=decision, old=old, new=new,
           note=note)
    return _row(report, kind, index)


def add_label(*, user: Any, report_id: int, kind: str, value: dict[str, Any], start: int, end: int,
              quote: str = "", note: str = "") -> dict[str, Any]:
    """Add a label the machine missed, with its evidence span in the original text."""
    require(user, "review_labels")
    dec.check_kind(kind, adding=True)
    report = _report(report_id)
    start, end = locate(report.text, int(start), int(end), quote)
    label: dict[str, Any] = dict(dec.clean_value(kind, value))
    if kind == "violations":
        label["confidence"] = 1.0
    label["evidence"] = [{"start": start, "end": end, "text": report.text[start:end],
                          "sentence": _sentence(report.text, start, end), "rule": "human"}]
    key = f"{kind}:added:{uuid.uuid4().hex}"
    _store(report, user, kind=kind, key=key, decision="add", old=None, new=label, note=note)
    rows = dec.review_rows(report.extraction, _decisions_for([report.pk])[report.pk])[kind]
    return _row(report, kind, len(rows) - 1)


def locate(text: str, start: int, end: int, quote: str = "") -> tuple[int, int]:
    """Check a selected span; when ``quote`` is given, find the occurrence nearest ``start``.

    Browsers normalise line breaks in what they show, so offsets from a selection can drift
    by a few characters; the quoted words themselves are the reliable part.
    """
    quote = quote.strip()
    if quote and text[start:end] != quote:
        hits = _find_all(text, quote)
        if hits:
            start = min(hits, key=lambda i: abs(i - start))
            end = start + len(quote)
    if not 0 <= start < end <= len(text):
        raise dec.ReviewError(f"the span {start}-{end} is outside the text (0-{len(text)})",
                              hint="select the words in the report text again")
    return start, end


def _find_all(text: str, quote: str) -> list[int]:
    out: list[int] = []
    i = text.find(quote)
    while i != -1 and len(out) < 1000:
        out.append(i)
        i = text.find(quote, i + 1)
    return out


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span: from the previous to the next full stop or line break."""
    stops = ".!?\n"
    a = max(text.rfind(c, 0, start) for c in stops) + 1
    ends = [i for i in (text.find(c, end) for c in stops) if i != -1]
    b = min(ends) + 1 if ends else len(text)
    return text[a:b].strip()[:1000]


def _report(report_id: int) -> Report:
    try:
        return Report.objects.select_related("original").get(pk=report_id)
    except Report.DoesNotExist:
        raise NotFoundError(f"no report with id {report_id}", code="CW404",
                            hint="it may have been removed; go back to the inbox") from None


def _store(report: Report, user: Any, **fields: Any) -> None:
    from carewatch.store.reviewdb.models import LabelDecision

    actor = str(user.get_username()) if hasattr(user, "get_username") else str(user)
    d = LabelDecision.objects.create(report=report, kind=fields["kind"], label_key=fields["key"],
                                     decision=fields["decision"], old=fields["old"],
                                     new=fields["new"], note=str(fields["note"])[:2000], actor=actor)
    _audit(actor=actor, action=f"label.{d.decision}", target=f"report:{report.pk}",
           detail={"kind": d.kind, "key": d.label_key, "decision_id": d.pk, "new": d.new})


def _audit(**event: Any) -> None:
    try:
        audit = importlib.import_module("carewatch.review.audit")
    except ModuleNotFoundError:  # the audit module arrives separately; decisions are still stored
        return
    audit.record(**event)


def _row(report: Report, kind: str, index: int) -> dict[str, Any]:
    rows = _indexed(dec.review_rows(report.extraction, _decisions_for([report.pk])[report.pk]))[kind]
    return rows[index]
