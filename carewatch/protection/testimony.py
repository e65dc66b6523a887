"""Testimony intake and reading: the service behind the web form and ``carewatch testimony``.

Flow of :func:`add_testimony`: validate → seal narrative, place and person fields with a fresh
data key → run the extraction pipeline on the plaintext *in memory* → keep only a masked copy
(every personal-data span replaced by a mask of the same length, so evidence offsets stay
valid) as the searchable ``store.Report`` → join incidents. The preserved "original" of that
report is the sealed narrative, so ``carewatch verify`` and backups cover it without plaintext.
Reading the plaintext back (:func:`get_testimony`) needs ``view_personal_data`` and is audited.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from carewatch import config
from carewatch.errors import CarewatchError, NotFoundError
from carewatch.protection import crypto, pii, vault
from carewatch.protection.sanitize import mask_extraction
from carewatch.review.roles import require

RELATIONS = ("victim", "witness", "relative", "medical_worker")
CONSENTS = ("store", "share_partners", "publish_anonymised")
PERSON_FIELDS = ("name", "phone", "email", "address", "birth_date", "health")
SEALED_MEDIA_TYPE = "application/vnd.carewatch.sealed-testimony"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class _Masked:
    """The record intake's capture step stores: masked text only (``store.records.RecordLike``)."""

    text: str
    media_type: str = "text/plain"
    title: str | None = None
    url: str | None = None
    published: str | None = None
    encoding: str | None = "utf-8"


def _invalid(message: str) -> CarewatchError:
    return CarewatchError(message, code="CW610", hint="fix the testimony and submit it again")


def validate(data: dict[str, Any]) -> dict[str, Any]:
    """A normalised copy of a testimony submission, or a CW610 error saying what is wrong."""
    if not isinstance(data, dict):
        raise _invalid("a testimony must be a JSON object")
    narrative = str(data.get("narrative") or "").strip()
    if not narrative:
        raise _invalid("the narrative is empty")
    relation = str(data.get("relation") or "").strip()
    if relation not in RELATIONS:
        raise _invalid(f"relation must be one of {', '.join(RELATIONS)}")
    date = str(data.get("event_date") or "").strip()
    if date and not _DATE.match(date):
        raise _invalid("event_date must look like 2023, 2023-08 or 2023-08-14")
    consent_in = data.get("consent") or {}
    if not isinstance(consent_in, dict):
        raise _invalid("consent must be an object")
    consent = {k: consent_in.get(k) is True for k in CONSENTS}
    if not consent["store"]:
        raise _invalid("the person did not consent to storing the testimony; it cannot be recorded")
    person_in = data.get("person") or {}
    if not isinstance(person_in, dict):
        raise _invalid("person must be an object")
    person = {k: str(person_in.get(k) or "").strip() for k in PERSON_FIELDS}
    return {"narrative": narrative, "relation": relation, "event_date": date,
            "place": str(data.get("place") or "").strip(), "consent": consent, "person": person}


def compose(clean: dict[str, Any]) -> str:
    """The text the pipeline reads: the narrative, plus place and date when it omits them."""
    text = str(clean["narrative"])
    extra = [v for v in (clean["place"], clean["event_date"]) if v and v not in text]
    return text + ("\n\n" + "\n".join(extra) if extra else "")


def add_testimony(*, user: Any, data: dict[str, Any], ip: str | None = None,
                  join_incidents: bool = True) -> int:
    """Record a testimony; returns its id. ``user=None`` is the CLI (system) caller.

    ``join_incidents=False`` defers clustering (bulk imports run ``incidents rebuild`` once).
    """
    if user is not None:
        require(user, "add_testimony")
    clean = validate(data)
    from carewatch.store import db

    db.setup(migrate=user is None)
    from django.db import transaction

    masked, spans, results = _extract(clean)
    actor = _actor(user)
    with transaction.atomic():
        testimony = _store(clean, masked, results, actor)
    _audit(actor, "testimony.create", f"testimony:{testimony.pk}", ip,
           {"report": testimony.report_id, "relation": clean["relation"], "masked_spans": spans})
    if join_incidents:
        _join_incidents(testimony.report_id)
    return int(testimony.pk)


