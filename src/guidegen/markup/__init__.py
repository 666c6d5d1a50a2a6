"""Markdown to HTML: the configured converter and its speed-ups."""
