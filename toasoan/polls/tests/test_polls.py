import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from toasoan.polls.models import Ballot, Poll
from toasoan.questions.tests.helpers import solve_altcha

from .conftest import make_poll

pytestmark = pytest.mark.django_db


def vote(client, poll, choices, as_json=True, altcha=True, **extra):
    data = {"choice": [c.pk if hasattr(c, "pk") else c for c in choices]}
    if altcha:
        data["altcha"] = solve_altcha(client)
    headers = {"HTTP_ACCEPT": "application/json"} if as_json else {}
    return client.post(reverse("polls:vote", args=[poll.pk]), data, **headers, **extra)


def test_vote_is_counted_and_results_shown_after_voting(client, poll):
    first = poll.choices.first()
    response = vote(client, poll, [first])
    assert response.status_code == 201
    body = response.json()
    assert body["ok"] and body["results"]["ballots"] == 1
    assert body["results"]["choices"][0] == {
        "id": first.pk,
        "text": "Đầu tư",
        "votes": 1,
        "percent": 100.0,
    }
    cookie = response.cookies[f"binhchon_{poll.pk}"]
    assert cookie["path"] == "/binh-chon/" and cookie["httponly"]
    assert Ballot.objects.count() == 1


def test_double_vote_is_refused_by_cookie_and_by_ip_window(client, poll):
    choice = poll.choices.first()
    assert vote(client, poll, [choice]).status_code == 201
    again = vote(client, poll, [choice])
    assert again.status_code == 409 and "đã bình chọn rồi" in again.json()["message"]
    fresh = Client()  # cookies cleared, same IP within the window
    third = vote(fresh, poll, [choice])
    assert third.status_code == 409
    other_ip = vote(Client(REMOTE_ADDR="10.0.0.9"), poll, [choice])
    assert other_ip.status_code == 201
    assert Ballot.objects.count() == 2


def test_ip_rule_can_be_switched_off(settings, poll):
    settings.TOASOAN_POLLS = {"IP_WINDOW_SECONDS": 0}
    choice = poll.choices.first()
    assert vote(Client(), poll, [choice]).status_code == 201
    assert vote(Client(), poll, [choice]).status_code == 201


def test_results_only_after_closing_when_the_editor_chooses(client, db):
    poll = make_poll(results=Poll.ResultsShown.AFTER_CLOSE)
    body = vote(client, poll, [poll.choices.first()]).json()
    assert "results" not in body and "sau khi kết thúc" in body["note"]
    page = client.get(reverse("polls:detail", args=[poll.pk])).content.decode()
    assert "Tổng số phiếu" not in page
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    page = Client().get(reverse("polls:detail", args=[poll.pk])).content.decode()
    assert "Tổng số phiếu: 1" in page


def test_vote_after_closing_and_before_opening_is_refused(client, db):
    closed = make_poll(closes_at=timezone.now() - dt.timedelta(minutes=1))
    response = vote(client, closed, [closed.choices.first()])
    assert response.status_code == 403 and "đã kết thúc" in response.json()["message"]
    upcoming = make_poll(opens_at=timezone.now() + dt.timedelta(days=1))
    response = vote(client, upcoming, [upcoming.choices.first()])
    assert response.status_code == 403 and "chưa bắt đầu" in response.json()["message"]
    assert not Ballot.objects.exists()


def test_multiple_choice_is_one_ballot(client, db):
    poll = make_poll(kind=Poll.Kind.MULTIPLE)
    a, b, c = poll.choices.all()
    assert vote(client, poll, [a, c]).status_code == 201
    assert Ballot.objects.count() == 1
    counts, ballots = poll.counts()
    assert [n for _c, n in counts] == [1, 0, 1] and ballots == 1


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ([], "Vui lòng chọn một phương án."),
        (["abc"], "Phương án không hợp lệ."),
        ([999999], "Phương án không hợp lệ."),
    ],
)
def test_bad_choices_are_refused(client, poll, choices, message):
    response = vote(client, poll, choices)
    assert response.status_code == 400 and response.json()["message"] == message
    assert not Ballot.objects.exists()


def test_two_choices_on_single_choice_poll_is_refused(client, poll):
    a, b, _c = poll.choices.all()
    response = vote(client, poll, [a, b])
    assert response.status_code == 400 and "chỉ được chọn một" in response.json()["message"]


def test_choice_of_another_poll_is_refused(client, poll, db):
    other = make_poll()
    response = vote(client, poll, [other.choices.first()])
    assert response.status_code == 400


