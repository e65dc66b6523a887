"""Independence counting: many relays of one origin are one origin."""

from carewatch.incidents.facts import ReportFacts
from carewatch.incidents.independence import build_graph, suggest_certainty

NRC = ("National Resistance Center", "national_resistance_center")


def relay(i: int, outlet: str, chain: list[str] | None = None) -> ReportFacts:
    return ReportFacts(report_id=i, text=f"report {i}", source=f"https://{outlet}/news/{i}",
                       origins=[NRC], chains=[chain if chain is not None else [outlet]])


def test_ten_relays_of_one_statement_are_one_origin() -> None:
    reports = [relay(i, f"outlet{i}.example") for i in range(10)]
    graph = build_graph(reports)
    assert graph.independent_origins == ["National Resistance Center"]
    assert suggest_certainty(graph)[0] == "possible"
    assert all(role == "relay" for role in graph.roles.values())
    assert graph.describe().startswith("10 reports, 1 origin (National Resistance Center), relayed by outlet0")


def test_independent_origin_raises_certainty() -> None:
    reports = [relay(1, "nypost.example", ["New York Post"]), relay(2, "kyivindependent.example")]
    reports.append(ReportFacts(report_id=3, text="statement", origins=[("Human Rights Watch", "hrw")], chains=[[]]))
    graph = build_graph(reports)
    assert len(graph.origins) == 2
    assert suggest_certainty(graph)[0] == "probable"
    reports.append(ReportFacts(report_id=4, text="I was refused", kind="testimony"))
    graph = build_graph(reports)
    assert suggest_certainty(graph)[0] == "confirmed"
    assert graph.roles[4] == "witness"


def test_origin_names_without_registry_id_are_normalised() -> None:
    a = ReportFacts(report_id=1, origins=[("Melitopol City Council", None)], chains=[["Ukrinform"]])
    b = ReportFacts(report_id=2, origins=[("melitopol city council", None)], chains=[["UNIAN"]])
    graph = build_graph([a, b])
    assert len(graph.origins) == 1
    assert graph.describe() == "2 reports, 1 origin (Melitopol City Council), relayed by Ukrinform, UNIAN"


def test_uncited_near_duplicates_count_once() -> None:
    a = ReportFacts(report_id=1, text="same words")
    b = ReportFacts(report_id=2, text="same words")
    assert len(build_graph([a, b], dup_group={1: 1, 2: 1}).origins) == 1
    assert len(build_graph([a, b]).origins) == 2


def test_no_reports_is_a_rumour() -> None:
    assert suggest_certainty(build_graph([]))[0] == "rumour"
