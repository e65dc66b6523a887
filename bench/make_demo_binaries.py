"""Generate the non-UTF-8 and binary files of the bundled demo corpus.

The demo corpus (carewatch/demo/corpus) must exercise every intake path: legacy encodings
(cp1251, koi8-r, utf-16), e-mail with an attachment, PDF with a text layer, DOCX, JSON Lines
and CSV. Those files are awkward to write by hand, so this script writes them from the
fictional texts below. The generated files are committed; the package never runs this script.

Run: .venv/bin/python bench/make_demo_binaries.py
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "carewatch" / "demo" / "corpus"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
UK = "ВИГАДАНИЙ ПРИКЛАД — демо-дані для carewatch"
RU = "ВЫМЫШЛЕННЫЙ ПРИМЕР — демо-данные для carewatch"
EN = "FICTIONAL EXAMPLE — demo data for carewatch"


def wrap(marker: str, body: str) -> str:
    """Put the fictional marker on the first and last line of a report."""
    return f"{marker}\n\n{body.strip()}\n\n{marker}\n"


UK_TOKMAK = wrap(UK, """
Токмак: без поліса ОМС до лікаря не потрапити

Як повідомляє вигадане видання «Вісник Півдня» з посиланням на Центр національного спротиву, з 1 січня 2024 року в лікарні окупованого Токмака відмовляються лікувати людей без російського поліса обов'язкового медичного страхування. Поліс видають лише тим, хто вже отримав паспорт рф.

Людей з українськими документами розвертають ще в реєстратурі. Швидка приїжджає тільки до тих, чиє життя під загрозою, а перев'язки й огляди після операцій не роблять. Літній жінці після інфаркту порадили "повернутися з паспортом".

У ЦНС вважають, що так окупанти примушують мешканців Токмака брати російське громадянство: без паспорта людина втрачає не лише лікування, а й пенсію та соціальні виплати.
""")

RU_SKADOVSK = wrap(RU, """
Больницу в Скадовске отдали под раненых российских военных

В августе 2023 года центральную районную больницу оккупированного Скадовска фактически превратили в военный госпиталь, сообщил Центр национального сопротивления. Хирургическое и травматологическое отделения полностью заняты ранеными военнослужащими РФ.

Гражданских пациентов выписали, новых не госпитализируют: в приёмном отделении жителям советуют ехать в Крым. По данным ЦНС, из больницы также вывезли аппарат искусственной вентиляции лёгких и часть рентгеновского оборудования.

Амбулаторный приём для местных жителей сократили до двух часов в день. Тем, кому нужна плановая операция, остаётся ждать или платить частным врачам.
""")

EN_BERDIANSK = wrap(EN, """
Insulin only for Russian passport holders in occupied Berdiansk

People with diabetes in occupied Berdiansk have struggled to obtain insulin for weeks, the fictional local initiative "Azov Patient" said. Since March 2024, free insulin has been dispensed only on prescriptions that doctors issue to holders of a Russian passport and an OMS insurance policy; patients with Ukrainian documents are turned away.

"My mother is seventy-two and has type 2 diabetes. We were told: get a passport and then we will talk," said a resident the initiative calls Svitlana Fictionko.

Insulin rarely appears in commercial pharmacies and costs several times the pre-occupation price.
""")

UK_ENERHODAR = [
    UK,
    "Енергодар: медиків затримують за відмову від російських паспортів",
    "Центр національного спротиву повідомляє, що у жовтні 2023 року в окупованому Енергодарі "
    "співробітники фсб затримали трьох лікарів міської лікарні, які відмовилися подавати "
    "документи на паспорт рф.",
    "Медиків кілька днів утримували в підвалі колишнього відділу поліції і відпустили лише після "
    "того, як вони підписали заяви про прийняття російського громадянства.",
    "Решті персоналу дали два тижні на оформлення паспортів. Тим, хто не встигне, пригрозили "
    "звільненням і виселенням зі службового житла.",
    UK,
]

EN_ENERHODAR = [
    EN,
    "Enerhodar doctors detained for refusing Russian passports",
    "Three doctors from the city hospital in occupied Enerhodar were detained by Russian FSB "
    "officers in October 2023 after they refused to apply for Russian passports, Ukraine's "
    "National Resistance Center said.",
    "The NRC said the doctors were held for several days in the basement of a former police "
    "station and released only after signing applications for Russian citizenship.",
    "Other hospital staff were given two weeks to obtain passports or face dismissal and eviction "
    "from staff housing.",
    EN,
]

JSONL = [
    {"text": wrap(RU, """
