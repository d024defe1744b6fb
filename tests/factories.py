"""factory_boy factories for the domain models."""

import datetime

import factory

from dieuhanh.documents.hashing import text_hash
from dieuhanh.documents.models import Document
from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.org.models import Membership, Unit, User
from dieuhanh.tasks.models import ProgressReport, Task


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    kind = UnitKind.COMMUNE_DEPT
    name = factory.Sequence(lambda n: f"Phòng số {n}")
    code = factory.Sequence(lambda n: f"unit-{n}")


class CommuneFactory(UnitFactory):
    kind = UnitKind.COMMUNE
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Số {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "matkhau@123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.MEMBER


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    owner = factory.SubFactory(CommuneFactory)
    number = factory.Sequence(lambda n: str(100 + n))
    symbol = "UBND-VP"
    doc_type = "Công văn"
    issuer = "UBND xã Thử Nghiệm"
    issued_date = datetime.date(2026, 5, 4)
    subject = "triển khai nhiệm vụ chuyển đổi số"
    text = factory.Sequence(lambda n: f"Văn bản thử số {n}")
    content_hash = factory.LazyAttribute(lambda d: text_hash(d.text))


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    owner = factory.SubFactory(CommuneFactory)
    lead_unit = factory.SubFactory(UnitFactory, parent=factory.SelfAttribute("..owner"))
    text = factory.Sequence(lambda n: f"Rà soát, báo cáo nội dung số {n}")
    summary = factory.LazyAttribute(lambda t: t.text[:80])


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    task = factory.SubFactory(TaskFactory)
    unit = factory.LazyAttribute(lambda r: r.task.lead_unit)
    reported_on = datetime.date(2026, 6, 1)
    text = "Đã triển khai"
    percent = 50
