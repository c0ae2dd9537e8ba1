"""`manage.py security_reset_2fa`: a lost phone is recoverable, and the removal is audited."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

pytestmark = pytest.mark.django_db


def test_removes_every_device_and_logs_it():
    user = get_user_model().objects.create_user("phongvien", "pv@example.vn", "mat-khau-pv-123")
    TOTPDevice.objects.create(user=user, name="Điện thoại cũ", confirmed=True)
    other = get_user_model().objects.create_user("khac", "k@example.vn", "mat-khau-k-123")
    TOTPDevice.objects.create(user=other, name="Điện thoại", confirmed=True)

    call_command("security_reset_2fa", "phongvien", "--yes", stdout=open("/dev/null", "w"))

    assert not TOTPDevice.objects.filter(user=user).exists()
    assert TOTPDevice.objects.filter(user=other).count() == 1
    assert ModelLogEntry.objects.filter(
        action="toasoan.2fa.disable", object_id=str(user.pk)
    ).exists()


def test_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="No user named 'khong-co'"):
        call_command("security_reset_2fa", "khong-co", "--yes")
