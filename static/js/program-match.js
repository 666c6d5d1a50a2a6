// The Program Matcher's rules, apart from the page: criteria and their URL form, the checks each
// program gets, and the ranking (documented on the page and in docs/tools.md).

import { emptyState, positiveInt } from "./catalog-state.js";
import { moneyExact } from "./money.js";

export const BUDGET_CURRENCY = "USD";
export const NEAR_MISS_SHARE = 0.25; // a near miss goes over a budget or duration by at most this share
export const CHECKS = ["topic", "format", "type", "place", "budget", "duration"];
const CATEGORICAL = ["format", "type", "place"];
const NUMERIC = ["budget", "duration"];

/**
 * Criteria from a query string. `choices` is what the form offers:
 * {goals: [{slug, tags}], formats: [...], types: [...], places: [{country, region}]}.
 * Unknown values are dropped; an unknown or missing goal is the first goal.
 */
export function parseCriteria(search, choices) {
  const params = new URLSearchParams(search);
  const goal = choices.goals.find((g) => g.slug === params.get("goal")) || choices.goals[0];
  const pick = (name, known) => [...new Set(params.getAll(name))].filter((value) => known.includes(value));
  const country = params.get("country") || "";
  const region = params.get("region") || "";
  const place = choices.places.find((p) => p.country === country && (p.region || "") === region);
  return {
    goal: goal.slug,
    tags: goal.tags,
    formats: pick("format", choices.formats),
    types: pick("type", choices.types),
    country: place ? place.country : "",
    region: place ? place.region || "" : "",
    budget: positiveInt(params.get("budget")),
    months: positiveInt(params.get("months")),
  };
}

export function criteriaToQuery(criteria) {
  const params = new URLSearchParams();
  params.set("goal", criteria.goal);
  for (const value of criteria.formats) params.append("format", value);
  for (const value of criteria.types) params.append("type", value);
  if (criteria.country) params.set("country", criteria.country);
  if (criteria.region) params.set("region", criteria.region);
  if (criteria.budget !== null) params.set("budget", String(criteria.budget));
  if (criteria.months !== null) params.set("months", String(criteria.months));
  return `?${params.toString()}`;
}

/** The catalog's filter state closest to the criteria (docs/catalog-url.md). */
export function catalogState(criteria) {
  return {
    ...emptyState(),
    tag: [...criteria.tags],
    format: [...criteria.formats],
    type: [...criteria.types],
    country: criteria.country ? [criteria.country] : [],
    region: criteria.region ? [criteria.region] : [],
    cost_max: criteria.budget,
    duration_max: criteria.months,
  };
}

function months(count) {
  return `${count} month${count === 1 ? "" : "s"}`;
}

const check = (kind, status, text, near = false) => ({ kind, status, text, near });

/** Every check that applies to one program, in the order the page lists them. */
export function checksFor(program, criteria, symbols) {
  const checks = [];
  const topics = criteria.tags.filter((tag) => program.tags.includes(tag));
  checks.push(
    check(
      "topic",
      topics.length ? "met" : "missed",
      topics.length
        ? `Topics: ${topics.join(", ")} (${topics.length} of the goal's ${criteria.tags.length})`
        : "None of the goal's topics",
    ),
  );
  if (criteria.formats.length) {
    const met = criteria.formats.includes(program.format);
    checks.push(check("format", met ? "met" : "missed", met ? program.format : `${program.format}: not a format you ticked`));
  }
  if (criteria.types.length) {
    const met = criteria.types.includes(program.type);
    checks.push(check("type", met ? "met" : "missed", met ? program.type : `${program.type}: not a type you ticked`));
  }
  if (criteria.country) {
    const where = [program.city, program.region, program.country].filter(Boolean).join(", ");
    const wanted = criteria.region ? `${criteria.region}, ${criteria.country}` : criteria.country;
    const met = program.country === criteria.country && (!criteria.region || program.region === criteria.region);
    checks.push(check("place", met ? "met" : "missed", met ? `In ${where}` : `In ${where}: not in ${wanted}`));
  }
  if (criteria.budget !== null) {
    const budget = moneyExact(criteria.budget, BUDGET_CURRENCY, symbols[BUDGET_CURRENCY]);
    if (program.cost === null) {
      checks.push(check("budget", "unknown", "Cost not listed"));
    } else {
      const cost = moneyExact(program.cost, program.currency, symbols[program.currency]);
      if (program.currency !== BUDGET_CURRENCY) {
        checks.push(check("budget", "unknown", `Cost ${cost}: not compared with a budget in US dollars`));
      } else if (program.cost <= criteria.budget) {
        checks.push(check("budget", "met", `${cost}: within your ${budget} budget`));
      } else {
        const near = program.cost <= criteria.budget * (1 + NEAR_MISS_SHARE);
        checks.push(check("budget", "missed", `${cost}: over your ${budget} budget`, near));
      }
    }
  }
  if (criteria.months !== null) {
    if (program.duration === null) {
      checks.push(check("duration", "unknown", "Duration not listed"));
    } else if (program.duration <= criteria.months) {
      checks.push(check("duration", "met", `${months(program.duration)}: within your ${criteria.months}`));
    } else {
      const near = program.duration <= criteria.months * (1 + NEAR_MISS_SHARE);
      checks.push(
        check("duration", "missed", `${months(program.duration)}: longer than your ${criteria.months}`, near),
      );
    }
  }
  return checks;
}

/**
 * Rank programs against criteria:
 * {matches, nearMisses, leftOut: {count, byCheck: {format: n, ...}}, offTopic}.
 * Each ranked entry is {program, topics, confirmed, checks}.
 */
export function matchPrograms(programs, criteria, symbols) {
  const matches = [];
  const nearMisses = [];
  const byCheck = {};
  let leftOut = 0;
  let offTopic = 0;
  for (const program of programs) {
    const checks = checksFor(program, criteria, symbols);
    const topics = program.tags.filter((tag) => criteria.tags.includes(tag)).length;
    if (topics === 0) {
      offTopic += 1;
      continue;
    }
    const missed = checks.filter((c) => c.status === "missed");
    const confirmed = checks.filter((c) => NUMERIC.includes(c.kind) && c.status === "met").length;
    const entry = { program, topics, confirmed, checks };
    if (missed.length === 0) {
      matches.push(entry);
    } else if (missed.every((c) => NUMERIC.includes(c.kind) && c.near)) {
      nearMisses.push(entry);
    } else {
      leftOut += 1;
      for (const c of missed) {
        const reason = CATEGORICAL.includes(c.kind) || !c.near ? c.kind : null;
        if (reason) byCheck[reason] = (byCheck[reason] || 0) + 1;
      }
    }
  }
  const byScore = (a, b) => b.topics - a.topics || b.confirmed - a.confirmed || a.program.index - b.program.index;
  matches.sort(byScore);
  nearMisses.sort(byScore);
  return { matches, nearMisses, leftOut: { count: leftOut, byCheck }, offTopic };
}
