"""`python -m guidegen` runs the command line."""

from guidegen.cli import run

run()
