"""`dieuhanh import FILE... [--unit UNIT] [--confirm] [--user USERNAME]`.

Each file is imported on its own: a file that cannot be imported prints one
line on stderr and the others go on. Exit code 0 when every file was imported
(and confirmed with --confirm), 1 when a draft waits for review because of
blocking problems, 2 when a file could not be imported at all.

Running the same command again after it was interrupted (kill -9, power cut)
resumes: a file already registered whose draft is still pending is confirmed
now, and original files left by an interrupted import are taken over or,
after an hour, deleted.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from dieuhanh.documents.services.registry import DocumentError, remove_orphan_originals
from dieuhanh.intake.models import ImportDraft
from dieuhanh.intake.services.confirm import confirm_draft
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.importing import import_document
from dieuhanh.intake.services.problems import draft_problems
from dieuhanh.org.constants import ORGANISATION_KINDS
from dieuhanh.org.models import Unit, User
from dieuhanh.vn.fold import fold_key

BAD_INPUT = 2
NEEDS_REVIEW = 1


class UsageError(Exception):
    """A wrong --unit or --user: nothing is imported."""


def find_organisation(name: str | None) -> Unit:
    """The organisation named by code, name, short name or alias; the only one when `name` is None."""
    orgs = Unit.objects.filter(kind__in=ORGANISATION_KINDS, is_active=True)
    if not name:
        found = list(orgs[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            raise UsageError("Chưa có cơ quan nào trong hệ thống (chạy dieuhanh seed-demo hoặc tạo đơn vị).")
        codes = ", ".join(orgs.order_by("path").values_list("code", flat=True)[:10])
        raise UsageError(f"Có nhiều cơ quan, hãy chọn bằng --unit (ví dụ: {codes}).")
    unit = Unit.objects.filter(code=name).first()
    if unit is None:
        key = fold_key(name)
        matches = {
            u.pk: u
            for u in Unit.objects.filter(is_active=True).prefetch_related("aliases")
            if key in {fold_key(u.name), fold_key(u.short_name)} | {a.folded for a in u.aliases.all()}
        }
        if len(matches) > 1:
            raise UsageError(f"Tên “{name}” trùng với nhiều đơn vị; hãy dùng mã đơn vị.")
        unit = next(iter(matches.values()), None)
    if unit is None:
        raise UsageError(f"Không tìm thấy đơn vị “{name}” (nhập mã, tên hoặc tên ngắn).")
    return unit.organisation()


def find_user(username: str | None):
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise UsageError(f"Không tìm thấy người dùng “{username}”.")
    return user


class Command(BaseCommand):
    help = "Nhập văn bản chỉ đạo (txt, docx, pdf): lưu vào sổ văn bản và đề xuất nhiệm vụ để rà soát."
    missing_args_message = "Cần chỉ ra ít nhất một tệp văn bản: dieuhanh import TỆP..."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="TỆP", help="Văn bản cần nhập.")
        parser.add_argument("--unit", help="Mã hoặc tên cơ quan nhập văn bản (bỏ trống nếu chỉ có một).")
        parser.add_argument(
            "--confirm", action="store_true", help="Xác nhận luôn các nhiệm vụ khi không có vướng mắc."
        )
        parser.add_argument("--user", help="Tên đăng nhập của người nhập (ghi vào nhật ký).")

    def handle(self, *args, files, unit, confirm, user, **options):
        try:
            org = find_organisation(unit)
            actor = find_user(user)
        except UsageError as exc:
            self.stderr.write(str(exc))
            raise SystemExit(BAD_INPUT) from None
        removed = remove_orphan_originals()
        if removed:
            self.stdout.write(f"Đã xóa {removed} tệp gốc của các lần nhập bị ngắt giữa chừng.")
        codes = [self.import_file(Path(name), org, actor, confirm) for name in files]
        worst = max(codes)
        if worst:
            raise SystemExit(worst)

    def import_file(self, path: Path, org: Unit, actor, confirm: bool) -> int:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.stderr.write(f"{path}: không đọc được tệp ({exc.strerror or exc}).")
            return BAD_INPUT
        try:
            draft = import_document(org=org, data=data, filename=path.name, actor=actor)
        except DocumentError as exc:
            draft = self.earlier_draft(exc, org) if confirm else None
            if draft is None:
                self.stderr.write(f"{path}: {exc}")
                return BAD_INPUT
            if draft.status == ImportDraft.Status.CONFIRMED:
                self.stdout.write(
                    f"{path.name}: đã nhập và xác nhận ở lần chạy trước (bản nháp số {draft.pk})."
                )
                return 0
            self.stdout.write(f"{path.name}: đã nhập ở lần chạy trước, tiếp tục bản nháp số {draft.pk}.")
        except Exception as exc:  # the other files still go on; nothing of this one was written
            self.stderr.write(f"{path}: lỗi không mong đợi khi nhập ({type(exc).__name__}: {exc}).")
            return BAD_INPUT
        problems = draft_problems(draft)
        self.report(path, draft, problems)
        if not confirm:
            self.stdout.write(f"  Bản nháp số {draft.pk} chờ rà soát trong trang quản trị.")
            return 0
        if any(p.blocking for p in problems):
            self.stdout.write(f"  Chưa xác nhận: bản nháp số {draft.pk} cần rà soát các vướng mắc ở trên.")
            return NEEDS_REVIEW
        try:
            tasks = confirm_draft(draft, actor)
        except DraftError as exc:
            self.stderr.write(f"{path}: {exc}")
            return NEEDS_REVIEW
        self.stdout.write(f"  Đã xác nhận {len(tasks)} nhiệm vụ.")
        return 0

    def earlier_draft(self, error: DocumentError, org: Unit) -> ImportDraft | None:
        """The pending or confirmed draft of the document a duplicate error names, if this organisation's."""
        existing = error.existing
        if existing is None or existing.owner_id != org.pk:
            return None
        statuses = [ImportDraft.Status.PENDING, ImportDraft.Status.CONFIRMED]
        return ImportDraft.objects.filter(document=existing, status__in=statuses).order_by("-pk").first()

    def report(self, path: Path, draft: ImportDraft, problems) -> None:
        doc = draft.document
        number = doc.number_symbol or "(chưa có số)"
        date = f" ngày {doc.issued_date:%d/%m/%Y}" if doc.issued_date else ""
        out = self.stdout
        out.write(f"{path.name}: {doc.doc_type} số {number}{date}")
        if doc.subject:
            out.write(f"  Trích yếu: {doc.subject}")
        out.write(f"  Nhiệm vụ đề xuất: {draft.tasks.count()}")
        for warning in draft.warnings:
            out.write(f"  Lưu ý: {warning}")
        for problem in problems:
            mark = "Vướng mắc" if problem.blocking else "Cần xem"
            out.write(f"  {mark}: {problem.message_vi}")
        linked = doc.citations.exclude(cited_document=None).select_related("cited_document")
        for citation in linked:
            out.write(f"  Dẫn chiếu văn bản đã có: {citation.cited_document}")
