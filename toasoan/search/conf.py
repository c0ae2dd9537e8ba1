"""Search options: ``settings.TOASOAN_SEARCH`` overrides these defaults key by key."""

from django.conf import settings

DEFAULTS = {
    # Points an article earns per field that holds every query term, doubled by PHRASE_BOOST
    # when the field holds the whole query as a phrase. Ties are broken by recency.
    "TITLE_WEIGHT": 8,
    "SAPO_WEIGHT": 3,
    "BODY_WEIGHT": 1,
    "PHRASE_BOOST": 2,
    # Large enough that an exact-accent match outranks any accent-folded one.
    "ACCENT_BOOST": 40,
    "ACCENT_PHRASE_BOOST": 40,
    # Between two spellings of one synonym group, the one the reader typed wins.
    "AS_TYPED_BOOST": 1,
    "MAX_QUERY_LENGTH": 200,
    "MAX_TERMS": 12,
    "PAGE_SIZE": 10,
    "API_MAX_LIMIT": 50,
    "API_MAX_OFFSET": 10000,
    "SNIPPET_WORDS": 32,
    # Typo tolerance: unknown words of at least this length also match their nearest known
    # words (one edit away).
    "TYPO_MIN_LENGTH": 3,
    "TYPO_ALTERNATIVES": 2,
    # A fully accented query no article writes that way is tried with the spellings the
    # index holds (toasoan/search/repair.py).
    "ACCENT_REPAIR": True,
    "SYNONYM_CACHE_SECONDS": 300,
    # Relevance ranking scores the newest RANK_WINDOW matches and the newest RANK_WINDOW
    # articles meeting each ranking feature (exact whenever a query has no more matches).
    "RANK_WINDOW": 50,
    # Matches are counted up to this number; beyond it the total reads "more than N".
    "COUNT_LIMIT": 1000,
    # PostgreSQL: partial "recent" GIN indexes cover about this many of the newest articles
    # (backends/postgres.py); rebuilt with a newer cutoff once they cover RECENT_INDEX_SLACK
    # times as many.
    "RECENT_INDEX_ARTICLES": 15000,
    "RECENT_INDEX_SLACK": 1.5,
}


def search_setting(name):
    return getattr(settings, "TOASOAN_SEARCH", {}).get(name, DEFAULTS[name])
