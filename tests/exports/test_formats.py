"""Each export format, for content and validity, on synthetic records (no store needed)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from factory import PERSON, record, records

from carewatch.errors import CarewatchError
from carewatch.exports import formats
from carewatch.exports.columns import COLUMNS, from_row
from carewatch.exports.service import open_export
from carewatch.exports.tabular import ACLED_COLUMNS

# HXL 1.1 hashtag with attributes (hxlstandard.org, "Hashtag and attribute syntax").
HXL_TAG = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")


def produce(fmt: str, audience: str = "public", recs: list[dict[str, Any]] | None = None) -> bytes:
    buf = io.BytesIO()
    open_export(user=None, fmt=fmt, audience=audience, records=recs or records(5)).run(buf)
    return buf.getvalue()


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_formats_are_looked_up_by_name() -> None:
    assert set(formats()) >= {"csv", "xlsx", "json", "geojson", "hxl", "acled", "huridocs", "evidence"}
    with pytest.raises(CarewatchError) as err:
        open_export(user=None, fmt="docx")
    assert err.value.code == "CW422" and "geojson" in err.value.hint


def test_csv_round_trips_every_field_internal() -> None:
    recs = records(4)
    table = rows(produce("csv", "internal", recs))
    assert table[0] == list(COLUMNS) and len(table) == 5
    back = [from_row(dict(zip(table[0], r, strict=True))) for r in table[1:]]
    assert back == recs


def test_csv_cells_cannot_run_as_formulas() -> None:
    data = produce("csv", "internal", [record(3)])
    title = rows(data)[1][COLUMNS.index("title")]
    assert title.startswith("'=HYPERLINK")
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read Cyrillic as UTF-8


def test_xlsx_opens_with_header_and_keeps_hostile_text_as_text() -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # no stubs installed

    wb = load_workbook(io.BytesIO(produce("xlsx", "internal", [record(3), record(4, title="ok\x00\x07")])))
    ws = wb["incidents"]
    table = [list(r) for r in ws.iter_rows(values_only=True)]
    assert table[0] == list(COLUMNS)
    assert table[1][COLUMNS.index("title")].startswith("=HYPERLINK")
    assert ws.cell(row=2, column=COLUMNS.index("title") + 1).data_type == "s"
    assert table[2][COLUMNS.index("title")] == "ok"


def test_json_is_one_document_with_all_records() -> None:
    recs = records(3)
    data = json.loads(produce("json", "internal", recs))
    assert data["format"] == "carewatch.incidents" and data["audience"] == "internal"
    assert data["incidents"] == recs


def test_empty_exports_are_still_valid() -> None:
    assert json.loads(_empty("json"))["incidents"] == []
    assert json.loads(_empty("geojson"))["features"] == []
    assert json.loads(_empty("huridocs"))["events"] == []
    assert rows(_empty("acled")) == [list(ACLED_COLUMNS)]


def _empty(fmt: str) -> bytes:
    buf = io.BytesIO()
    open_export(user=None, fmt=fmt, records=[]).run(buf)
    return buf.getvalue()


def test_geojson_points_are_lon_lat_and_public_ones_coarse() -> None:
    internal = json.loads(produce("geojson", "internal", [record(1)]))
    assert internal["type"] == "FeatureCollection" and "crs" not in internal
    feat = internal["features"][0]
    assert feat["geometry"] == {"type": "Point", "coordinates": [35.3675, 46.8489]}  # lon first
    assert feat["properties"]["geo_precision"] == "settlement"
    public = json.loads(produce("geojson", "public", [record(1)]))["features"][0]
    lon, lat = public["geometry"]["coordinates"]
    assert 44 < lat < 53 and 22 < lon < 41  # inside Ukraine, still lon/lat order
    assert (lon, lat) != (35.3675, 46.8489) and public["properties"]["geo_precision"] == "oblast_centroid"
    nowhere = record(2, places=[], oblasts=[])
    assert json.loads(produce("geojson", "internal", [nowhere]))["features"][0]["geometry"] is None


def test_hxl_has_valid_hashtags_in_the_second_row() -> None:
    table = rows(produce("hxl", "public"))
    tags = table[1]
    assert all(HXL_TAG.match(t) for t in tags), tags
    for needed in ("#event+id", "#adm1+code", "#adm1+name", "#adm2+name", "#loc+name", "#geo+lat",
                   "#geo+lon", "#event+type", "#affected+type", "#org+name+origin", "#meta+certainty"):
        assert needed in tags
    assert any(t.startswith("#date") for t in tags)
    assert len(table) == 7 and all(len(r) == len(tags) for r in table)


def test_acled_columns_exactly_in_order() -> None:
    table = rows(produce("acled", "internal", [record(1)]))
    assert table[0] == ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "admin1",
                        "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
                        "source_scale", "notes"]
    row = dict(zip(table[0], table[1], strict=True))
    assert row["event_date"] == "2023-02-14" and row["time_precision"] == "1"
    assert row["admin1"] == "Zaporizhzhia Oblast" and row["location"] == "Мелітополь"
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("46.8489", "35.3675", "1")
    public = dict(zip(table[0], rows(produce("acled", "public", [record(1)]))[1], strict=True))
    assert public["event_date"] == "2023-02-01" and public["time_precision"] == "3"


def test_huridocs_entities_link_up() -> None:
    data = json.loads(produce("huridocs", "internal", [record(2)]))
    assert set(data) >= {"events", "acts", "victims", "perpetrators", "sources"}
    event = data["events"][0]
    assert event["event_record_number"] == "E-2"
    assert {a["act_record_number"] for a in data["acts"]} == set(event["acts"])
    victims = {v["person_record_number"] for v in data["victims"]}
    assert all(set(a["victims"]) <= victims for a in data["acts"])
    assert all(v["counting_unit"] == "group" for v in data["victims"])
    assert {s["information_record_number"] for s in data["sources"]} == {"S-20", "S-21"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "geojson", "hxl", "acled", "huridocs"])
def test_public_exports_hold_no_person_names_points_or_days(fmt: str) -> None:
    data = produce(fmt, "public")
    if fmt == "xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(io.BytesIO(data))["incidents"]
        data = json.dumps([list(r) for r in ws.iter_rows(values_only=True)], ensure_ascii=False).encode()
    text = data.decode("utf-8-sig")
    assert PERSON not in text and "Петренко" not in text
    assert "46.8489" not in text and "35.3675" not in text  # settlement coordinates
    assert "UA23080130010070087" not in text  # settlement code
    assert not re.search(r"2023-0\d-(14|20)", text)  # event days (publication days may stay)
    internal = produce(fmt, "internal").decode("utf-8-sig", "replace")
    if fmt in ("csv", "json"):
        assert PERSON in internal


def test_partner_exports_pseudonymise_persons() -> None:
    data = json.loads(produce("json", "partner", [record(1), record(2)]))
    persons = [p for rec in data["incidents"] for p in rec["persons"]]
    assert persons and all(set(p) == {"pseudonym"} for p in persons)
    assert persons[0] == persons[1]  # same person, same pseudonym inside one export
    assert PERSON not in json.dumps(data, ensure_ascii=False)


def test_streamed_chunks_equal_the_file() -> None:
    recs = records(300)
    for fmt in ("csv", "geojson", "hxl"):
        streamed = b"".join(open_export(user=None, fmt=fmt, records=recs).chunks())
        assert streamed == produce(fmt, "public", recs)
    streamed = b"".join(open_export(user=None, fmt="json", audience="internal", records=recs).chunks())
    assert json.loads(streamed)["incidents"] == recs
    pieces = list(open_export(user=None, fmt="csv", records=recs).chunks())
    assert len(pieces) > 2  # really streamed, not built at the end
    from openpyxl import load_workbook

    workbook = b"".join(open_export(user=None, fmt="xlsx", records=recs[:20]).chunks())  # unseekable sink
    assert len(list(load_workbook(io.BytesIO(workbook))["incidents"].iter_rows())) == 21


def test_every_format_and_command_is_documented() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "exports.md").read_text(encoding="utf-8")
    for fmt in formats():
        assert f"**`{fmt}`**" in text, fmt
    for words in ("`carewatch export", "`carewatch verify-package", "`carewatch import", "`--expect`",
                  "`--audience`", "`--from`", "`--oblast`", "`--violation`", "`--force`"):
        assert words in text, words
