"""The organisation chart as a tree built in two queries (units, then current positions)."""

from dataclasses import dataclass, field

from .models import Position, Unit, current_q


@dataclass
class ChartNode:
    unit: Unit
    heads: list = field(default_factory=list)
    deputies: list = field(default_factory=list)
    children: list = field(default_factory=list)
    heading_level: int = 3  # <h3> for the roots under the page's <h2>, never deeper than <h6>


def build_chart(first_heading_level=3):
    """The root nodes of the chart, each with its current head, deputies and sub-units;
    each node knows the heading level it is drawn with, so screen readers can walk the tree."""
    nodes = {unit.pk: ChartNode(unit) for unit in Unit.objects.all()}
    positions = (
        Position.objects.filter(current_q())
        .filter(role__in=[Position.Role.HEAD, Position.Role.DEPUTY])
        .select_related("person")
        .order_by("role", "sort_order", "person__full_name")
    )
    for position in positions:
        node = nodes.get(position.unit_id)
        if node is not None:
            bucket = node.heads if position.role == Position.Role.HEAD else node.deputies
            bucket.append(position)
    roots = []
    for node in nodes.values():  # Unit ordering is (sort_order, name): children stay ordered
        parent = nodes.get(node.unit.parent_id)
        (parent.children if parent else roots).append(node)
    _set_levels(roots, first_heading_level)
    return roots


def _set_levels(nodes, level):
    for node in nodes:
        node.heading_level = min(level, 6)
        _set_levels(node.children, level + 1)


def contacts():
    """Current posts of people who can be reached (phone or email), grouped by unit order."""
    positions = (
        Position.objects.filter(current_q())
        .select_related("person", "unit")
        .order_by("unit__sort_order", "unit__name", "role", "sort_order")
    )
    return [p for p in positions if p.person.phone or p.person.email or p.unit.phone]