def _extract(clean: dict[str, Any]) -> tuple[str, int, dict[str, Any]]:
    """Masked text, number of masked spans and masked pipeline results of a submission."""
    plain = compose(clean)
    known = [v for v in clean["person"].values() if v]
    names = [clean["person"]["name"]] if clean["person"]["name"] else []
    findings = pii.detect(plain, known=known, names=names)
    masked = pii.redact(plain, findings, same_length=True)
    return masked, len(findings), _pipeline(plain, masked, findings, [*known, *names])


def reextract(*, report_id: int, actor: str) -> bool:
    """Re-run extraction on a testimony report from its sealed narrative (``reprocess --all``).

    The sealed original must never be decoded as text: this decrypts it (the master key is
    needed; an audited read), masks it again and replaces the report's text and results.
    False when the report belongs to no testimony.
    """
    from django.db import transaction

    from carewatch.store import custody, records
    from carewatch.store.models import Report, ReportStatus
    from carewatch.store.protectdb.models import Testimony

    t = Testimony.objects.filter(report_id=report_id).prefetch_related("persons").first()
    if t is None:
        return False
    plain = decrypt(t)
    person = dict(plain["persons"][0]) if plain["persons"] else {}
    clean = {"narrative": plain["narrative"] or "", "place": plain["place"] or "",
             "event_date": plain["event_date"] or "",
             "person": {k: str(person.get(k) or "") for k in PERSON_FIELDS}}
    masked, spans, results = _extract(clean)
    with transaction.atomic():
        custody.lock()
        report = Report.objects.select_related("original").get(pk=report_id)
        report.text, report.status = masked, ReportStatus.CAPTURED
        report.error_code = report.error_message = report.error_hint = ""
        report.save()
        custody.append("reprocessed", sha256=report.original.sha256, actor=actor, report=report)
        records.finish(report, actor=actor, results=results, error=None)
    _audit(actor, "testimony.reprocess", f"testimony:{t.pk}", None, {"report": report_id, "masked_spans": spans})
    return True


def _pipeline(plain: str, masked: str, findings: list[pii.Finding], known: list[str]) -> dict[str, Any]:
    from carewatch.intake.service import available_stages
    from carewatch.pipeline import Document, run
    from carewatch.pipeline.extract import to_extraction
    from carewatch.pipeline.runner import DEFAULT_STAGES

    stages = available_stages(DEFAULT_STAGES)
    doc = run(Document(text=plain, media_type="text/plain", source="testimony"), stages)
    extraction = to_extraction(doc, file="testimony").to_dict(explain=True)
    shown = run(Document(text=masked, media_type="text/plain", source="testimony"),
                [s for s in ("clean", "language") if s in stages])
    return {"clean_text": shown.clean_text, "language": doc.language or "",
            "offsets": shown.offsets.to_list(), "versions": dict(doc.versions),
            "extraction": mask_extraction(extraction, plain, masked, findings, known)}


def _store(clean: dict[str, Any], masked: str, results: dict[str, Any], actor: str) -> Any:
    from carewatch.intake import preserve
    from carewatch.store import records
    from carewatch.store.protectdb.models import Person, Testimony

    row, key = vault.new_data_key()
    sealed = crypto.seal_text(key, clean["narrative"], "protectdb.testimony.narrative")
    assert sealed is not None
    kept = preserve.preserve_bytes(sealed, config.load().originals_dir)
    title = f"Testimony ({clean['relation'].replace('_', ' ')})"
    captured = records.capture(sha256=kept.sha256, size=kept.size, media_type=SEALED_MEDIA_TYPE,
                               source="testimony", actor=actor, records=[_Masked(masked, title=title)],
                               error=None)
    report = captured.reports[0]
    records.finish(report, actor=actor, results=results, error=None)
    testimony = Testimony.objects.create(
        report=report, data_key=row, narrative=sealed, relation=clean["relation"],
        place=crypto.seal_text(key, clean["place"], "protectdb.testimony.place"),
        event_date=clean["event_date"], consent=clean["consent"], created_by=actor)
    fields = {k: crypto.seal_text(key, v, f"protectdb.person.{k}") for k, v in clean["person"].items()}
    if any(fields.values()):
        Person.objects.create(testimony=testimony, data_key=row, ref=secrets.token_hex(8), **fields)
    return testimony


