// /programs/compare/: the shortlist side by side. The ids come from the URL (?id=a&id=b, shareable) or,
// without any, from localStorage; the page's URL and the stored shortlist are kept in step.
import { LIMIT, cleanIds, compareUrl, loadShortlist, saveShortlist } from "./compare.js";
import { durationText } from "./catalog-view.js";
import { moneyExact } from "./money.js";
import { loadProgramIndex } from "./program-index.js";

const root = document.querySelector("[data-compare-page]");
const table = root.querySelector("[data-compare-table]");
const empty = root.querySelector("[data-compare-empty]");
const status = root.querySelector("[data-compare-announce]");
const loading = root.querySelector("[data-compare-loading]");

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function notListed() {
  return element("span", { class: "muted" }, "not listed");
}

// each row: its label, the value a cell shows (text or a node), and the text compared across programs
const ROWS = [
  ["Institution", (p) => (p.school ? `${p.institution}, ${p.school}` : p.institution)],
  ["Program type", (p) => p.type],
  ["Format", (p) => p.format],
  ["Place", (p) => [p.city, p.region, p.country].filter(Boolean).join(", ")],
  ["Duration", (p) => (p.duration === null ? null : durationText(p.duration))],
  ["Cost", (p, symbols) => (p.cost === null ? null : moneyExact(p.cost, p.currency, symbols[p.currency]))],
  ["Topics", (p) => (p.tags.length ? p.tags.map((tag) => tag.replaceAll("-", " ")).join(", ") : null)],
];

function draw(programs, symbols, onRemove) {
  const head = element("tr", {}, element("td"));
  for (const program of programs) {
    const remove = element("button", { type: "button", class: "compare__remove" }, "Remove");
    remove.append(element("span", { class: "visually-hidden" }, ` ${program.name}, ${program.institution}`));
    remove.addEventListener("click", () => onRemove(program));
    head.append(element("th", { scope: "col" }, element("a", { href: program.url }, program.name), remove));
  }
  const body = element("tbody");
  for (const [label, value] of ROWS) {
    const values = programs.map((program) => value(program, symbols));
    const differs = programs.length > 1 && new Set(values.map((v) => (v === null ? "\u0000" : v))).size > 1;
    const heading = element("th", { scope: "row" }, label);
    if (differs) heading.append(element("span", { class: "compare__differs" }, "differs"));
    const row = element("tr", differs ? { class: "compare__row--differs" } : {}, heading);
    for (const shown of values) row.append(element("td", {}, shown === null ? notListed() : shown));
    body.append(row);
  }
  const links = element("tr", {}, element("th", { scope: "row" }, "Links"));
  for (const program of programs) {
    links.append(element("td", {}, element("a", { href: program.url }, "Program page")));
  }
  body.append(links);
  const caption = element("caption", { class: "visually-hidden" }, `${programs.length} programs compared`);
  table.replaceChildren(element("table", { class: "compare__table" }, caption, element("thead", {}, head), body));
}

function idsFromUrl() {
  return new URLSearchParams(window.location.search).getAll("id");
}

async function start() {
  loading.hidden = false;
  let index;
  try {
    index = await loadProgramIndex(root.dataset.index);
  } catch (error) {
    loading.textContent = "The programs could not be loaded. Try again later, or open them from the catalog.";
    console.warn(error);
    return;
  }
  loading.hidden = true;
  const byId = new Map(index.programs.map((program) => [program.id, program]));
  const fromUrl = idsFromUrl();
  let ids = fromUrl.length ? cleanIds(fromUrl) : loadShortlist();
  const notes = [];
  if (cleanIds(fromUrl).length < new Set(fromUrl).size && fromUrl.length > LIMIT) {
    notes.push(`Only the first ${LIMIT} programs of the link are shown.`);
  }
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) notes.push(`Not in the catalog (any more): ${unknown.join(", ")}.`);
  ids = ids.filter((id) => byId.has(id));

  const render = (message) => {
    saveShortlist(ids);
    const url = compareUrl(window.location.pathname, ids);
    if (url !== window.location.pathname + window.location.search) history.replaceState(null, "", url);
    const programs = ids.map((id) => byId.get(id));
    empty.hidden = programs.length > 0;
    table.hidden = programs.length === 0;
    if (programs.length) draw(programs, index.currencySymbols, remove);
    else table.replaceChildren();
    status.textContent = message;
  };
  const remove = (program) => {
    ids = ids.filter((id) => id !== program.id);
    render(`Removed ${program.name}, ${program.institution}. ${ids.length} of ${LIMIT} programs compared.`);
    (table.querySelector(".compare__remove") || root.querySelector("h1")).focus();
  };
  window.addEventListener("storage", () => {
    ids = loadShortlist().filter((id) => byId.has(id));
    render(`The selection changed: ${ids.length} of ${LIMIT} programs compared.`);
  });
  render([...notes, ids.length ? `${ids.length} of ${LIMIT} programs compared.` : ""].join(" ").trim());
}

start();
