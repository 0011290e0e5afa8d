// huashu pages: small hand-written helpers. Every change goes through the JSON API with the
// session's CSRF token; HTML coming back from the server is rendered (and escaped) by Jinja.
"use strict";

const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

async function api(method, url, body, options = {}) {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({ ok: false, error: { message: response.statusText } }));
  if (!response.ok || data.ok === false) {
    const error = data.error || {};
    const message = error.message || response.statusText;
    if (!options.quiet) toast(message, true);
    const err = new Error(message);
    err.code = error.code;
    err.details = error.details || {};
    throw err;
  }
  return data;
}

async function html(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  return response.text();
}

// a word of the page's dictionary for text a script writes (statuses, buttons): the server
// puts them on <body data-words>; ``fallback`` where the page has none
function word(key, fallback) {
  try { return JSON.parse(document.body.dataset.words || "{}")[key] || fallback; } catch (e) { return fallback; }
}

function toast(message, bad) {
  const el = document.getElementById("toast");
  if (!el) return;
  el.textContent = message;
  el.className = bad ? "show bad" : "show";
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.className = ""; }, 4000);
}

// Server-sent events over a POST (the stream may start drafting, so it carries the CSRF
// token, which EventSource cannot send). Calls handlers[name]({ data }) per event; after a
// dropped connection it reconnects (the server replays what is done) until "done" or
// "failed" arrives. A refusal (4xx/5xx) is final and reported as "failed".
async function postStream(url, handlers, onReconnect) {
  for (;;) {
    let finished = false;
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "text/event-stream", "X-CSRF-Token": csrf() },
      });
      if (!response.ok) {
        const data = await response.json().catch(() => ({}));
        const message = (data.error && data.error.message) || response.statusText;
        handlers.failed({ data: JSON.stringify({ message }) });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      while (!finished) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = "message";
          const data = [];
          for (const line of frame.split("\n")) {
            if (line.startsWith("event:")) name = line.slice(6).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
          }
          if (!data.length) continue;  // a keep-alive comment
          if (handlers[name]) handlers[name]({ data: data.join("\n") });
          if (name === "done" || name === "failed") finished = true;
        }
      }
      if (finished) {
        reader.cancel().catch(() => {});
        return;
      }
    } catch (err) {
      // the connection dropped: try again below
    }
    onReconnect();
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function swap(el, markup) {
  const holder = document.createElement("div");
  holder.innerHTML = markup; // server-rendered, autoescaped
  applyData(holder);
  el.replaceWith(...holder.childNodes);
}

// The pages' Content-Security-Policy allows no inline style or handler attributes: sizes and
// colours come as data attributes (set through the CSSOM here), and selects that submit their
// form on change carry data-autosubmit (data-clear names a field to empty first).
function applyData(root) {
  root.querySelectorAll("[data-width]").forEach((el) => { el.style.width = `${el.dataset.width}%`; });
  root.querySelectorAll("[data-left]").forEach((el) => { el.style.left = `${el.dataset.left}%`; });
  root.querySelectorAll("[data-bg]").forEach((el) => { el.style.background = el.dataset.bg; });
}

function initAutosubmit() {
  document.addEventListener("change", (e) => {
    const el = e.target.closest("[data-autosubmit]");
    if (!el || !el.form) return;
    if (el.dataset.clear && el.form.elements[el.dataset.clear]) el.form.elements[el.dataset.clear].value = "";
    el.form.submit();
  });
}

// --- shell -----------------------------------------------------------------------------
function initShell() {
  document.querySelectorAll("[data-logout]").forEach((b) =>
    b.addEventListener("click", async () => {
      await api("POST", "/api/v1/auth/logout");
      location.href = "/login";
    }));
}

// --- chat ------------------------------------------------------------------------------
function initBriefForm() {
  const form = document.getElementById("brief-form");
  if (!form) return;
  const reply = document.getElementById("brief-reply");
  const panel = document.getElementById("brief-understanding");
  const send = form.querySelector("button[type=submit]");
  // first what was understood (nothing filed): a brief with unknown channels or audiences
  // waits for the operator to confirm or adjust; a brief understood in full is filed at once
  const understood = async (body) => {
    const response = await fetch("/chat/understand", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: JSON.stringify(body),
    });
    if (!response.ok) return null;
    panel.innerHTML = await response.text();  // server-rendered, autoescaped
    return panel.querySelector("#understanding");
  };
  const file = async (body, n) => {
    try {
      const out = await api("POST", "/api/v1/briefs", { ...body, n }, { quiet: Boolean(reply) });
      location.href = `/chat/${encodeURIComponent(out.plan.campaign_id)}?stream=1&n=${n}`;
    } catch (err) {
      // a refused brief is answered in the chat, in the words of the refusal (what was
      // understood, what is possible), not in a toast that fades
      if (reply) {
        reply.querySelector("[data-message]").textContent = err.message;
        reply.dataset.code = err.code || "";
        reply.hidden = false;
      }
      send.disabled = false;
    }
  };
  form.addEventListener("input", () => { if (panel) panel.hidden = true; });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const n = Number(data.get("n") || 2);
    const body = { brand_id: data.get("brand_id"), text: data.get("text") };
    send.disabled = true;
    if (reply) reply.hidden = true;
    const seen = panel ? await understood(body).catch(() => null) : null;
    if (seen && seen.dataset.needsConfirm) {
      panel.hidden = false;
      send.disabled = false;
      const confirm = seen.querySelector("[data-confirm-brief]");
      if (confirm) confirm.addEventListener("click", () => { confirm.disabled = true; file(body, n); });
      const adjust = seen.querySelector("[data-adjust-brief]");
      if (adjust) adjust.addEventListener("click", () => { panel.hidden = true; form.querySelector("textarea").focus(); });
      return;
    }
    await file(body, n);
  });
}

