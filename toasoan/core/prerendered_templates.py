"""Templates rendered once per process and language, then filled in per request.

A small template that only *prints* its per-request values (no filters on them; ``{% if %}``
only on whether one is empty) renders to the same text every time except where those values
go. Rendering it once
with stand-ins and splicing the escaped values in afterwards gives the same HTML for a
fraction of the cost: Django's template engine spends several microseconds per node, and
an uncached article page has hundreds (docs/benchmarks/production.md).

The stand-ins (``core/stand_ins.py``) are Unicode private-use characters, which autoescaping
leaves alone; if the template changes one (a filter, a condition that printed it
differently), the snapshot is not used and the template is rendered normally every time.
"""

import threading

from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .stand_ins import join_text, split_text, stand_in

_snapshots = {}
_MAX_SNAPSHOTS = 256  # a handful per template in practice; this only bounds memory
_lock = threading.Lock()


def _snapshot(template_name, names, fixed, constant):
    """(literals, slot names) of the template rendered with stand-ins, or None."""
    stand_ins = {name: stand_in(name) for name in names}
    text = render_to_string(template_name, {**constant, **fixed, **stand_ins})
    return split_text(text, names)


def render_filled(template_name, values, fixed=None, constant=None):
    """``render_to_string(template_name, {**constant, **fixed, **values})``, from a
    per-process snapshot.

    ``values`` are printed as-is by the template (escaped, unless safe), or only tested for
    being empty: empty ones join ``fixed``. ``fixed`` holds context the template may branch on
    (hashable; part of the snapshot's key, with the active language); ``constant`` is context
    that renders the same on every call (an unbound form, a setting) and is only used to take
    the snapshot.
    """
    fixed = {**(fixed or {}), **{name: value for name, value in values.items() if not value}}
    values = {name: value for name, value in values.items() if value}
    constant = constant or {}
    fixed_key = tuple(sorted((name, repr(value)) for name, value in fixed.items()))
    key = (template_name, get_language(), tuple(sorted(values)), fixed_key)
    parts = _snapshots.get(key, False)
    if parts is False:
        parts = _snapshot(template_name, sorted(values), fixed, constant)
        with _lock:
            if len(_snapshots) >= _MAX_SNAPSHOTS:
                _snapshots.clear()
            _snapshots[key] = parts
    if parts is None:
        return mark_safe(render_to_string(template_name, {**constant, **fixed, **values}))  # noqa: S308  # nosec B308 B703 - the template's own output
    literals, slots = parts
    escaped = {name: str(conditional_escape(value)) for name, value in values.items()}
    return mark_safe(join_text(literals, slots, escaped))  # noqa: S308  # nosec B308 B703 - template literals, escaped values
