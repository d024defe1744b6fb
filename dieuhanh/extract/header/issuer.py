"""The issuing body: the agency lines at the top left (parent first), else an appendix caption,
a title only one office has ("THỦ TƯỚNG"), or the body naming itself ("UBND Thành phố yêu cầu")."""

from __future__ import annotations

import re

from dieuhanh.extract.citations import squash
from dieuhanh.extract.header.model import Findings
from dieuhanh.extract.header.text import breaks_a_phrase, upper_text
from dieuhanh.extract.header.vocabulary import ACRONYMS, LEVELS
from dieuhanh.extract.normalize import LOWER, UPPER

# A people's committee or council, named as the header writes it: "Ủy ban nhân dân tỉnh X" stays
# long and "UBND tỉnh X" stays short, as the labelling rule keeps names as written.
COMMITTEE = re.compile(r"(?:(?:Ủ|U)(?:Y|Ỷ)\s+BAN|HỘI\s+ĐỒNG)\s+NHÂN\s+DÂN(?!\w)|UBND|HĐND", re.IGNORECASE)
LEVEL = re.compile(r"\b(?:" + "|".join(LEVELS) + r")\b", re.IGNORECASE)

# Words that open the name of an agency; a header line starting with one begins a new body.
_ORG_HEADS = (
    "ỦY BAN NHÂN DÂN",
    "UỶ BAN NHÂN DÂN",
    "UBND",
    "HỘI ĐỒNG NHÂN DÂN",
    "HĐND",
    "SỞ",
    "BỘ",
    "BAN",
    "CỤC",
    "TỔNG CỤC",
    "CHI CỤC",
    "TRUNG TÂM",
    "VĂN PHÒNG",
    "PHÒNG",
    "VỤ",
    "VIỆN",
    "THANH TRA",
    "KHO BẠC",
    "THUẾ",
    "CÔNG AN",
    "ĐẢNG ỦY",
    "ĐẢNG ỦY",
    "TỈNH ỦY",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "THÀNH ỦY",
    "BỘ CHỈ HUY",
    "TRƯỜNG",
    "BỆNH VIỆN",
    "ĐÀI",
    "BÁO",
    "TỔNG CÔNG TY",
    "CÔNG TY",
    "CHI NHÁNH",
    "THỦ TƯỚNG",
    "HỘI",
)
# Titles that name one office only: the issuer when the header was lost.
_TITLE_ISSUERS = {
    "BỘ TRƯỞNG, CHỦ NHIỆM": "Văn phòng Chính phủ",
    "THỦ TƯỚNG": "Thủ tướng Chính phủ",
    "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
}
# A body naming itself as the one acting: "UBND Thành phố yêu cầu", "Bộ X (VHTTDL) đề nghị",
# "Ủy ban nhân dân (UBND) tỉnh X yêu cầu", "Cục Thuế trả lời", "Cục Thuế nhận được công văn …",
# "Cục Thuế có ý kiến như sau", "Cục X xin trân trọng thông báo", "Ban chỉ đạo ... 02 cấp (sau đây
# viết là Ban Chỉ đạo) yêu cầu" (a long name followed by the short name it will go by).
_NAME_WORD = rf"[{UPPER}][^\W\d_]*"  # a capitalised syllable
# A lower-case syllable inside a name ("Cục Hàng hải"), not the words before the verb ("đã nhận").
_NAME_LOWER = rf"(?!(?:đã|đang|sẽ|xin|kính|trân|có)\s)[{LOWER}]+"
_ACRONYM = r"\([A-ZĐ&]{2,12}\)"
_ORG_HEAD = r"(?:Bộ|Sở|Văn\s+phòng|Trung\s+tâm|Tổng\s+cục|Chi\s+cục|Cục|Ban|Ủy\s+ban|Uỷ\s+ban|Hội\s+đồng)"
_SELF_REFERENCE = re.compile(
    r"(?:^|(?<=[.,;:])[ \t]*\n?[ \t]*)(?:Chủ\s+tịch\s+)?"
    r"(?P<org>(?:(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|UBND)(?:\s*"
    + _ACRONYM
    + r")?\s+(?:"
    + "|".join(LEVELS)
    + r"|Thành\s+phố|Tỉnh)"
    rf"(?:\s+{_NAME_WORD})*"
    rf"|{_ORG_HEAD}\s+{_NAME_WORD}(?:\s+{_NAME_LOWER})?(?:(?:\s+|,\s*|\s+và\s+){_NAME_WORD}(?:\s+{_NAME_LOWER})?)*"
    rf"|{_ORG_HEAD}\s[^.,;:()]{{3,200}}?(?=\s*\(sau\s+đây\s+(?:viết|gọi)))"
    r"\s*(?:\([^()]{1,80}\)\s*)?"
    r"(?:(?:xin\s+)?(?:trân\s+trọng\s+|kính\s+)?(?:yêu\s+cầu|đề\s+nghị|thông\s+báo|trả\s+lời)"
    r"|trân\s+trọng\s+thông\s+tin|ban\s+hành|hướng\s+dẫn|có\s+ý\s+kiến|(?:đã\s+)?nhận\s+được"
    r"|xây\s+dựng\s+(?:kế\s+hoạch|chương\s+trình))\b",
    re.MULTILINE,
)
# Where the body names itself: its opening and its closing paragraphs.
_OPENING_CHARS = 4000
_CLOSING_CHARS = 3000


