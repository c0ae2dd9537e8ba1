"""Scheduled jobs of the comments app, plain functions for the ops scheduler."""

import datetime as dt

from django.utils import timezone

from .conf import comments_setting
from .models import Comment


def purge_ip_hashes(now=None):
    """Erase hashed IPs older than IP_RETENTION_DAYS; returns how many rows changed."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=comments_setting("IP_RETENTION_DAYS"))
    return Comment.objects.filter(created_at__lt=cutoff).exclude(ip_hash="").update(ip_hash="")
