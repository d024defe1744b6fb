"""What the headings above a passage say about it: the section's mode and the units it addresses.

A plan's "Mục đích, yêu cầu", "Mục tiêu" or past-results sections give no tasks; its "Nhiệm vụ",
"Giải pháp" and "Nội dung" sections give tasks only where a unit is named; "Tổ chức thực hiện"
may lean on the lead-in. A công văn's items fall back on its addressees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from dieuhanh.vn.deadlines import Deadline
from dieuhanh.vn.fold import fold

_SKIP_SECTION = re.compile(
    r"^(?:muc dich|yeu cau\W*$|muc tieu|chi tieu|quan diem|nguyen tac|can cu|co so|danh gia|ket qua|"
    r"tinh hinh|thuc trang|pham vi|giai thich|khen thuong|hinh thuc|tieu chuan|thang diem|"
    r"cach thuc|phuong phap|quy trinh|nhiem vu chung|boi canh|su can thiet|thoi gian thi dua|"
    r"danh gia chung|mot so ket qua|doi tuong|vi tri(?:,| va) chuc nang|chuc nang,? nhiem vu|"
    r"nhiem vu,? quyen han|tham quyen|phan cap|co cau to chuc|to chuc bo may|tieu chi|"
    r"danh hieu|khau hieu|ton tai|han che|nguyen nhan|(?:cac )?hanh vi (?:vi pham|bi nghiem cam)|"
    r"bang khen|giay khen|co thi dua|chien si thi dua|huan chuong|"
    # "Số lượng đề nghị khen thưởng", "Thủ tục, hồ sơ và thời gian khen thưởng": award rules
    r"(?!thi dua|cong tac)(?:\w+,? ){1,8}khen thuong\W*$|"
    # the parts of a published administrative procedure: steps, not duties
    r"trinh tu|buoc \d|nop ho so|thanh phan,? (?:so luong )?ho so|thoi han giai quyet)"
)

_ASSESSMENT = re.compile(
    r"^ve (?:ket qua|tinh hinh|danh gia|ton tai|han che|nguyen nhan|thuc trang|boi canh|mot so ket qua)"
)

# A short label over the schedule, venue or attendance of an event ("1. Thời gian tập huấn:").
_SCHEDULE_LABEL = re.compile(r"^(?:thoi gian|dia diem|thanh phan)\b(?: \w+){0,4}\W*$")

_EXPLICIT_SECTION = re.compile(
    r"^(?:ve )?(?:cac )?(?:nhiem vu|giai phap|noi dung|kinh phi|lo trinh|danh muc|hoat dong)"
)

_ASSIGN_SECTION = re.compile(
    r"(?:to chuc thuc hien|phan cong|trach nhiem (?:cua|thuc hien)|nhiem vu cu the cua)"
)

# A lead-in that hands out the items below it ("…, thành phố cần tập trung thực hiện tốt một số
# nhiệm vụ, giải pháp sau đây:"): its items are duties wherever it stands.
_ASSIGNING_LEAD_IN = re.compile(
    r"\b(?:can|phai|de nghi|yeu cau|giao)\b[^:]{0,80}\b(?:nhiem vu|giai phap|noi dung)\b[^:]{0,40}"
    r"(?:sau(?: day)?|nhu sau|cu the)\W*:$"
)

# A sentence that opens with its bases and ends with the issuer's request is a lead-in, not a
# "Căn cứ" section.
_BASES_THEN_REQUEST = re.compile(
    r"^(?:can cu|thuc hien|tren co so|theo)\b.{20,}\b(?:yeu cau|de nghi|chi dao)\W*:$"
)

# "2.", "1.3.", "IV.", "b)" before a heading (a set of characters to strip would also eat the "v" of
# "về").
_NUMBERING = re.compile(r"^(?:(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|[ivxlc]{1,5}[.)]|[a-z][.)])\s*)+")

RECIPIENT_DOCS = ("Công văn", "Công điện", "Thông báo", "Chỉ thị", "Văn bản")

# A regulation, charter or statute issued by a decision states standing functions and rules, not
# duties with a product: it gives no tasks (its task tables still count).
REGULATION = re.compile(r"(?:QUY CHẾ|QUY ĐỊNH|ĐIỀU LỆ)\b")

APPENDIX = re.compile(r"(?:PHỤ LỤC|BIỂU|MẪU|DANH MỤC|HƯỚNG DẪN|BẢNG|TIÊU CHÍ)\b")


@dataclass(frozen=True)
class Context:
    """What the headings and lead-ins above a passage say about it."""

    units: tuple[str, ...] = ()
    unit_reason: str = ""
    mode: str = "full"  # "skip", "explicit", "full", "appendix" (tables only) or "regulation" (tables only)
    deadline: Deadline | None = None
    deadline_reason: str = ""
    section: tuple[str, ...] = ()
    directed: frozenset[str] = frozenset()

    def but(self, **changes) -> Context:
        """A copy with ``changes``."""
        return replace(self, **changes)


@dataclass(frozen=True)
class DocInfo:
    """Header facts the task rules use."""

    doc_type: str = ""
    doc_date: date | None = None
    recipients: tuple[str, ...] = ()
    subject: str | None = None
    issuer: str | None = None

    def is_issuer(self, name: str) -> bool:
        """Whether ``name`` is the issuing body itself ("Ủy ban nhân dân tỉnh" in a plan of "UBND
        tỉnh Nghệ An"): a lead-in where the issuer speaks of itself addresses nobody."""
        if not self.issuer:
            return False
        mine, unit = _body_key(self.issuer), _body_key(name)
        return bool(unit) and (mine == unit or mine.startswith(unit + " "))


def _body_key(name: str) -> str:
    return fold(name).replace("uy ban nhan dan", "ubnd").strip(" .,;:")


def assigns_items(text: str) -> bool:
    """Whether a lead-in hands out the items below it ("…, cần tập trung các nhiệm vụ sau:")."""
    return _ASSIGNING_LEAD_IN.search(fold(text)) is not None


def heading_mode(text: str, doc: DocInfo, parent: str) -> str:
    if parent in ("regulation", "appendix"):
        return parent  # "Trách nhiệm của Sở …" in a regulation is a standing function
    key = _NUMBERING.sub("", fold(text))
    if _ASSIGNING_LEAD_IN.search(key):
        return "full"  # "…, Tỉnh cần tập trung thực hiện các nhiệm vụ sau:" even in an evaluation
    if _BASES_THEN_REQUEST.match(key):
        return parent  # "Căn cứ chỉ đạo …, Thủ tướng Chính phủ yêu cầu:" leads in its items
    # "Về …" names the topic of an item; only an assessment topic makes it give no tasks
    # ("3. Về cơ sở vật chất" and "1. Về phân cấp, phân quyền" are duties of their own).
    skip = _ASSESSMENT if key.startswith("ve ") else _SKIP_SECTION
    if skip.match(key) or _SCHEDULE_LABEL.match(key):
        return "skip"
    if _ASSIGN_SECTION.search(key):
        return "full"
    if _EXPLICIT_SECTION.match(key) and doc.doc_type not in RECIPIENT_DOCS:
        return "explicit"
    return parent
