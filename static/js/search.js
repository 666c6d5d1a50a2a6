// The search page: Pagefind's index, searched as the visitor types, shown with the site's own markup.
// State lives in the URL (?q=...&kind=...&language=...), so a search can be bookmarked, shared and reloaded.

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 200;

const form = document.querySelector("[data-search]");
const input = form.querySelector("input[name=q]");
const kinds = form.querySelector("[data-kinds]");
const languages = form.querySelector("[data-languages]"); // only on a site with pages in more than one language
// each filter: its name in the index and the URL, and its chips
const GROUPS = [
  { name: "kind", chips: kinds },
  ...(languages ? [{ name: "language", chips: languages }] : []),
];
const status = document.querySelector("[data-status]");
const list = document.querySelector("[data-results]");

let pagefind = null;
let shown = [];
let more = null;

function readState() {
  const params = new URLSearchParams(window.location.search);
  const state = { q: (params.get("q") || "").trim() };
  for (const group of GROUPS) state[group.name] = params.get(group.name) || "";
  return state;
}

function writeState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const group of GROUPS) if (state[group.name]) params.set(group.name, state[group.name]);
  const query = params.toString();
  const url = window.location.pathname + (query ? `?${query}` : "");
  if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, "", url);
}

function currentState() {
  const state = { q: input.value.trim() };
  for (const group of GROUPS) {
    const checked = group.chips.querySelector("input:checked");
    state[group.name] = checked ? checked.value : "";
  }
  return state;
}

function sameState(a, b) {
  return a.q === b.q && GROUPS.every((group) => a[group.name] === b[group.name]);
}

// The filters of a state, leaving out one group (whose chips count the results among the others' choice)
function filtersOf(state, without = null) {
  const filters = {};
  for (const group of GROUPS) if (group.name !== without && state[group.name]) filters[group.name] = state[group.name];
  return filters;
}

// A language chip reads as the language's name in the page's language ("German"), where the browser knows it
function nameLanguages() {
  if (!languages || typeof Intl.DisplayNames !== "function") return;
  const names = new Intl.DisplayNames([document.documentElement.lang || "en"], { type: "language" });
  for (const label of languages.querySelectorAll("[data-language]")) {
    try {
      label.dataset.label = names.of(label.dataset.label) || label.dataset.label;
    } catch {
      // a tag the browser cannot name keeps the tag
    }
    label.textContent = label.dataset.label;
  }
}

// The excerpt is HTML with <mark> around the matches: keep the text and the marks, nothing else.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstChild;
  const nodes = [];
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const kind = document.createElement("p");
  kind.className = "search-result__kind";
  kind.textContent = data.meta.kind || "";
  const title = document.createElement("h2");
  title.className = "search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  title.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  excerpt.append(...excerptNodes(data.excerpt || ""));
  item.append(kind, title, excerpt);
  return item;
}

function setCounts(chips, counts) {
  // each record has one value of each filter: the values' counts add up to all the results
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  for (const radio of chips.querySelectorAll("input")) {
    const label = radio.nextElementSibling;
    const count = radio.value ? counts[radio.value] || 0 : total;
    label.textContent = `${label.dataset.label} (${count})`;
    radio.disabled = count === 0 && radio.value !== "" && !radio.checked;
  }
  chips.hidden = false;
}

// Each group's counts: the results among the other groups' choices, whichever value of this group is chosen
async function groupCounts(state, found) {
  const counts = {};
  for (const group of GROUPS) {
    const chosen = state[group.name];
    const among = chosen ? await pagefind.search(state.q, { filters: filtersOf(state, group.name) }) : found;
    counts[group.name] = among.filters[group.name] || {};
  }
  return counts;
}

function describe(state) {
  const parts = [];
  if (state.kind) parts.push(`${state.kind.toLowerCase()}s`);
  if (state.language && languages) {
    const chip = languages.querySelector(`input[value="${CSS.escape(state.language)}"]`);
    parts.push(`in ${chip ? chip.nextElementSibling.dataset.label : state.language}`);
  }
  if (!parts.length) return "";
  return state.kind ? ` among ${parts.join(" ")}` : ` ${parts.join(" ")}`;
}

function say(text) {
  status.textContent = text;
}

async function showMore() {
  const next = shown.splice(0, PAGE_SIZE);
  const items = await Promise.all(next.map((result) => result.data()));
  const first = list.children.length;
  list.append(...items.map(resultItem));
  if (more) more.remove();
  more = null;
  if (shown.length) {
    more = document.createElement("button");
    more.type = "button";
    more.className = "button button--secondary search-more";
    more.textContent = `Show ${Math.min(PAGE_SIZE, shown.length)} more results`;
    more.addEventListener("click", async () => {
      const before = list.children.length;
      await showMore();
      const link = list.children[before]?.querySelector("a");
      if (link) link.focus();
    });
    list.after(more);
  }
  return first;
}

async function run(state, { immediate = false } = {}) {
  writeState(state);
  if (!pagefind) return;
  if (!state.q) {
    list.replaceChildren();
    if (more) more.remove();
    more = null;
    for (const group of GROUPS) group.chips.hidden = true;
    say("Type a word or two to search every guide, career, article and program.");
    return;
  }
  const options = { filters: filtersOf(state) };
  const found = immediate
    ? await pagefind.search(state.q, options)
    : await pagefind.debouncedSearch(state.q, options, DEBOUNCE_MS);
  if (found === null) return; // a newer search superseded this one
  const counts = await groupCounts(state, found);
  if (!sameState(currentState(), state)) return;
  for (const group of GROUPS) setCounts(group.chips, counts[group.name]);
  list.replaceChildren();
  shown = found.results.slice();
  await showMore();
  const count = found.results.length;
  const where = describe(state);
  say(count ? `${count} result${count === 1 ? "" : "s"} for “${state.q}”${where}` : `No results for “${state.q}”${where}.`);
}

async function start() {
  const state = readState();
  if (state.q && !input.value) input.value = state.q; // words typed before this script ran stay
  for (const group of GROUPS) {
    const radio = [...group.chips.querySelectorAll("input")].find((each) => each.value === state[group.name]);
    if (radio) radio.checked = true;
  }
  nameLanguages();
  try {
    pagefind = await import(`${form.dataset.bundle}pagefind.js`);
    await pagefind.options({ baseUrl: form.dataset.base, excerptLength: 24 });
    await pagefind.filters(); // loads the filters' index: searches then count the results of each value
  } catch {
    say("Search is not available right now: its index could not be loaded. Try again in a moment.");
    return;
  }
  form.dataset.ready = "";
  input.addEventListener("input", () => run(currentState()));
  for (const group of GROUPS) group.chips.addEventListener("change", () => run(currentState(), { immediate: true }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(currentState(), { immediate: true });
  });
  await run(currentState(), { immediate: true });
}

start();
