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


def test_doctor_quoted_as_source_is_not_a_harmed_health_worker() -> None:
    text = ("В окупованому Бердянську пацієнтам без полісу ОМС відмовляють у лікуванні. "
            "Про це розповів лікар, який виїхав з міста.")
    assert "health_workers" not in groups(text)


def test_medics_harmed_are_health_workers_in_each_language() -> None:
    assert "health_workers" in groups("В оккупированной Каховке врачей заставляют получать российские паспорта.")
    assert "health_workers" in groups("A Russian drone struck an ambulance in Kherson, wounding two paramedics.")
    assert "health_workers" in groups("Російська ракета влучила в лікарню в Запоріжжі. Поранено медсестру.")


def test_hospital_and_disease_words_do_not_make_patients() -> None:
    # "больница" and "хвороба" share a stem with the words for patients
    text = "В оккупированном Скадовске больница отказывает в помощи без полиса ОМС, хотя хвороба не ждёт."
    assert "patients" not in groups(text)


def test_military_age_is_not_old_age_and_men_need_an_enlistment_context() -> None:
    text = ("На окупованій Херсонщині чоловікам призовного віку вручають повістки до військкомату. "
            "Окремо в окупованому Скадовську лікарня відмовила в допомозі без полісу.")
    found = groups(text)
    assert "men_military_age" in found and "elderly" not in found
    other = "В окупованому Токмаку чоловікові відмовили в лікуванні без паспорта РФ."
    assert "men_military_age" not in groups(other)


def test_town_named_polohy_is_not_a_maternity_ward() -> None:
    text = "В окупованих Пологах лікарня відмовляє в допомозі людям без полісу ОМС."
    assert "pregnant_women" not in groups(text)


def test_hiv_is_its_own_group_not_infectious_disease() -> None:
    text = "В оккупированном Луганске ВИЧ-положительным предлагают терапию в обмен на контракт с армией."
    found = groups(text)
    assert "hiv_positive" in found and "infectious_disease" not in found


def test_care_home_residents_newborns_and_orderlies() -> None:
    deported = ("Оккупанты вывезли в Россию подопечных психоневрологического интерната из Алешек "
                "без согласия опекунов.")
    assert {"disabled", "psychiatric_patients"} <= groups(deported)
    strike = ("Российская ракета попала в родильный дом в Херсоне. "
              "Ранены санитарка и двое новорождённых.")
    assert {"health_workers", "children"} <= groups(strike)


def test_restricted_access_is_not_a_disability() -> None:
    text = "В окупованому Мелітополі обмежений доступ до лікарні: без полісу ОМС не приймають."
    assert "disabled" not in groups(text)
