"""A deterministic synthetic program catalog with realistic variety, for benchmarks.

`generate_programs(count, seed)` returns records in the content contract's YAML shape
(docs/content-model.md, `content/programs/*.yaml`): many countries and regions, every program
type and format, tags from the vocabulary the real catalog uses, mixed currencies, accented
names, and some programs without a cost, a duration, a school, a URL or a region.
"""

from __future__ import annotations

import random
import re
import unicodedata
from typing import Any

# the tag vocabulary of content/programs/*.yaml (tests/test_catalog_synthetic.py keeps them in step)
TAGS = (
    "ai-engineering",
    "ai-ethics",
    "business",
    "computer-vision",
    "data-science",
    "deep-learning",
    "education",
    "machine-learning",
    "management",
    "mlops",
    "natural-language-processing",
    "robotics",
    "software-engineering",
    "statistics",
    "teaching",
)

# country: (currency, weight, tuition scale, style of institution names, {region or "": [cities]})
COUNTRIES: dict[str, tuple[str, int, float, str, dict[str, list[str]]]] = {
    "United States": (
        "USD",
        34,
        1.0,
        "us",
        {
            "Alabama": ["Birmingham", "Tuscaloosa"],
            "Arizona": ["Phoenix", "Tucson", "Tempe"],
            "California": ["Los Angeles", "San Diego", "Berkeley", "Stanford", "Irvine", "Davis", "San Jose"],
            "Colorado": ["Boulder", "Denver", "Fort Collins"],
            "Connecticut": ["New Haven", "Storrs"],
            "Florida": ["Gainesville", "Miami", "Orlando", "Tampa", "Tallahassee"],
            "Georgia": ["Atlanta", "Athens", "Savannah"],
            "Illinois": ["Chicago", "Urbana", "Evanston"],
            "Indiana": ["Bloomington", "West Lafayette", "Notre Dame"],
            "Iowa": ["Ames", "Iowa City"],
            "Kansas": ["Lawrence", "Manhattan"],
            "Kentucky": ["Lexington", "Louisville"],
            "Louisiana": ["Baton Rouge", "New Orleans"],
            "Maryland": ["College Park", "Baltimore"],
            "Massachusetts": ["Boston", "Cambridge", "Amherst", "Worcester"],
            "Michigan": ["Ann Arbor", "East Lansing", "Detroit"],
            "Minnesota": ["Minneapolis", "Saint Paul"],
            "Missouri": ["St. Louis", "Columbia", "Kansas City"],
            "Nebraska": ["Lincoln", "Omaha"],
            "New Jersey": ["Princeton", "Newark", "Hoboken"],
            "New York": ["New York", "Ithaca", "Rochester", "Buffalo", "Syracuse", "Troy"],
            "North Carolina": ["Durham", "Chapel Hill", "Raleigh", "Charlotte"],
            "Ohio": ["Columbus", "Cleveland", "Cincinnati"],
            "Oklahoma": ["Norman", "Stillwater"],
            "Oregon": ["Portland", "Eugene", "Corvallis"],
            "Pennsylvania": ["Pittsburgh", "Philadelphia", "State College"],
            "South Carolina": ["Columbia", "Clemson"],
            "Tennessee": ["Nashville", "Knoxville", "Memphis"],
            "Texas": ["Austin", "Houston", "Dallas", "College Station", "Arlington", "San Antonio", "El Paso"],
            "Utah": ["Salt Lake City", "Provo"],
            "Virginia": ["Charlottesville", "Blacksburg", "Fairfax", "Richmond"],
            "Washington": ["Seattle", "Pullman", "Tacoma"],
            "Wisconsin": ["Madison", "Milwaukee"],
        },
    ),
    "Canada": (
        "CAD",
        7,
        0.6,
        "en",
        {
            "Ontario": ["Toronto", "Waterloo", "Ottawa", "Kingston", "Hamilton"],
            "Québec": ["Montréal", "Québec City", "Sherbrooke"],
            "British Columbia": ["Vancouver", "Victoria", "Burnaby"],
            "Alberta": ["Edmonton", "Calgary"],
            "Nova Scotia": ["Halifax"],
            "Manitoba": ["Winnipeg"],
        },
    ),
    "United Kingdom": (
        "GBP",
        9,
        0.55,
        "en",
        {
            "England": ["London", "Oxford", "Cambridge", "Manchester", "Bristol", "Leeds", "Birmingham", "York"],
            "Scotland": ["Edinburgh", "Glasgow", "St Andrews", "Aberdeen"],
            "Wales": ["Cardiff", "Swansea"],
            "Northern Ireland": ["Belfast"],
        },
    ),
    "Ireland": ("EUR", 2, 0.45, "en", {"": ["Dublin", "Cork", "Galway"]}),
    "Germany": (
        "EUR",
        6,
        0.08,
        "de",
        {
            "Bavaria": ["München", "Nürnberg", "Würzburg"],
            "Berlin": ["Berlin"],
            "Baden-Württemberg": ["Stuttgart", "Karlsruhe", "Tübingen", "Heidelberg", "Freiburg"],
            "North Rhine-Westphalia": ["Aachen", "Köln", "Bonn", "Dortmund"],
            "Saxony": ["Dresden", "Leipzig"],
            "Hesse": ["Darmstadt", "Frankfurt"],
        },
    ),
    "France": (
        "EUR",
        5,
        0.15,
        "fr",
        {
            "Île-de-France": ["Paris", "Saclay", "Palaiseau"],
            "Auvergne-Rhône-Alpes": ["Lyon", "Grenoble"],
            "Occitanie": ["Toulouse", "Montpellier"],
            "Provence-Alpes-Côte d'Azur": ["Marseille", "Nice"],
        },
    ),
    "Switzerland": (
        "CHF",
        2,
        0.1,
        "de",
        {"Zürich": ["Zürich", "Winterthur"], "Vaud": ["Lausanne"], "Geneva": ["Genève"]},
    ),
    "Netherlands": ("EUR", 3, 0.3, "nl", {"": ["Amsterdam", "Delft", "Eindhoven", "Utrecht", "Leiden", "Groningen"]}),
    "Sweden": ("SEK", 2, 1.8, "sv", {"": ["Stockholm", "Göteborg", "Lund", "Uppsala", "Linköping"]}),
    "Denmark": ("DKK", 1, 1.6, "en", {"": ["København", "Aarhus", "Lyngby"]}),
    "Finland": ("EUR", 1, 0.35, "en", {"": ["Helsinki", "Espoo", "Tampere"]}),
    "Spain": ("EUR", 3, 0.25, "es", {"Madrid": ["Madrid"], "Catalonia": ["Barcelona"], "Valencia": ["València"]}),
    "Italy": ("EUR", 2, 0.1, "it", {"Lombardy": ["Milano"], "Lazio": ["Roma"], "Tuscany": ["Pisa", "Firenze"]}),
    "Austria": ("EUR", 1, 0.05, "de", {"Vienna": ["Wien"], "Styria": ["Graz"], "Tyrol": ["Innsbruck"]}),
    "Poland": ("PLN", 1, 0.6, "en", {"Masovia": ["Warszawa"], "Lesser Poland": ["Kraków"]}),
    "Australia": (
        "AUD",
        5,
        0.9,
        "en",
        {
            "New South Wales": ["Sydney", "Newcastle"],
            "Victoria": ["Melbourne", "Geelong"],
            "Queensland": ["Brisbane", "Gold Coast"],
            "Western Australia": ["Perth"],
            "South Australia": ["Adelaide"],
            "Australian Capital Territory": ["Canberra"],
        },
    ),
    "New Zealand": ("NZD", 1, 0.9, "en", {"": ["Auckland", "Wellington", "Christchurch"]}),
    "Singapore": ("SGD", 2, 0.9, "en", {"": ["Singapore"]}),
    "India": (
        "INR",
        5,
        12.0,
        "en",
        {
            "Karnataka": ["Bengaluru", "Mysuru"],
            "Maharashtra": ["Mumbai", "Pune"],
            "Tamil Nadu": ["Chennai", "Coimbatore"],
            "Delhi": ["New Delhi"],
            "Telangana": ["Hyderabad"],
            "West Bengal": ["Kolkata", "Kharagpur"],
        },
    ),
    "Japan": ("JPY", 2, 60.0, "en", {"Tokyo": ["Tokyo"], "Kyoto": ["Kyoto"], "Osaka": ["Osaka"]}),
    "South Korea": ("KRW", 1, 700.0, "en", {"Seoul": ["Seoul"], "Daejeon": ["Daejeon"]}),
    "China": ("CNY", 2, 2.0, "en", {"Beijing": ["Beijing"], "Shanghai": ["Shanghai"], "Zhejiang": ["Hangzhou"]}),
    "Hong Kong": ("HKD", 1, 4.0, "en", {"": ["Hong Kong"]}),
    "Israel": ("ILS", 1, 1.2, "en", {"": ["Tel Aviv", "Haifa", "Jerusalem"]}),
    "United Arab Emirates": ("AED", 1, 2.5, "en", {"Abu Dhabi": ["Abu Dhabi"], "Dubai": ["Dubai"]}),
    "Brazil": ("BRL", 1, 1.5, "pt", {"São Paulo": ["São Paulo", "Campinas"], "Rio de Janeiro": ["Rio de Janeiro"]}),
    "Mexico": ("MXN", 1, 6.0, "es", {"Mexico City": ["Ciudad de México"], "Nuevo León": ["Monterrey"]}),
    "South Africa": ("ZAR", 1, 3.0, "en", {"Western Cape": ["Cape Town", "Stellenbosch"], "Gauteng": ["Johannesburg"]}),
}

