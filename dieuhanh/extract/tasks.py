"""From the body tree to draft tasks: one per unit and distinct duty, by the labelling rules.

A passage (an item with its continuation paragraphs, a paragraph under a
heading, a table row) becomes a task when it gives a checkable duty to a unit.
The unit comes from the passage itself ("Công an xã chủ trì ..."), else from
the heading or lead-in above it ("2. Sở Tài chính", "yêu cầu các cơ quan, đơn
vị:"), else — in a công văn — from the addressees. Sections that only state
purposes, goals or past results give no tasks; in a plan, activities that name
no unit give none either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from dieuhanh.extract.amounts import find_budget, find_funding_source, find_target, parse_amount
from dieuhanh.extract.filters import not_task_reason
from dieuhanh.extract.normalize import LOWER, MARKER, UPPER, Line, join_lines
from dieuhanh.extract.structure import Block
from dieuhanh.extract.tables import Table, TableRow
from dieuhanh.extract.units import UnitMatch, find_units, has_duty_word, leading_units, unit_list
from dieuhanh.vn.deadlines import Deadline, parse_deadline, pick_deadline
from dieuhanh.vn.fold import fold

NO_DEADLINE = Deadline("none", None, None, None, reason="Không nêu thời hạn.")

_SKIP_SECTION = re.compile(
    r"^(?:ve )?(?:muc dich|yeu cau\W*$|muc tieu|chi tieu|quan diem|nguyen tac|can cu|co so|danh gia|ket qua|"
    r"tinh hinh|thuc trang|pham vi|giai thich|khen thuong|hinh thuc|tieu chuan|thang diem|"
    r"cach thuc|phuong phap|quy trinh|nhiem vu chung|boi canh|su can thiet|thoi gian thi dua|"
    r"danh gia chung|mot so ket qua|doi tuong)"
)
_EXPLICIT_SECTION = re.compile(
    r"^(?:ve )?(?:cac )?(?:nhiem vu|giai phap|noi dung|kinh phi|lo trinh|danh muc|hoat dong)"
)
_ASSIGN_SECTION = re.compile(
    r"(?:to chuc thuc hien|phan cong|trach nhiem (?:cua|thuc hien)|nhiem vu cu the cua)"
)
_FIELD = re.compile(
    r"^(?:(?P<lead>(?:Cơ quan|Đơn vị|cơ quan|đơn vị) (?:chủ trì|thực hiện))|(?P<coord>(?:Cơ quan|Đơn vị|cơ quan|đơn vị) phối hợp)"
    r"|(?P<time>Thời gian(?: [^:]{0,40})?|Thời hạn(?: [^:]{0,30})?|Tiến độ(?: [^:]{0,30})?)"
    r"|(?P<content>Nội dung)|(?P<result>Sản phẩm|Kết quả(?: dự kiến)?))\s*:\s*"
)
_INLINE_TIME = re.compile(
    r"(?:^|[.;]\s*)(?:Thời gian|Thời hạn)(?: (?:thực hiện|hoàn thành|ban hành|trình))*(?:/[^:]{1,20})?\s*:\s*([^.;]+)"
)
_LEAD_IN_VERB = re.compile(r"\b(?:yêu cầu|đề nghị|giao|Giao|Yêu cầu|Đề nghị)\s+")
_CHU_TRI = re.compile(
    r"^\s*(?:,\s*)?(?:tiếp tục |khẩn trương |là cơ quan [^,]{0,20}, )?(?:chủ trì|làm đầu mối|Chủ trì)"
)
_PHOI_HOP = re.compile(r"\b(?:[Pp]hối hợp|phối với)(?: chặt chẽ)?(?: với)?\s+")
# After a subject comes the duty: a lower-case verb phrase or a colon ("Công an xã: …").
_SUBJECT_VERB = re.compile(
    r"\s*(?:\([^)]{0,80}\)\s*)?(?:,\s*)?(?::|(?!(?:theo(?! dõi| chức năng)|về|của|tại|trong|trên|với|cho|để|và|hoặc|nhận|là|đã|được giao làm)\b)["
    + LOWER
    + "])"
)
_RECIPIENT_DOCS = ("Công văn", "Công điện", "Thông báo", "Chỉ thị", "Văn bản")
_REPORT_CLAUSE = re.compile(
    r"(?:^|[.;]\s+|,\s+)(?=(?:(?:[Đđ]ịnh kỳ|[Hh]ằng|[Hh]àng|[Đđ]ồng thời)[^,;.]{0,30}?\s)?(?:xây dựng |gửi |tổng hợp,? |thực hiện chế độ )?"
    r"(?:báo cáo|Báo cáo|gửi báo cáo|Xây dựng báo cáo|Định kỳ|định kỳ|Kết quả [^.;]{0,60}gửi))"
)
# The issuer speaking of itself ("Ủy ban nhân dân Tỉnh ban hành Kế hoạch … như sau:") addresses nobody.
_ISSUER_VERB = re.compile(
    r"\s*(?:ban hành|xây dựng kế hoạch|thông báo|kết luận|quyết định|chỉ đạo\s*:|yêu cầu\s*:)"
)
# A short label before the subject: "Báo cáo tháng: Sở Tài chính tổng hợp …".
_LABEL = re.compile(r"[^:;.]{1,90}:\s*")
_RESPONSIBLE_OF = re.compile(r"(?:Nhiệm vụ|Trách nhiệm|Nhiệm vụ, trách nhiệm)(?: cụ thể)? (?:của|cho)\s+")
_HEADING_CUT = re.compile(r"\s*[(:]|\s+-\s+")
# What may follow the unit in a unit heading: an apposition, a parenthesis, a colon, nothing.
_HEADING_TAIL = re.compile(r"\s*(?:[-–(:]|$)")
# A conclusion notice after a working session with a province: its duties go to that province.
_MEETING_WITH = re.compile(
    r"làm việc với (?:lãnh đạo |ban thường vụ )?(?:[^,;]{0,30}? )?(tỉnh|thành phố) (\w+(?: \w+){0,2})\s*$",
    re.IGNORECASE,
)
# "Tỉnh cần …": the province of the session as the subject.
_PROVINCE_SUBJECT = re.compile(r"(?:Tỉnh|Thành phố) (?=cần|phải|tập trung|khẩn trương|chủ động|tiếp tục|sớm)")
_SECTION_DEADLINE_CUE = re.compile(r"hoàn thành|trước ngày|xong")
# Cheap test before asking the deadline parser: a number or a cycle word.
_TIME_HINT = re.compile(
    r"\d|[Hh]ằng|[Hh]àng|[Đđ]ịnh kỳ|[Tt]hường xuyên|[Qq]uý|[Qq]uí|[Tt]háng|[Nn]ăm|[Nn]gay|[Kk]hi|[Kk]ỳ|[Ss]au|[Tt]iến độ|[Ll]ộ trình|[Kk]ế hoạch riêng"
)
# Attachments that describe rather than assign: only their task tables count.
_DIRECTS = re.compile(r"(?:Chủ trì,? )?(?:[Cc]hỉ đạo|[Hh]ướng dẫn|[Đđ]ôn đốc)\s+")
_APPENDIX = re.compile(r"(?:PHỤ LỤC|BIỂU|MẪU|DANH MỤC|HƯỚNG DẪN|BẢNG|TIÊU CHÍ)\b")
_OPENER = re.compile(
    r"(?:Trong vòng|Trong thời hạn|Trước ngày|Chậm nhất|Định kỳ|Hằng|Hàng|Sau khi|Đối với|Trong|Từ|Để|Căn cứ|"
    r"Trên cơ sở|Ngay sau|Khi|Về)\b"
)
# "ưu tiên các nhiệm vụ phải hoàn thành trong quý II": the time names what to prioritise, not a deadline.
_PRIORITY_CLAUSE = re.compile(r"(?:^|(?<=[,;]))\s*ưu tiên[^;.]*")
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[" + UPPER + "])")
_FAN_OUT = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Chủ tịch)[^,;]{0,20}?(?:các (?:xã|phường|tỉnh|huyện|quận|đặc khu)|"
    r"(?:xã|phường), (?:phường|xã)|cấp xã|cấp huyện|cấp tỉnh)|^[Cc]ác địa phương"
)


@dataclass(frozen=True)
class Context:
    """What the headings and lead-ins above a passage say about it."""

    units: tuple[str, ...] = ()
    unit_reason: str = ""
    mode: str = "full"  # "skip", "explicit" or "full"
    deadline: Deadline | None = None
    deadline_reason: str = ""
    section: tuple[str, ...] = ()
    directed: frozenset[str] = frozenset()


@dataclass
class DraftTask:
    """A task before it is frozen into the pipeline's ``ExtractedTask``."""

    line: Line
    lead: str
    coordinators: list[str]
    deadline: Deadline
    section: tuple[str, ...]
    reasons: dict[str, str] = field(default_factory=dict)
    target: str | None = None
    budget: object = None
    funding_source: str | None = None
    fan_out: bool = False
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class DocInfo:
    """Header facts the task rules use."""

    doc_type: str = ""
    doc_date: date | None = None
    recipients: tuple[str, ...] = ()
    subject: str | None = None


