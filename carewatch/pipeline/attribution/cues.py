"""Reporting cues in uk/ru/en: the words that make a name the source of a claim.

Used by the ``attribution`` stage: a registry name counts as an origin only in a sentence with
a cue ("повідомив", "по данным", "according to", "said"), or as the signature/heading of a
statement the origin published itself.
"""

from __future__ import annotations

import re

_UK = (r"повідом\w*|заяв\w*|пише|писав\w*|написа\w*|поясню\w*|поясни\w*|зазнача\w*|"
       r"зазначи\w*|наголош\w*|наголоси\w*|за\s+даними|за\s+словами|за\s+інформацією|"
       r"посилаючись|посиланням|нагадав\w*|нагадали|нагадує|нагадують|джерело|передає|вважають|відомості|інформу\w*|розпові\w*|підтверд\w*|"
       r"попереджа\w*|попереди\w*|з['’]ясува\w*|зафіксува\w*|фіксу\w*|кажуть|каже|сказав\w*|"
       r"додав\w*|додали|звіт\w*|вказу\w*|опублікува\w*|оприлюдни\w*|за\s+оцінками|"
       r"підписав\w*|назвав\w*|назвали|стверджу\w*|пояснив\w*|пояснила|констатува\w*")
_RU = (r"сообщ\w*|заяв\w*|пишет|писал\w*|написа\w*|по\s+данным|по\s+словам|"
       r"по\s+информации|ссылкой|ссылаясь|рассказ\w*|отмеча\w*|отметил\w*|подчеркн\w*|"
       r"подчерк\w*|предупред\w*|предупрежда\w*|уточн\w*|поясн\w*|напомнил\w*|напоминае\w*|"
       r"источник|переда[её]т|считают|сведения|"
       r"информир\w*|утвержда\w*|сказал\w*|добавил\w*|опубликова\w*|зафиксирова\w*|"
       r"выяснил\w*|установил\w*|по\s+оценкам|назвал\w*|доклад\w*|подписал\w*|констатир\w*")
_EN = (r"said|says|say|reported|reports|report|stated|states|statement|according\s+to|told|"
       r"wrote|writes|warned|warns|claimed|claims|noted|notes|announced|cited|citing|cites|"
       r"added|documented|found|estimates?|estimated|published|described|confirmed|alleged|"
       r"accused|posted|recorded|signed|explained|relayed|quoted|quoting|source|counted|study|called|"
       r"(?:carried|summari[sz]ed|covered)\s+by")

CUE = re.compile(rf"(?<!\w)(?i:{_UK}|{_RU}|{_EN})(?!\w)")

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”)]*\s+(?=[\"«“(]*[A-ZА-ЯІЇЄҐЁ0-9])|\n+")


def has_cue(sentence: str) -> bool:
    """True when ``sentence`` says that someone reported, stated or documented something."""
    return CUE.search(sentence) is not None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` when the clean stage gave none (line and stop boundaries)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
