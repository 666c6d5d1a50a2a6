// The program catalog's filter state and its URL form (documented in docs/catalog-url.md).
// Shared by the catalog and by tools that link into it with filters applied.

/** The catalog's facets: each takes repeatable values that combine with OR. */
export const FACETS = ["type", "format", "country", "region", "tag", "duration"];
export const DURATION_LABELS = {
  short: "12 months or less",
  medium: "13–24 months",
  long: "More than 24 months",
  unlisted: "Not listed",
};
export const DURATION_BUCKETS = Object.keys(DURATION_LABELS);
export const SORTS = ["name", "cost-asc", "cost-desc", "duration"];

export function emptyState() {
  return {
    q: "",
    type: [],
    format: [],
    country: [],
    region: [],
    tag: [],
    duration: [],
    duration_max: null,
    cost_min: null,
    cost_max: null,
    unlisted_cost: "include",
    sort: "name",
    page: 1,
  };
}

/** A whole number as a URL or a form field writes it (" 40000 "), zero included; null when it is none. */
export function wholeNumber(text) {
  if (text === null || text === undefined || !/^\d+$/.test(text.trim())) return null;
  const number = Number.parseInt(text, 10);
  return Number.isSafeInteger(number) ? number : null;
}

/** A whole number of at least 1 (a page, a budget, a number of months); null otherwise. */
export function positiveInt(text) {
  const number = wholeNumber(text);
  return number !== null && number > 0 ? number : null;
}

/** Parse a query string ("?type=MBA&format=Online") into a state; unknown values are dropped. */
export function parseState(search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = (params.get("q") || "").trim();
  for (const field of FACETS) {
    const values = params.getAll(field).filter((value) => value !== "");
    state[field] = [...new Set(field === "duration" ? values.filter((v) => DURATION_BUCKETS.includes(v)) : values)];
  }
  state.duration_max = wholeNumber(params.get("duration_max"));
  state.cost_min = wholeNumber(params.get("cost_min"));
  state.cost_max = wholeNumber(params.get("cost_max"));
  state.unlisted_cost = params.get("unlisted_cost") === "exclude" ? "exclude" : "include";
  const sort = params.get("sort");
  state.sort = SORTS.includes(sort) ? sort : "name";
  state.page = positiveInt(params.get("page")) || 1;
  return state;
}

/** The query string for a state ("" when every filter is at its default); stable field order. */
export function stateToQuery(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const field of FACETS) {
    for (const value of state[field]) params.append(field, value);
  }
  for (const field of ["duration_max", "cost_min", "cost_max"]) {
    if (state[field] !== null && state[field] !== undefined) params.set(field, String(state[field]));
  }
  if (state.unlisted_cost === "exclude") params.set("unlisted_cost", "exclude");
  if (state.sort && state.sort !== "name") params.set("sort", state.sort);
  if (state.page && state.page > 1) params.set("page", String(state.page));
  const query = params.toString();
  return query ? `?${query}` : "";
}
