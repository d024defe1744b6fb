"""A commune's own installation for the tests of the report package across two installations: a
script run by a separate Python process on its own database — migrated, the commune with one
department and a tracker, two tasks entered on 01/06/2026."""

SETUP = """
import django, time_machine
django.setup()
from django.core.management import call_command
from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.org.models import Membership, Unit, User
from dieuhanh.reports.excel_import import add_task

call_command("migrate", verbosity=0)
with time_machine.travel("2026-06-01 09:00 +0700", tick=False):
    commune = Unit.objects.create(kind=UnitKind.COMMUNE, name="Ủy ban nhân dân xã Gia Lộc", code="10507")
    Unit.objects.create(kind=UnitKind.COMMUNE_DEPT, parent=commune, name="Phòng Văn hóa - Xã hội", code="gl-vhxh")
    tracker = User.objects.create_user("chuyenvien", full_name="Chuyên viên xã")
    Membership.objects.create(user=tracker, unit=commune, role=Role.TRACKER)
    for text, deadline in [("Rà soát hộ nghèo", "20/06/2026"), ("Tập huấn chuyển đổi số", "30/09/2026")]:
        add_task(commune, tracker, {"text": text, "lead": "Phòng Văn hóa - Xã hội", "deadline": deadline})
"""