# what institutions are called, by style: {city} and {region} are filled in
INSTITUTION_PATTERNS = {
    "us": [
        "University of {city}",
        "{region} State University",
        "{city} Institute of Technology",
        "{city} College",
        "University of {region}",
        "{region} Tech",
        "{city} University",
        "{city} Polytechnic Institute",
        "{region} A&M University",
        "{city} School of Business",
        "{region} Wesleyan University",
        "{city} Graduate Institute",
    ],
    "en": [
        "University of {city}",
        "{city} University",
        "{city} Institute of Technology",
        "{city} Metropolitan University",
        "{city} Business School",
        "{city} Polytechnic",
        "Royal {city} College",
    ],
    "de": ["Technische Universität {city}", "Universität {city}", "Hochschule {city}", "{city} School of Management"],
    "fr": [
        "Université de {city}",
        "École Polytechnique de {city}",
        "Institut National de {city}",
        "{city} Business School",
    ],
    "nl": ["University of {city}", "{city} University of Technology", "Hogeschool {city}"],
    "sv": ["{city} University", "KTH {city}", "{city} Tekniska Högskola"],
    "es": ["Universidad de {city}", "Universitat Politècnica de {city}", "{city} School of Business"],
    "it": ["Università di {city}", "Politecnico di {city}", "Scuola Superiore di {city}"],
    "pt": ["Universidade de {city}", "Universidade Estadual de {city}"],
}

