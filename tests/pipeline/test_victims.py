"""The ``victims`` stage: groups named in reports that document a violation."""

from __future__ import annotations

from carewatch.pipeline import run_text

STAGES = ("clean", "language", "violations", "victims")


def groups(text: str) -> set[str]:
    doc = run_text(text, names=STAGES)
    for label in doc.labels["victim_groups"]:
        for ev in label.evidence:
            assert ev.text == doc.text[ev.start:ev.end]
    return {v.code for v in doc.labels["victim_groups"]}


def test_hiv_positive_and_military_age_men_in_ukrainian() -> None:
    text = ("На окупованій Херсонщині вербувальники пропонують ВІЛ-позитивним чоловікам терапію "
            "в обмін на контракт з армією РФ.")
    assert {"hiv_positive", "men_military_age"} <= groups(text)


def test_children_and_psychiatric_patients_in_russian() -> None:
    text = "Оккупанты депортировали детей и пациентов психоневрологического интерната из Херсонской области."
    assert {"children", "psychiatric_patients"} <= groups(text)


def test_passportless_and_elderly_in_english() -> None:
    text = ("In occupied Melitopol, elderly pensioners without a Russian passport are refused treatment "
            "at the polyclinic.")
    assert {"passportless_residents", "elderly"} <= groups(text)


def test_no_violation_means_no_victims() -> None:
    assert groups("Діти з Полтави поїхали на екскурсію до Києва, лікарі провели їм огляд.") == set()


def test_explain_names_rule_and_sentence() -> None:
    doc = run_text("В окупованому Бердянську діабетикам бракує інсуліну.", names=STAGES)
    entries = [e for e in doc.explain if e["label"].startswith("victim:")]
    assert entries and all(e["rule"].startswith("victim.cue.") and e["sentence"] for e in entries)


def test_group_implied_by_violation_reuses_its_evidence() -> None:
    text = "В окупованому Скадовську лікарі приймають лише власників полісу ОМС."
    doc = run_text(text, names=STAGES)
    by_code = {v.code: v for v in doc.labels["victim_groups"]}
    assert "passportless_residents" in by_code
    ev = by_code["passportless_residents"].evidence[0]
    assert ev.rule == "victim.implied_by.care_denied_documents"
    assert ev.text == doc.text[ev.start:ev.end]
