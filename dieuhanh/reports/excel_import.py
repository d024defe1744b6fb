"""Import tasks a commune already keeps in a spreadsheet, with a preview and row-by-row errors.

`read_import()` reads and checks every row without saving anything; the
preview lists each row with its errors in Vietnamese. `apply_import()` saves
in one transaction, and only when the whole file is valid, unless the person
chose to import only the valid rows. Units are matched by name, short name,
code or alias (folded, so "Phòng VHXH" finds "Phòng Văn hóa - Xã hội");
deadlines written as phrases go through the extraction's deadline parser.
A row whose "Mã" is a task of the same organisation updates that task, so an
exported file imports back unchanged — when the importer may change that task; its
"Trạng thái" goes through the approval flow (see `excel_import_access`).
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from openpyxl import load_workbook

from dieuhanh.core.audit import acting_as
from dieuhanh.core.xlsx import Column, add_sheet, new_workbook, workbook_bytes
from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit, UnitAlias
from dieuhanh.reports.excel_export import TASK_COLUMNS, TASK_SHEET
from dieuhanh.reports.excel_import_access import plan_rows, take_step
from dieuhanh.reports.formatting import vn_date
from dieuhanh.tasks.access import MANAGERS
from dieuhanh.tasks.constants import DeadlineKind, TaskState
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.recurrence import create_occurrences
from dieuhanh.vn.deadlines import parse_deadline
from dieuhanh.vn.fold import fold_key

HEADERS = {
    "ma": "id",
    "noi dung nhiem vu": "text",
    "noi dung": "text",
    "nhiem vu": "text",
    "tom tat": "summary",
    "don vi chu tri": "lead",
    "chu tri": "lead",
    "don vi phoi hop": "coordinators",
    "phoi hop": "coordinators",
    "thoi han": "deadline",
    "thoi gian hoan thanh": "deadline",
    "thoi han nguyen van": "deadline_text",
    "chi tieu san pham": "target",
    "chi tieu": "target",
    "kinh phi trieu dong": "budget",
    "kinh phi": "budget",
    "nguon kinh phi": "funding_source",
    "trang thai": "state",
    "ngay hoan thanh": "completed_on",
    "thoi han ban dau": "original_deadline",
}
STATES = {fold_key(label): value for value, label in TaskState.choices} | {
    "da hoan thanh": TaskState.DONE,
    "chua hoan thanh": TaskState.OPEN,
    "dang trien khai": TaskState.OPEN,
}
HEADER_SCAN_ROWS = 15
MAX_ROWS = 5000


class ImportFileError(ValueError):
    """The file cannot be read as a task list; the message is in Vietnamese."""


@dataclass
class RowResult:
    number: int
    text: str
    lead: str
    deadline: str
    errors: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ImportPreview:
    organisation: Unit
    rows: list[RowResult]

    @property
    def valid_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.is_valid]

    @property
    def invalid_rows(self) -> list[RowResult]:
        return [r for r in self.rows if not r.is_valid]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.invalid_rows


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: int
    completion_requests: int = 0  # rows marked done that now wait for a leader's approval


class UnitDirectory:
    """Every unit under an organisation, by folded name, short name, code and alias."""

    def __init__(self, organisation: Unit):
        self.keys: dict[str, set[int]] = {}
        self.units = {u.pk: u for u in organisation.subtree()}
        for unit in self.units.values():
            for key in (unit.name, unit.short_name, unit.code):
                self._add(fold_key(key), unit.pk)
        for alias in UnitAlias.objects.filter(unit_id__in=self.units):
            self._add(alias.folded, alias.unit_id)

    def _add(self, key: str, pk: int):
        if key:
            self.keys.setdefault(key, set()).add(pk)

    def find(self, name: str) -> tuple[Unit | None, str | None]:
        found = self.keys.get(fold_key(name), set())
        if len(found) == 1:
            return self.units[next(iter(found))], None
        if found:
            return None, f"Tên đơn vị “{name}” trùng với nhiều đơn vị; ghi tên đầy đủ."
        return None, f"Không tìm thấy đơn vị “{name}” trong {next(iter(self.units.values())).name}."


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, label: str, errors: list[str]) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(f"{label} “{text}” không phải ngày (dd/mm/yyyy).")
    return None


def _budget(value, errors: list[str]) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
    else:
        text = _text(value).lower().replace("trđ", "").replace("triệu đồng", "").replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
            text = text.replace(".", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            errors.append(f"Kinh phí “{_text(value)}” không phải số (triệu đồng).")
            return None
    if amount < 0:
        errors.append("Kinh phí không được âm.")
        return None
    return amount.quantize(Decimal("0.001"))


def _deadline(cell, written: str, errors: list[str]) -> dict:
    """Deadline fields from the "Thời hạn" cell (a date or a phrase) and the phrase column."""
    data = {
        "deadline": None,
        "deadline_kind": DeadlineKind.NONE,
        "deadline_text": written,
        "recurrence": "",
        "is_series": False,
    }
    if isinstance(cell, datetime.date | datetime.datetime):
        data["deadline"] = cell.date() if isinstance(cell, datetime.datetime) else cell
        kind = parse_deadline(written).kind if written else "date"
        data["deadline_kind"] = kind if kind in ("date", "period") else DeadlineKind.DATE
        return data
    phrase = _text(cell) or written
    if not phrase:
        return data
    parsed = parse_deadline(phrase)
    data["deadline_text"] = written or phrase
    if parsed.kind in ("date", "period"):
        if parsed.date is None:
            errors.append(f"Thời hạn “{phrase}” không xác định được ngày.")
        data["deadline"], data["deadline_kind"] = parsed.date, parsed.kind
    elif parsed.kind == "recurring":
        data.update(deadline_kind=DeadlineKind.RECURRING, recurrence=parsed.recurrence or "", is_series=True)
    elif parsed.kind == "relative":
        data.update(
            deadline_kind=DeadlineKind.RELATIVE,
            relative_days=parsed.count,
            relative_working_days=parsed.working_days,
            relative_trigger=parsed.trigger or "",
        )
    return data


def _check_row(values: dict, directory: UnitDirectory, number: int) -> RowResult:
    errors: list[str] = []
    text = _text(values.get("text"))
    lead_name = _text(values.get("lead"))
    if not text:
        errors.append("Thiếu nội dung nhiệm vụ.")
    lead = None
    if not lead_name:
        errors.append("Thiếu đơn vị chủ trì.")
    else:
        lead, problem = directory.find(lead_name)
        if problem:
            errors.append(problem)
    coordinators = []
    for name in (n.strip() for n in _text(values.get("coordinators")).replace(",", ";").split(";")):
        if not name:
            continue
        unit, problem = directory.find(name)
        if problem:
            errors.append(problem)
        elif lead is not None and unit.pk == lead.pk:
            errors.append(f"“{name}” vừa là đơn vị chủ trì vừa là đơn vị phối hợp.")
        else:
            coordinators.append(unit.pk)
    data = _deadline(values.get("deadline"), _text(values.get("deadline_text")), errors)
    state_text = _text(values.get("state"))
    state = STATES.get(fold_key(state_text), None) if state_text else TaskState.OPEN
    if state is None:
        errors.append(f"Trạng thái “{state_text}” không hợp lệ (Đang thực hiện, Hoàn thành, Tạm hoãn, Hủy).")
    completed_on = _date(values.get("completed_on"), "Ngày hoàn thành", errors)
    if state == TaskState.DONE and completed_on is None:
        errors.append("Nhiệm vụ đã hoàn thành cần có ngày hoàn thành.")
    if completed_on is not None and state not in (TaskState.DONE, TaskState.AWAITING_APPROVAL):
        errors.append("Chỉ ghi ngày hoàn thành khi nhiệm vụ đã hoàn thành.")
    original = _date(values.get("original_deadline"), "Thời hạn ban đầu", errors)
    task_id = values.get("id")
    data.update(
        id=int(task_id) if isinstance(task_id, int | float) or _text(task_id).isdigit() else None,
        text=text,
        summary=_text(values.get("summary"))[:300],
        lead_unit_id=lead.pk if lead else None,
        coordinators=sorted(set(coordinators)),
        target=_text(values.get("target"))[:300],
        budget=_budget(values.get("budget"), errors),
        funding_source=_text(values.get("funding_source"))[:200],
        state=state,
        completed_on=completed_on,
        original_deadline=original or data["deadline"],
    )
    shown = vn_date(data["deadline"]) or data["deadline_text"]
    return RowResult(number, text[:160], lead_name, shown, errors, data)


def _header_map(row) -> dict[int, str]:
    return {i: HEADERS[fold_key(_text(v))] for i, v in enumerate(row) if fold_key(_text(v)) in HEADERS}


def require_importer(access: Access, organisation: Unit) -> None:
    """The organisation's admins, leaders and trackers import its tasks, as themselves."""
    if access.user is None:
        raise ImportFileError(
            "Cần biết người nhập: nhiệm vụ được cập nhật theo quyền của người đó (dòng lệnh: --user)."
        )
    if not access.acts_for(organisation, MANAGERS):
        raise ImportFileError(f"Bạn không có quyền nhập nhiệm vụ cho {organisation.name}.")


