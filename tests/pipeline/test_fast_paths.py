"""The speed-ups in dates and attribution give exactly what the plain scans they replace give."""

from __future__ import annotations

import random

import pytest

from carewatch.pipeline.attribution.cues import CUE, has_cue
from carewatch.pipeline.dates import patterns
from carewatch.pipeline.stages.attribution import _cue_sentences

TEXTS = [
    "У серпні 2023 року в окупованому Мелітополі лікарям погрожували. Вчора знову.",
    "В августе 2023 года, 5 января 2024 г. и 12.03.2024 пациентов не принимали без паспорта.",
    "On 16 November 2025, overnight 22-23 Nov, and in May 2024 the hospital was shelled.",
    "з 2016 року до 2020; _2023 a2023 ²2023 ½ 2023-08-01 1.2.2023 ВЧОРА на минулому тижні",
    "\u200bУ\u00adсерпні\u202e 2023 року <script>alert(1)</script> &amp; з березня по травень 2024",
    "",
]


def _noise(seed: int) -> str:
    rng = random.Random(seed)
    alphabet = "0123456789 -./,вуВУзЗрокусерпняMayNov\nіїєґ_²"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))


CASES = TEXTS + [_noise(i) for i in range(300)]


@pytest.mark.parametrize("text", CASES)
def test_date_rules_match_at_word_starts_like_finditer(text: str) -> None:
    every, digits, letters = patterns._starts(text)
    for k, (rx, _) in enumerate(patterns._RULES):
        positions = every if k == patterns._EITHER else digits if k < patterns._DIGIT_FIRST else letters
        fast = [m.span() for m in patterns._scan(rx, text, positions)]
        assert fast == [m.span() for m in rx.finditer(text)]


def _spans(text: str, step: int) -> list[tuple[int, int]]:
    """Cuts every ``step`` characters, often inside a word or a cue (hostile sentence edges)."""
    return [(s, min(len(text), s + step)) for s in range(0, len(text), step)]


@pytest.mark.parametrize("text", [
    "За даними ЦНС, окупанти не лікують. Як повідомили в ОВА, ліків немає.",
    "Как сообщает правозащитная группа, по данным врачей, больница закрыта.",
    "The National Resistance Center said residents were refused treatment, according to staff.",
    "заявилиsaid повідомили\nзаяви",
])
@pytest.mark.parametrize("step", [3, 7, 11, 40, 1000])
def test_cue_sentences_equal_a_search_per_sentence(text: str, step: int) -> None:
    spans = _spans(text, step)
    assert _cue_sentences(text, spans) == [(s, e) for s, e in spans if has_cue(text[s:e])]
    assert CUE.search(text) is not None
