// 审批: one approval's decisions, comments and acknowledgements; 全部通过.
import { api, toast, word } from "./api.js";

export function initReview() {
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