def read_import(source, organisation: Unit, user=None) -> ImportPreview:
    """Read an .xlsx (path, bytes or file) and check every row; nothing is saved.

    With `user`, each row is also checked against what that person may change.
    """
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFileError("Không đọc được tệp: cần tệp Excel (.xlsx).") from exc
    sheet = wb[TASK_SHEET] if TASK_SHEET in wb.sheetnames else wb.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    columns, number = {}, 0
    for number, row in enumerate(rows, start=1):
        columns = _header_map(row)
        if {"text", "lead"} <= set(columns.values()) or number >= HEADER_SCAN_ROWS:
            break
    if not {"text", "lead"} <= set(columns.values()):
        raise ImportFileError(
            "Không tìm thấy dòng tiêu đề có cột “Nội dung nhiệm vụ” và “Đơn vị chủ trì” "
            "(xem trang Hướng dẫn của tệp mẫu)."
        )
    directory = UnitDirectory(organisation)
    results = []
    header_row = number
    for number, row in enumerate(rows, start=header_row + 1):
        values = {name: row[i] for i, name in columns.items() if i < len(row)}
        if all(_text(v) == "" for v in values.values()):
            continue
        if len(results) >= MAX_ROWS:
            raise ImportFileError(f"Tệp có quá {MAX_ROWS} dòng nhiệm vụ; hãy chia thành nhiều tệp.")
        results.append(_check_row(values, directory, number))
    wb.close()
    if user is not None:
        access = Access.of(user)
        require_importer(access, organisation)
        plan_rows(results, organisation, access)
    return ImportPreview(organisation=organisation, rows=results)


