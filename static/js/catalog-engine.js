// The catalog's filtering, counting and sorting over the program index's columns, without any DOM.
// Facet values are small integer codes in typed arrays, so one pass over 10,000 programs yields the
// results and every facet's disjunctive counts in a few milliseconds.

import { DURATION_BUCKETS, FACETS } from "./catalog-state.js";
import { fold } from "./program-index.js";

const COST = FACETS.length; // the cost test takes part in counting like a facet (for "not listed")
const UNLISTED = -1;

function durationBucket(months) {
  if (months === null) return 3;
  if (months <= 12) return 0;
  return months <= 24 ? 1 : 2;
}

/** Positions 0..n-1 by key (an array, or null for none), missing keys last; equal keys keep their order. */
function orderBy(n, key) {
  const keys = Array.from({ length: n }, (_, i) => key(i));
  const order = Array.from(keys.keys());
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka === kb) return a - b;
    if (ka === null) return 1;
    if (kb === null) return -1;
    for (let i = 0; i < ka.length; i += 1) {
      if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    }
    return a - b;
  });
  return Int32Array.from(order);
}

export class CatalogEngine {
  /**
   * @param index the program index (program-index.js), ready to filter before its text is in
   * @param rows the catalog rows this list holds (ascending), or null for the whole catalog
   */
  constructor(index, rows = null) {
    const { dicts, columns } = index;
    this.index = index;
    const n = rows ? rows.length : index.count;
    this.size = n;
    this.rows = rows ? Int32Array.from(rows) : Int32Array.from({ length: n }, (_, i) => i);
    const row = this.rows;

    this.values = {
      type: dicts.type,
      format: dicts.format,
      country: dicts.country,
      region: dicts.region,
      tag: dicts.tag,
      duration: DURATION_BUCKETS,
    };
    this.codes = {};
    for (const facet of ["type", "format", "country", "region"]) {
      const column = columns[facet];
      this.codes[facet] = Int32Array.from({ length: n }, (_, i) => column[row[i]]);
    }
    const duration = Array.from({ length: n }, (_, i) => columns.duration[row[i]]);
    this.codes.duration = Int32Array.from(duration, durationBucket);
    // tags as one flat list: the tags of program i are tagCodes[tagStart[i] .. tagStart[i + 1]]
    this.tagStart = new Int32Array(n + 1);
    const flat = [];
    for (let i = 0; i < n; i += 1) {
      for (const code of columns.tags[row[i]]) flat.push(code);
      this.tagStart[i + 1] = flat.length;
    }
    this.tagCodes = Int32Array.from(flat);

    const usd = dicts.currency.indexOf("USD");
    const cost = Array.from({ length: n }, (_, i) => columns.cost[row[i]]);
    const currency = Array.from({ length: n }, (_, i) => columns.currency[row[i]]);
    this.cost = Float64Array.from(cost, (amount) => (amount === null ? Number.NaN : amount));
    this.usd = Uint8Array.from(currency, (code) => (code === usd ? 1 : 0));
    this.months = Int32Array.from(duration, (months) => months || 0);
    this.text = null; // each program's search text, once the index's text part is in (addText)
    if (index.hasText) this.addText();

    this.orders = { name: Int32Array.from({ length: n }, (_, i) => i) };
    // USD first, then other currencies by code, each by amount; no listed cost last
    const code = (i) => (usd === currency[i] ? "" : dicts.currency[currency[i]]);
    this.orderKeys = {
      "cost-asc": (i) => (cost[i] === null ? null : [code(i), cost[i]]),
      "cost-desc": (i) => (cost[i] === null ? null : [code(i), -cost[i]]),
      duration: (i) => (duration[i] === null ? null : [duration[i]]),
    };
    this.baseCounts = this.evaluate(null).counts;
    this.textCache = { query: "", mask: null };
  }

  /** Take in the search text of the index's text part, which has just arrived. */
  addText() {
    const { search } = this.index;
    this.text = Array.from(this.rows, (row) => search[row]);
  }

  get hasText() {
    return this.text !== null;
  }

  order(sort) {
    if (!this.orders[sort]) this.orders[sort] = orderBy(this.size, this.orderKeys[sort]);
    return this.orders[sort];
  }

