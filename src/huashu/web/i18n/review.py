"""审批's words: the review queue, an approval's decisions and what changed since the
last decision."""

from __future__ import annotations

ZH: dict[str, str] = {
    "review.title": "审批队列",
    "review.empty": "没有待审批的单据",
    "review.open": "查看",
    "review.campaign": "活动",
    "review.requested_by": "提交人",
    "review.items": "素材数",
    "review.approve": "通过",
    "review.reject": "驳回",
    "review.approve_all": "全部通过",
    "review.comment": "审批意见",
    "review.ack": "已阅读该提示",
    "review.submit": "提交审批结果",
    "review.status": "最近处理的审批",
    "review.skipped": (
        "全部通过跳过了 {n} 条素材：它们有“需复核”的合规提示尚未勾选“已阅读该提示”，"
        "仍待审批。请逐条阅读提示、勾选后再通过或驳回。"
    ),
    "review.voted": "你已投票，等待其他审批人",
    "review.approve_all_hint": "通过所有未决素材；有未勾选“已阅读该提示”的需复核素材会被跳过",
    "changes.title": "与上次审批相比的改动",
    "changes.last": "上次结论：{decision}（{reviewer}）",
    "changes.rewritten": "由被驳回的素材 {id} 重写而来",
    "changes.legend": "划线为删除的文字，高亮为新增的文字",
    "changes.none": "文案与上次审批时相同，没有改动",
}

EN: dict[str, str] = {
    "review.title": "Review queue",
    "review.empty": "Nothing to review",
    "review.open": "Open",
    "review.campaign": "Campaign",
    "review.requested_by": "Requested by",
    "review.items": "Creatives",
    "review.approve": "Approve",
    "review.reject": "Reject",
    "review.approve_all": "Approve all",
    "review.comment": "Comment",
    "review.ack": "I have read this finding",
    "review.submit": "Submit decision",
    "review.status": "Recently decided",
    "review.skipped": (
        "Approve all skipped {n} creative(s): they have review findings not yet ticked "
        "'I have read this finding' and are still undecided. Read each finding, tick it, "
        "then approve or reject them."
    ),
    "review.voted": "You have voted; waiting for another reviewer",
    "review.approve_all_hint": (
        "Approves every undecided creative; those with unticked review findings are skipped"
    ),
    "changes.title": "Changes since the last decision",
    "changes.last": "Last decision: {decision} ({reviewer})",
    "changes.rewritten": "rewritten from rejected creative {id}",
    "changes.legend": "Struck-through text was removed, highlighted text was added",
    "changes.none": "The copy is the same as at the last decision",
}