SCHOOLS = [
    "School of Computer Science",
    "School of Engineering",
    "College of Computing",
    "Faculty of Science",
    "School of Information",
    "Business School",
    "Graduate School of Education",
    "School of Professional Studies",
    "Department of Statistics",
]

# topic: (tags it carries, which program types offer it)
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Machine Learning": (("machine-learning", "deep-learning", "statistics"), ("Master's", "PhD", "Certificate")),
    "Artificial Intelligence": (
        ("machine-learning", "ai-engineering"),
        ("Bachelor's", "Master's", "PhD", "Certificate"),
    ),
    "Data Science": (
        ("data-science", "statistics", "machine-learning"),
        ("Bachelor's", "Master's", "Certificate", "PhD"),
    ),
    "Machine Learning Engineering": (
        ("mlops", "machine-learning", "ai-engineering", "software-engineering"),
        ("Master's", "Certificate"),
    ),
    "MLOps": (("mlops", "ai-engineering", "software-engineering"), ("Certificate", "Master's")),
    "AI Engineering": (("ai-engineering", "machine-learning", "software-engineering"), ("Master's", "Certificate")),
    "Deep Learning": (("deep-learning", "machine-learning"), ("Certificate", "Master's")),
    "Computer Vision": (("computer-vision", "deep-learning", "machine-learning"), ("Master's", "PhD", "Certificate")),
    "Natural Language Processing": (
        ("natural-language-processing", "deep-learning", "machine-learning"),
        ("Master's", "PhD", "Certificate"),
    ),
    "Robotics": (("robotics", "computer-vision", "machine-learning"), ("Bachelor's", "Master's", "PhD")),
    "Statistics": (("statistics", "data-science"), ("Bachelor's", "Master's", "PhD")),
    "Computer Science": (("software-engineering", "machine-learning"), ("Bachelor's", "Master's", "PhD")),
    "Software Engineering": (("software-engineering",), ("Bachelor's", "Master's", "Certificate")),
    "Responsible AI": (("ai-ethics", "machine-learning"), ("Certificate", "Master's")),
    "Business Analytics": (("business", "data-science", "statistics"), ("Master's", "Certificate", "MBA")),
    "Technology Management": (("management", "business"), ("MBA", "Master's")),
    "Curriculum and Instruction": (("education", "teaching"), ("Master's in Teaching",)),
    "Computer Science Education": (("education", "teaching", "software-engineering"), ("Master's in Teaching",)),
}

NAME_PATTERNS = {
    "Bachelor's": [
        "Bachelor of Science in {topic}",
        "BSc (Hons) {topic}",
        "BS in {topic}",
        "Bachelor of Engineering in {topic}",
    ],
    "Master's": [
        "Master of Science in {topic}",
        "MS in {topic}",
        "MSc {topic}",
        "Master of Engineering in {topic}",
        "MEng {topic}",
    ],
    "Master's in Teaching": ["Master of Arts in Teaching", "M.Ed. in {topic}", "Master of Education in {topic}"],
    "MBA": ["MBA", "MBA in {topic}", "Executive MBA", "Online MBA with a {topic} Concentration"],
    "PhD": ["PhD in {topic}", "Doctor of Philosophy in {topic}", "Doctorate in {topic}"],
    "Certificate": [
        "Graduate Certificate in {topic}",
        "Professional Certificate in {topic}",
        "Certificate in Applied {topic}",
    ],
}

