"""`python -m guidegen.search RECORDS BUNDLE`: index the records (a JSON list) and write Pagefind's files into BUNDLE.

A build starts this as a process of its own (search/indexing.py), so that the build's process
renders meanwhile: this one writes the records as pages beside BUNDLE, and Pagefind writes the index into it.
Exit status 2 with one line on stderr: Pagefind is missing or failed, and the line says why.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from guidegen.errors import GuidegenError
from guidegen.search.indexing import FAILED
from guidegen.search.pagefind_cli import Record, build_index
from guidegen.search.stable import stable_index


def main(argv: Sequence[str]) -> int:
    records_file, bundle = (Path(arg) for arg in argv)
    records = [Record(**fields) for fields in json.loads(records_file.read_text(encoding="utf-8"))]
    try:
        build_index(records, bundle)
    except GuidegenError as exc:
        sys.stderr.write(f"{exc}\n")
        return FAILED
    stable_index(bundle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