def _join_incidents(report_id: int | None) -> None:
    """Let the testimony's labels join incidents and search like any report (best effort)."""
    if report_id is None:
        return
    try:
        from carewatch.incidents.services import update_for_reports

        update_for_reports([report_id])
    except ImportError:  # incidents arrive separately; `carewatch incidents rebuild` catches up
        pass
    try:
        from carewatch.store.search import index_report

        index_report(report_id)
    except ImportError:
        pass


def _actor(user: Any) -> str:
    if user is None:
        return config.load().operator
    return str(getattr(user, "username", "") or "anonymous")


def _audit(actor: str, action: str, target: str, ip: str | None, detail: dict[str, Any]) -> None:
    from carewatch.review import audit

    audit.record(actor=actor, action=action, target=target, detail=detail, ip=ip)


def get_testimony(*, user: Any, testimony_id: int, ip: str | None = None) -> dict[str, Any]:
    """The decrypted testimony with its persons; an audited read of personal data."""
    if user is not None:
        require(user, "view_personal_data")
    from carewatch.store.protectdb.models import Testimony

    t = Testimony.objects.filter(pk=testimony_id).prefetch_related("persons").first()
    if t is None:
        raise NotFoundError(f"no testimony {testimony_id}", code="CW404", hint="check the id")
    _audit(_actor(user), "testimony.read_personal", f"testimony:{t.pk}", ip, {})
    return decrypt(t)


def decrypt(t: Any) -> dict[str, Any]:
    """Plaintext record of a Testimony row (callers audit the read)."""
    key = vault.unwrap(int(t.data_key_id))
    persons = []
    for p in t.persons.all():
        pkey = vault.unwrap(int(p.data_key_id))
        person = {k: crypto.open_text(pkey, getattr(p, k), f"protectdb.person.{k}") for k in PERSON_FIELDS}
        persons.append({"id": p.ref, **person})
    return {"id": t.pk, "kind": "testimony", "report_id": t.report_id, "relation": t.relation,
            "event_date": t.event_date or None, "consent": dict(t.consent),
            "narrative": crypto.open_text(key, t.narrative, "protectdb.testimony.narrative"),
            "place": crypto.open_text(key, t.place, "protectdb.testimony.place"),
            "persons": persons, "created_by": t.created_by, "created_at": t.created_at.isoformat()}


def list_testimonies(*, user: Any, limit: int = 200) -> list[dict[str, Any]]:
    """Testimonies without personal data (nothing is decrypted), newest first."""
    if user is not None:
        require(user, "add_testimony")
    from carewatch.store.protectdb.models import Testimony

    rows = Testimony.objects.order_by("-id").select_related("report")[:limit]
    return [{"id": t.pk, "relation": t.relation, "event_date": t.event_date, "consent": dict(t.consent),
             "report_id": t.report_id, "created_by": t.created_by, "created_at": t.created_at,
             "violations": [v.get("code") for v in ((t.report.extraction or {}).get("violations") or [])]
             if t.report else []} for t in rows]


def iter_testimonies(*, user: Any = None, actor: str = "") -> Iterator[dict[str, Any]]:
    """Decrypted testimony records for exports (one audit event for the whole read)."""
    if user is not None:
        require(user, "view_personal_data")
    from carewatch.store.protectdb.models import Testimony

    _audit(actor or _actor(user), "testimony.read_personal", "testimony:*", None, {"purpose": "export"})
    for t in Testimony.objects.order_by("id").prefetch_related("persons").iterator(chunk_size=200):
        yield decrypt(t)
