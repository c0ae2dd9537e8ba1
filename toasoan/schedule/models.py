"""The leaders' weekly work schedule (Lịch công tác).

Items are public as soon as they are saved. Once an item has been published, a later change
to what readers rely on (day, time, content, place, host…) stamps ``adjusted_at``, and the
public page marks the item "Điều chỉnh" so nobody goes by the printed copy of Monday.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Changing one of these after publication marks the item "Điều chỉnh".
TRACKED_FIELDS = (
    "date",
    "start_time",
    "time_note",
    "content",
    "participants",
    "place",
    "host_id",
    "host_name",
    "preparing_unit",
)


class ScheduleItem(models.Model):
    date = models.DateField(_("ngày"), db_index=True)
    start_time = models.TimeField(
        _("giờ bắt đầu"), null=True, blank=True, help_text=_("Để trống nếu cả buổi hoặc cả ngày.")
    )
    time_note = models.CharField(
        _("ghi chú thời gian"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ: Sáng, 8h00 – 11h00."),
    )
    content = models.TextField(_("nội dung"))
    participants = models.TextField(_("thành phần"), blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    host = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("lãnh đạo chủ trì"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schedule_items",
    )
    host_name = models.CharField(
        _("chủ trì (ghi rõ)"),
        max_length=255,
        blank=True,
        help_text=_("Ghi khi người chủ trì không có trong danh sách cán bộ."),
    )
    preparing_unit = models.CharField(_("đơn vị chuẩn bị"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, editable=False)
    adjusted_at = models.DateTimeField(_("điều chỉnh lúc"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        ordering = ["date", models.F("start_time").asc(nulls_first=True), "pk"]
        verbose_name = _("mục lịch công tác")
        verbose_name_plural = _("lịch công tác")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.time_label()}: {self.content[:60]}"

    def save(self, *args, **kwargs):
        now = timezone.now()
        if self.pk and self.published_at and self._tracked_changed():
            self.adjusted_at = now
        if self.published_at is None:
            self.published_at = now
        super().save(*args, **kwargs)

    def time_label(self):
        if self.time_note:
            return self.time_note
        return self.start_time.strftime("%Hh%M") if self.start_time else ""

    time_label.short_description = _("thời gian")

    def host_label(self):
        return self.host_name or (self.host.full_name if self.host else "")

    host_label.short_description = _("chủ trì")

    def _tracked_changed(self):
        before = type(self).objects.filter(pk=self.pk).values(*TRACKED_FIELDS).first()
        if before is None:
            return False
        return any(before[name] != getattr(self, name) for name in TRACKED_FIELDS)


def last_updated():
    """The newest change to the schedule (Decree 42 checklist), None when it is empty."""
    return ScheduleItem.objects.aggregate(m=models.Max("updated_at"))["m"]
