"""The briefing report: self-contained HTML with every section, audience-shaped, and a PDF that renders."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import typer
from typer.testing import CliRunner

from .world import make_incidents

SECTIONS = ("summary", "timeline", "map", "patterns", "policies", "sources", "incidents", "legal", "citations")


def test_public_brief_html_is_self_contained_and_redacted(store: Path, tmp_path: Path) -> None:
    from carewatch.analysis.brief import write_brief

    make_incidents()
    paths = write_brief(out_dir=tmp_path / "b", filters={"date_from": "2023-01", "date_to": "2024-06"}, pdf=False)
    html = paths["html"].read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'id="{section}"' in html, section
    assert not re.search(r"<link\b|<script\b|\bsrc=\"|url\(", html), "the brief must not load anything"
    assert html.count("<svg") >= 3 and "<style>" in html
    assert "GC IV art. 56" in html  # legal anchors of care_denied_documents
    assert "Олена Коваль" not in html  # persons never reach a public audience
    table = html.split('id="incidents"')[1].split('id="legal"')[0]
    assert "Мелітопольський район" in table and "Мелітополь<" not in table  # places coarsened to raion
    assert 'class="point"' not in html  # no settlement points on a public map
    sources = html.split('id="sources"')[1].split('id="incidents"')[0]
    assert "National Resistance Center" not in sources  # the origins chart counts, never names, in public
    assert "<script>alert(1)</script>" not in html
    assert "[1]" in html and "nypost.com" in html


def test_internal_brief_names_origins_and_settlements(store: Path, tmp_path: Path) -> None:
    from carewatch.analysis.brief import write_brief

    make_incidents()
    html = write_brief(out_dir=tmp_path / "i", filters={"oblast": "UA-23"}, audience="internal",
                       pdf=False)["html"].read_text(encoding="utf-8")
    assert "National Resistance Center" in html and 'class="point"' in html
    assert "Zaporizhzhia" in html and "Скадовськ" not in html


def test_pdf_renders_to_pages(store: Path, tmp_path: Path) -> None:
    from carewatch.analysis.brief import write_brief

    make_incidents()
    paths = write_brief(out_dir=tmp_path / "p", filters={"oblast": "UA-23"}, audience="partner")
    pdf = paths["pdf"]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert shutil.which("pdftoppm"), "pdftoppm (Debian poppler-utils) is missing: `make test` installs it"
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 5000 for p in pages)


def _app() -> typer.Typer:
    from carewatch.cli import report

    app = typer.Typer()
    report.register(app)
    return app


def test_report_command_prints_the_dashboard_figures(store: Path) -> None:
    make_incidents()
    result = CliRunner().invoke(_app(), ["report", "--format", "json", "--oblast", "UA-23"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == 4 and data["oblasts"][0]["code"] == "UA-23"
    text = CliRunner().invoke(_app(), ["report"])
    assert text.exit_code == 0 and "independent origins" in text.output and "UA-65" in text.output


def test_brief_command_refuses_bad_input(store: Path, tmp_path: Path) -> None:
    from carewatch.errors import CarewatchError

    result = CliRunner().invoke(_app(), ["brief", "-o", str(tmp_path), "--from", "июнь"])
    assert isinstance(result.exception, CarewatchError)
    result = CliRunner().invoke(_app(), ["brief", "-o", str(tmp_path), "--audience", "everyone"])
    assert isinstance(result.exception, CarewatchError)
    result = CliRunner().invoke(_app(), ["brief", "-o", str(tmp_path / "ok"), "--no-pdf", "--lang", "uk"])
    assert result.exit_code == 0 and (tmp_path / "ok" / "brief.html").exists()
