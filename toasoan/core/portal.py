"""Public doors through which the portal's apps announce themselves to the rest of the site.

Apps register in their ``AppConfig.ready()``; nothing here imports an app.

- ``register_section``: a public entry point (``/van-ban/``, ``/hoi-dap/``, …) that the main
  menu lists after the page sections when editors have not built a menu of their own.
- ``register_category``: one category of information Decree 42/2022/NĐ-CP asks a state agency
  portal to publish, with a function that says when it was last updated (``None`` when the
  portal has nothing of that kind yet). The Decree 42 checklist in the admin reads these.
- ``register_demo_loader``: a function that adds this app's demo content; ``toasoan demo``
  (``news_load_demo``) runs every loader after the news demo, on every run, so each loader
  must be idempotent (check for its own content first).
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    key: str
    label: Any  # a (lazy) translated string
    url_name: str  # reversed with django.urls.reverse
    order: int = 100


@dataclass(frozen=True)
class Category:
    key: str
    label: Any
    last_updated: Any  # callable() -> datetime | None
    url_name: str = ""  # where readers find it, when it has a public page
    order: int = 100


@dataclass(frozen=True)
class DemoLoader:
    key: str
    load: Any  # callable(stdout) -> str | None (a short summary of what was created)
    order: int = 100


_SECTIONS: dict[str, Section] = {}
_CATEGORIES: dict[str, Category] = {}
_DEMO_LOADERS: dict[str, DemoLoader] = {}


def register_section(key, label, url_name, order=100):
    """List ``url_name`` in the main menu's fallback; registering a key again replaces it."""
    _SECTIONS[key] = Section(key, label, url_name, order)


def sections():
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def register_category(key, label, last_updated, url_name="", order=100):
    """Announce a Decree 42 category this app provides; ``last_updated()`` -> datetime|None."""
    _CATEGORIES[key] = Category(key, label, last_updated, url_name, order)


def categories():
    return sorted(_CATEGORIES.values(), key=lambda c: (c.order, c.key))


def register_demo_loader(key, load, order=100):
    """Run ``load(stdout)`` from ``toasoan demo``, after the news demo; must be idempotent."""
    _DEMO_LOADERS[key] = DemoLoader(key, load, order)


def demo_loaders():
    return sorted(_DEMO_LOADERS.values(), key=lambda d: (d.order, d.key))
