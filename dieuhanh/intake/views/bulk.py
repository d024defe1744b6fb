"""Actions on several proposed tasks of a draft at once, from the review page."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST

from dieuhanh.intake.forms import BulkForm
from dieuhanh.intake.services.bulk import drop_many, drop_set_aside, set_deadline_many, set_lead_many
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.review import merge_proposals
from dieuhanh.intake.views.cards import cards_response, org_units
from dieuhanh.intake.views.review import draft_or_404


@login_required
@require_POST
def bulk(request, pk: int):
    """Drop, restore, give one lead, set one deadline or merge the chosen proposals."""
    draft = draft_or_404(request, pk)
    form = BulkForm(request.POST, units=org_units(draft))
    if not form.is_valid():
        return cards_response(request, draft, [], error=form.error_text())
    data, ids = form.cleaned_data, form.ids
    try:
        match data["action"]:
            case "drop":
                changed = drop_many(draft, ids)
                done = f"Đã bỏ {len(changed)} nhiệm vụ; có thể khôi phục."
            case "restore":
                changed = drop_many(draft, ids, dropped=False)
                done = f"Đã khôi phục {len(changed)} nhiệm vụ."
            case "lead":
                changed = set_lead_many(draft, ids, data["lead_unit"])
                done = f"Đã giao {data['lead_unit']} chủ trì {len(changed)} nhiệm vụ."
            case "deadline":
                changed = set_deadline_many(draft, ids, data["deadline"])
                done = f"Đã đặt thời hạn {data['deadline']:%d/%m/%Y} cho {len(changed)} nhiệm vụ."
            case "merge":
                keeper = merge_proposals(draft, ids)
                changed = list(draft.tasks.filter(pk__in=ids))
                return cards_response(
                    request, draft, changed, "Đã gộp các nhiệm vụ đã chọn.", anchor=keeper.pk
                )
    except DraftError as exc:
        return cards_response(request, draft, [], error=str(exc))
    return cards_response(request, draft, changed, done)


@login_required
@require_POST
def drop_set_aside_tasks(request, pk: int):
    """ "Bỏ các nhiệm vụ không thuộc đơn vị" in one click, or bring them all back (restore=1)."""
    draft = draft_or_404(request, pk)
    restore = request.POST.get("restore") == "1"
    try:
        changed = drop_set_aside(draft, dropped=not restore)
    except DraftError as exc:
        return cards_response(request, draft, [], error=str(exc))
    done = (
        f"Đã khôi phục {len(changed)} nhiệm vụ để biết."
        if restore
        else f"Đã bỏ {len(changed)} nhiệm vụ không thuộc đơn vị; có thể khôi phục."
    )
    return cards_response(request, draft, changed, done, anchor="")
