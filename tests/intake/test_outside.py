import pytest

from dieuhanh.intake.outside import is_above_commune

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    "name",
    [
        "Sở Y tế",
        "các Sở, ban, ngành",
        "Bộ Tài chính",
        "Ủy ban nhân dân tỉnh Bình Thử",
        "UBND các tỉnh, thành phố",
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố",
        "Công an tỉnh",
        "Báo Bình Thử",
        "Đài Phát thanh và Truyền hình tỉnh",
        "Ban Dân tộc tỉnh",
        "Kho bạc Nhà nước khu vực X",
        "các sở, ngành",
    ],
)
def test_bodies_above_a_commune(name):
    assert is_above_commune(name)


@pytest.mark.parametrize(
    "name",
    [
        "Ủy ban nhân dân xã, phường",
        "Công an xã",
        "Văn phòng HĐND và UBND xã",
        "Phòng Văn hóa - Xã hội",
        "Ban Chỉ huy Quân sự xã",
        "Trạm Y tế xã",
        "các cơ sở giáo dục nghề nghiệp trực thuộc",
        "Trưởng thôn",
        "Bộ phận Một cửa xã",
        "báo cáo viên",
    ],
)
def test_a_commune_s_own_units(name):
    assert not is_above_commune(name)
