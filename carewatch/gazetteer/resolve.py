"""Turn raw gazetteer hits into resolved place mentions (which of the 119 Іванівкas is meant).

Sits between :func:`carewatch.gazetteer.forms.find` and the places stage: it drops hits that are
probably ordinary words, picks one candidate per hit using the oblasts and raions named nearby,
a settlement-type cue ("с.", "смт", "village of") and population, and skips what stays ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from carewatch.gazetteer import Entry, Gazetteer
from carewatch.gazetteer.forms import Hit, norm

#: Words written just before a settlement's name that say it is one.
_CUE = re.compile(
    r"(?:\b(?:с|сел|смт|с-ще|пос|пгт|м|г|village|town|city|settlement|село|селі|села|селом|селище|"
    r"селищі|селища|поселок|поселке|посёлок|посьолок|посьолку|місто|місті|міста|містом|город|городе|"
    r"города|деревня|деревне|selo|smt|villages?\s+of|towns?\s+of|cities\s+of|city\s+of|settlement\s+of)"
    r"\.?\s{0,2})$", re.IGNORECASE)
NEAR = 400  # characters either side in which a named oblast or raion counts as context
POP_RATIO = 5  # a city this many times larger than the next candidate wins a bare name


@dataclass(frozen=True)
class Mention:
    start: int  # clean-text offsets
    end: int
    entry: Entry
    rule: str


@dataclass(frozen=True)
class _Context:
    pos: int
    oblast: str | None
    raion: str | None


def _has_cue(text: str, start: int) -> bool:
    return bool(_CUE.search(text[max(0, start - 24):start]))


def _sentence_start(text: str, start: int) -> bool:
    """The hit opens a sentence or a line (capitalisation proves nothing there)."""
    before = text[max(0, start - 4):start].rstrip(" \t«\"'(“„")
    return not before or before[-1] in ".!?\n:;—–-•*"


_RIVER = re.compile(r"(?:\bbanks?\s+of\s+(?:the\s+)?|берег\w*\s+|бережж\w*\s+|бережь\w*\s+|"
                    r"\briver\s+|річк\w*\s+|рек\w*\s+)$", re.IGNORECASE)
_NEXT_CAP = re.compile(r"[ \t]+(?:[A-Z][a-z]+|[А-ЯІЇЄҐ][а-яіїєґ']+)")
_EN_PLACE_WORDS = frozenset({"Oblast", "Region", "Province", "District", "Raion", "City", "Mayor", "Governor",
                             "Council", "Military", "Regional", "Ukraine"})


def _name_follows(text: str, end: int) -> bool:
    """A capitalised word right after: part of a person's or an outlet's name (Kyiv Independent)."""
    m = _NEXT_CAP.match(text, end)
    return m is not None and m.group().strip() not in _EN_PLACE_WORDS


def _contexts(gz: Gazetteer, hits: Iterable[Hit]) -> list[_Context]:
    """Oblasts, raions and cities that a hit names without doubt, with their position."""
    out = []
    for hit in hits:
        entries = [gz.entries[i] for i in hit.ids]
        big = [e for e in entries if e.type in ("oblast", "raion") or e.city]
        if big and len({e.oblast for e in big}) == 1:
            raion = next((e.code for e in big if e.type == "raion"), None)
            if raion is None and len(big) == 1 and big[0].city:
                raion = big[0].raion
            out.append(_Context(hit.start, big[0].oblast, raion))
    return out


_BREAK = re.compile(r"[.!?]\s|\n")


def _near(ctx: Sequence[_Context], pos: int, text: str, tight: bool) -> tuple[set[str], set[str]]:
    """Oblasts and raions named near ``pos``; ``tight``: in the same sentence, close by."""
    reach = 150 if tight else NEAR
    near = [c for c in ctx if c.pos != pos and abs(c.pos - pos) <= reach
            and not (tight and _BREAK.search(text, min(c.pos, pos), max(c.pos, pos)))]
    return {c.oblast for c in near if c.oblast}, {c.raion for c in near if c.raion}


def _by_population(cands: list[Entry]) -> Entry | None:
    ranked = sorted(cands, key=lambda e: -(e.pop or 0))
    top = ranked[0]
    rest = ranked[1].pop or 0 if len(ranked) > 1 else 0
    if top.city and (top.pop or 0) >= POP_RATIO * max(rest, 1):
        return top
    cities = [e for e in cands if e.city]
    return cities[0] if len(cities) == 1 else None


def _pick(cands: list[Entry], text: str, hit: Hit, ctx: Sequence[_Context]) -> tuple[Entry, str] | None:
    """One candidate for a hit, and the rule that chose it; None when it stays unresolved."""
    if len(cands) == 1 and cands[0].type in ("oblast", "raion", "country"):
        return cands[0], cands[0].type
    admin = [e for e in cands if e.type in ("oblast", "raion")]
    if admin and len({e.oblast for e in cands if e.city or e.type != "settlement"}) == 1:
        return admin[0], f"{admin[0].type}-form"
    cue = _has_cue(text, hit.start)
    oblasts, raions = _near(ctx, hit.start, text, tight=not cue and not any(e.city for e in cands))
    in_raion = [e for e in cands if e.raion in raions]
    in_oblast = in_raion or [e for e in cands if e.oblast in oblasts]
    if len(in_oblast) == 1:
        chosen = in_oblast[0]
        if cue or not (chosen.common or len(text[hit.start:hit.end]) < 5) or (
                chosen.city and not _sentence_start(text, hit.start) and not _name_follows(text, hit.end)):
            return chosen, "settlement-context"
        return None
    if not in_oblast and oblasts and len(cands) > 1:
        return None  # the text names another oblast right here: this is not our namesake
    if len(in_oblast) > 1:
        best = _by_population(in_oblast)
        return (best, "settlement-context") if best else None
    best = _by_population(cands)
    if best is not None:
        if best.common and not cue and (_sentence_start(text, hit.start) or _name_follows(text, hit.end)):
            return None
        return best, "city"
    if cue and len(cands) == 1:
        return cands[0], "settlement-cue"
    return None


_CAP = r"[A-ZА-ЯІЇЄҐ][\w'’-]{1,30}"
_PLURAL = re.compile(r"\b(?:областей|областях|областям|областями|regions|oblasts|provinces)\b")
_LIST = re.compile(rf"({_CAP}(?:,\s{{1,3}}{_CAP}){{0,6}})\s{{1,3}}(?:та|і|й|и|and|&)\s{{1,3}}({_CAP})\s{{1,3}}$")
_SINGULAR = ("область", "області", "областю", "области", "областью", "region", "oblast")


def oblast_lists(gz: Gazetteer, text: str) -> list[Mention]:
    """"Донецької та Луганської областей", "Zaporizhzhia and Kherson regions": each oblast."""
    out = []
    for plural in _PLURAL.finditer(text):
        base = max(0, plural.start() - 240)
        m = _LIST.search(text, base, plural.start())
        if m is None:
            continue
        pos = m.start()
        for word in [w.strip() for w in m.group(1).split(",")] + [m.group(2)]:
            start = text.index(word, pos)
            pos = start + len(word)
            ids = next((gz.forms[k] for s in _SINGULAR if (k := norm(f"{word} {s}")) in gz.forms), [])
            oblasts = [gz.entries[i] for i in ids if gz.entries[i].type == "oblast"]
            if len(oblasts) == 1:
                out.append(Mention(start, pos, oblasts[0], "oblast-list"))
    return out


def resolve(gz: Gazetteer, text: str, hits: Sequence[Hit]) -> list[Mention]:
    """Resolved mentions, in text order; unresolvable or doubtful hits are left out."""
    ctx = _contexts(gz, hits)
    out = []
    for hit in hits:
        cands = [gz.entries[i] for i in hit.ids if gz.entries[i].type != "hromada"]
        if not cands:
            continue
        if _RIVER.search(text[max(0, hit.start - 30):hit.start]):
            continue  # the Dnipro river, "лівий берег Дніпра"
        surface = text[hit.start:hit.end]
        if surface.isascii() and any(e.city for e in cands) and _name_follows(text, hit.end) \
                and not any(e.type != "settlement" for e in cands):
            continue
        if norm(surface) in gz.wordlike and not _has_cue(text, hit.start):
            continue
        picked = _pick(cands, text, hit, ctx)
        if picked is not None:
            out.append(Mention(hit.start, hit.end, picked[0], picked[1]))
    out.extend(oblast_lists(gz, text))
    return sorted(out, key=lambda m: m.start)
