"""Strong passwords: at least 12 characters, not common, not only digits, not like the user's
name, and 3 of 4 kinds of characters — every refusal in Vietnamese."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from canbo.core.management.commands import demo
from canbo.security.passwords import CharacterClassValidator, character_classes

LOWER = (
    "abcdefghijklmnopqrstuvwxyzđăâêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
UPPER = LOWER.upper()
DIGITS = "0123456789"
OTHER = " -_!@#$%^&*()+=[]{};:'\",.<>/?\\|`~"
CLASSES = {"lower": LOWER, "upper": UPPER, "digit": DIGITS, "other": OTHER}


def messages(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def test_a_strong_password_passes():
    assert messages("Mat-khau-rat-dai-2025") == []
    assert messages("Đồng chí Bí thư 2025") == []  # Vietnamese letters and spaces are fine


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Ngan-2025!", "Mật khẩu quá ngắn: cần ít nhất 12 ký tự."),
        ("202520252025", "Mật khẩu không được chỉ gồm chữ số."),
        ("Password@1234", "Mật khẩu này quá phổ biến, dễ bị đoán."),
        ("Vietnam@123456", "Mật khẩu này quá phổ biến, dễ bị đoán."),
        ("matkhaurattdaimoinam", "Mật khẩu phải có ít nhất 3 trong 4 loại ký tự"),
    ],
)
def test_weak_passwords_are_refused_in_vietnamese(password, expected):
    assert any(m.startswith(expected) for m in messages(password)), messages(password)


@pytest.mark.django_db
def test_a_password_like_the_username_is_refused():
    user = get_user_model()(username="nguyenvanbinh", first_name="Bình", last_name="Nguyễn Văn")
    found = messages("Nguyenvanbinh1", user)
    assert any(m.startswith("Mật khẩu quá giống thông tin cá nhân") for m in found), found


def test_help_texts_are_vietnamese():
    texts = password_validators_help_texts()
    assert len(texts) == 5
    assert "Mật khẩu phải có ít nhất 12 ký tự." in texts
    assert not any("password" in text.lower() for text in texts)


@pytest.mark.django_db
def test_changing_ones_password_applies_the_rules(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "Mat-khau-rat-dai-2025",
            "new_password1": "abcdefghijkl",
            "new_password2": "abcdefghijkl",
        },
    )
    assert response.status_code == 200
    assert "Mật khẩu phải có ít nhất 3 trong 4 loại ký tự" in response.text
    user.refresh_from_db()
    assert user.check_password("Mat-khau-rat-dai-2025")


# -- the character-class rule ------------------------------------------------------------------


def test_vietnamese_letters_count_by_their_case():
    assert character_classes("đ") == {"lower"}
    assert character_classes("Đ") == {"upper"}
    assert character_classes("ỹ Ắ 9") == {"lower", "other", "upper", "digit"}


@st.composite
def password_of(draw, kinds: list[str]):
    """A password using every kind in `kinds` and nothing else, shuffled."""
    parts = [draw(st.text(alphabet=CLASSES[kind], min_size=1, max_size=8)) for kind in kinds]
    chars = list("".join(parts))
    return "".join(draw(st.permutations(chars)))


kinds_strategy = st.lists(st.sampled_from(sorted(CLASSES)), min_size=1, max_size=4, unique=True)


@hypothesis_settings(max_examples=300)
@given(data=st.data(), kinds=kinds_strategy, min_classes=st.integers(1, 4))
def test_the_rule_passes_exactly_when_enough_kinds_are_used(data, kinds, min_classes):
    password = data.draw(password_of(kinds))
    validator = CharacterClassValidator(min_classes=min_classes)
    if len(kinds) >= min_classes:
        validator.validate(password)
    else:
        with pytest.raises(ValidationError) as refused:
            validator.validate(password)
        assert refused.value.messages[0].startswith(
            f"Mật khẩu phải có ít nhất {min_classes} trong 4 loại ký tự"
        )


@given(password=st.text(max_size=30), extra=st.text(max_size=10))
def test_adding_characters_never_makes_a_good_password_bad(password, extra):
    validator = CharacterClassValidator()
    try:
        validator.validate(password)
    except ValidationError:
        return
    validator.validate(password + extra)
    validator.validate(extra + password)


def test_min_classes_must_be_between_one_and_four():
    with pytest.raises(ValueError):
        CharacterClassValidator(min_classes=5)


# -- the demo administrator -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_password_generator_always_passes_the_rules():
    for _i in range(200):
        assert messages(demo.new_demo_password()) == []


@pytest.mark.django_db
def test_a_kept_demo_password_that_breaks_the_rules_is_replaced(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    (tmp_path / "demo_password").write_text("abcdefghij\n")  # what an older version kept
    password = demo.demo_password()
    assert messages(password) == []
    assert (tmp_path / "demo_password").read_text().strip() == password
    assert demo.demo_password() == password  # kept from now on


@pytest.mark.django_db
def test_the_password_change_page_lists_the_rules_and_changes_it(client, user):
    client.force_login(user)
    page = client.get("/accounts/password_change/")
    assert page.status_code == 200
    assert "Mật khẩu phải có ít nhất 12 ký tự." in page.text
    assert "Mật khẩu phải có ít nhất 3 trong 4 loại ký tự" in page.text
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "Mat-khau-rat-dai-2025",
            "new_password1": "Mat-khau-moi-2026!",
            "new_password2": "Mat-khau-moi-2026!",
        },
        follow=True,
    )
    assert "Đã đổi mật khẩu." in response.text
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2026!")
    assert client.get("/people/").status_code == 200  # still signed in
