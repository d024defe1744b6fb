"""Who a passage is addressed to: its subject, the units of a heading or lead-in, coordinators.

"Công an xã chủ trì …", "Giao Sở Tài chính …", "Trong vòng 15 ngày …, Văn phòng … cung cấp",
"Báo cáo tháng: Sở Tài chính tổng hợp …", "1.2. Sở Tài chính - Cơ quan thường trực", "… yêu cầu
các phòng, ban, đơn vị:". Each function reads one of these shapes and returns the units it names.
"""

from __future__ import annotations

import re

from dieuhanh.extract.normalize import LOWER
from dieuhanh.extract.units import UnitMatch, has_duty_word, leading_units, unit_list
from dieuhanh.vn.fold import fold

_LEAD_IN_VERB = re.compile(r"\b(?:(?:trân trọng |kính )?(?:yêu cầu|đề nghị)|giao|Giao|Yêu cầu|Đề nghị)\s+")

CHU_TRI = re.compile(
    r"^\s*(?:,\s*)?(?:tiếp tục |khẩn trương |là cơ quan [^,]{0,20}, )?(?:chủ trì|làm đầu mối|Chủ trì)"
)

_PHOI_HOP = re.compile(r"\b(?:[Pp]hối hợp|phối với)(?: chặt chẽ)?(?: với)?\s+")

# After a subject comes the duty: a lower-case verb phrase or a colon ("Công an xã: …").
_SUBJECT_VERB = re.compile(
    r"\s*(?:\([^)]{0,80}\)\s*)?(?:,\s*)?(?::|(?!(?:theo(?! dõi| chức năng| nhiệm vụ)|về|của|tại|trong|trên|với|cho|để|và|hoặc|nhận|là(?! cơ quan (?:đầu mối|thường trực|chủ trì))|đã|được giao làm)\b)["
    + LOWER
    + "])"
)

# A basis set between the subject and its verb: "Sở Tài chính, trên cơ sở đề xuất của các đơn vị,
# tổng hợp …" (the comma before "trên cơ sở" or "căn cứ" is often left out).
_INSERTED_BASIS = re.compile(r"\s*(?:,\s*)?(?:trên cơ sở|căn cứ)\s|\s*,\s*theo\s")

# The issuer speaking of itself ("Ủy ban nhân dân Tỉnh ban hành Kế hoạch … như sau:") addresses nobody.
_ISSUER_VERB = re.compile(
    r"\s*(?:ban hành|xây dựng kế hoạch|thông báo|kết luận|quyết định|chỉ đạo\s*:|yêu cầu\s*:|"
    r"(?:xin )?trả lời (?:như sau|\s*:)|có ý kiến (?:như sau|\s*:)|hướng dẫn như sau)"
)

# A short label before the subject: "Báo cáo tháng: Sở Tài chính tổng hợp …".
LABEL = re.compile(r"[^:;.]{1,90}:\s*")

_RESPONSIBLE_OF = re.compile(r"(?:Nhiệm vụ|Trách nhiệm|Nhiệm vụ, trách nhiệm)(?: cụ thể)? (?:của|cho)\s+")

_HEADING_CUT = re.compile(r"\s*[(:]|\s+-\s+")

# A heading on a class of the economy in the singular ("i) Doanh nghiệp số", "Doanh nghiệp nhỏ và
# vừa") is a topic of a plan; businesses addressed as such are "Các doanh nghiệp …".
_TOPIC_HEADING = re.compile(rf"Doanh nghiệp(?: [{LOWER}]+)*$")

# What may follow the unit in a unit heading: an apposition, a parenthesis, a colon, nothing.
_HEADING_TAIL = re.compile(r"\s*(?:[-–(:]|$)")

# A conclusion notice after a working session with a province: its duties go to that province.
MEETING_WITH = re.compile(
    r"làm việc với (?:lãnh đạo |ban thường vụ )?(?:[^,;]{0,30}? )?(tỉnh|thành phố) (\w+(?: \w+){0,2})\s*$",
    re.IGNORECASE,
)

# "Tỉnh cần …": the province of the session as the subject.
PROVINCE_SUBJECT = re.compile(r"(?:Tỉnh|Thành phố) (?=cần|phải|tập trung|khẩn trương|chủ động|tiếp tục|sớm)")

# Attachments that describe rather than assign: only their task tables count.
DIRECTS = re.compile(r"(?:Chủ trì,? )?(?:[Cc]hỉ đạo|[Hh]ướng dẫn|[Đđ]ôn đốc)\s+")

OPENER = re.compile(
    r"(?:Trong vòng|Trong thời hạn|Trước ngày|Chậm nhất|Định kỳ|Hằng|Hàng|Sau khi|Đối với|Trong|Từ|Để|Căn cứ|"
    r"Trên cơ sở|Ngay sau|Khi|Về)\b"
)

