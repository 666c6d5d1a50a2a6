// The Program Matcher page: reads the form's choices from its markup, loads the program index,
// keeps the criteria in the URL and shows the ranked programs with their reasons (rules in program-match.js).

import { stateToQuery } from "./catalog-state.js";
import { loadProgramIndex } from "./program-index.js";
import { moneyExact } from "./money.js";
import { catalogState, criteriaToQuery, matchPrograms, parseCriteria } from "./program-match.js";

const FIRST_SHOWN = 10;
const MARKS = { met: "✓", missed: "✗", unknown: "?" };
const STATUS_WORDS = { met: "Meets: ", missed: "Misses: ", unknown: "Not known: " };
const LEFT_OUT_WORDS = {
  format: "not in a format you ticked",
  type: "not a type you ticked",
  place: "not in the place you chose",
  budget: "over your budget by more than a quarter",
  duration: "longer than your maximum by more than a quarter",
};

const form = document.getElementById("program-matcher");
const results = document.getElementById("match-result");
const nearSection = document.getElementById("match-near");
const slot = (root, name) => root.querySelector(`[data-slot="${name}"]`);
let symbols = {};
let showAll = false;

/** What the form offers, read from its markup (the goals carry their topic tags). */
function formChoices() {
  return {
    goals: [...form.elements.goal.options].map((o) => ({ slug: o.value, tags: o.dataset.tags.split(" ") })),
    formats: [...form.querySelectorAll('input[name="format"]')].map((input) => input.value),
    types: [...form.querySelectorAll('input[name="type"]')].map((input) => input.value),
    places: [...form.elements.where.options]
      .filter((o) => o.dataset.country)
      .map((o) => ({ country: o.dataset.country, region: o.dataset.region || "" })),
  };
}

function showCriteria(criteria) {
  form.elements.goal.value = criteria.goal;
  for (const input of form.querySelectorAll('input[name="format"]')) input.checked = criteria.formats.includes(input.value);
  for (const input of form.querySelectorAll('input[name="type"]')) input.checked = criteria.types.includes(input.value);
  const where = [...form.elements.where.options].find(
    (o) => (o.dataset.country || "") === criteria.country && (o.dataset.region || "") === criteria.region,
  );
  form.elements.where.value = where ? where.value : "";
  form.elements.budget.value = criteria.budget === null ? "" : String(criteria.budget);
  form.elements.months.value = criteria.months === null ? "" : String(criteria.months);
}

function formQuery() {
  const params = new URLSearchParams();
  params.set("goal", form.elements.goal.value);
  for (const input of form.querySelectorAll('input[name="format"]:checked')) params.append("format", input.value);
  for (const input of form.querySelectorAll('input[name="type"]:checked')) params.append("type", input.value);
  const where = form.elements.where.selectedOptions[0];
  if (where && where.dataset.country) params.set("country", where.dataset.country);
  if (where && where.dataset.region) params.set("region", where.dataset.region);
  if (form.elements.budget.value.trim()) params.set("budget", form.elements.budget.value.trim());
  if (form.elements.months.value.trim()) params.set("months", form.elements.months.value.trim());
  return `?${params.toString()}`;
}

function facts(program) {
  const parts = [program.type, program.format, [program.city, program.region, program.country].filter(Boolean).join(", ")];
  parts.push(program.duration === null ? "duration not listed" : `${program.duration} months`);
  parts.push(program.cost === null ? "cost not listed" : moneyExact(program.cost, program.currency, symbols[program.currency]));
  return parts.join(" · ");
}

