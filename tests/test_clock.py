from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from closer import clock
from closer.env import data_dir

BERLIN = ZoneInfo("Europe/Berlin")


def test_it_reads_a_naive_closer_now_in_the_users_zone(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:00")
    assert clock.now(BERLIN) == datetime(2026, 11, 25, 15, 0, tzinfo=BERLIN)


def test_it_keeps_the_offset_of_closer_now(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "2026-11-25T15:00+00:00")
    assert clock.now(BERLIN).hour == 16


def test_it_rejects_a_bad_closer_now_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("CLOSER_NOW", "next tuesday")
    with pytest.raises(clock.ClockError, match="CLOSER_NOW"):
        clock.now()


def test_it_uses_the_real_clock_without_closer_now():
    moment = clock.now(BERLIN)
    assert moment.tzinfo == BERLIN
    assert abs((moment - datetime.now(BERLIN)).total_seconds()) < 60


def test_it_takes_the_machine_zone_from_tz(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert clock.machine_zone() == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert clock.machine_zone() != "Not/AZone"


def test_closer_data_dir_overrides_the_data_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "mine"))
    assert data_dir() == tmp_path / "mine"
    assert data_dir().is_dir()
