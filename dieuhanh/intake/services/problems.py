"""What stands between a draft and its tasks: blocking problems and warnings, in Vietnamese."""

from dataclasses import dataclass

from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.proposals import has_communes
from dieuhanh.org.models import Unit
from dieuhanh.tasks.constants import DeadlineKind

# Below this, a resolved lead unit is a guess the reviewer should look at.
LOW_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Problem:
    """One problem of a draft (`proposal_id` None for the document); blocking ones stop confirming."""

    proposal_id: int | None
    code: str
    message_vi: str
    blocking: bool = False


def _task_problems(n: int, proposal: ProposedTask, org: Unit, org_has_communes: bool) -> list[Problem]:
    out = []

    def add(code, message, blocking=False):
        out.append(Problem(proposal.pk, code, f"Nhiệm vụ {n}: {message}", blocking))

    if not proposal.text.strip():
        add("empty_text", "nội dung nhiệm vụ để trống.", True)
    if proposal.lead_unit_id is None:
        add(
            "unknown_lead",
            f"chưa xác định được đơn vị chủ trì “{proposal.lead_name or '(không ghi)'}” trong danh mục đơn vị.",
            True,
        )
    elif not proposal.lead_unit.path.startswith(org.path):
        add("lead_outside", f"đơn vị chủ trì “{proposal.lead_unit}” không thuộc {org}.", True)
    elif (
        proposal.lead_confidence is not None
        and proposal.lead_confidence < LOW_CONFIDENCE
        and proposal.lead_unit_id == proposal.proposed.get("lead_unit")
    ):
        add(
            "uncertain_lead",
            f"“{proposal.lead_name}” được đoán là “{proposal.lead_unit}”, cần kiểm tra lại đơn vị chủ trì.",
        )
    unknown = [
        name
        for name, unit_id in zip(
            proposal.proposed.get("coordinator_names", []),
            proposal.proposed.get("coordinator_unit_ids", []),
            strict=False,
        )
        if unit_id is None and name in proposal.coordinator_names
    ]
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
        add(
            "unknown_coordinator",
            f"đơn vị phối hợp {names} không có trong danh mục: giữ nguyên văn (đơn vị ngoài) trên bản nháp "
            "và trong nội dung nhiệm vụ, không theo dõi như một đơn vị.",
        )
    if proposal.deadline_kind == DeadlineKind.NONE:
        add("no_deadline", "không tìm thấy thời hạn trong văn bản.")
    elif proposal.deadline_kind == DeadlineKind.RECURRING and proposal.recurrence in ("", "periodic"):
        add("unknown_cycle", "báo cáo định kỳ nhưng văn bản không nêu chu kỳ, chưa tạo được các kỳ.")
    elif proposal.deadline_kind in (DeadlineKind.DATE, DeadlineKind.PERIOD) and proposal.deadline is None:
        add("no_deadline_date", "thời hạn chưa có ngày cụ thể.")
    if proposal.fan_out and not org_has_communes:
        add(
            "fan_out_without_communes",
            f"được đánh dấu giao cho tất cả các xã nhưng {org} không có xã, phường nào; hãy bỏ đánh dấu này.",
            True,
        )
    return out


def task_numbers(proposals) -> dict[int, int]:
    """The number each proposal is shown with: its rank in the order proposals were made.

    A drop or a merge keeps the proposal (dropped) and a split or an addition makes a new one
    last, so no number shifts while the reviewer works through the draft.
    """
    return {pk: n for n, pk in enumerate(sorted(p.pk for p in proposals), start=1)}


def draft_problems(draft: ImportDraft) -> list[Problem]:
    """Problems of the document, then of each kept task in order; blocking ones stop `confirm_draft`."""
    org = draft.organisation
    out = []
    if draft.status != ImportDraft.Status.PENDING:
        out.append(
            Problem(None, "not_pending", f"Bản nháp đã ở trạng thái “{draft.get_status_display()}”.", True)
        )
    doc = draft.document
    if not doc.number:
        out.append(
            Problem(None, "no_number", "Văn bản chưa có số (số, ký hiệu để trống); bổ sung khi có số.")
        )
    if doc.issued_date is None:
        out.append(Problem(None, "no_date", "Văn bản chưa có ngày ban hành."))
    rows = list(draft.tasks.select_related("lead_unit").order_by("position", "pk"))
    numbers = task_numbers(rows)
    kept = [proposal for proposal in rows if not proposal.dropped]
    if not kept:
        out.append(Problem(None, "no_tasks", "Không có nhiệm vụ nào để xác nhận."))
    # Asked only when a task is flagged for every commune.
    org_has_communes = any(p.fan_out for p in kept) and has_communes(org)
    for proposal in kept:
        out.extend(_task_problems(numbers[proposal.pk], proposal, org, org_has_communes))
    return out


def blocking(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]
