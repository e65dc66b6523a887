"""The vocabularies load, are complete in uk/en/ru, and every rule names a defined concept."""

from __future__ import annotations

from carewatch.model import vocab
from carewatch.pipeline.rules.matcher import parse_cues

CODES = {"care_denied_documents", "medicine_for_enlistment", "forced_conscription", "forced_passportization",
         "medicine_shortage", "facility_militarized", "patient_deportation", "health_worker_coercion",
         "attack_on_health_care"}


def test_violation_codes_labels_and_legal_anchors() -> None:
    types = vocab.violations().types
    assert set(types) == CODES
    for vt in types.values():
        assert set(vt.labels) == set(vocab.LANGS) and all(vt.labels.values())
        assert vt.definition and vt.legal and vt.rules
    assert "GC IV art. 56" in types["care_denied_documents"].legal
    assert "Rome Statute art. 8(2)(b)(xxiv)" in types["attack_on_health_care"].legal
    assert types["facility_militarized"].who_ssa and "militarization" in types["facility_militarized"].who_ssa


def test_rules_and_guards_use_defined_concepts() -> None:
    voc = vocab.violations()
    used = {c for vt in voc.types.values() for r in vt.rules for c in (*r.all, *r.none)}
    used |= {g.concept for g in voc.guards} | {u for g in voc.guards for u in g.unless}
    used |= set(voc.document_requires)
    assert used <= set(voc.concepts)
    ids = [r.id for vt in voc.types.values() for r in vt.rules]
    assert len(ids) == len(set(ids))


def test_victim_groups_and_actor_roles() -> None:
    groups = vocab.victim_groups()
    assert {"hiv_positive", "children", "passportless_residents", "psychiatric_patients"} <= set(groups)
    roles = vocab.actor_roles()
    assert {"occupation_administration", "military_recruiters", "fsb_security_services"} <= set(roles)
    for term in [*groups.values(), *roles.values()]:
        assert set(term.labels) == set(vocab.LANGS)
        assert parse_cues(term.cues)


def test_cue_syntax() -> None:
    assert parse_cues(["паспорт* russian_passport*  ОМС"]) == [("паспорт*",), ("russian", "passport*"), ("омс",)]


def test_docs_describe_every_code() -> None:
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    for code in [*CODES, *vocab.victim_groups(), *vocab.actor_roles()]:
        assert f"`{code}`" in page
