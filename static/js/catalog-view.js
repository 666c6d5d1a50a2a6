// The program catalog's filters over the server-rendered list of templates/partials/catalog.html,
// started by catalog.js as soon as the index's filters have arrived; the program names (the index's
// text part) come after, and until then a search waits and cards show everything but the name.
// Every change re-renders only the current page of results, the facet counts and the chips; the
// state lives in the URL (docs/catalog-url.md).

import { DURATION_LABELS, FACETS, SORTS, emptyState, parseState, stateToQuery, wholeNumber } from "./catalog-state.js";
import { moneyExact } from "./money.js";
import { CatalogEngine } from "./catalog-engine.js";

const PENDING_NAME = "Loading the name…"; // a card drawn before the program names have arrived
const PENDING_SEARCH = "Loading the program names to search…";
const FAILED_NAME = "Name not available";
const FAILED_SEARCH = "The program names could not be loaded: search is not available";
const QUIET_MS = 400; // after typing stops this long, the summary is announced and the URL updated
const COLLAPSED = 8; // a facet with more values shows this many until "Show all"
const NAMES = { type: "Type", format: "Format", country: "Country", region: "Region", tag: "Topic", duration: "Duration" };

const tagLabel = (slug) => slug.replace(/-/g, " ");
const valueLabel = (facet, value) => {
  if (facet === "tag") return tagLabel(value);
  if (facet === "duration") return DURATION_LABELS[value];
  return value;
};

/** 24 -> "24 months (2 years)"; 18 -> "18 months" (as formatting.duration). */
export function durationText(months) {
  if (months % 12 === 0) {
    const years = months / 12;
    return `${months} months (${years} year${years !== 1 ? "s" : ""})`;
  }
  return `${months} month${months !== 1 ? "s" : ""}`;
}

// counts grouped in thousands, as the templates' `number` filter writes them (1,010)
const COUNT = new Intl.NumberFormat("en-US");

