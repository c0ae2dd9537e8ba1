"""Materialised paths of Wagtail's page tree, for writers that insert pages without add_child().

``Page.add_child()`` costs several queries per page; the legacy importer and the bench loader
insert thousands of pages at once and place them in the tree themselves. This module is the one
place that knows how treebeard spells a path: ``steplen`` characters of ``alphabet`` per level
(both public attributes of treebeard's ``MP_Node``), the number of the child in base 36.
"""

from treebeard.exceptions import PathOverflow
from wagtail.models import Page


def encode_step(number):
    """Child ``number`` (1-based) as one path step, e.g. 1 -> "0001"."""
    alphabet, steplen = Page.alphabet, Page.steplen
    digits = ""
    while number:
        number, rest = divmod(number, len(alphabet))
        digits = alphabet[rest] + digits
    if len(digits) > steplen:
        raise PathOverflow(f"no room for another page at this level ({steplen} characters)")
    return digits.rjust(steplen, alphabet[0])


def decode_step(step):
    return int(step, len(Page.alphabet))


def last_child_number(parent):
    """The number of ``parent``'s last child in the tree (0 when it has none): one query."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return decode_step(last[-Page.steplen :]) if last else 0


def child_path(parent_path, number):
    """The path of child ``number`` of the page at ``parent_path``."""
    return parent_path + encode_step(number)


def place(page, parent, number):
    """Give an unsaved ``page`` the tree position of child ``number`` of ``parent``."""
    page.path = child_path(parent.path, number)
    page.depth = parent.depth + 1
    page.numchild = 0
    return page


def recount_children(parent):
    """Set ``parent.numchild`` from the rows (after inserting children without add_child)."""
    count = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
    Page.objects.filter(pk=parent.pk).update(numchild=count)
    return count