Бердянск: инсулин выдают только при наличии паспорта РФ

С марта 2024 года в аптеках оккупированного Бердянска бесплатный инсулин отпускают только по рецептам, которые врачи выписывают обладателям российского паспорта и полиса ОМС. Об этом сообщила вымышленная инициатива «Приазовский пациент». Людям с украинскими документами отказывают в приёме, а в коммерческих аптеках инсулин появляется редко и стоит в несколько раз дороже, чем до оккупации. Семьи ищут лекарство через знакомых или просят передать его с подконтрольной Украине территории.
"""), "url": "https://example.org/demo/ru/berdiansk-insulin", "title": "Бердянск без инсулина",
     "published": "2024-03-28"},
    {"text": wrap(EN, """
Cancer patients in occupied Mariupol left without chemotherapy

Treatment of cancer patients in occupied Mariupol effectively stopped in December 2023, the Mariupol City Council said. Hospitals have no anti-cancer drugs, and referrals for treatment are issued only to people with an OMS policy, which in turn requires a Russian passport. Relatives of a woman with breast cancer told the council she had been refused a course of chemotherapy because she had no Russian documents. The council asked residents in similar situations to call its hotline so the cases can be documented.
"""), "url": "https://example.org/demo/en/mariupol-oncology", "title": "Mariupol cancer patients without care",
     "published": "2024-01-15"},
    {"text": wrap(UK, """
У Василівці окупанти забрали машини швидкої допомоги

У травні 2023 року російські військові забрали з центру екстреної медичної допомоги в окупованій Василівці три автомобілі швидкої. Про це розповіли вигаданому виданню «Запорізький пульс» медики, які згодом виїхали з міста. Тепер на все місто лишилася одна стара машина, і на виклики до сіл бригада не встигає. Водіїв попередили, що решту транспорту також можуть "мобілізувати" для потреб армії. Медики кажуть, що разом з автомобілями зникли дефібрилятор і кисневі балони, які були закуплені ще до окупації.
"""), "url": "https://example.org/demo/uk/vasylivka-ambulances", "title": "Василівка без швидких",
     "published": "2023-06-02"},
]

CSV_ROWS = [
    {"text": wrap(UK, """
У квітні 2023 року в окупованому Криму кримським татарам масово вручали повістки до російської армії. За даними вигаданої правозахисної групи «Кримський дозор», повістки приносили просто на роботу та вручали після обшуків у Бахчисараї та навколишніх селах. Чоловіків погрожували переслідувати за "ухилення", якщо вони не з'являться до військкомату. Правозахисники наголошують, що окупант не має права призивати жителів окупованої території до своєї армії, і просять родини фіксувати кожен випадок: дату, місце та хто саме вручав повістку.
"""), "title": "Повістки кримським татарам", "url": "https://example.org/demo/uk/crimea-summons",
     "published": "2023-04-20"},
    {"text": wrap(RU, """
В апреле 2023 года в оккупированном Крыму крымским татарам массово вручали повестки в российскую армию, сообщает вымышленная правозащитная группа «Крымский дозор». Повестки приносили на работу и вручали после обысков в Бахчисарае и окрестных сёлах. Мужчинам угрожали уголовным преследованием за "уклонение", если они не явятся в военкомат. Правозащитники подчёркивают, что оккупирующая держава не вправе призывать жителей оккупированной территории в свою армию, и просят семьи записывать каждый случай: дату, место и кто именно вручал повестку.
"""), "title": "Повестки крымским татарам", "url": "https://example.org/demo/ru/crimea-summons",
     "published": "2023-04-21"},
    {"text": wrap(EN, """
Ambulance crews in occupied Sevastopol were ordered in August 2023 to take wounded Russian soldiers first and to leave civilian calls waiting, paramedics told the fictional outlet Crimea Monitor. Two wards of the city hospital were closed to civilians and kept for the military. One paramedic said an elderly man with a stroke waited more than three hours for a crew. Staff who questioned the order were told that "the front comes first" and that civilian patients could go to private clinics if they could pay.
"""), "title": "Sevastopol ambulances put at the army's disposal", "url": "https://example.org/demo/en/sevastopol",
     "published": "2023-09-05"},
]

EML_BODY = wrap(UK, """
Добрий день,

