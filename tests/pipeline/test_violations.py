"""The ``violations`` stage on synthetic uk/ru/en sentences, negatives and hostile input."""

from __future__ import annotations

import pytest

from carewatch.pipeline import run_text
from carewatch.pipeline.document import Document

STAGES = ("clean", "language", "violations")


def codes(text: str) -> set[str]:
    doc = run_text(text, names=STAGES)
    return {v.code for v in doc.labels["violations"]}


def check_evidence(doc: Document) -> None:
    for label in doc.labels["violations"]:
        assert label.evidence
        for ev in label.evidence:
            assert ev.text == doc.text[ev.start:ev.end]
            assert ev.rule.startswith("violations.")


POSITIVES = [
    ("care_denied_documents",
     "На окупованих територіях лікарні відмовляють у медичній допомозі людям без російського паспорта."),
    ("care_denied_documents",
     "В оккупированном Мелитополе врачи принимают пациентов только с полисом ОМС."),
    ("care_denied_documents",
     "In occupied Tokmak, clinics refuse treatment to residents who have no Russian passport."),
    ("medicine_for_enlistment",
     "Окупанти пропонують хворим на ВІЛ ліки в обмін на підписання контракту з армією РФ."),
    ("medicine_for_enlistment",
     "В оккупированных районах вербовщики обещают инсулин тем, кто подпишет контракт с армией."),
    ("forced_conscription",
     "In occupied Kherson region, men received summonses to the occupiers' draft offices."),
    ("forced_conscription",
     "Окупанти проводять примусову мобілізацію чоловіків на окупованій Луганщині."),
    ("forced_passportization",
     "Жителей оккупированных территорий принуждают получать российский паспорт под угрозой депортации."),
    ("forced_passportization",
     "In occupied Melitopol, residents are threatened with losing their pensions unless they take Russian passports."),
    ("medicine_shortage",
     "В окупованому Бердянську бракує інсуліну, а аптеки не мають ліків від раку."),
    ("facility_militarized",
     "Окупанти перетворили міську лікарню в Енергодарі на госпіталь для поранених російських військових."),
    ("facility_militarized",
     "In occupied Henichesk, the district hospital was taken over for wounded Russian soldiers."),
    ("patient_deportation",
     "Оккупанты депортировали детей из интерната в Херсонской области на территорию России."),
    ("health_worker_coercion",
     "На окупованій Запоріжжині лікарів змушують отримувати російські паспорти під загрозою звільнення."),
    ("health_worker_coercion",
     "Occupation officials detained two nurses in occupied Nova Kakhovka for refusing to cooperate."),
    ("attack_on_health_care",
     "Російський дрон атакував машину швидкої допомоги в Херсоні, поранено фельдшера."),
    ("attack_on_health_care",
     "A Russian missile struck the maternity hospital in Zaporizhzhia overnight."),
    ("facility_militarized",
     "У Маріуполі окупанти вивезли обладнання з міської лікарні до Ростова."),
    ("health_worker_coercion",
     "Лікарів окупованого Херсона затримали й допитували співробітники ФСБ."),
    ("forced_passportization",
     "Occupation authorities in Skadovsk confiscated the homes of residents who refused Russian citizenship."),
    ("medicine_shortage",
     "Oncology patients in occupied Melitopol cannot get chemotherapy: the drugs ran out in March."),
]


@pytest.mark.parametrize(("code", "text"), POSITIVES)
def test_each_code_fires_in_each_language(code: str, text: str) -> None:
    assert code in codes(text)


NEGATIVES = [
    # a Russian official's denial
    "Представник окупаційної влади заперечив, що в лікарнях Мелітополя відмовляють пацієнтам без паспорта РФ.",
    "Minister denied that hospitals in occupied areas refuse treatment to people without Russian passports.",
    # a future plan, not an event
    "Окупанти планують запровадити обов'язковий поліс ОМС для лікування в Криму з наступного року.",
    # Ukraine's own mobilisation
    "ТЦК вручили повістки чоловікам у Полтаві відповідно до закону про мобілізацію, ухваленого Верховною Радою.",
    "Territorial recruitment centres of the Armed Forces of Ukraine began sending summonses online.",
    # Russia conscripting its own citizens, no occupied territory in sight
    "В Бурятии военкоматы разносят повестки, мужчин собирают по спискам.",
    # HIV news elsewhere
    "В Пензенской области пациенты жалуются на перебои с антиретровирусными препаратами.",
    # legal commentary
    "Женевська конвенція забороняє окупаційній державі змушувати жителів окупованих територій служити в її армії.",
    # Ukraine's own evacuation, a Ukrainian strike inside Russia, an occupier's claim of free care
    "Україна евакуювала пацієнтів херсонської лікарні до Одеси через обстріли.",
    "A Ukrainian drone hit a hospital in Belgorod, Russian officials claimed.",
    "Міністерство охорони здоров'я РФ заявило, що мешканці окупованих територій отримують безкоштовну "
    "медичну допомогу без полісу ОМС.",
    # plain unrelated news
    "The weather in Lviv will be sunny tomorrow, with temperatures up to 25 degrees.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_denials_plans_ukraines_own_measures_and_elsewhere_are_not_violations(text: str) -> None:
    assert codes(text) == set()


def test_evidence_points_into_original_text_and_explain_is_filled() -> None:
    text = ("<p>Новини</p>\n\nУ окупованому Мелітополі лікарня відмовляє в лікуванні без паспорта РФ.\n\n"
            "Окупанти перетворили поліклініку на шпиталь для поранених військових.")
    doc = run_text(text, names=STAGES)
    check_evidence(doc)
    fired = {e["label"] for e in doc.explain}
    assert {"violation:care_denied_documents", "violation:facility_militarized"} <= fired
    assert all(e["sentence"] and e["rule"] for e in doc.explain)


def test_confidence_grows_with_supporting_sentences() -> None:
    one = "В окупованому Бердянську бракує інсуліну."
    two = one + " У лікарнях окупованого Бердянська також нестача ліків для діалізу."
    c1 = run_text(one, names=STAGES).labels["violations"][0].confidence
    c2 = run_text(two, names=STAGES).labels["violations"][0].confidence
    assert 0 < c1 < c2 < 1


@pytest.mark.parametrize("text", ["", "   \n\n", "ааа " * 50_000, "оккупанты паспорт " * 20_000,
                                  "\u200b\u202e" * 1000 + "лікарня"])
def test_hostile_input_never_crashes(text: str) -> None:
    doc = run_text(text, names=STAGES)
    assert isinstance(doc.labels["violations"], list)
    check_evidence(doc)
