"""Text → lemma string for full-text search (uk/ru/en), shared by indexing and querying.

Sits between the pipeline and ``carewatch.store.search``: the search index stores, next to each
report's text, a column of lemma keys, and a query is turned into keys the same way, so
"паспортом" finds "паспорта" and "refused" finds "refuses". It reuses the cached pymorphy3
lemma lookup of :mod:`carewatch.pipeline.rules.lemmas` instead of keeping a second cache.
"""

from __future__ import annotations

import re

from carewatch.pipeline.rules.lemmas import _TOKEN, word_keys

MAX_QUERY_TERMS = 12  # a search box is not a document: longer queries are cut
_SAFE_KEY = re.compile(r"[^\w']+")


def _clean(key: str) -> str:
    """A key as the index stores it: apostrophes folded, no punctuation left (FTS5 syntax)."""
    return _SAFE_KEY.sub("", key.replace("'", ""))


def token_keys(word: str, lang: str | None = None) -> tuple[str, ...]:
    """The surface form and lemma(s) of one word, cleaned for the index; deduplicated."""
    out: list[str] = []
    for key in word_keys(word, lang):
        k = _clean(key)
        if k and k not in out:
            out.append(k)
    return tuple(out)


def lemma_text(text: str, lang: str | None = None) -> str:
    """Every word of ``text`` as its keys (surface form and lemmas), space-separated.

    Indexing all readings keeps recall when pymorphy3 ranks a wrong parse first.
    """
    return " ".join(" ".join(token_keys(m.group(), lang)) for m in _TOKEN.finditer(text))


def query_terms(query: str, lang: str | None = None) -> list[tuple[str, ...]]:
    """A query as a list of terms, each the alternative keys that may match it."""
    terms: list[tuple[str, ...]] = []
    for m in _TOKEN.finditer(query):
        keys = token_keys(m.group(), lang)
        if keys and keys not in terms:
            terms.append(keys)
        if len(terms) >= MAX_QUERY_TERMS:
            break
    return terms
