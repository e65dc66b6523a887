"""Extract the main text of an HTML page and align it back to the HTML source.

Used by the ``clean`` stage for HTML reports. trafilatura finds the article; its output has
entities decoded and tags gone, so it cannot be located in the source by plain search. The
source is therefore read as a stream of visible words (script/style/comments skipped,
entities decoded, each character remembering where it came from) and the extracted words are
matched to them in order. Each matched word gets one offset run per literal piece, so an
evidence span lands on the same words in the HTML; decoded entities stay unmapped gaps.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

from carewatch.pipeline.offsets import OffsetMap
from carewatch.pipeline.text.builder import INVISIBLE

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|noscript|template|svg|title)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([a-zA-Z][\w:-]*)[^>]*>"
    r"|<![^>]*>|<\?[^>]*>"
    r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?"
    r"|[^<&]+|[<&]",
    re.DOTALL | re.IGNORECASE,
)
_INLINE_TAGS = ("a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span strong "
                "sub sup time u var wbr")
_INLINE = frozenset(_INLINE_TAGS.split())
_BLOCKISH = re.compile(r"<\s*(html|body|article|p|div|h[1-6]|li|table|section|main)\b", re.I)
_SPACE = re.compile(r"\s+")
_NONSPACE = re.compile(r"\S+")


@dataclass
class Word:
    """A visible word: its decoded text and (decoded_offset, source_start, length) literal pieces."""

    text: str = ""
    pieces: list[tuple[int, int, int]] = field(default_factory=list)


def looks_like_html(text: str, media_type: str = "") -> bool:
    if media_type in ("text/html", "application/xhtml+xml"):
        return True
    head = text[:2000].lower()
    if "<!doctype html" in head or "<html" in head:
        return True
    return len(_BLOCKISH.findall(text[:20000])) >= 3


class _Stream:
    """Collects visible words while the tokenizer walks the source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.words: list[Word] = []
        self.cur = Word()
        self.lines: list[list[str]] = [[]]

    def flush(self) -> None:
        if self.cur.text:
            self.words.append(self.cur)
            self.lines[-1].append(self.cur.text)
        self.cur = Word()

    def block(self) -> None:
        self.flush()
        if self.lines[-1]:
            self.lines.append([])

    def decoded(self, text: str) -> None:
        if not text or text.isspace():
            self.flush()
        else:
            self.cur.text += text

    def literal(self, start: int, end: int) -> None:
        """Literal characters, split into words at whitespace; invisible ones dropped."""
        pos = start
        for m in _GAP.finditer(self.source, start, end):
            self._piece(pos, m.start())
            pos = m.end()
            if m.group(0)[:1].isspace():
                self.flush()
        self._piece(pos, end)

    def _piece(self, start: int, end: int) -> None:
        if end > start:
            self.cur.pieces.append((len(self.cur.text), start, end - start))
            self.cur.text += self.source[start:end]


_GAP = re.compile(r"\s+|" + INVISIBLE.pattern)


def visible_words(source: str) -> tuple[list[Word], str]:
    """Words of the visible text in document order, and that text with blocks on new lines."""
    st = _Stream(source)
    for m in _TOKEN.finditer(source):
        tok = m.group(0)
        if m.group(1) is not None or tok.startswith(("<!", "<?")):
            st.flush()
        elif m.group(3) is not None:  # a tag: inline tags do not split words
            if m.group(3).lower() not in _INLINE:
                st.block()
        elif tok.startswith("&") and len(tok) > 1 and html.unescape(tok) != tok:
            st.decoded(INVISIBLE.sub("", html.unescape(tok)))
        else:
            st.literal(m.start(), m.end())
    st.flush()
    return st.words, "\n\n".join(" ".join(line) for line in st.lines if line)


def align(clean: str, words: list[Word]) -> OffsetMap:
    """Offset runs from ``clean`` to the source for every clean word matched to a source word."""
    out = [(m.start(), m.group(0)) for m in _NONSPACE.finditer(clean)]
    offsets = OffsetMap()
    for i, j in _match(words, [t for _, t in out]):
        for d_off, src, length in words[j].pieces:
            offsets.add(out[i][0] + d_off, src, length)
    return offsets


def _match(words: list[Word], out: list[str]) -> list[tuple[int, int]]:
    """Pairs (clean word, source word) in order: the next occurrence whose 3 words agree.

    trafilatura keeps document order, so a forward walk suffices; requiring the following
    words to agree too keeps a common word from matching far ahead in a menu or a footer.
    difflib gave the same pairs on test pages but cost more than the extraction itself.
    """
    src = [w.text for w in words]
    where: dict[str, list[int]] = {}
    for j, w in enumerate(src):
        where.setdefault(w, []).append(j)
    pairs: list[tuple[int, int]] = []
    j = 0
    n_src = len(src)
    for i, w in enumerate(out):
        if j < n_src and src[j] == w:  # the common case: the next source word (taken below too)
            pairs.append((i, j))
            j += 1
            continue
        places = where.get(w, [])
        k = bisect.bisect_left(places, j)
        ctx = out[i:i + 3]
        for p in places[k:k + 50]:
            if src[p:p + len(ctx)] == ctx or p == j:
                pairs.append((i, p))
                j = p + 1
                break
    return pairs


def extract(source: str) -> tuple[str, str | None]:
    """(main text with paragraphs separated by blank lines, title) for an HTML page."""
    import trafilatura  # heavy import, only when HTML arrives

    text = trafilatura.extract(source, include_comments=False) or ""
    return _paragraphs(text), page_title(source)


_TITLES = (
    re.compile(r"<meta\s[^>]*property=[\"']og:title[\"'][^>]*content=[\"']([^\"']*)", re.I),
    re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S),
    re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S),
)
_TAG = re.compile(r"<[^>]*>")


def page_title(source: str) -> str | None:
    """The page's title: og:title, else the first h1, else <title> (metadata extraction and
    its date search cost as much as the main-text extraction, so this is read directly)."""
    for pattern in _TITLES:
        m = pattern.search(source, 0, 200_000)
        if m:
            title = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", m.group(1)))).strip()
            if title:
                return title
    return None


def _paragraphs(text: str) -> str:
    lines = (_SPACE.sub(" ", INVISIBLE.sub("", ln)).strip() for ln in text.split("\n"))
    return "\n\n".join(ln for ln in lines if ln)
