"""Where Closer keeps its data and how it reads its configuration from the environment.

Kept free of Django so the CLI can use it before Django is set up.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}.") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def data_dir() -> Path:
    """The user's data directory; CLOSER_DATA_DIR overrides it (tests point it at a temp dir)."""
    override = os.environ.get("CLOSER_DATA_DIR")
    path = Path(override).expanduser() if override else Path(platformdirs.user_data_dir("closer"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sqlite_path() -> Path:
    return data_dir() / "closer.sqlite3"
