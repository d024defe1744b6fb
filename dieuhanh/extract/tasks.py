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

from dieuhanh.extract.amounts import find_budget, find_funding_source, find_target, parse_amount
from dieuhanh.extract.filters import not_task_reason
from dieuhanh.extract.normalize import MARKER, Line, join_lines
from dieuhanh.extract.sections import (
    APPENDIX,
    RECIPIENT_DOCS,
    REGULATION,
    Context,
    DocInfo,
    assigns_items,
    heading_mode,
)
from dieuhanh.extract.structure import Block
from dieuhanh.extract.subjects import (
    CHU_TRI,
    DIRECTS,
    LABEL,
    OPENER,
    PROVINCE_SUBJECT,
    coordinators,
    fan_out,
    is_directed,
    lead_in_units,
    subject,
    subject_after_opener,
)
from dieuhanh.extract.tables import Table, TableRow
from dieuhanh.extract.timing import (
    INLINE_TIME,
    NO_DEADLINE,
    passage_deadline,
    report_split,
    section_deadline,
    sentence_starts,
)
from dieuhanh.extract.units import (
    UnitMatch,
    find_units,
    has_duty_word,
    leading_units,
    unit_at,
    unit_list,
)
from dieuhanh.vn.deadlines import Deadline, parse_deadline, pick_deadline
from dieuhanh.vn.fold import fold

_FIELD = re.compile(
    r"^(?:(?P<lead>(?:Cơ quan|Đơn vị|cơ quan|đơn vị) (?:chủ trì|thực hiện))|(?P<coord>(?:Cơ quan|Đơn vị|cơ quan|đơn vị) phối hợp)"
    r"|(?P<time>Thời gian(?: [^:]{0,40})?|Thời hạn(?: [^:]{0,30})?|Tiến độ(?: [^:]{0,30})?)"
    r"|(?P<content>Nội dung(?: thực hiện| công việc)?|Nhiệm vụ(?: cụ thể)?)|(?P<result>Sản phẩm|Kết quả(?: dự kiến)?))\s*:\s*"
)


@dataclass(slots=True)
class DraftTask:
    """A task before it is frozen into the pipeline's ``ExtractedTask``.

    With slots: its fields are set and read without an instance dict."""

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


# "… làm việc với lãnh đạo thành phố Đà Nẵng về tình hình …": the place runs to "về" or the end.
_MEETING_PLACE = re.compile(
    r"làm việc với (?:lãnh đạo |ban thường vụ )?(?:[^,;]{0,30}? )?(tỉnh|thành phố) (\w+(?: \w+){0,2}?)(?= về |,|\s*$)",
    re.IGNORECASE,
)
# A reply to a company or a person: its paragraphs explain the law to them, they assign nothing
# unless they name the unit ("Đề nghị Công ty … kê khai bổ sung …").
_PRIVATE_PARTY = re.compile(
    r"(?:[Cc]ác )?(?:Công ty|Tổng công ty|Doanh nghiệp|Hợp tác xã|Chi nhánh|Ông|Bà)\b"
)
# A line that opens with a title ("Chủ tịch …", "Tổng giám đốc …").
_TITLE_OPENING = re.compile(
    r"(?:Chủ tịch|Tổng [Gg]iám đốc|Giám đốc|Bộ trưởng|Thủ trưởng|Người đứng đầu|Bí thư)\b"
)
# "giao" before a unit: a duty handed out explicitly.
_GIVES_TO_UNIT = re.compile(r"(?:^|[\s,;:])[Gg]iao (?:cho )?(?:các |Các )?[A-ZĐÂƯƠÔÊỦ]")
# A heading addressed to a class of units: "Đối với các cơ sở sản xuất …:".
_FOR_UNITS = re.compile(r"Đối với (?P<name>[Cc]ác [^:;.]{3,200}?)\s*:?$")
# A closing sentence about everything above it: "… các nội dung nêu trên", "các nhiệm vụ trên".
_ABOVE = re.compile(r"(?:nội dung|nhiệm vụ|yêu cầu|việc|vấn đề)(?: đã)? (?:nêu |được giao )?(?:ở )?trên\b")
# Citizens and private bodies, as the subject of a restriction.
_PUBLIC = re.compile(
    r"(?:[Cc]ác )?(?:tổ chức|cá nhân|người dân|Nhân dân|hộ gia đình|doanh nghiệp|Doanh nghiệp)\b"
)
# "Hạn chế …", after what is left of the subject ("cá nhân: Hạn chế …").
_RESTRICTION = re.compile(r"(?:[^:;.]{0,40}:\s*)?[Hh]ạn chế\b")
_CONDITIONAL = "Yêu cầu có điều kiện."
# The subject of a reply: "V/v trả lời kiến nghị của cử tri …".
_REPLY = re.compile(r"(?:v/v |ve viec )?tra loi\b")
# The opening of a reply, after the address of the one who asked: "Cục Thuế nhận được công văn số
# 12/CV-ABC ngày … của Công ty … hỏi về …", "Trả lời công văn số … của Hiệp hội …".
_ANSWERS_A_LETTER = re.compile(
    r"(?:\([^)]{0,200}\)\s*)?[^.;:]{0,120}?\b(?:(?:đã )?nhận được|trả lời) (?:các |bản )?"
    r"(?:công văn|văn bản|đơn|thư|kiến nghị|phiếu|câu hỏi|báo cáo)\b",
    re.IGNORECASE,
)
# A topic label before the assignment in a conclusion notice ("3. Về đề nghị của Tỉnh …: …").
_TOPIC_LABEL = re.compile(r"Về [^:]{3,600}?:\s+")

