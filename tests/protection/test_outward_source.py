"""Local file paths never leave the installation in partner or public output."""

from carewatch.protection.audience import LOCAL_SOURCE, Redactor


def test_local_paths_are_replaced_and_urls_kept() -> None:
    rec = {"id": 1, "reports": [
        {"id": 7, "source": "/home/olena/interviews/interview_ivanova.txt", "role": "witness"},
        {"id": 8, "source": "https://news.example/2024/01/oms", "role": "relay"},
    ]}
    for audience in ("public", "partner"):
        out = Redactor(audience).record(rec)
        assert out is not None
        assert [r["source"] for r in out["reports"]] == [LOCAL_SOURCE, "https://news.example/2024/01/oms"]
        assert "ivanova" not in repr(out)
    internal = Redactor("internal").record(rec)
    assert internal is not None and internal["reports"][0]["source"].endswith("interview_ivanova.txt")
