"""Benchmark: ingest-free extraction (clean → relevance) on generated 4-5 KB news pages, one core.

The floor is what any extraction must pay anyway on the same pages: hashing the bytes
(sha256), trafilatura's main-text extraction, and cached pymorphy3 lemmas of every word. The
target is at least half the floor's throughput. Stages not written yet are left out (printed).

Usage: ``.venv/bin/python bench/extract_bench.py [--docs N]``
"""

from __future__ import annotations

import argparse
import hashlib
import html
import random
import time
from collections.abc import Callable

import trafilatura

from carewatch.pipeline import DEFAULT_STAGES, Document, registry, run_text
from carewatch.pipeline.rules.lemmas import tokenize

SENTENCES = {
    "uk": ["У тимчасово окупованому Мелітополі лікарі відмовляють у допомозі людям без полісу ОМС.",
           "За даними Центру національного спротиву, окупанти перетворили районну лікарню на шпиталь.",
           "Мешканці скаржаться на нестачу інсуліну та ліків для діалізу в аптеках міста.",
           "Вербувальники пропонують хворим на ВІЛ терапію в обмін на контракт з армією РФ.",
           "У серпні 2023 року місцевим медикам погрожували звільненням через відмову від паспорта.",
           "Міська рада Львова обговорила ремонт доріг і графік руху трамваїв."],
    "ru": ["В оккупированном Бердянске пациентов принимают только с российским паспортом.",
           "Как сообщает правозащитная группа, в больницах не хватает инсулина и антибиотиков.",
           "Оккупанты вывезли детей из интерната в Херсонской области в Крым.",
           "Погода в Москве на выходных будет облачной, без осадков."],
    "en": ["In occupied Tokmak, the hospital is full of wounded Russian soldiers and locals are turned away.",
           "The National Resistance Center said residents without Russian passports are refused treatment.",
           "A Russian drone struck an ambulance in Kherson on 16 November 2025, injuring a paramedic.",
           "The city council in Lviv approved a new budget for public transport."],
}
BOILER = ("<header><nav><a href='/'>Home</a> | <a href='/news'>News</a> | <a href='/health'>Health</a></nav>"
          "</header>")
FOOTER = ("<aside><h3>Read more</h3><ul><li><a href='/a'>Unrelated headline one</a></li>"
          "<li><a href='/b'>Unrelated headline two</a></li></ul></aside><footer>(c) 2024 Site</footer>")


def make_page(rng: random.Random, lang: str) -> str:
    """A 4-5 KB HTML news page: navigation, title, paragraphs, a sidebar and a footer."""
    paras: list[str] = []
    while sum(len(p) for p in paras) < 2700:
        paras.append(" ".join(rng.sample(SENTENCES[lang], 3)))
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    title = html.escape(SENTENCES[lang][0][:60])
    return (f"<html><head><title>{title}</title></head><body>{BOILER}<article><h1>{title}</h1>"
            f"{body}</article>{FOOTER}</body></html>")


def floor(page: str) -> None:
    hashlib.sha256(page.encode("utf-8")).hexdigest()
    text = trafilatura.extract(page) or ""
    tokenize(text, None)


def pipeline(names: tuple[str, ...]) -> Callable[[str], None]:
    def go(page: str) -> None:
        run_text(page, media_type="text/html", names=names)
    return go


def per_stage(names: tuple[str, ...], pages: list[str]) -> dict[str, float]:
    """Milliseconds per document spent in each stage (warm run), to show where time goes."""
    spent = dict.fromkeys(names, 0.0)
    for page in pages:
        doc = Document(text=page, media_type="text/html")
        for name in names:
            t0 = time.perf_counter()
            registry.get(name).func(doc)
            spent[name] += time.perf_counter() - t0
            doc.versions[name] = registry.get(name).versioned
    return {n: 1000 * t / len(pages) for n, t in spent.items()}


def rate(func: Callable[[str], None], pages: list[str], warm: list[str]) -> float:
    for page in warm:  # load lazy models (lingua, pymorphy, gazetteer) outside the timing
        func(page)
    t0 = time.perf_counter()
    for page in pages:
        func(page)
    return len(pages) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=150)
    args = ap.parse_args()
    rng = random.Random(7)
    pages = [make_page(rng, lang) for lang in ("uk", "ru", "en") for _ in range(args.docs // 3)]
    known = set(registry.names())
    names = tuple(n for n in DEFAULT_STAGES if n in known)
    missing = [n for n in DEFAULT_STAGES if n not in names]
    size = sum(len(p.encode("utf-8")) for p in pages) / len(pages)
    # one page per language, generated apart from the timed ones: each language's lazy
    # models load on its first page, a one-off start-up cost rather than throughput
    warm = [make_page(random.Random(1), lang) for lang in ("uk", "ru", "en")]
    floor_rate = rate(floor, pages, warm)
    ours = rate(pipeline(names), pages, warm)
    print(f"pages: {len(pages)}, mean {size / 1024:.1f} KB")
    print(f"floor (sha256 + trafilatura + cached lemmas): {floor_rate:.1f} docs/s")
    print(f"extraction ({' → '.join(names)}): {ours:.1f} docs/s = {ours / floor_rate:.2f} of floor "
          f"(target ≥ 0.5)")
    for name, ms in per_stage(names, pages).items():
        print(f"  {name:<12} {ms:6.1f} ms/doc")
    if missing:
        print(f"stages not available yet, left out: {', '.join(missing)}")


if __name__ == "__main__":
    main()
