"""Benchmark: clean + language stages on 4-5 KB pages (plain dumps and HTML), one core.

Usage: ``.venv/bin/python bench/clean_bench.py [DIR_WITH_TXT_OR_HTML ...]``. Without arguments
it builds synthetic uk/ru/en pages. Prints documents per second for each kind.
"""

from __future__ import annotations

import html
import sys
import time
from pathlib import Path

from carewatch.pipeline import run_text

PARAS = {
    "uk": "У тимчасово окупованому місті лікарі відмовляють у допомозі людям без полісу ОМС, "
          "повідомляє Центр національного спротиву; пацієнтам радять отримати російський паспорт.",
    "ru": "В оккупированном городе врачи отказывают в помощи людям без полиса ОМС, сообщают "
          "правозащитники; пациентам советуют получить российский паспорт как можно скорее.",
    "en": "In the occupied town doctors refuse care to people without an OMS policy, the resistance "
          "center reports; patients are told to obtain a Russian passport as soon as possible.",
}
HEAD = "Skip to content\nHome | News | Health | Contacts\nSearch\n\n"
TAIL = "\nShare: Facebook | Telegram\nNews Feed\n9:15 AM\nUnrelated headline here.\n(c) 2024 Site\n"


def synthetic(lang: str, n_paras: int = 22) -> tuple[str, str]:
    body = [f"{PARAS[lang]} ({i})" for i in range(n_paras)]
    plain = HEAD + "Title of the article about care\n\n" + "\n\n".join(body) + TAIL
    page = ("<html><head><title>T</title><script>var a=1;</script></head><body><nav>Home | News</nav>"
            "<article><h1>Title of the article about care</h1>"
            + "".join(f"<p>{html.escape(p)} &amp; <b>more</b></p>" for p in body)
            + "</article><footer>&copy; 2024</footer></body></html>")
    return plain, page


def bench(docs: list[tuple[str, str]], label: str) -> None:
    for text, media in docs[:30]:  # warm up: lingua loads each language model on first use
        run_text(text, media_type=media, names=("clean", "language"))
    size = sum(len(t) for t, _ in docs) / len(docs)
    start = time.perf_counter()
    for text, media in docs:
        run_text(text, media_type=media, names=("clean", "language"))
    rate = len(docs) / (time.perf_counter() - start)
    print(f"{label:>8}: {len(docs)} docs, mean {size / 1000:.1f} K chars, {rate:.0f} docs/s")


def main(argv: list[str]) -> None:
    if argv:
        files = [p for d in argv for p in sorted(Path(d).glob("*")) if p.suffix in (".txt", ".html")]
        docs = [(p.read_text(), "text/html" if p.suffix == ".html" else "text/plain") for p in files]
        bench(docs, "files")
        return
    pairs = [synthetic(lang) for lang in PARAS] * 40
    bench([(p, "text/plain") for p, _ in pairs], "plain")
    bench([(h, "text/html") for _, h in pairs], "html")


if __name__ == "__main__":
    main(sys.argv[1:])
