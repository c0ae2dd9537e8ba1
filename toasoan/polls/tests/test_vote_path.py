"""The fast vote path: poll-bound SHA-256 challenges claimed by the ballot's own INSERT, and
the lean WSGI front (toasoan/polls/wsgi.py)."""

import base64
import datetime as dt
import io
import json
import time
import urllib.parse
from unittest import mock

import pytest
from altcha import Challenge, Payload, solve_challenge
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from toasoan.botcheck.models import Ticket
from toasoan.polls import voting
from toasoan.polls.models import Ballot
from toasoan.polls.wsgi import VoteFront

from .conftest import make_poll

pytestmark = pytest.mark.django_db

CHEAP_VOTE = {"algorithm": "SHA-256", "cost": 10, "key_prefix": "0"}


@pytest.fixture(autouse=True)
def _cheap_vote_challenge(settings):
    settings.TOASOAN_POLLS = {"VOTE_CHALLENGE": CHEAP_VOTE}


def solve_vote(client, poll):
    response = client.get(reverse("polls:challenge", args=[poll.pk]))
    assert response.status_code == 200
    challenge = Challenge.from_dict(response.json())
    return Payload(challenge, solve_challenge(challenge)).to_base64()


def post_vote(client, poll, payload, choices=None, **extra):
    choices = choices if choices is not None else [poll.choices.first().pk]
    return client.post(
        reverse("polls:vote", args=[poll.pk]),
        {"choice": choices, "altcha": payload},
        HTTP_ACCEPT="application/json",
        **extra,
    )


def nonce_of(payload):
    return json.loads(base64.b64decode(payload))["challenge"]["parameters"]["nonce"]


def test_vote_challenge_is_bound_to_the_poll_and_cheap_to_verify(client, poll):
    data = client.get(reverse("polls:challenge", args=[poll.pk])).json()
    assert data["parameters"]["data"] == {"poll": str(poll.pk)}
    assert data["parameters"]["algorithm"] == "SHA-256"
    assert client.get(reverse("polls:challenge", args=[999999])).status_code == 404
    assert client.post(reverse("polls:challenge", args=[poll.pk])).status_code == 405


def test_vote_is_stored_once_with_the_key_of_its_challenge(client, poll):
    payload = solve_vote(client, poll)
    response = post_vote(client, poll, payload)
    assert response.status_code == 201 and response.json()["results"]["ballots"] == 1
    ballot = Ballot.objects.get()
    assert ballot.voter_key == voting.voter_key_for(nonce_of(payload))
    assert response.cookies[f"binhchon_{poll.pk}"].value.startswith(ballot.voter_key + ":")
    # The ballot row is the claim: nothing goes to the bot check's ticket table.
    assert not Ticket.objects.exists()


def test_replayed_vote_challenge_is_refused_and_stored_once(poll):
    payload = solve_vote(Client(), poll)
    assert post_vote(Client(REMOTE_ADDR="10.0.0.1"), poll, payload).status_code == 201
    replay = post_vote(Client(REMOTE_ADDR="10.0.0.2"), poll, payload)
    assert replay.status_code == 400
    assert replay.json()["message"] == "Bước xác minh này đã được dùng. Vui lòng xác minh lại."
    assert Ballot.objects.count() == 1


def test_double_vote_is_refused_by_cookie_and_by_ip_window(client, poll):
    assert post_vote(client, poll, solve_vote(client, poll)).status_code == 201
    again = post_vote(client, poll, solve_vote(client, poll))
    assert again.status_code == 409
    assert again.json()["message"] == "Bạn đã bình chọn rồi. Mỗi người chỉ được bình chọn một lần."
    fresh = Client()  # no cookie, same address within the window
    third = post_vote(fresh, poll, solve_vote(fresh, poll))
    assert third.status_code == 409 and "đã bình chọn rồi" in third.json()["message"]
    assert Ballot.objects.count() == 1


def test_challenge_of_another_poll_is_refused(client, poll):
    other = make_poll()
    response = post_vote(client, poll, solve_vote(client, other))
    assert response.status_code == 400
    assert response.json()["message"] == "Xác minh không thành công. Vui lòng thử lại."
    assert not Ballot.objects.exists()


def test_closed_and_upcoming_polls_refuse_votes(client, db):
    closed = make_poll(closes_at=timezone.now() - dt.timedelta(minutes=1))
    response = post_vote(client, closed, solve_vote(client, closed))
    assert response.status_code == 403
    assert response.json()["message"] == "Cuộc bình chọn đã kết thúc, không nhận thêm phiếu."
    upcoming = make_poll(opens_at=timezone.now() + dt.timedelta(days=1))
    response = post_vote(client, upcoming, solve_vote(client, upcoming))
    assert response.status_code == 403 and "chưa bắt đầu" in response.json()["message"]
    assert not Ballot.objects.exists()


