"""The five sample directives, imported and confirmed into the demo organisations they come from.

Each sample goes through the same path as a person's import: `import_document`
makes a draft, the lead names listed in DEMO_LEADS below are set to the unit a
reviewer would choose (extraction leaves them unknown or guesses wrong), and the
draft is confirmed. A lead
name missing from DEMO_LEADS is given to the organisation itself and reported,
never skipped.
"""

from dataclasses import dataclass, field

from django.conf import settings

from dieuhanh.documents.models import Document
from dieuhanh.documents.services.registry import find_duplicate, read_document
from dieuhanh.intake.models import ImportDraft
from dieuhanh.intake.services.confirm import confirm_draft
from dieuhanh.intake.services.importing import import_document
from dieuhanh.intake.services.review import update_proposal
from dieuhanh.org.models import Unit
from dieuhanh.vn.fold import fold_key

SAMPLES_DIR = settings.BASE_DIR / "sample_data" / "directives"

# sample file prefix -> code of the organisation whose registry holds it
SAMPLE_OWNERS = {
    "000_": "xa-gia-loc",
    "001_": "xa-gia-loc",
    "002_": "xa-cam-giang",
    "003_": "tinh-tuyen-quang",
    "004_": "xa-ky-lac",
}

ORGANISATION = ""

# Lead names in the samples that name no single demo unit, and the unit a reviewer
# would choose: a suffix of the owner's unit codes ("vp" → "xa-gia-loc-vp"), or
# ORGANISATION for a duty given to all of the organisation's units together.
DEMO_LEADS = {
    "cac phong ban don vi": ORGANISATION,
    "cac co quan don vi": ORGANISATION,
    "cac co quan don vi thuoc ubnd xa": ORGANISATION,
    "cac co quan don vi tren dia ban": ORGANISATION,
    "cac co quan don vi thuoc ubnd tinh": ORGANISATION,
    "cac bo phan don vi": ORGANISATION,
    "cac bo phan chuyen mon": ORGANISATION,
    # "Các bộ phận chuyên môn: Tăng cường ..." read as a unit named "Bộ Tăng cường".
    "bo tang cuong": ORGANISATION,
    "cac cong chuc chuyen mon": ORGANISATION,
    "cac don vi": ORGANISATION,
    "cac so ban nganh": ORGANISATION,
    "cac truong hoc": "thcs",
    "van phong ubnd": "vp",
}


@dataclass
class SampleResult:
    document: Document
    created: bool
    tasks: int = 0
    notes: list[str] = field(default_factory=list)


def sample_files():
    return sorted(SAMPLES_DIR.glob("*.txt"))


def owner_of(path) -> Unit:
    code = next(code for prefix, code in SAMPLE_OWNERS.items() if path.name.startswith(prefix))
    return Unit.objects.get(code=code)


def demo_lead(org: Unit, lead_name: str) -> Unit | None:
    """The unit DEMO_LEADS gives for `lead_name` in `org`, or None when the name is not listed."""
    suffix = DEMO_LEADS.get(fold_key(lead_name))
    if suffix is None:
        return None
    if suffix == ORGANISATION:
        return org
    return Unit.objects.get(code=f"{org.code}-{suffix}")


def review_leads(draft: ImportDraft) -> list[str]:
    """Set the leads DEMO_LEADS lists and those extraction left unknown; returns notes on the latter."""
    org = draft.organisation
    notes = []
    for proposal in draft.tasks.filter(dropped=False).order_by("position"):
        unit = demo_lead(org, proposal.lead_name)
        if unit is None and proposal.lead_unit_id is None:
            unit = org
            notes.append(f"“{proposal.lead_name}” không có trong danh mục minh họa: giao cho {org}.")
        if unit is not None and unit.pk != proposal.lead_unit_id:
            update_proposal(proposal, lead_unit=unit)
    return notes


def import_sample(path, actor=None) -> SampleResult:
    """Import and confirm one sample once; a sample already in the registry is left as it is."""
    owner = owner_of(path)
    data = path.read_bytes()
    existing = find_duplicate(owner, read_document(data, path.name).content_hash)
    if existing is not None:
        return SampleResult(existing, False, existing.tasks.filter(parent=None, series=None).count())
    draft = import_document(org=owner, data=data, filename=path.name, actor=actor)
    notes = review_leads(draft)
    tasks = confirm_draft(draft, actor)
    return SampleResult(draft.document, True, len(tasks), notes)


def import_samples(actor=None) -> list[SampleResult]:
    return [import_sample(path, actor) for path in sample_files()]
