"""Importing a directive: extract it, register it, keep the proposed tasks as a draft for review.

    import_document ──> Document (registry) + ImportDraft + ProposedTasks (spans, reasons, `proposed`)
    review.py: update / merge / split / drop / add;  problems.py: what blocks confirming
    confirm.py: confirm_draft ──> Tasks, in one transaction; corrections.py: what the reviewer changed

The text is read once and its header parsed once: the registry takes the header extraction read.
"""

from django.db import transaction

from dieuhanh.core.audit import acting_as
from dieuhanh.core.templatetags.dieuhanh import doclabel
from dieuhanh.documents.models import Document
from dieuhanh.documents.services.registry import (
    DocumentError,
    DuplicateDocument,
    find_duplicate,
    read_document,
    register_document,
)
from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.output import to_json_dict
from dieuhanh.extract.pipeline import ExtractedTask, extract
from dieuhanh.intake.directory import unit_directory
from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.corrections import current_values, decimal_text
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.proposals import has_communes, proposal_fields
from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import MANAGERS, visible_documents


def require_manager(actor, org: Unit, what: str) -> None:
    """The organisation's admins, leaders and trackers import and confirm; None is the system itself."""
    if actor is not None and not Access.of(actor).acts_for(org, MANAGERS):
        raise DraftError(f"Bạn không có quyền {what} cho {org}.")


def duplicate_error(existing: Document, actor) -> DocumentError:
    """The refusal of a document already registered, naming it only to someone who may see it.

    A person not named on a confidential document learns only that it exists and whom to ask:
    no number, subject, id or link (`existing` is left out too, so no page links to it).
    `actor` None is the system itself (the command line without --user).
    """
    if actor is not None and not visible_documents(Access.of(actor)).filter(pk=existing.pk).exists():
        owner = existing.owner.name
        return DocumentError(
            f"Văn bản này đã có trong sổ văn bản của {owner} nên không nhập lại. Bạn chưa được phân "
            f"quyền xem văn bản đó; nếu cần, hãy liên hệ bộ phận văn thư, theo dõi văn bản của {owner}."
        )
    return DocumentError(
        f"Văn bản này đã có trong sổ văn bản: “{doclabel(existing, 200)}” (mã {existing.pk}, nhập ngày "
        f"{existing.created_at:%d/%m/%Y}). Không nhập lại.",
        existing=existing,
    )


def _set_aside(proposal: ProposedTask, reason: str) -> None:
    proposal.dropped = True
    proposal.reasons = {**proposal.reasons, "set_aside": reason}


def _create_proposals(draft: ImportDraft, tasks: tuple[ExtractedTask, ...], directory) -> None:
    org = draft.organisation
    org_has_communes = has_communes(org)
    outside = dict(
        Unit.objects.filter(pk__in={t.lead_unit_id for t in tasks if t.lead_unit_id})
        .exclude(path__startswith=org.path)
        .values_list("pk", "name")
    )
    for position, extracted in enumerate(tasks, start=1):
        fields, coordinator_ids, matched = proposal_fields(extracted, org, org_has_communes, directory)
        proposal = ProposedTask(draft=draft, position=position, **fields)
        # A duty of another body (a department of the province, a ministry) is kept with the
        # document for information, restored in one click if the organisation takes it on.
        if proposal.lead_unit_id in outside:
            _set_aside(
                proposal, f"Để biết: nhiệm vụ của {outside[proposal.lead_unit_id]}, không thuộc {org}."
            )
        elif proposal.lead_unit_id is None and matched.lead_outside:
            _set_aside(
                proposal,
                f"Để biết: nhiệm vụ của {proposal.lead_name}, đơn vị ngoài không có trong danh mục của {org}.",
            )
        proposed = current_values(proposal, coordinator_ids)
        proposed["coordinator_unit_ids"] = matched.coordinator_unit_ids
        proposed["lead_candidates"] = matched.lead_candidates
        proposed["budget"] = decimal_text(fields["budget"])
        proposal.proposed = proposed
        proposal.save()
        if coordinator_ids:
            proposal.coordinators.set(coordinator_ids)


def import_document(*, org: Unit, data: bytes, filename: str, actor=None) -> ImportDraft:
    """Register the file in `org`'s registry and keep the tasks extraction proposes as a pending draft.

    Raises DocumentError (unreadable file, duplicate: `.existing` is the
    document already registered, for those who may see it) or DraftError
    (not allowed); nothing is written then.
    """
    require_manager(actor, org, "nhập văn bản")
    loaded = read_document(data, filename)
    directory = unit_directory(org)
    try:
        extraction = extract(loaded.text, directory)
    except ExtractError as exc:
        raise DocumentError(str(exc)) from None
    existing = find_duplicate(org, loaded.content_hash, extraction.document)
    if existing is not None:
        raise duplicate_error(existing, actor)
    with acting_as(actor, note=f"nhập văn bản {filename}"[:300]), transaction.atomic():
        try:
            document = register_document(
                owner=org,
                data=data,
                filename=filename,
                loaded=loaded,
                info=extraction.document,
                extraction=to_json_dict(extraction),
                actor=actor,
            )
        except DuplicateDocument as exc:  # registered by someone else since the check above
            raise duplicate_error(exc.existing, actor) from None
        draft = ImportDraft.objects.create(
            document=document,
            organisation=org,
            created_by=actor,
            warnings=[*loaded.warnings, *extraction.warnings],
        )
        _create_proposals(draft, extraction.tasks, directory)
        if document.is_confidential and actor is not None:
            # The person who registers a confidential document handles it, so they are named on it.
            document.allowed_people.add(actor)
    return draft


def extract_again(draft: ImportDraft, actor=None) -> ImportDraft:
    """Read the registered document's text again and replace the proposals of its draft (pending or
    discarded) with what extraction proposes now; a confirmed draft has its tasks and is kept."""
    org = draft.organisation
    require_manager(actor, org, "trích xuất lại nhiệm vụ")
    with acting_as(actor, note="trích xuất lại nhiệm vụ của văn bản"), transaction.atomic():
        draft = ImportDraft.objects.select_for_update().select_related("document").get(pk=draft.pk)
        if draft.status == ImportDraft.Status.CONFIRMED:
            raise DraftError(
                "Các nhiệm vụ của văn bản này đã được xác nhận; hãy sửa trực tiếp từng nhiệm vụ."
            )
        directory = unit_directory(org)
        try:
            extraction = extract(draft.document.text, directory)
        except ExtractError as exc:
            raise DraftError(str(exc)) from None
        draft.document.extraction = to_json_dict(extraction)
        draft.document.save(update_fields=["extraction"])
        draft.tasks.all().delete()
        draft.status, draft.discarded_at = ImportDraft.Status.PENDING, None
        draft.warnings = list(extraction.warnings)
        draft.save()
        _create_proposals(draft, extraction.tasks, directory)
    return draft
