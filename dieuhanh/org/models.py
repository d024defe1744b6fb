"""Units (the tree of bodies), their aliases, people and their roles in units."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr

from dieuhanh.core.audit import Audited
from dieuhanh.org.constants import ORGANISATION_KINDS, Role, UnitKind
from dieuhanh.vn.fold import fold_key


class User(AbstractUser, Audited):
    """A person who signs in. The Vietnamese full name is kept whole, not split."""

    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username


class Unit(Audited):
    """A body in the tree: province UBND → sở and communes → a commune's departments.

    `path` is the chain of ids from the root ("/1/7/23/"), kept by save(), so
    "everything under this commune" is one indexed prefix query.
    """

    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField("loại đơn vị", max_length=20, choices=UnitKind.choices)
    name = models.CharField("tên chính thức", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=100, blank=True)
    code = models.SlugField("mã", max_length=80, unique=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    sort_order = models.PositiveIntegerField("thứ tự", default=0)
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.pk and self.parent_id:
            node = self.parent
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError(
                        {"parent": "Đơn vị cấp trên không được là chính nó hoặc đơn vị cấp dưới của nó."}
                    )
                node = node.parent

    def save(self, *args, **kwargs):
        self.clean()
        with transaction.atomic():
            old_path = self.path
            super().save(*args, **kwargs)
            new_path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
            if new_path != old_path:
                if old_path:
                    # The unit and everything under it in one statement: the new prefix, then
                    # the rest of each path after the old prefix (SUBSTR counts from 1).
                    Unit.objects.filter(path__startswith=old_path).update(
                        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
                    )
                else:
                    Unit.objects.filter(pk=self.pk).update(path=new_path)
                self.path = new_path

    @property
    def is_organisation(self) -> bool:
        return self.kind in ORGANISATION_KINDS

    def organisation(self) -> "Unit":
        """The nearest commune or province UBND at or above this unit."""
        node = self
        while node is not None and not node.is_organisation:
            node = node.parent
        return node or self

    def subtree(self):
        return Unit.objects.filter(path__startswith=self.path)

    def ancestor_ids(self) -> list[int]:
        return [int(x) for x in self.path.strip("/").split("/") if x]


class UnitAlias(models.Model):
    """Another name documents use for a unit ("Phòng VH-XH", "Phòng VHXH")."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("tên gọi khác", max_length=255)
    folded = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = "tên gọi khác"
        verbose_name_plural = "tên gọi khác"
        constraints = [models.UniqueConstraint(fields=["unit", "folded"], name="unique_alias_per_unit")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded = fold_key(self.name)
        super().save(*args, **kwargs)


class Membership(Audited):
    """A person's role in a unit. One person may hold roles in several units."""

    user = models.ForeignKey(
        User, verbose_name="người dùng", on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    title = models.CharField("chức vụ", max_length=120, blank=True)
    is_head = models.BooleanField("người đứng đầu đơn vị", default=False)

    class Meta:
        verbose_name = "vai trò trong đơn vị"
        verbose_name_plural = "vai trò trong đơn vị"
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="one_role_per_unit")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
