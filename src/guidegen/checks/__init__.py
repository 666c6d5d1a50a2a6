"""Checks on built pages and prose: links and anchors, provenance of figures, proofreading."""
