"""Start the app server's Django without Wagtail's API v3 (django-ninja + pydantic).

Wagtail 8's images, documents, snippets, redirects and locales apps register routers and pydantic
schemas on the API v3 object in their ready(), whether or not a project routes that API.
Tòa soạn does not (toasoan/urls.py; its read-only API is v2, toasoan/distribution), yet
building those schemas cost every app process ≈26 MB of RSS right after import (122 → 96 MB,
≈430 modules) and 7–14 MB at its peak under load (docs/benchmarks/production.md).

While the apps get ready, the v3 modules they import are replaced by inert stand-ins, which
are removed again afterwards: everything else the apps do in ready() (signals, permission
policies, form overrides) runs unchanged, and a later real import of the v3 modules still
works (it only misses these registrations).

Used by toasoan/ops/wsgi.py, the entry point of granian's workers; tests, management
commands and `runserver` set Django up as usual.
"""

import contextlib
import sys
import types


class _InertAPI:
    def add_router(self, *args, **kwargs):
        pass


def _module(name, **attributes):
    module = types.ModuleType(
        name, "Inert stand-in during django.setup() (ops/skip_wagtail_api.py)"
    )
    module.__dict__.update(attributes)
    return module


def _stand_ins():
    def nothing():
        return None

    return {
        "wagtail.api.v3.api": _module("wagtail.api.v3.api", api=_InertAPI()),
        "wagtail.images.api.v3.registry": _module(
            "wagtail.images.api.v3.registry", register_content_types=nothing
        ),
        "wagtail.images.api.v3.router": _module("wagtail.images.api.v3.router", router=None),
        "wagtail.documents.api.v3.registry": _module(
            "wagtail.documents.api.v3.registry", register_content_types=nothing
        ),
        "wagtail.documents.api.v3.router": _module("wagtail.documents.api.v3.router", router=None),
        "wagtail.snippets.api.v3": _module(
            "wagtail.snippets.api.v3", register_content_types=nothing
        ),
        "wagtail.snippets.api.v3.router": _module("wagtail.snippets.api.v3.router", router=None),
        "wagtail.contrib.redirects.api.v3": _module(
            "wagtail.contrib.redirects.api.v3", router=None
        ),
        # wagtail.locales (English news, docs/decisions/english.md) registers one too.
        "wagtail.locales.api.v3": _module("wagtail.locales.api.v3", router=None),
    }


@contextlib.contextmanager
def without_wagtail_api_v3():
    """Inside: Wagtail's apps get ready without importing API v3. A module already imported
    for real (someone routes the API) is left alone."""
    stand_ins = {name: m for name, m in _stand_ins().items() if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
