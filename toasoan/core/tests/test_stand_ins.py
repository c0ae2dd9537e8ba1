"""The one stand-in splicer shared by the prerendered templates and the article route."""

from toasoan.core import stand_ins


def test_text_is_split_around_stand_ins_and_joined_back():
    text = f"<a href='{stand_ins.stand_in('url')}'>{stand_ins.stand_in('title')}</a>"
    literals, slots = stand_ins.split_text(text, ["url", "title"])
    assert slots == ["url", "title"]
    joined = stand_ins.join_text(literals, slots, {"url": "/bai/", "title": "Tin"})
    assert joined == "<a href='/bai/'>Tin</a>"


def test_a_changed_or_unknown_stand_in_is_refused():
    mangled = stand_ins.stand_in("url").upper() + stand_ins.OPEN  # a filter touched it
    assert stand_ins.split_text(mangled, ["url"]) is None
    assert stand_ins.split_text(stand_ins.stand_in("other"), ["url"]) is None


def test_query_parameters_are_found_with_their_suffix_and_filled():
    params = [stand_ins.stand_in("slug"), 3, stand_ins.stand_in("path") + "%"]
    found = stand_ins.find_params(params, ["slug", "path"])
    assert found == {0: ("slug", ""), 2: ("path", "%")}
    filled = stand_ins.fill_params(params, found, {"slug": "tin-a", "path": "0001"})
    assert filled == ["tin-a", 3, "0001%"]


def test_query_parameters_must_hold_each_stand_in_exactly_once():
    twice = [stand_ins.stand_in("slug"), stand_ins.stand_in("slug")]
    assert stand_ins.find_params(twice, ["slug"]) is None
    assert stand_ins.find_params([stand_ins.stand_in("slug")], ["slug", "path"]) is None
