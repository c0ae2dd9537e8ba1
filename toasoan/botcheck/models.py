"""Single-use tickets of the bot check, in the database every worker process shares.

A solved ALTCHA challenge is *claimed* (a row with its replay id as primary key: the second
INSERT of the same id fails, atomically, on SQLite and PostgreSQL alike) and a no-JS image
code is *issued* (a row holding the expected answer) then *spent* (a DELETE that only one
request can win). A per-process memory cache would let each worker accept the same solution
once, and forget a question shown by another worker (issue #23).
"""

from django.db import models


class Ticket(models.Model):
    key = models.CharField(max_length=80, primary_key=True)
    # The expected answer of an image code; empty for an ALTCHA claim.
    answer = models.CharField(max_length=16, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "bot-check ticket"

    def __str__(self):
        return self.key[:2]  # never the answer