FIELDS = [
    "text",
    "summary",
    "lead_unit_id",
    "deadline",
    "deadline_kind",
    "deadline_text",
    "recurrence",
    "is_series",
    "target",
    "budget",
    "funding_source",
    "original_deadline",
]


def apply_import(preview: ImportPreview, user, valid_only: bool = False) -> ImportResult:
    """Save the rows in one transaction as `user`; refuse a file with errors unless `valid_only`.

    The rows are checked again against `user` first: the preview may have been made earlier,
    or by someone else.
    """
    org = preview.organisation
    access = Access.of(user)
    require_importer(access, org)
    plans = plan_rows(preview.valid_rows, org, access)
    if preview.invalid_rows and not valid_only:
        raise ImportFileError(
            f"Tệp còn {len(preview.invalid_rows)} dòng lỗi; sửa lỗi hoặc chọn chỉ nhập các dòng hợp lệ."
        )
    created = updated = unchanged = requests = 0
    with transaction.atomic(), acting_as(user, note="nhập nhiệm vụ từ Excel"):
        for row in preview.valid_rows:
            plan = plans[row.number]
            data = dict(row.data)
            coordinators = data.pop("coordinators")
            done_on = data.pop("completed_on")
            del data["id"], data["state"]
            if plan.task is None:
                task = _create(org, user, data, coordinators)
                created += 1
            elif _update(plan.task, data, coordinators) or plan.step:
                task = plan.task
                updated += 1
            else:
                unchanged += 1
                continue
            if plan.step:
                try:
                    take_step(plan.step, task, user, done_on)
                except ServiceError as exc:
                    raise ImportFileError(f"Dòng {row.number}: {exc}") from None
                requests += task.state == TaskState.AWAITING_APPROVAL
    return ImportResult(created, updated, unchanged, len(preview.invalid_rows), requests)


def add_task(organisation: Unit, user, values: dict) -> Task:
    """One new task written as a row of the sheet (the API's task creation): the same checks, the
    same rights and the same saving as the import; ImportFileError says what is wrong.

    `values` has the sheet's columns (HEADERS): text, lead, coordinators, deadline, ... .
    """
    require_importer(Access.of(user), organisation)
    row = _check_row({**values, "id": None, "state": ""}, UnitDirectory(organisation), 1)
    if row.errors:
        raise ImportFileError(" ".join(row.errors))
    data = dict(row.data)
    coordinators = data.pop("coordinators")
    for name in ("id", "state", "completed_on"):
        del data[name]
    with transaction.atomic(), acting_as(user):
        return _create(organisation, user, data, coordinators)


