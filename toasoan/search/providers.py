"""Results from other apps shown next to articles on /tim-kiem/ (documents, …).

An app registers ``provider(request, query) -> dict | None`` in its ``AppConfig.ready()``;
the dict must hold ``template`` (rendered with the dict as ``block``). A provider that fails
is logged and skipped: the article results are never lost to another app's error.
"""

import logging

logger = logging.getLogger(__name__)
_PROVIDERS = {}


def register_result_provider(key, provider):
    _PROVIDERS[key] = provider


def extra_results(request, query):
    blocks = []
    if not (query or "").strip():
        return blocks
    for key, provider in sorted(_PROVIDERS.items()):
        try:
            block = provider(request, query)
        except Exception:  # noqa: BLE001 - another app's failure must not break search
            logger.exception("Search result provider %s failed", key)
            continue
        if block:
            blocks.append(block)
    return blocks
