"""BotCheckForm as another app's public form uses it: fields, question, single use."""

import pytest
from altcha import Challenge, Payload, solve_challenge
from django import forms
from django.template import Context, Template
from django.urls import reverse

from toasoan.botcheck import challenge
from toasoan.botcheck.forms import BotCheckForm


class AskForm(BotCheckForm):
    title = forms.CharField(max_length=50)


def _answer(question_id):
    return challenge.answer_for_tests(question_id)


def _solved(client):
    data = client.get(reverse("botcheck:challenge")).json()
    parsed = Challenge.from_dict(data)
    return Payload(parsed, solve_challenge(parsed)).to_base64()


@pytest.mark.django_db
class TestBotCheckForm:
    def test_altcha_payload_passes_once(self, client):
        payload = _solved(client)
        form = AskForm({"title": "Hỏi", "altcha": payload})
        assert form.is_valid() and form.check_bot()
        again = AskForm({"title": "Hỏi", "altcha": payload})
        assert again.is_valid() and not again.check_bot()
        assert "đã được dùng" in str(again.errors["altcha"])

    def test_question_answer_passes_and_is_used_up(self):
        question_id, _text = challenge.new_question()
        answer = _answer(question_id)
        form = AskForm({"title": "Hỏi", "question_id": question_id, "answer": answer})
        assert form.is_valid() and form.check_bot()
        replay = AskForm({"title": "Hỏi", "question_id": question_id, "answer": answer})
        assert replay.is_valid() and not replay.check_bot()

    def test_nothing_given_asks_for_the_check(self):
        form = AskForm({"title": "Hỏi"})
        assert form.is_valid() and not form.check_bot()
        assert "không phải người máy" in str(form.errors["altcha"])

    def test_rendered_fields_carry_a_fresh_question_and_the_widget(self):
        html = Template("{% load botcheck_tags %}{% botcheck_fields form %}").render(
            Context({"form": AskForm()})
        )
        assert "altcha-widget" in html and reverse("botcheck:challenge") in html
        assert "/kiem-tra/anh/" in html and 'name="question_id"' in html

    def test_bound_form_after_an_error_gets_a_new_question(self):
        old_id, _ = challenge.new_question()
        form = AskForm({"title": "", "question_id": old_id, "answer": "3"})
        assert not form.is_valid()
        Template("{% load botcheck_tags %}{% botcheck_fields form %}").render(
            Context({"form": form})
        )
        assert form.data["question_id"] != old_id and form.data["answer"] == ""

    def test_challenge_endpoint_is_not_cached(self, client):
        response = client.get(reverse("botcheck:challenge"))
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