def _heading_mode(text: str, doc: DocInfo, parent: str) -> str:
    key = fold(text).lstrip("0123456789ivx.) ")
    if _SKIP_SECTION.match(key):
        return "skip"
    if _ASSIGN_SECTION.search(key):
        return "full"
    if _EXPLICIT_SECTION.match(key) and doc.doc_type not in _RECIPIENT_DOCS:
        return "explicit"
    return parent


def _subject(text: str, pos: int = 0) -> tuple[list[UnitMatch], int]:
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
    return [], pos


def _subject_after_opener(text: str, pos: int = 0) -> tuple[list[UnitMatch], int]:
    """The subject after an opening adverbial ("Trong vòng 15 ngày …, Văn phòng … cung cấp")."""
    stop = len(text)
    for m in re.finditer(r"[.;]\s", text[pos:]):
        stop = pos + m.start()
        break
    for m in re.finditer(r",\s+", text[:stop]):
        if m.start() < pos:
            continue
        units, end = _subject(text, m.end())
        if units:
            return units, end
    return [], 0


def _heading_units(text: str) -> list[str]:
    """A heading that names a unit ("1.2. Sở Tài chính - Cơ quan thường trực", "Trách nhiệm của …")."""
    if text.endswith((".", ";")) or len(text.split()) > 40:
        return []
    m = _RESPONSIBLE_OF.match(text)
    if m:
        name = _HEADING_CUT.split(text[m.end() :], 1)[0].strip(" :,")
        if name and len(name.split()) <= 12:
            return [name[0].upper() + name[1:]] if name[:1].islower() and name.startswith("đối") else [name]
    for candidate in (text, _HEADING_CUT.split(text, 1)[0]):
        units, _ = leading_units(candidate)
        if not units:
            continue
        rest = candidate[units[-1].end :]
        if not rest.strip(" :") or _HEADING_TAIL.match(rest):
            return [u.name for u in units]
        if len(units) == 1 and not has_duty_word(rest) and not re.search(r"[.;,]", rest):
            # "Ban Quản lý các khu công nghệ cao và khu công nghiệp": the whole heading names the unit.
            return [candidate.strip(" :")]
    return []


