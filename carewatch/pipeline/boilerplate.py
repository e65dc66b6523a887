"""Find the article in a plain-text dump of a web page (menus, feeds and footers dropped).

Used by the ``clean`` stage on text that is not HTML. First the text is judged: only a dump
with several page-furniture cues is trimmed; a statement or testimony is kept whole. In a dump
each line is scored from its features (cue phrases in uk/ru/en, menu separators, all-caps
mastheads, short lines without sentence punctuation); a "news feed" heading after the article
ends it, since what follows is a list of unrelated headlines. jusText was tried and lost: on
such dumps it drops titles and keeps feeds and subscribe boxes, so these rules replace it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A whole line that announces unrelated headlines (feeds, related, popular, comments).
_FEED = re.compile(
    r"^[\W_]*(news ?feed|more news|latest news|related( news| stories| articles)?|read more|"
    r"read also|see also|editors'? picks|most (read|popular)|popular|top stories|comments?|"
    r"leave a (comment|reply)|"
    r"новини|останні новини|стрічка новин|читайте також|читайте ще|дивіться також|"
    r"матеріали за темою|по темі|популярне( за \w+)?|найпопулярніше|коментарі|"
    r"залиште (свій )?коментар|обговорення|"
    r"новости|последние новости|лента новостей|читайте также|смотрите также|"
    r"материалы по теме|популярное|самое читаемое|комментарии|обсуждение|"
    r"оставьте (свой )?комментарий)[\W\d_]*$",
)

# Cue phrases that mark a line as page furniture: widgets, consent banners, share rows,
# legal footers, photo credits, "read also" links.
_CUES = re.compile(
    r"skip to (main )?content|edit post|share( this)?:|^share$|subscribe|newsletter|"
    r"indicates required|cookie|privacy policy|all rights reserved|^\(c\)|©|"
    r"created with ai|enter your e-?mail|^\W*e-?mail( address)?\b|listen to (this )?article|"
    r"прослухати|слухати (статтю|новину)|прослушать|"
    r"перейти до (основного )?(змісту|вмісту)|поділитися|підпис(уйтеся|атися)|"
    r"розсилк|файл(и|ів) cookie|права захищен|"
    r"перейти к (основному )?содержани|поделиться|подпис(ывайтесь|аться)|рассылк|"
    r"права защищен|"
    r"^(read (also|more)|see also|читайте (також|ще|также)|дивіться також|смотрите также)\s*:|"
    r"(^|\()(фото|photo|photos|video|відео|видео)( ?:|\s*[—-])|getty images|shutterstock|"
    r"\bvia reuters\b|\bap photo\b",
)
# Weaker cues, trusted only on short lines (a body sentence may say "registered" or "login").
_SHORT_CUES = re.compile(
    r"log ?in|sign (in|up)|advertis|реклама|увійти|войти|коментувати|комментировать|"
    r"зареєстр|зарегистр|search|пошук|поиск",
)
_MENU_SEPARATORS = re.compile(r"\s[|•·/→>»]\s|\s{3,}|\t")
_SENTENCE_END = re.compile(r"[.!?…:;»\"”)]\s*$")
_FORM = re.compile(r"_{3,}|\[[^\]]{1,30}\]|-{5,}|={5,}|\*\s*$")
_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b(19|20)\d\d\b")
_LETTER = re.compile(r"[^\W\d_]")

MIN_CUES = 2  # fewer than this and the text is treated as already clean


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def is_feed_heading(text: str) -> bool:
    return len(text) <= 40 and bool(_FEED.match(text.lower()))


@lru_cache(maxsize=8192)  # each line is judged twice (dump test, then article lines)
def is_cue_line(text: str) -> bool:
    if len(text) > 200:
        return False
    low = text.lower()  # the cue patterns are lower case: cheaper than re.IGNORECASE
    return bool(_CUES.search(low)) or (len(text) <= 60 and bool(_SHORT_CUES.search(low)))


def is_menu_line(text: str) -> bool:
    """Several short items separated by bars, bullets, arrows or wide gaps."""
    items = [p for p in _MENU_SEPARATORS.split(text) if p.strip()]
    if len(items) < 2 or (_SENTENCE_END.search(text) and len(text) > 80):
        return False
    return all(len(p.split()) <= 4 for p in items)


def is_masthead(text: str) -> bool:
    """An all-capitals line (site name, section banner)."""
    return text.isupper() and len(_LETTER.findall(text[:40])) >= 3


def is_junk(text: str) -> bool:
    """A line that is page furniture wherever it stands in a dump."""
    if not _LETTER.search(text) or _FORM.search(text):
        return True
    return is_cue_line(text) or is_menu_line(text) or is_masthead(text) or is_feed_heading(text)


def is_prose(text: str) -> bool:
    """A body paragraph: long, several words, ends like a sentence."""
    return len(text) >= 80 and len(text.split()) >= 10 and bool(_SENTENCE_END.search(text))


def looks_like_dump(lines: list[Line]) -> bool:
    score = sum(1 for ln in lines if is_cue_line(ln.text) or is_feed_heading(ln.text)
                or is_menu_line(ln.text) or bool(_FORM.search(ln.text)))
    return score >= MIN_CUES


def article_lines(lines: list[Line]) -> list[Line]:
    """The lines of a page dump that belong to the article (title, byline, body)."""
    first = next((i for i, ln in enumerate(lines) if is_prose(ln.text)), None)
    if first is None:
        return [ln for ln in lines if not is_junk(ln.text) and len(ln.text.split()) >= 4]
    end = _feed_start(lines, first)
    head = [ln for ln in lines[:first] if _keep_in_head(ln.text)]
    body = [ln for ln in lines[first:end] if not is_junk(ln.text)]
    return head + body


def _feed_start(lines: list[Line], first: int) -> int:
    """Index of the first feed heading after the article starts (or the end)."""
    for i in range(first + 1, len(lines)):
        if is_feed_heading(lines[i].text):
            return i
    return len(lines)


def _keep_in_head(text: str) -> bool:
    """Before the first body paragraph keep only a title, a byline or a date line."""
    if len(text) <= 120 and _DATE.search(text) and not is_cue_line(text):
        return True  # the publication date: later stages may want it
    return not is_junk(text) and len(text.split()) >= 4
