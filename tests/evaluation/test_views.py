"""The evaluation pages and files: who sees what, the forms, and the same numbers on the page, the
.docx and the .xlsx; confidential products named only to the people on their document."""

import csv
import datetime
import io
from decimal import Decimal as D

import docx
import openpyxl
import pytest
from django.urls import reverse

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.evaluation.constants import HIDDEN_PRODUCT, Stage
from dieuhanh.evaluation.models import Period, Sheet
from dieuhanh.evaluation.services import cycle
from dieuhanh.evaluation.services.periods import open_period
from dieuhanh.org.constants import Role
from tests.factories import CommuneFactory, DocumentFactory, MembershipFactory
from tests.security.xlsx import formulas

DAY = datetime.date
pytestmark = pytest.mark.django_db
SECRET_TEXT = "Xác minh nguồn tin tố giác tội phạm QZMATQ"


@pytest.fixture
def june(world):
    world.done = world.task(
        "hoa", DAY(2026, 6, 10), done_on=DAY(2026, 6, 10), summary="Báo cáo an sinh xã hội"
    )
    world.late = world.task("hoa", DAY(2026, 6, 10), done_on=DAY(2026, 6, 12), summary="Tổng hợp hộ nghèo")
    secret = DocumentFactory(owner=world.commune, confidentiality=Confidentiality.SECRET)
    secret.allowed_people.add(world.people["hoa"], world.people["clerk"])
    world.secret = world.task(
        "hoa",
        DAY(2026, 6, 15),
        done_on=DAY(2026, 6, 15),
        document=secret,
        summary=SECRET_TEXT,
        text=SECRET_TEXT,
    )
    world.period, _ = open_period(world.commune, world.people["clerk"], year=2026, number=6)
    return world


def client_of(client, world, who):
    client.force_login(world.people[who])
    return client


def sheet_of(world, who):
    return Sheet.objects.get(period=world.period, person=world.people[who])


def url(name, *args):
    return reverse(f"evaluation:{name}", args=args)


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("hoa", True),
        ("head", True),
        ("leader", True),
        ("clerk", True),
        ("viewer", True),
        ("tuan", False),
        ("police_head", False),
    ],
)
def test_who_sees_hoa_s_sheet(client, june, who, sees):
    response = client_of(client, june, who).get(url("sheet", sheet_of(june, "hoa").pk))
    assert response.status_code == (200 if sees else 404)


def test_another_commune_sees_nothing(client, june):
    outsider = MembershipFactory(unit=CommuneFactory(), role=Role.LEADER).user
    client.force_login(outsider)
    sheet = sheet_of(june, "hoa")
    for name, args in (
        ("sheet", [sheet.pk]),
        ("sheet_file", [sheet.pk, "docx"]),
        ("period", [june.period.pk]),
        ("period_export", [june.period.pk, "csv"]),
    ):
        assert client.get(url(name, *args)).status_code == 404
    assert "Lê Thị Hoa" not in client.get(url("year", 2026)).content.decode()


def test_the_official_self_assesses_through_the_page(client, june):
    c = client_of(client, june, "hoa")
    sheet = sheet_of(june, "hoa")
    page = c.get(url("sheet", sheet.pk)).content.decode()
    assert 'data-testid="form-self"' in page and "Báo cáo an sinh xã hội" in page
    product = sheet.products.get(task=june.late)
    response = c.post(
        url("sheet_action", sheet.pk, "tu-danh-gia"),
        {
            "general": "27,5",
            "notes": "Hoàn thành các báo cáo; một báo cáo chậm hai ngày.",
            f"note_{product.pk}": "Đã gửi ngày 12/6",
            f"cause_{product.pk}": "Chờ số liệu của thôn",
            "gui": "1",
        },
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.stage, sheet.self_general) == (Stage.SUBMITTED, D("27.5"))
    assert sheet.products.get(task=june.late).objective_cause == "Chờ số liệu của thôn"


