"""Synthetic input files for the intake tests, built in memory with the real libraries."""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

import docx
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
UK_LINE = "У Бердянську лікар відмовив пацієнтці з ВІЛ без російського паспорта."
EN_LINE = "In Berdiansk a doctor refused care to an HIV-positive woman without a Russian passport."


def pdf_bytes(lines: list[str] | None = None, *, blank: bool = False) -> tuple[bytes, str]:
    """A PDF with ``lines`` (Cyrillic when the DejaVu font exists); returns (bytes, first line)."""
    pdf = FPDF()
    pdf.add_page()
    if FONT.exists():
        pdf.add_font("dv", fname=str(FONT))
        pdf.set_font("dv", size=12)
        lines = lines or [UK_LINE]
    else:
        pdf.set_font("helvetica", size=12)
        lines = lines or [EN_LINE]
    if not blank:
        for line in lines:
            pdf.multi_cell(0, 8, line)
    else:
        pdf.rect(20, 20, 50, 50)
    return bytes(pdf.output()), lines[0]


def encrypted_pdf(password: str = "secret") -> bytes:
    raw, _ = pdf_bytes()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Звіт про відмову в лікуванні"
    document.add_paragraph("Перший абзац: лікарня в Мелітополі.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Дата"
    table.cell(0, 1).text = "Подія"
    table.cell(1, 0).text = "2023-08-14"
    table.cell(1, 1).text = "Відмова без полісу ОМС"
    document.add_paragraph("Останній абзац після таблиці.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def eml_bytes(attachments: list[tuple[str, bytes, str]], *, html_only: bool = False,
              forwarded: EmailMessage | None = None) -> bytes:
    return eml_message(attachments, html_only=html_only, forwarded=forwarded).as_bytes()


def eml_message(attachments: list[tuple[str, bytes, str]], *, html_only: bool = False,
                forwarded: EmailMessage | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "monitor@example.org"
    msg["To"] = "desk@example.org"
    msg["Subject"] = "Відмова в медичній допомозі, Херсонщина"
    msg["Date"] = "Mon, 14 Aug 2023 10:30:00 +0300"
    if html_only:
        msg.set_content("<p>Пациентам без паспорта РФ отказывают.</p>", subtype="html")
    else:
        msg.set_content("Пацієнтам без паспорта РФ відмовляють у лікуванні.")
    for name, data, ctype in attachments:
        main, sub = ctype.split("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    if forwarded is not None:
        msg.add_attachment(forwarded)
    return msg
