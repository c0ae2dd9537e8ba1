"""The contract for spam-check plug-ins (``TOASOAN_COMMENTS["SPAM_BACKEND"]``).

A backend looks at a new, unsaved comment and says whether it is spam, should be held
for a moderator, or is fine. A backend that talks to an outside service must time out
quickly and answer ``Verdict()`` (fine) on failure: the reader's comment is never lost
because a filter is down; the built-in rules still hold suspicious text.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    is_spam: bool = False
    hold: bool = False
    reason: str = ""


class BaseSpamBackend:
    def check(self, comment, request=None):
        """Return a :class:`Verdict` for ``comment`` (a ``Comment`` not yet saved)."""
        raise NotImplementedError

    def report(self, comment, is_spam):
        """Tell the backend a moderator's decision (optional learning hook)."""
