// 对话: the brief form (what was understood first), the campaign page (drafts streaming in,
// follow-up turns, 按意见重写, inline edit, 提交审批) and renaming a campaign.
import { api, csrf, html, postStream, toast, word } from "./api.js";
import { swap } from "./dom.js";

export function initBriefForm() {
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

export function initCampaign() {
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
  // a follow-up turn (all drafts of the channels it names, or ``creativeIds`` only): the
  // operator's words and the answer join the conversation and the grid is redrawn; false
  // when refused (the refusal is in the toast)
  const turn = async (instruction, creativeIds) => {
    const turns = document.getElementById("turns");
    const mine = document.createElement("div");
    mine.className = "bubble op";
    mine.textContent = instruction;
    turns.append(mine);
    const body = creativeIds ? { instruction, creative_ids: creativeIds } : { instruction };
    let out;
    try {
      out = await api("POST", `/api/v1/briefs/${encodeURIComponent(id)}/refine`, body);
    } catch (err) {
      mine.remove();
      return false;
    }
    const reply = document.createElement("div");
    reply.className = "bubble ai";
    // the same readable summary the stored conversation shows after a reload
    reply.textContent = out.reply || `✓ ${Object.keys(out.replaced).length}`;
    turns.append(reply);
    swap(document.querySelector("#grid table"), await html(`/chat/${encodeURIComponent(id)}/cards`));
    updateSubmit();
    root.dataset.turns = String(Number(root.dataset.turns || 0) + 1);
    return true;
  };
  const refine = document.getElementById("refine-form");
  refine.addEventListener("submit", async (e) => {
    e.preventDefault();
    const input = refine.querySelector("input");
    // refused: the words stay in the box to be changed
    if (await turn(input.value)) input.value = "";
  });
  // 按意见重写: a rejected card rewritten with its reviewer's comment as the instruction
  root.addEventListener("click", async (e) => {
    const button = e.target.closest("[data-rewrite]");
    if (!button || button.disabled) return;
    button.disabled = true;
    const card = button.closest(".creative");
    if (!(await turn(button.dataset.rewrite, [card.dataset.creative]))) button.disabled = false;
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

export function startEdit(card) {
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
export function updateSubmit() {
  const button = document.getElementById("submit-approval");
  if (!button || button.dataset.locked) return;
  button.disabled = !(button.dataset.always || document.querySelector("#grid article[data-fileable]"));
}

// the campaign's name, renamed in place (PATCH; the server trims, checks and audits it)
export function initRename() {
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
