"""Split clean text into paragraphs and sentences (spans), for uk/ru/en news and testimony.

Runs inside the ``clean`` stage after boilerplate removal. Rules, not a model: a boundary is
terminal punctuation (plus closing quotes/brackets) followed by space and a capital, digit,
dash or opening quote, unless the word before the dot is a known abbreviation or an initial
("м.", "обл.", "U.S.", "Dr.", "В. Путін"). Lines that end a sentence or look like headings
end it too. Text with no punctuation falls back to chunks of at most :data:`MAX_SENTENCE`.
"""

from __future__ import annotations

import re

MAX_SENTENCE = 1000

_ABBREVIATIONS = """
м г с смт сел обл р-н р-ну рр гг р ст вул ул просп пр пл буд д кв тис млн млрд грн руб коп
див ім им т.б т.д т.п т.е т.ч напр див пп проф акад доц канд ген полк підп ін др
mr mrs ms dr prof st gen col lt sgt rep sen gov jr sr inc ltd co corp no vs etc approx est
jan feb mar apr jun jul aug sep sept oct nov dec fig p pp vol ed
"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())

_BOUNDARY = re.compile(
    r"""[.!?…]+["'»”’)\]]*(?=\s+["'«“„(\[—–-]*[\d\w])""",
)
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
_PARA_SPLIT = re.compile(r"\n[ \t]*\n")
_CLOSERS = ".!?…:;\"'»”’)"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blocks separated by blank lines, trimmed of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_SPLIT.finditer(text):
        _add_trimmed(text, pos, m.start(), out)
        pos = m.end()
    _add_trimmed(text, pos, len(text), out)
    return out


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def sentences(text: str, paras: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentence spans over ``text``, never crossing a paragraph and never longer than the cap."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in paras if paras is not None else paragraphs(text):
        for l_start, l_end in _line_groups(text, p_start, p_end):
            for s_start, s_end in _split_line_group(text, l_start, l_end):
                out.extend(_cap(text, s_start, s_end))
    return out


def _line_groups(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Join hard-wrapped lines; break after lines that end a sentence or look like headings."""
    groups: list[tuple[int, int]] = []
    g_start = start
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl < 0:
            break
        line = text[pos:nl].rstrip()
        nxt = text[nl + 1:end].lstrip()[:1]
        wrapped = len(line) >= 50 and line[-1:] not in _CLOSERS and nxt.islower()
        if not wrapped:
            _add_trimmed(text, g_start, nl, groups)
            g_start = nl + 1
        pos = nl + 1
    _add_trimmed(text, g_start, end, groups)
    return groups


def _split_line_group(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    s_start = start
    for m in _BOUNDARY.finditer(text, start, end):
        if text[m.start()] == "." and _is_abbreviation(text, s_start, m.start()):
            continue
        _add_trimmed(text, s_start, m.end(), out)
        s_start = m.end()
    _add_trimmed(text, s_start, end, out)
    return out


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, start, dot)
    if m is None:
        return False
    word = m.group(1)
    if word.lower().strip(".-") in ABBREVIATIONS or word.lower() in ABBREVIATIONS:
        return True
    last = word.rsplit(".", 1)[-1]
    if len(last) == 1 and last.isalpha():
        return True  # initial ("В. Зеленський") or dotted acronym ("U.S.")
    return "." in word and all(len(p) <= 2 for p in word.split(".") if p)  # "т.зв.", "e.g."


def _cap(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span longer than MAX_SENTENCE at whitespace (or hard, if there is none)."""
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, limit)
        cut = cut if cut > start else limit
        _add_trimmed(text, start, cut, out)
        start = cut
    _add_trimmed(text, start, end, out)
    return out
