"""Importers: content files written from other publishers' data (BLS OEWS wages)."""
