"""Decoding of real Ukrainian and Russian sentences in the legacy encodings people still send."""

from __future__ import annotations

import codecs

import pytest

from carewatch.intake.files import decode, read_bytes

UK = [
    "Лікарня відмовила в допомозі без російського паспорта.",
    "Їй не дали ліків.",
    "Мешканці Мелітополя скаржаться: без полісу ОМС лікування не отримати.\n"
    "Лікар сказав, що українські документи тут не дійсні.",
    "Ще є ґанок і їжак, європейський.",
    "ЛІКАРНЯ ЗАКРИТА",
]
RU = [
    "Больница отказала в помощи без российского паспорта.",
    "В Херсоне ВИЧ-положительным предлагали лекарства в обмен на контракт с армией.",
    "Врач сказал: \"Нет паспорта РФ - нет лечения\".",
    "Без полиса ОМС инсулин не выдают.\nЖалобы не принимают.",
]


@pytest.mark.parametrize("text", UK + RU)
@pytest.mark.parametrize("enc", ["cp1251", "koi8-u", "utf-16-le", "utf-16-be", "utf-8"])
def test_cyrillic_round_trip(text: str, enc: str) -> None:
    decoded, _ = decode(text.encode(enc))
    assert decoded == text


@pytest.mark.parametrize("text", RU)
def test_koi8_r_russian(text: str) -> None:
    decoded, name = decode(text.encode("koi8-r"))
    assert decoded == text
    assert name.startswith("koi8")


@pytest.mark.parametrize("text", UK)
def test_short_ukrainian_cp1251_and_koi8u_names(text: str) -> None:
    assert decode(text.encode("cp1251")) == (text, "cp1251")
    decoded, name = decode(text.encode("koi8-u"))
    assert decoded == text and name.startswith("koi8")


@pytest.mark.parametrize(("bom", "enc"), [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                          (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_bom_is_honoured_and_stripped(bom: bytes, enc: str) -> None:
    text = UK[0]
    decoded, name = decode(bom + text.encode(enc))
    assert decoded == text
    assert name in {"utf-8-sig", "utf-16"}


def test_utf8_preferred_when_valid() -> None:
    assert decode("Енергодар, 12.03.2023".encode()) == ("Енергодар, 12.03.2023", "utf-8")


def test_western_legacy_text_is_not_forced_into_cyrillic() -> None:
    decoded, _ = decode("Report from the café: naïve résumé.".encode("cp1252"))
    assert decoded == "Report from the café: naïve résumé."


def test_read_bytes_records_encoding() -> None:
    [rec] = read_bytes(RU[1].encode("cp1251"), name="звіт.txt")
    assert rec.text == RU[1] and rec.encoding == "cp1251" and rec.media_type == "text/plain"


def test_markdown_is_text() -> None:
    [rec] = read_bytes("# Звіт\n\n*Лікарня* відмовила.".encode("koi8-u"), name="note.md")
    assert rec.text.startswith("# Звіт") and rec.encoding == "koi8-u"
