"""Clustering benchmark: incremental incident building at scale, and LSH vs exact pairs.

Generates ReportFacts-like synthetic reports with realistic overlap (events told by several
outlets, some as near-verbatim reprints), clusters them with the real ``Clusterer`` (MinHash
LSH is real; e5 embeddings are off unless ``--embeddings``), and compares LSH near-duplicate
pairs with exact pairwise Jaccard on a sample. Prints one JSON line per measurement.

    python bench/cluster_bench.py --n 10000 100000 --sample 20000
    python bench/cluster_bench.py --n 1000000 --workers 16   # signatures computed in parallel
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import combinations

from carewatch.incidents import fingerprint
from carewatch.incidents.clustering import Clusterer
from carewatch.incidents.dedup import NearDuplicateIndex, exact_pairs
from carewatch.incidents.facts import ReportFacts

CODES = ["care_denied_documents", "medicine_for_enlistment", "forced_passportization", "medicine_shortage",
         "facility_militarized", "patient_deportation", "health_worker_coercion", "attack_on_health_care"]
OBLASTS = ["UA-09", "UA-14", "UA-23", "UA-65", "UA-43"]
WORDS = ["hospital", "clinic", "patients", "doctors", "passport", "policy", "insurance", "medicine", "insulin", "refused", "denied", "occupied", "administration", "residents", "children", "elderly", "contract", "army", "treatment", "ward", "pharmacy", "city", "region", "statement", "centre", "resistance", "council", "military", "said", "according", "week", "month"]


def _event_text(rng: random.Random, n: int = 60) -> list[str]:
    return [rng.choice(WORDS) for _ in range(n)] + [f"w{rng.randrange(10**6)}" for _ in range(20)]


def _variant(words: list[str], rng: random.Random, reprint: bool) -> str:
    out = list(words)
    changes = 2 if reprint else len(out) // 2
    for _ in range(changes):
        out[rng.randrange(len(out))] = rng.choice(WORDS)
    if not reprint:
        rng.shuffle(out)
    return " ".join(out)


def generate(n: int, seed: int = 7) -> list[ReportFacts]:
    """About n/3 events, each told by 1-6 reports; a third of retellings are reprints."""
    rng = random.Random(seed)
    out: list[ReportFacts] = []
    event = 0
    while len(out) < n:
        event += 1
        words = _event_text(rng)
        code, oblast = rng.choice(CODES), rng.choice(OBLASTS)
        year, month = rng.randint(2022, 2026), rng.randint(1, 12)
        origin = (f"origin{rng.randrange(40)}", None)
        for _ in range(min(rng.randint(1, 6), n - len(out))):
            reprint = rng.random() < 0.33
            out.append(ReportFacts(
                report_id=len(out), text=_variant(words, rng, reprint), violations={code}, oblasts={oblast},
                settlements={f"s{event % 997}"}, dates=[f"{year}-{month:02d}"] if rng.random() < 0.8 else [],
                origins=[origin], chains=[[]], numbers={str(rng.randrange(10, 500))}))
            out[-1].kind = f"event:{event}"  # gold label, read back only by this script
    return out


def _sig_bytes(texts: list[str]) -> list[bytes]:
    return [fingerprint.to_bytes(s) for s in fingerprint.signatures(texts)]


def sign(reports: list[ReportFacts], workers: int) -> float:
    """Compute and attach stored signatures (in ``workers`` processes); returns seconds."""
    t = time.perf_counter()
    texts = [r.text for r in reports]
    if workers > 1:
        chunks = [texts[i:i + 2000] for i in range(0, len(texts), 2000)]
        with ProcessPoolExecutor(workers) as pool:
            sigs = [b for part in pool.map(_sig_bytes, chunks) for b in part]
    else:
        sigs = _sig_bytes(texts)
    for r, s in zip(reports, sigs, strict=True):
        r.signature = s
    return time.perf_counter() - t


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_scale(n: int, workers: int) -> dict[str, float | int]:
    reports = generate(n)
    sign_s = sign(reports, workers)
    t = time.perf_counter()
    c = Clusterer(embedder=None)
    for r in reports:
        c.add(r)
    cluster_s = time.perf_counter() - t
    gold = {}
    for r in reports:
        gold[r.report_id] = r.kind
    predicted = [cl.report_ids for cl in c.clusters.values() if cl.members]
    tp = fp = 0
    for ids in predicted:
        for a, b in combinations(ids[:50], 2):
            tp, fp = (tp + 1, fp) if gold[a] == gold[b] else (tp, fp + 1)
    return {"n": n, "signatures_s": round(sign_s, 1), "cluster_s": round(cluster_s, 1),
            "reports_per_s": round(n / cluster_s), "incidents": len(predicted),
            "events": len(set(gold.values())), "pair_precision": round(tp / max(1, tp + fp), 3),
            "peak_rss_mb": round(_peak_mb())}


def run_lsh_vs_exact(sample: int, threshold: float = 0.6) -> dict[str, float | int]:
    reports = generate(sample, seed=11)
    sign(reports, 1)
    items = [(r.report_id, fingerprint.from_bytes(r.signature or b"")) for r in reports]
    t = time.perf_counter()
    idx = NearDuplicateIndex(threshold)
    found: set[frozenset[int | str]] = set()
    for key, sig in items:
        found |= {frozenset((key, d)) for d in idx.add(key, sig)}
    lsh_s = time.perf_counter() - t
    t = time.perf_counter()
    exact = exact_pairs(items, threshold)
    exact_s = time.perf_counter() - t
    recall = len(found & exact) / len(exact) if exact else 1.0
    return {"sample": sample, "lsh_s": round(lsh_s, 2), "exact_s": round(exact_s, 1),
            "speedup": round(exact_s / lsh_s, 1), "exact_pairs": len(exact), "lsh_recall": round(recall, 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--sample", type=int, default=20_000, help="LSH vs exact sample size (0 skips)")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    for n in args.n:
        print(json.dumps(run_scale(n, args.workers)), flush=True)
    if args.sample:
        print(json.dumps(run_lsh_vs_exact(args.sample)), flush=True)


if __name__ == "__main__":
    main()
