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
