// Indicator form (canbo.stats): "Thêm điều kiện" adds an empty condition row from the
// <template> of the formset's empty form, without reloading (what was typed stays).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-add-condition]");
  if (!button) return;
  event.preventDefault();
  const form = button.closest("form");
  const total = form.querySelector("input[name$='-TOTAL_FORMS']");
  const template = document.getElementById(button.dataset.addCondition);
  const index = Number(total.value);
  const html = template.innerHTML.replace(/__prefix__/g, String(index));
  const body = form.querySelector("table.formset tbody");
  body.insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  const first = body.lastElementChild.querySelector("select, input");
  if (first) first.focus();
});
