"""Second factor (TOTP): an administrator turns it on from a page with a QR code; from then on
the login asks for the code, and the admin refuses a session that has not given it."""

from __future__ import annotations

import re
import time
from base64 import b32decode

import pytest
from axes.models import AccessAttempt
from django_otp.plugins.otp_totp.models import TOTPDevice

from canbo.security import services
from tests.security.security_helpers import ADMIN_PASSWORD, totp

pytestmark = pytest.mark.django_db

PAGE = "/accounts/two-factor/"
CODE_PAGE = "/accounts/login/code/"


def key_from_page(html: str) -> bytes:
    """The secret the page shows for typing into an app ("ABCD EFGH ...")."""
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', html).group(1)
    return b32decode(secret.replace(" ", ""))


def enrol(client, user) -> bytes:
    client.force_login(user)
    key = key_from_page(client.get(PAGE).text)
    response = client.post(PAGE, {"code": totp(key)})
    assert response.status_code == 302
    client.logout()
    return key


def password_step(client, user, next_url="/admin/"):
    return client.post(
        f"/accounts/login/?next={next_url}",
        {"username": user.username, "password": ADMIN_PASSWORD, "next": next_url},
    )


def test_the_page_shows_a_qr_code_and_the_key_and_turns_the_factor_on(client, admin_user):
    client.force_login(admin_user)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "<svg" in page.text and 'class="segno"' in page.text
    key = key_from_page(page.text)
    device = TOTPDevice.objects.get(user=admin_user)
    assert not device.confirmed
    assert device.bin_key == key
    assert "otpauth://" not in page.text  # the key URL is only inside the QR code

    wrong = client.post(PAGE, {"code": "000000" if totp(key) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Mã xác thực không đúng hoặc đã hết hạn." in wrong.text
    device.refresh_from_db()
    assert not device.confirmed

    time.sleep(1.1)  # django-otp waits 1 s after a wrong code
    response = client.post(PAGE, {"code": totp(key)}, follow=True)
    assert "Đã bật xác thực hai bước cho tài khoản." in response.text
    device.refresh_from_db()
    assert device.confirmed
    # this session gave the code: the admin opens
    assert client.get("/admin/").status_code == 200


def test_a_code_that_is_not_six_digits_is_explained(client, admin_user):
    client.force_login(admin_user)
    client.get(PAGE)
    response = client.post(PAGE, {"code": "12ab"})
    assert "Mã xác thực gồm 6 chữ số" in response.text


def test_login_asks_for_the_code_after_the_password(client, admin_user):
    key = enrol(client, admin_user)

    response = password_step(client, admin_user)
    assert response.status_code == 302
    assert response["Location"] == CODE_PAGE
    # the password alone opens nothing
    assert "_auth_user_id" not in client.session
    assert client.get("/people/").status_code == 302
    page = client.get(CODE_PAGE)
    assert page.status_code == 200
    assert "Nhập mã 6 chữ số" in page.text

    response = client.post(CODE_PAGE, {"code": totp(key, at=time.time() + 30)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(admin_user.pk)
    assert client.get("/admin/").status_code == 200


def test_a_code_cannot_be_used_twice(client, admin_user):
    key = enrol(client, admin_user)  # used the code of this 30-second step
    password_step(client, admin_user)
    response = client.post(CODE_PAGE, {"code": totp(key)})
    assert response.status_code == 200
    assert "Mã xác thực không đúng hoặc đã hết hạn." in response.text
    assert "_auth_user_id" not in client.session


def wrong_code(client, user):
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0)  # no waiting
    return client.post(CODE_PAGE, {"code": "999999"}, HTTP_ACCEPT="text/html")


def test_wrong_codes_send_back_to_the_password_and_count_as_failed_logins(client, admin_user):
    enrol(client, admin_user)
    password_step(client, admin_user)
    for _i in range(2):
        response = wrong_code(client, admin_user)
        assert response.status_code == 200
        assert "Mã xác thực không đúng" in response.text
    response = wrong_code(client, admin_user)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "Nhập sai mã quá nhiều lần" in client.get("/accounts/login/").text
    assert client.get(CODE_PAGE).status_code == 302  # the password step is forgotten
    assert "_auth_user_id" not in client.session

    # the wrong codes count with wrong passwords: two more and the login is locked
    password_step(client, admin_user)
    wrong_code(client, admin_user)
    response = wrong_code(client, admin_user)
    assert response.status_code == 429
    assert "Tài khoản tạm khóa do đăng nhập sai nhiều lần, thử lại sau 15 phút." in response.text
    assert AccessAttempt.objects.get(username=admin_user.username).failures_since_start == 5
    assert "_auth_user_id" not in client.session
    # even the right password is refused now
    response = password_step(client, admin_user)
    assert response.status_code == 429


def test_the_code_step_expires(client, admin_user):
    key = enrol(client, admin_user)
    password_step(client, admin_user)
    session = client.session
    session["canbo_login_pending"]["since"] -= 301
    session.save()
    response = client.post(CODE_PAGE, {"code": totp(key, at=time.time() + 30)}, follow=True)
    assert "Phiên đăng nhập đã hết hạn: hãy nhập lại mật khẩu." in response.text
    assert "_auth_user_id" not in client.session


def test_the_admin_refuses_a_session_without_the_code(client, admin_user):
    enrol(client, admin_user)
    client.force_login(admin_user)  # signed in by some other way than the code
    response = client.get("/admin/")
    assert response.status_code == 302
    # the admin's own login form is not used: canbo's, with the second step
    assert client.get(response["Location"])["Location"].startswith("/accounts/login/")


def test_the_admin_does_not_ask_a_code_of_those_without_the_factor(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200


def test_the_admin_can_require_the_factor_of_every_staff_user(client, admin_user, settings):
    settings.CANBO_ADMIN_REQUIRE_OTP = True
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 302


def test_turning_the_factor_off_needs_a_current_code(client, admin_user):
    key = enrol(client, admin_user)
    client.force_login(admin_user)
    page = client.get(PAGE)
    assert "Đang bật" in page.text
    response = client.post(PAGE, {"code": totp(key, at=time.time() + 30)}, follow=True)
    assert "Đã tắt xác thực hai bước cho tài khoản." in response.text
    assert not TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()
    # the next login needs the password only
    client.logout()
    response = password_step(client, admin_user)
    assert response["Location"] == "/admin/"


def test_a_user_without_the_factor_logs_in_with_the_password_only(client, user):
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": "Mat-khau-rat-dai-2025"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_starting_twice_keeps_one_key_and_starting_when_on_is_refused(admin_user):
    first = services.totp_device_start(user=admin_user)
    assert services.totp_device_start(user=admin_user).pk == first.pk
    services.totp_device_confirm(user=admin_user, token=totp(first.bin_key))
    with pytest.raises(Exception, match="đã được bật"):
        services.totp_device_start(user=admin_user)
