// Loads the build's program index (see src/guidegen/data/catalog_index.py) in its two parts: the
// filters (/data/programs.json: facet columns, sort keys, most of what a card shows) and, after
// them, the text (/data/programs-text.json: each program's id, name and school).

const VERSION = 2;

/** Fold case and accents so "Zurich" matches "Zürich". */
export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

async function fetchJson(url, cache = "default") {
  const response = await fetch(url, { credentials: "same-origin", cache });
  if (!response.ok) {
    throw new Error(`could not load the program index (${response.status})`);
  }
  const json = await response.json();
  if (json.version !== VERSION) {
    throw new Error(`unsupported program index version ${json.version}`);
  }
  return json;
}

/** The text part that belongs to these filters; a copy of another build's is fetched again from the server. */
async function fetchText(filters) {
  const { url, key } = filters.text;
  let text = await fetchJson(url);
  if (text.key !== key) text = await fetchJson(url, "reload");
  if (text.key !== key || text.count !== filters.count) {
    throw new Error("the program index's text part does not match its filters");
  }
  return text;
}

/**
 * The index as the catalog uses it: resolves, as soon as the filters have arrived, to
 * {index, text}, where `index` is ready to filter and `text` a promise that resolves once the
 * ids and names are in (index.hasText then turns true).
 */
export async function loadFilterIndex(url) {
  const index = new ProgramIndex(await fetchJson(url));
  const text = fetchText(index.raw).then((part) => index.addText(part));
  return { index, text };
}

/**
 * The whole index at once (the Program Matcher, the compare page). Resolves to {count, base,
 * dicts, columns, programs, listings, currencySymbols}: `programs` holds every program as a plain object.
 */
export async function loadProgramIndex(url) {
  const { index, text } = await loadFilterIndex(url);
  await text;
  index.programs = Array.from({ length: index.count }, (_, row) => index.program(row));
  return index;
}

/** The decoded index: columns for filtering, and one program object a row, made when first asked for. */
export class ProgramIndex {
  constructor(raw) {
    this.raw = raw;
    this.count = raw.count;
    this.base = raw.base;
    this.dicts = raw.dicts;
    this.columns = raw.columns;
    this.listings = {}; // a guide's listing: its rows, from the first and the gaps between them
    for (const [slug, gaps] of Object.entries(raw.listings || {})) {
      let row = 0;
      this.listings[slug] = gaps.map((gap) => (row += gap));
    }
    this.currencySymbols = raw.currency_symbols || {};
    this.hasText = false;
    this.search = null; // each row's folded institution, school and name, once the text is in
    this.made = new Array(this.count);
  }

  addText(text) {
    const { id, name, school } = text.columns;
    const { columns, dicts } = this;
    this.columns = { ...columns, id, name, school };
    this.dicts = { ...dicts, school: text.schools };
    const institutions = dicts.institution.map(fold);
    const schools = text.schools.map(fold);
    const search = new Array(this.count);
    for (let i = 0; i < this.count; i += 1) {
      const code = school[i];
      search[i] = `${institutions[columns.institution[i]]} ${code === -1 ? "" : schools[code]} ${fold(name[i])}`;
    }
    this.search = search;
    this.hasText = true;
    this.made = new Array(this.count); // programs made before lack their id and name: make them again
    return this;
  }

  /** Row `row` as a plain object; without the text yet, its id, name, school and url are null. */
  program(row) {
    const made = this.made[row];
    if (made) return made;
    const { columns, dicts } = this;
    const pick = (field, i) => {
      const code = columns[field][i];
      return code === -1 ? null : dicts[field][code];
    };
    const id = this.hasText ? columns.id[row] : null;
    const program = {
      index: row,
      id,
      name: this.hasText ? columns.name[row] : null,
      institution: dicts.institution[columns.institution[row]],
      school: this.hasText ? pick("school", row) : null,
      type: dicts.type[columns.type[row]],
      format: dicts.format[columns.format[row]],
      country: dicts.country[columns.country[row]],
      region: pick("region", row),
      city: dicts.city[columns.city[row]],
      duration: columns.duration[row],
      cost: columns.cost[row],
      currency: pick("currency", row),
      tags: columns.tags[row].map((code) => dicts.tag[code]),
      url: id === null ? null : `${this.base}${id}/`,
      search: this.hasText ? this.search[row] : null,
    };
    this.made[row] = program;
    return program;
  }
}
