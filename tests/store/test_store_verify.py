"""``verify_store``: re-hash originals, check the chain, log each check in the custody chain."""

from __future__ import annotations

from pathlib import Path

from carewatch.intake import preserve, service


def test_verify_names_changed_and_vanished_originals(store: Path, corpus: dict[str, Path]) -> None:
    from carewatch.store import custody
    from carewatch.store.models import CustodyEvent, Original
    from carewatch.store.verify import verify_store

    service.ingest_paths([corpus["uk.txt"].parent], stages=())
    originals = store / "originals"
    clean = verify_store(originals, actor="auditor")
    assert clean.ok and clean.checked == 5
    assert CustodyEvent.objects.filter(action="verified_ok", actor="auditor").count() == 5

    uk = Original.objects.get(reports__source=str(corpus["uk.txt"].resolve()))
    ru = Original.objects.get(reports__source=str(corpus["ru.txt"].resolve()))
    path = preserve.original_path(originals, uk.sha256)
    path.chmod(0o644)
    raw = bytearray(path.read_bytes())
    raw[-2] ^= 0x20
    path.write_bytes(bytes(raw))
    preserve.original_path(originals, ru.sha256).unlink()

    result = verify_store(originals, actor="auditor")
    assert not result.ok and result.chain == []
    assert sorted((sha, state) for sha, state, _ in result.bad) == sorted(
        [(uk.sha256, "changed"), (ru.sha256, "missing")])
    assert {Path(src).name for _, _, src in result.bad} == {"uk.txt", "ru.txt"}
    failed = CustodyEvent.objects.filter(action="verify_failed")
    assert {(e.sha256, e.detail["state"]) for e in failed} == {(uk.sha256, "changed"), (ru.sha256, "missing")}
    assert custody.check_chain() == []


def test_verify_reports_a_broken_chain(store: Path, corpus: dict[str, Path]) -> None:
    from carewatch.store.models import CustodyEvent
    from carewatch.store.verify import verify_store

    service.ingest_paths([corpus["en.html"]], stages=())
    CustodyEvent.objects.filter(action="processed").update(detail={"versions": {"forged": "x"}})
    result = verify_store(store / "originals", actor="auditor")
    assert result.bad == [] and len(result.chain) == 1 and not result.ok
