import datetime as dt

import pytest
import time_machine
from altcha import Challenge, Payload, solve_challenge

from toasoan.botcheck import challenge as botcheck


class TestParseNumber:
    @pytest.mark.parametrize(
        "text,value",
        [
            ("9", 9),
            (" 12 ", 12),
            ("chín", 9),
            ("Mười lăm", 15),
            ("muoi bon", 14),
            ("mười tư", 14),
            ("hai mươi", 20),
            ("mười", 10),
            ("", None),
            ("abc", None),
            ("9999", None),
            ("١٢", None),
        ],
    )
    def test_digits_and_vietnamese_words(self, text, value):
        assert botcheck.parse_number(text) == value


class TestQuestion:
    def _answer(self, text):
        words = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
        a, b = (words.index(w.strip().lower()) for w in text[: -len(" bằng mấy?")].split("cộng"))
        return a + b

    def test_right_answer_passes_once(self):
        question_id, text = botcheck.new_question()
        assert text.endswith("bằng mấy?")
        answer = str(self._answer(text))
        assert botcheck.check_question(question_id, answer)
        assert not botcheck.check_question(question_id, answer)

    def test_wrong_answer_uses_the_question_up(self):
        question_id, text = botcheck.new_question()
        assert not botcheck.check_question(question_id, str(self._answer(text) + 1))
        assert not botcheck.check_question(question_id, str(self._answer(text)))

    def test_unknown_or_oversized_id_fails(self):
        assert not botcheck.check_question("khong-co", "3")
        assert not botcheck.check_question("x" * 500, "3")


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
