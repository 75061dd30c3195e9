// Small behaviours without inline scripts (CSP-friendly).
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.matches("[data-autosubmit]")) el.form.requestSubmit();
});
// Unit tree: the first click loads the children (htmx), later clicks fold and unfold them.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-toggle-tree]");
  if (!button) return;
  const box = document.getElementById(button.getAttribute("hx-target").slice(1));
  const open = button.getAttribute("aria-expanded") === "true";
  if (button.dataset.loaded) {
    event.preventDefault();
    event.stopImmediatePropagation();
    box.hidden = open;
  }
  button.setAttribute("aria-expanded", String(!open));
  button.textContent = open ? "▸" : "▾";
  button.dataset.loaded = "1";
}, true);
// Keep list URLs short: empty filter fields are not sent.
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb !== "get" || !event.detail.elt.closest("#people-filter")) return;
  const params = event.detail.parameters;
  for (const [key, value] of Array.from(params.entries ? params.entries() : Object.entries(params))) {
    if (value === "" && key !== "_submitted") {
      if (params.delete) params.delete(key); else delete params[key];
    }
  }
});
