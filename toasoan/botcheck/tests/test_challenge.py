import datetime as dt

import pytest
import time_machine
from altcha import Challenge, Payload, solve_challenge

from toasoan.botcheck import challenge as botcheck


class TestParseDigits:
    @pytest.mark.parametrize(
        "text,value",
        [
            ("84464", "84464"),
            (" 8 4-4 6 4 ", "84464"),
            ("８４４６４", "84464"),  # full-width digits (a phone keyboard)
            ("٨٤", "84"),  # other decimal digits fold too
            ("", ""),
            (None, ""),
            ("abc", ""),
        ],
    )
    def test_digits_are_folded(self, text, value):
        assert botcheck.parse_digits(text) == value


@pytest.mark.django_db
class TestImageCode:
    def test_right_code_passes_once(self):
        question_id, text = botcheck.new_question()
        assert "trong hình" in text
        answer = botcheck.answer_for_tests(question_id)
        assert len(answer) == 5 and answer.isdigit()
        assert botcheck.check_question(question_id, answer)
        assert not botcheck.check_question(question_id, answer)

    def test_wrong_answer_uses_the_code_up(self):
        question_id, _text = botcheck.new_question()
        answer = botcheck.answer_for_tests(question_id)
        wrong = "".join("2" if c != "2" else "3" for c in answer)
        assert not botcheck.check_question(question_id, wrong)
        assert not botcheck.check_question(question_id, answer)

    def test_unknown_or_oversized_id_fails(self):
        assert not botcheck.check_question("khong-co", "3")
        assert not botcheck.check_question("x" * 500, "3")
        assert not botcheck.check_question(["list"], "3")

    def test_the_answer_is_not_in_the_page_text(self, client):
        """The reproduction of #23: the old question was a sum in words that a script
        answered from the HTML. The code now exists only as pixels."""
        from django.template import Context, Template

        from toasoan.botcheck.forms import BotCheckForm

        form = BotCheckForm()
        html = Template("{% load botcheck_tags %}{% botcheck_fields form %}").render(
            Context({"form": form})
        )
        question_id = form.initial["question_id"]
        answer = botcheck.answer_for_tests(question_id)
        assert answer not in html
        assert "cộng" not in html
        image = client.get(botcheck.question_image_url(question_id))
        assert image.status_code == 200 and image["Content-Type"] == "image/png"
        assert image.content.startswith(b"\x89PNG") and answer.encode() not in image.content
        assert "no-store" in image["Cache-Control"]

    def test_image_of_a_used_code_is_gone(self, client):
        question_id, _text = botcheck.new_question()
        botcheck.check_question(question_id, "0")
        assert client.get(botcheck.question_image_url(question_id)).status_code == 404

    def test_one_code_one_drawing(self, client):
        """Refetching gives the same pixels (no averaging the noise away); another
        question with the same digits gets another drawing."""
        question_id, _text = botcheck.new_question()
        url = botcheck.question_image_url(question_id)
        assert client.get(url).content == client.get(url).content
        assert botcheck.image.render_png("84464") != botcheck.image.render_png("84464")

    def test_expired_code_fails_and_is_purged(self):
        question_id, _text = botcheck.new_question()
        answer = botcheck.answer_for_tests(question_id)
        with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=1)):
            assert botcheck.purge_expired() == 1
            assert not botcheck.check_question(question_id, answer)


@pytest.mark.django_db
class TestAltcha:
    def _solve(self, challenge_dict):
        challenge = Challenge.from_dict(challenge_dict)
        return Payload(challenge, solve_challenge(challenge)).to_base64()

    def test_solution_verifies_once(self):
        payload = self._solve(botcheck.new_altcha_challenge())
        assert botcheck.verify_altcha(payload) is None
        assert botcheck.verify_altcha(payload) == "replayed"

    def test_expired_challenge_is_refused(self):
        with time_machine.travel(dt.datetime.now(tz=dt.UTC) - dt.timedelta(hours=1), tick=False):
            payload = self._solve(botcheck.new_altcha_challenge())
        assert botcheck.verify_altcha(payload) == "expired"

    def test_tampered_challenge_is_refused(self):
        challenge = botcheck.new_altcha_challenge()
        challenge["parameters"]["keyPrefix"] = "f"  # easier work, broken signature
        assert botcheck.verify_altcha(self._solve(challenge)) == "invalid_signature"

    def test_garbage_is_malformed(self):
        assert botcheck.verify_altcha("not base64 !!") == "malformed"

    def test_deeply_nested_json_is_malformed_not_a_crash(self):
        """#23: a payload of 100,000 nested arrays made the library raise RecursionError."""
        import base64

        nested = base64.b64encode(b"[" * 100_000 + b"]" * 100_000).decode()
        assert botcheck.verify_altcha(nested) == "malformed"
        deep_object = base64.b64encode(b'{"a":' * 50 + b"1" + b"}" * 50).decode()
        assert botcheck.verify_altcha(deep_object) == "malformed"

    def test_a_challenge_signed_with_another_key_is_refused(self, settings):
        """#23: with the dev key committed to git, a challenge forged offline with cost 1
        was accepted. The key is the installation's own (SECRET_KEY)."""
        settings.SECRET_KEY = "the-key-in-git-" + "x" * 40
        forged = self._solve(botcheck.new_altcha_challenge())
        settings.SECRET_KEY = "this-installation-key-" + "y" * 40
        assert botcheck.verify_altcha(forged) == "invalid_signature"

    def test_claims_live_in_the_database_shared_by_workers(self, settings):
        """#23: replay records in a per-process LocMem cache let each worker accept a
        solution once, and again after 300 other entries evicted it. Clearing every cache
        (a second worker, or eviction) must not make a replay pass."""
        from django.core.cache import caches

        payload = self._solve(botcheck.new_altcha_challenge())
        assert botcheck.verify_altcha(payload) is None
        for alias in settings.CACHES:
            caches[alias].clear()
        assert botcheck.verify_altcha(payload) == "replayed"
