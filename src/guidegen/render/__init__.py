"""Rendering and writing: the Jinja2 environment, formatting, charts, JSON-LD, the atomic output swap."""
