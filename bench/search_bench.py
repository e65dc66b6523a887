"""Search latency on generated reports: lemma index vs a plain ``LIKE '%term%'`` scan.

Usage: ``python bench/search_bench.py [--docs 100000] [--backend sqlite|postgres|both]``.
Each backend runs in its own process on a throwaway store (a temp SQLite file, or a fresh
PostgreSQL database on 127.0.0.1:5432 that is dropped afterwards). Reports are generated from
uk/ru/en sentence templates with inflected vocabulary; results print as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
QUERIES = ["паспорт", "лікарня", "больница", "insulin", "refused", "інсулін пенсіонер",
           "врачи контракт", "hospital passport", "мелітополь", "дитина", "зерно", "погода"]
VOCAB: dict[str, dict[str, list[str]]] = {
    "uk": {"subj": ["Лікарня", "Лікарні", "Поліклініка", "Окупаційна адміністрація", "Лікарі", "Аптека"],
           "verb": ["відмовила", "відмовляють", "вимагає", "не приймає", "розвернули", "погрожують"],
           "obj": ["пацієнтам без паспорта РФ", "пенсіонерам без полісу ОМС", "хворим на ВІЛ",
                   "дітям без російського свідоцтва", "жінці з паспортом України", "людям з інсуліном"],
           "place": ["у Мелітополі", "в Енергодарі", "у Скадовську", "в Бердянську", "у Токмаку",
                     "в Олешках", "у Херсонській області"],
           "tail": ["про це повідомляє Центр національного спротиву", "жителі скаржаться на черги",
                    "ліки видають лише за контрактом з армією", "лікарів змушують отримати паспорти"]},
    "ru": {"subj": ["Больница", "Больницы", "Поликлиника", "Оккупационные власти", "Врачи", "Аптеки"],
           "verb": ["отказала", "отказывают", "требуют", "не принимают", "развернули", "угрожают"],
           "obj": ["пациентам без паспорта РФ", "пенсионерам без полиса ОМС", "больным ВИЧ",
                   "детям без российского свидетельства", "женщине с украинским паспортом", "людям с диабетом"],
           "place": ["в Мелитополе", "в Энергодаре", "в Скадовске", "в Бердянске", "в Токмаке",
                     "в Алешках", "в Херсонской области"],
           "tail": ["сообщают местные жители", "лекарства выдают только по контракту с армией",
                    "врачей заставляют получать паспорта", "очереди растут"]},
    "en": {"subj": ["The hospital", "Hospitals", "A clinic", "Occupation authorities", "Doctors", "Pharmacies"],
           "verb": ["refused", "refuses", "demanded", "denied care to", "turned away", "threatened"],
           "obj": ["patients without a Russian passport", "pensioners without an OMS policy",
                   "HIV-positive people", "children without Russian papers", "a woman with a Ukrainian passport",
                   "people who need insulin"],
           "place": ["in Melitopol", "in Enerhodar", "in Skadovsk", "in Berdiansk", "in Tokmak",
                     "in Oleshky", "in Kherson region"],
           "tail": ["residents said", "medicine is given only for an army contract",
                    "doctors are forced to take passports", "queues are growing"]},
}
FILLER: dict[str, list[list[str]]] = {
    "uk": [["Ціни на зерно", "Рух транспорту", "Подача води", "Навчання в школах", "Ремонт мосту", "Ринок",
            "Міська рада", "Прогноз погоди", "Енергетики", "Фермери", "Волонтери", "Залізниця", "Податки"],
           ["зросли", "змінилися", "відновили", "перенесли", "обговорили", "скоротили", "подорожчали"],
           ["у Запоріжжі", "в Одесі", "у Львові", "в Полтаві", "у Києві", "в Сумах", "у Вінниці", "в Черкасах"],
           ["після обстрілу", "через негоду", "на цьому тижні", "за словами чиновників", "попри дефіцит",
            "згідно з новим графіком", "відповідно до рішення уряду", "на думку експертів"]],
    "ru": [["Цены на зерно", "Движение транспорта", "Подача воды", "Занятия в школах", "Ремонт моста", "Рынок",
            "Городской совет", "Прогноз погоды", "Энергетики", "Фермеры", "Волонтеры", "Железная дорога"],
           ["выросли", "изменились", "восстановили", "перенесли", "обсудили", "сократили", "подорожали"],
           ["в Запорожье", "в Одессе", "во Львове", "в Полтаве", "в Киеве", "в Сумах", "в Виннице", "в Черкассах"],
           ["после обстрела", "из-за непогоды", "на этой неделе", "по словам чиновников", "несмотря на дефицит",
            "по новому графику", "по решению правительства", "по мнению экспертов"]],
    "en": [["Grain prices", "Public transport", "Water supply", "School lessons", "Bridge repairs", "The market",
            "The city council", "The weather forecast", "Power engineers", "Farmers", "Volunteers", "Railways"],
           ["rose", "changed", "resumed", "were postponed", "were discussed", "were cut", "became pricier"],
           ["in Zaporizhzhia", "in Odesa", "in Lviv", "in Poltava", "in Kyiv", "in Sumy", "in Vinnytsia"],
           ["after shelling", "because of the storm", "this week", "officials said", "despite shortages",
            "under the new schedule", "by government decision", "experts said"]],
}
OBLASTS = ["UA-23", "UA-65", "UA-14", "UA-09", "UA-43"]
VIOLATIONS = ["care_denied_documents", "medicine_for_enlistment", "forced_passportization", "medicine_shortage"]


def _text(rng: random.Random, lang: str) -> str:
    """Mostly ordinary local news; one report in eight is about denied care (as in scraped feeds)."""
    v, medical = VOCAB[lang], rng.random() < 0.125
    sentences = [" ".join(rng.choice(part) for part in FILLER[lang]) + "." for _ in range(rng.randint(4, 9))]
    if medical:
        sentences[rng.randrange(len(sentences))] = (
            f"{rng.choice(v['subj'])} {rng.choice(v['place'])} {rng.choice(v['verb'])} "
            f"{rng.choice(v['obj'])}, {rng.choice(v['tail'])}.")
    if rng.random() < 0.05:
        sentences.append({"uk": "Дитина чекала тиждень.", "ru": "Ребенок ждал неделю.",
                          "en": "A child waited a week."}[lang])
    return " ".join(sentences)


def _populate(n: int) -> None:
    from datetime import UTC, datetime

    from carewatch.pipeline.lemmatize import lemma_text
    from carewatch.store.models import Original, Report
    from carewatch.store.searchdb.indexer import tag_tokens
    from carewatch.store.searchdb.models import SearchEntry, SearchTag

    rng, now, batch = random.Random(7), datetime.now(UTC), 5000
    for start in range(0, n, batch):
        size = min(batch, n - start)
        originals = Original.objects.bulk_create([Original(sha256=f"{start + i:064x}", size=1) for i in range(size)])
        reports, meta = [], []
        for i, orig in enumerate(originals):
            lang = rng.choice(("uk", "uk", "ru", "en"))
            text = _text(rng, lang)
            date = f"{rng.choice((2022, 2023, 2024))}-{rng.randint(1, 12):02d}"
            reports.append(Report(original=orig, source=f"gen/{start + i}.txt", captured_at=now, captured_by="bench",
                                  status="processed", text=text, clean_text=text, language=lang))
            meta.append((lang, text, date))
        reports = Report.objects.bulk_create(reports)
        facets = [[("language", lang), ("year", date[:4]), ("oblast", rng.choice(OBLASTS)),
                   ("violation", rng.choice(VIOLATIONS)), ("source", rng.choice(("NRC", "Ombudsman", "file")))]
                  for lang, _, date in meta]
        entries = SearchEntry.objects.bulk_create([  # lemmas as the indexer writes them: words, then facet keys
            SearchEntry(report=r, title="", language=lang, first_date=date, last_date=date, sort_date=date,
                        lemmas=f"{lemma_text(text, lang)} {tag_tokens(sorted(f))}")
            for r, (lang, text, date), f in zip(reports, meta, facets, strict=True)])
        tags = [SearchTag(entry=e, kind=k, value=v) for e, f in zip(entries, facets, strict=True) for k, v in f]
        SearchTag.objects.bulk_create(tags)


def _times(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _like(term: str) -> None:
    from django.db import connection

    op = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
    with connection.cursor() as cur:
        cur.execute(f"SELECT id FROM store_report WHERE clean_text {op} %s ORDER BY id DESC LIMIT 20",
                    [f"%{term}%"])
        cur.fetchall()
        cur.execute(f"SELECT COUNT(*) FROM store_report WHERE clean_text {op} %s", [f"%{term}%"])
        cur.fetchall()


def _analyze() -> None:
    """Planner statistics, as a maintained database has them."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")