def test_expired_vote_challenge_is_refused(client, poll):
    payload = solve_vote(client, poll)
    # An hour later: past the challenge's signed expiry (CHALLENGE_TTL_SECONDS, 600 s).
    later = time.time() + 3600
    with mock.patch("altcha.v2.time.time", return_value=later):
        response = post_vote(client, poll, payload)
    assert response.status_code == 400
    assert response.json()["message"] == "Bước xác minh đã hết hạn. Vui lòng xác minh lại."
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        "không phải base64",
        base64.b64encode(b"[" * 500).decode(),
        base64.b64encode(json.dumps({"challenge": {}, "solution": {}}).encode()).decode(),
        "x" * 5000,
    ],
)
def test_bad_bot_check_payload_gets_a_vietnamese_message(client, poll, payload):
    response = post_vote(client, poll, payload)
    assert response.status_code == 400
    assert response.json()["message"] == "Xác minh không thành công. Vui lòng thử lại."
    assert not Ballot.objects.exists()


def test_tampered_solution_is_refused(client, poll):
    payload = json.loads(base64.b64decode(solve_vote(client, poll)))
    payload["challenge"]["parameters"]["data"]["poll"] = str(poll.pk + 1000)
    forged = base64.b64encode(json.dumps(payload).encode()).decode()
    assert post_vote(client, poll, forged).status_code == 400
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ([], "Vui lòng chọn một phương án."),
        (["<script>"], "Phương án không hợp lệ."),
        ([999999], "Phương án không hợp lệ."),
    ],
)
def test_bad_choices_keep_the_challenge_unused(client, poll, choices, message):
    payload = solve_vote(client, poll)
    response = post_vote(client, poll, payload, choices=choices)
    assert response.status_code == 400 and response.json()["message"] == message
    # Refused before the bot check: the same solution still counts once the choice is fixed.
    assert post_vote(client, poll, payload).status_code == 201


# -- the lean WSGI front ---------------------------------------------------------------


def call(
    app,
    poll,
    body,
    *,
    accept="application/json",
    host="testserver",
    ip="10.1.1.1",
    content_type="application/x-www-form-urlencoded",
):
    encoded = urllib.parse.urlencode(body, doseq=True).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": f"/binh-chon/{poll.pk}/bo-phieu/",
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(encoded)),
        "wsgi.input": io.BytesIO(encoded),
        "wsgi.url_scheme": "http",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "HTTP_ACCEPT": accept,
        "REMOTE_ADDR": ip,
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), headers

    result = app(environ, start_response)
    try:
        answer["body"] = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return answer


def _site(environ, start_response):
    start_response("299 Site", [])
    return [b"site"]


@pytest.fixture
def front():
    return VoteFront(_site)


@pytest.mark.django_db(transaction=True)
def test_lean_path_votes_once_and_keeps_the_security_headers(front):
    poll = make_poll()
    payload = solve_vote(Client(), poll)
    choice = poll.choices.first().pk
    first = call(front, poll, {"choice": choice, "altcha": payload})
    assert first["status"] == 201 and json.loads(first["body"])["ok"]
    headers = dict(first["headers"])
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in headers["Cache-Control"]
    cookies = [v for k, v in first["headers"] if k == "Set-Cookie"]
    assert cookies and f"binhchon_{poll.pk}=" in cookies[0]
    replay = call(front, poll, {"choice": choice, "altcha": payload}, ip="10.1.1.2")
    assert replay["status"] == 400 and "đã được dùng" in json.loads(replay["body"])["message"]
    assert Ballot.objects.filter(poll=poll).count() == 1


@pytest.mark.django_db(transaction=True)
def test_lean_path_refusals_are_never_500(front, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    poll = make_poll(closes_at=timezone.now() - dt.timedelta(minutes=1))
    closed = call(front, poll, {"choice": poll.choices.first().pk, "altcha": "x"})
    assert closed["status"] == 403 and "đã kết thúc" in json.loads(closed["body"])["message"]
    bad_host = call(front, make_poll(), {"choice": 1}, host="evil.example")
    assert bad_host["status"] == 400
    latin1 = "application/x-www-form-urlencoded; charset=latin-1"
    bad_charset = call(front, make_poll(), {"choice": 1}, content_type=latin1)
    assert bad_charset["status"] == 400 and "UTF-8" in bad_charset["body"].decode()
    missing = make_poll()
    missing_pk = missing.pk
    missing.delete()
    voting.forget()
    missing.pk = missing_pk
    assert call(front, missing, {"choice": 1})["status"] == 404
    assert not Ballot.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_lean_path_answers_503_when_the_database_is_down(front):
    poll = make_poll()
    payload = solve_vote(Client(), poll)
    with mock.patch.object(
        voting, "cast", side_effect=OperationalError("could not connect to server")
    ):
        answer = call(front, poll, {"choice": poll.choices.first().pk, "altcha": payload})
    assert answer["status"] == 503


def test_lean_path_leaves_pages_and_plain_form_posts_to_the_site(front, poll):
    assert call(front, poll, {"choice": 1}, accept="text/html")["status"] == 299
    environ_get = {"REQUEST_METHOD": "GET", "PATH_INFO": f"/binh-chon/{poll.pk}/"}
    assert front(environ_get, lambda status, headers: None) == [b"site"]


@pytest.mark.django_db(transaction=True)
def test_lean_path_issues_the_vote_challenge(front):
    poll = make_poll()
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": f"/binh-chon/{poll.pk}/thu-thach/",
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
    }
    result = front(environ, start_response)
    body = json.loads(b"".join(result))
    result.close()
    assert answer["status"] == 200 and body["parameters"]["data"] == {"poll": str(poll.pk)}
    assert "no-store" in answer["headers"]["Cache-Control"]
