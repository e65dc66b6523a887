"""The ``clean`` stage: the article text, its map back to the original, sentences, paragraphs.

First stage of the pipeline. HTML goes through trafilatura and is aligned back to the source
(``text.html_align``); a plain-text page dump loses its menus, feeds and footers
(``boilerplate``); any other plain text is kept whole. Every later stage reads ``clean_text``
and builds evidence through ``doc.offsets``, so each run in the map covers characters that
are identical in ``clean_text`` and ``doc.text``.
"""

from __future__ import annotations

import re

from carewatch.pipeline import boilerplate
from carewatch.pipeline.document import Document
from carewatch.pipeline.registry import stage
from carewatch.pipeline.text import html_align
from carewatch.pipeline.text.builder import CleanBuilder, visible_bounds
from carewatch.pipeline.text.sentences import paragraphs, sentences

_LINE = re.compile(r"[^\n]*(?:\n|$)")


@stage("clean", version="v1", requires=("text",),
       provides=("clean_text", "offsets", "sentences", "paragraphs"))
def clean(doc: Document) -> None:
    """Fill clean_text, offsets, sentences and paragraphs of ``doc``."""
    if html_align.looks_like_html(doc.text, doc.media_type):
        _clean_html(doc)
    else:
        _clean_plain(doc)
    doc.paragraphs = paragraphs(doc.clean_text)
    doc.sentences = sentences(doc.clean_text, doc.paragraphs)


def _clean_html(doc: Document) -> None:
    words, visible = html_align.visible_words(doc.text)
    main, title = html_align.extract(doc.text)
    doc.clean_text = main or visible
    doc.offsets = html_align.align(doc.clean_text, words)
    if not doc.title and title:
        doc.title = title.strip()


def split_lines(text: str) -> list[boilerplate.Line]:
    """Non-blank lines with their visible bounds in ``text``; a blank line is kept as ''."""
    lines: list[boilerplate.Line] = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.end() == m.start():
            break
        start, end = visible_bounds(text, m.start(), m.end())
        lines.append(boilerplate.Line(start, end, text[start:end]))
    return lines


def _clean_plain(doc: Document) -> None:
    lines = split_lines(doc.text)
    content = [ln for ln in lines if ln.text]
    kept = boilerplate.article_lines(content) if boilerplate.looks_like_dump(content) else content
    keep = {ln.start for ln in kept}
    builder = CleanBuilder(doc.text)
    blank = False
    for ln in lines:
        if not ln.text:
            blank = True
            continue
        if ln.start not in keep:
            blank = True  # a dropped line separates what surrounds it
            continue
        if builder.length:
            builder.insert("\n\n" if blank else "\n")
        builder.copy(ln.start, ln.end)
        blank = False
    doc.clean_text = builder.text()
    doc.offsets = builder.offsets


