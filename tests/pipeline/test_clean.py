"""The clean stage: boilerplate removal on page dumps, HTML alignment, offsets, hostile input."""

from __future__ import annotations

import pytest

from carewatch.pipeline import Document, run_text
from carewatch.pipeline.stages.clean import clean
from carewatch.pipeline.text.sentences import MAX_SENTENCE, sentences

EN_DUMP = """Skip to content
THE HARBOUR GAZETTE
Home | World | Occupied Territories | Health | Opinion
Search

News

Clinics in occupied Tokmak refuse patients without Russian papers

by Jane Roe   March 3, 2024 10:12 AM   3 min read
Photo: A closed polyclinic in Tokmak. (Jane Roe/Reuters via Getty Images)
Listen to this article

Doctors in occupied Tokmak have stopped seeing patients who lack a Russian compulsory insurance policy, a local volunteer network said on Saturday.

The policy can only be issued to holders of a Russian passport, the volunteers said.

A pensioner was sent home.

Share:  Facebook  Telegram  X
Read also: Spring floods expected along the Desna river

Enter your email to subscribe
* indicates required
Email Address *
[ Subscribe ]

News Feed
9:15 AM
Parliament debates the new budget code in a late session.
A long paragraph about an unrelated topic that reads like an article, with a full stop at its end.
MORE NEWS
We use cookies to improve your experience. By browsing you agree to our cookie policy.
(c) 2024 The Harbour Gazette. All rights reserved.
"""

EN_KEPT = [
    "Clinics in occupied Tokmak refuse patients without Russian papers",
    "by Jane Roe   March 3, 2024 10:12 AM   3 min read",
    "Doctors in occupied Tokmak have stopped seeing patients who lack a Russian compulsory insurance "
    "policy, a local volunteer network said on Saturday.",
    "The policy can only be issued to holders of a Russian passport, the volunteers said.",
    "A pensioner was sent home.",
]

UK_DUMP = """ВІСНИК ПІВДНЯ
Головна | Новини | Окупація | Здоров'я | Контакти
Ми використовуємо файли cookie. [Зрозуміло]
Головна → Окупація

У Скадовську лікарня приймає лише власників російських паспортів

12.02.2024, 14:05

У тимчасово окупованому м. Скадовськ лікарі відмовляють у допомозі людям без полісу ОМС, повідомляє Центр національного спротиву.

Жінці з діабетом не видали інсуліну.

Поділитися: Facebook | Telegram | Viber
Фото: ілюстративне

Читайте також
• Курс гривні на вихідні
• Прогноз погоди: мокрий сніг

Коментарі (2)
Олег: жах
© 2024 Вісник Півдня. Усі права захищено.
"""

UK_KEPT = [
    "У Скадовську лікарня приймає лише власників російських паспортів",
    "12.02.2024, 14:05",
    "У тимчасово окупованому м. Скадовськ лікарі відмовляють у допомозі людям без полісу ОМС, "
    "повідомляє Центр національного спротиву.",
    "Жінці з діабетом не видали інсуліну.",
]

RU_DUMP = """Главная | Новости | Война | Общество
🔍 Поиск по сайту
Мы используем cookie. Продолжая, вы соглашаетесь.

В оккупированном Мелитополе ВИЧ-положительным предлагают терапию в обмен на контракт

Оккупанты предлагают ВИЧ-положительным жителям г. Мелитополь лекарства только при условии подписания контракта с армией РФ, сообщают правозащитники.
Об этом рассказала жительница города.

Подписывайтесь на наш Telegram-канал!
Лента новостей
10:15 Тарифы на свет вырастут
09:40 Синоптики обещают дожди до конца недели, а также сильный ветер и гололед на дорогах области.
© 2024 Новости Юга. Все права защищены.
"""

RU_KEPT = [
    "В оккупированном Мелитополе ВИЧ-положительным предлагают терапию в обмен на контракт",
    "Оккупанты предлагают ВИЧ-положительным жителям г. Мелитополь лекарства только при условии "
    "подписания контракта с армией РФ, сообщают правозащитники.",
    "Об этом рассказала жительница города.",
]


def _clean(text: str, media_type: str = "text/plain") -> Document:
    return run_text(text, media_type=media_type, names=("clean",))


def _kept_lines(doc: Document) -> list[str]:
    return [ln for ln in doc.clean_text.split("\n") if ln]


def assert_offsets_exact(doc: Document) -> None:
    """Every run is identical text; every sentence inside one run maps to the same words."""
    for c, o, n in doc.offsets.runs:
        assert doc.clean_text[c:c + n] == doc.text[o:o + n]
    for s, e in doc.sentences:
        o_start, o_end = doc.offsets.span(s, e)
        inside = any(c <= s and e <= c + n for c, _, n in doc.offsets.runs)
        if inside:
            assert doc.text[o_start:o_end] == doc.clean_text[s:e]
        ev = doc.evidence(s, e)
        assert ev.text == doc.text[ev.start:ev.end]


@pytest.mark.parametrize(("dump", "kept"), [(EN_DUMP, EN_KEPT), (UK_DUMP, UK_KEPT), (RU_DUMP, RU_KEPT)])
def test_page_dump_keeps_exactly_the_article(dump: str, kept: list[str]) -> None:
    doc = _clean(dump)
    assert _kept_lines(doc) == kept
    assert_offsets_exact(doc)


