"""The ``places`` stage: where the reported violations happened, as gazetteer places with evidence.

Runs after ``violations``. Finds gazetteer forms in ``clean_text`` (:mod:`carewatch.gazetteer`),
resolves each to one place, then keeps only places of the events: not datelines ("KYIV, Jan 5
(Reuters) -"), not deportation destinations ("вивезли до Криму"), not Russia, and, when the
document reports violations, only places named in a sentence with violation evidence or
occupation vocabulary, or in a paragraph with violation evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from carewatch.gazetteer import Entry, load
from carewatch.gazetteer.forms import find
from carewatch.gazetteer.resolve import Mention, resolve
from carewatch.model.evidence import Evidence
from carewatch.model.labels import PlaceLabel
from carewatch.pipeline.document import Document
from carewatch.pipeline.registry import stage

MAX_WORDS = 4
MAX_EVIDENCE = 25  # mentions kept as evidence per place; a reviewer needs a few, not thousands
_DATELINE_AFTER = re.compile(r"\s*(?:,\s*[^\n()—–,]{1,30}?)?\s*(?:\([^)\n]{2,40}\)\s*)?(?:[—–]|-\s)")
_OCCUPATION = re.compile(
    r"окуп|оккуп|occup|russian[- ](?:held|controlled)|підконтрол|подконтрол|захоплен|захвачен|"
    r"тимчасово|временно|ТОТ\b|\bТОТ", re.IGNORECASE)
_DEPORT = re.compile(
    r"депорт|вивез|вивоз|вивіз|вывез|вывоз|перевез|переміщ|перемещ|deport|transferr|relocat|"
    r"taken|moved|sent\s+to|removed|driven|brought|transport|bus(?:s)?ed|evacuat|евакуй|эвакуир|відправ|отправ|"
    r"вывезен|вивезен|погруз|завантаж",
    re.IGNORECASE)
_TO = re.compile(r"\b(до|в|у|во|на|to|into|towards)\s+(?:(?:the\s+)?(?:occupied|Russian-(?:held|occupied)|"
                 r"окупован\w*|оккупирован\w*|тимчасово\s+окупован\w*|временно\s+оккупирован\w*)\s+)?$",
                 re.IGNORECASE)
_LOCATIVE_ONLY = ("до", "to", "into", "towards")


@stage("places", version="v1", requires=("clean_text", "language", "violations"), provides=("places",))
def places(doc: Document) -> None:
    """Write ``doc.labels["places"]``: one PlaceLabel per distinct place, all mentions as evidence."""
    text = doc.clean_text
    gz = load()
    mentions = resolve(gz, text, list(find(text, gz.forms, MAX_WORDS)))
    mentions = [m for m in mentions if _kept(doc, m)]
    if doc.labels.get("violations"):
        mentions = _near_violations(doc, mentions)
    doc.labels["places"] = _labels(doc, mentions)


def _kept(doc: Document, m: Mention) -> bool:
    if m.entry.type == "country" and m.entry.code != "UA":
        return False
    return not (_is_dateline(doc, m) or _is_destination(doc.clean_text, doc, m))


def _paragraph(doc: Document, pos: int) -> tuple[int, int]:
    for s, e in doc.paragraphs:
        if s <= pos < e:
            return s, e
    start = doc.clean_text.rfind("\n", 0, pos) + 1
    end = doc.clean_text.find("\n", pos)
    return start, (end if end >= 0 else len(doc.clean_text))


def _sentence(doc: Document, pos: int) -> tuple[int, int]:
    if not doc.sentences:
        return _paragraph(doc, pos)
    return doc.sentences[doc.sentence_index(pos)]


def _is_dateline(doc: Document, m: Mention) -> bool:
    """A place that opens a paragraph and is followed by an agency or dash: the dateline."""
    p_start, _ = _paragraph(doc, m.start)
    head = doc.clean_text[p_start:m.start]
    if head.strip() and not (head.isupper() and len(head) < 40):
        return False
    return bool(_DATELINE_AFTER.match(doc.clean_text, m.end))


def _is_destination(text: str, doc: Document, m: Mention) -> bool:
    """"вивезли до Криму", "deported to Russia": a place written as where people were taken."""
    s_start, _ = _sentence(doc, m.start)
    prep = _TO.search(text[max(s_start, m.start - 40):m.start])
    if prep is None or not _DEPORT.search(text[s_start:m.start]):
        return False
    word = prep.group(1).lower()
    return word in _LOCATIVE_ONLY or _accusative_like(text[m.start:m.end], m.entry)


def _accusative_like(surface: str, entry: Entry) -> bool:
    """After в/у/на the accusative means direction; it equals the nominative or ends in -у/-ю."""
    low = surface.lower()
    names = [n.lower() for n in (entry.uk, entry.ru or "", *entry.en) if n]
    return low in names or (low.endswith(("щину", "у", "ю")) and not low.endswith(("ську", "цьку")))


def _near_violations(doc: Document, mentions: Sequence[Mention]) -> list[Mention]:
    """Keep places named where violations are told: a sentence with violation evidence or
    occupation words, or a paragraph with violation evidence."""
    spans = [(e.start, e.end) for v in doc.labels.get("violations", []) for e in getattr(v, "evidence", [])]

    def has_evidence(start: int, end: int) -> bool:
        o_start, o_end = doc.offsets.span(start, end)
        return any(o_start <= s < o_end or s <= o_start < e for s, e in spans)

    keep_codes: set[str] = set()
    for m in mentions:
        s_start, s_end = _sentence(doc, m.start)
        if _OCCUPATION.search(doc.clean_text, s_start, s_end) or has_evidence(s_start, s_end) \
                or has_evidence(*_paragraph(doc, m.start)):
            keep_codes.add(m.entry.code)
    return [m for m in mentions if m.entry.code in keep_codes]


def _labels(doc: Document, mentions: Sequence[Mention]) -> list[PlaceLabel]:
    gz = load()
    grouped: dict[str, tuple[Entry, list[Evidence]]] = {}
    for m in mentions:
        _, evs = grouped.setdefault(m.entry.code, (m.entry, []))
        ev = doc.evidence(m.start, m.end, rule=f"places.v1:{m.rule}")
        if ev not in evs and len(evs) < MAX_EVIDENCE:
            evs.append(ev)
    if any(e.type != "country" for e, _ in grouped.values()):
        grouped.pop("UA", None)
    out = []
    for entry, evs in grouped.values():
        raion = gz.get(entry.raion) if entry.raion else None
        precision = {"settlement": "settlement", "raion": "raion", "oblast": "oblast"}.get(entry.type, "country")
        out.append(PlaceLabel(
            name=entry.uk, oblast=entry.oblast, precision=precision,
            settlement=entry.uk if entry.type == "settlement" else None,
            raion=f"{(raion or entry).uk} район" if raion or entry.type == "raion" else None,
            katottg=entry.code if entry.type != "country" else None,
            lat=entry.lat, lon=entry.lon, evidence=evs))
    return out
