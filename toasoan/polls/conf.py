from django.conf import settings

DEFAULTS = {
    # One ballot per hashed IP within this many seconds (0: the IP rule is off). Offices
    # behind one address share it: keep it short.
    "IP_WINDOW_SECONDS": 300,
    # How long a vote cookie lasts.
    "COOKIE_MAX_AGE": 365 * 24 * 3600,
    # Seconds a process keeps a poll's definition (choices, times) in memory for votes.
    "DEFINITION_CACHE_SECONDS": 5,
    "MAX_REQUEST_BYTES": 16 * 1024,
    # Public results are recounted at most this often (editors' live counts are exact).
    "RESULTS_CACHE_SECONDS": 2,
    # The ALTCHA profile of the vote challenge (GET /binh-chon/<id>/thu-thach/): iterated
    # SHA-256, verified in microseconds (PBKDF2 cost 5000, the other forms' profile, costs
    # 2.3 ms of server CPU per vote). The reader's work is set by key_prefix: 16**3 tries
    # of `cost` hashes on average. Measured: docs/decisions/polls.md.
    # Votes posted by the poll box script skip the middleware a vote does not use
    # (toasoan/polls/wsgi.py; read once when the WSGI application loads).
    "LEAN_VOTE_PATH": True,
    "VOTE_CHALLENGE": {"algorithm": "SHA-256", "cost": 10, "key_prefix": "000"},
}


def polls_setting(name):
    return (getattr(settings, "TOASOAN_POLLS", None) or {}).get(name, DEFAULTS[name])