export function summaryText(total, page, size) {
  if (!total) return "No programs match";
  const first = (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  const [shownFirst, shownLast, shownTotal] = [first, last, total].map((n) => COUNT.format(n));
  return `Showing ${shownFirst}–${shownLast} of ${shownTotal} ${total === 1 ? "program" : "programs"}`;
}

/** The page numbers to link, null for a gap (as Paging.page_window); `near` links either side of this one. */
function pageWindow(number, count, near) {
  const shown = new Set([1, count]);
  for (let n = Math.max(1, number - near); n <= Math.min(count, number + near); n += 1) shown.add(n);
  const links = [];
  let previous = 0;
  for (const n of [...shown].sort((a, b) => a - b)) {
    if (n - previous === 2) links.push(previous + 1);
    else if (n - previous > 2) links.push(null);
    links.push(n);
    previous = n;
  }
  return links;
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

const TEXT_SLOTS = ["institution", "name", "type", "format", "location"];
const SLOTS = [...TEXT_SLOTS, "duration", "cost"];

/** The mutable parts of a program card (partials/program_card.html): each slot's text is one text node. */
function cardParts(item) {
  const slot = {};
  for (const node of item.querySelectorAll("[data-slot]")) slot[node.dataset.slot] = node;
  slot.compare = item.querySelector(".compare-toggle");
  const textOf = (node) => {
    if (node.firstChild && node.firstChild.nodeType === Node.TEXT_NODE) return node.firstChild;
    return node.insertBefore(document.createTextNode(""), node.firstChild);
  };
  const text = {};
  for (const name of TEXT_SLOTS) text[name] = textOf(slot[name]);
  const school = slot.institution.querySelector(".program-card__school") || element("span", { class: "program-card__school" });
  text.school = textOf(school);
  const fact = (dd) => {
    const notListed = dd.querySelector(".muted") || element("span", { class: "muted" }, "not listed");
    const shown = dd.firstChild && dd.firstChild.nodeType === Node.TEXT_NODE ? dd.firstChild : document.createTextNode("");
    return { dd, notListed, text: shown };
  };
  return { item, slot, text, school, facts: { duration: fact(slot.duration), cost: fact(slot.cost) }, program: null };
}

class CatalogView {
  constructor(root, index) {
    this.root = root;
    const listing = root.dataset.listing;
    this.engine = new CatalogEngine(index, listing ? index.listings[listing] || [] : null);
    this.symbols = index.currencySymbols;
    this.path = root.dataset.root;
    this.fragment = root.dataset.fragment || "";
    this.staticPage = Number.parseInt(root.dataset.page || "1", 10);
    // as the server paginates (pagination.py): programs a page, page links either side of this one
    this.pageSize = Number.parseInt(root.dataset.pageSize, 10);
    this.pageWindow = Number.parseInt(root.dataset.pageWindow, 10);
    const find = (selector) => root.querySelector(selector);
    this.form = find(".catalog__filters");
    this.panel = find(".catalog__panel");
    this.panelCount = find(".catalog__panel-count");
    this.search = find("#catalog-q");
    this.costMin = find("#catalog-cost-min");
    this.costMax = find("#catalog-cost-max");
    this.unlisted = find('input[name="unlisted_cost"]');
    this.unlistedCount = this.unlisted.closest("label").querySelector(".facet__count");
    this.sort = find("#catalog-sort");
    this.status = find("#catalog-status");
    this.active = find(".catalog__active");
    this.chips = find(".catalog__chips");
    this.grid = find(".catalog__grid");
    this.empty = find(".catalog__empty");
    this.pages = find(".catalog__pages");
    this.cardTemplate = find(".catalog__card-template").content.firstElementChild;
    this.cards = []; // card elements, reused from one render to the next
    this.timer = null; // typing: announce and write the URL when it fires
    this.urlFrame = null; // the address bar is written after the next frame (writeUrlSoon)
    this.urlTimer = null;
    this.pendingUrls = [];
    this.waiting = false; // a search is waiting for the program names
    this.textError = false;
  }

  start(text) {
    this.options = {};
    for (const facet of FACETS) this.buildFacet(facet);
    this.state = this.stateFromLocation();
    this.syncControls();
    // one column (phones, tablets): the panel starts folded above the results; chips show what is active
    if (window.matchMedia("(max-width: 63.99rem)").matches) this.panel.open = false;
    this.adoptCards(); // the server's cards are reused as they are: the first render changes nothing it need not
    this.render();
    this.listen();
    this.form.hidden = false;
    this.root.querySelector(".catalog__sort").hidden = false;
    this.root.classList.add("catalog--ready");
    whenIdle(() => SORTS.forEach((sort) => this.engine.order(sort))); // the first sort click is then as quick
    text.then(
      () => this.textArrived(),
      (error) => this.textFailed(error),
    );
  }

  /** The names are in: cards drawn without them are filled, and a search typed meanwhile applies. */
  textArrived() {
    this.engine.addText();
    this.root.classList.add("catalog--text");
    this.lastResult = undefined;
    const waited = this.waiting;
    this.waiting = false;
    this.render({ announce: waited });
  }

  textFailed(error) {
    this.textError = true;
    for (const card of this.cards) if (card.program && card.program.name === null) card.program = null;
    this.render();
    console.warn(error);
  }

  // ---- state and URL

  stateFromLocation() {
    const { pathname, search } = window.location;
    let state = parseState(search);
    // a static page (/programs/page/3/) opened as it is: its own page of the unfiltered list, or of a
    // landing page's filter (/programs/format/online/ lists what /programs/?format=Online does)
    if (pathname !== this.path && !stateToQuery(state)) {
      if (this.root.dataset.filter) state = parseState(`?${this.root.dataset.filter}`);
      state.page = this.staticPage;
    }
    return state;
  }

  urlFor(state) {
    return `${this.path}${stateToQuery(state)}${this.fragment}`;
  }

  /**
   * Record the state in the address bar once the results are on screen: pushState is a round trip
   * to the browser, and the visitor should not wait for it. Each change keeps its own entry.
   */
  writeUrlSoon(kind) {
    this.pendingUrls.push({ url: this.urlFor(this.state), kind });
    if (this.urlFrame !== null) return;
    this.urlFrame = window.requestAnimationFrame(() => {
      this.urlTimer = window.setTimeout(() => {
        const pending = this.pendingUrls;
        this.cancelUrl();
        for (const { url, kind: entry } of pending) this.writeUrl(url, entry);
      }, 0);
    });
  }

  cancelUrl() {
    window.cancelAnimationFrame(this.urlFrame);
    window.clearTimeout(this.urlTimer);
    this.urlFrame = null;
    this.urlTimer = null;
    this.pendingUrls = [];
  }

  writeUrl(url, kind) {
    const { pathname, search, hash } = window.location;
    if (url === pathname + search + (this.fragment ? hash : "")) return;
    const typing = history.state && history.state.catalog === "typing";
    if (kind === "typing" && typing) history.replaceState({ catalog: kind }, "", url);
    else history.pushState({ catalog: kind }, "", url);
  }

  /** A change the visitor made on purpose: render, announce, and add a history entry. */
  commit() {
    this.cancelQuiet();
    this.render();
    this.writeUrlSoon("commit");
  }

  /** A keystroke in a text field: results now; the announcement and URL once typing pauses. */
  typed() {
    this.state.page = 1;
    this.render({ announce: false });
    this.cancelQuiet();
    this.timer = window.setTimeout(() => this.settle(), QUIET_MS);
  }

  settle() {
    this.cancelQuiet();
    this.announce();
    this.writeUrlSoon("typing");
  }

  cancelQuiet() {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
  }

  // ---- events

  listen() {
    this.form.addEventListener("change", (event) => this.changed(event.target));
    this.form.addEventListener("input", (event) => this.input(event.target));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (this.timer !== null) this.settle();
    });
    this.sort.addEventListener("change", () => {
      this.state.sort = this.sort.value;
      this.state.page = 1;
      this.commit();
    });
    this.root.addEventListener("click", (event) => this.clicked(event));
    window.addEventListener("popstate", () => {
      const state = this.stateFromLocation();
      if (stateToQuery(state) === stateToQuery(this.state)) return; // a #fragment step, not ours
      this.cancelQuiet();
      this.cancelUrl();
      this.state = state;
      this.syncControls();
      this.render();
    });
  }

  changed(target) {
    const facet = target.name;
    if (FACETS.includes(facet)) {
      const values = this.state[facet].filter((value) => value !== target.value);
      if (target.checked) values.push(target.value);
      this.state[facet] = values;
      this.state.page = 1;
      this.commit();
    } else if (facet === "unlisted_cost") {
      this.state.unlisted_cost = target.checked ? "include" : "exclude";
      this.state.page = 1;
      this.commit();
    } else if (this.timer !== null) {
      this.settle(); // a text field committed with Enter or by leaving it
    }
  }

  input(target) {
    if (target === this.search) this.state.q = this.search.value.trim();
    else if (target === this.costMin) this.state.cost_min = wholeNumber(this.costMin.value);
    else if (target === this.costMax) this.state.cost_max = wholeNumber(this.costMax.value);
    else return;
    this.typed();
  }

  clicked(event) {
    const button = event.target.closest("button");
    if (button && button.dataset.chip) {
      this.removeChip(button);
    } else if (button && button.hasAttribute("data-clear")) {
      this.state = { ...emptyState(), sort: this.state.sort };
      this.syncControls();
      this.commit();
      this.focusSoon(this.status);
    } else if (button && button.classList.contains("facet__more")) {
      this.toggleFacet(button);
    } else {
      const link = event.target.closest(".catalog__pages a[data-page]");
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      this.state.page = Number.parseInt(link.dataset.page, 10);
      this.commit();
      this.focusSoon(this.status, this.root.querySelector(".catalog__results"));
    }
  }

  /**
   * Move focus (and scroll) in the next frame: both need a layout, which the frame does anyway,
   * rather than forcing one before the new results can be drawn.
   */
  focusSoon(target, scrollTo = null) {
    window.requestAnimationFrame(() => {
      target.focus({ preventScroll: scrollTo !== null });
      if (scrollTo) scrollTo.scrollIntoView({ block: "start" });
    });
  }

  removeChip(button) {
    const position = [...this.chips.querySelectorAll("button")].indexOf(button);
    const { chip, value } = button.dataset;
    if (FACETS.includes(chip)) this.state[chip] = this.state[chip].filter((v) => v !== value);
    else if (chip === "q") this.state.q = "";
    else if (chip === "cost") Object.assign(this.state, { cost_min: null, cost_max: null });
    else if (chip === "unlisted_cost") this.state.unlisted_cost = "include";
    else this.state[chip] = null;
    this.state.page = 1;
    this.syncControls();
    this.commit();
    const remaining = this.chips.querySelectorAll("button");
    const next = remaining[Math.min(position, remaining.length - 1)];
    this.focusSoon(next || this.status);
  }

  // ---- facets

  buildFacet(facet) {
    const fieldset = this.root.querySelector(`fieldset[data-facet="${facet}"]`);
    const container = fieldset.querySelector(".facet__options");
    const base = this.engine.baseCounts[facet];
    const values = this.engine.values[facet];
    const codes = values.map((_, code) => code).filter((code) => base[code] > 0);
    if (facet !== "duration") {
      const label = (code) => valueLabel(facet, values[code]);
      codes.sort((a, b) => label(a).localeCompare(label(b)));
      if (codes.length > COLLAPSED + 2) codes.sort((a, b) => base[b] - base[a]); // most common first (stable)
    }
    this.options[facet] = codes.map((code, position) => {
      const input = element("input", { type: "checkbox", name: facet, value: values[code] });
      const count = element("span", { class: "facet__count" });
      const option = element("label", { class: "facet__option" });
      option.append(input, element("span", { class: "facet__label" }, valueLabel(facet, values[code])), " ", count);
      container.append(option);
      return { code, input, count, option, extra: codes.length > COLLAPSED + 2 && position >= COLLAPSED, shown: -1 };
    });
    fieldset.hidden = codes.length === 0;
    if (this.options[facet].some((option) => option.extra)) {
      const more = element("button", { type: "button", class: "facet__more", "aria-expanded": "false" });
      more.setAttribute("aria-controls", container.id);
      more.dataset.total = String(codes.length);
      more.textContent = `Show all ${codes.length}`;
      fieldset.append(more);
    }
  }

  toggleFacet(button) {
    const facet = button.closest("fieldset").dataset.facet;
    const expanded = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(expanded));
    button.textContent = expanded ? "Show fewer" : `Show all ${button.dataset.total}`;
    this.showExtras(facet, expanded);
  }

  showExtras(facet, expanded) {
    for (const option of this.options[facet]) {
      if (option.extra) option.option.hidden = !expanded && !option.input.checked;
    }
  }

  syncControls() {
    const s = this.state;
    for (const facet of FACETS) {
      const chosen = new Set(s[facet]);
      for (const option of this.options[facet]) option.input.checked = chosen.has(option.input.value);
      const more = this.root.querySelector(`fieldset[data-facet="${facet}"] .facet__more`);
      this.showExtras(facet, more !== null && more.getAttribute("aria-expanded") === "true");
    }
    if (this.search.value.trim() !== s.q) this.search.value = s.q;
    if (wholeNumber(this.costMin.value) !== s.cost_min) this.costMin.value = s.cost_min === null ? "" : s.cost_min;
    if (wholeNumber(this.costMax.value) !== s.cost_max) this.costMax.value = s.cost_max === null ? "" : s.cost_max;
    this.unlisted.checked = s.unlisted_cost !== "exclude";
    this.sort.value = s.sort;
  }

  // ---- rendering

  render({ announce = true } = {}) {
    if (this.state.q && !this.engine.hasText) {
      this.renderWaiting(announce);
      return;
    }
    this.grid.removeAttribute("aria-busy");
    const result = this.evaluate();
    const pageCount = Math.max(1, Math.ceil(result.total / this.pageSize));
    this.state.page = Math.min(Math.max(1, this.state.page), pageCount);
    this.renderPrograms(this.engine.page(result, this.state.sort, this.state.page, this.pageSize));
    this.renderCounts(result);
    this.renderChips();
    this.renderPages(pageCount);
    this.grid.hidden = result.total === 0;
    this.empty.hidden = result.total !== 0;
    this.summary = summaryText(result.total, this.state.page, this.pageSize);
    if (announce) this.announce();
  }

  /**
   * A search before the names have arrived: the query is kept (in the box and the state) and applied
   * when they arrive (textArrived); meanwhile the results say they are not yet filtered by it.
   */
  renderWaiting(announce) {
    this.renderChips();
    this.grid.setAttribute("aria-busy", "true");
    this.summary = this.textError ? FAILED_SEARCH : PENDING_SEARCH;
    this.waiting = true;
    if (announce || this.status.textContent !== this.summary) this.announce();
  }

  /** The filter result; a new page or sort order reuses it, since only the filters change it. */
  evaluate() {
    const key = stateToQuery({ ...this.state, page: 1, sort: "name" });
    if (this.lastResult === undefined || this.lastResult.key !== key) {
      this.lastResult = { key, result: this.engine.evaluate(this.state) };
    }
    return this.lastResult.result;
  }

  announce() {
    if (this.status.textContent !== this.summary) this.status.textContent = this.summary;
  }

  /** Show these programs, reusing the card elements already on screen (far less DOM work). */
  renderPrograms(programs) {
    const { cards } = this;
    for (let k = 0; k < programs.length; k += 1) {
      if (k === cards.length) cards.push(this.newCard());
      const card = cards[k];
      if (card.program !== programs[k]) this.fillCard(card, programs[k]);
      if (!card.item.isConnected) this.grid.append(card.item);
    }
    for (let k = programs.length; k < cards.length && cards[k].item.isConnected; k += 1) cards[k].item.remove();
  }

  /**
   * Take over the server's cards. Each is taken to show the program the first render puts in its place
   * if its link says so (then fillCard leaves it alone); a card for any other program is refilled.
   */
  adoptCards() {
    const items = [...this.grid.children];
    if (!items.every((item) => SLOTS.every((name) => item.querySelector(`[data-slot="${name}"]`)))) {
      this.grid.replaceChildren(); // a theme's own card without the slots: its cards give way to the template's
      return;
    }
    const waiting = this.state.q && !this.engine.hasText; // a search to apply once the names are in
    const first = waiting ? [] : this.engine.page(this.evaluate(), this.state.sort, this.state.page, this.pageSize);
    // without the names, the server's cards are taken as they are only where the server drew this very
    // state: the page as it was opened, with no filter in its query
    const asServed = !stateToQuery(parseState(window.location.search)) && first.length === items.length;
    for (const item of items) {
      const card = cardParts(item);
      const k = this.cards.length;
      const shows = first[k] && (first[k].url === null ? asServed : card.slot.name.getAttribute("href") === first[k].url);
      if (shows) card.program = first[k];
      this.cards.push(card);
    }
  }

  newCard() {
    const item = document.createElement("li");
    item.append(this.cardTemplate.cloneNode(true));
    return cardParts(item);
  }

  fillCard(card, program) {
    const { slot, text } = card;
    card.program = program;
    const set = (node, value) => {
      if (node.data !== value) node.data = value;
    };
    set(text.institution, program.institution);
    if (program.school) {
      set(text.school, ` · ${program.school}`);
      if (!card.school.isConnected) slot.institution.append(card.school);
    } else if (card.school.isConnected) {
      card.school.remove();
    }
    if (program.url === null) slot.name.removeAttribute("href"); // not a link until the names are in
    else if (slot.name.getAttribute("href") !== program.url) slot.name.setAttribute("href", program.url);
    const pending = this.textError ? FAILED_NAME : PENDING_NAME;
    set(text.name, program.name === null ? pending : program.name);
    card.item.classList.toggle("catalog__card--pending", program.name === null);
    set(text.type, program.type);
    set(text.format, program.format);
    set(text.location, [program.city, program.region, program.country].filter(Boolean).join(", "));
    const compare = program.id || ""; // no id yet: compare.js hides the button
    if (slot.compare.dataset.compare !== compare) {
      slot.compare.dataset.compareName = `${program.name}, ${program.institution}`;
      slot.compare.dataset.compare = compare; // compare.js sees the change and syncs the button
    }
    this.fillFact(card.facts.duration, program.duration === null ? null : durationText(program.duration));
    const { cost, currency } = program;
    this.fillFact(card.facts.cost, cost === null ? null : moneyExact(cost, currency, this.symbols[currency]));
  }

  /** A fact's value, or "not listed" in muted text, as the server writes it. */
  fillFact(fact, value) {
    const shown = value === null ? fact.notListed : fact.text;
    if (value !== null && fact.text.data !== value) fact.text.data = value;
    if (fact.dd.firstChild !== shown) fact.dd.replaceChildren(shown);
  }

  renderCounts(result) {
    for (const facet of FACETS) {
      const counts = result.counts[facet];
      for (const option of this.options[facet]) {
        const count = counts[option.code];
        if (count !== option.shown) {
          option.shown = count;
          option.count.textContent = `(${COUNT.format(count)})`;
        }
        const disabled = count === 0 && !option.input.checked; // a chosen value stays removable
        if (option.input.disabled !== disabled) {
          option.input.disabled = disabled;
          option.option.classList.toggle("facet__option--empty", disabled);
        }
      }
    }
    this.unlistedCount.textContent = `(${COUNT.format(result.unlistedCount)})`;
  }

  chipList() {
    const s = this.state;
    const chips = [];
    if (s.q) chips.push({ chip: "q", text: `Search: ${s.q}` });
    for (const facet of FACETS) {
      for (const value of s[facet]) chips.push({ chip: facet, value, text: `${NAMES[facet]}: ${valueLabel(facet, value)}` });
    }
    if (s.duration_max !== null) chips.push({ chip: "duration_max", text: `Duration: at most ${s.duration_max} months` });
    const usd = (amount) => moneyExact(amount, "USD", this.symbols.USD); // the range is in US dollars
    if (s.cost_min !== null && s.cost_max !== null) {
      chips.push({ chip: "cost", text: `Cost: ${usd(s.cost_min)}–${usd(s.cost_max)}` });
    } else if (s.cost_min !== null) {
      chips.push({ chip: "cost", text: `Cost: at least ${usd(s.cost_min)}` });
    } else if (s.cost_max !== null) {
      chips.push({ chip: "cost", text: `Cost: at most ${usd(s.cost_max)}` });
    }
    if (s.unlisted_cost === "exclude") chips.push({ chip: "unlisted_cost", text: "Cost not listed: excluded" });
    return chips;
  }

  renderChips() {
    const chips = this.chipList();
    const key = JSON.stringify(chips);
    if (key === this.shownChips) return;
    this.shownChips = key;
    const items = document.createDocumentFragment();
    for (const { chip, value, text } of chips) {
      const button = element("button", { type: "button", class: "chip" });
      button.dataset.chip = chip;
      if (value !== undefined) button.dataset.value = value;
      button.append(
        element("span", { class: "visually-hidden" }, "Remove filter "),
        element("span", { class: "chip__label" }, text),
        element("span", { class: "chip__remove", "aria-hidden": "true" }, "×"),
      );
      const item = document.createElement("li");
      item.append(button);
      items.append(item);
    }
    this.chips.replaceChildren(items);
    this.active.hidden = chips.length === 0;
    this.panelCount.textContent = chips.length ? `(${chips.length} active)` : "";
  }

  renderPages(count) {
    const number = this.state.page;
    const key = `${this.urlFor({ ...this.state, page: 1 })} ${number}/${count}`;
    if (key === this.shownPages) return;
    this.shownPages = key;
    if (count <= 1) {
      this.pages.replaceChildren();
      return;
    }
    const nav = element("nav", { class: "pagination", "aria-label": "Result pages" });
    const list = element("ul");
    const link = (n, text, attributes = {}) => {
      const a = element("a", { href: this.urlFor({ ...this.state, page: n }), ...attributes }, text);
      a.dataset.page = String(n);
      const item = element("li");
      item.append(a);
      list.append(item);
    };
    if (number > 1) link(number - 1, "Previous", { rel: "prev" });
    for (const n of pageWindow(number, count, this.pageWindow)) {
      if (n === null) list.append(element("li", { class: "pagination__gap", "aria-hidden": "true" }, "…"));
      else link(n, String(n), n === number ? { "aria-current": "page" } : {});
    }
    if (number < count) link(number + 1, "Next", { rel: "next" });
    nav.append(list);
    this.pages.replaceChildren(nav);
  }
}

function whenIdle(callback) {
  if ("requestIdleCallback" in window) window.requestIdleCallback(callback, { timeout: 2000 });
  else window.setTimeout(callback, 200);
}

/**
 * Enhance the catalog at `root` with the program index (program-index.js), whose filters are in;
 * `text` resolves once its names are too.
 */
export function startCatalog(root, index, text) {
  new CatalogView(root, index).start(text);
}
