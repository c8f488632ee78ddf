"""A tiny run of each benchmark, so `make bench` cannot rot unnoticed (no timings asserted)."""

from __future__ import annotations

from bench import timeline

QUICK = ["--repeat", "1", "--runs", "1", "--fuzz", "20", "--long", "1", "--no-libraries"]


def test_the_timeline_benchmark_writes_its_section(tmp_path):
    target = tmp_path / "BENCHMARKS.md"
    target.write_text("# Benchmarks\n\nKept as it is.\n", encoding="utf-8")
    assert timeline.main([*QUICK, "--write", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "Kept as it is." in text
    assert text.count("<!-- timeline:start -->") == 1
    assert "## Timeline reader" in text and "false dates" in text.lower()
    assert "| Corpus | Development | Held-out |" in text
    # A second run replaces the section rather than adding another.
    timeline.main([*QUICK, "--write", str(target)])
    assert target.read_text(encoding="utf-8").count("## Timeline reader") == 1


def test_the_page_benchmarks_run_on_tiny_data(tmp_path):
    import os

    from bench import report

    target = tmp_path / "BENCHMARKS.md"
    postgres = os.environ.get("DATABASE_URL", "")
    args = ["--small", "--write", str(target)]
    if postgres.startswith("postgres"):
        args += ["--postgres", postgres]
    assert report.main(args) == 0
    text = target.read_text(encoding="utf-8")
    assert "failed" not in text, text
    assert "| Today |" in text and "SQL queries" in text
    assert "closer today --json" in text
    # Under load: the page with nothing due, then an ordinary user's, beside the trivial view.
    assert "| Today, nothing due yet |" in text and "| Today, an ordinary user (" in text
    assert "| trivial Django view |" in text
    if postgres.startswith("postgres"):
        assert "PostgreSQL, the same user among 3 others" in text


def test_the_machine_section_goes_first_and_is_replaced_in_place(tmp_path):
    from bench import machine

    target = tmp_path / "BENCHMARKS.md"
    target.write_text("# Benchmarks\n\n<!-- timeline:start -->\nT\n<!-- timeline:end -->\n")
    assert machine.main(["--write", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.index("## Machine and versions") < text.index("<!-- timeline:start -->")
    assert "| Django |" in text and "| SQLite |" in text
    machine.main(["--write", str(target)])
    assert target.read_text(encoding="utf-8").count("## Machine and versions") == 1


def test_one_owner_can_be_seeded_twice(alice):
    """bench.load grows the ordinary user into the heavy one by seeding it again."""
    import random

    from bench import seed
    from closer import clock
    from closer.pipeline.models import Action

    rng = random.Random(7)
    first = seed.seed_user(alice, seed.ORDINARY, clock.now(), rng)
    second = seed.seed_user(alice, seed.ORDINARY, clock.now(), rng)
    assert Action.objects.filter(owner=alice).count() == first + second
