"""SVG charts and the choropleth: valid XML, labelled, escaped, regions shaded as counted."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from carewatch.analysis import charts, choropleth, mapdata, svg
from carewatch.analysis.charts import Bar

NS = "{http://www.w3.org/2000/svg}"
LABELS = {"care_denied_documents": "Care denied without documents", "medicine_for_enlistment": "Medicine for enlistment"}


def parse(doc: str) -> ET.Element:
    return ET.fromstring(doc)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


def test_choropleth_shades_the_counted_oblasts() -> None:
    counts = Counter({"UA-23": 10, "UA-65": 4, "UA-09": 1})
    root = parse(choropleth.choropleth(counts, href="/incidents/?"))
    regions = {g.get("data-oblast"): g for g in root.iter(f"{NS}g") if "region" in (g.get("class") or "")}
    assert len(regions) == 27
    classes = {iso: (g.get("class") or "").split()[-1] for iso, g in regions.items()}
    assert classes["UA-23"] == "q5" and classes["UA-65"] == "q2" and classes["UA-09"] == "q1"
    assert {c for iso, c in classes.items() if iso not in counts} == {"q0"}
    assert regions["UA-23"].get("fill") == choropleth.SHADES[5]
    assert regions["UA-23"].get("data-count") == "10"
    links = [a.get("href") for a in root.iter(f"{NS}a")]
    assert "/incidents/?oblast=UA-23" in links and "/incidents/?oblast=UA-46" not in links
    assert any("geoBoundaries" in t for t in texts(root))


def test_choropleth_points_are_projected_and_escaped() -> None:
    pts = [{"name": "Мелітополь", "n": 3, "lat": 46.85, "lon": 35.37},
           {"name": "<script>x</script>", "n": 1, "lat": 47.0, "lon": 35.5},
           {"name": "Nowhere", "n": 1, "lat": 10.0, "lon": 10.0}]
    doc = choropleth.choropleth(Counter({"UA-23": 2}), points=pts, href="/incidents/?")
    assert "<script>" not in doc
    circles = [c for c in parse(doc).iter(f"{NS}circle") if c.get("class") == "point"]
    assert [c.get("data-name") for c in circles] == ["Мелітополь", "<script>x</script>"]
    reg = mapdata.regions()["UA-23"].bbox
    assert reg[0] <= float(circles[0].get("cx") or 0) <= reg[2]


def test_bucket_edges() -> None:
    assert [choropleth.bucket(n, 10) for n in (0, 1, 2, 3, 10)] == [0, 1, 1, 2, 5]
    assert choropleth.bucket(5, 0) == 0


def test_timeline_has_axes_legend_and_certainty_shading() -> None:
    monthly = Counter({("2024-01", "care_denied_documents", "confirmed"): 3,
                       ("2024-03", "care_denied_documents", "rumour"): 1,
                       ("2024-03", "medicine_for_enlistment", "probable"): 2})
    doc = charts.timeline(monthly, codes=list(LABELS), labels=LABELS, href="/incidents/?")
    root = parse(doc)
    words = texts(root)
    assert {"2024-01", "2024-02", "2024-03"} <= set(words)  # the empty month is on the axis too
    assert "incidents" in words and "month of the first reported date" in words
    assert set(LABELS.values()) <= set(words)
    assert {"confirmed", "probable", "possible", "rumour"} <= set(words)
    rects = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    by_tip = {"".join(r.find(f"{NS}title").itertext()): r for r in rects}  # type: ignore[union-attr]
    solid = by_tip["2024-01 · Care denied without documents · confirmed: 3"]
    faint = by_tip["2024-03 · Care denied without documents · rumour: 1"]
    assert float(solid.get("fill-opacity") or 0) > float(faint.get("fill-opacity") or 1)
    assert solid.get("fill") == svg.PALETTE[0]
    assert by_tip["2024-03 · Medicine for enlistment · probable: 2"].get("fill") == svg.PALETTE[1]
    assert "/incidents/?date_from=2024-03&amp;date_to=2024-03" in doc
    assert root.get("role") == "img" and root.get("aria-label")


def test_timeline_without_dates_says_so() -> None:
    assert "No dated incidents" in charts.timeline(Counter(), codes=[], labels={})


def test_bars_label_values_and_escape_hostile_names() -> None:
    doc = charts.bars([Bar("Центр національного спротиву", 7, "/incidents/?q=x"), Bar('<img src=x onerror="1">', 2)],
                      label="Origins", value_label="incidents")
    root = parse(doc)
    words = texts(root)
    assert "7" in words and "incidents" in words
    assert any(w.startswith("Центр національного") for w in words)  # long names are shortened…
    tips = ["".join(t.itertext()) for t in root.iter(f"{NS}title")]
    assert "Центр національного спротиву: 7" in tips  # …and given in full on hover
    assert '<img src=x onerror="1">' in words and "<img" not in doc
    assert charts.month_range("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