# An agreement, then the duty handed out in the same sentence ("Đồng ý về nguyên tắc đề xuất của
# Tỉnh; giao Bộ Tài chính chủ trì …", "Các Bộ thống nhất …; giao Bộ X …"): the unit after "giao" leads.
_AGREED_THEN_GIVES = re.compile(
    r"[^.;]{0,200}?\b(?:[Đđ]ồng ý|[Tt]hống nhất|[Nn]hất trí|[Gg]hi nhận|[Hh]oan nghênh)\b[^.;]{0,300}?"
    r"[;,]\s+(?:và\s+)?giao\s+(?:cho\s+)?(?=[A-ZĐỦ]|các\s)"
)

# An event that sets off a duty of its own: a relative deadline (labelling rule 8).
_EVENT_OPENER = re.compile(r"(?:Sau khi|Ngay sau khi)\s")

_ENACTING = re.compile(r"(?:QUYẾT ĐỊNH|CHỈ THỊ|QUYẾT NGHỊ|KẾT LUẬN)\s*:?$")


class TaskBuilder:
    """Walks the tree and collects draft tasks."""

    def __init__(self, doc: DocInfo):
        self.doc = doc
        self.tasks: list[DraftTask] = []
        # Passages that read like duties but were not proposed, with the reason (the review page
        # shows them, and a clerk can restore one).
        self.dropped: list[tuple[Line, str]] = []
        self.recipient_units = self._recipient_units()
        self.province = self._meeting_province() if doc.doc_type == "Thông báo" else None

    def _meeting_province(self) -> str | None:
        """The province a conclusion notice was written after working with, as its People's
        Committee ("… làm việc với lãnh đạo tỉnh Sơn La về …" → "Ủy ban nhân dân tỉnh Sơn La")."""
        subject_text = self.doc.subject or ""
        meeting = _MEETING_PLACE.search(subject_text)
        if not meeting:
            return None
        place = " ".join(w.capitalize() for w in meeting.group(2).split())
        return f"Ủy ban nhân dân {meeting.group(1).lower()} {place}"

    def _recipient_units(self) -> tuple[str, ...]:
        if self.doc.doc_type not in RECIPIENT_DOCS or _REPLY.match(fold(self.doc.subject or "")):
            # A reply explains to its addressee; it assigns only what it names a unit for.
            return ()
        province = self._meeting_province()
        if not self.doc.recipients and province:
            return (province,)
        names = []
        for r in self.doc.recipients:
            found, _ = leading_units(r.strip(" -;.,"))
            names.extend(u.name for u in found if not _PRIVATE_PARTY.match(u.name))
        return tuple(names)

    # --- walking -------------------------------------------------------------------------

    def run(self, root: Block) -> list[DraftTask]:
        mode = "full" if self.doc.doc_type in RECIPIENT_DOCS or not self.doc.doc_type else "explicit"
        ctx = Context(mode=mode)
        children = root.children
        # A decision's bases ("Căn cứ …", "Trên cơ sở …", "Theo đề nghị …") end at "QUYẾT ĐỊNH:".
        enacting = next((i for i, c in enumerate(children) if _ENACTING.match(c.text)), None)
        if enacting is not None:
            children = children[enacting:]
        children = self._without_addressee_lines(children)
        opening = [b for b in root.walk() if b.kind == "paragraph"][:4]
        if any(_ANSWERS_A_LETTER.match(b.text) for b in opening):
            # A reply explains the law to the one who asked; it assigns only what it names a unit for.
            self.recipient_units = ()
        if mode == "full":
            children = self._without_preamble(children)
        self._children(children, ctx, top=True)
        return self.tasks

    def _without_preamble(self, children: list[Block]) -> list[Block]:
        """The body from the lead-in of its numbered items on ("…, Thủ tướng Chính phủ yêu cầu:"
        then "1. …"): the paragraphs before it tell the situation, the bases and the aim of the
        letter (narrative, forecasts, thanks), which assign nothing."""
        lead_in = next(
            (
                i
                for i, c in enumerate(children)
                if c.kind == "paragraph"
                and c.text.endswith(":")
                and (
                    any(k.kind == "item" for k in c.children)
                    or (i + 1 < len(children) and children[i + 1].kind == "item")
                )
            ),
            None,
        )
        if not lead_in or any(c.kind != "paragraph" for c in children[:lead_in]):
            return children
        for c in children[:lead_in]:
            self.dropped.append((c.line.slice(c.body), "Đoạn mở đầu trước câu dẫn các mục."))
        return children[lead_in:]

    def _without_addressee_lines(self, children: list[Block]) -> list[Block]:
        """The body less the addressee lines a crawl left at its start ("Dân tộc và Tôn giáo, Y tế;",
        "- Công an Thành phố;" … "- Các đơn vị …."): short lines closed by ";", the last by ".",
        and lines of names without a duty word closed by "." (the rest of a wrapped addressee line,
        a long list of provinces). What a crawl glued under the last one is kept as body."""
        count = 0
        closed = False  # a line closed by "." ended the list; only lines of names may follow it
        for child in children:
            text = child.text
            # "Quốc phòng, Công an, Tài chính." or "- Bí thư …, Chủ tịch … các tỉnh: A, B, … ."
            names_only = not has_duty_word(text)
            if child.kind not in ("item", "paragraph") or len(text.split()) > (60 if names_only else 25):
                break
            if closed and not (names_only and text.endswith(".")):
                break
            if not (text.endswith(";") or (text.endswith(".") and (count or names_only))):
                break
            self.dropped.append((child.line.slice(child.body), "Dòng danh sách nơi gửi."))
            count += 1
            closed = text.endswith(".")
        if not count:
            return children
        glued = [replace(c, continuation=False) for c in children[count - 1].children if c.continuation]
        return [*glued, *children[count:]]

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
                title = child.text
                mode = (
                    "regulation"
                    if REGULATION.match(title)
                    else "appendix"
                    if APPENDIX.match(title)
                    else ctx.mode
                )
                local = ctx.but(units=(), mode=mode, section=(title,))
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
                if top and self._closing_deadline(child):
                    continue
                if local.mode != "skip" and text.endswith(":") and not child.children:
                    units = _addressed_units(text)
                    if units and all(self.doc.is_issuer(u) for u in units):
                        # "Ủy ban nhân dân tỉnh … triển khai … như sau:": the issuer introducing its
                        # own text addresses nobody, and its items keep the units they name.
                        self.dropped.append((child.line, "Câu dẫn của cơ quan ban hành, không giao việc."))
                        continue
                    if units:
                        made += flush()
                        local = local.but(units=tuple(units), unit_reason=f"Câu dẫn: “{_short(text)}”.")
                        lead_dl = section_deadline(text, self.doc.doc_date)
                        if lead_dl:
                            local = local.but(
                                deadline=lead_dl, deadline_reason="Thời hạn chung nêu ở câu dẫn."
                            )
                        continue
                field_m = _FIELD.match(text)
                if field_m and field_m.group("time") and not group:
                    dl = parse_deadline(text[field_m.end() :], self.doc.doc_date)
                    if dl.kind != "none" or dl.text:
                        local = local.but(deadline=dl, deadline_reason="“Thời gian thực hiện” chung của mục.")
                    continue
                own, _ = subject(text)
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

    def _later_clause_has_deadline(self, text: str) -> bool:
        """Whether a clause after the first one ("…; hoàn thành trước ngày 30/6/2026") states a
        date or period."""
        m = re.search(r"[;.]\s", text)
        return bool(m) and pick_deadline(text[m.end() :], self.doc.doc_date).kind in ("date", "period")

    def _closing_deadline(self, block: Block) -> bool:
        """A closing sentence that sets one deadline for every item above it ("… bảo đảm đến hết
        tháng 12 năm 2025 giải quyết dứt điểm … các nội dung nêu trên./."): the items without a
        deadline of their own take it, and the sentence is no task of its own."""
        text = block.text
        if not _ABOVE.search(text) or not self.tasks:
            return False
        deadline = pick_deadline(text, self.doc.doc_date)
        if deadline.kind not in ("date", "period"):
            return False
        for task in self.tasks:
            if task.deadline.kind == "none" and not task.deadline.text:
                task.deadline = deadline
                task.reasons["deadline"] = f"Thời hạn chung ở câu kết: “{_short(text)}”. {deadline.reason}"
        self.dropped.append((block.line, "Câu kết nêu thời hạn chung cho các nội dung trên."))
        return True

    def _item(self, block: Block, ctx: Context) -> int:
        text = block.text
        sub = [c for c in block.children if not c.continuation]
        if not sub:
            return self._passage_blocks([block], ctx)
        # A block whose text ends with ":" is heading-like.
        if block.heading_like:
            mode = heading_mode(text, self.doc, ctx.mode)
            if mode == "skip" and self._addressing_sentence(text):
                # "Căn cứ …, các Sở … quán triệt …. Đồng thời, yêu cầu các Sở, ban, ngành tổ chức
                # thực hiện các công tác sau:" opens with a basis but hands its items to units.
                mode = ctx.mode
            if mode == "skip":
                return self._assigning_lead_ins(block, ctx)
            child_ctx = self._heading_context(text, ctx, mode)
            fields = self._fields(sub)
            if fields and all(_FIELD.match(c.text) or _duty_list(c) for c in sub if c.kind == "item"):
                return self._structured(block, sub, child_ctx, fields)
            shared = self._shared_time(sub)
            if shared is not None:
                child_ctx = child_ctx.but(
                    deadline=shared, deadline_reason="Dòng “Thời gian” chung sau các ý của mục."
                )
            made = self._children(block.children, child_ctx)
            if made:
                return made
            if not text.endswith(":") or not has_duty_word(text):
                return 0  # a label over figures ("Mức giá bán lẻ tối đa:") is no duty either
            if any(not _leaf(c) for c in sub):
                return 0  # its items are sections of their own (a narrative "… như sau:" over them)
            # Its items were only content (documents, report fields): the lead-in is the task.
            return self._passage_blocks([block], ctx, deep=True)
        if ctx.mode in ("skip", "appendix", "regulation"):
            return 0
        child_ctx = ctx.but(section=(*ctx.section, _short(text, 60)))
        own, end = self._own_subject(text)
        if (
            own
            and not is_directed(own[0].name, ctx.directed)
            and not not_task_reason(text[end:].lstrip(" :,"))
            and all(c.key in ("dash", "plus") for c in sub)
        ):
            # "1. Các cơ quan, đơn vị … xây dựng kế hoạch …." then "- Giới thiệu …", "- Báo cáo …":
            # the bullets after a duty sentence are further duties of its subject.
            child_ctx = child_ctx.but(
                units=tuple(u.name for u in own), unit_reason=f"Chủ thể của mục: “{_short(text)}”."
            )
        fields = self._fields(sub)
        if fields:
            return self._structured(block, sub, child_ctx, fields)
        made = self._children(sub, child_ctx)
        if made:
            conts = [c for c in block.children if c.continuation]
            return made + self._passage_blocks([_detached(block), *conts], ctx, own_only=True)
        return self._passage_blocks([block], ctx)

    def _addressing_sentence(self, text: str) -> bool:
        """Whether a lead-in is a sentence (not a short heading such as "Căn cứ pháp lý:") that
        names the units it addresses after "yêu cầu/đề nghị/giao", other than the issuer."""
        if not text.endswith(":") or len(text.split()) < 15:
            return False
        units = _addressed_units(text)
        return bool(units) and not all(self.doc.is_issuer(u) for u in units)

    def _assigning_lead_ins(self, block: Block, ctx: Context) -> int:
        """In a section that gives no tasks (an evaluation, criteria), what still hands out duties:
        "Để …, Tỉnh cần tập trung thực hiện tốt một số nhiệm vụ sau:" with its items, and an item
        that gives a duty to a named unit ("…, giao Sở Y tế …")."""
        made = 0
        for child in block.children:
            if child.children and heading_mode(child.text, self.doc, "skip") == "full":
                made += self._item(child, ctx.but(mode="full"))
            elif _GIVES_TO_UNIT.search(child.text[:300]) and self._own_subject(child.text)[0]:
                # "Trên cơ sở kết quả …, giao Sở Y tế thành lập đoàn kiểm tra …" in a criteria section
                made += self._item(child, ctx.but(mode="full"))
        return made

    def _heading_context(self, text: str, ctx: Context, mode: str) -> Context:
        """What a heading or lead-in (not skipped) says about its items."""
        changes: dict[str, object] = {"section": (*ctx.section, _short(text, 60)), "mode": mode}
        units = _addressed_units(text)
        if not units and assigns_items(text):
            units = _last_clause_subject(text)
        addressed = None if units else _FOR_UNITS.match(text)
        if addressed and unit_at(addressed.group("name"), 0):
            # "9.1. Đối với các cơ sở sản xuất có lưu lượng khí thải lớn:" then its duties.
            name = addressed.group("name")
            units = [name[0].upper() + name[1:]]
        if units:
            changes["units"] = tuple(units)
            changes["unit_reason"] = f"Tiêu đề/câu dẫn: “{_short(text)}”."
        directs = DIRECTS.match(text)
        if directs:
            directed, _ = unit_list(text, directs.end())
            changes["directed"] = frozenset(fold(u.name) for u in directed)
        dl = section_deadline(text, self.doc.doc_date)
        if dl:
            changes["deadline"] = dl
            changes["deadline_reason"] = "Thời hạn chung nêu ở câu dẫn của mục."
        return ctx.but(**changes)

    def _shared_time(self, sub: list[Block]) -> Deadline | None:
        """A "Thời gian …:" line after the last of several items, when no other item has one."""
        items = [c for c in sub if c.kind == "item"]
        if len(items) < 2:
            return None

        def time_lines(block: Block) -> list[str]:
            return [c.text for c in block.children if c.continuation and INLINE_TIME.match(c.text)]

        last = time_lines(items[-1])
        if not last or any(time_lines(b) or INLINE_TIME.search(b.text) for b in items[:-1]):
            return None
        m = INLINE_TIME.match(last[0])
        dl = parse_deadline(m.group(1).strip(), self.doc.doc_date)
        return dl if dl.kind != "none" or dl.text else None

    # --- fields ("Cơ quan chủ trì: …", "Thời gian thực hiện: …") -----------------------------

    def _fields(self, blocks: list[Block]) -> dict[str, tuple[Block, str]]:
        """The slots of an item: "Cơ quan chủ trì: …", "Thời gian thực hiện: …", "Nhiệm vụ:" … A slot
        left empty whose own items are slots ("b) Cơ quan thực hiện:" then "- Đơn vị chủ trì: …")
        is read through."""
        out: dict[str, tuple[Block, str]] = {}
        for b in blocks:
            m = _FIELD.match(b.text)
            if not m:
                continue
            value = b.text[m.end() :].strip()
            if not value and m.group("lead") and b.children:
                for role, found in self._fields(b.children).items():
                    out.setdefault(role, found)
            for role in ("lead", "coord", "time", "content", "result"):
                if m.group(role) and role not in out:
                    out[role] = (b, value)
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
        duties = _slot_duties(sub, fields)
        if duties:
            # "a) Nhiệm vụ:" with several "- …" duties: one task each, with the item's slots.
            return sum(self._structured_task(d.line, units, fields, ctx) for d in duties)
        parts = [block.line.slice(block.body)]
        if "content" in fields:
            parts.append(fields["content"][0].line)
        return self._structured_task(join_lines(parts), units, fields, ctx)

    def _structured_task(self, line: Line, units: list[str], fields, ctx: Context) -> int:
        lead_text = fields.get("lead", (None, ""))[1]
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
            line,
            units[0],
            coords,
            deadline,
            ctx.section,
            reasons,
            result_text=fields.get("result", (None, ""))[1],
        )
        return 1

    # --- passages --------------------------------------------------------------------------

    def _passage_blocks(
        self, blocks: list[Block], ctx: Context, own_only: bool = False, deep: bool = False
    ) -> int:
        """One passage from blocks with their continuation paragraphs (``deep``: with all their items)."""
        if ctx.mode in ("skip", "appendix", "regulation"):
            return 0
        lines: list[Line] = []
        for b in blocks:
            _take_lines(b, deep, lines)
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
        sentences = sentence_starts(text)
        if sentences:  # one sentence is one part: whose it is does not matter here
            first, _ = self._own_subject(text)
            current = fold(first[0].name) if first else fold(ctx.units[0]) if ctx.units else ""
        for at in sentences:
            own, _ = subject(text, at)
            event = False
            if not own and OPENER.match(text, at):
                own, _ = subject_after_opener(text, at)
                event = bool(own) and _EVENT_OPENER.match(text, at) is not None
            # Another unit's duty starts here; the same unit again only continues its own, unless
            # it is set off by an event ("Sau khi phương án … được thông qua, Bộ Tài chính …").
            if own:
                unit = fold(own[0].name)
                if unit != current or event:
                    starts.append(at)
                    current = unit
        made = 0
        bounds = list(zip(starts, [*starts[1:], len(text)], strict=True))
        for a, b in bounds:
            part = line.slice(a, b)
            made += self._unit_part(
                part.slice(len(part.text) - len(part.text.lstrip())), ctx, own_only and a == 0
            )
        return made

    def _own_subject(self, text: str) -> tuple[list[UnitMatch], int]:
        """The passage's own subject: at the start, after an opening clause, after a topic label
        ("Về đề nghị …: Giao Bộ X …") or after a short label."""
        topic = _TOPIC_LABEL.match(text)
        agreed = _AGREED_THEN_GIVES.match(text, topic.end() if topic else 0)
        if agreed:
            own, end = subject(text, agreed.end())
            if own:
                return own, end
        own, end = subject(text)
        if not own and OPENER.match(text):
            own, end = subject_after_opener(text)
        if not own and PROVINCE_SUBJECT.match(text) and self.recipient_units:
            return [UnitMatch(self.recipient_units[0], 0, 0)], text.index(" ") + 1
        topic = None if own else _TOPIC_LABEL.match(text)
        if topic:
            # "Về đề nghị hỗ trợ kinh phí …: Giao Bộ Tài chính chủ trì …": the unit after the topic.
            own, end = subject(text, topic.end())
            if own:
                return own, end
        label = None if own else LABEL.match(text)
        if label:
            own, end = subject(text, label.end())
            if not own and OPENER.match(text, label.end()):
                own, end = subject_after_opener(text, label.end())
        return own, end

    def _unit_part(self, line: Line, ctx: Context, own_only: bool) -> int:
        text = line.text
        own, end = self._own_subject(text)
        # Words before the subject ("Trường hợp …, Sở X …") can make the passage no duty.
        opened = bool(own) and own[0].start > 0
        if own and ctx.units and is_directed(own[0].name, ctx.directed):
            # "Chỉ đạo các ngân hàng …, cụ thể:" — the directed units act for the unit that directs them.
            units = [ctx.units[0], *(u.name for u in own)]
            lead_reason = ctx.unit_reason + " Đơn vị được chỉ đạo là đơn vị phối hợp."
            duty_at = end
        elif own:
            if text.endswith(":") and all(self.doc.is_issuer(u.name) for u in own):
                # "… UBND tỉnh phát động Đợt thi đua … với những nội dung như sau:" after the bases.
                self.dropped.append((line, "Câu dẫn của cơ quan ban hành, không giao việc."))
                return 0
            units = [u.name for u in own]
            lead_reason = f"Đơn vị nêu trong đoạn: “{text[own[0].start : own[-1].end]}”."
            duty_at = end
        elif own_only:
            return 0  # the lead-in of items already taken: nothing of its own is lost
        elif ctx.units:
            units = list(ctx.units)
            lead_reason = ctx.unit_reason
            duty_at = 0
        elif ctx.mode == "full" and self.recipient_units:
            units = list(self.recipient_units)
            lead_reason = "Văn bản gửi chung các đơn vị ở phần “Kính gửi”."
            duty_at = 0
        else:
            if ctx.mode == "full" and not not_task_reason(text):
                self.dropped.append((line, "Đoạn không nêu đơn vị thực hiện."))
            return 0
        label = _TOPIC_LABEL.match(text)
        if label and heading_mode(label.group()[:-1], self.doc, "full") == "skip":
            # "Về tồn tại, hạn chế: Ban Chỉ đạo … chỉ ra …": an assessment under an inline label.
            self.dropped.append((line, "Đánh giá tình hình, không phải nhiệm vụ."))
            return 0
        topic = label if not duty_at else None
        if topic:
            duty_at = topic.end()  # the duty is what follows the topic label
        lead, coords = units[0], units[1:]
        if len(units) > 1 and CHU_TRI.match(text, duty_at):
            lead_reason += " Đơn vị đầu tiên chủ trì."
        elif len(units) > 1:
            lead_reason += " Giao chung nhiều đơn vị: đơn vị nêu đầu là chủ trì."
        made = 0
        for n, (part_line, part_reason) in enumerate(report_split(line, duty_at, self.doc.doc_date)):
            duty = part_line.text[duty_at if n == 0 else 0 :].lstrip(" :,-–;")
            reason = (
                (n == 0 and opened and not_task_reason(part_line.text))
                or not_task_reason(duty)
                or _addressee_line(part_line.text, duty)
                or (not duty_at and _object_only(duty))
                or _restriction_on_the_public(duty, lead)
            )
            if reason == _CONDITIONAL and self._later_clause_has_deadline(part_line.text):
                reason = None  # the condition sits beside a clause that carries the deadline
            if reason:
                self.dropped.append((part_line, reason))
                continue
            deadline, dl_reason = passage_deadline(
                part_line.text, self.doc.doc_date, ctx.deadline, ctx.deadline_reason
            )
            reasons = {"lead": lead_reason, "deadline": dl_reason}
            if part_reason:
                reasons["split"] = part_reason
            part_coords = coords + [c for c in coordinators(duty, set(units)) if c not in coords]
            self._add(part_line, lead, part_coords, deadline, ctx.section, reasons, addressees=units)
            made += 1
        return made

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
        coord_units = find_units(coord_text)
        coords = units[1:] + [u.name for u in coord_units if u.name not in units]
        if coord_text and not coord_units:
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
            section,
            reasons,
            result_text=row.get("result"),
            budget=budget,
            source=row.get("source") or None,
            span=(row.start, row.end),
        )
        return 1

    # --- output ----------------------------------------------------------------------------

    def _add(
        self,
        line,
        lead,
        coords,
        deadline,
        section,
        reasons,
        result_text="",
        budget=None,
        source=None,
        span=None,
        addressees=(),
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
        # A duty for every commune, as lead or as one of the units it is given to jointly.
        fan = fan_out(lead) or any(fan_out(u) for u in addressees if u != lead)
        if fan:
            reasons["fan_out"] = "Giao chung cho các xã/phường/địa phương: mỗi đơn vị một nhiệm vụ."
        task = DraftTask(
            line=line,
            lead=lead,
            coordinators=[c for c in coords if c != lead],
            deadline=deadline,
            section=section,
            reasons=reasons,
            target=target,
            budget=budget,
            funding_source=source,
            fan_out=fan,
            span=span,
        )
        self.tasks.append(task)


def _addressed_units(lead_in: str) -> list[str]:
    """The units a lead-in addresses; none for the opening of a reply, which names who asked
    ("Trả lời công văn số … của Hiệp hội …, Cục Thuế có ý kiến như sau:")."""
    return [] if _ANSWERS_A_LETTER.match(lead_in) else lead_in_units(lead_in)


def _take_lines(node: Block, deep: bool, lines: list[Line]) -> None:
    """The lines of ``node`` and of its continuations (``deep``: of all its children), in order.

    A module function rather than a closure: a closure that calls itself is a reference cycle,
    which only the garbage collector frees (with every line it holds)."""
    if node.kind in ("item", "paragraph") and node.line is not None:
        lines.append(node.line)
    for child in node.children:
        if deep or child.continuation:
            _take_lines(child, deep, lines)


def _addressee_line(text: str, duty: str) -> str | None:
    """A line of the addressee list that the crawl left in the body: titles and units, no duty
    ("Chủ tịch Hội đồng thành viên, Tổng giám đốc các Tập đoàn, Tổng công ty …;")."""
    if not duty.strip(" .;,") or (_TITLE_OPENING.match(text) and not has_duty_word(text)):
        return "Dòng danh sách nơi gửi, không giao việc."
    names, end = unit_list(text)
    if names and len(text.split()) <= 8 and not has_duty_word(text[end:]):
        return "Chỉ nêu tên đơn vị, không giao việc."
    return None


def _object_only(duty: str) -> str | None:
    """A short item without a verb under a lead-in ("… phê duyệt phương án xử lý tài sản đối với:"
    then "b) Tài sản xe ô tô;"): the object of the lead-in's duty, not a duty of its own."""
    if len(duty.split()) < 8 and not has_duty_word(duty[:1].lower() + duty[1:]):
        return "Chỉ nêu đối tượng của câu dẫn, không phải nhiệm vụ."
    return None


def _restriction_on_the_public(duty: str, lead: str) -> str | None:
    """ "Các tổ chức, cá nhân: Hạn chế khoan giếng …" restricts citizens; "Sở Y tế hạn chế …" may be
    a duty."""
    if _RESTRICTION.match(duty) and _PUBLIC.match(lead):
        return "Hạn chế đối với người dân, không phải nhiệm vụ."
    return None


def _leaf(block: Block) -> bool:
    """A block with nothing under it but its own continuation paragraphs."""
    return all(c.continuation for c in block.children)


# The clauses of the lead-in's last sentence: after its last ". " or "; ", then after each comma.
_CLAUSE_END = re.compile(r"[.;]\s")


def _last_clause_subject(text: str) -> list[str]:
    """The units of a lead-in whose subject comes after its bases ("…; căn cứ phương hướng đã nêu,
    Văn phòng A và các văn phòng B cụ thể hoá …, cần tập trung các nhiệm vụ sau:")."""
    starts = [m.end() for m in _CLAUSE_END.finditer(text)]
    found, _ = subject_after_opener(text, starts[-1] if starts else 0)
    return [u.name for u in found]


def _duty_list(block: Block) -> bool:
    """An item that lists duties in its own items ("- Các nội dung hỗ trợ gồm:" then "+ …")."""
    return block.text.endswith(":") and any(c.kind == "item" for c in block.children)


def _slot_duties(sub: list[Block], fields) -> list[Block]:
    """The duties listed in an item's "Nhiệm vụ:" slot, or under a lead-in beside its slots."""
    content = fields.get("content", (None, ""))
    holders = [content[0]] if content[0] is not None and not content[1] else []
    holders += [b for b in sub if b.kind == "item" and not _FIELD.match(b.text) and _duty_list(b)]
    return [c for h in holders for c in h.children if c.kind == "item" and not _FIELD.match(c.text)]


def _detached(block: Block) -> Block:
    """The block's own line without its children (a lead-in sentence that is itself a duty)."""
    return Block(block.kind, line=block.line, marker=block.marker, key=block.key, body=block.body)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_tasks(root: Block, doc: DocInfo) -> tuple[list[DraftTask], list[tuple[Line, str]]]:
    """Draft tasks of a document tree, and the passages left out with the reason why."""
    builder = TaskBuilder(doc)
    return builder.run(root), builder.dropped