def test_clean_statement_is_kept_whole() -> None:
    text = ("Заява\n\nМене звати Марія. Я живу в с. Велика Лепетиха.\nЛікар сказав: «Без паспорта РФ не "
            "приймемо».\nТак.\n\nFeb. 2024\n")
    doc = _clean(text)
    assert _kept_lines(doc) == [ln for ln in text.split("\n") if ln]
    assert doc.offsets.runs[0] == (0, 0, len("Заява"))
    assert_offsets_exact(doc)


def test_sentences_respect_abbreviations_and_initials() -> None:
    text = ("Мешканка м. Енергодар, вул. Центральна, розповіла про це. У Запорізькій обл. ліків немає! "
            "В. Путін підписав указ. The U.S. Dr. Smith said so on Jan. 5 2024. «Ні», — сказала вона. "
            "Он живет в г. Херсон, ст. 438 УК.")
    got = [text[s:e] for s, e in sentences(text)]
    assert got == [
        "Мешканка м. Енергодар, вул. Центральна, розповіла про це.",
        "У Запорізькій обл. ліків немає!",
        "В. Путін підписав указ.",
        "The U.S. Dr. Smith said so on Jan. 5 2024.",
        "«Ні», — сказала вона.",
        "Он живет в г. Херсон, ст. 438 УК.",
    ]


def test_html_entities_and_inline_tags_align_to_source() -> None:
    html = (
        "<!doctype html><html><head><title>Denied care | Site</title>"
        "<script>var leak = 'SECRET_SCRIPT_TEXT';</script><style>p{color:red}</style></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><article><h1>Denied care in Melitopol</h1>"
        "<p>In occupied Melitopol&nbsp;doctors refused to treat patients without a <b>Russian</b> "
        "passport, the Center &amp; volunteers said on Monday. The refusals began in Jan&shy;uary.</p>"
        "<p>A diabetic woman was told to obtain an OMS policy first; she could not get in<i>sul</i>in "
        "for three weeks, her neighbour reported to the rights group.</p></article>"
        "<footer>&copy; 2024 Site. All rights reserved.</footer></body></html>"
    )
    doc = _clean(html, "text/html")
    assert "SECRET_SCRIPT_TEXT" not in doc.clean_text
    assert "All rights reserved" not in doc.clean_text
    assert doc.title
    assert_offsets_exact(doc)
    for word in ("Melitopol", "Russian", "OMS", "Monday"):
        i = doc.clean_text.index(word)
        ev = doc.evidence(i, i + len(word))
        assert ev.text == word
    i = doc.clean_text.index("insulin")
    assert doc.evidence(i, i + len("insulin")).text == "in<i>sul</i>in"
    i = doc.clean_text.index("Center & volunteers")
    assert doc.evidence(i, i + len("Center & volunteers")).text == "Center &amp; volunteers"


def test_html_detected_without_media_type_and_tiny_html_falls_back() -> None:
    doc = _clean("<html><body><p>Лікарня в Олешках закрита.</p><script>alert(1)</script></body></html>")
    assert "Олешках" in doc.clean_text
    assert "alert" not in doc.clean_text
    assert_offsets_exact(doc)


def test_empty_and_whitespace_only() -> None:
    for text in ("", "   \n\n\t  \n"):
        doc = Document(text=text)
        clean(doc)
        assert doc.clean_text == ""
        assert doc.sentences == []
        assert doc.paragraphs == []


def test_only_boilerplate_leaves_nothing_real() -> None:
    doc = _clean("Skip to content\nHome | News | Contacts\nSubscribe\n© 2024 Site. All rights reserved.\n")
    assert doc.clean_text == ""


def test_megabyte_single_line_without_punctuation_is_chunked() -> None:
    text = "лікарі відмовляють без паспорта " * 33_000
    doc = _clean(text)
    assert len(doc.clean_text) > 1_000_000
    assert doc.sentences
    assert max(e - s for s, e in doc.sentences) <= MAX_SENTENCE
    assert_offsets_exact(doc)


def test_megabyte_of_one_repeated_line() -> None:
    line = "Окупанти не приймають пацієнтів без полісу ОМС у м. Бердянськ.\n"
    doc = _clean(line * 16_000)
    assert len(doc.sentences) == 16_000
    assert len(doc.offsets.runs) == 16_000


def test_control_zero_width_and_bidi_characters_are_removed_but_mapped() -> None:
    text = "Лікар\u200bня в\x00 Каховці\u202e закрита\ufeff. Patients\u200f were sent away\x07."
    doc = _clean(text)
    assert doc.clean_text == "Лікарня в Каховці закрита. Patients were sent away."
    assert_offsets_exact(doc)
    i = doc.clean_text.index("Каховці")
    ev = doc.evidence(i, i + len("Каховці"))
    # an end at a run boundary may take the removed mark with it (OffsetMap snaps forward)
    assert ev.text.replace("\u202e", "") == "Каховці"


def test_crlf_and_tabs() -> None:
    doc = _clean("Title line\r\n\r\nFirst sentence here.\tSecond one.\r\n")
    assert _kept_lines(doc) == ["Title line", "First sentence here.\tSecond one."]
    assert_offsets_exact(doc)
