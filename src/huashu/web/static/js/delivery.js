// 投放: campaign controls, polling the live part, the start confirmation.
import { api, html, toast } from "./api.js";
import { swap } from "./dom.js";

export function initDelivery() {
  const live = document.getElementById("live");
  if (!live) return;
  document.addEventListener("click", async (e) => {
    const button = e.target.closest("[data-action]");
    if (!button) return;
    const { action, campaign } = button.dataset;
    if (action === "rebuild") await api("POST", "/api/v1/snapshots/rebuild");
    else if (action === "tasks") await api("POST", `/api/v1/campaigns/${encodeURIComponent(campaign)}/tasks`, {});
    else if (action === "start") await start(campaign, button.dataset.name || "");
    else await api("POST", `/api/v1/campaigns/${encodeURIComponent(campaign)}/${action}`, {});
    await refresh();
  });
  // 开始投放: a campaign whose channels lack a delivery target is refused (409
  // no_delivery_target); the operator confirms in a dialog and the start is sent again
  const start = async (campaign, name) => {
    const url = `/api/v1/campaigns/${encodeURIComponent(campaign)}/start`;
    try {
      await api("POST", url, {}, { quiet: true });
    } catch (err) {
      if (err.code !== "no_delivery_target") { toast(err.message, true); return; }
      if (!(await confirmStart(campaign, name, err.details.channels || []))) return;
      await api("POST", url, { confirm: true }).catch(() => {});
    }
  };
  const refresh = async () => {
    const markup = await html("/delivery?part=live");
    const current = document.getElementById("live");
    if (current) swap(current, markup);
  };
  setInterval(refresh, Number(live.dataset.every || 3000));
}

// The start confirmation: resolves true when the operator starts anyway.
export function confirmStart(campaign, name, channels) {
  const dialog = document.getElementById("start-confirm");
  if (!dialog || dialog.open) return Promise.resolve(false);
  const labels = JSON.parse(dialog.dataset.labels || "{}");
  const names = channels.map((c) => labels[c] || c).join(dialog.dataset.sep || ", ");
  dialog.querySelector("[data-message]").textContent =
    dialog.dataset.template.replace("{campaign}", name).replace("{id}", campaign).replace("{channels}", names);
  dialog.dataset.channels = channels.join(",");
  dialog.showModal();
  return new Promise((resolve) => {
    const done = (ok) => { if (dialog.open) dialog.close(); resolve(ok); };
    dialog.querySelector("[data-dialog-confirm]").onclick = () => done(true);
    dialog.querySelector("[data-dialog-cancel]").onclick = () => done(false);
    dialog.oncancel = () => resolve(false);  // Escape closes it
  });
}
