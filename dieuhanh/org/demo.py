"""Demo organisation: one province, the three communes of the sample directives, people per role.

The sample directives come from communes of different provinces; the demo
places them under one province so the province → commune chain can be seen.
Seeding is idempotent: units are keyed by code, people by username.
"""

from dataclasses import dataclass

from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.org.models import Membership, Unit, UnitAlias, User

DEMO_PASSWORD = "demo@2026"

PROVINCE = ("tinh-tuyen-quang", "Ủy ban nhân dân tỉnh Tuyên Quang", "UBND tỉnh Tuyên Quang", ["UBND tỉnh"])

PROVINCE_DEPARTMENTS = [
    ("so-khcn", "Sở Khoa học và Công nghệ", "Sở KH&CN", ["Sở KHCN", "SKHCN"]),
    ("so-tai-chinh", "Sở Tài chính", "Sở TC", []),
    ("vp-ubnd-tinh", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", ["Văn phòng UBND tỉnh"]),
    ("cong-an-tinh", "Công an tỉnh", "CA tỉnh", []),
    ("so-noi-vu", "Sở Nội vụ", "Sở NV", []),
    ("so-gddt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", ["Sở GDĐT"]),
    ("so-y-te", "Sở Y tế", "Sở YT", []),
]

COMMUNES = [
    ("xa-gia-loc", "Gia Lộc"),
    ("xa-cam-giang", "Cẩm Giang"),
    ("xa-ky-lac", "Kỳ Lạc"),
]

# A commune's departments after the 2025 reorganisation; aliases are the names documents use.
COMMUNE_DEPARTMENTS = [
    (
        "vp",
        UnitKind.COMMUNE_DEPT,
        "Văn phòng HĐND và UBND xã",
        "VP HĐND-UBND",
        ["Văn phòng HĐND-UBND", "Văn phòng HĐND - UBND xã", "Văn phòng UBND xã", "Văn phòng"],
    ),
    ("kt", UnitKind.COMMUNE_DEPT, "Phòng Kinh tế", "Phòng KT", ["Phòng Kinh tế xã"]),
    (
        "vhxh",
        UnitKind.COMMUNE_DEPT,
        "Phòng Văn hóa - Xã hội",
        "Phòng VH-XH",
        ["Phòng VHXH", "Phòng Văn hóa - Xã hội xã", "Phòng Văn hóa Xã hội"],
    ),
    (
        "ttpvhcc",
        UnitKind.COMMUNE_DEPT,
        "Trung tâm Phục vụ hành chính công xã",
        "TT PVHCC",
        ["Trung tâm Phục vụ hành chính công", "Trung tâm PVHCC"],
    ),
    (
        "ttdvsnc",
        UnitKind.COMMUNE_DEPT,
        "Trung tâm Dịch vụ sự nghiệp công xã",
        "TT DVSNC",
        ["Trung tâm Dịch vụ sự nghiệp công"],
    ),
    ("ca", UnitKind.POLICE, "Công an xã", "CA xã", []),
    ("tyt", UnitKind.HEALTH, "Trạm Y tế xã", "Trạm Y tế", []),
    ("th", UnitKind.SCHOOL, "Trường Tiểu học", "Trường TH", []),
    ("thcs", UnitKind.SCHOOL, "Trường Trung học cơ sở", "Trường THCS", []),
    ("mttq", UnitKind.MASS_ORG, "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "UBMTTQ xã", ["Ủy ban MTTQ xã"]),
    ("thon1", UnitKind.VILLAGE, "Thôn 1", "Thôn 1", []),
    ("thon2", UnitKind.VILLAGE, "Thôn 2", "Thôn 2", []),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    unit_code: str
    full_name: str
    title: str


DEMO_LOGINS = [
    DemoLogin("quantri", Role.ADMIN, "tinh-tuyen-quang", "Quản trị hệ thống", "Quản trị"),
    DemoLogin("lanhdao.tinh", Role.LEADER, "tinh-tuyen-quang", "Vương Ngọc Hà", "Phó Chủ tịch UBND tỉnh"),
    DemoLogin("lanhdao", Role.LEADER, "xa-gia-loc", "Nguyễn Thị Thu", "Phó Chủ tịch UBND xã"),
    DemoLogin("chuyenvien", Role.TRACKER, "xa-gia-loc", "Trần Văn Minh", "Chuyên viên Văn phòng"),
    DemoLogin("canbo", Role.MEMBER, "xa-gia-loc-vhxh", "Lê Thị Hoa", "Công chức Phòng VH-XH"),
    DemoLogin("congan", Role.MEMBER, "xa-gia-loc-ca", "Phạm Văn Hùng", "Trưởng Công an xã"),
    DemoLogin("xem", Role.VIEWER, "xa-gia-loc", "Đỗ Thị Lan", "Thành viên UBND xã"),
]


def _unit(code, kind, name, short_name, aliases, parent, order) -> Unit:
    unit, _ = Unit.objects.get_or_create(
        code=code,
        defaults={
            "kind": kind,
            "name": name,
            "short_name": short_name,
            "parent": parent,
            "sort_order": order,
        },
    )
    for alias in [short_name, *aliases]:
        if alias and alias != name:
            UnitAlias.objects.get_or_create(unit=unit, name=alias)
    return unit


def seed_units() -> Unit:
    code, name, short, aliases = PROVINCE
    province = _unit(code, UnitKind.PROVINCE, name, short, aliases, None, 0)
    for order, (dcode, dname, dshort, daliases) in enumerate(PROVINCE_DEPARTMENTS, start=1):
        _unit(dcode, UnitKind.PROVINCE_DEPT, dname, dshort, daliases, province, order)
    for order, (ccode, place) in enumerate(COMMUNES, start=100):
        commune = _unit(
            ccode, UnitKind.COMMUNE, f"Ủy ban nhân dân xã {place}", f"UBND xã {place}", [], province, order
        )
        for dorder, (suffix, kind, dname, dshort, daliases) in enumerate(COMMUNE_DEPARTMENTS, start=1):
            _unit(f"{ccode}-{suffix}", kind, dname, dshort, daliases, commune, dorder)
    return province


def seed_people() -> list[DemoLogin]:
    for login in DEMO_LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = User.objects.create_user(
                username=login.username,
                password=DEMO_PASSWORD,
                full_name=login.full_name,
                email=f"{login.username}@demo.dieuhanh.vn",
                is_staff=login.role == Role.ADMIN,
                is_superuser=login.role == Role.ADMIN,
            )
        unit = Unit.objects.get(code=login.unit_code)
        Membership.objects.get_or_create(
            user=user,
            unit=unit,
            defaults={"role": login.role, "title": login.title, "is_head": login.title.startswith("Trưởng")},
        )
    return DEMO_LOGINS
