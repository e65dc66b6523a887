"""Personal-data detector for free text in uk/ru/en, and the redactions it proposes.

Used by the Redactor (``audience``) on free text leaving carewatch for partner or public
audiences, and by testimony intake to mask a narrative before it becomes a searchable Report.
Rule-based on purpose: every finding names its kind and can be explained to a reviewer. It
aims for recall on the identifiers that get people hurt (names, phones, emails, addresses,
document numbers, a diagnosis tied to a person); it does not try to find every place or date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

UP = "A-ZА-ЯЁІЇЄҐ"
LO = "a-zа-яёіїєґ'’ʼ-"
CAP = rf"[{UP}][{LO}]+"
MASK = "█"

REPLACEMENTS = {"name": "[NAME]", "phone": "[PHONE]", "email": "[EMAIL]", "address": "[ADDRESS]",
                "passport": "[DOCUMENT]", "diagnosis": "[HEALTH]", "birth_date": "[DATE OF BIRTH]",
                "known": "[PERSONAL]"}

_SEP = r"[\s\-.()]{0,3}"
_PATRONYMIC = (rf"[{UP}][{LO}]*?(?:ович|евич|йович|івич|ьович|ич|овна|евна|івна|ївна|ична|інична)"
               r"(?:а|у|ем|ем|і|ові|им|ом|и|ою|ой|е|ей)?")

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")),
    ("phone", re.compile(rf"(?<![\w+])\+?38{_SEP}\(?0{_SEP}\d{{2}}\)?{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?!\d)")),
    ("phone", re.compile(rf"(?<![\w+])\+7{_SEP}\(?\d{{3}}\)?{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?!\d)")),
    ("phone", re.compile(rf"(?<![\w+])8{_SEP}\(?9\d{{2}}\)?{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?!\d)")),
    ("phone", re.compile(rf"(?<![\w+\d])\(?0\d{{2}}\)?{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?!\d)")),
    ("passport", re.compile(r"(?<![\w])[АВЕІКМНОРСТХЄЮЯ]{2}\s?№?\s?\d{6}(?!\d)")),
    ("passport", re.compile(r"(?<![\w\d])\d{2}\s\d{2}\s№?\s?\d{6}(?!\d)")),
    ("passport", re.compile(r"(?i)(?:паспорт\w*|ID[- ]?\w*|картк\w*|карт\w*|документ\w*|№)"
                            r"\D{0,25}?(?<!\d)(\d{9,10})(?!\d)")),
    ("name", re.compile(rf"{CAP}\s+{CAP}\s+{_PATRONYMIC}\b")),
    ("name", re.compile(rf"(?<!\w)[{UP}]\.\s?[{UP}]\.\s?{CAP}|{CAP}\s[{UP}]\.\s?[{UP}]\.")),
    ("name", re.compile(rf"(?:(?<=\s)|^)(?i:пан|пані|пана|панові|паном|гр\.|гр-на|гр-ки|гр-н|гр-ка|громадянин\w*|"
                        rf"гражданин\w*|громадянк\w*|гражданк\w*|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)\s+"
                        rf"(?P<who>{CAP}(?:\s+{CAP}){{0,2}})")),
    ("name", re.compile(rf"(?i:мене звати|меня зовут|my name is|моє ім'я|моє ім’я|моё имя|ім'я:|ім’я:|имя:|"
                        rf"name:|ПІБ:|ФИО:)\s*(?P<who>{CAP}(?:\s+{CAP}){{0,2}})")),
    ("address", re.compile(rf"(?i:вул\.|вулиц[яіею]|ул\.|улиц[аеуы]|просп\.|проспект\w*|пр-т|пров\.|провулок|"
                           rf"переулок|пер\.|бульв\.|бульвар\w*|пл\.|площа|площадь)\s*{CAP}(?:[\s-]+{CAP})*"
                           r"(?:,?\s*(?:(?i:буд\.|будинок|д\.|дом|№))?\s*\d+[а-яa-z]?(?:/\d+)?)?"
                           r"(?:,?\s*(?i:кв\.|квартира|apt\.?|flat)\s*\d+)?")),
    ("address", re.compile(r"\b\d+[a-zA-Z]?\s+(?:[A-Z][a-z]+\s){1,3}"
                           r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Lane|Boulevard)"
                           r"(?:,?\s*(?:apt\.?|flat)\s*\d+)?")),
    ("birth_date", re.compile(r"(?i:народ\w*|родил\w*|р\.\s?н\.|г\.\s?р\.|born|date of birth|дата народження|"
                              r"дата рождения)[:\s]*(?P<who>\d{1,2}[./-]\d{1,2}[./-]\d{2,4})")),
]

_DIAGNOSIS = re.compile(
    r"(?i)(?<!\w)(?:віл[\w-]*|вич[\w-]*|hiv[\w-]*|сніду?|спида?|aids|туберкул\w*|tuberculosis|tb|"
    r"гепатит\w*(?:\s+[BCВСbc])?|hepatitis(?:\s+[BC])?|діабет\w*|диабет\w*|diabet\w*|онколог\w*|рак\w*|"
    r"cancer|шизофрен\w*|schizophreni\w*|епілепс\w*|эпилепс\w*|epilep\w*|психічн\w+ розлад\w*|"
    r"деменці\w*|деменци\w*|dementia|інсульт\w*|инсульт\w*)")
_FIRST_PERSON = re.compile(
    r"(?i)(?<!\w)(?:я|мені|мене|у мене|мій|моя|моє|мої|меня|мне|у меня|мой|моя|моё|мои|i|i'm|my|me|"
    r"син|сина|сину|сын|сына|сыну|донька|доньки|доньці|дочка|дочки|дочь|дочери|son|daughter)(?!\w)")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass(frozen=True)
class Finding:
    """One span of personal data: where, what kind, and what to put in its place."""

    start: int
    end: int
    kind: str
    text: str

    @property
    def replacement(self) -> str:
        return REPLACEMENTS.get(self.kind, "[PERSONAL]")

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "replacement": self.replacement}


def detect(text: str, *, known: Iterable[str] = (), names: Iterable[str] = ()) -> list[Finding]:
    """Personal data in ``text``, sorted, overlaps merged.

    ``known`` are values the caller already knows are personal (a testimony form's phone or
    diagnosis), found verbatim; ``names`` are found in their inflected forms too (Петренка).
    """
    found: list[Finding] = []
    for kind, pattern in _RULES:
        for m in pattern.finditer(text):
            start, end = (m.span("who") if "who" in pattern.groupindex else
                          m.span(1) if pattern.groups and kind == "passport" else m.span())
            found.append(Finding(start, end, kind, text[start:end]))
    found.extend(_known(text, known, inflect=False))
    found.extend(_known(text, names, inflect=True))
    found.extend(_diagnoses(text, found))
    return _merge(found)


def _known(text: str, values: Iterable[str], *, inflect: bool) -> list[Finding]:
    out: list[Finding] = []
    for value in values:
        value = (value or "").strip()
        if len(value) < 3:
            continue
        for m in re.finditer(re.escape(value), text, re.IGNORECASE):
            out.append(Finding(m.start(), m.end(), "known", m.group()))
        if not inflect:
            continue
        for word in re.findall(rf"[{UP}{LO[:-5]}]{{4,}}", value, re.IGNORECASE):
            stem = re.escape(word[:-2] if len(word) > 5 else word[:-1])
            for m in re.finditer(rf"(?<!\w){stem}\w{{0,4}}(?!\w)", text, re.IGNORECASE):
                out.append(Finding(m.start(), m.end(), "known", m.group()))
    return out


def _diagnoses(text: str, others: Sequence[Finding]) -> list[Finding]:
    """Diagnoses in a sentence that also names or points at a person."""
    people = [f for f in others if f.kind in ("name", "known")]
    out: list[Finding] = []
    for sent in _SENTENCE.finditer(text):
        s, e = sent.span()
        body = sent.group()
        tied = _FIRST_PERSON.search(body) or any(s <= p.start < e for p in people)
        if not tied:
            continue
        for m in _DIAGNOSIS.finditer(body):
            out.append(Finding(s + m.start(), s + m.end(), "diagnosis", m.group()))
    return out


def _merge(found: list[Finding]) -> list[Finding]:
    merged: list[Finding] = []
    for f in sorted((f for f in found if f.end > f.start), key=lambda f: (f.start, -f.end)):
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            if f.end > last.end:
                merged[-1] = Finding(last.start, f.end, last.kind, "")
            continue
        merged.append(f)
    return merged


def redact(text: str, findings: Sequence[Finding] | None = None, *, same_length: bool = False,
           known: Iterable[str] = (), names: Iterable[str] = ()) -> str:
    """``text`` with each finding replaced: by a ``[KIND]`` token, or by a mask of equal length.

    Same-length masking keeps every character offset valid, so evidence spans computed on the
    original still point at the same places in the masked text.
    """
    spans = detect(text, known=known, names=names) if findings is None else list(findings)
    parts: list[str] = []
    pos = 0
    for f in sorted(spans, key=lambda f: f.start):
        if f.start < pos:
            continue
        parts.append(text[pos:f.start])
        parts.append(MASK * (f.end - f.start) if same_length else f.replacement)
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Same-length mask over arbitrary ``(start, end)`` spans."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(len(chars), end)):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)
