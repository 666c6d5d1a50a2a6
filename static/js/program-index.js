// Loads the build's program index (/data/programs.json, see src/guidegen/catalog_index.py)
// and offers it both as columns (for fast filtering) and as plain program objects.

/** Fold case and accents so "Zurich" matches "Zürich". */
export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/**
 * Fetch and decode the index. Resolves to {count, base, dicts, columns, programs, listings,
 * currencySymbols}: `listings` maps a guide slug to the rows its listing holds.
 */
export async function loadProgramIndex(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    throw new Error(`could not load the program index (${response.status})`);
  }
  const index = await response.json();
  if (index.version !== 1) {
    throw new Error(`unsupported program index version ${index.version}`);
  }
  return decode(index);
}

export function decode(index) {
  const { dicts, columns, count, base } = index;
  const pick = (field, dict, i) => {
    const code = columns[field][i];
    return code === -1 ? null : dicts[dict][code];
  };
  const programs = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const institution = dicts.institution[columns.institution[i]];
    const school = pick("school", "school", i);
    const name = columns.name[i];
    programs[i] = {
      index: i,
      id: columns.id[i],
      name,
      institution,
      school,
      type: dicts.type[columns.type[i]],
      format: dicts.format[columns.format[i]],
      country: dicts.country[columns.country[i]],
      region: pick("region", "region", i),
      city: dicts.city[columns.city[i]],
      duration: columns.duration[i],
      cost: columns.cost[i],
      currency: pick("currency", "currency", i),
      tags: columns.tags[i].map((code) => dicts.tag[code]),
      url: `${base}${columns.id[i]}/`,
      search: fold([institution, school || "", name].join(" ")),
    };
  }
  return {
    count,
    base,
    dicts,
    columns,
    programs,
    listings: index.listings || {},
    currencySymbols: index.currency_symbols || {},
  };
}
