"""Which unit of a directory a name written in a directive may be: same kind of body first, then alike.

A loose likeness of names ("Cần Thơ" holds "ca", the short name of Công an xã) says nothing when
the two are different kinds of body, or the same kind at another level: "Báo và Phát thanh,
Truyền hình Cần Thơ" is never Công an xã, "các bộ, cơ quan ngang bộ" never a commune's UBND,
"Công an thành phố" never Công an xã. So a name is compared with a unit only when
- its kind (the head word: Sở, Phòng, Ban, UBND, Công an, Báo, Bộ, Trường, Trạm y tế…) is one of
  the unit's kinds, read from the unit's names and its kind in the tree, and
- its level (xã/phường, tỉnh/thành phố, trung ương), when the name states or implies one, is
  the unit's level;
then scored by how alike the names are. Pure Python over plain data, like the extraction.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from dieuhanh.vn.fold import fold_key

# Head words of a unit's name (folded), a longer head before a shorter one that starts it.
_HEADS = (
    ("ban chi huy quan su", "quan_su"),
    ("bo chi huy quan su", "quan_su"),
    ("chqs", "quan_su"),
    ("uy ban mat tran", "mttq"),
    ("uy ban mttq", "mttq"),
    ("ubmttq", "mttq"),
    ("mat tran to quoc", "mttq"),
    ("uy ban nhan dan", "ubnd"),
    ("ubnd", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("hdnd", "hdnd"),
    ("van phong", "van_phong"),
    ("vp", "van_phong"),
    ("bao hiem xa hoi", "bhxh"),
    ("bhxh", "bhxh"),
    ("bao", "bao"),
    ("dai", "dai"),
    ("thong tan xa", "thong_tan_xa"),
    ("bo phan", "bo_phan"),
    ("bo", "bo"),
    ("tong cuc", "cuc"),
    ("chi cuc", "chi_cuc"),
    ("cuc", "cuc"),
    ("vu", "vu"),
    ("so", "so"),
    ("phong", "phong"),
    ("ban", "ban"),
    ("cong an", "cong_an"),
    ("ca", "cong_an"),
    ("tram y te", "tram_y_te"),
    ("tyt", "tram_y_te"),
    ("tram", "tram"),
    ("trung tam", "trung_tam"),
    ("tt", "trung_tam"),
    ("truong", "truong"),
    ("thanh tra", "thanh_tra"),
    ("kho bac", "kho_bac"),
    ("toa an", "toa_an"),
    ("vien kiem sat", "vien_kiem_sat"),
    ("ngan hang", "ngan_hang"),
    ("dang uy", "dang_uy"),
    ("tinh uy", "dang_uy"),
    ("thanh uy", "dang_uy"),
    ("doan", "doan"),
    ("hoi", "hoi"),
    ("thon", "thon"),
    ("to dan pho", "thon"),
    ("khu pho", "thon"),
    ("chinh phu", "chinh_phu"),
    ("thu tuong", "chinh_phu"),
    ("benh vien", "benh_vien"),
    ("cong ty", "doanh_nghiep"),
    ("doanh nghiep", "doanh_nghiep"),
    ("hop tac xa", "hop_tac_xa"),
)
# A unit's kind in the tree (org.constants.UnitKind), when its name has no head word of its own.
_TREE_KINDS = {
    "police": "cong_an",
    "health": "tram_y_te",
    "school": "truong",
    "village": "thon",
    "commune": "ubnd",
    "province": "ubnd",
}
# Kinds that are always above a commune, whatever the name adds.
_CENTRAL = frozenset({"bo", "cuc", "vu", "chinh_phu", "thong_tan_xa"})
_PROVINCIAL = frozenset({"so"})
# Level words of a name, one or two words each; "quận" is left out ("cơ quan", "quản lý" fold to it).
_LEVEL_WORDS = {
    "trung uong": "central",
    "chinh phu": "central",
    "tinh": "province",
    "thanh pho": "province",
    "huyen": "district",
    "thi xa": "district",
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
    "dac khu": "commune",
}
# Where "xã" or "trung ương" is no level: "xã hội", "hợp tác xã", "trực thuộc trung ương".
_NOT_LEVELS = re.compile(r"\b(?:xa hoi|hop tac xa|thong tan xa|truc thuoc trung uong)\b")
# Words that say what a name is, not which one: left out when names are compared.
_COMMON_WORDS = frozenset(
    [
        "cac",
        "va",
        "cua",
        "thuoc",
        "truc",
        "xa",
        "phuong",
        "tinh",
        "thanh",
        "pho",
        "huyen",
        "quan",
        "ubnd",
        "uy",
        "ban",
        "nhan",
        "dan",
        "so",
        "phong",
    ]
)
# Below this, a name alike is no candidate at all.
MIN_SCORE = 0.35


@dataclass(frozen=True)
class Candidate:
    """A unit a written name may be, and how alike the two names are (0–1)."""

    unit_id: int
    name: str
    score: float


def _key(name: str) -> str:
    return fold_key(name).removeprefix("cac ").removeprefix("tat ca ").removeprefix("moi ")


def kind_of(name: str) -> str:
    """The kind of body a name starts with ("so", "phong", "ubnd", "cong_an", "bao"…), "" if none."""
    key = _key(name)
    return next((kind for head, kind in _HEADS if key == head or key.startswith(head + " ")), "")


def level_of(name: str) -> str:
    """The level a name states ("commune", "district", "province", "central"), the first one it
    names, or the one its kind implies (a Sở is provincial, a Bộ central); "" when it says nothing."""
    kind = kind_of(name)
    if kind in _CENTRAL:
        return "central"
    words = _NOT_LEVELS.sub(" ", fold_key(name)).split()
    for i, word in enumerate(words):
        level = _LEVEL_WORDS.get(" ".join(words[i : i + 2])) or _LEVEL_WORDS.get(word)
        if level:
            return level
    return "province" if kind in _PROVINCIAL else ""


def _names(entry: dict) -> list[str]:
    return [n for n in (entry["name"], entry.get("short_name") or "", *(entry.get("aliases") or [])) if n]


def _entry_kinds(entry: dict) -> set[str]:
    kinds = {kind_of(n) for n in _names(entry)} - {""}
    if entry.get("kind") in _TREE_KINDS:
        kinds.add(_TREE_KINDS[entry["kind"]])
    return kinds


def _entry_level(entry: dict) -> str:
    return entry.get("level") or next((lv for lv in map(level_of, _names(entry)) if lv), "")


def compatible(name: str, entry: dict) -> bool:
    """Whether `name` may be the unit `entry` at all: the same kind of body, at the same level."""
    kind, kinds = kind_of(name), _entry_kinds(entry)
    if kind and kinds and kind not in kinds:
        return False
    level, unit_level = level_of(name), _entry_level(entry)
    return not (level and unit_level and level != unit_level)


def _core(name: str) -> str:
    return " ".join(w for w in fold_key(name).split() if w not in _COMMON_WORDS)


def score(name: str, entry: dict) -> float:
    """How alike `name` is to the closest of the unit's names: 1.0 for the same name."""
    key, core = fold_key(name), _core(name)
    best = 0.0
    for known in _names(entry):
        if fold_key(known) == key:
            return 1.0
        known_core = _core(known)
        if core and known_core:
            best = max(best, SequenceMatcher(None, core, known_core).ratio())
        else:
            # "UBND xã" beside "Ủy ban nhân dân xã Gia Lộc": the kind and level agree, nothing else to compare.
            best = max(best, 0.9 if core == known_core else 0.6)
    return round(best, 2)


def candidates(name: str, entries, limit: int = 3) -> list[Candidate]:
    """The units `name` may be, same kind and level only, the most alike first."""
    found = []
    for entry in entries:
        if entry.get("collective") and kind_of(name) != "ubnd":
            continue
        if compatible(name, entry):
            s = score(name, entry)
            if s >= MIN_SCORE:
                found.append(Candidate(entry["id"], entry["name"], s))
    found.sort(key=lambda c: (-c.score, c.name))
    return found[:limit]
