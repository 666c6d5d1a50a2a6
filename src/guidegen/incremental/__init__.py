"""Incremental building: the cache, page keys, output planning, the up-to-date check, parallel rendering.

The pipeline does not need to be read through this folder to be understood."""
