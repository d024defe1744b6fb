"""Extraction as JSON (the shape of shared/gold/README.md) and as a Vietnamese summary for people."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dieuhanh.extract.pipeline import ExtractedTask, Extraction
from dieuhanh.vn.deadlines import Deadline

_KINDS = {
    "date": "hạn ngày",
    "period": "trong kỳ",
    "recurring": "định kỳ",
    "relative": "theo sự kiện",
    "none": "không nêu hạn",
}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _vn(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def deadline_dict(d: Deadline) -> dict:
    return {
        "kind": d.kind,
        "text": d.text,
        "date": _iso(d.date),
        "recurrence": d.recurrence,
        "count": d.count,
        "working_days": d.working_days,
        "trigger": d.trigger,
        "period_start": _iso(d.period_start),
        "reason": d.reason,
    }


def task_dict(t: ExtractedTask) -> dict:
    return {
        "text": t.text,
        "summary": t.summary,
        "lead": t.lead,
        "lead_unit_id": t.lead_unit_id,
        "lead_confidence": t.lead_confidence,
        "coordinators": list(t.coordinators),
        "coordinator_unit_ids": list(t.coordinator_unit_ids),
        "deadline": deadline_dict(t.deadline),
        "target": t.target,
        "budget_million_vnd": _number(t.budget_million_vnd),
        "funding_source": t.funding_source,
        "fan_out": t.fan_out,
        "span": list(t.span),
        "section": list(t.section),
        "reasons": t.reasons,
    }


def to_json_dict(extraction: Extraction) -> dict:
    """One JSON-ready dict: "document", "tasks", "indicators", "unknown_units", "warnings", and
    "dropped": the passages not proposed as tasks, each with its span and Vietnamese reason."""
    doc = extraction.document
    return {
        "document": {
            "number": doc.number,
            "type": doc.doc_type,
            "issuer": doc.issuer,
            "date": _iso(doc.date),
            "subject": doc.subject,
            "signer": doc.signer,
            "symbol": doc.symbol,
            "parent_issuer": doc.parent_issuer,
            "place": doc.place,
            "recipients": list(doc.recipients),
            "signing_authority": doc.signing_authority,
            "signing_for": doc.signing_for,
            "signer_title": doc.signer_title,
            "confidentiality": doc.confidentiality,
            "urgency": doc.urgency,
            "citations": [
                {
                    "doc_type": c.doc_type,
                    "number": c.number,
                    "date": _iso(c.date),
                    "issuer": c.issuer,
                    "subject": c.subject,
                    "text": c.text,
                    "span": [c.start, c.end],
                }
                for c in doc.citations
            ],
            "reasons": doc.reasons,
        },
        "tasks": [task_dict(t) for t in extraction.tasks],
        "indicators": [
            {
                "name": i.name,
                "comparator": i.comparator,
                "value": _number(i.value),
                "unit": i.unit,
                "text": i.text,
                "span": [i.start, i.end],
                "reason": i.reason,
            }
            for i in extraction.indicators
        ],
        "unknown_units": list(extraction.unknown_units),
        "warnings": list(extraction.warnings),
        "dropped": [
            {"text": d.text, "start": d.start, "end": d.end, "reason": d.reason} for d in extraction.dropped
        ],
    }


def _deadline_text(d: Deadline) -> str:
    label = _KINDS.get(d.kind, d.kind)
    if d.kind == "none":
        return f"{label}" + (f" ({d.text})" if d.text else "")
    parts = [label]
    if d.text:
        parts.append(f"“{d.text}”")
    if d.date:
        parts.append(f"→ {_vn(d.date)}")
    return " ".join(parts)


def to_text(extraction: Extraction) -> str:
    """A readable Vietnamese summary: the document, then one block per task."""
    doc = extraction.document
    lines = [
        f"{doc.doc_type or 'Văn bản'} số {doc.number or '(chưa ghi số)'}"
        + (f" ngày {_vn(doc.date)}" if doc.date else " (chưa ghi ngày)"),
        f"Cơ quan ban hành: {doc.issuer or '(không rõ)'}",
        f"Trích yếu: {doc.subject or '(không có)'}",
        f"Người ký: {doc.signer or '(không rõ)'}",
        "",
        f"Số nhiệm vụ: {len(extraction.tasks)}",
    ]
    for n, t in enumerate(extraction.tasks, 1):
        lines.append("")
        lines.append(f"{n}. {t.summary}")
        lines.append(f"   Chủ trì: {t.lead}")
        if t.coordinators:
            lines.append(f"   Phối hợp: {', '.join(t.coordinators)}")
        lines.append(f"   Thời hạn: {_deadline_text(t.deadline)}")
        if t.target:
            lines.append(f"   Chỉ tiêu: {t.target}")
        if t.budget_million_vnd is not None:
            source = f" ({t.funding_source})" if t.funding_source else ""
            lines.append(f"   Kinh phí: {t.budget_million_vnd} triệu đồng{source}")
        if t.fan_out:
            lines.append("   Giao cho từng xã, phường.")
    if extraction.unknown_units:
        lines.append("")
        lines.append("Đơn vị chưa có trong danh mục: " + "; ".join(extraction.unknown_units))
    for w in extraction.warnings:
        lines.append(f"Lưu ý: {w}")
    return "\n".join(lines)
