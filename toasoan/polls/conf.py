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
}


def polls_setting(name):
    return (getattr(settings, "TOASOAN_POLLS", None) or {}).get(name, DEFAULTS[name])