TYPE_WEIGHTS = {"Master's": 38, "Certificate": 20, "Bachelor's": 14, "PhD": 10, "MBA": 10, "Master's in Teaching": 8}
FORMAT_WEIGHTS = {"On-Campus": 55, "Online": 27, "Hybrid": 18}
# typical length in months, and total tuition in US dollars, by type
DURATIONS = {
    "Bachelor's": [36, 48, 48, 48],
    "Master's": [9, 12, 12, 16, 18, 20, 24, 24],
    "Master's in Teaching": [12, 15, 18, 24],
    "MBA": [12, 16, 21, 24, 24],
    "PhD": [48, 60, 60, 72],
    "Certificate": [3, 4, 6, 6, 9, 12],
}
TUITION = {
    "Bachelor's": (40_000, 240_000),
    "Master's": (12_000, 95_000),
    "Master's in Teaching": (9_000, 45_000),
    "MBA": (45_000, 220_000),
    "PhD": (0, 60_000),
    "Certificate": (1_500, 25_000),
}


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _institutions(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """Up to `count` institutions spread over countries by weight; names are unique."""
    countries = list(COUNTRIES)
    weights = [COUNTRIES[c][1] for c in countries]
    seen: set[str] = set()
    pool: list[dict[str, Any]] = []
    for _attempt in range(count * 20):  # the name patterns run out eventually: stop rather than loop
        if len(pool) == count:
            break
        country = rng.choices(countries, weights=weights)[0]
        currency, _weight, scale, style, regions = COUNTRIES[country]
        region = rng.choice(list(regions))
        city = rng.choice(regions[region])
        pattern = rng.choice(INSTITUTION_PATTERNS.get(style, INSTITUTION_PATTERNS["en"]))
        if "{region}" in pattern and not region:
            continue
        name = pattern.format(city=city, region=region)
        if name in seen:
            continue
        seen.add(name)
        pool.append(
            {
                "name": name,
                "country": country,
                "region": region or None,
                "city": city,
                "currency": currency,
                "scale": scale,
                "domain": _slug(name).replace("-", "")[:24] + ".edu.example",
            }
        )
    return pool


def _program(rng: random.Random, institution: dict[str, Any]) -> dict[str, Any]:
    program_type = _pick(rng, TYPE_WEIGHTS)
    topics = [topic for topic, (_tags, types) in TOPICS.items() if program_type in types]
    topic = rng.choice(topics)
    tags = list(TOPICS[topic][0])
    if rng.random() < 0.25:  # a second emphasis
        extra = rng.choice(TAGS)
        if extra not in tags:
            tags.append(extra)
    name = rng.choice(NAME_PATTERNS[program_type]).format(topic=topic)
    record: dict[str, Any] = {
        "id": "",
        "institution": institution["name"],
        "name": name,
        "type": program_type,
        "format": _pick(rng, FORMAT_WEIGHTS),
        "location": {"city": institution["city"], "country": institution["country"]},
    }
    if institution["region"] and rng.random() < 0.95:
        record["location"] = {
            "city": institution["city"],
            "region": institution["region"],
            "country": institution["country"],
        }
    if rng.random() < 0.45:
        record["school"] = rng.choice(SCHOOLS)
    if rng.random() < 0.88:
        record["duration_months"] = rng.choice(DURATIONS[program_type])
    if rng.random() < 0.78:
        low, high = TUITION[program_type]
        quoted_in_usd = institution["currency"] != "USD" and rng.random() < 0.12  # some quote US dollars
        scale = 1.0 if quoted_in_usd else institution["scale"]
        amount = int(rng.uniform(low, high) * scale)
        step = 1000 if amount >= 100_000 else 100
        record["cost"] = {
            "amount": amount // step * step,
            "currency": "USD" if quoted_in_usd else institution["currency"],
        }
    record["tags"] = tags
    if rng.random() < 0.9:
        record["url"] = f"https://{institution['domain']}/programs/{_slug(name)}"
    if rng.random() < 0.3:
        record["description"] = f"A {record['format'].lower()} {program_type} program in {topic.lower()}."
    return record


def generate_programs(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """`count` program records (content-contract YAML shape), the same for the same seed."""
    rng = random.Random(seed)
    institutions = _institutions(rng, max(1, count // 6))
    used: set[str] = set()
    programs = []
    for _ in range(count):
        record = _program(rng, rng.choice(institutions))
        base = _slug(f"{record['institution']} {record['name']}")[:70].strip("-")
        program_id, suffix = base, 2
        while program_id in used:
            program_id, suffix = f"{base}-{suffix}", suffix + 1
        used.add(program_id)
        record["id"] = program_id
        programs.append(record)
    return programs
