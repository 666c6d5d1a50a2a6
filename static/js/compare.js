// The compare shortlist: "Add to compare" buttons on program cards and pages, kept in localStorage
// and shown on /programs/compare/?id=a&id=b. Buttons are in the HTML, hidden until this runs: without
// JavaScript there is no shortlist. Cards the catalog draws later are found by watching the page.

export const LIMIT = 4;
export const STORAGE_KEY = "guidegen.compare";

/** The shortlist's ids: unique, at most LIMIT, in the order they were added. */
export function cleanIds(ids) {
  const seen = [];
  for (const id of ids) {
    if (typeof id === "string" && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) && !seen.includes(id)) seen.push(id);
  }
  return seen.slice(0, LIMIT);
}

export function loadShortlist() {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "[]");
    return Array.isArray(stored) ? cleanIds(stored) : [];
  } catch {
    return []; // storage refused (private mode) or damaged: start empty
  }
}

export function saveShortlist(ids) {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(cleanIds(ids)));
  } catch {
    // storage refused: the shortlist still lives in the compare page's URL
  }
}

/** /programs/compare/?id=a&id=b for a shortlist (the compare page's own path comes from the page). */
export function compareUrl(path, ids) {
  const params = new URLSearchParams();
  for (const id of ids) params.append("id", id);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

function announce(message) {
  const bar = document.querySelector("[data-compare-bar]");
  if (!bar) return;
  const status = bar.querySelector("[data-compare-status]");
  status.textContent = message;
}

function syncBar(ids) {
  const bar = document.querySelector("[data-compare-bar]");
  if (!bar) return;
  const link = bar.querySelector("[data-compare-link]");
  link.href = compareUrl(bar.dataset.comparePath, ids);
  const label = `Compare ${ids.length} of ${LIMIT} selected`;
  if (link.textContent !== label) link.textContent = label;
  link.hidden = ids.length === 0;
}

function syncButton(button, ids) {
  const pressed = ids.includes(button.dataset.compare);
  button.setAttribute("aria-pressed", String(pressed));
  const label = pressed ? "Remove from compare" : "Add to compare";
  if (button.textContent !== label) button.textContent = label;
  if (button.hidden === Boolean(button.dataset.compare)) button.hidden = !button.dataset.compare;
}

export function syncAll(ids = loadShortlist()) {
  for (const button of document.querySelectorAll("button[data-compare]")) syncButton(button, ids);
  syncBar(ids);
}

/** Add or remove a program; a fifth is refused with a message. Returns the new shortlist. */
export function toggle(id, name) {
  const ids = loadShortlist();
  if (ids.includes(id)) {
    const next = ids.filter((other) => other !== id);
    saveShortlist(next);
    announce(`Removed ${name} from the comparison. ${next.length} of ${LIMIT} selected.`);
    return next;
  }
  if (ids.length >= LIMIT) {
    announce(`You can compare up to ${LIMIT} programs. Remove one before adding ${name}.`);
    return ids;
  }
  const next = [...ids, id];
  saveShortlist(next);
  announce(`Added ${name} to the comparison. ${next.length} of ${LIMIT} selected.`);
  return next;
}

function start() {
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-compare]");
    if (!button) return;
    const name = button.dataset.compareName || button.dataset.compare;
    syncAll(toggle(button.dataset.compare, name));
  });
  // another tab changed the shortlist
  window.addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY) syncAll();
  });
  // the catalog and the Program Matcher draw cards after load, and reuse them for other programs
  new MutationObserver((records) => {
    const ids = loadShortlist();
    for (const record of records) {
      if (record.type === "attributes") syncButton(record.target, ids);
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.matches("button[data-compare]")) syncButton(node, ids);
        for (const button of node.querySelectorAll("button[data-compare]")) syncButton(button, ids);
      }
    }
  }).observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-compare"],
  });
  syncAll();
}

start();
