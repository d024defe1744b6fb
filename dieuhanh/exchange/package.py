"""The commune side: its figures and overdue list for a period, as one signed JSON document.

The figures are the report's own (`reports.definitions.FIGURES`, counted by `build_figures`),
so the province's roll-up holds the same numbers as the commune's own report. The package
leaves the installation, so confidential work is left out, as in any report sent outside.
"""

import datetime
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dieuhanh.core.audit import acting_as, record
from dieuhanh.exchange import signing
from dieuhanh.exchange.models import SentPackage, SigningKey
from dieuhanh.exchange.schema import FORMAT, VERSION
from dieuhanh.org.access import Access
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit
from dieuhanh.reports.definitions import FIGURES, TABLE_FIGURES
from dieuhanh.reports.figures import build_figures
from dieuhanh.reports.periods import resolve_period
from dieuhanh.reports.scope import build_scope
from dieuhanh.tasks.access import MANAGERS


class PackageError(ValueError):
    """A package that cannot be made or accepted; `code` is stable, the message Vietnamese."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def exporting_organisations(access: Access):
    """The communes whose package this person may make: those they track."""
    return Unit.objects.filter(kind=UnitKind.COMMUNE, path__in=access.org_paths(MANAGERS)).order_by("name")


def require_sender(user, organisation: Unit) -> None:
    """`user` None is the installation's operator at the command line (`dieuhanh package export`)."""
    if user is not None and not Access.of(user).acts_for(organisation, MANAGERS):
        raise PackageError("forbidden", f"Bạn không có quyền lập gói báo cáo của {organisation.name}.")
    if organisation.kind != UnitKind.COMMUNE:
        raise PackageError(
            "invalid", f"{organisation.name} không phải xã, phường: chỉ xã, phường gửi gói báo cáo."
        )
    if not organisation.code:
        raise PackageError(
            "invalid",
            f"{organisation.name} chưa có mã đơn vị; cần khai báo mã (như trong danh mục của tỉnh) để tỉnh nhận.",
        )


def _logged(key: SigningKey, before: SigningKey | None, actor, note: str) -> None:
    """The key's change in the audit log, by its public half: the private half stays out of the log."""

    def public(k):
        return {"organisation_id": k.organisation_id, "public_key": k.public_key, "key_id": k.key_id}

    with acting_as(actor, note=note):
        record(key, "update" if before else "create", public(before) if before else None, public(key))


def new_signing_key(organisation: Unit, actor=None) -> SigningKey:
    """A fresh key in place of the organisation's key (lost, leaked, or revoked by the province): the
    province must register its public half before it accepts the next package."""
    private, public = signing.new_key()
    with transaction.atomic():
        before = SigningKey.objects.select_for_update().filter(organisation=organisation).first()
        key, _ = SigningKey.objects.update_or_create(
            organisation=organisation,
            defaults={"private_key": private, "public_key": public, "key_id": signing.key_id(public)},
        )
        _logged(key, before, actor, "tạo khóa ký gói báo cáo mới")
    return key


def signing_key(organisation: Unit, actor=None) -> SigningKey:
    """The organisation's key, made the first time it is needed."""
    with transaction.atomic():
        key = SigningKey.objects.select_for_update().filter(organisation=organisation).first()
        if key is None:
            private, public = signing.new_key()
            key = SigningKey.objects.create(
                organisation=organisation,
                private_key=private,
                public_key=public,
                key_id=signing.key_id(public),
            )
            _logged(key, None, actor, "tạo khóa ký gói báo cáo")
    return key


def _number(value):
    return float(value) if isinstance(value, Decimal) else value


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def build_package(organisation: Unit, user, spec: str, cutoff: int = 14) -> dict:
    """The signed package of `organisation` for the period `spec` ("2026-06", "2026-Q2", ...)."""
    require_sender(user, organisation)
    period = resolve_period(spec, cutoff_day=cutoff)
    f = build_figures(period, build_scope(user, organisation, confidential=False), include_rankings=False)
    payload = {
        "package_id": str(uuid.uuid4()),
        "signed_at": timezone.localtime().isoformat(timespec="seconds"),
        "sender": {"code": organisation.code, "name": organisation.name},
        "period": {
            "spec": spec,
            "cutoff": cutoff,
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "as_of": f.as_of.isoformat(),
        "figures": [
            {"key": fig.key, "label": fig.label, "kind": fig.kind, "value": _number(fig.value(f))}
            for fig in FIGURES
        ],
        "units": [
            {"name": row.name, "values": {fig.key: _number(fig.of_rates(row.rates)) for fig in TABLE_FIGURES}}
            for row in f.units
        ],
        "overdue": [
            {
                "task_id": row.task_id,
                "summary": row.summary,
                "lead_unit": row.lead_unit,
                "deadline": row.deadline.isoformat(),
                "original_deadline": _day(row.original_deadline),
                "days_overdue": row.days_overdue,
                "report_text": row.report_text or "",
                "report_percent": row.report_percent,
                "report_on": _day(row.report_on),
                "reason": row.reason or "",
            }
            for row in f.overdue
        ],
    }
    key = signing_key(organisation, user)
    with acting_as(user, note="xuất gói báo cáo gửi tỉnh"):
        SentPackage.objects.create(
            organisation=organisation,
            package_id=payload["package_id"],
            period_label=period.label,
            signed_at=payload["signed_at"],
            sent_by=user,
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "payload": payload,
        "signature": {
            "algorithm": signing.ALGORITHM,
            "key_id": key.key_id,
            "value": signing.sign(payload, key.private_key),
        },
    }
