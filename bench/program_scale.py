"""Programs at national scale: the shipped site plus N synthetic programs, cold and after one edit.

    python bench/program_scale.py [--programs 10000,100000] [--runs 3] [--csv] [--work DIR]

For each size it writes the shipped content, templates and static files with the synthetic
catalog (bench/synthetic_programs.py) in one YAML file, as a publisher's export would be, then
runs as fresh processes, interleaved size by size (A B A B) so a busy machine slows all alike:
a cold build (no cache, no output) and a rebuild after one program's cost is edited. With
`--csv` the same catalog is also written as one CSV file and built as an extra row. Search
and social cards are off, as the targets are measured; the largest catalog is also built cold
with each of them on, in a row of its own, to show what each adds. Peak
memory is the PSS of the whole process tree (shared pages counted once), sampled from /proc.
Every figure is the median of the runs; the per-program cost is the cold build's time divided
by the programs, and the growth column compares it with the smallest size's.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from build_bench import Run, clean, compile_guidegen, guidegen_build
from synthetic_programs import generate_programs

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
COLUMNS = (
    "id",
    "institution",
    "school",
    "name",
    "type",
    "format",
    "location.city",
    "location.region",
    "location.country",
    "duration_months",
    "cost.amount",
    "cost.currency",
    "cost.note",
    "tags",
    "url",
    "description",
)


OFF = "search: false\nsocial_cards: false\n"


def write_site(root: Path, count: int, kind: str) -> None:
    """The shipped project with count synthetic programs in content/programs/synthetic.<kind>."""
    if root.exists():
        shutil.rmtree(root)
    for folder in ("content", "templates", "static"):
        shutil.copytree(REPO / folder, root / folder)
    records = generate_programs(count)
    target = root / "content" / "programs" / f"synthetic.{kind}"
    if kind == "yaml":
        target.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
        return
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows([_cell(record, column) for column in COLUMNS] for record in records)


def _cell(record: dict[str, Any], column: str) -> str:
    value: Any = record
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(item) for item in value)
    return str(value)


def edit_one_program(root: Path, run: int) -> None:
    path = next((root / "content" / "programs").glob("synthetic.*"))
    text = path.read_text(encoding="utf-8")
    pattern = r"amount: \d+" if path.suffix == ".yaml" else r"(?m)(,)\d+(,[A-Z]{3},)"
    replacement = f"amount: {40_001 + run}" if path.suffix == ".yaml" else rf"\g<1>{40_001 + run}\g<2>"
    path.write_text(re.sub(pattern, replacement, text, count=1), encoding="utf-8")


def output_mb(out: Path) -> float:
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", default="10000,100000", help="comma-separated catalog sizes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--csv", action="store_true", help="also build the largest catalog from a CSV file")
    shm = Path("/dev/shm")
    default_work = (shm if shm.is_dir() else Path(tempfile.gettempdir())) / "guidegen-program-scale"
    parser.add_argument("--work", type=Path, default=default_work)
    args = parser.parse_args()
    compile_guidegen()
    sizes = [int(size) for size in args.programs.split(",")]
    largest = max(sizes)
    # (row, programs, source format, extra site.yaml lines): search and social cards off, as the targets are
    # measured; what each adds is a row of its own at the largest size
    cases = [(f"{size:,} programs (YAML)", size, "yaml", OFF) for size in sizes]
    if args.csv:
        cases.append((f"{largest:,} programs (CSV)", largest, "csv", OFF))
    cases.append((f"{largest:,} programs (YAML), with search", largest, "yaml", "social_cards: false\n"))
    cases.append((f"{largest:,} programs (YAML), with social cards", largest, "yaml", "search: false\n"))
    print(f"load before: {os.getloadavg()[0]:.2f} (1-minute average) on {os.cpu_count()} cores", flush=True)
    roots = {}
    for index, (name, size, kind, settings) in enumerate(cases):
        roots[name] = args.work / f"{index}-{size}-{kind}"
        write_site(roots[name], size, kind)
        with (roots[name] / "content" / "site.yaml").open("a", encoding="utf-8") as config:
            config.write(settings)
    cold: dict[str, list[Run]] = {name: [] for name, *_ in cases}
    edit: dict[str, list[Run]] = {name: [] for name, *_ in cases}
    sizes_mb: dict[str, float] = {}
    for run in range(args.runs):
        for name, *_ in cases:
            clean(roots[name])
            cold[name].append(guidegen_build(roots[name])[0])
            sizes_mb[name] = output_mb(roots[name] / "public")
            print(f"  {name}: cold {cold[name][-1].seconds:.1f} s, {cold[name][-1].peak_tree_mb:.0f} MB", flush=True)
        for name, _, _, settings in cases:
            if settings == OFF:  # the edit target is measured without search and cards
                edit_one_program(roots[name], run)
                edit[name].append(guidegen_build(roots[name])[0])
    print(f"load after: {os.getloadavg()[0]:.2f}")
    lines = [
        "| programs | cold build s (median) | peak MB, tree PSS (median) | ms per program | growth "
        "| output MB | one program edited s (median) | runs |",
        "|---|---|---|---|---|---|---|---|",
    ]
    results = []
    smallest = cases[0]
    base = statistics.median(r.seconds for r in cold[smallest[0]]) / smallest[1]
    for name, size, *_ in cases:
        seconds = statistics.median(r.seconds for r in cold[name])
        memory = statistics.median(r.peak_tree_mb for r in cold[name])
        rebuild = f"{statistics.median(r.seconds for r in edit[name]):.2f}" if edit[name] else "not measured"
        per_program = seconds / size
        lines.append(
            f"| {name} | {seconds:.1f} | {memory:.0f} | {per_program * 1000:.3f} | {per_program / base:.2f}x "
            f"| {sizes_mb[name]:.0f} | {rebuild} | {args.runs} |"
        )
        results.append(
            {
                "case": name,
                "cold_seconds": [r.seconds for r in cold[name]],
                "cold_peak_tree_mb": [r.peak_tree_mb for r in cold[name]],
                "edit_seconds": [r.seconds for r in edit[name]],
                "output_mb": sizes_mb[name],
            }
        )
    print("\n".join(lines))
    out = BENCH / "out"
    out.mkdir(exist_ok=True)
    (out / "program-scale.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "program-scale.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    main()
