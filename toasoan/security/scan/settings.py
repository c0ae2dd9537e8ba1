"""Settings for the throwaway server that scripts/security.sh attacks with sqlmap.

Production-like (DEBUG off) but on a temporary SQLite database under TOASOAN_VAR_DIR. The
comment rate limits are lifted so every sqlmap payload reaches the form and the database
code instead of stopping at "too many comments" (429).
"""

from toasoan.settings.test import *  # noqa: F403
from toasoan.settings.test import TOASOAN_COMMENTS

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
TOASOAN_COMMENTS = {**TOASOAN_COMMENTS, "RATE_LIMIT_PER_IP": 0, "RATE_LIMIT_PER_EMAIL": 0}