function card(entry, rank) {
  const item = document.getElementById("match-card").content.firstElementChild.cloneNode(true);
  const { program } = entry;
  slot(item, "rank").textContent = `#${rank}`;
  slot(item, "institution").textContent = program.school ? `${program.institution} · ${program.school}` : program.institution;
  const name = slot(item, "name");
  name.textContent = program.name;
  name.href = program.url;
  slot(item, "facts").textContent = facts(program);
  const compare = slot(item, "compare");
  compare.dataset.compareName = `${program.name}, ${program.institution}`;
  compare.dataset.compare = program.id;
  const reasonTemplate = document.getElementById("match-reason").content.firstElementChild;
  slot(item, "reasons").replaceChildren(
    ...entry.checks.map((check) => {
      const reason = reasonTemplate.cloneNode(true);
      reason.classList.add(`reason--${check.status}`);
      reason.dataset.kind = check.kind;
      reason.dataset.status = check.status;
      reason.querySelector(".reason__mark").textContent = MARKS[check.status];
      slot(reason, "status").textContent = STATUS_WORDS[check.status];
      slot(reason, "text").textContent = check.text;
      return reason;
    }),
  );
  return item;
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

function render(index, criteria) {
  const outcome = matchPrograms(index.programs, criteria, symbols);
  const { matches, nearMisses, leftOut, offTopic } = outcome;
  const goalName = form.elements.goal.selectedOptions[0].textContent.trim();

  const near = nearMisses.length ? `, and ${plural(nearMisses.length, "near miss", "near misses")}` : "";
  slot(results, "summary").textContent =
    `${plural(matches.length, "program matches", "programs match")} your choices for ${goalName}${near}.`;

  const shown = showAll ? matches : matches.slice(0, FIRST_SHOWN);
  slot(results, "matches").replaceChildren(...shown.map((entry, i) => card(entry, i + 1)));
  const more = slot(results, "more");
  more.hidden = matches.length <= FIRST_SHOWN || showAll;
  more.textContent = `Show all ${matches.length} matches`;

  nearSection.hidden = nearMisses.length === 0;
  slot(nearSection, "near").replaceChildren(...nearMisses.map((entry, i) => card(entry, i + 1)));

  const reasons = Object.entries(leftOut.byCheck).map(([kind, count]) => `${count} ${LEFT_OUT_WORDS[kind]}`);
  const excluded = [];
  if (leftOut.count) {
    excluded.push(
      `${plural(leftOut.count, "more program on these topics was", "more programs on these topics were")} left out: ` +
        `${reasons.join("; ")} (a program can miss more than one).`,
    );
  }
  if (offTopic) excluded.push(`${plural(offTopic, "program", "programs")} in the catalog cover none of the goal's topics.`);
  slot(results, "excluded").textContent = excluded.join(" ");

  slot(results, "catalog").href = `${index.base}${stateToQuery(catalogState(criteria))}`;
  const query = criteriaToQuery(criteria);
  slot(results, "share").href = `${window.location.pathname}${query}`;
  slot(results, "share").textContent = `${window.location.origin}${window.location.pathname}${query}`;
  return query;
}

function update(index, choices, search) {
  const criteria = parseCriteria(search, choices);
  showCriteria(criteria);
  const query = render(index, criteria);
  if (query !== window.location.search) {
    window.history.replaceState(null, "", `${window.location.pathname}${query}${window.location.hash}`);
  }
}

async function start() {
  symbols = JSON.parse(form.dataset.currencySymbols);
  const index = await loadProgramIndex(form.dataset.source);
  const choices = formChoices();
  update(index, choices, window.location.search);
  form.hidden = false;
  results.hidden = false;
  for (const element of document.querySelectorAll("[data-tool-fallback]")) element.hidden = true;

  const refresh = () => {
    showAll = false;
    update(index, choices, formQuery());
  };
  form.addEventListener("change", refresh);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    showAll = false;
    update(index, choices, `?goal=${encodeURIComponent(form.elements.goal.value)}`);
  });
  slot(results, "more").addEventListener("click", () => {
    showAll = true;
    update(index, choices, window.location.search);
    const next = slot(results, "matches").children[FIRST_SHOWN];
    if (next) next.querySelector("a").focus();
  });
  window.addEventListener("popstate", () => update(index, choices, window.location.search));
}

if (form) {
  start().catch((error) => {
    const fallback = document.querySelector("[data-tool-fallback] p");
    if (fallback) fallback.textContent = `The matcher could not start (${error.message}). Every program is in the program catalog.`;
  });
}