_FAN_OUT = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Chủ tịch)[^,;]{0,20}?(?:các (?:xã|phường|tỉnh|huyện|quận|đặc khu)|"
    r"(?:xã|phường), (?:phường|xã)|cấp xã|cấp huyện|cấp tỉnh)|^[Cc]ác địa phương"
)


def subject(text: str, pos: int = 0) -> tuple[list[UnitMatch], int]:
    """Units that are the grammatical subject at ``pos``: followed by a duty verb or a colon."""
    units, end = leading_units(text, pos)
    if not units:
        return [], pos
    rest = text[end:]
    after = _LEAD_IN_VERB.match(rest.lstrip())
    if after:
        inner_pos = end + (len(rest) - len(rest.lstrip())) + after.end()
        inner, inner_end = unit_list(text, inner_pos)
        if inner:
            return inner, inner_end
    if _SUBJECT_VERB.match(rest) or not rest.strip() or rest.lstrip().startswith(("-", "–", "(")):
        return units, end
    inserted = _inserted_basis(rest)
    if inserted:
        return units, end + inserted
    return [], pos


def _inserted_basis(rest: str) -> int:
    """The end of a basis set between a passage's subject and its verb ("Sở Tài chính, trên cơ sở đề
    xuất của các cơ quan, đơn vị, chủ trì tổng hợp …"): the first comma of the clause followed by a
    duty word, or 0."""
    opening = _INSERTED_BASIS.match(rest)
    if not opening:
        return 0
    for comma in re.finditer(r",\s*", rest[opening.end() : opening.end() + 200]):
        at = opening.end() + comma.end()
        head = " ".join(rest[at:].split(None, 2)[:2])
        if head[:1].islower() and has_duty_word(head) and not head.startswith(("đề nghị", "yêu cầu")):
            return at
    return 0


def subject_after_opener(text: str, pos: int = 0) -> tuple[list[UnitMatch], int]:
    """The subject after an opening adverbial ("Trong vòng 15 ngày …, Văn phòng … cung cấp")."""
    stop = len(text)
    for m in re.finditer(r"[.;]\s", text[pos:]):
        stop = pos + m.start()
        break
    for m in re.finditer(r",\s+", text[:stop]):
        if m.start() < pos:
            continue
        units, end = subject(text, m.end())
        if units:
            return units, end
    return [], 0


def heading_units(text: str) -> list[str]:
    """A heading that names a unit ("1.2. Sở Tài chính - Cơ quan thường trực", "Trách nhiệm của …")."""
    if text.endswith((".", ";")) or len(text.split(None, 40)) > 40:
        return []
    m = _RESPONSIBLE_OF.match(text)
    if m:
        name = _HEADING_CUT.split(text[m.end() :], 1)[0].strip(" :,")
        if name and len(name.split()) <= 12:
            return [name[0].upper() + name[1:]] if name[:1].islower() and name.startswith("đối") else [name]
    for candidate in (text, _HEADING_CUT.split(text, 1)[0]):
        units, _ = leading_units(candidate)
        if not units or _TOPIC_HEADING.match(units[0].name):
            continue
        rest = candidate[units[-1].end :]
        if not rest.strip(" :") or _HEADING_TAIL.match(rest):
            return [u.name for u in units]
        if len(units) == 1 and not has_duty_word(rest) and not re.search(r"[.;,]", rest):
            # "Ban Quản lý các khu công nghệ cao và khu công nghiệp": the whole heading names the unit.
            return [candidate.strip(" :")]
    return []


def lead_in_units(text: str) -> list[str]:
    """Units addressed by a lead-in ("… yêu cầu các phòng, ban, đơn vị:")."""
    heading = heading_units(text)
    if heading:
        return heading
    if _TOPIC_HEADING.match(text.strip(" :")):
        return []
    units, end = subject(text)
    if units and not _ISSUER_VERB.match(text, end):
        return [u.name for u in units]
    for m in _LEAD_IN_VERB.finditer(text):
        found, _ = unit_list(text, m.end())
        if found:
            return [u.name for u in found]
    return []


def coordinators(text: str, exclude: set[str]) -> list[str]:
    out: list[str] = []
    for m in _PHOI_HOP.finditer(text):
        units, _ = unit_list(text, m.end())
        for u in units:
            if u.name not in exclude and u.name not in out:
                out.append(u.name)
    return out


def is_directed(name: str, directed: frozenset[str]) -> bool:
    key = fold(name)
    return any(d.startswith(key) or key.startswith(d) for d in directed)


def fan_out(lead: str) -> bool:
    return bool(_FAN_OUT.search(lead))
