"""Closer: close the interview, then follow up at the right moment."""

__version__ = "0.1.0"
