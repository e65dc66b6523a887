"""Incremental clustering of reports into incidents.

Each new report is compared only with incidents that share a violation type (blocking), joined
to the best one above the threshold, or starts a new incident. Nothing is recomputed when
reports arrive later; ``Clusterer.rebuild`` exists for an explicit full re-run. Human
decisions are respected: pinned pairs stay apart, pinned memberships stay put.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np

from carewatch.incidents import fingerprint
from carewatch.incidents.dedup import NearDuplicateIndex
from carewatch.incidents.facts import ReportFacts
from carewatch.incidents.similarity import Embedder, Profile, e5_embed, fact_score, text_score

JOIN_THRESHOLD = 0.55
TEXT_WEIGHT = 0.45


@dataclass
class Cluster:
    key: int
    members: list[ReportFacts] = field(default_factory=list)
    profile: Profile = field(default_factory=Profile)
    embeddings: list[np.ndarray] = field(default_factory=list)
    dup_groups: set[Hashable] = field(default_factory=set)

    @property
    def report_ids(self) -> list[int | str]:
        return [m.report_id for m in self.members]


class Clusterer:
    def __init__(self, *, embedder: Embedder | None = e5_embed, threshold: float = JOIN_THRESHOLD,
                 dedup_threshold: float = 0.6) -> None:
        self.embedder = embedder
        self.threshold = threshold
        self.dups = NearDuplicateIndex(dedup_threshold)
        self.clusters: dict[int, Cluster] = {}
        self.by_code: dict[str, set[int]] = defaultdict(set)
        self.of_report: dict[Hashable, int] = {}
        self.apart: set[frozenset[int | str]] = set()  # reviewer said: not the same event
        self._next = 1

    # -- public -----------------------------------------------------------------------------
    def add(self, report: ReportFacts, *, cluster_key: int | None = None) -> int:
        """Place ``report`` in an incident (``cluster_key`` forces one) and return its key."""
        sig = (fingerprint.from_bytes(report.signature) if report.signature
               else fingerprint.signature(report.text))
        report.signature = fingerprint.to_bytes(sig)
        dups = self.dups.add(report.report_id, sig)
        key = cluster_key if cluster_key is not None else self._choose(report, dups)
        if key is None:
            key = self._new_cluster()
        self._join(key, report)
        return key

    def add_many(self, reports: Iterable[ReportFacts]) -> None:
        items = list(reports)
        self.embed_missing(items)
        for r in items:
            self.add(r)

    def embed_missing(self, reports: list[ReportFacts]) -> None:
        """Embed every report that has no stored vector, in one batch (the model is slow per call)."""
        todo = [r for r in reports if r.embedding is None]
        if self.embedder is None or not todo:
            return
        vectors = self.embedder([r.lead() for r in todo])
        for r, vec in zip(todo, vectors, strict=True):
            r.embedding = np.asarray(vec, dtype=np.float32).tobytes()

    def keep_apart(self, a: int | str, b: int | str) -> None:
        self.apart.add(frozenset((a, b)))

    def dup_groups(self) -> dict[Hashable, Hashable]:
        return {rid: self.dups.group_of(rid) for rid in self.of_report}

    # -- internals --------------------------------------------------------------------------
    def _choose(self, report: ReportFacts, dups: list[Hashable]) -> int | None:
        for d in dups:  # a reprint joins its original's incident
            key = self.of_report.get(d)
            if key is not None and not self._blocked(report, key):
                return key
        prof = Profile()
        prof.absorb(report)
        candidates = self._candidates(report)
        scored: list[tuple[float, int]] = []
        for key in candidates:
            if self._blocked(report, key):
                continue
            fs = fact_score(prof, self.clusters[key].profile)
            if fs is not None:
                scored.append((fs, key))
        if not scored:
            return None
        scored.sort(reverse=True)
        best: tuple[float, int] | None = None
        for fs, key in scored[:5]:
            total = (1 - TEXT_WEIGHT) * fs + TEXT_WEIGHT * self._text_sim(report, key)
            if best is None or total > best[0]:
                best = (total, key)
        return best[1] if best and best[0] >= self.threshold else None

    def _candidates(self, report: ReportFacts) -> set[int]:
        """Incidents sharing a violation code, and an oblast when the report names one."""
        out: set[int] = set()
        for code in report.violations or {"*"}:
            if report.oblasts:
                out |= self.by_code[f"{code}|-"]
                for oblast in report.oblasts:
                    out |= self.by_code[f"{code}|{oblast}"]
            else:
                out |= self.by_code[code]
        return out

    def _blocked(self, report: ReportFacts, key: int) -> bool:
        return any(frozenset((report.report_id, m.report_id)) in self.apart
                   for m in self.clusters[key].members)

    def _text_sim(self, report: ReportFacts, key: int) -> float:
        if self.embedder is None:
            return 0.5
        vec = self._embed(report)
        sims = [float(vec @ e) for e in self.clusters[key].embeddings]
        return text_score(max(sims)) if sims else 0.0

    def _embed(self, report: ReportFacts) -> np.ndarray:
        if report.embedding is None:
            self.embed_missing([report])
        assert report.embedding is not None
        return np.frombuffer(report.embedding, dtype=np.float32)

    def _new_cluster(self) -> int:
        key = self._next
        self._next += 1
        self.clusters[key] = Cluster(key)
        return key

    def _join(self, key: int, report: ReportFacts) -> None:
        if key not in self.clusters:
            self.clusters[key] = Cluster(key)
            self._next = max(self._next, key + 1)
        c = self.clusters[key]
        c.members.append(report)
        c.profile.absorb(report)
        c.dup_groups.add(self.dups.group_of(report.report_id))
        if self.embedder is not None:
            c.embeddings.append(self._embed(report))
        for code in report.violations or {"*"}:
            self.by_code[code].add(key)
            for oblast in report.oblasts or {"-"}:
                self.by_code[f"{code}|{oblast}"].add(key)
        self.of_report[report.report_id] = key


def cluster(reports: Iterable[ReportFacts], *, embedder: Embedder | None = e5_embed) -> list[Cluster]:
    """One-shot clustering (what ``incidents rebuild`` and the tests use)."""
    c = Clusterer(embedder=embedder)
    c.add_many(reports)
    return [cl for cl in c.clusters.values() if cl.members]
