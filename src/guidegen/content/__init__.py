"""Reading content: files, YAML with lines, the typed contract and its validation, the in-memory Site."""
