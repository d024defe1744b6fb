"""Unit matching never jumps across kinds or levels of body (issue 14, item 4): a name is compared
with a unit only when both are the same kind of body (Sở, Phòng, Ban, UBND, Công an, Báo…) at a
level that agrees (xã vs tỉnh/thành phố vs trung ương); then by how alike the names are."""

import pytest

from dieuhanh.org.matching import candidates, compatible, kind_of, level_of

pytestmark = pytest.mark.pure

COMMUNE_DIRECTORY = [
    {"id": 1, "name": "Ủy ban nhân dân xã Gia Lộc", "short_name": "UBND xã Gia Lộc", "level": "commune"},
    {"id": 2, "name": "Công an xã", "short_name": "CA xã", "level": "commune", "kind": "police"},
    {"id": 3, "name": "Phòng Văn hóa - Xã hội", "short_name": "Phòng VH-XH", "level": "commune"},
    {"id": 4, "name": "Phòng Kinh tế", "short_name": "Phòng KT", "level": "commune"},
    {"id": 5, "name": "Trạm Y tế xã", "short_name": "Trạm Y tế", "level": "commune", "kind": "health"},
    {"id": 6, "name": "Trường Tiểu học", "short_name": "Trường TH", "level": "commune", "kind": "school"},
    {"id": 7, "name": "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "short_name": "UBMTTQ xã", "level": "commune"},
    {"id": 8, "name": "Sở Y tế", "short_name": "Sở YT", "level": "province"},
    {"id": 9, "name": "Sở Tài chính", "short_name": "Sở TC", "level": "province"},
    {"id": 10, "name": "Ủy ban nhân dân tỉnh Tuyên Quang", "short_name": "UBND tỉnh", "level": "province"},
    {"id": 11, "name": "Văn phòng HĐND và UBND xã", "short_name": "VP HĐND-UBND", "level": "commune"},
]
UNITS = {entry["id"]: entry for entry in COMMUNE_DIRECTORY}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Sở Văn hóa, Thể thao và Du lịch", "so"),
        ("các Sở, ban, ngành", "so"),
        ("Phòng Kinh tế", "phong"),
        ("Ban Chỉ huy Quân sự xã", "quan_su"),
        ("Ban Quản lý các khu chế xuất", "ban"),
        ("UBND xã Gia Lộc", "ubnd"),
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "ubnd"),
        ("Công an thành phố", "cong_an"),
        ("CA xã", "cong_an"),
        ("Báo và Phát thanh, Truyền hình Cần Thơ", "bao"),
        ("Bảo hiểm xã hội tỉnh", "bhxh"),
        ("Bộ Công an", "bo"),
        ("các bộ, cơ quan ngang bộ", "bo"),
        ("Bộ phận Một cửa", "bo_phan"),
        ("Trường Trung học cơ sở", "truong"),
        ("Trạm Y tế xã", "tram_y_te"),
        ("Ủy ban MTTQ Việt Nam thành phố", "mttq"),
        ("Văn phòng Chính phủ", "van_phong"),
        ("Thanh tra thành phố", "thanh_tra"),
        ("Đài Phát thanh và Truyền hình tỉnh", "dai"),
        ("Gia Lộc", ""),
    ],
)
def test_the_kind_is_read_from_the_head_word(name, kind):
    assert kind_of(name) == kind


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Công an xã", "commune"),
        ("Ủy ban nhân dân xã, phường", "commune"),
        ("Công an thành phố", "province"),
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "province"),
        ("Sở Y tế", "province"),
        ("Bộ Tài chính", "central"),
        ("các bộ, cơ quan ngang bộ", "central"),
        ("Văn phòng Chính phủ", "central"),
        ("Các đơn vị cấp nước sạch trên địa bàn thành phố", "province"),
        ("Phòng Văn hóa - Xã hội", ""),
        ("Báo và Phát thanh, Truyền hình Cần Thơ", ""),
    ],
)
def test_the_level_is_read_from_the_name(name, level):
    assert level_of(name) == level


@pytest.mark.parametrize(
    ("name", "unit_id"),
    [
        ("Báo và Phát thanh, Truyền hình Cần Thơ", 2),  # "ca" of "CA xã" inside "Cần"
        ("các bộ, cơ quan ngang bộ", 1),
        ("Công an thành phố", 2),  # same kind, another level
        ("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", 7),
        ("Sở Văn hóa, Thể thao và Du lịch", 3),  # "văn hóa" alike, Sở is not Phòng
        ("Phòng Văn hóa và Thông tin huyện", 3),
        ("Trường Tiểu học Kim Đồng", 5),
        ("Ban Quản lý chợ Gia Lộc", 1),
        ("UBND tỉnh Tuyên Quang", 1),
        ("Các đơn vị cấp nước sạch trên địa bàn thành phố", 1),
    ],
)
def test_a_name_never_matches_another_kind_or_level(name, unit_id):
    assert not compatible(name, UNITS[unit_id])
    assert unit_id not in [c.unit_id for c in candidates(name, COMMUNE_DIRECTORY)]


@pytest.mark.parametrize(
    ("name", "unit_id"),
    [
        ("Công an xã", 2),
        ("CA xã", 2),
        ("Phòng VHXH", 3),
        ("Phòng Văn hóa và Xã hội", 3),
        ("Phòng Kinh tế xã", 4),
        ("Trạm Y tế", 5),
        ("Trường TH", 6),
        ("Ủy ban MTTQ Việt Nam xã", 7),
        ("UBND xã", 1),
        ("Sở Y tế tỉnh", 8),
        ("UBND tỉnh", 10),
        ("Văn phòng HĐND - UBND xã", 11),
    ],
)
def test_a_name_of_the_same_kind_and_level_finds_its_unit_first(name, unit_id):
    assert compatible(name, UNITS[unit_id])
    assert candidates(name, COMMUNE_DIRECTORY)[0].unit_id == unit_id


def test_candidates_are_ranked_by_score_and_limited():
    offices = [
        {"id": 1, "name": "Phòng Kinh tế", "level": "commune"},
        {"id": 2, "name": "Phòng Văn hóa và Thông tin", "level": "commune"},
        {"id": 3, "name": "Phòng Văn hóa - Xã hội", "level": "commune"},
        {"id": 4, "name": "Văn phòng HĐND và UBND xã", "level": "commune"},
    ]
    found = candidates("Phòng Văn hóa, Xã hội", offices, limit=2)
    assert [c.unit_id for c in found] == [3, 2]
    assert 1.0 >= found[0].score > found[1].score >= 0.35
    assert found[0].name == "Phòng Văn hóa - Xã hội"


def test_an_outside_body_has_no_candidate_at_all():
    assert candidates("Báo và Phát thanh, Truyền hình Cần Thơ", COMMUNE_DIRECTORY) == []
    assert candidates("Bộ Công an", COMMUNE_DIRECTORY) == []


def test_the_unit_kind_of_the_directory_counts_when_its_name_has_no_head_word():
    police = {"id": 20, "name": "Đồn Biên phòng Gia Lộc", "level": "commune", "kind": "police"}
    assert not compatible("Trạm Y tế xã", police)
