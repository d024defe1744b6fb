"""Kinds of unit and roles of people."""

from django.db import models


class UnitKind(models.TextChoices):
    PROVINCE = "province", "UBND tỉnh/thành phố"
    PROVINCE_DEPT = "province_dept", "Sở, ban, ngành tỉnh"
    COMMUNE = "commune", "UBND xã/phường"
    COMMUNE_DEPT = "commune_dept", "Phòng, ban thuộc UBND xã"
    POLICE = "police", "Công an"
    HEALTH = "health", "Trạm Y tế"
    SCHOOL = "school", "Trường học"
    VILLAGE = "village", "Thôn, tổ dân phố"
    MASS_ORG = "mass_org", "Mặt trận, đoàn thể"
    OTHER = "other", "Đơn vị khác"


# Kinds that are an organisation of their own: their documents and tasks are
# managed by their own office, and the units under them are their departments.
ORGANISATION_KINDS = (UnitKind.PROVINCE, UnitKind.COMMUNE)


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị"
    LEADER = "leader", "Lãnh đạo"
    TRACKER = "tracker", "Chuyên viên theo dõi"
    MEMBER = "member", "Cán bộ đơn vị"
    VIEWER = "viewer", "Xem"