def split_orgs(fragments: list[str]) -> list[str]:
    """Issuer lines above the Quốc hiệu → agencies, the parent first. Broken lines are rejoined."""
    orgs: list[str] = []
    for frag in fragments:
        starts_org = any(frag == h or frag.startswith(h + " ") for h in _ORG_HEADS)
        joinable = orgs and (
            not starts_org
            or orgs[-1].endswith((",", " VÀ", "-"))
            or breaks_a_phrase(orgs[-1], frag, _ORG_HEADS)
        )
        if joinable:
            orgs[-1] = f"{orgs[-1]} {frag}"
        else:
            orgs.append(frag)
    return orgs


def read_issuer_lines(found: Findings, fragments: list[str]) -> None:
    orgs = split_orgs(fragments)
    reason = f"Tên cơ quan ở góc trái phần đầu: «{' / '.join(fragments)}»"
    found.set("issuer", orgs[-1], reason)
    if len(orgs) > 1:
        found.set("parent_issuer", orgs[-2], reason)


# The word after these is a name's first word ("Sở Y tế", "Trung tâm Phục vụ", "Văn phòng Chính phủ").
_CAPITALISED_AFTER = ("Bộ", "Sở", "Cục", "cục", "tâm", "phòng", "Ban", "Phòng", "Vụ", "Viện")


def org_case(raw: str) -> str:
    """ "ỦY BAN NHÂN DÂN XÃ GIA LỘC" → "Ủy ban nhân dân xã Gia Lộc"; mixed-case names are kept as
    written."""
    text = squash(raw)
    if not upper_text(text.replace("UBND", "").replace("HĐND", "") or "AA"):
        return text
    words = text.split()
    committee = re.match(r"(?:TỈNH|THÀNH|ĐẢNG) (?:ỦY|UỶ)\b", text)
    if committee:  # "TỈNH ỦY HÀ TĨNH": a Party committee, "tỉnh" names no level here
        place = [w.lower() if w.lower() in LEVELS else w.capitalize() for w in words[2:]]
        return " ".join([committee.group().capitalize(), *place])
    out: list[str] = []
    in_place = False
    ministry = words[0] in ("BỘ", "SỞ", "BAN") if words else False  # "Ban Tuyên giáo và Dân vận"
    for i, word in enumerate(words):
        low = word.lower()
        prev = out[-1] if out else ""
        if word in ACRONYMS or any(c.isdigit() for c in word):
            out.append(word)
            continue
        pair = f"{prev.lower()} {low}"
        if not in_place and (low in LEVELS or pair in LEVELS):
            in_place = True
            out.append(low)
            continue
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        cap = (
            i == 0
            or in_place
            or prev in _CAPITALISED_AFTER
            or ministry
            and (prev.endswith(",") or prev == "và")
            or (low, following) in (("chính", "phủ"), ("việt", "nam"))
            or COMMITTEE.match(" ".join(words[i : i + 4])) is not None  # "Chủ tịch Ủy ban nhân dân"
        )
        if prev == "Tổng" and low == "cục":
            cap = False
        out.append(word[:1].upper() + low[1:] if cap else low)
    # "Văn phòng Chính phủ": the word after the head noun pair
    text = re.sub(
        r"\b(Văn phòng|Trung tâm|Tổng cục|Chi cục) (\w)",
        lambda m: m.group(1) + " " + m.group(2).upper(),
        " ".join(out),
    )
    return re.sub(r"\b(?:chấp hành|trung ương)\b", lambda m: m.group().capitalize(), text)


def is_bare(org: str) -> bool:
    """ "UBND xã", "Ủy ban nhân dân Thành phố", "Bộ": the kind of body without its name."""
    committee = COMMITTEE.match(org)
    rest = org[committee.end() :] if committee else org.partition(" ")[2]
    return not rest.strip() or squash(rest).lower() in LEVELS