def test_a_bad_value_is_refused_with_a_vietnamese_message(client, june):
    c = client_of(client, june, "hoa")
    sheet = sheet_of(june, "hoa")
    response = c.post(
        url("sheet_action", sheet.pk, "tu-danh-gia"), {"general": "ba mươi", "notes": "x", "gui": "1"}
    )
    assert response.status_code == 400
    assert "Điểm là một số" in response.content.decode()
    response = c.post(
        url("sheet_action", sheet.pk, "tu-danh-gia"), {"general": "31", "notes": "x", "gui": "1"}
    )
    assert "Điểm phải từ 0 đến 30" in response.content.decode()
    assert sheet_of(june, "hoa").stage == Stage.DRAFT


def test_review_and_approval_through_the_pages(client, june):
    cycle.self_assess(
        sheet_of(june, "hoa"), june.people["hoa"], general=D(28), notes="Tốt", entries={}, submit=True
    )
    sheet = sheet_of(june, "hoa")
    late = sheet.products.get(task=june.late)
    c = client_of(client, june, "head")
    form = {"general": "26", "comment": "Đạt yêu cầu", "discipline": "", "gui": "1"}
    for p in sheet.products.all():
        form[f"weight_{p.pk}"] = "1"
    form[f"waived_{late.pk}"] = "on"
    assert c.post(url("sheet_action", sheet.pk, "danh-gia"), form).status_code == 302
    sheet.refresh_from_db()
    # Three products, all done, the late one forgiven: 70 task points; 26 + 70 = 96 → xuất sắc.
    assert (sheet.stage, sheet.total) == (Stage.REVIEWED, D(96))
    c = client_of(client, june, "leader")
    page = c.get(url("sheet", sheet.pk)).content.decode()
    assert 'data-testid="quota-warning"' in page  # 1 of 1 rated "tốt" and above
    c.post(url("sheet_action", sheet.pk, "phe-duyet"), {"note": "Đồng ý"})
    assert sheet_of(june, "hoa").stage == Stage.REVIEWED
    c.post(url("sheet_action", sheet.pk, "phe-duyet"), {"note": "Đồng ý", "confirm_quota": "on"})
    assert sheet_of(june, "hoa").stage == Stage.APPROVED
    text = docx_text(c.get(url("sheet_file", sheet.pk, "docx")).content)
    assert "Phê duyệt khi đã có cảnh báo tỷ lệ: Phòng Văn hóa - Xã hội: 1/1 công chức" in text


def test_a_viewer_changes_nothing(client, june):
    c = client_of(client, june, "viewer")
    sheet = sheet_of(june, "hoa")
    before = (sheet.stage, sheet.self_notes)
    for action in ("tu-danh-gia", "danh-gia", "phe-duyet", "tra-lai", "cap-nhat-san-pham"):
        c.post(
            url("sheet_action", sheet.pk, action), {"general": "30", "notes": "x", "reason": "x", "gui": "1"}
        )
    c.post(url("open_period"), {"organisation": june.commune.pk, "year": "2026", "number": "5"})
    sheet.refresh_from_db()
    assert (sheet.stage, sheet.self_notes) == before
    assert not Period.objects.filter(number=5).exists()


def test_the_office_opens_a_period_from_the_page(client, june):
    c = client_of(client, june, "clerk")
    response = c.post(url("open_period"), {"organisation": june.commune.pk, "year": "2026", "number": "5"})
    period = Period.objects.get(organisation=june.commune, year=2026, number=5)
    assert response["Location"] == url("period", period.pk)
    assert period.sheets.count() == 5


