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


class TestAdminScreen:
    """The same removal from the admin: users list "…" menu → confirm → removed and logged."""

    URL = "/quan-tri/xac-thuc-hai-buoc/go/{}/"

    def _users(self):
        User = get_user_model()
        admin = User.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-qt-123")
        staff = User.objects.create_user("phongvien", "pv@example.vn", "mat-khau-pv-123")
        TOTPDevice.objects.create(user=staff, name="Điện thoại cũ", confirmed=True)
        return admin, staff

    def test_administrator_sees_the_button_confirms_and_the_devices_go(self, client):
        admin, staff = self._users()
        client.force_login(admin)
        listing = client.get("/quan-tri/users/")
        assert listing.status_code == 200
        assert self.URL.format(staff.pk) in listing.content.decode()
        # No button for a user without a device.
        assert self.URL.format(admin.pk) not in listing.content.decode()

        confirm = client.get(self.URL.format(staff.pk))
        assert confirm.status_code == 200
        assert "Gỡ mọi thiết bị xác thực hai bước của phongvien" in confirm.content.decode()
        assert TOTPDevice.objects.filter(user=staff).exists()  # GET changes nothing

        done = client.post(self.URL.format(staff.pk), follow=True)
        assert done.status_code == 200
        assert "Đã gỡ xác thực hai bước của phongvien" in done.content.decode()
        assert not TOTPDevice.objects.filter(user=staff).exists()
        entry = ModelLogEntry.objects.get(action="toasoan.2fa.disable", object_id=str(staff.pk))
        assert entry.user_id == admin.pk

    def test_a_staff_member_who_is_not_an_administrator_is_refused(self, client):
        from django.contrib.auth.models import Permission

        _admin, staff = self._users()
        editor = get_user_model().objects.create_user("bientap", "bt@example.vn", "mk-bt-12345")
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(editor)
        assert client.post(self.URL.format(staff.pk)).status_code in (302, 403)
        assert TOTPDevice.objects.filter(user=staff).exists()

    def test_unknown_user_is_404(self, client):
        admin, _staff = self._users()
        client.force_login(admin)
        assert client.get(self.URL.format(999999)).status_code == 404
