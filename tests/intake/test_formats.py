"""Each supported format read through the single entry ``read_bytes``."""

from __future__ import annotations

import json

from carewatch.intake.files import read_bytes

from .builders import docx_bytes, eml_bytes, eml_message, pdf_bytes

HTML = """<!DOCTYPE html><html><head><meta charset="windows-1251">
<title>Сайт | Новина</title>
<meta property="og:title" content="Лікарні вимагають паспорт РФ">
<meta property="article:published_time" content="2023-08-14T09:00:00+03:00">
<link rel="canonical" href="https://example.org/news/1">
</head><body><article><p>У Херсоні лікарі вимагають російський паспорт.</p></article></body></html>"""


def test_html_keeps_source_and_reads_metadata() -> None:
    raw = HTML.encode("cp1251")
    [rec] = read_bytes(raw, name="page.html")
    assert rec.media_type == "text/html"
    assert rec.text == raw.decode("cp1251")
    assert rec.title == "Лікарні вимагають паспорт РФ"
    assert rec.published == "2023-08-14T09:00:00+03:00"
    assert rec.url == "https://example.org/news/1"


def test_html_title_and_time_element_fallbacks() -> None:
    page = "<html><head><title> Новость </title></head><body><time datetime='2022-11-03'>3 ноября</time></body></html>"
    [rec] = read_bytes(page.encode(), name="x.htm")
    assert (rec.title, rec.published) == ("Новость", "2022-11-03")


def test_html_in_txt_file_is_sniffed() -> None:
    [rec] = read_bytes(b"<!doctype html><html><body>hi</body></html>", name="saved.txt")
    assert rec.media_type == "text/html"


def test_pdf_text_layer() -> None:
    raw, line = pdf_bytes()
    [rec] = read_bytes(raw, name="report.pdf")
    assert rec.media_type == "application/pdf"
    assert " ".join(line.split()[:4]) in " ".join(rec.text.split())


def test_pdf_sniffed_despite_wrong_extension() -> None:
    raw, _ = pdf_bytes()
    [rec] = read_bytes(raw, name="report.txt")
    assert rec.media_type == "application/pdf"


def test_docx_paragraphs_and_tables_in_order() -> None:
    [rec] = read_bytes(docx_bytes(), name="звіт.docx")
    lines = rec.text.splitlines()
    assert lines == ["Перший абзац: лікарня в Мелітополі.", "Дата\tПодія",
                     "2023-08-14\tВідмова без полісу ОМС", "Останній абзац після таблиці."]
    assert rec.title == "Звіт про відмову в лікуванні"


def test_eml_body_and_attachments() -> None:
    pdf, _ = pdf_bytes()
    raw = eml_bytes([("note.txt", "Свідчення: ліки в обмін на контракт.".encode("cp1251"), "text/plain"),
                     ("scan.pdf", pdf, "application/pdf"),
                     ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png"),
                     ("report.docx", docx_bytes(), "application/octet-stream")])
    recs = read_bytes(raw, name="mail.eml")
    assert [r.part for r in recs] == [0, 1, 2, 3]
    body = recs[0]
    assert body.text.strip() == "Пацієнтам без паспорта РФ відмовляють у лікуванні."
    assert body.title == "Відмова в медичній допомозі, Херсонщина"
    assert body.published == "2023-08-14T10:30:00+03:00"
    assert [r.name for r in recs[1:]] == ["note.txt", "scan.pdf", "report.docx"]
    assert recs[1].text == "Свідчення: ліки в обмін на контракт."
    assert any("photo.png" in n and "CW202" in n for n in body.notes)


def test_eml_html_body() -> None:
    [rec] = read_bytes(eml_bytes([], html_only=True), name="m.eml")
    assert rec.media_type == "text/html" and "отказывают" in rec.text


def test_eml_attached_email_is_read_recursively() -> None:
    recs = read_bytes(eml_bytes([], forwarded=eml_message([])), name="outer.eml")
    assert len(recs) == 2 and "відмовляють" in recs[1].text