function initCampaign() {
  const root = document.getElementById("campaign");
  if (!root) return;
  const id = root.dataset.campaign;
  const bar = document.getElementById("progress-bar");
  const text = document.getElementById("progress-text");
  if (root.dataset.stream) {
    // drafting runs as a server-side job; this stream only reports it (cells drafted so far
    // are replayed first), so leaving the page stops nothing and coming back shows progress
    const inflight = [];  // cell fetches still running: "done" waits for them
    const filled = new Set();
    const cells = Number(root.dataset.cells || 0);
    const fillCell = async (e) => {
      const cell = JSON.parse(e.data);
      const key = `${cell.segment_key}|${cell.channel}`;
      filled.add(key);
      const done = Math.max(filled.size, root.querySelectorAll("td.cell:not(.pending)").length);
      bar.style.width = `${Math.round((100 * done) / (cell.cells || cells || 1))}%`;
      const head = root.querySelector(`th[data-channel="${CSS.escape(cell.channel)}"]`);
      text.textContent = `${done} / ${cell.cells} · ${cell.segment_name} × ${head ? head.textContent : cell.channel}`;
      const td = root.querySelector(`[data-cell="${CSS.escape(key)}"]`);
      if (td && td.classList.contains("pending")) {
        const q = new URLSearchParams({ segment_key: cell.segment_key, channel: cell.channel });
        td.innerHTML = await html(`/chat/${encodeURIComponent(id)}/cards?${q}`);
        td.classList.remove("pending");
      }
    };
    postStream(root.dataset.stream, {
      cell: (e) => inflight.push(fillCell(e)),
      done: async (e) => {
        await Promise.all(inflight);
        const done = JSON.parse(e.data);
        bar.style.width = "100%";
        text.textContent = `✓ ${root.dataset.finished.replace("{n}", done.creatives)}`;
        root.dataset.done = "1";
      },
      failed: (e) => {
        const failed = JSON.parse(e.data);
        text.textContent = failed.message;
        text.classList.add("bad");
        toast(failed.message, true);
      },
    }, () => { text.textContent = root.dataset.reconnecting; });  // the job goes on meanwhile
  } else {
    root.dataset.done = "1";
  }
  const refine = document.getElementById("refine-form");
  refine.addEventListener("submit", async (e) => {
    e.preventDefault();
    const input = refine.querySelector("input");
    const turns = document.getElementById("turns");
    const mine = document.createElement("div");
    mine.className = "bubble op";
    mine.textContent = input.value;
    turns.append(mine);
    const out = await api("POST", `/api/v1/briefs/${encodeURIComponent(id)}/refine`, { instruction: input.value });
    const reply = document.createElement("div");
    reply.className = "bubble ai";
    // the same readable summary the stored conversation shows after a reload
    reply.textContent = out.reply || `✓ ${Object.keys(out.replaced).length}`;
    turns.append(reply);
    input.value = "";
    swap(document.querySelector("#grid table"), await html(`/chat/${encodeURIComponent(id)}/cards`));
    updateSubmit();
    root.dataset.turns = String(Number(root.dataset.turns || 0) + 1);
  });
  document.getElementById("submit-approval").addEventListener("click", async (e) => {
    const button = e.currentTarget;
    if (button.disabled) return;
    button.disabled = true;  // one filing per click; a second one would only get a 409
    let out;
    try {
      out = await api("POST", `/api/v1/campaigns/${encodeURIComponent(id)}/submit`);
    } catch (err) {
      button.disabled = false;
      return;
    }
    const filed = out.approval ? out.approval.id : "";  // null: the policy approved them all
    toast(`✓ ${filed}`);
    root.dataset.submitted = filed || "auto";
    button.dataset.locked = "1";  // until the approval is decided
  });
  root.addEventListener("click", (e) => {
    if (e.target.matches("[data-edit]")) startEdit(e.target.closest(".creative"));
  });
}

