"""Second look at the units extraction resolved, against the importing organisation's directory.

Extraction resolves a written name to the nearest directory entry; a loose likeness across kinds of
body or levels is no match (org.matching). Here each lead and coordinator is checked:
- a same-name match stays;
- a loose match stays only when the unit is of the same kind and level as the written name;
- otherwise the name stays as written, with no unit, and is an "outside unit" when it names a body
  above the organisation (a ministry, a department, a city's police, a newspaper).
The best candidates of the same kind, with their scores, are kept for the review card.
"""

from dataclasses import dataclass, field

from dieuhanh.extract.units import UnitDirectory
from dieuhanh.intake.outside import is_above_commune
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.matching import candidates, compatible, kind_of, level_of

_RANK = {"commune": 0, "district": 1, "province": 2, "central": 3}
# Kinds that are never a commune's own unit, whatever their name adds.
_NEVER_A_COMMUNE_S = frozenset({"so", "bo", "cuc", "vu", "chinh_phu", "bao", "dai", "thong_tan_xa"})


@dataclass(frozen=True)
class Checked:
    """A written unit name after the second look: the unit it is (or None), and why."""

    unit_id: int | None
    confidence: float
    reason: str = ""
    outside: bool = False
    candidates: list = field(default_factory=list)


def is_outside(name: str, org_kind: str) -> bool:
    """Whether `name` is a body above the importing organisation (so not one it holds)."""
    if not name.strip():
        return False
    org_level = "commune" if org_kind == UnitKind.COMMUNE else "province"
    if _RANK.get(level_of(name), -1) > _RANK[org_level]:
        return True
    return org_level == "commune" and (kind_of(name) in _NEVER_A_COMMUNE_S or is_above_commune(name))


def is_the_communes(name: str) -> bool:
    """Whether a lead written for every commune ("UBND các xã, phường", "các địa phương") names the
    communes themselves, not ministries or provinces that the duty also goes to."""
    return level_of(name) in ("commune", "") and kind_of(name) in ("ubnd", "")


def check(
    name: str, unit_id: int | None, confidence: float | None, directory: UnitDirectory, org_kind
) -> Checked:
    entries = directory.entries
    by_id = {entry["id"]: entry for entry in entries}
    found = [
        {"id": c.unit_id, "name": c.name, "score": c.score} for c in candidates(name, entries) if name.strip()
    ]
    entry = by_id.get(unit_id)
    if entry is not None and (confidence or 0) >= 1.0:
        return Checked(unit_id, confidence, candidates=found)
    if entry is not None and compatible(name, entry):
        return Checked(unit_id, confidence, candidates=found)
    outside = is_outside(name, org_kind)
    if entry is not None:
        reason = f"“{name}” không cùng loại hoặc cấp với “{entry['name']}”; " + (
            "đơn vị ngoài, giữ nguyên văn." if outside else "hãy chọn đơn vị chủ trì."
        )
    else:
        reason = f"“{name}” là đơn vị ngoài danh mục, giữ nguyên văn." if outside else ""
    return Checked(None, 0.0, reason, outside, found)