def test_json_object_and_list() -> None:
    one = {"content": "Ліки лише за контракт.", "url": "https://e.org/1", "title": "T", "date": "2023-05"}
    [rec] = read_bytes(json.dumps(one, ensure_ascii=False).encode(), name="one.json")
    assert (rec.text, rec.url, rec.title, rec.published, rec.part) == (
        "Ліки лише за контракт.", "https://e.org/1", "T", "2023-05", 0)
    items = [{"текст": "Перший"}, {"no": "text"}, {"body": "Третій", "заголовок": "Три"}]
    recs = read_bytes(json.dumps(items, ensure_ascii=False).encode("utf-16"), name="many.json")
    assert [(r.part, r.text, r.title) for r in recs] == [(0, "Перший", None), (2, "Третій", "Три")]
    assert recs[0].notes


def test_jsonl_records() -> None:
    lines = ['{"text": "Один", "published": "2023-01-02"}', "", '{"text": "Два"}']
    recs = read_bytes("\n".join(lines).encode(), name="feed.jsonl")
    assert [(r.part, r.text, r.published) for r in recs] == [(0, "Один", "2023-01-02"), (1, "Два", None)]


def test_csv_auto_columns_and_sniffed_delimiter() -> None:
    raw = "Дата;Заголовок;Текст;Посилання\n2023-08-14;Звіт;\"Відмова; без паспорта\";https://e.org\n"
    [rec] = read_bytes(raw.encode("cp1251"), name="export.csv")
    assert (rec.text, rec.title, rec.url, rec.published) == (
        "Відмова; без паспорта", "Звіт", "https://e.org", "2023-08-14")


def test_csv_explicit_columns() -> None:
    raw = "id,note,when\n1,Больница отказала,2024-02-01\n2,,2024-02-02\n3,Лекарства за контракт,\n"
    recs = read_bytes(raw.encode(), name="x.csv", csv_columns={"text": "note", "published": "when"})
    assert [(r.part, r.text, r.published) for r in recs] == [
        (0, "Больница отказала", "2024-02-01"), (2, "Лекарства за контракт", None)]


def test_no_extension_is_sniffed() -> None:
    [rec] = read_bytes("Звичайний текст.".encode(), name="README")
    assert rec.text == "Звичайний текст."


def test_json_export_with_nested_message_list_and_text_runs() -> None:
    export = {"name": "Канал", "type": "public_channel", "messages": [
        {"id": 1, "date": "2023-09-01T08:15:00", "text": ["Окупанти ", {"type": "bold", "text": "забрали"}, " ліки."]},
        {"id": 2, "date": "2023-09-02T08:15:00", "text": ""},
        {"id": 3, "date": "2023-09-03T08:15:00", "text": "Без паспорта РФ не лікують."},
    ]}
    recs = read_bytes(json.dumps(export, ensure_ascii=False).encode(), name="result.json")
    assert [(r.part, r.text, r.published) for r in recs] == [
        (0, "Окупанти забрали ліки.", "2023-09-01T08:15:00"), (2, "Без паспорта РФ не лікують.", "2023-09-03T08:15:00")]


def test_eml_with_wrong_declared_charset_is_detected() -> None:
    body = "Лікарня в Скадовську вимагає поліс ОМС для діалізу.".encode("cp1251")
    raw = (b"From: a@example.org\r\nSubject: test\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n")
    [rec] = read_bytes(raw, name="m.eml")
    assert rec.text.strip() == "Лікарня в Скадовську вимагає поліс ОМС для діалізу."
    assert rec.encoding == "cp1251"


def test_eml_headers_in_file_without_extension_are_sniffed() -> None:
    raw = "From: a@example.org\nSubject: Звіт\n\nТекст листа.\n".encode()
    [rec] = read_bytes(raw, name="message")
    assert rec.title == "Звіт" and rec.text.strip() == "Текст листа."


def test_html_valid_utf8_wins_over_wrong_declaration() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><title>Звіт</title></head></html>'
    [rec] = read_bytes(page.encode(), name="p.html")
    assert rec.title == "Звіт" and rec.encoding == "utf-8"


def test_html_declared_koi8_is_used() -> None:
    page = '<html><head><meta charset="koi8-r"><title>Отчёт о больнице</title></head><body>Текст</body></html>'
    [rec] = read_bytes(page.encode("koi8-r"), name="p.html")
    assert rec.title == "Отчёт о больнице" and rec.encoding == "koi8-r"