def test_missing_and_replayed_bot_check(client, poll):
    choice = poll.choices.first()
    response = vote(client, poll, [choice], altcha=False)
    assert response.status_code == 400 and "người máy" in response.json()["message"]
    payload = solve_altcha(client)
    url = reverse("polls:vote", args=[poll.pk])
    first = Client(REMOTE_ADDR="10.0.0.1").post(
        url, {"choice": choice.pk, "altcha": payload}, HTTP_ACCEPT="application/json"
    )
    assert first.status_code == 201
    replay = Client(REMOTE_ADDR="10.0.0.2").post(
        url, {"choice": choice.pk, "altcha": payload}, HTTP_ACCEPT="application/json"
    )
    assert replay.status_code == 400 and "đã được dùng" in replay.json()["message"]
    assert Ballot.objects.count() == 1


def test_plain_html_vote_without_js(client, poll):
    choice = poll.choices.first()
    # No bot proof: the confirmation page with the no-JS question, the choice kept.
    response = vote(client, poll, [choice], as_json=False, altcha=False)
    html = response.content.decode()
    assert response.status_code == 400 and 'name="answer"' in html
    assert f'value="{choice.pk}" checked' in html
    response = vote(client, poll, [choice], as_json=False)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã bình chọn." in page and "Tổng số phiếu: 1" in page


def test_html_in_choice_text_is_escaped(client, poll):
    choice = poll.choices.first()
    choice.text = "<script>alert(1)</script>"
    choice.save()
    html = client.get(reverse("polls:detail", args=[poll.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_garbage_never_gives_500(client, poll):
    url = reverse("polls:vote", args=[poll.pk])
    assert client.post(
        url, b"\xff\xfe", content_type="multipart/form-data; boundary=x"
    ).status_code in (400, 403)
    assert client.post(url, {"choice": "x" * 20000}).status_code == 413
    assert client.post(reverse("polls:vote", args=[999999]), {}).status_code == 404
    assert client.get(url).status_code == 405
    assert client.get(reverse("polls:detail", args=[999999])).status_code == 404


def test_poll_box_is_identical_for_everyone_and_fetches_nothing(poll):
    from django.template import Context, Template

    template = Template("{% load polls_tags %}{% poll_box poll %}")
    first = template.render(Context({"poll": poll}))
    second = template.render(Context({"poll": poll}))
    assert first == second
    assert f'action="/binh-chon/{poll.pk}/bo-phieu/"' in first
    assert "csrfmiddlewaretoken" not in first and "question_id" not in first
    # The same poll in the article and in the sidebar: element ids stay unique.
    both = Template("{% load polls_tags %}{% poll_box poll %}{% sidebar_poll %}")
    poll.show_in_sidebar = True
    poll.save()
    html = both.render(Context({"poll": poll}))
    assert html.count(f'id="poll-noi-dung-{poll.pk}-q"') == 1
    assert html.count(f'id="poll-cot-ben-{poll.pk}-q"') == 1


def test_article_with_poll_stays_in_page_cache(client, poll, settings):
    from toasoan.news.tests.factories import make_article, make_home, make_section

    article = make_article(make_section(make_home()), title="Bài có bình chọn")
    article.body.append(("poll", {"poll": poll}))
    article.save_revision().publish()
    url = article.url
    first = client.get(url)
    assert first.status_code == 200 and f'data-poll="{poll.pk}"' in first.content.decode()
    assert not first.cookies  # nothing per reader: the page can be cached
    assert "no-cache" not in first.get("Cache-Control", "")
    voted = vote(client, poll, [poll.choices.first()])
    assert voted.status_code == 201
    # The vote cookie is scoped to /binh-chon/: the article request carries none.
    assert voted.cookies[f"binhchon_{poll.pk}"]["path"] == "/binh-chon/"
    second = Client().get(url)
    assert second.content == first.content


def test_admin_live_counts_and_export(admin_client, client, poll):
    vote(client, poll, [poll.choices.first()])
    page = admin_client.get(reverse("polls_admin:results", args=[poll.pk])).content.decode()
    assert "Tổng số phiếu:" in page and "Đầu tư" in page
    response = admin_client.get(reverse("polls_admin:export", args=[poll.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("Ngày", "Số phiếu", "Đầu tư")
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert rows[1][:3] == (today, 1, 1)
    assert rows[-1][:2] == ("Tổng cộng", 1)
    assert admin_client.get(reverse("polls_admin:list")).status_code == 200
    assert admin_client.get(reverse("polls_admin:edit", args=[poll.pk])).status_code == 200
