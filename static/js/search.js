// The search page: Pagefind's index, searched as the visitor types, shown with the site's own markup.
// State lives in the URL (?q=...&kind=...), so a search can be bookmarked, shared and reloaded.

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 200;

const form = document.querySelector("[data-search]");
const input = form.querySelector("input[name=q]");
const kinds = form.querySelector("[data-kinds]");
const status = document.querySelector("[data-status]");
const list = document.querySelector("[data-results]");

let pagefind = null;
let shown = [];
let more = null;

function readState() {
  const params = new URLSearchParams(window.location.search);
  return { q: (params.get("q") || "").trim(), kind: params.get("kind") || "" };
}

function writeState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.kind) params.set("kind", state.kind);
  const query = params.toString();
  const url = window.location.pathname + (query ? `?${query}` : "");
  if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, "", url);
}

function currentState() {
  const checked = kinds.querySelector("input:checked");
  return { q: input.value.trim(), kind: checked ? checked.value : "" };
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

function setCounts(counts, total) {
  for (const radio of kinds.querySelectorAll("input")) {
    const label = radio.nextElementSibling;
    const count = radio.value ? counts[radio.value] || 0 : total;
    label.textContent = `${label.dataset.label} (${count})`;
    radio.disabled = count === 0 && radio.value !== "" && !radio.checked;
  }
  kinds.hidden = false;
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
    kinds.hidden = true;
    say("Type a word or two to search every guide, career, article and program.");
    return;
  }
  const options = state.kind ? { filters: { kind: state.kind } } : {};
  const found = immediate
    ? await pagefind.search(state.q, options)
    : await pagefind.debouncedSearch(state.q, options, DEBOUNCE_MS);
  if (found === null) return; // a newer search superseded this one
  const latest = currentState();
  if (latest.q !== state.q || latest.kind !== state.kind) return;
  // totalFilters counts the results of every kind, whichever kind is chosen (each record has one kind)
  const counts = found.totalFilters.kind || {};
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  setCounts(counts, total);
  list.replaceChildren();
  shown = found.results.slice();
  await showMore();
  const count = found.results.length;
  const where = state.kind ? ` among ${state.kind.toLowerCase()}s` : "";
  say(count ? `${count} result${count === 1 ? "" : "s"} for “${state.q}”${where}` : `No results for “${state.q}”${where}.`);
}

async function start() {
  const state = readState();
  if (state.q && !input.value) input.value = state.q; // words typed before this script ran stay
  const radio = [...kinds.querySelectorAll("input")].find((each) => each.value === state.kind);
  if (radio) radio.checked = true;
  try {
    pagefind = await import(`${form.dataset.bundle}pagefind.js`);
    await pagefind.options({ baseUrl: form.dataset.base, excerptLength: 24 });
    await pagefind.filters(); // loads the filters' index: searches then count the results of each kind
  } catch {
    say("Search is not available right now: its index could not be loaded. Try again in a moment.");
    return;
  }
  form.dataset.ready = "";
  input.addEventListener("input", () => run(currentState()));
  kinds.addEventListener("change", () => run(currentState(), { immediate: true }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(currentState(), { immediate: true });
  });
  await run(currentState(), { immediate: true });
}

start();
