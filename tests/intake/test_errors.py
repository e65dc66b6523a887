"""Every bad-input code, and hostile inputs that must fail fast and bounded."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carewatch.errors import IntakeError
from carewatch.intake.codes import CODES
from carewatch.intake.files import read_bytes

from .builders import docx_bytes, encrypted_pdf, pdf_bytes


def code_of(raw: bytes, name: str, **kw: object) -> str:
    with pytest.raises(IntakeError) as info:
        read_bytes(raw, name=name, **kw)  # type: ignore[arg-type]
    assert info.value.hint, "every intake error says what to do"
    return info.value.code


@pytest.mark.parametrize("raw", [b"", b"   \n\t ", b"\xef\xbb\xbf", b"\xff\xfe \x00\n\x00"])
def test_empty(raw: bytes) -> None:
    assert code_of(raw, "a.txt") == "CW201"


def test_binary_content() -> None:
    assert code_of(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "photo.txt") == "CW202"
    assert code_of(bytes(range(32)) * 64, "dump.txt") == "CW202"


def test_zip_that_is_not_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert code_of(buf.getvalue(), "archive.docx") == "CW202"


@pytest.mark.parametrize(("name", "cut"), [("r.pdf", 0.5), ("r.docx", 0.5), ("r.pdf", 0.1)])
def test_truncated_containers(name: str, cut: float) -> None:
    raw = pdf_bytes()[0] if name.endswith(".pdf") else docx_bytes()
    raw = raw[: int(len(raw) * cut)]
    assert code_of(raw, name) in {"CW203", "CW207"}


def test_truncated_docx_is_corrupt() -> None:
    raw = docx_bytes()
    assert code_of(raw[: len(raw) // 2], "r.docx") == "CW203"


def test_pdf_extension_without_pdf_content() -> None:
    assert code_of("Звіт, а не PDF".encode(), "r.pdf") == "CW203"


def test_encrypted_pdf() -> None:
    assert code_of(encrypted_pdf(), "locked.pdf") == "CW204"


def test_pdf_without_text_layer() -> None:
    raw, _ = pdf_bytes(blank=True)
    assert code_of(raw, "scan.pdf") == "CW207"


def test_oversize_checked_before_parsing() -> None:
    assert code_of(b"%PDF-1.7 garbage" * 100, "x.pdf", max_bytes=100) == "CW205"
    assert read_bytes(b"ok", name="x.txt", max_bytes=2)[0].text == "ok"


def test_unsupported_extension() -> None:
    assert code_of(b"hello", "notes.xyz") == "CW206"


def test_legacy_word_and_encrypted_office() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    assert code_of(ole, "old.doc") == "CW206"
    locked = ole + "EncryptedPackage".encode("utf-16-le")
    assert code_of(locked, "locked.docx") == "CW204"


@pytest.mark.parametrize(("raw", "name"), [
    (b'{"text": "x",', "a.json"), (b"[1, 2, 3]", "a.json"), (b'{"text": "ok"}\n{broken', "a.jsonl"),
    (b"[" * 100_000 + b"]" * 100_000, "deep.json"), (b"id,when\n1,2024\n", "a.csv"),
    (b"a,b\n1,2\n", "a.csv"),
])
def test_malformed_structured(raw: bytes, name: str) -> None:
    assert code_of(raw, name) == "CW208"


def test_csv_columns_naming_missing_column() -> None:
    assert code_of(b"note\nhello\n", "a.csv", csv_columns={"text": "body"}) == "CW208"


def test_csv_field_over_limit_is_malformed_not_crash() -> None:
    assert code_of(b"text\n\"" + b"x" * 200_000 + b"\"\n", "big.csv") == "CW208"


def test_undecodable_text() -> None:
    rng = random.Random(7)
    raw = bytes(rng.randrange(0x80, 0x100) for _ in range(600))  # high bytes, no control codes
    assert code_of(raw, "odd.txt") == "CW211"


def test_zip_bomb_docx_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as member:
            for _ in range(20):
                member.write(b"a" * (1024 * 1024))  # 20 MiB of one byte: squeezes to ~20 KiB
    assert len(buf.getvalue()) < 100_000
    assert code_of(buf.getvalue(), "bomb.docx") == "CW209"


def test_huge_single_line_text_is_read() -> None:
    raw = ("Лікарня " * 400_000).encode("cp1251")
    [rec] = read_bytes(raw, name="long.txt")
    assert len(rec.text) == len(raw) and rec.encoding == "cp1251"


def test_codes_table_is_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "intake-errors.md").read_text(encoding="utf-8")
    for code in CODES:
        assert code in doc


NAMES = st.sampled_from(["a.txt", "a.md", "a.html", "a.pdf", "a.docx", "a.eml", "a.json", "a.jsonl",
                         "a.csv", "a", "a.bin"])
PREFIXES = st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"{", b"[", b"text,url\n",
                            b"From: a@b\nSubject: x\n\n", b"<html>", b"\xef\xbb\xbf", b"\xff\xfe"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=PREFIXES, body=st.binary(max_size=400), name=NAMES)
def test_fuzz_only_records_or_intake_error(prefix: bytes, body: bytes, name: str) -> None:
    try:
        records = read_bytes(prefix + body, name=name, max_bytes=10_000)
    except IntakeError as err:
        assert err.code in CODES
        return
    assert records and all(isinstance(r.text, str) for r in records)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300), name=NAMES, enc=st.sampled_from(["utf-8", "utf-16", "cp1251", "koi8-u"]))
def test_fuzz_text_in_any_format(text: str, name: str, enc: str) -> None:
    raw = text.encode(enc, errors="ignore")
    try:
        read_bytes(raw, name=name)
    except IntakeError as err:
        assert err.code in CODES
