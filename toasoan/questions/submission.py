"""Kept so ``from toasoan.questions import submission`` (polls) keeps working: the request
helpers of every public write path now live in ``toasoan.core.submissions``."""

from toasoan.core.submissions import csrf_failed, rate_limited, refuse_body, request_ip_hash

__all__ = ["csrf_failed", "rate_limited", "refuse_body", "request_ip_hash"]
