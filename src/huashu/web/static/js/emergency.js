// 应急: take-down preview and confirmation, closing incidents.
import { api, toast } from "./api.js";

export function initEmergency() {
  const form = document.getElementById("takedown-form");
  if (!form) return;
  const preview = document.getElementById("takedown-preview");
  const body = () => ({
    by: form.querySelector("[name=by]").value,
    value: form.querySelector("[name=value]").value,
    reason: form.querySelector("[name=reason]").value,
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const out = await api("POST", "/api/v1/takedowns", { ...body(), dry_run: true }).catch(() => null);
    if (!out) return;
    const ids = out.incident.affected || [];
    preview.hidden = false;
    preview.querySelector("[data-count]").textContent = String(ids.length);
    const list = preview.querySelector("ul");
    list.replaceChildren(...ids.map((id) => { const li = document.createElement("li"); li.textContent = id; return li; }));
  });
  document.getElementById("takedown-confirm").addEventListener("click", async () => {
    // a refusal (already taken down, nothing matched) is in the toast already
    const out = await api("POST", "/api/v1/takedowns", { ...body(), dry_run: false }).catch(() => null);
    if (!out) return;
    toast(`✓ ${out.incident.id}`);
    setTimeout(() => location.reload(), 300);
  });
  document.querySelectorAll("[data-takedown]").forEach((b) =>
    b.addEventListener("click", () => {
      form.querySelector("[name=by]").value = "creative";
      form.querySelector("[name=value]").value = b.dataset.takedown;
      form.querySelector("[name=reason]").focus();
    }));
  document.querySelectorAll("[data-close]").forEach((b) =>
    b.addEventListener("click", async () => {
      await api("POST", `/api/v1/incidents/${encodeURIComponent(b.dataset.close)}/close`, {});
      location.reload();
    }));
}
