"""A tiny run of each benchmark, so `make bench` cannot rot unnoticed (no timings asserted)."""

from __future__ import annotations

from bench import timeline


def test_the_timeline_benchmark_writes_its_section(tmp_path):
    target = tmp_path / "BENCHMARKS.md"
    target.write_text("# Benchmarks\n\nKept as it is.\n", encoding="utf-8")
    assert (
        timeline.main(["--repeat", "1", "--runs", "1", "--fuzz", "20", "--write", str(target)]) == 0
    )
    text = target.read_text(encoding="utf-8")
    assert "Kept as it is." in text
    assert text.count("<!-- timeline:start -->") == 1
    assert "## Timeline reader" in text and "false dates" in text.lower()
    # A second run replaces the section rather than adding another.
    timeline.main(["--repeat", "1", "--runs", "1", "--fuzz", "20", "--write", str(target)])
    assert target.read_text(encoding="utf-8").count("## Timeline reader") == 1
