"""Outgoing email through a database queue: ``queue_mail`` never fails because SMTP does.

    from toasoan.outbox import queue_mail, queue_template
    queue_mail("ban@example.vn", "Tiêu đề", "Nội dung")
    queue_template("ban@example.vn", "questions/email/received", {"question": q})

Call them inside the transaction that stores the submission: the message is stored or lost
together with it. The ``outbox.send_due`` job sends due messages through Django's email
backend and retries failures with a growing delay.
"""


def queue_mail(to, subject, body, *, reply_to=""):
    """Store one message for sending; ``to`` is an address or a list of addresses."""
    from .sending import queue_mail as _queue

    return _queue(to, subject, body, reply_to=reply_to)


def queue_template(to, template_prefix, context, *, reply_to=""):
    """Render ``<prefix>_subject.txt`` and ``<prefix>_body.txt`` and queue the message."""
    from .sending import queue_template as _queue

    return _queue(to, template_prefix, context, reply_to=reply_to)
