// The Salary Calculator's arithmetic and its URL state, apart from the page (documented in docs/tools.md).
//
// Location method: a location's factor is its centre divided by a reference centre, the average
// of the centres of every location the table lists (the tables give no national row, so that
// average stands in for it). A location's centre is its range's midpoint, or its median when it
// gives percentiles. The level's figures are multiplied by the factor and rounded to a step that
// suits the period. "Other / national" applies no factor.
//
// Percentiles: a row with percentiles is estimated by its median and its 25th-75th band. In a
// table of percentiles by location (no levels), the chosen location's own figures are shown as
// published, with no location factor.

export const BASES = ["base", "total", "percentiles"];
export const ROUNDING_STEP = { year: 1000, month: 100, hour: 1 };

export function midpoint([low, high]) {
  return (low + high) / 2;
}

/** Round half up to the nearest multiple of step. */
export function roundTo(value, step) {
  return Math.floor(value / step + 0.5) * step;
}

/** The figure types a level lists, in the order base, total, percentiles. */
export function basesOf(level) {
  if (!level) return ["percentiles"];
  return BASES.filter((basis) => level[basis] !== null && level[basis] !== undefined);
}

/** A published percentile, or null when the row gives none (top-coded, not released or not listed). */
export function percentile(row, key) {
  const value = row.percentiles ? row.percentiles[key] : undefined;
  return value === undefined ? null : value;
}

/** Why a percentile has no figure: "top-coded", "not released" or "not listed". */
export function missingReason(row, key) {
  if (!row.percentiles || !(key in row.percentiles)) return "not listed";
  return row.top_coded.includes(key) ? "top-coded" : "not released";
}

/** Read ?table=&level=&location=&basis= against the data; unknown values fall back to the first choice. */
export function parseChoice(search, tables) {
  const params = new URLSearchParams(search);
  const table = tables.find((t) => t.id === params.get("table")) || tables[0];
  if (table.levels.length === 0) {
    // percentiles by location: a location is the choice, and there is no national row to fall back on
    const location = table.locations.find((l) => l.name === params.get("location")) || table.locations[0];
    return { table, level: null, location, basis: "percentiles" };
  }
  const level = table.levels.find((l) => l.level === params.get("level")) || table.levels[0];
  const location = table.locations.find((l) => l.name === params.get("location")) || null;
  const available = basesOf(level);
  const basis = available.includes(params.get("basis")) ? params.get("basis") : available[0];
  return { table, level, location, basis };
}

export function choiceToQuery({ table, level, location, basis }) {
  const params = new URLSearchParams();
  params.set("table", table.id);
  if (level) params.set("level", level.level);
  if (location) params.set("location", location.name);
  if (level) params.set("basis", basis);
  return `?${params.toString()}`;
}

/** A location's centre for the location factor: its range's midpoint, or its median. */
export function centre(place) {
  if (place.range) return midpoint(place.range);
  return percentile(place, "median");
}

function adjustment(table, location) {
  const centres = table.locations.map(centre).filter((value) => value !== null);
  const reference = centres.reduce((sum, value) => sum + value, 0) / centres.length;
  const locationCentre = centre(location);
  return {
    midpoints: centres,
    reference,
    locationMidpoint: locationCentre,
    factor: locationCentre / reference,
    step: ROUNDING_STEP[table.period],
  };
}

/**
 * The estimate for a choice, with every intermediate figure the page explains. Ranges:
 * {kind: "range", listed: [min, max|null], range: [min, max|null], adjustment: null | {...}};
 * percentiles: {kind: "percentiles", row, listed: {median, band}, median, band: [p25|null, p75|null],
 * adjustment: null | {...}}.
 */
export function estimate({ table, level, location, basis }) {
  const scalable = level !== null && location !== null && centre(location) !== null;
  const adjust = scalable ? adjustment(table, location) : null;
  const scale = (value) => (value === null ? null : (value * adjust.factor));
  if (basis === "percentiles") {
    const row = level || location;
    const listed = { median: percentile(row, "median"), band: [percentile(row, "p25"), percentile(row, "p75")] };
    if (!adjust) return { kind: "percentiles", row, listed, median: listed.median, band: listed.band, adjustment: null };
    const exact = { median: scale(listed.median), band: listed.band.map(scale) };
    const round = (value) => (value === null ? null : roundTo(value, adjust.step));
    return {
      kind: "percentiles",
      row,
      listed,
      median: round(exact.median),
      band: exact.band.map(round),
      adjustment: { ...adjust, exact },
    };
  }
  const listed = level[basis];
  if (!adjust) {
    return { kind: "range", listed, range: listed, adjustment: null };
  }
  const exact = [scale(listed[0]), scale(listed[1])];
  const range = exact.map((value) => (value === null ? null : roundTo(value, adjust.step)));
  return { kind: "range", listed, range, adjustment: { ...adjust, exact } };
}
