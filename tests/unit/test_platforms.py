"""The one home of the platform rules: URL hosts, "the same handle", what a user types in a platform box."""

import pytest

from smn_tui.domain.models import PlatformHandle, ValidationError
from smn_tui.domain.platforms import (
    parse_platform_text,
    phone_e164,
    platform_for_url,
    same_handle,
    same_handle_key,
)


@pytest.mark.parametrize("url, platform", [
    ("https://www.linkedin.com/in/ada", "linkedin"),
    ("https://de.linkedin.com/in/ada", "linkedin"),
    ("lnkd.in/abc", "linkedin"),
    ("https://mobile.twitter.com/ada", "x"),
    ("https://x.com/ada", "x"),
    ("https://github.com/ada", "github"),
    ("https://bsky.app/profile/ada.bsky.social", "bluesky"),
    ("https://ada.bsky.social", "bluesky"),
    ("https://hachyderm.io/@ada", "mastodon"),
    ("https://any.instance.example/@ada", "mastodon"),
    ("https://ada.example.org", None),
    ("http://[::1", None),
])
def test_profile_urls_name_their_platform(url, platform):
    assert platform_for_url(url) == platform


@pytest.mark.parametrize("platform, a, b", [
    ("github", "https://github.com/Ada/", "@ada"),
    ("github", "github.com/ada?tab=repositories", "ada"),
    ("linkedin", "https://www.linkedin.com/in/ada/", "in/ada"),
    ("linkedin", "http://linkedin.com/in/Ada?trk=x", "ada"),
    ("x", "https://twitter.com/linus", "@linus"),
    ("x", "https://x.com/linus#top", "LINUS"),
    ("mastodon", "https://hachyderm.io/@grace", "@grace@hachyderm.io"),
    ("bluesky", "https://bsky.app/profile/alan.bsky.social", "alan.bsky.social"),
    ("email", "Ada@Example.org", "mailto:ada@example.org"),
    ("phone", "+34 663 12 34 56", "0034663123456"),
    ("phone", "tel:+44 (0) 20 7946 0000", "+442079460000"),
    ("other", "https://www.example.org/ada/", "example.org/ada"),
])
def test_the_same_handle_written_two_ways(platform, a, b):
    assert same_handle(platform, a, b)
    assert same_handle_key(platform, a) == same_handle_key(platform, b) != ""


@pytest.mark.parametrize("platform, a, b", [
    ("linkedin", "in/ada", "in/ada-2"),
    ("github", "grace", "grace-h"),
    ("email", "ada@example.org", "ada@example.com"),
    ("phone", "+34 663 12 34 56", "+34 663 12 34 57"),
])
def test_different_handles_stay_different(platform, a, b):
    assert not same_handle(platform, a, b)


def test_empty_handles_identify_nobody():
    assert same_handle_key("x", "@") == same_handle_key("other", "https://") == same_handle_key("email", "@") == ""
    assert not same_handle("x", "@", "@")
    assert not same_handle("phone", "", "")


def test_a_national_number_needs_the_region_to_meet_its_international_form():
    assert not same_handle("phone", "663 12 34 56", "+34 663 12 34 56")
    assert same_handle("phone", "663 12 34 56", "+34 663 12 34 56", region="ES")
    assert same_handle_key("phone", "663 12 34 56", "ES") == "+34663123456"


@pytest.mark.parametrize("text, region, expected", [
    ("+34 663 12 34 56", None, "+34663123456"),
    ("663 12 34 56", "ES", "+34663123456"),
    ("663 12 34 56", "es", "+34663123456"),
    ("663 12 34 56", None, None),  # no country code and no region: cannot be placed
    ("IBERDROLA", "ES", None),
    ("112", "ES", None),
    ("+1 555 0100", None, None),  # too short for the US
    ("+49 170 1234567 ext. 12", None, "+491701234567"),
    ("", None, None),
])
def test_phone_numbers_in_e164_only_when_valid(text, region, expected):
    assert phone_e164(text, region) == expected


@pytest.mark.parametrize("text, platform, handle", [
    ("https://www.linkedin.com/in/ada", "linkedin", "https://www.linkedin.com/in/ada"),
    ("https://ada.example.org", "other", "https://ada.example.org"),
    ("github.com/ada", "github", "github.com/ada"),
    ("ada@example.org", "email", "ada@example.org"),
    ("mailto:ada@example.org", "email", "ada@example.org"),
    ("+44 7700 900112", "phone", "+44 7700 900112"),
    ("tel:+1 555 0100", "phone", "+1 555 0100"),
    ("@ada@hachyderm.io", "mastodon", "@ada@hachyderm.io"),
    ("mastodon:@ada@hachyderm.io", "mastodon", "@ada@hachyderm.io"),
    ("linkedin:https://linkedin.com/in/ada", "linkedin", "https://linkedin.com/in/ada"),
    ("Twitter: @ada", "Twitter", "@ada"),
    ("in person", "in person", ""),
    ("@ada", "", "@ada"),
    ("", "", ""),
])
def test_what_a_user_types_in_a_platform_box(text, platform, handle):
    assert parse_platform_text(text) == (platform, handle)


def test_with_the_platform_box_filled_the_text_is_the_handle():
    assert parse_platform_text("mailto:ada@example.org", "email") == ("email", "ada@example.org")
    assert parse_platform_text("tel:+34 663 12 34 56", "phone") == ("phone", "+34 663 12 34 56")
    assert parse_platform_text("https://github.com/ada", "github") == ("github", "https://github.com/ada")


def test_platform_handle_parse_uses_the_one_parser():
    ph = PlatformHandle.parse("Twitter: @ada")
    assert (ph.platform, ph.handle) == ("x", "@ada")
    with pytest.raises(ValidationError, match="say which platform '@ada' is on"):
        PlatformHandle.parse("@ada")


def test_the_phone_region_setting_is_a_known_region_or_none(tmp_path):
    from smn_tui.settings import Settings, load_settings, save_settings

    assert Settings(phone_region="es").phone_region == "ES"
    assert Settings(phone_region="XX").phone_region == "" and Settings(phone_region=7).phone_region == ""
    path = tmp_path / "settings.json"
    save_settings(Settings(phone_region="GB"), path)
    assert load_settings(path).phone_region == "GB"


@pytest.mark.parametrize("typed, platform, stored, same", [
    ("@ada", "github", "https://github.com/Ada/", True),
    ("@ada", "linkedin", "https://www.linkedin.com/in/ada", True),
    ("in/ada", "linkedin", "ada", True),
    ("ada@example.org", "email", "mailto:Ada@Example.org", True),
    ("+34 663 12 34 56", "phone", "+34663123456", True),
    ("https://github.com/ada", "x", "ada", False),
    ("@ada", "email", "ada@example.org", False),
    ("https://", "other", "https://", False),
    ("@", "x", "@", False),
])
def test_what_a_user_typed_read_on_each_stored_handles_platform(typed, platform, stored, same):
    """How a lookup without a platform (``smn log @ada``) compares: the typed text, read on the platform of
    each handle it is held against."""
    assert same_handle(platform, typed, stored) is same
