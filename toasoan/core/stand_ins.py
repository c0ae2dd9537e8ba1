"""Stand-ins: compile a template or a query once with markers, then splice values in.

Both the prerendered templates (``core/prerendered_templates.py``) and the compiled article
route (``news/article_route.py``) do the expensive work once per process with a *stand-in*
where each per-request value goes, then only splice the values into the result. A stand-in is
a name between two Unicode private-use characters: autoescaping and SQL parameter handling
leave those alone, and no real value contains them. Whoever uses one checks that every
stand-in came out once and unchanged (``split_text``/``find_params`` return None otherwise)
and then falls back to doing the work every time.
"""

import re

OPEN, CLOSE = "\ue000", "\ue001"
_MARKED = re.compile(f"{OPEN}([a-z_-]+){CLOSE}")


def stand_in(name):
    """The stand-in for ``name`` (lower-case letters, ``_`` and ``-``)."""
    return f"{OPEN}{name}{CLOSE}"


def split_text(text, names):
    """(literals, slots) of ``text`` around the stand-ins of ``names``, or None.

    ``literals`` has one more item than ``slots``; None when a marker is left over (a stand-in
    was changed by a filter) or an unknown name shows up.
    """
    pieces = _MARKED.split(text)
    literals, slots = pieces[0::2], pieces[1::2]
    if any(OPEN in part or CLOSE in part for part in literals) or set(slots) - set(names):
        return None
    return literals, slots


def join_text(literals, slots, values):
    """The text with ``values[name]`` (strings) where each slot was."""
    out = [literals[0]]
    for name, literal in zip(slots, literals[1:], strict=True):
        out.append(values[name])
        out.append(literal)
    return "".join(out)


def find_params(params, names):
    """{position: (name, suffix)} of the parameters that hold a stand-in, or None.

    A parameter holds one when it starts with it; what follows is kept (``LIKE 'x%'`` patterns
    of ``__startswith``). None unless each name is found exactly once.
    """
    found = {}
    for index, value in enumerate(params):
        if not isinstance(value, str):
            continue
        match = _MARKED.match(value)
        if match:
            found[index] = (match.group(1), value[match.end() :])
    if sorted(name for name, _suffix in found.values()) != sorted(names):
        return None
    return found


def fill_params(params, found, values):
    """``params`` with ``values[name] + suffix`` at each position of ``find_params``."""
    filled = list(params)
    for index, (name, suffix) in found.items():
        filled[index] = values[name] + suffix
    return filled