def _lead_in_units(text: str) -> list[str]:
    """Units addressed by a lead-in ("… yêu cầu các phòng, ban, đơn vị:")."""
    heading = _heading_units(text)
    if heading:
        return heading
    units, end = _subject(text)
    if units and not _ISSUER_VERB.match(text, end):
        return [u.name for u in units]
    for m in _LEAD_IN_VERB.finditer(text):
        found, _ = unit_list(text, m.end())
        if found:
            return [u.name for u in found]
    return []


def _coordinators(text: str, exclude: set[str]) -> list[str]:
    out: list[str] = []
    for m in _PHOI_HOP.finditer(text):
        units, _ = unit_list(text, m.end())
        for u in units:
            if u.name not in exclude and u.name not in out:
                out.append(u.name)
    return out


def _is_directed(name: str, directed: frozenset[str]) -> bool:
    key = fold(name)
    return any(d.startswith(key) or key.startswith(d) for d in directed)


def _fan_out(lead: str) -> bool:
    return bool(_FAN_OUT.search(lead))


class TaskBuilder:
    """Walks the tree and collects draft tasks."""

    def __init__(self, doc: DocInfo):
        self.doc = doc
        self.tasks: list[DraftTask] = []
        self.recipient_units = self._recipient_units()

    def _recipient_units(self) -> tuple[str, ...]:
        if self.doc.doc_type not in _RECIPIENT_DOCS:
            return ()
        meeting = _MEETING_WITH.search(self.doc.subject or "")
        if not self.doc.recipients and meeting:
            place = " ".join(w.capitalize() for w in meeting.group(2).split())
            return (f"Ủy ban nhân dân {meeting.group(1).lower()} {place}",)
        names = []
        for r in self.doc.recipients:
            found, _ = leading_units(r.strip(" -;.,"))
            names.extend(u.name for u in found)
        return tuple(names)

    # --- walking -------------------------------------------------------------------------

    def run(self, root: Block) -> list[DraftTask]:
        mode = "full" if self.doc.doc_type in _RECIPIENT_DOCS or not self.doc.doc_type else "explicit"
        ctx = Context(mode=mode)
        self._children(root.children, ctx, top=True)
        return self.tasks

    def _children(self, children: list[Block], ctx: Context, top: bool = False) -> int:
        made = 0
        local = ctx
        group: list[Block] = []
        group_has_units = False

        def flush() -> int:
            nonlocal group, group_has_units
            n = 0
            if group:
                n = self._passage_blocks(group, local)
            group = []
            group_has_units = False
            return n

        for child in children:
            if child.kind == "title":
                made += flush()
                mode = "appendix" if _APPENDIX.match(child.text) else ctx.mode
                local = replace(ctx, units=(), mode=mode, section=(child.text,))
                made += self._children(child.children, local)
                continue
            if child.kind == "table":
                made += flush()
                made += self._table(child.table, local)
                continue
            if child.kind == "paragraph" and child.children:
                made += flush()
                made += self._item(child, local)
                continue
            if child.kind == "paragraph" and not child.continuation:
                text = child.text
                if local.mode != "skip" and text.endswith(":") and not child.children:
                    units = _lead_in_units(text)
                    if units:
                        made += flush()
                        local = replace(local, units=tuple(units), unit_reason=f"Câu dẫn: “{_short(text)}”.")
                        lead_dl = self._lead_in_deadline(text)
                        if lead_dl:
                            local = replace(
                                local, deadline=lead_dl, deadline_reason="Thời hạn chung nêu ở câu dẫn."
                            )
                        continue
                field_m = _FIELD.match(text)
                if field_m and field_m.group("time") and not group:
                    dl = parse_deadline(text[field_m.end() :], self.doc.doc_date)
                    if dl.kind != "none" or dl.text:
                        local = replace(
                            local, deadline=dl, deadline_reason="“Thời gian thực hiện” chung của mục."
                        )
                    continue
                own, _ = _subject(text)
                if own or not group_has_units:
                    made += flush()
                    group = [child]
                    group_has_units = bool(own)
                else:
                    group.append(child)
                continue
            made += flush()
            made += self._item(child, local)
        made += flush()
        return made

    def _lead_in_deadline(self, text: str) -> Deadline | None:
        if not _SECTION_DEADLINE_CUE.search(text):
            return None
        dl = pick_deadline(text, self.doc.doc_date)
        return dl if dl.kind in ("date", "period") else None

    def _item(self, block: Block, ctx: Context) -> int:
        text = block.text
        sub = [c for c in block.children if not c.continuation]
        heading = block.heading_like and bool(sub)
        child_ctx = replace(ctx, section=(*ctx.section, _short(text, 60)))
        if heading or (sub and text.endswith(":")):
            mode = _heading_mode(text, self.doc, ctx.mode)
            child_ctx = replace(child_ctx, mode=mode)
            if mode != "skip":
                units = _lead_in_units(text)
                if units:
                    child_ctx = replace(
                        child_ctx, units=tuple(units), unit_reason=f"Tiêu đề/câu dẫn: “{_short(text)}”."
                    )
                directs = _DIRECTS.match(text)
                if directs:
                    directed, _ = unit_list(text, directs.end())
                    child_ctx = replace(child_ctx, directed=frozenset(fold(u.name) for u in directed))
                dl = self._lead_in_deadline(text)
                if dl:
                    child_ctx = replace(
                        child_ctx, deadline=dl, deadline_reason="Thời hạn chung nêu ở câu dẫn của mục."
                    )
            if mode == "skip":
                return 0
            fields = self._fields(sub)
            if fields and all(_FIELD.match(c.text) for c in sub if c.kind == "item"):
                return self._structured(block, sub, child_ctx, fields)
            shared = self._shared_time(sub)
            if shared is not None:
                child_ctx = replace(
                    child_ctx, deadline=shared, deadline_reason="Dòng “Thời gian” chung sau các ý của mục."
                )
            made = self._children(block.children, child_ctx)
            if made:
                return made
            if not text.endswith(":"):
                return 0
            # Its items were only content (documents, report fields): the lead-in is the task.
            return self._passage_blocks([block], ctx, deep=True)
        if ctx.mode in ("skip", "appendix"):
            return 0
        fields = self._fields(sub)
        if fields:
            return self._structured(block, sub, child_ctx, fields)
        if sub:
            made = self._children(sub, child_ctx)
            if made:
                conts = [c for c in block.children if c.continuation]
                return made + self._passage_blocks([_detached(block), *conts], ctx, own_only=True)
        return self._passage_blocks([block], ctx)

    def _shared_time(self, sub: list[Block]) -> Deadline | None:
        """A "Thời gian …:" line after the last of several items, when no other item has one."""
        items = [c for c in sub if c.kind == "item"]
        if len(items) < 2:
            return None

        def time_lines(block: Block) -> list[str]:
            return [c.text for c in block.children if c.continuation and _INLINE_TIME.match(c.text)]

        last = time_lines(items[-1])
        if not last or any(time_lines(b) or _INLINE_TIME.search(b.text) for b in items[:-1]):
            return None
        m = _INLINE_TIME.match(last[0])
        dl = parse_deadline(m.group(1).strip(), self.doc.doc_date)
        return dl if dl.kind != "none" or dl.text else None

    # --- fields ("Cơ quan chủ trì: …", "Thời gian thực hiện: …") -----------------------------

    def _fields(self, blocks: list[Block]) -> dict[str, tuple[Block, str]]:
        out: dict[str, tuple[Block, str]] = {}
        for b in blocks:
            m = _FIELD.match(b.text)
            if not m:
                continue
            for role in ("lead", "coord", "time", "content", "result"):
                if m.group(role) and role not in out:
                    out[role] = (b, b.text[m.end() :].strip())
        if "lead" not in out and "time" not in out:
            return {}
        return out

    def _structured(self, block: Block, sub: list[Block], ctx: Context, fields) -> int:
        time_block = fields.get("time", (None, ""))[0]
        if time_block is not None and time_block.children:
            made = self._children(time_block.children, ctx)
            if made:
                return made
        lead_text = fields.get("lead", (None, ""))[1]
        units = [u.name for u in find_units(lead_text)] if lead_text else list(ctx.units)
        if not units:
            return 0
        parts = [block.line.slice(block.body)]
        if "content" in fields:
            parts.append(fields["content"][0].line)
        line = join_lines(parts)
        coords = units[1:] + [u.name for u in find_units(fields.get("coord", (None, ""))[1])]
        time_text = fields.get("time", (None, ""))[1]
        deadline = parse_deadline(time_text, self.doc.doc_date) if time_text else ctx.deadline or NO_DEADLINE
        reasons = {
            "lead": f"Mục “Cơ quan chủ trì/thực hiện”: {lead_text}" if lead_text else ctx.unit_reason,
            "deadline": f"Mục “Thời gian”: {time_text}. {deadline.reason}"
            if time_text
            else (deadline.reason or ""),
        }
        if fields.get("result"):
            reasons["target"] = "Mục “Sản phẩm/Kết quả”."
        self._add(
            line, units[0], coords, deadline, ctx, reasons, result_text=fields.get("result", (None, ""))[1]
        )
        return 1

    # --- passages --------------------------------------------------------------------------

    def _passage_blocks(
        self, blocks: list[Block], ctx: Context, own_only: bool = False, deep: bool = False
    ) -> int:
        """One passage from blocks with their continuation paragraphs (``deep``: with all their items)."""
        if ctx.mode in ("skip", "appendix"):
            return 0
        lines = []

        def take(node: Block) -> None:
            if node.kind in ("item", "paragraph") and node.line is not None:
                lines.append(node.line)
            for child in node.children:
                if deep or child.continuation:
                    take(child)

        for b in blocks:
            take(b)
        if not lines:
            return 0
        line = join_lines(lines)
        return self._passage(line, ctx, own_only)

    def _passage(self, line: Line, ctx: Context, own_only: bool = False) -> int:
        """Split a passage by units and by separable reports, then add each part."""
        text = line.text

        marker = MARKER.match(text)
        if marker:
            at = marker.end()
            while at < len(text) and text[at] == " ":
                at += 1
            line = line.slice(at)
            text = line.text
        starts = [0]
        first, _ = self._own_subject(text)
        current = fold(first[0].name) if first else fold(ctx.units[0]) if ctx.units else ""
        for m in _SENTENCE.finditer(text):
            own, _ = _subject(text, m.end())
            if not own and _OPENER.match(text, m.end()):
                own, _ = _subject_after_opener(text, m.end())
            # Another unit's duty starts here; the same unit again only continues its own.
            if own and fold(own[0].name) != current:
                starts.append(m.end())
                current = fold(own[0].name)
        made = 0
        bounds = list(zip(starts, [*starts[1:], len(text)], strict=True))
        for a, b in bounds:
            part = line.slice(a, b)
            made += self._unit_part(
                part.slice(len(part.text) - len(part.text.lstrip())), ctx, own_only and a == 0
            )
        return made

    def _own_subject(self, text: str) -> tuple[list[UnitMatch], int]:
        """The passage's own subject: at the start, after an opening clause, or after a short label."""
        own, end = _subject(text)
        if not own and _OPENER.match(text):
            own, end = _subject_after_opener(text)
        if not own and _PROVINCE_SUBJECT.match(text) and self.recipient_units:
            return [UnitMatch(self.recipient_units[0], 0, 0)], text.index(" ") + 1
        label = None if own else _LABEL.match(text)
        if label:
            own, end = _subject(text, label.end())
            if not own and _OPENER.match(text, label.end()):
                own, end = _subject_after_opener(text, label.end())
        return own, end

    def _unit_part(self, line: Line, ctx: Context, own_only: bool) -> int:
        text = line.text
        own, end = self._own_subject(text)
        if own and own[0].start > 0 and not_task_reason(text):
            return 0
        if own and ctx.units and _is_directed(own[0].name, ctx.directed):
            # "Chỉ đạo các ngân hàng …, cụ thể:" — the directed units act for the unit that directs them.
            units = [ctx.units[0], *(u.name for u in own)]
            lead_reason = ctx.unit_reason + " Đơn vị được chỉ đạo là đơn vị phối hợp."
            duty_at = end
        elif own:
            units = [u.name for u in own]
            lead_reason = f"Đơn vị nêu trong đoạn: “{text[own[0].start : own[-1].end]}”."
            duty_at = end
        elif own_only:
            return 0
        elif ctx.units:
            units = list(ctx.units)
            lead_reason = ctx.unit_reason
            duty_at = 0
        elif ctx.mode == "full" and self.recipient_units:
            units = list(self.recipient_units)
            lead_reason = "Văn bản gửi chung các đơn vị ở phần “Kính gửi”."
            duty_at = 0
        else:
            return 0
        lead, coords = units[0], units[1:]
        if len(units) > 1 and _CHU_TRI.match(text, duty_at):
            lead_reason += " Đơn vị đầu tiên chủ trì."
        elif len(units) > 1:
            lead_reason += " Giao chung nhiều đơn vị: đơn vị nêu đầu là chủ trì."
        made = 0
        for n, (part_line, part_reason) in enumerate(self._report_split(line, duty_at)):
            duty = part_line.text[duty_at if n == 0 else 0 :].lstrip(" :,-–;")
            if not_task_reason(duty):
                continue
            deadline, dl_reason = self._deadline(part_line.text, ctx)
            reasons = {"lead": lead_reason, "deadline": dl_reason}
            if part_reason:
                reasons["split"] = part_reason
            part_coords = coords + [c for c in _coordinators(duty, set(units)) if c not in coords]
            self._add(part_line, lead, part_coords, deadline, ctx, reasons)
            made += 1
        return made

    def _report_split(self, line: Line, duty_at: int):
        """Separate a reporting duty that has its own recurring or dated deadline."""
        text = line.text
        if "Thời" in text and _INLINE_TIME.search(text):
            return [(line, "")]
        boundaries = [m.end() for m in _REPORT_CLAUSE.finditer(text, duty_at)]
        boundaries += [
            m.end() for m in _SENTENCE.finditer(text, duty_at) if "báo cáo" in text[m.end() : m.end() + 100]
        ]
        for at in sorted(set(boundaries)):
            after_comma = text[:at].rstrip().endswith(",")
            if after_comma and len(text[duty_at:at].split()) < 8:
                continue
            tail = text[at:]
            head = text[:at]
            if not _TIME_HINT.search(tail):
                continue
            tail_dl = pick_deadline(tail, self.doc.doc_date)
            if tail_dl.kind not in ("recurring", "date") or (tail_dl.recurrence or "").startswith("periodic"):
                continue
            # A dated report is its own duty only as its own sentence; "…, báo cáo … trước ngày X"
            # closes the same duty. A recurring report is separable even after a comma.
            if tail_dl.kind == "date" and after_comma:
                continue
            head_dl = pick_deadline(head, self.doc.doc_date)
            if head_dl.kind == tail_dl.kind:
                continue
            return [
                (line.slice(0, at), ""),
                (line.slice(at), "Tách phần báo cáo có thời hạn riêng."),
            ]
        return [(line, "")]

    def _deadline(self, text: str, ctx: Context) -> tuple[Deadline, str]:
        if "ưu tiên" in text:
            text = _PRIORITY_CLAUSE.sub(" ", text)
        inline = _INLINE_TIME.search(text) if "Thời" in text else None
        if inline:
            dl = parse_deadline(inline.group(1).strip(), self.doc.doc_date)
            if dl.kind != "none" or dl.text:
                return dl, f"Dòng “Thời gian”: {inline.group(1).strip()}. {dl.reason}"
        dl = pick_deadline(text, self.doc.doc_date) if _TIME_HINT.search(text) else NO_DEADLINE
        if dl.kind != "none":
            return dl, dl.reason
        if ctx.deadline is not None:
            return ctx.deadline, ctx.deadline_reason
        return dl, dl.reason or NO_DEADLINE.reason

    # --- tables ----------------------------------------------------------------------------

    def _table(self, table: Table, ctx: Context) -> int:
        if not table.is_task_list:
            return 0
        made = 0
        for row in table.rows:
            made += self._row(row, table, ctx)
        return made

    def _row(self, row: TableRow, table: Table, ctx: Context) -> int:
        task_cell = row.cells.get("task")
        lead_cell = row.cells.get("lead")
        if not task_cell or not lead_cell:
            return 0
        units = [u.name for u in find_units(lead_cell.text)] or [lead_cell.text.strip(" ;,.")]
        coord_text = row.get("coord")
        coords = units[1:] + [u.name for u in find_units(coord_text) if u.name not in units]
        if coord_text and not find_units(coord_text):
            coords.append(coord_text)
        time_text = row.get("time")
        deadline = parse_deadline(time_text, self.doc.doc_date) if time_text else NO_DEADLINE
        line = Line(task_cell.text, ((0, task_cell.start, len(task_cell.text)),))
        reasons = {
            "lead": f"Cột “chủ trì” của bảng phụ lục: {lead_cell.text}.",
            "deadline": (
                f"Cột “thời gian” của bảng: {time_text}. {deadline.reason}"
                if time_text
                else NO_DEADLINE.reason
            ),
        }
        if row.inherited:
            reasons["row"] = "Dòng phụ không đánh số: thừa hưởng ô gộp của dòng trên."
        section = (*ctx.section, row.group) if row.group else ctx.section
        budget = parse_amount(row.get("budget")) if row.get("budget") else None
        self._add(
            line,
            units[0],
            coords,
            deadline,
            replace(ctx, section=section),
            reasons,
            result_text=row.get("result"),
            budget=budget,
            source=row.get("source") or None,
            span=(row.start, row.end),
        )
        return 1

    # --- output ----------------------------------------------------------------------------

    def _add(
        self, line, lead, coords, deadline, ctx, reasons, result_text="", budget=None, source=None, span=None
    ):
        stripped = line.text.strip(" ,;")
        if stripped and stripped != line.text:
            at = line.text.index(stripped)
            line = line.slice(at, at + len(stripped))
        text = line.text
        target = find_target(result_text) if result_text else None
        target = target or find_target(text)
        if target:
            reasons.setdefault("target", f"Chỉ tiêu định lượng: “{target}”.")
        if budget is None:
            budget = find_budget(text)
            if budget is not None:
                reasons["budget"] = "Số tiền nêu trong đoạn (triệu đồng)."
        else:
            reasons["budget"] = "Cột “Kinh phí” của bảng (triệu đồng)."
        source = source or find_funding_source(text)
        if source:
            reasons.setdefault("funding_source", f"Nguồn kinh phí: “{source}”.")
        fan = _fan_out(lead)
        if fan:
            reasons["fan_out"] = "Giao chung cho các xã/phường/địa phương: mỗi đơn vị một nhiệm vụ."
        task = DraftTask(
            line=line,
            lead=lead,
            coordinators=[c for c in coords if c != lead],
            deadline=deadline,
            section=ctx.section,
            reasons=reasons,
            target=target,
            budget=budget,
            funding_source=source,
            fan_out=fan,
            span=span,
        )
        self.tasks.append(task)


def _detached(block: Block) -> Block:
    """The block's own line without its children (a lead-in sentence that is itself a duty)."""
    return Block(block.kind, line=block.line, marker=block.marker, key=block.key, body=block.body)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_tasks(root: Block, doc: DocInfo) -> list[DraftTask]:
    """Draft tasks of a document tree."""
    return TaskBuilder(doc).run(root)