def recase_issuer(found: Findings) -> None:
    """The issuer of the header lines as it will be shown: recased, a department named with its
    parent's place or Party committee, the chairman when he issues a decision."""
    issuer = found.get("issuer")
    if isinstance(issuer, str):
        issuer = org_case(issuer)
        parent = found.get("parent_issuer")
        parent = org_case(parent) if isinstance(parent, str) else None
        if parent and COMMITTEE.match(parent) and not COMMITTEE.match(issuer) and not LEVEL.search(issuer):
            place = LEVEL.search(parent)
            if place:
                issuer = f"{issuer} {parent[place.start() :]}"
        committee = _party_committee(parent)
        if committee and committee not in issuer:
            issuer = f"{issuer} {committee}"  # "Ban Tổ chức Trung ương", "Ban Tuyên giáo Tỉnh ủy X"
        found.values["issuer"] = issuer
        found.values["parent_issuer"] = parent
    authority = found.get("authority")
    if isinstance(authority, str) and authority.startswith("CHỦ TỊCH"):
        body = org_case(authority[len("CHỦ TỊCH") :])
        header_issuer = found.get("issuer")
        if is_bare(body) and isinstance(header_issuer, str) and COMMITTEE.match(header_issuer):
            body = header_issuer  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" under "Ủy ban nhân dân tỉnh Hà Tĩnh"
        found.values["issuer"] = "Chủ tịch " + body
        found.reasons["issuer"] = f"Quyết định do Chủ tịch ký ban hành: «{authority}»"


def fallback_issuer(found: Findings, masked: str, body_start: int, body_end: int) -> None:
    """When the header lost its issuer: the appendix caption, a one-office signing title, or the
    body naming itself; a bare "UBND xã" is completed with the place of the date line."""
    if not found.get("issuer"):
        _issuer_fallback(masked, body_start, body_end, found)
    issuer = found.get("issuer")
    place = found.get("place")
    committee = COMMITTEE.match(issuer) if isinstance(issuer, str) else None
    if committee and place and is_bare(issuer) and issuer[committee.end() :].strip():  # "UBND xã"
        found.values["issuer"] = f"{issuer} {place}"
        found.reasons["issuer"] += f"; tên địa danh lấy từ dòng ngày tháng: «{place}»"


# The head of a body, named before it: "Bộ trưởng Bộ Y tế", "Trưởng Ban Chỉ đạo …", "Giám đốc Sở …".
_HEAD_OF = re.compile(
    r"^(?:Bộ\s+trưởng|Thứ\s+trưởng|Trưởng|Phó\s+Trưởng|Giám\s+đốc|Tổng\s+Giám\s+đốc|Cục\s+trưởng"
    r"|Chi\s+cục\s+trưởng|Vụ\s+trưởng|Viện\s+trưởng|Chủ\s+nhiệm|Chánh\s+Văn\s+phòng)\s+(?="
    + _ORG_HEAD
    + r"\s)",
    re.IGNORECASE,
)


def _body_of_head(name: str) -> str:
    """The body a head's decision is issued by, as the labels name it ("Trưởng Ban Chỉ đạo X" →
    "Ban Chỉ đạo X"); a chairman keeps his title ("Chủ tịch Ủy ban nhân dân tỉnh X")."""
    return name[_HEAD_OF.match(name).end() :] if _HEAD_OF.match(name) else name


def _party_committee(parent: str | None) -> str | None:
    """How the name of a body under a Party committee ends: "Trung ương", "Tỉnh ủy Hà Tĩnh"."""
    if parent == "Ban Chấp hành Trung ương":
        return "Trung ương"
    if parent and re.match(r"(?:Tỉnh|Thành|Đảng) (?:ủy|uỷ)\b", parent):
        return parent
    return None


def _issuer_fallback(masked: str, body_start: int, body_end: int, found: Findings) -> None:
    """When the header lost its issuer: the appendix caption, a one-office signing title, or the
    body naming itself as the one acting ("UBND Thành phố yêu cầu ...")."""
    candidates: list[tuple[str, str]] = []
    cap = found.get("caption_issuer")
    if isinstance(cap, str):
        candidates.append(
            (_body_of_head(org_case(cap)), f"Cơ quan ban hành trong chú thích phụ lục: «{cap}»")
        )
    for title in found.get("closing_titles", []):  # type: ignore[union-attr]
        key = squash(title).rstrip(",")
        if key in _TITLE_ISSUERS:
            candidates.append(
                (_TITLE_ISSUERS[key], f"Chức danh người đứng đầu chỉ có ở một cơ quan: «{key}»")
            )
    windows = (
        (body_start, min(body_end, body_start + _OPENING_CHARS)),
        (max(body_start, body_end - _CLOSING_CHARS), body_end),
    )
    for a, z in windows:
        for m in _SELF_REFERENCE.finditer(masked, a, max(a, z)):
            org = squash(re.sub(_ACRONYM, "", m.group("org")))  # as the document names itself
            candidates.append((org, f"Cơ quan tự nêu tên trong văn bản: «{squash(m.group())}»"))
    if not candidates:
        return
    named = [c for c in candidates if not is_bare(c[0])]
    org, reason = (named or candidates)[0]
    found.set("issuer", org, reason)
