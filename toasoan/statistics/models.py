"""Aggregated reader views. Nothing here identifies a reader: counts per day only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViewDay(models.Model):
    """Views of one page (path) on one local day, with what the page was when counted."""

    day = models.DateField(_("ngày"), db_index=True)
    path = models.CharField(_("đường dẫn"), max_length=500)
    kind = models.CharField(_("loại nội dung"), max_length=20, db_index=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    section_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    section_title = models.CharField(_("chuyên mục"), max_length=255, blank=True)
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trang theo ngày")
        verbose_name_plural = _("lượt xem trang theo ngày")
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="stats_page_day")]

    def __str__(self):
        return f"{self.day} {self.path}: {self.views}"


class ReferrerDay(models.Model):
    day = models.DateField(_("ngày"), db_index=True)
    domain = models.CharField(_("tên miền"), max_length=253)
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("nguồn truy cập theo ngày")
        verbose_name_plural = _("nguồn truy cập theo ngày")
        constraints = [models.UniqueConstraint(fields=["day", "domain"], name="stats_ref_day")]

    def __str__(self):
        return f"{self.day} {self.domain}: {self.views}"


class DeviceDay(models.Model):
    day = models.DateField(_("ngày"), db_index=True)
    device = models.CharField(_("thiết bị"), max_length=10)
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("thiết bị theo ngày")
        verbose_name_plural = _("thiết bị theo ngày")
        constraints = [models.UniqueConstraint(fields=["day", "device"], name="stats_dev_day")]

    def __str__(self):
        return f"{self.day} {self.device}: {self.views}"


class ProcessedSegment(models.Model):
    """A spool segment (or nginx log chunk) already counted: committed with its counts."""

    name = models.CharField(max_length=200, unique=True)
    processed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.name


class LogOffset(models.Model):
    """How far the nginx access-log ingest has read (file identity and byte offset)."""

    path = models.CharField(max_length=500, unique=True)
    inode = models.PositiveBigIntegerField(default=0)
    offset = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.path} @ {self.offset}"
