"""guidegen: a static-site generator for career-guide websites."""

__version__ = "0.1.0"
