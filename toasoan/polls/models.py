"""Polls (Bình chọn): a question with choices, open between two moments, one ballot per reader.

A ballot is ONE row, written by ONE INSERT: the database's unique constraints refuse a
second ballot from the same reader (the voter key in the reader's signed cookie) and a
second ballot from the same hashed IP within the IP window. The choices of a ballot are a
bit mask over the choices' positions, so a multiple-choice ballot is still one row.
"""

from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

MAX_CHOICES = 30
MAX_BIT = 62  # the mask is a signed 64-bit integer


class Poll(ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Chọn một phương án")
        MULTIPLE = "multiple", _("Chọn nhiều phương án")

    class ResultsShown(models.TextChoices):
        AFTER_VOTE = "after_vote", _("Ngay sau khi bạn đọc bình chọn")
        AFTER_CLOSE = "after_close", _("Chỉ sau khi kết thúc bình chọn")

    question = models.CharField(_("câu hỏi bình chọn"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    kind = models.CharField(_("kiểu"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    opens_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("kết thúc"), null=True, blank=True, help_text=_("Để trống: không tự kết thúc.")
    )
    results_shown = models.CharField(
        _("công bố kết quả"),
        max_length=12,
        choices=ResultsShown.choices,
        default=ResultsShown.AFTER_VOTE,
    )
    show_in_sidebar = models.BooleanField(
        _("hiện ở cột bên"),
        default=False,
        help_text=_("Hiện trong cột bên của các bài viết khi đang mở bình chọn."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("question"),
        FieldPanel("description"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Thời gian bình chọn")
        ),
        FieldPanel("results_shown"),
        FieldPanel("show_in_sidebar"),
        InlinePanel("choices", label=_("Phương án"), min_num=2, max_num=MAX_CHOICES),
    ]

    class Meta:
        verbose_name = _("cuộc bình chọn")
        verbose_name_plural = _("bình chọn")
        ordering = ["-opens_at"]

    def __str__(self):
        return self.question

    def state(self, now=None):
        """ "upcoming", "open" or "closed"."""
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        if self.closes_at is not None and now >= self.closes_at:
            return "closed"
        return "open"

    def is_open(self, now=None):
        return self.state(now) == "open"

    def results_public(self, has_voted, now=None):
        if self.state(now) == "closed":
            return True
        return has_voted and self.results_shown == self.ResultsShown.AFTER_VOTE

    def counts(self):
        """[(choice, votes)] in the choices' order, and the number of ballots."""
        choices = list(self.choices.all())
        totals = [0] * len(choices)
        ballots = 0
        rows = Ballot.objects.filter(poll=self).values("mask").annotate(n=Count("id"))
        for row in rows:
            ballots += row["n"]
            for position, choice in enumerate(choices):
                if row["mask"] >> choice.bit & 1:
                    totals[position] += row["n"]
        return list(zip(choices, totals, strict=True)), ballots


class Choice(Orderable):
    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("phương án"), max_length=255)
    # This choice's bit in Ballot.mask: assigned once, so reordering or deleting other
    # choices never changes what a stored ballot means.
    bit = models.PositiveSmallIntegerField(editable=False)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")
        constraints = [models.UniqueConstraint(fields=["poll", "bit"], name="polls_choice_bit")]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        if self.bit is None:
            used = Choice.objects.filter(poll_id=self.poll_id).aggregate(m=models.Max("bit"))["m"]
            self.bit = 0 if used is None else used + 1
            if self.bit > MAX_BIT:
                raise ValueError("A poll cannot have had more than 63 choices")
        super().save(*args, **kwargs)


class Ballot(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    # Bit i set: the choice at position i (ordered by sort_order, pk) was chosen.
    mask = models.BigIntegerField()
    voter_key = models.CharField(max_length=32)
    ip_hash = models.CharField(max_length=64, blank=True)
    # created_at // IP_WINDOW_SECONDS; NULL when the IP rule is off (NULLs never collide).
    ip_window = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "voter_key"], name="polls_one_ballot_per_voter"
            ),
            models.UniqueConstraint(
                fields=["poll", "ip_hash", "ip_window"], name="polls_one_ballot_per_ip_window"
            ),
        ]

    def __str__(self):
        return f"{self.poll_id}:{self.voter_key}"
