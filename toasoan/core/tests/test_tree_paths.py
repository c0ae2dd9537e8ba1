"""The one writer of Wagtail's tree paths agrees with treebeard and finds the free positions."""

import pytest
from treebeard.exceptions import PathOverflow
from wagtail.models import Page

from toasoan.core import tree_paths
from toasoan.news.models import SectionPage
from toasoan.news.tests.factories import make_article, make_home, make_section


@pytest.mark.parametrize("number", [1, 9, 10, 35, 36, 1295, 36**4 - 1])
def test_steps_are_spelt_as_treebeard_spells_them(number):
    # treebeard's own (private) spelling, used here only as the oracle.
    expected = Page._get_path("0001", 2, number)[4:]
    assert tree_paths.encode_step(number) == expected
    assert tree_paths.decode_step(expected) == number


def test_a_level_has_room_for_36_to_the_4_minus_1_children():
    with pytest.raises(PathOverflow):
        tree_paths.encode_step(36**4)


@pytest.mark.django_db
def test_placed_pages_are_valid_children_of_their_parent():
    home = make_home()
    section = make_section(home, title="Thời sự")
    make_article(section, title="Bài đầu")
    number = tree_paths.last_child_number(section)
    assert number == 1
    extra = tree_paths.place(SectionPage(title="Chuyên mục con", slug="con"), section, number + 1)
    extra.url_path = f"{section.url_path}con/"
    extra.save()
    assert tree_paths.recount_children(section) == 2
    section.refresh_from_db()
    assert [p.title for p in section.get_children()] == ["Bài đầu", "Chuyên mục con"]
    assert extra.get_parent().pk == section.pk
    assert tree_paths.last_child_number(section) == 2
