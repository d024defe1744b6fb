"""The review page's cards: what each proposal shows, and the answer to an action on some of them.

An action posted by review.js (header `X-Fragment: card`, or htmx's `HX-Request`) is answered
with only the cards it changed, the problems box, the "để biết" bar and a one-line message, each
an element with its id, which the script puts in place of the element with the same id. Without
JavaScript the same action answers with a redirect to the page.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from dieuhanh.intake.forms import AddProposalForm, BulkForm
from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.bulk import set_aside
from dieuhanh.intake.services.corrections import current_values
from dieuhanh.intake.services.problems import draft_problems, task_numbers
from dieuhanh.intake.services.review import left_out_passages, outside_coordinators
from dieuhanh.intake.views.highlight import Span, pieces
from dieuhanh.org.models import Unit

# Which hint (extraction's reason) belongs to which field: shown until the reviewer changes the field.
HINT_FIELDS = {
    "lead_unit": ("lead_unit", "lead"),
    "fan_out": ("fan_out",),
    "coordinators": ("coordinators",),
    "deadline": ("deadline",),
    "target": ("target",),
    "budget": ("budget",),
}


@dataclass
class Row:
    """One card: the proposal, its stable number, its problems and the hints still to act on."""

    proposal: ProposedTask
    number: int
    problems: list
    form: object = None
    hints: dict = field(default_factory=dict)
    outside: list = field(default_factory=list)
    candidates: list = field(default_factory=list)


def org_units(draft):
    return Unit.objects.filter(path__startswith=draft.organisation.path, is_active=True).order_by("path")


def wants_fragment(request) -> bool:
    return request.headers.get("X-Fragment") == "card" or bool(getattr(request, "htmx", False))


def _hints(proposal: ProposedTask) -> dict:
    """Extraction's reasons for the fields the reviewer has not changed yet."""
    if not proposal.proposed:
        return {}
    now = current_values(proposal, [u.pk for u in proposal.coordinators.all()])
    hints = {}
    for name, keys in HINT_FIELDS.items():
        if now.get(name) != proposal.proposed.get(name):
            continue
        reason = next((proposal.reasons[k] for k in keys if proposal.reasons.get(k)), "")
        if reason:
            hints[name] = reason
    return hints


def _candidates(proposal: ProposedTask, local: set[int]) -> list[dict]:
    """Other units the lead may be, with their scores, while the lead is a guess the reviewer has
    not settled; only units of the organisation, which the card can set in one click (the one
    already proposed is shown with its score too)."""
    if proposal.dropped or proposal.lead_unit_id != proposal.proposed.get("lead_unit"):
        return []
    if proposal.lead_unit_id is not None and (proposal.lead_confidence or 0) >= 1.0:
        return []
    return [
        {**c, "percent": round(c["score"] * 100)}
        for c in proposal.proposed.get("lead_candidates") or []
        if c["id"] in local
    ]


def rows_of(draft: ImportDraft, forms=None, only=None) -> tuple[list[Row], list]:
    """The cards of the draft (or of the proposals `only`), and the draft's problems."""
    proposals = list(
        draft.tasks.select_related("lead_unit", "merged_into")
        .prefetch_related("coordinators")
        .order_by("position", "pk")
    )
    numbers = task_numbers(proposals)
    problems = draft_problems(draft)
    by_task = {}
    for p in problems:
        by_task.setdefault(p.proposal_id, []).append(p)
    local = set(org_units(draft).values_list("pk", flat=True))
    forms = forms or {}
    rows = [
        Row(
            proposal=p,
            number=numbers[p.pk],
            problems=by_task.get(p.pk, []),
            form=forms.get(p.pk),
            hints=_hints(p),
            outside=outside_coordinators(p),
            candidates=_candidates(p, local),
        )
        for p in proposals
        if only is None or p.pk in only
    ]
    return rows, problems


def set_aside_counts(draft: ImportDraft) -> dict:
    rows = set_aside(draft)
    dropped = sum(1 for p in rows if p.dropped)
    return {"total": len(rows), "dropped": dropped, "kept": len(rows) - dropped}


def review_context(draft: ImportDraft, forms=None) -> dict:
    rows, problems = rows_of(draft, forms)
    spans = [
        Span(
            row.proposal.span_start,
            row.proposal.span_end,
            str(row.number),
            f"dt-span-{row.proposal.pk}",
            f"#dt-{row.proposal.pk}",
        )
        for row in rows
        if not row.proposal.dropped
        and row.proposal.span_start is not None
        and row.proposal.span_end is not None
    ]
    forms = forms or {}
    units = org_units(draft)
    return {
        "draft": draft,
        "document": draft.document,
        "rows": rows,
        "pieces": pieces(draft.document.text, spans),
        "document_problems": [p for p in problems if p.proposal_id is None],
        "problems": problems,
        "blocking": [p for p in problems if p.blocking],
        "add_form": forms.get("add") or AddProposalForm(units=units, auto_id="id_add_%s"),
        "bulk_form": forms.get("bulk") or BulkForm(units=units, auto_id="id_bulk_%s"),
        "pending": draft.status == ImportDraft.Status.PENDING,
        "left_out": left_out_passages(draft),
        "set_aside": set_aside_counts(draft),
    }


def cards_response(request, draft: ImportDraft, changed, message: str = "", error: str = "", anchor=None):
    """The answer to an action on some cards: only those cards (review.js), or back to the page."""
    if not wants_fragment(request):
        if error:
            messages.error(request, error)
        elif message:
            messages.success(request, message)
        target = anchor if anchor is not None else (changed[0].pk if changed else None)
        return redirect(reverse("intake:review", args=[draft.pk]) + (f"#dt-{target}" if target else ""))
    rows, problems = rows_of(draft, only={p.pk for p in changed})
    context = {
        "draft": draft,
        "pending": draft.status == ImportDraft.Status.PENDING,
        "fragment_rows": rows,
        "problems": problems,
        "set_aside": set_aside_counts(draft),
        "flash": error or message,
        "flash_error": bool(error),
        "oob": True,
    }
    return render(request, "intake/_cards.html", context, status=400 if error else 200)
