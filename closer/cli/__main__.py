"""`python -m closer.cli` runs the `closer` command."""

from closer.cli import main

main()
