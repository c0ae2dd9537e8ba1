from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One row per periodic job: its lock and its heartbeat (toasoan/ops/jobs.py).

    Whoever turns an unlocked row into a locked one with a conditional UPDATE holds the lock
    until ``locked_until``; that UPDATE is atomic on SQLite and PostgreSQL alike, so the lock
    holds across processes and hosts that share the database. The same row then records the
    run (start, end, success, error) where every process, the system check and the admin
    dashboard can read it.
    """

    name = models.CharField(_("tác vụ"), max_length=100, unique=True)
    every_seconds = models.PositiveIntegerField(_("chu kỳ (giây)"), default=0)
    owner = models.CharField(_("tiến trình giữ khóa"), max_length=128, blank=True)
    locked_until = models.DateTimeField(_("khóa đến"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lần chạy gần nhất"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lần chạy gần nhất"), null=True, blank=True)
    ok = models.BooleanField(_("thành công"), null=True)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("tác vụ định kỳ")
        verbose_name_plural = _("tác vụ định kỳ")
        ordering = ["name"]

    def __str__(self):
        return self.name