def test_the_page_of_a_future_period_cannot_be_opened(client, june):
    c = client_of(client, june, "clerk")
    c.post(url("open_period"), {"organisation": june.commune.pk, "year": "2026", "number": "8"})
    assert not Period.objects.filter(number=8).exists()


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def workbook(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def test_the_confidential_product_is_named_only_to_the_people_on_its_document(client, june):
    sheet = sheet_of(june, "hoa")
    for who, named in (("hoa", True), ("clerk", True), ("leader", False), ("head", False), ("viewer", False)):
        c = client_of(client, june, who)
        texts = [
            c.get(url("sheet", sheet.pk)).content.decode(),
            docx_text(c.get(url("sheet_file", sheet.pk, "docx")).content),
            "".join(
                str(cell.value)
                for ws in workbook(c.get(url("sheet_file", sheet.pk, "xlsx")).content)
                for row in ws.iter_rows()
                for cell in row
            ),
        ]
        for text in texts:
            assert (SECRET_TEXT in text) is named, who
            assert (HIDDEN_PRODUCT in text) is not named, who


def test_the_page_the_docx_and_the_xlsx_carry_the_same_numbers(client, june):
    cycle.self_assess(
        sheet_of(june, "hoa"), june.people["hoa"], general=D("27.5"), notes="Tốt", entries={}, submit=True
    )
    sheet = sheet_of(june, "hoa")
    # 3 products, one late: quantity 20; quality 30; timeliness 20 × (1 + 0,75 + 1)/3 = 18,33 → 68,33 + 27,5 = 95,83.
    assert (sheet.timeliness_points, sheet.total) == (D("18.33"), D("95.83"))
    c = client_of(client, june, "leader")
    page = c.get(url("sheet", sheet.pk)).content.decode()
    for expected in ("18,33", "68,33", "95,83", "27,5"):
        assert f">{expected}<" in page
    table = docx.Document(io.BytesIO(c.get(url("sheet_file", sheet.pk, "docx")).content)).tables[2]
    assert [[cell.text for cell in row.cells] for row in table.rows][1:] == [
        ["I. Tiêu chí chung", "30", "27,5"],
        ["II. Kết quả thực hiện nhiệm vụ", "70", "68,33"],
        ["1. Số lượng sản phẩm", "20", "20"],
        ["2. Chất lượng sản phẩm", "30", "30"],
        ["3. Tiến độ sản phẩm", "20", "18,33"],
        ["Tổng điểm", "100", "95,83"],
    ]
    scores = workbook(c.get(url("sheet_file", sheet.pk, "xlsx")).content)["Điểm đánh giá"]
    values = {row[0]: row[2] for row in scores.iter_rows(values_only=True) if isinstance(row[2], int | float)}
    assert values == {
        "I. Tiêu chí chung": 27.5,
        "II. Kết quả thực hiện nhiệm vụ": 68.33,
        "1. Số lượng sản phẩm": 20,
        "2. Chất lượng sản phẩm": 30,
        "3. Tiến độ sản phẩm": 18.33,
        "Tổng điểm": 95.83,
    }


def test_the_docx_is_the_nghi_dinh_30_sheet(client, june):
    c = client_of(client, june, "hoa")
    text = docx_text(c.get(url("sheet_file", sheet_of(june, "hoa").pk, "docx")).content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "PHÒNG VĂN HÓA - XÃ HỘI",
        "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC",
        "Tháng 6 năm 2026",
        "Gia Lộc, ngày …… tháng …… năm 2026",
        "NGƯỜI TỰ ĐÁNH GIÁ",
        "LÃNH ĐẠO TRỰC TIẾP",
        "NGƯỜI PHÊ DUYỆT",
    ):
        assert expected in text


def test_typed_text_never_becomes_a_formula(client, june):
    sheet = sheet_of(june, "hoa")
    product = sheet.products.get(task=june.done)
    cycle.self_assess(
        sheet,
        june.people["hoa"],
        general=D(20),
        notes='=HYPERLINK("http://x","y")',
        entries={product.pk: cycle.OfficialEntry("+cmd|' /C calc'!A0", "@SUM(1)")},
        submit=True,
    )
    june.people["hoa"].full_name = "=1+1"
    june.people["hoa"].save()
    c = client_of(client, june, "hoa")
    for content in (
        c.get(url("sheet_file", sheet.pk, "xlsx")).content,
        c.get(url("period_summary_file", june.period.pk)).content,
        c.get(url("period_export", june.period.pk, "xlsx")).content,
        c.get(url("year_file", 2026)).content,
    ):
        assert formulas(content) == []
    rows = list(
        csv.reader(
            io.StringIO(c.get(url("period_export", june.period.pk, "csv")).content.decode("utf-8-sig"))
        )
    )
    assert rows[1][2] == "'=1+1"


def test_the_unit_summary_and_the_personnel_export(client, june):
    c = client_of(client, june, "leader")
    page = c.get(url("period", june.period.pk)).content.decode()
    assert page.count('data-testid="unit-summary"') == 3  # the commune's office, the two units
    summary = workbook(c.get(url("period_summary_file", june.period.pk)).content).active
    names = [row[1] for row in summary.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)]
    assert len(names) == 5 and "Lê Thị Hoa" in names
    response = c.get(url("period_export", june.period.pk, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    hoa = next(r for r in rows if r[header.index("Họ và tên")] == "Lê Thị Hoa")
    assert hoa[header.index("Số sản phẩm")] == "3"
    assert hoa[header.index("Trễ hạn")] == "1"
    assert hoa[header.index("Từ ngày")] == "2026-06-01"
    assert hoa[header.index("Kỳ đánh giá")] == "Tháng 6/2026"


def test_an_official_s_period_page_lists_only_their_own_sheet(client, june):
    page = client_of(client, june, "hoa").get(url("period", june.period.pk)).content.decode()
    assert "Lê Thị Hoa" in page and "Hoàng Minh Tuấn" not in page


def approve_june_sheet(world, general):
    sheet = sheet_of(world, "hoa")
    cycle.self_assess(sheet, world.people["hoa"], general=general, notes="Tốt", entries={}, submit=True)
    cycle.review(
        sheet, world.people["head"], general=general, comment="Tốt", discipline="", entries={}, submit=True
    )
    cycle.approve(sheet, world.people["leader"], confirm_quota=True)


def test_the_year_page_averages_the_approved_periods(client, june):
    # June: 3 products, one late → 68,33 task points; + 20 = 88,33.
    approve_june_sheet(june, D(20))
    may, _ = open_period(june.commune, june.people["clerk"], year=2026, number=5)
    june.period = may
    june.task("hoa", DAY(2026, 5, 20), done_on=DAY(2026, 5, 20))
    cycle.refresh_products(sheet_of(june, "hoa"), june.people["hoa"])
    # May: one product on time → 70; + 30 = 100. Year: (88,33 + 100)/2 = 94,165 → 94,17 → xuất sắc.
    approve_june_sheet(june, D(30))
    c = client_of(client, june, "leader")
    page = c.get(url("year", 2026)).content.decode()
    assert ">94,17<" in page and "tạm tính (2/12 kỳ đã phê duyệt)" in page
    sheet = workbook(c.get(url("year_file", 2026)).content).active
    hoa = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Lê Thị Hoa")
    assert hoa[8:10] == (100, 88.33)  # T5, T6 after STT, name, title, unit and T1–T4
    assert hoa[-3:-1] == (94.17, "Hoàn thành xuất sắc nhiệm vụ")


def test_a_year_typed_out_of_range_is_not_found(client, june):
    c = client_of(client, june, "leader")
    assert c.get("/danh-gia/nam/99999999999999999999/").status_code == 404
    assert c.get("/danh-gia/nam/1999/ket-qua.xlsx").status_code == 404


def test_the_navigation_links_the_evaluation(client, june):
    page = client_of(client, june, "hoa").get(url("home")).content.decode()
    assert 'data-testid="nav-evaluation"' in page
    assert 'data-testid="my-sheet-link"' in page


HOSTILE = ["", "abc", "1e5", "-1", "NaN", "Infinity", "99999999999999999999", "27,5,3", "a\x00b", "x" * 6000]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_get_a_vietnamese_answer_never_a_500(client, june, value):
    sheet = sheet_of(june, "hoa")
    cycle.self_assess(sheet, june.people["hoa"], general=D(20), notes="Tốt", entries={}, submit=True)
    products = list(sheet.products.all())
    fields = ["general", "notes", "comment", "discipline", "reason", "note", "confirm_quota"]
    fields += [f"{k}_{p.pk}" for p in products for k in ("weight", "failed", "waived", "note", "cause")]
    for who, action in (
        ("hoa", "tu-danh-gia"),
        ("head", "danh-gia"),
        ("head", "tra-lai"),
        ("leader", "phe-duyet"),
    ):
        c = client_of(client, june, who)
        response = c.post(url("sheet_action", sheet.pk, action), {**dict.fromkeys(fields, value), "gui": "1"})
        assert response.status_code < 500, (who, action)
        if response.status_code == 400:
            assert "Chưa thực hiện được" in response.content.decode()
    c = client_of(client, june, "clerk")
    response = c.post(url("open_period"), {"organisation": value, "year": value, "number": value})
    assert response.status_code == 302
    assert c.get(url("year", 2026), {"co-quan": value}).status_code == 200
