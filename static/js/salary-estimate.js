// The Salary Calculator's arithmetic and its URL state, apart from the page (documented in docs/tools.md).
//
// Location method: a location's factor is its range's midpoint divided by a reference midpoint,
// the average of the midpoints of every location the table lists (the tables give no national
// row, so that average stands in for it). The level's range is multiplied by the factor and
// rounded to a step that suits the period. "Other / national" applies no factor.

export const BASES = ["base", "total"];
export const ROUNDING_STEP = { year: 1000, month: 100, hour: 1 };

export function midpoint([low, high]) {
  return (low + high) / 2;
}

/** Round half up to the nearest multiple of step. */
export function roundTo(value, step) {
  return Math.floor(value / step + 0.5) * step;
}

/** The figure types a level lists, in the order base, total. */
export function basesOf(level) {
  return BASES.filter((basis) => level[basis] !== null);
}

/** Read ?table=&level=&location=&basis= against the data; unknown values fall back to the first choice. */
export function parseChoice(search, tables) {
  const params = new URLSearchParams(search);
  const table = tables.find((t) => t.id === params.get("table")) || tables[0];
  const level = table.levels.find((l) => l.level === params.get("level")) || table.levels[0];
  const location = table.locations.find((l) => l.name === params.get("location")) || null;
  const available = basesOf(level);
  const basis = available.includes(params.get("basis")) ? params.get("basis") : available[0];
  return { table, level, location, basis };
}

export function choiceToQuery({ table, level, location, basis }) {
  const params = new URLSearchParams();
  params.set("table", table.id);
  params.set("level", level.level);
  if (location) params.set("location", location.name);
  params.set("basis", basis);
  return `?${params.toString()}`;
}

/**
 * The estimate for a choice, with every intermediate figure the page explains:
 * {listed: [min, max|null], range: [min, max|null], adjustment: null | {...}}.
 */
export function estimate({ table, level, location, basis }) {
  const listed = level[basis];
  if (!location) {
    return { listed, range: listed, adjustment: null };
  }
  const midpoints = table.locations.map((place) => midpoint(place.range));
  const reference = midpoints.reduce((sum, value) => sum + value, 0) / midpoints.length;
  const locationMidpoint = midpoint(location.range);
  const step = ROUNDING_STEP[table.period];
  const scale = (value) => (value * locationMidpoint) / reference;
  const exact = [scale(listed[0]), listed[1] === null ? null : scale(listed[1])];
  const range = exact.map((value) => (value === null ? null : roundTo(value, step)));
  return {
    listed,
    range,
    adjustment: {
      midpoints,
      reference,
      locationMidpoint,
      factor: locationMidpoint / reference,
      exact,
      step,
    },
  };
}