def _create(org: Unit, user, data: dict, coordinators: list[int]) -> Task:
    task = Task(owner=org, created_by=user, **data)
    task.save()
    task.coordinators.set(coordinators)
    if task.deadline_kind == DeadlineKind.RECURRING:
        create_occurrences(task, actor=user)
    return task


def _update(task: Task, data: dict, coordinators: list[int]) -> bool:
    """Write the row's fields into `task`; True when anything changed."""
    if (data["deadline"], data["deadline_text"]) == (task.deadline, task.deadline_text):
        # Same deadline as written before: keep how it was classified (the sheet has no kind column).
        data.update(deadline_kind=task.deadline_kind, recurrence=task.recurrence, is_series=task.is_series)
    changed = [k for k in FIELDS if getattr(task, k) != data[k]]
    for name in changed:
        setattr(task, name, data[name])
    if changed:
        task.save()
    same_coordinators = sorted(task.coordinators.values_list("pk", flat=True)) == coordinators
    if not same_coordinators:
        task.coordinators.set(coordinators)
    return bool(changed) or not same_coordinators


GUIDE = [
    ("Cột", "Bắt buộc", "Cách ghi"),
    ("Nội dung nhiệm vụ", "Có", "Nội dung nhiệm vụ như trong văn bản giao."),
    ("Đơn vị chủ trì", "Có", "Tên đơn vị, tên ngắn hoặc tên gọi khác đã khai báo (ví dụ: Phòng VHXH)."),
    ("Đơn vị phối hợp", "Không", "Nhiều đơn vị cách nhau bằng dấu chấm phẩy (;)."),
    (
        "Thời hạn",
        "Không",
        "Ngày (dd/mm/yyyy) hoặc cụm chữ như trong văn bản: “trước ngày 30/9/2026”, “Quý III/2026”, "
        "“trước ngày 18 hằng tháng” (nhiệm vụ định kỳ), “Thường xuyên”.",
    ),
    (
        "Thời hạn (nguyên văn)",
        "Không",
        "Giữ nguyên cách ghi thời hạn trong văn bản, nếu cột Thời hạn ghi ngày.",
    ),
    ("Tóm tắt; Chỉ tiêu, sản phẩm; Nguồn kinh phí", "Không", "Chữ tự do."),
    ("Kinh phí (triệu đồng)", "Không", "Số, đơn vị triệu đồng: 1640 hoặc 1.640 hoặc 12,5."),
    (
        "Trạng thái",
        "Không",
        "Đang thực hiện (mặc định), Hoàn thành, Tạm hoãn hoặc Hủy. “Hoàn thành” do lãnh đạo nhập thì "
        "được xác nhận ngay; do người khác nhập thì thành đề nghị xác nhận hoàn thành, chờ lãnh đạo duyệt.",
    ),
    ("Ngày hoàn thành", "Khi đã hoàn thành", "Ngày (dd/mm/yyyy)."),
    (
        "Mã",
        "Không",
        "Để trống khi thêm mới. Tệp xuất từ hệ thống có mã: nhập lại sẽ cập nhật đúng nhiệm vụ đó.",
    ),
    ("", "", ""),
    (
        "Cách nhập",
        "",
        "Điền từ dòng 2 của trang “Nhiệm vụ”, không đổi tên cột; có thể xóa các cột không dùng.",
    ),
    (
        "",
        "",
        "Hệ thống kiểm tra từng dòng và báo lỗi theo số dòng. Chưa dòng nào được lưu cho đến khi "
        "cả tệp hợp lệ, hoặc người nhập chọn chỉ nhập các dòng hợp lệ.",
    ),
]


def import_template() -> bytes:
    wb = new_workbook()
    example = [
        None,
        "Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo năm 2026",
        "Rà soát hộ nghèo",
        "Phòng Văn hóa - Xã hội",
        "Công an xã; Thôn 1",
        "Quý III/2026",
        "",
        "100% hộ được rà soát",
        12.5,
        "Ngân sách xã",
        "Đang thực hiện",
        None,
        None,
        "",
        "",
    ]
    add_sheet(wb, TASK_SHEET, TASK_COLUMNS, [example])
    guide = add_sheet(
        wb, "Hướng dẫn", [Column("Cột", 34), Column("Bắt buộc", 16), Column("Cách ghi", 100)], GUIDE[1:]
    )
    guide.sheet_properties.tabColor = "1565C0"
    return workbook_bytes(wb)
