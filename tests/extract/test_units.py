"""Unit names in directive text and the unit directory."""

import pytest

from dieuhanh.extract.units import UnitDirectory, find_units, leading_units, unit_at, unit_list

pytestmark = pytest.mark.pure


def _names(text: str) -> list[str]:
    return [u.name for u in leading_units(text)[0]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Công an xã chủ trì theo dõi, đôn đốc", ["Công an xã"]),
        ("Phòng Văn hóa - Xã hội phụ trách chuyển đổi số chủ trì, phối hợp", ["Phòng Văn hóa - Xã hội"]),
        ("Sở Văn hóa, Thể thao và Du lịch chỉ đạo các cơ quan báo chí", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Trung tâm Phục vụ hành chính công xã tập trung nâng cao", ["Trung tâm Phục vụ hành chính công xã"]),
        ("Giao Sở Khoa học và Công nghệ chủ trì", ["Sở Khoa học và Công nghệ"]),
        ("Đề nghị Ủy ban MTTQ xã và các hội đoàn thể tuyên truyền", ["Ủy ban MTTQ xã", "các hội đoàn thể"]),
        ("Giám đốc Trạm Y tế xã báo cáo", ["Trạm Y tế xã"]),
        ("Văn phòng HĐND và UBND xã theo dõi", ["Văn phòng HĐND và UBND xã"]),
        ("Các cơ quan, đơn vị thuộc UBND xã rà soát", ["Các cơ quan, đơn vị thuộc UBND xã"]),
        ("UBND các xã, phường, đặc khu báo cáo", ["UBND các xã, phường, đặc khu"]),
        ("Sở Giáo dục và Đào tạo hướng dẫn", ["Sở Giáo dục và Đào tạo"]),
    ],
)
def test_it_reads_the_unit_that_opens_a_passage(text, expected):
    assert _names(text) == expected


def test_titles_are_dropped_and_a_list_of_units_is_split():
    text = "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã, phường nâng cao trách nhiệm"
    assert _names(text) == ["các sở, ban, ngành", "UBND các xã, phường"]


def test_a_class_list_becomes_one_unit_per_member():
    assert _names("Các Bộ: Tài chính, Y tế, Nội vụ khẩn trương khắc phục") == [
        "Bộ Tài chính",
        "Bộ Y tế",
        "Bộ Nội vụ",
    ]


def test_a_person_by_office_is_kept():
    assert unit_at("Phó Thủ tướng Chính phủ Trần Văn A chỉ đạo").name.startswith("Phó Thủ tướng")


def test_words_that_only_look_like_heads_are_not_units():
    assert unit_at("Ban hành kế hoạch triển khai") is None
    assert unit_at("Báo cáo kết quả thực hiện") is None
    assert unit_at("Tổ chức tập huấn cho cán bộ") is None


def test_it_finds_every_unit_in_a_coordination_clause():
    names = [
        u.name
        for u in find_units("phối hợp với Sở Tài chính, Công an tỉnh và các cơ quan liên quan tham mưu")
    ]
    assert names == ["Sở Tài chính", "Công an tỉnh", "các cơ quan liên quan"]


@pytest.fixture
def directory():
    return UnitDirectory.from_entries(
        [
            {
                "id": 1,
                "name": "Phòng Văn hóa - Xã hội",
                "short_name": "Phòng VH-XH",
                "aliases": ["Phòng VHXH"],
            },
            {"id": 2, "name": "Công an xã"},
            {"id": 3, "name": "Văn phòng HĐND và UBND xã"},
        ]
    )


def test_it_resolves_exact_names_aliases_and_initials(directory):
    assert directory.resolve("Phòng Văn hóa – Xã hội").unit_id == 1
    assert directory.resolve("Phòng VHXH").unit_id == 1
    assert directory.resolve("Phòng VH - XH").unit_id == 1
    assert directory.resolve("Công an xã").confidence == 1.0


def test_unknown_names_come_back_with_no_id_and_a_reason(directory):
    r = directory.resolve("Trường Mầm non Hoa Sen")
    assert r.unit_id is None
    assert r.name == "Trường Mầm non Hoa Sen"
    assert "Không có" in r.reason


@pytest.fixture
def commune_directory():
    return UnitDirectory.from_entries(
        [
            {"id": 10, "name": "Ủy ban nhân dân xã Hòa An", "aliases": ["UBND xã"], "collective": True},
            {"id": 11, "name": "Phòng Kinh tế"},
            {"id": 12, "name": "Sở Nội vụ"},
            {"id": 13, "name": "Công an xã"},
        ]
    )


def test_a_loose_match_keeps_the_kind_of_body(commune_directory):
    assert commune_directory.resolve("Ban Quản lý chợ Hòa An").unit_id is None
    assert commune_directory.resolve("Phòng Kinh tế xã").unit_id == 11
    assert commune_directory.resolve("Công an xã Hòa An").unit_id == 13


def test_a_collective_of_departments_goes_to_the_organisation_for_review(commune_directory):
    r = commune_directory.resolve("Các phòng, ban, đơn vị thuộc UBND xã")
    assert (r.unit_id, r.confidence) == (10, 0.7)
    assert "xem lại" in r.reason
    assert commune_directory.resolve("các sở, ban, ngành").unit_id == 10


def test_other_collectives_never_match_one_unit(commune_directory):
    for name in ("các thôn", "Các trường học", "các xã, phường"):
        assert commune_directory.resolve(name).unit_id is None, name


