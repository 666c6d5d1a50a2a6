// Starts the program catalog's filters (catalog-view.js) once the server-rendered results are on
// screen and the index's filters have arrived (its names follow): this file imports nothing, so no
// other script is fetched before the first paint.

function afterFirstPaint(callback) {
  if (document.visibilityState === "hidden") window.setTimeout(callback, 0);
  else window.requestAnimationFrame(() => window.setTimeout(callback, 0));
}

const root = document.querySelector("[data-catalog]");
if (root) {
  root.classList.add("catalog--js");
  afterFirstPaint(() => {
    const index = import("./program-index.js").then(({ loadFilterIndex }) => loadFilterIndex(root.dataset.index));
    Promise.all([import("./catalog-view.js"), index]).then(
      ([{ startCatalog }, loaded]) => startCatalog(root, loaded.index, loaded.text),
      (error) => {
        root.classList.remove("catalog--js");
        root.querySelector(".catalog__error").hidden = false;
        console.warn(error);
      },
    );
  });
}
