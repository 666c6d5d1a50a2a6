// The Salary Calculator page: fills the form from /data/salaries.json, keeps the choice in the
// URL, and shows the estimate with every step of its calculation (arithmetic in salary-estimate.js).

import { moneyExact, moneyRange, moneyShort } from "./money.js";
import { basesOf, choiceToQuery, estimate, missingReason, parseChoice, percentile } from "./salary-estimate.js";

const BASIS_NAMES = { base: "base salary", total: "total compensation", percentiles: "wage percentiles" };
const PERCENTILE_NAMES = { p10: "10th percentile", p25: "25th percentile", median: "median", p75: "75th percentile", p90: "90th percentile" };
const PERIODS = { year: "a year", month: "a month", hour: "an hour" };
const NATIONAL = "";

const form = document.getElementById("salary-calculator");
const result = document.getElementById("calc-result");
const slot = (name) => result.querySelector(`[data-slot="${name}"]`) || form.querySelector(`[data-slot="${name}"]`);

function option(value, text) {
  const element = document.createElement("option");
  element.value = value;
  element.textContent = text;
  return element;
}

function paragraph(text) {
  const element = document.createElement("p");
  element.textContent = text;
  return element;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function levelLabel(level) {
  if (!level.years) return level.level;
  const [low, high] = level.years;
  return `${level.level} (${high === null ? `${low}+` : `${low}–${high}`} years)`;
}

function fillSelect(select, options, value) {
  select.replaceChildren(...options.map(([optionValue, text]) => option(optionValue, text)));
  select.value = value;
}

/** Put a choice into the form: the level and location lists depend on the table. */
function showChoice(tables, choice) {
  const { table, level, location, basis } = choice;
  fillSelect(
    form.elements.table,
    tables.map((t) => [t.id, t.title]),
    table.id,
  );
  const byLocation = level === null; // a table of percentiles by location has no levels
  form.elements.level.closest(".field").hidden = byLocation;
  form.querySelector("fieldset.field--choices").hidden = byLocation;
  slot("location-hint").textContent = byLocation
    ? "Each location's figures are shown as the table publishes them."
    : '"Other / national" uses the level\'s figures as listed.';
  fillSelect(
    form.elements.location,
    byLocation
      ? table.locations.map((l) => [l.name, l.name])
      : [[NATIONAL, "Other / national"], ...table.locations.map((l) => [l.name, l.name])],
    location ? location.name : NATIONAL,
  );
  if (byLocation) {
    form.elements.level.replaceChildren();
    return;
  }
  fillSelect(
    form.elements.level,
    table.levels.map((l) => [l.level, levelLabel(l)]),
    level.level,
  );
  const available = basesOf(level);
  for (const radio of form.querySelectorAll('input[name="basis"]')) {
    radio.disabled = !available.includes(radio.value);
    radio.checked = radio.value === basis;
  }
  slot("basis-hint").textContent =
    available.length > 1
      ? `The ${level.level} row lists ${available.map((b) => BASIS_NAMES[b]).join(" and ")}.`
      : `The ${level.level} row lists ${BASIS_NAMES[available[0]]} only.`;
}

/** Read the form back into a query string and parse it, so the form and the URL follow one rule. */
function formQuery() {
  const params = new URLSearchParams();
  params.set("table", form.elements.table.value);
  if (form.elements.level.value) params.set("level", form.elements.level.value);
  if (form.elements.location.value !== NATIONAL) params.set("location", form.elements.location.value);
  const checked = form.querySelector('input[name="basis"]:checked');
  if (checked) params.set("basis", checked.value);
  return `?${params.toString()}`;
}

function money(table, amount) {
  return moneyExact(amount, table.currency, table.symbol);
}

function tableLink(table, text, fragment) {
  const target = document.getElementById(`salary-${table.id}${fragment}`);
  const link = document.createElement("a");
  link.href = `#${target ? target.id : `salary-${table.id}`}`;
  link.textContent = text;
  return link;
}

/** A percentile as the tables print it: its figure, or why there is none. */
function percentileText(table, row, key) {
  const value = percentile(row, key);
  if (value !== null) return money(table, value);
  const reason = missingReason(row, key);
  if (reason === "top-coded") {
    return table.top_code === null ? "above the published top code" : `${money(table, table.top_code)} or more`;
  }
  return reason;
}

function percentileFigures(table, row) {
  return ["median", "p25", "p75"].map((key) => `${PERCENTILE_NAMES[key]} ${percentileText(table, row, key)}`).join(", ");
}

function percentileRowStep(table, location) {
  const item = document.createElement("li");
  const text = paragraph(
    `Location: the "${location.name}" row of Wage percentiles by location in the table "${table.title}": ` +
      `${percentileFigures(table, location)}.`,
  );
  text.append(" ", tableLink(table, "See the table.", "-location-percentiles"));
  item.append(
    text,
    paragraph(
      "Estimate: that row's median, with its 25th to 75th percentile band (the middle half of the workers " +
        "counted), as published. No location factor: the table gives each location its own figures.",
    ),
  );
  return item;
}

function levelStep(table, level, basis, listed) {
  if (basis === "percentiles") {
    const item = document.createElement("li");
    const text = paragraph(
      `Level: the "${level.level}" row of Wage percentiles by level in the table "${table.title}": ` +
        `${percentileFigures(table, level)}. The estimate uses its median and its 25th to 75th percentile band.`,
    );
    text.append(" ", tableLink(table, "See the table.", "-level-percentiles"));
    item.append(text);
    return item;
  }
  const item = document.createElement("li");
  const text = paragraph(
    `Level: the "${level.level}" row of the table "${table.title}", ${BASIS_NAMES[basis]} column: ` +
      (listed[1] === null
        ? `${money(table, listed[0])} or more (the table gives no upper bound).`
        : `${money(table, listed[0])} to ${money(table, listed[1])}.`),
  );
  text.append(" ", tableLink(table, "See the table.", "-levels"));
  item.append(text);
  if (basesOf(level).length === 1) {
    item.append(paragraph(`The table lists only ${BASIS_NAMES[basis]} for this level.`));
  }
  return item;
}

function locationStep(table, location, outcome) {
  const item = document.createElement("li");
  if (!location) {
    item.append(paragraph("Location: other / national. No location adjustment: the level's figures are used as listed."));
    return item;
  }
  if (!outcome.adjustment) {
    item.append(paragraph(`Location: ${location.name}. The table gives no median for it, so no location adjustment is made.`));
    return item;
  }
  const { midpoints, reference, locationMidpoint, factor, exact, step } = outcome.adjustment;
  const line = location.range
    ? paragraph(
        `Location: the "${location.name}" row of Salary by location, ${money(table, location.range[0])} to ` +
          `${money(table, location.range[1])}, midpoint ${money(table, locationMidpoint)}.`,
      )
    : paragraph(`Location: the "${location.name}" row of Wage percentiles by location, median ${money(table, locationMidpoint)}.`);
  line.append(" ", tableLink(table, "See the table.", location.range ? "-locations" : "-location-percentiles"));
  item.append(
    line,
    paragraph(
      `National reference: ${money(table, reference)}, the average of the midpoints of the ` +
        `${midpoints.length} locations in the table (${midpoints.map((m) => money(table, m)).join(", ")}).`,
    ),
    paragraph(
      `Location factor: ${money(table, locationMidpoint)} ÷ ${money(table, reference)} = ${factor.toFixed(4)}.`,
    ),
  );
  const ratio = `(${money(table, locationMidpoint)} ÷ ${money(table, reference)})`;
  const multiply = (value, product) => `${money(table, value)} × ${ratio} = ${money(table, Math.round(product))}`;
  const rounded = `rounded to the nearest ${money(table, step)}`;
  if (outcome.kind === "percentiles") {
    const parts = [];
    if (outcome.listed.median !== null) parts.push(`median ${multiply(outcome.listed.median, exact.median)}`);
    outcome.listed.band.forEach((value, index) => {
      if (value !== null) parts.push(`${index === 0 ? "25th" : "75th"} percentile ${multiply(value, exact.band[index])}`);
    });
    item.append(paragraph(`Adjusted figures: ${parts.join("; ")}; each ${rounded}.`));
    return item;
  }
  const [low, high] = outcome.listed;
  if (high === null) {
    item.append(
      paragraph(
        `Adjusted minimum: ${multiply(low, exact[0])}, ${rounded}: ${money(table, outcome.range[0])}. ` +
          "The table gives no upper bound, so neither does the estimate.",
      ),
    );
  } else {
    item.append(
      paragraph(
        `Adjusted range: ${multiply(low, exact[0])} and ${multiply(high, exact[1])}, ${rounded}: ` +
          `${money(table, outcome.range[0])} to ${money(table, outcome.range[1])}.`,
      ),
    );
  }
  return item;
}

function sourceStep(table) {
  const item = document.createElement("li");
  const { source } = table;
  const line = document.createElement("p");
  if (source.unsourced) {
    line.textContent = `Source: unsourced. ${source.note || ""} `;
  } else if (source.url) {
    const link = document.createElement("a");
    link.href = source.url;
    link.rel = "noopener";
    link.textContent = source.name;
    line.append("Source: ", link, ". ");
  } else {
    line.textContent = `Source: ${source.name}. `;
  }
  line.append(`As of ${table.as_of_label}.`);
  item.append(line);
  return item;
}

function bandText(table, outcome) {
  const [low, high] = outcome.band;
  const end = (value, key) => (value !== null ? money(table, value) : percentileText(table, outcome.row, key));
  if (low === null && high === null) return "The table gives no 25th to 75th percentile band for this row.";
  return `Middle half of the workers counted (25th to 75th percentile): ${end(low, "p25")} to ${end(high, "p75")}.`;
}

function showFigure(table, choice, outcome) {
  const { level, location, basis } = choice;
  const where = location ? location.name : "other / national (no location adjustment)";
  const band = slot("band");
  const open = slot("open");
  if (outcome.kind === "percentiles") {
    slot("range").textContent =
      outcome.median !== null ? `Median ${money(table, outcome.median)}` : `Median ${percentileText(table, outcome.row, "median")}`;
    slot("what").textContent = level
      ? `Wage percentiles, ${level.level} level, ${where}. ${table.title}.`
      : `Wage percentiles, ${location.name}. ${table.title}.`;
    band.hidden = false;
    band.textContent = bandText(table, outcome);
    open.hidden = true;
    open.textContent = "";
    return;
  }
  const [low, high] = outcome.range;
  slot("range").textContent = moneyRange(outcome.range, table.currency, table.symbol);
  slot("what").textContent = `${capitalize(BASIS_NAMES[basis])}, ${level.level} level, ${where}. ${table.title}.`;
  band.hidden = true;
  band.textContent = "";
  open.hidden = high !== null;
  open.textContent =
    high === null ? `Can exceed ${moneyShort(low, table.currency, table.symbol)}: the table gives no upper bound.` : "";
}

function render(data, choice) {
  const { table, level, location, basis } = choice;
  const outcome = estimate(choice);
  showFigure(table, choice, outcome);
  slot("period").textContent = PERIODS[table.period];

  const unsourced = slot("unsourced");
  unsourced.hidden = !table.source.unsourced;
  unsourced.textContent = table.source.unsourced
    ? "Unsourced: no source is named for these figures, so treat this estimate as a rough guide."
    : "";
  const stale = slot("stale");
  stale.hidden = !table.stale;
  stale.textContent = table.stale
    ? `Older than ${data.stale_after_months} months: these figures are as of ${table.as_of_label}; pay may have moved since.`
    : "";

  const steps = level
    ? [levelStep(table, level, basis, outcome.listed), locationStep(table, location, outcome)]
    : [percentileRowStep(table, location)];
  slot("steps").replaceChildren(...steps, sourceStep(table));
  const query = choiceToQuery(choice);
  slot("share").href = `${window.location.pathname}${query}`;
  slot("share").textContent = `${window.location.origin}${window.location.pathname}${query}`;
  return query;
}

function update(tables, data, search) {
  const choice = parseChoice(search, tables);
  showChoice(tables, choice);
  const query = render(data, choice);
  if (query !== window.location.search) {
    window.history.replaceState(null, "", `${window.location.pathname}${query}${window.location.hash}`);
  }
}

async function start() {
  const response = await fetch(form.dataset.source, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`could not load the salary tables (${response.status})`);
  const data = await response.json();
  if (data.version !== 2) throw new Error(`unsupported salary data version ${data.version}`);
  const tables = data.tables;
  if (tables.length === 0) return;

  update(tables, data, window.location.search);
  form.hidden = false;
  result.hidden = false;
  for (const element of document.querySelectorAll("[data-tool-fallback]")) element.hidden = true;

  form.addEventListener("change", (event) => {
    // a new table starts from its first level; a new level keeps the basis when it can
    const query = formQuery();
    const params = new URLSearchParams(query);
    if (event.target === form.elements.table) {
      params.delete("level");
      params.delete("location");
    }
    update(tables, data, `?${params.toString()}`);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("popstate", () => update(tables, data, window.location.search));
}

start().catch((error) => {
  const fallback = document.querySelector("[data-tool-fallback]");
  if (fallback) fallback.textContent = `The calculator could not start (${error.message}). Every figure is in the tables below.`;
});
