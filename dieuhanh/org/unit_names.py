"""Units named so a province can tell them apart: "Phòng Văn hóa - Xã hội · xã Gia Lộc".

Every commune has a Phòng Văn hóa - Xã hội, a Công an xã, a Trạm Y tế: in a province's lists and
pick-lists the bare name appears once per commune. Here the commune goes beside the name of a
unit that is not in the viewer's own commune, and the unit pick-list is grouped by commune.

The communes and each organisation's pick-list are read once and kept in Django's cache under a
version that every save or delete of a unit moves on (`connect_signals`), so a renamed or new unit
shows at once and a page with 1,000 options costs no query to list them.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit

SEPARATOR = " · "
_VERSION_KEY = "dieuhanh:units:version"
_PREFIXES = ("Ủy ban nhân dân ", "UBND ")
PROVINCE_GROUP = "Cấp tỉnh"


def _version() -> int:
    return cache.get_or_set(_VERSION_KEY, 1, timeout=None)


def units_changed(**kwargs) -> None:
    """Move the version on: every cached name and pick-list is read again."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2, timeout=None)


def connect_signals() -> None:
    post_save.connect(units_changed, sender=Unit, dispatch_uid="unit_names_changed")
    post_delete.connect(units_changed, sender=Unit, dispatch_uid="unit_names_deleted")


def place_name(name: str) -> str:
    """ "Ủy ban nhân dân xã Gia Lộc" → "xã Gia Lộc": the commune as a place."""
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def communes() -> dict[int, str]:
    """{commune id: "xã Gia Lộc"} for every commune, from the cache."""
    key = f"dieuhanh:units:communes:{_version()}"
    found = cache.get(key)
    if found is None:
        rows = Unit.objects.filter(kind=UnitKind.COMMUNE).values_list("pk", "name")
        found = {pk: place_name(name) for pk, name in rows}
        cache.set(key, found, timeout=None)
    return found


def commune_of(path: str, names: dict[int, str]) -> int | None:
    """The id of the commune a unit with this path lies in (the unit itself when it is one)."""
    for part in reversed(path.strip("/").split("/")):
        if part and int(part) in names:
            return int(part)
    return None


def own_communes(access) -> frozenset[int]:
    """The communes the viewer works in: their units need no commune beside their name."""
    names = communes()
    paths = [m.unit.path for m in access.memberships]
    return frozenset(c for c in (commune_of(p, names) for p in paths) if c is not None)


def unit_label(unit: Unit, mine: frozenset[int] = frozenset()) -> str:
    """The unit's name, with its commune beside it when the commune is not one of `mine`."""
    names = communes()
    commune = commune_of(unit.path, names)
    if commune is None or commune == unit.pk or commune in mine:
        return unit.name
    return f"{unit.name}{SEPARATOR}{names[commune]}"


@dataclass(frozen=True)
class PickList:
    """A unit pick-list: (group, [(id, name)]) in tree order; the group is "" for a flat list."""

    groups: tuple[tuple[str, tuple[tuple[int, str], ...]], ...]


def _cached(kind: str, units, build):
    """`build(units)` from the cache. The key is the query itself: the same person's scope gives
    the same SQL, and so does everyone's of one organisation."""
    sql, params = units.order_by().values_list("pk").query.sql_with_params()
    digest = hashlib.sha256(repr((sql, [str(p) for p in params])).encode()).hexdigest()[:24]
    key = f"dieuhanh:units:{kind}:{_version()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = build(units)
        cache.set(key, found, timeout=None)
    return found


def grouped_units(units) -> PickList:
    """`units` (a queryset) as a pick-list grouped by commune, the province's own units first."""
    return _cached("grouped", units, _build)


def unit_choices(units) -> tuple[tuple[int, str], ...]:
    """`units` (a queryset) as (id, name) in tree order: a flat pick-list."""
    return _cached("flat", units, lambda qs: tuple(qs.order_by("path").values_list("pk", "name")))


def _build(units) -> PickList:
    names = communes()
    groups: dict[int | None, list[tuple[int, str]]] = {}
    for pk, name, path in units.order_by("path").values_list("pk", "name", "path"):
        groups.setdefault(commune_of(path, names), []).append((pk, name))
    ordered = sorted(groups.items(), key=lambda item: (item[0] is not None, names.get(item[0], "")))
    return PickList(
        tuple((names[c] if c is not None else PROVINCE_GROUP, tuple(rows)) for c, rows in ordered)
    )
