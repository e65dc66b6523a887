"""Benchmark: ingest throughput versus only reading and hashing the same files.

Generates N small files (uk/ru/en text, every fourth one HTML) in a temporary folder, times a
baseline (read + SHA-256 of each file) and then a full ``ingest_paths`` (preserve, store,
clean + language when those stages exist) into a fresh CAREWATCH_HOME on SQLite.

    .venv/bin/python bench/ingest_bench.py            # N = 10,000
    .venv/bin/python bench/ingest_bench.py -n 1000 --stages none
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

SENTENCES = (
    "У лікарні {town} пацієнтці відмовили в інсуліні без паспорта РФ.",
    "Лікарі повідомили, що ВІЛ-позитивним пропонують терапію в обмін на контракт.",
    "В больнице {town} без полиса ОМС не принимают даже пенсионеров.",
    "Жителям предлагают лекарства, если они подпишут контракт с армией.",
    "Residents of {town} say the clinic demands a Russian passport before treatment.",
    "The NGO documented {n} cases of patients turned away in the occupied south.",
)
TOWNS = ("Мелітополь", "Бердянськ", "Енергодар", "Херсон", "Скадовськ", "Nova Kakhovka")


def make_files(folder: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` distinct small reports; returns their total size in bytes."""
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        body = " ".join(rng.choice(SENTENCES).format(town=rng.choice(TOWNS), n=i)
                        for _ in range(rng.randint(3, 12)))
        body += f" (#{i})"
        if i % 4 == 0:
            raw = f"<html><head><title>Звіт {i}</title></head><body><nav>Меню</nav>" \
                  f"<article><p>{body}</p></article><footer>©</footer></body></html>".encode()
            path = folder / f"{i // 1000:03d}" / f"report-{i:06d}.html"
        else:
            raw = body.encode()
            path = folder / f"{i // 1000:03d}" / f"report-{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        total += len(raw)
    return total


def baseline(folder: Path) -> float:
    """Seconds to read and hash every file (the floor any ingest pays)."""
    start = time.perf_counter()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            hashlib.sha256(path.read_bytes()).hexdigest()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="number of files (default 10000)")
    parser.add_argument("--stages", default="intake", help="intake (clean, language), none, all")
    parser.add_argument("--keep", action="store_true", help="keep the generated files and data directory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="carewatch-bench-"))
    os.environ["CAREWATCH_HOME"] = str(work / "home")
    os.environ.pop("CAREWATCH_DATABASE_URL", None)
    from carewatch.intake import service
    from carewatch.pipeline.runner import run_text
    from carewatch.store import db

    db.setup(migrate=True)
    stages = service.resolve_stages(args.stages)
    run_text("Прогрів моделей. Warm-up. Разогрев.", names=stages)  # load models before timing
    folder = work / "input"
    size = make_files(folder, args.n)
    base = baseline(folder)
    start = time.perf_counter()
    summary = service.ingest_paths([folder], stages=stages)
    took = time.perf_counter() - start
    mb = size / 1048576
    print(f"files: {args.n}, {mb:.2f} MB, stages: {','.join(stages) or 'none'}, failed: {summary.failed}")
    print(f"baseline read+hash: {base:8.2f} s  {args.n / base:9.0f} files/s  {mb / base:8.2f} MB/s")
    print(f"ingest:             {took:8.2f} s  {args.n / took:9.0f} files/s  {mb / took:8.2f} MB/s")
    print(f"ingest is {took / base:.0f}x slower than reading and hashing alone")
    if args.keep:
        print(f"data kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
