"""A small deterministic program generator, used when bench/synthetic_programs.py is not present."""

from __future__ import annotations

import random
from typing import Any

INSTITUTIONS = (
    "Northfield University",
    "Lakeside Institute of Technology",
    "Riverbend College",
    "Harbor State University",
    "Summit Polytechnic",
    "Westbrook University",
    "Eastgate School of Engineering",
    "Pinecrest University",
    "Granite Valley College",
    "Meridian Institute",
)
SUBJECTS = (
    "Machine Learning",
    "Data Science",
    "Artificial Intelligence",
    "Computer Science",
    "Data Engineering",
    "Cloud Computing",
    "Business Analytics",
    "Statistics",
    "Software Engineering",
    "Cybersecurity",
)
TYPES = ("Bachelor's", "Master's", "MBA", "PhD", "Certificate")
FORMATS = ("On-Campus", "Online", "Hybrid")
PLACES = (
    ("Boston", "Massachusetts", "United States", "USD"),
    ("Austin", "Texas", "United States", "USD"),
    ("Seattle", "Washington", "United States", "USD"),
    ("Toronto", "Ontario", "Canada", "CAD"),
    ("London", None, "United Kingdom", "GBP"),
    ("Berlin", None, "Germany", "EUR"),
    ("Amsterdam", None, "Netherlands", "EUR"),
    ("Bangalore", "Karnataka", "India", "INR"),
)
TAGS = ("machine-learning", "data-science", "ai", "databases", "cloud", "business", "statistics", "security")
LISTED_TAGS = ("mlops", "ai-engineering")  # tags a shipped guide lists; a few programs carry them


def generate_programs(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """count program records in the content contract's YAML shape, the same for the same seed."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    for number in range(count):
        institution = rng.choice(INSTITUTIONS)
        subject = rng.choice(SUBJECTS)
        kind = rng.choice(TYPES)
        city, region, country, currency = rng.choice(PLACES)
        location: dict[str, Any] = {"city": city, "country": country}
        if region:
            location["region"] = region
        tags = sorted(set(rng.sample(TAGS, 2)) | ({rng.choice(LISTED_TAGS)} if rng.random() < 0.02 else set()))
        record: dict[str, Any] = {
            "id": f"synthetic-{number:05d}",
            "institution": institution,
            "name": f"{kind} in {subject}" if kind != "MBA" else f"MBA with a {subject} Concentration",
            "type": kind,
            "format": rng.choice(FORMATS),
            "location": location,
            "tags": tags,
            "url": f"https://programs.example/{number:05d}",
        }
        if rng.random() < 0.8:
            record["duration_months"] = rng.choice((9, 12, 18, 24, 36, 48))
        if rng.random() < 0.7:
            record["cost"] = {"amount": rng.randrange(5_000, 90_000, 250), "currency": currency}
        records.append(record)
    return records
