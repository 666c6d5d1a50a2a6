"""The benchmark's synthetic catalog: valid content, deterministic, and as varied as promised."""

from __future__ import annotations

import collections
import importlib.util

import yaml

from conftest import REPO, SiteFixture
from guidegen.content.models import PROGRAM_FORMATS, PROGRAM_TYPES, Program

# bench/ is a folder of scripts, not a package: load the module from its file
_spec = importlib.util.spec_from_file_location("synthetic_programs", REPO / "bench/synthetic_programs.py")
assert _spec is not None
assert _spec.loader is not None
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)
TAGS, generate_programs = synthetic.TAGS, synthetic.generate_programs


def test_records_follow_the_content_contract_and_ids_are_unique() -> None:
    records = generate_programs(2000)
    programs = [Program.model_validate(record) for record in records]
    assert all(not program.model_extra for program in programs)  # no unknown fields
    assert len({program.id for program in programs}) == 2000


def test_same_seed_same_catalog_other_seed_other_catalog() -> None:
    assert generate_programs(300, seed=7) == generate_programs(300, seed=7)
    assert generate_programs(300, seed=7) != generate_programs(300, seed=8)
    assert generate_programs(300) == generate_programs(300, seed=7)


def test_the_catalog_has_realistic_variety() -> None:
    records = generate_programs(10_000)
    assert {r["type"] for r in records} == set(PROGRAM_TYPES)
    assert {r["format"] for r in records} == set(PROGRAM_FORMATS)
    assert len({r["location"]["country"] for r in records}) >= 25
    assert len({r["location"].get("region") for r in records}) >= 80
    assert len({r["institution"] for r in records}) >= 1000
    currencies = collections.Counter(r["cost"]["currency"] for r in records if "cost" in r)
    assert len(currencies) >= 10
    assert currencies.most_common(1)[0][0] == "USD"
    share = {
        "no cost": sum("cost" not in r for r in records),
        "no duration": sum("duration_months" not in r for r in records),
        "no region": sum("region" not in r["location"] for r in records),
        "no url": sum("url" not in r for r in records),
        "a school": sum("school" in r for r in records),
    }
    assert all(300 <= count <= 9_000 for count in share.values()), share
    assert any(name != name.encode("ascii", "ignore").decode() for name in (r["institution"] for r in records))


def test_tags_are_the_vocabulary_of_the_real_catalog() -> None:
    vocabulary = set()
    for path in sorted((REPO / "content/programs").glob("*.yaml")):
        vocabulary |= {tag for record in yaml.safe_load(path.read_text(encoding="utf-8")) for tag in record["tags"]}
    assert set(TAGS) == vocabulary
    used = {tag for record in generate_programs(3000) for tag in record["tags"]}
    assert used == vocabulary


def test_a_synthetic_catalog_builds(site: SiteFixture) -> None:
    text = yaml.safe_dump(generate_programs(120, seed=3), allow_unicode=True, sort_keys=False)
    site.write("content/programs/catalog.yaml", text)
    report = site.build(strict=False)
    assert report.programs == 120
    assert (site.out / "programs/page/3/index.html").is_file()
