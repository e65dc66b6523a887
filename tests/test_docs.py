"""Documentation is tested (GUIDE convention 11): settings, export formats, packages,
vocabulary codes, pipeline stages and intake error codes must all appear in docs/.

The names come from the code itself (source scan, registries, YAML), so adding a setting, a
format, a package or a code without documenting it fails here. The scanners are tested first
on synthetic (and hostile) input so a broken scanner cannot pass vacuously.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from carewatch.exports import formats
from carewatch.model import vocab
from carewatch.pipeline.runner import DEFAULT_STAGES

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "carewatch"
DOCS = ROOT / "docs"

ENV_VAR = re.compile(r"\bCAREWATCH_[A-Z0-9]+(?:_[A-Z0-9]+)*\b")
LINK = re.compile(r"\[[^\]]*\]\(([^)#\s]+)(?:#[^)]*)?\)")
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".yaml", ".toml"}


def env_vars_in(text: str) -> set[str]:
    """Names of ``CAREWATCH_*`` environment variables mentioned in ``text``."""
    return set(ENV_VAR.findall(text))


def local_links(markdown: str) -> list[str]:
    """Targets of relative Markdown links (no URLs, no pure anchors)."""
    return [t for t in LINK.findall(markdown) if "://" not in t and not t.startswith("mailto:")]


def index_rows(markdown: str) -> dict[str, list[str]]:
    """``carewatch.<pkg>`` → the pages linked on its table row in docs/index.md."""
    rows: dict[str, list[str]] = {}
    for line in markdown.splitlines():
        match = re.match(r"\|\s*`carewatch\.([a-z_]+)`\s*\|", line)
        if match:
            rows[match.group(1)] = local_links(line)
    return rows


def source_env_vars() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*"):
        if path.is_file() and path.suffix in SOURCE_SUFFIXES and "migrations" not in path.parts:
            found |= env_vars_in(path.read_text(encoding="utf-8", errors="replace"))
    return found


def packages() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())


def doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


# --- the scanners themselves ------------------------------------------------------------------


def test_env_scanner_on_synthetic_source() -> None:
    src = (
        'home = os.environ.get("CAREWATCH_HOME", "x")\n'
        "# set CAREWATCH_MAX_FILE_MB=50; CAREWATCH_ alone is no name\n"
        'NOT_CAREWATCH_THING = 1; carewatch_lower = 2; f"{CAREWATCH_V2_FLAG}"\n'
        "Змінна CAREWATCH_ДОМ is Cyrillic; переменная CAREWATCH_X1 в тексті\n"
        + "CAREWATCH_" * 5000 + "\n"  # hostile: a long run of prefixes must not hang or match
    )
    assert env_vars_in(src) == {"CAREWATCH_HOME", "CAREWATCH_MAX_FILE_MB", "CAREWATCH_V2_FLAG", "CAREWATCH_X1"}


def test_link_and_index_parsers_on_synthetic_markdown() -> None:
    md = (
        "| `carewatch.intake` | [intake.md](intake.md), [Помилки](intake-errors.md#коди) | x |\n"
        "| `carewatch.web` | [site](https://example.org/web.md) | внешняя ссылка |\n"
        "| carewatch.fake | [fake.md](fake.md) | not a package cell |\n"
        "See [broken(link](nowhere and [mail](mailto:a@b.c).\n"
    )
    assert index_rows(md) == {"intake": ["intake.md", "intake-errors.md"], "web": []}
    assert local_links(md) == ["intake.md", "intake-errors.md", "fake.md"]


# --- the documentation ------------------------------------------------------------------------


def test_every_setting_is_documented() -> None:
    found = source_env_vars()
    assert {"CAREWATCH_HOME", "CAREWATCH_DATABASE_URL"} <= found, "the source scan found nothing"
    text = doc("configuration.md")
    missing = sorted(v for v in found if f"`{v}`" not in text)
    assert not missing, f"settings missing from docs/configuration.md: {missing}"


def test_every_export_format_is_documented() -> None:
    names = formats()
    assert len(names) >= 3
    text = doc("exports.md")
    missing = [n for n in names if f"`{n}`" not in text]
    assert not missing, f"export formats missing from docs/exports.md: {missing}"


def test_every_package_has_a_page_named_in_the_index() -> None:
    rows = index_rows(doc("index.md"))
    for name in packages():
        assert name in rows, f"carewatch.{name} has no row in docs/index.md"
        assert rows[name], f"carewatch.{name} has no page linked in docs/index.md"
        for page in rows[name]:
            assert (DOCS / page).is_file(), f"docs/index.md links a missing page {page} for carewatch.{name}"


def test_every_page_is_reachable_from_the_index() -> None:
    linked = set(local_links(doc("index.md")))
    pages = {p.name for p in DOCS.glob("*.md")} - {"index.md"}
    assert not sorted(pages - linked), f"pages not linked from docs/index.md: {sorted(pages - linked)}"


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_relative_links_resolve(page: str) -> None:
    for target in local_links(doc(page)):
        assert (DOCS / target).exists(), f"docs/{page} links {target}, which does not exist"


def test_every_violation_code_is_documented() -> None:
    raw = yaml.safe_load((PACKAGE / "model" / "vocab" / "violations.yaml").read_text(encoding="utf-8"))
    codes = list(raw["violations"])
    assert codes and set(codes) == set(vocab.violations().types)
    text = doc("vocabulary.md")
    missing = [c for c in codes if f"`{c}`" not in text]
    assert not missing, f"violation codes missing from docs/vocabulary.md: {missing}"


def test_every_victim_group_and_actor_role_is_documented() -> None:
    text = doc("vocabulary.md")
    codes = list(vocab.victim_groups()) + list(vocab.actor_roles())
    missing = [c for c in codes if f"`{c}`" not in text]
    assert not missing, f"codes missing from docs/vocabulary.md: {missing}"


def test_every_default_stage_is_documented() -> None:
    text = doc("pipeline.md")
    missing = [s for s in DEFAULT_STAGES if f"| `{s}` |" not in text]
    assert not missing, f"stages missing from the table in docs/pipeline.md: {missing}"


def test_every_intake_error_code_is_documented() -> None:
    codes = set(re.findall(r"\bCW2\d\d\b", (PACKAGE / "intake" / "codes.py").read_text(encoding="utf-8")))
    assert codes
    text = doc("intake-errors.md")
    assert not sorted(c for c in codes if c not in text), "intake error codes missing from docs/intake-errors.md"