def child(backend: str, n: int) -> None:
    """Run in a fresh process whose environment already points at the throwaway store."""
    from carewatch.store import db

    db.setup(migrate=True)
    from carewatch.store.search import search
    from carewatch.store.searchdb import indexer

    t = time.perf_counter()
    _populate(n)
    indexer._set_watermark(indexer._last_custody())
    _analyze()
    build = time.perf_counter() - t
    search(user=None, q="паспорт")  # warm caches and the lemmatiser
    full, hits_only, like = [], [], []
    for q in QUERIES:
        full += _times(lambda q=q: search(user=None, q=q), 10)
        hits_only += _times(lambda q=q: search(user=None, q=q, filters={"oblast": "UA-23", "language": "uk"}), 5)
        like += _times(lambda q=q: _like(q.split()[0]), 2)
    totals = {q: search(user=None, q=q)["total"] for q in QUERIES[:3]}
    for name, xs in (("search (count+page+facets+snippets)", full), ("search with 2 facet filters", hits_only),
                     ("baseline LIKE '%term%' (page+count)", like)):
        p95 = statistics.quantiles(xs, n=20)[18]
        print(f"| {backend} | {n} | {name} | {statistics.median(xs):.1f} | {p95:.1f} |")
    print(f"<!-- {backend}: generated+indexed in {build:.0f} s; hits {totals} -->")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--child", choices=("sqlite", "postgres"))
    args = ap.parse_args()
    if args.child:
        child(args.child, args.docs)
        return
    print("| backend | reports | query | p50 ms | p95 ms |\n|---|---|---|---|---|")
    for backend in ("sqlite", "postgres") if args.backend == "both" else (args.backend,):
        home = tempfile.mkdtemp(prefix="cw-search-bench-")
        env = {**os.environ, "CAREWATCH_HOME": home, "CAREWATCH_ENV": "development"}
        env.pop("CAREWATCH_DATABASE_URL", None)
        name = f"cw_search_bench_{secrets.token_hex(4)}"
        if backend == "postgres":
            _pg(f'CREATE DATABASE "{name}"')
            env["CAREWATCH_DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{name}"
        try:
            subprocess.run([sys.executable, __file__, "--child", backend, "--docs", str(args.docs)], env=env, check=True)
        finally:
            if backend == "postgres":
                _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            shutil.rmtree(home, ignore_errors=True)


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)


if __name__ == "__main__":
    main()
