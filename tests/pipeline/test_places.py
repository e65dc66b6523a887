"""The places stage: only places of the events, with evidence pointing into the original text."""

from __future__ import annotations

from carewatch.model.labels import ViolationLabel
from carewatch.pipeline import runner
from carewatch.pipeline.document import Document
from carewatch.pipeline.stages.places import places


def _doc(text: str, violation: str | None = None) -> Document:
    doc = runner.run(Document(text=text), ("clean", "language"))
    doc.labels["violations"] = []
    if violation:
        s = doc.clean_text.index(violation)
        doc.labels["violations"] = [ViolationLabel("care_denied_documents", 0.9,
                                                   [doc.evidence(s, s + len(violation))])]
    places(doc)
    return doc


def _oblasts(doc: Document) -> set[str | None]:
    return {p.oblast for p in doc.labels["places"]}


def test_evidence_offsets_point_into_original() -> None:
    text = "Вступ.\n\n  У   Мелітополі лікарі вимагають паспорт РФ.   У Мелітополі знову.\n"
    doc = _doc(text, "вимагають паспорт РФ")
    [label] = doc.labels["places"]
    assert label.name == "Мелітополь" and label.precision == "settlement" and label.katottg
    assert label.raion == "Мелітопольський район" and label.lat is not None
    assert len(label.evidence) == 2
    for ev in label.evidence:
        assert doc.text[ev.start:ev.end] == ev.text


def test_dateline_excluded() -> None:
    text = ("KYIV, Jan 5 (Reuters) - Russian occupiers in Melitopol refuse treatment to people "
            "without Russian passports.")
    doc = _doc(text, "refuse treatment")
    assert _oblasts(doc) == {"UA-23"}


def test_deportation_destination_excluded() -> None:
    text = "Окупанти вивезли пацієнтів з Херсона до окупованого Криму без згоди."
    doc = _doc(text, "вивезли пацієнтів")
    assert _oblasts(doc) == {"UA-65"}
    text = "Children from Kherson were deported to Russia and taken to Crimea."
    assert _oblasts(_doc(text, "deported")) == {"UA-65"}


def test_unrelated_place_far_from_violation_dropped() -> None:
    text = ("В окупованому Бердянську пацієнтам відмовляють без полісу ОМС.\n\n"
            "Окремо у Львові пройшов фестиваль.")
    assert _oblasts(_doc(text, "відмовляють без полісу")) == {"UA-23"}


def test_without_violations_body_places_kept_and_country() -> None:
    assert _oblasts(_doc("В Донецке и на Херсонщине холодно.")) == {"UA-14", "UA-65"}
    doc = _doc("В Україні холодно.")
    assert [(p.precision, p.oblast) for p in doc.labels["places"]] == [("country", None)]


def test_russia_never_a_place() -> None:
    assert _doc("Росія та Russia.").labels["places"] == []


def test_hostile_input() -> None:
    for text in ["", "\x00\ufeff", "А" * 200_000, "<script>Мелітополь</script>", "Кам'янка-" * 1000]:
        doc = _doc(text)
        assert isinstance(doc.labels["places"], list)
