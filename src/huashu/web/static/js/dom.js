// Markup swapped in from the server, and what the CSP leaves to a script: sizes and colours
// from data attributes, selects that submit their form.

export function swap(el, markup) {
  const holder = document.createElement("div");
  holder.innerHTML = markup; // server-rendered, autoescaped
  applyData(holder);
  el.replaceWith(...holder.childNodes);
}

// The pages' Content-Security-Policy allows no inline style or handler attributes: sizes and
// colours come as data attributes (set through the CSSOM here), and selects that submit their
// form on change carry data-autosubmit (data-clear names a field to empty first).
export function applyData(root) {
  root.querySelectorAll("[data-width]").forEach((el) => { el.style.width = `${el.dataset.width}%`; });
  root.querySelectorAll("[data-left]").forEach((el) => { el.style.left = `${el.dataset.left}%`; });
  root.querySelectorAll("[data-bg]").forEach((el) => { el.style.background = el.dataset.bg; });
}

export function initAutosubmit() {
  document.addEventListener("change", (e) => {
    const el = e.target.closest("[data-autosubmit]");
    if (!el || !el.form) return;
    if (el.dataset.clear && el.form.elements[el.dataset.clear]) el.form.elements[el.dataset.clear].value = "";
    el.form.submit();
  });
}