def test_a_pattern_matches_only_where_its_first_two_characters_allow():
    # unit_at skips _HEAD, _TITLES and _STOP where the next two characters start none of
    # their words: check that over every position of the sample directives.
    from pathlib import Path

    from dieuhanh.extract import units

    samples = Path(__file__).resolve().parents[2] / "sample_data" / "directives"
    pairs = (
        (units._HEAD, units._HEAD_STARTS),
        (units._TITLES, units._TITLE_STARTS),
        (units._STOP, units._STOP_STARTS),
    )
    for path in sorted(samples.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for pattern, starts in pairs:
            for pos in range(len(text)):
                if pattern.match(text, pos):
                    assert text[pos : pos + 2] in starts, (pattern.pattern[:40], text[pos : pos + 30])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đài truyền thanh xã tăng cường thông tin", ["Đài truyền thanh xã"]),
        ("Các Trung tâm y tế khẩn trương bố trí thuốc", ["Các Trung tâm y tế"]),
        ("Tiểu ban Truyền thông xây dựng kế hoạch", ["Tiểu ban Truyền thông"]),
        (
            "Các trưởng thôn, tổ trưởng tổ dân phố rà soát danh sách",
            ["Các trưởng thôn, tổ trưởng tổ dân phố"],
        ),
        ("Các hợp tác xã xây dựng phương án sản xuất", ["Các hợp tác xã"]),
        ("Đảng ủy Chính phủ lãnh đạo rà soát văn bản", ["Đảng ủy Chính phủ"]),
        ("Bộ trưởng các Bộ: Tài chính, Y tế chỉ đạo", ["Bộ Tài chính", "Bộ Y tế"]),
        (
            "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ khẩn trương",
            ["Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"],
        ),
        ("Văn phòng Thường trực Ban Chỉ đạo tổng hợp", ["Văn phòng Thường trực Ban Chỉ đạo"]),
        ("Bộ trưởng Bộ Tài chính - Phó Trưởng ban Thường trực rà soát", ["Bộ Tài chính"]),
        ("Các Tập đoàn, Tổng công ty nhà nước rà soát", ["Các Tập đoàn, Tổng công ty nhà nước"]),
    ],
)
def test_unit_names_outside_a_capitalised_head_word(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Quảng Trị, Huế khẩn trương",
            [
                "Tỉnh ủy Quảng Trị",
                "Tỉnh ủy Huế",
                "Ủy ban nhân dân tỉnh Quảng Trị",
                "Ủy ban nhân dân tỉnh Huế",
            ],
        ),
        (
            "Bí thư, Chủ tịch Ủy ban nhân dân các tỉnh khu vực Bắc Bộ tiếp tục",
            ["Tỉnh ủy các tỉnh khu vực Bắc Bộ", "Ủy ban nhân dân các tỉnh khu vực Bắc Bộ"],
        ),
        (
            "Chủ tịch Ủy ban nhân dân các tỉnh: Sơn La, Điện Biên chỉ đạo",
            ["Ủy ban nhân dân tỉnh Sơn La", "Ủy ban nhân dân tỉnh Điện Biên"],
        ),
        ("Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo", ["Ngân hàng Nhà nước Việt Nam"]),
        ("Ủy ban Kinh tế và Tài chính của Quốc hội xem xét", ["Ủy ban Kinh tế và Tài chính của Quốc hội"]),
        (
            "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam vận động",
            ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"],
        ),
        (
            "Bộ Công Thương, các Tập đoàn EVN, PVN, TKV khẩn trương",
            ["Bộ Công Thương", "các Tập đoàn EVN, PVN, TKV"],
        ),
        ("Các cấp ủy, chính quyền địa phương phải tập trung", ["Các cấp ủy"]),
        (
            "Viện Khoa học, Công nghệ, Môi trường và Biển đảo chủ trì",
            ["Viện Khoa học, Công nghệ, Môi trường và Biển đảo"],
        ),
        (
            "Ban Quản lý các Khu chế xuất và công nghiệp tỉnh chủ trì",
            ["Ban Quản lý các Khu chế xuất và công nghiệp tỉnh"],
        ),
        (
            "Sở Tài chính, Sở Xây dựng và Công an tỉnh phối hợp",
            ["Sở Tài chính", "Sở Xây dựng", "Công an tỉnh"],
        ),
        ("UBND xã và các cơ quan liên quan thực hiện", ["UBND xã", "các cơ quan liên quan"]),
    ],
)
def test_party_committees_peoples_committees_and_company_lists(text, expected):
    assert _names(text) == expected


def test_courts_and_procuracies_are_units_though_their_level_is_in_lower_case():
    assert unit_at("Tòa án nhân dân tối cao chủ trì", 0).name == "Tòa án nhân dân tối cao"
    found, _ = unit_list("Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh:", 0)
    assert [u.name for u in found] == ["Viện kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh"]


def test_a_person_sent_to_inspect_is_named_without_the_verb():
    found, _ = leading_units(
        "Giao Phó Thủ tướng Chính phủ Trần Văn Sơn đi kiểm tra công tác khắc phục hậu quả"
    )
    assert [u.name for u in found] == ["Phó Thủ tướng Chính phủ Trần Văn Sơn"]


def test_an_office_of_a_steering_committee_keeps_the_committee_in_its_name():
    found = unit_at("Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia theo dõi sát tình hình", 0)
    assert found.name == "Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia"


@pytest.mark.parametrize(
    "text, name",
    [
        ("UBND các tỉnh/ thành phố chủ trì kiểm kê", "UBND các tỉnh/ thành phố"),
        ("Ủy ban nhân dân các xã/phường/đặc khu rà soát", "Ủy ban nhân dân các xã/phường/đặc khu"),
    ],
)
def test_levels_joined_by_a_slash_stay_in_the_name(text, name):
    assert unit_at(text, 0).name == name
