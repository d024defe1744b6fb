"""The unit directory handed to extraction: the importing organisation's units as plain data.

A directive names the units of the organisation that receives it, the
organisations under it, the bodies above it and the province's departments
("Sở Khoa học và Công nghệ"). The departments of a commune under a province
are left out of a province's directory: "Công an xã" in a province directive
means every commune's police, not the first one found.
"""

from django.db.models import Q

from dieuhanh.extract.units import UnitDirectory
from dieuhanh.org.constants import ORGANISATION_KINDS, UnitKind
from dieuhanh.org.models import Unit

# How an organisation's own documents name it ("giao UBND xã", "UBND tỉnh chỉ đạo").
SELF_NAMES = {
    UnitKind.COMMUNE: ("UBND xã", "Ủy ban nhân dân xã", "UBND phường", "Ủy ban nhân dân phường"),
    UnitKind.PROVINCE: ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
}


def unit_directory(org: Unit) -> UnitDirectory:
    """Names, short names and aliases of the units `org`'s directives can name, read in one query."""
    ancestors = [pk for pk in org.ancestor_ids() if pk != org.pk]
    rows = (
        Unit.objects.filter(is_active=True)
        .filter(
            Q(path__startswith=org.path)
            | Q(pk__in=ancestors)
            | (Q(parent_id__in=ancestors) & ~Q(kind__in=ORGANISATION_KINDS))
        )
        .order_by("path", "aliases__id")
        .values_list("id", "kind", "path", "name", "short_name", "aliases__name")
    )
    entries: dict[int, dict] = {}
    paths: dict[int, str] = {}
    inner_orgs: list[str] = []
    communes: list[str] = []
    for pk, kind, path, name, short_name, alias in rows:
        if pk not in entries:
            if kind == UnitKind.COMMUNE:
                communes.append(path)
            # The level a unit works at, for matching (org.matching): a commune and what is under it,
            # or the province and its departments.
            level = "commune" if any(path.startswith(c) for c in communes) else "province"
            entries[pk] = {
                "id": pk,
                "name": name,
                "short_name": short_name,
                "aliases": [],
                "kind": kind,
                "level": level,
            }
            paths[pk] = path
            if kind in ORGANISATION_KINDS and pk != org.pk and path.startswith(org.path):
                inner_orgs.append(path)
        if alias:
            entries[pk]["aliases"].append(alias)
    entries[org.pk]["aliases"].extend(SELF_NAMES.get(org.kind, ()))
    # "Các phòng, ban, đơn vị ..." as a lead: the organisation answers for it until the clerk picks one.
    entries[org.pk]["collective"] = True
    kept = [
        entry
        for pk, entry in entries.items()
        if not any(paths[pk].startswith(inner) and paths[pk] != inner for inner in inner_orgs)
    ]
    return UnitDirectory.from_entries(kept)