надсилаю свідчення медсестри з Каховки (ім'я вигадане: Леся Неіснуюча, тел. +380 63 000 44 55). Вона розповіла, що з вересня 2023 року її та ще шістьох медсестер міської лікарні змушують працювати в хірургічному відділенні, яке окупанти віддали під поранених російських військових. Цивільних пацієнтів туди більше не приймають.

Відмовитися вони не можуть: їм пригрозили "підвалом" і позбавленням житла. Документи медсестер забрали до "відділу кадрів" і не повертають.

Англомовний підсумок розмови додаю у вкладенні.

З повагою,
волонтерка вигаданої ініціативи «Голос лікарні»
""")

EML_ATTACHMENT = wrap(EN, """
Interview summary (fictional): nurse from Kakhovka

Since September 2023, the nurse and six colleagues at the Kakhovka city hospital have been made to work in the surgical ward that the occupation forces took over for wounded Russian soldiers. Civilian patients are no longer admitted to that ward. The nurses were threatened with detention "in the basement" and with losing their homes if they refused, and their identity documents were taken by the hospital's new administration.
""")


def write_encoded() -> None:
    """Legacy encodings: the intake must detect them without a hint (koi8-r has no em dash)."""
    (CORPUS / "uk-02-tokmak-oms-cp1251.txt").write_bytes(UK_TOKMAK.encode("cp1251"))
    (CORPUS / "ru-03-skadovsk-koi8r.txt").write_bytes(RU_SKADOVSK.replace("—", "-").encode("koi8-r"))
    (CORPUS / "en-06-berdiansk-insulin-utf16.txt").write_bytes(EN_BERDIANSK.encode("utf-16"))


def write_docx() -> None:
    """A Word document with a heading and paragraphs."""
    import docx

    document = docx.Document()
    document.add_paragraph(UK_ENERHODAR[0])
    document.add_heading(UK_ENERHODAR[1], level=1)
    for para in UK_ENERHODAR[2:]:
        document.add_paragraph(para)
    document.core_properties.title = UK_ENERHODAR[1]
    document.core_properties.created = datetime(2023, 11, 2, tzinfo=UTC)
    document.save(str(CORPUS / "uk-05-enerhodar-doctors.docx"))


def write_pdf() -> None:
    """A PDF with a real text layer (DejaVu when present, so Cyrillic would also work)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2023, 11, 3, tzinfo=UTC))
    pdf.add_page()
    if FONT.exists():
        pdf.add_font("DejaVu", fname=str(FONT))
        pdf.set_font("DejaVu", size=12)
    else:
        pdf.set_font("Helvetica", size=12)
    pdf.set_title(EN_ENERHODAR[1])
    for para in EN_ENERHODAR:
        text = para if FONT.exists() else para.replace("—", "-")
        pdf.multi_cell(0, 7, text)
        pdf.ln(3)
    pdf.output(str(CORPUS / "en-05-enerhodar-doctors.pdf"))


def write_jsonl_csv() -> None:
    """Multi-record files: one report per line or row."""
    lines = [json.dumps(rec, ensure_ascii=False) for rec in JSONL]
    (CORPUS / "mixed-04-feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["text", "title", "url", "published"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(CSV_ROWS)
    (CORPUS / "mixed-05-sheet.csv").write_text(buf.getvalue(), encoding="utf-8")


def write_eml() -> None:
    """An e-mail with a plain-text body and one text attachment."""
    msg = EmailMessage()
    msg["From"] = "Volunteer Demo <volunteer@example.org>"
    msg["To"] = "Documentation Desk <desk@example.org>"
    msg["Subject"] = "Свідчення медсестри з Каховки (вигаданий приклад)"
    msg["Date"] = format_datetime(datetime(2023, 10, 20, 9, 30, tzinfo=UTC))
    msg["Message-ID"] = "<demo-kakhovka-nurse@example.org>"
    msg.set_content(EML_BODY)
    msg.add_attachment(EML_ATTACHMENT.encode("utf-8"), maintype="text", subtype="plain",
                       filename="interview-summary-en.txt")
    (CORPUS / "uk-13-kakhovka-nurse.eml").write_bytes(bytes(msg))


def main() -> None:
    """Write every generated corpus file."""
    write_encoded()
    write_docx()
    write_pdf()
    write_jsonl_csv()
    write_eml()
    print(f"wrote demo binaries into {CORPUS}")


if __name__ == "__main__":
    main()