function startEdit(card) {
  const fields = card.querySelectorAll("dd[data-field]");
  fields.forEach((dd) => {
    const area = document.createElement("textarea");
    area.value = dd.dataset.value;
    area.rows = Math.max(2, Math.ceil(area.value.length / 24));
    dd.replaceChildren(area);
  });
  const bar = document.createElement("div");
  bar.className = "row";
  const save = document.createElement("button");
  save.className = "primary";
  save.textContent = word("chat.save", "保存");
  bar.append(save);
  card.append(bar);
  save.addEventListener("click", async () => {
    const body = {};
    fields.forEach((dd) => { body[dd.dataset.field] = dd.querySelector("textarea").value; });
    await api("PATCH", `/api/v1/creatives/${encodeURIComponent(card.dataset.creative)}`, { fields: body });
    const q = new URLSearchParams({ ids: card.dataset.creative });
    swap(card, await html(`/chat/${encodeURIComponent(card.dataset.campaign)}/cards?${q}`));
    updateSubmit();
  });
}

// 提交审批 is open whenever there is something to file: a draft campaign, or a checked draft
// compliance did not block (a rejected creative edited or rewritten); never while an approval
// of the campaign is pending (data-locked)
function updateSubmit() {
  const button = document.getElementById("submit-approval");
  if (!button || button.dataset.locked) return;
  button.disabled = !(button.dataset.always || document.querySelector("#grid article[data-fileable]"));
}

// --- review ----------------------------------------------------------------------------
function initReview() {
  const form = document.getElementById("review-form");
  if (!form || !document.getElementById("approve-all")) return;
  const collect = (approveAll) => {
    const body = { decisions: {}, acknowledged: {}, comments: {}, approve_all: approveAll,
      comment: form.querySelector("[name=comment]").value };
    form.querySelectorAll("[data-item][data-open]").forEach((item) => {
      const cid = item.dataset.item;
      const chosen = item.querySelector("input[type=radio]:checked");
      if (chosen) body.decisions[cid] = chosen.value;
      const acks = [...item.querySelectorAll("input[data-ack]:checked")].map((i) => i.value);
      if (acks.length) body.acknowledged[cid] = acks;
      const note = item.querySelector("[data-note]").value;
      if (note) body.comments[cid] = note;
    });
    return body;
  };
  const send = async (body, next) => {
    const out = await api("POST", `/api/v1/approvals/${encodeURIComponent(form.dataset.approval)}/decide`, body);
    toast(`✓ ${word(`status.${out.approval.status}`, out.approval.status)}`);
    setTimeout(() => { location.href = next || location.pathname; }, 300);
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); send(collect(false)).catch(() => {}); });
  // 全部通过 approves the undecided creatives but never ticks 已阅读该提示 for the reviewer:
  // one with an unticked review finding is left undecided, marked, and the page says how many
  document.getElementById("approve-all").addEventListener("click", () => {
    const body = collect(false);
    const skipped = [];
    form.querySelectorAll("[data-item][data-open]").forEach((item) => {
      const cid = item.dataset.item;
      if (body.decisions[cid]) return;  // the reviewer's own choice stands
      if (item.querySelector("input[data-ack]:not(:checked)")) skipped.push(item);
      else body.decisions[cid] = "approved";
    });
    form.querySelectorAll(".needs-ack").forEach((item) => item.classList.remove("needs-ack"));
    skipped.forEach((item) => item.classList.add("needs-ack"));
    const note = document.getElementById("bulk-skipped");
    note.dataset.count = String(skipped.length);
    note.textContent = note.dataset.template.replace("{n}", skipped.length);
    note.hidden = !skipped.length;
    if (!Object.keys(body.decisions).length) {
      if (skipped.length) skipped[0].scrollIntoView({ block: "center" });
      return;
    }
    body.partial = skipped.length > 0;  // the skipped ones stay open for a later vote
    send(body, skipped.length ? `${location.pathname}?skipped=${skipped.length}` : "").catch(() => {});
  });
}

// --- delivery --------------------------------------------------------------------------
function initDelivery() {
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
function confirmStart(campaign, name, channels) {
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

// --- emergency -------------------------------------------------------------------------
function initEmergency() {
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

// the campaign's name, renamed in place (PATCH; the server trims, checks and audits it)
function initRename() {
  const box = document.getElementById("campaign-name");
  const form = document.getElementById("rename-form");
  if (!box || !form) return;
  const show = box.querySelector("[data-rename]");
  const title = box.querySelector("[data-name]");
  const input = form.elements.namedItem("name");
  const error = form.querySelector("[data-rename-error]");
  const toggle = (editing) => { form.hidden = !editing; show.hidden = editing; error.textContent = ""; };
  show.addEventListener("click", () => { toggle(true); input.focus(); input.select(); });
  form.querySelector("[data-rename-cancel]").addEventListener("click", () => {
    input.value = title.textContent;
    toggle(false);
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const url = `/api/v1/campaigns/${encodeURIComponent(box.dataset.campaign)}`;
      const out = await api("PATCH", url, { name: input.value }, { quiet: true });
      document.title = document.title.replace(title.textContent, out.campaign.name);
      title.textContent = out.campaign.name;
      input.value = out.campaign.name;
      toggle(false);
      toast(`✓ ${form.dataset.done}`);
    } catch (err) {
      error.textContent = err.message;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  applyData(document);
  initRename();
  initAutosubmit();
  initShell();
  initBriefForm();
  initCampaign();
  initReview();
  initDelivery();
  initEmergency();
});
