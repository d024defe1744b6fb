"""Made-up directives for the import tests: a province directive and a commune directive citing it."""

PROVINCE_DIRECTIVE = """\
ỦY BAN NHÂN DÂN
TỈNH BÌNH THỬ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 977/UBND-KGVX
V/v đẩy mạnh chuyển đổi số

Bình Thử, ngày 21 tháng 5 năm 2026

Kính gửi:
- Sở Khoa học và Công nghệ;
- Ủy ban nhân dân các xã, phường.

Ủy ban nhân dân tỉnh yêu cầu:

1. Sở Khoa học và Công nghệ chủ trì hướng dẫn các xã triển khai nền tảng số, hoàn thành trước ngày 30/6/2026.

2. Ủy ban nhân dân các xã, phường rà soát dữ liệu dân cư trên địa bàn, hoàn thành trước ngày 31/7/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Văn Bình
"""

COMMUNE_DIRECTIVE = """\
ỦY BAN NHÂN DÂN
XÃ HÒA AN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 215/UBND-VP
V/v triển khai nhiệm vụ chuyển đổi số tháng 7 năm 2026

Hòa An, ngày 02 tháng 7 năm 2026

Kính gửi: Các phòng, ban, đơn vị thuộc UBND xã.

Thực hiện Công văn số 977/UBND-KGVX ngày 21/5/2026 của UBND tỉnh Bình Thử về việc đẩy mạnh \
chuyển đổi số, Ủy ban nhân dân xã yêu cầu:

1. Phòng Văn hóa - Xã hội chủ trì, phối hợp với Công an xã rà soát, làm sạch dữ liệu dân cư \
trên địa bàn xã, hoàn thành trước ngày 20/7/2026.

2. Công an xã tổng hợp kết quả thực hiện Đề án 06, báo cáo Ủy ban nhân dân xã trước ngày 18 hằng tháng.

3. Phòng Kinh tế rà soát hạ tầng mạng tại các thôn, kinh phí 120 triệu đồng từ ngân sách xã, \
hoàn thành trong Quý III/2026.

4. Đội Quản lý trật tự đô thị kiểm tra việc thanh toán không dùng tiền mặt tại chợ, hoàn thành \
trước ngày 31/8/2026.

Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo Ủy ban nhân dân xã để \
xem xét, giải quyết./.

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""


def data(text: str) -> bytes:
    return text.encode("utf-8")