  /** 1 for each program whose institution, school or name holds every word of the query. */
  textMask(query) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const key = words.join(" ");
    if (!key) return null;
    if (!this.text) throw new Error("a search needs the program index's text part (addText)");
    if (this.textCache.query === key) return this.textCache.mask;
    const mask = new Uint8Array(this.size);
    for (let i = 0; i < this.size; i += 1) {
      const text = this.text[i];
      let all = 1;
      for (const word of words) {
        if (!text.includes(word)) {
          all = 0;
          break;
        }
      }
      mask[i] = all;
    }
    this.textCache = { query: key, mask };
    return mask;
  }

  /** Selected values of each facet as a code mask (null: no selection); unknown values select nothing. */
  selections(state) {
    return FACETS.map((facet) => {
      const chosen = state[facet];
      if (!chosen.length) return null;
      const values = this.values[facet];
      const mask = new Uint8Array(values.length);
      for (const value of chosen) {
        const code = values.indexOf(value);
        if (code !== -1) mask[code] = 1;
      }
      return mask;
    });
  }

  /**
   * Filter for a state (null: no filter). Returns the matching programs in sort order (`matches`,
   * positions in this list), and for each facet how many programs each value would yield
   * given every other filter (`counts`), plus how many programs "no listed cost" would add.
   */
  evaluate(state) {
    const n = this.size;
    const counts = FACETS.map((facet) => new Int32Array(this.values[facet].length));
    let unlistedCount = 0;
    const matched = new Uint8Array(n);
    let total = 0;
    const selected = state ? this.selections(state) : FACETS.map(() => null);
    const text = state ? this.textMask(state.q) : null;
    const maxMonths = state ? state.duration_max : null;
    const low = state && state.cost_min !== null ? state.cost_min : -Infinity;
    const high = state && state.cost_max !== null ? state.cost_max : Infinity;
    const ranged = low !== -Infinity || high !== Infinity;
    const excludeUnlisted = state ? state.unlisted_cost === "exclude" : false;
    const columns = [this.codes.type, this.codes.format, this.codes.country, this.codes.region, null, this.codes.duration];
    const TAG = FACETS.indexOf("tag");
    const { tagStart, tagCodes, cost, usd, months } = this;

    for (let i = 0; i < n; i += 1) {
      if (text && !text[i]) continue;
      if (maxMonths !== null && (months[i] === 0 || months[i] > maxMonths)) continue;
      let failed = -1;
      let fails = 0;
      for (let f = 0; f < FACETS.length && fails < 2; f += 1) {
        const mask = selected[f];
        if (mask === null) continue;
        let ok = false;
        if (f === TAG) {
          for (let k = tagStart[i]; k < tagStart[i + 1]; k += 1) {
            if (mask[tagCodes[k]]) {
              ok = true;
              break;
            }
          }
        } else {
          const code = columns[f][i];
          ok = code !== UNLISTED && mask[code] === 1;
        }
        if (!ok) {
          failed = f;
          fails += 1;
        }
      }
      if (fails > 1) continue;
      // cost: a US-dollar cost is tested against the range; no cost (or, with a range, another
      // currency) is "not listed", kept unless excluded
      const amount = cost[i];
      const unlisted = Number.isNaN(amount) || (ranged && !usd[i]);
      const costOk = unlisted ? !excludeUnlisted : !usd[i] || (amount >= low && amount <= high);
      if (!costOk) {
        if (fails === 1) continue;
        failed = COST;
        fails = 1;
      }
      if (fails === 0) {
        matched[i] = 1;
        total += 1;
        for (let f = 0; f < FACETS.length; f += 1) this.count(counts[f], f, i, columns, TAG);
        if (unlisted) unlistedCount += 1;
      } else if (failed === COST) {
        if (unlisted) unlistedCount += 1;
      } else {
        this.count(counts[failed], failed, i, columns, TAG);
      }
    }
    return { total, matched, counts: Object.fromEntries(FACETS.map((f, k) => [f, counts[k]])), unlistedCount };
  }

  count(target, f, i, columns, TAG) {
    if (f === TAG) {
      for (let k = this.tagStart[i]; k < this.tagStart[i + 1]; k += 1) target[this.tagCodes[k]] += 1;
    } else {
      const code = columns[f][i];
      if (code !== UNLISTED) target[code] += 1;
    }
  }

  /** The programs of one results page (1-based) of `size` programs, in the state's sort order. */
  page(result, sort, number, size) {
    const order = this.order(sort);
    const start = (number - 1) * size;
    const page = [];
    let seen = 0;
    for (let k = 0; k < order.length && page.length < size; k += 1) {
      const i = order[k];
      if (!result.matched[i]) continue;
      if (seen >= start) page.push(this.index.program(this.rows[i]));
      seen += 1;
    }
    return page;
  }
}
