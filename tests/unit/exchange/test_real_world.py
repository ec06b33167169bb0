"""One fixture for each way real exports went wrong (see make_real_world.py); every import runs twice and
round-trips."""

from datetime import date

import pytest

from smn_tui.domain.models import Contact
from smn_tui.exchange import vcard

from ...exchange.helpers import by_name, import_twice_and_round_trip, real


def handles(contact, platform=None):
    return [(p.platform, p.handle) for p in contact.platforms if platform in (None, p.platform)]


def test_people_sharing_a_switchboard_a_landline_or_a_junk_number_stay_apart(store, tmp_path):
    summary = import_twice_and_round_trip(store, "vcard", real("shared-numbers.vcf"), tmp_path)
    assert summary.added == 9 and summary.duplicates == 0
    people = by_name(store)
    assert sorted(people) == ["Alice Moreau", "Bruno Costa", "Carmen Costa", "Diego Ramos", "Elif Yilmaz",
                              "Farah U.", "Farah Usman", "John Doe", "Mary Doe"]
    assert handles(people["Diego Ramos"]) == [("phone", "55555")]  # kept as written, but it identifies nobody


def test_the_same_mobile_under_a_shorter_name_is_one_person_once_the_region_places_it(store, tmp_path):
    summary = import_twice_and_round_trip(store, "vcard", real("shared-numbers.vcf"), tmp_path, region="GB")
    assert summary.added == 8
    assert [str(m) for m in summary.matches] == [
        "line 42: Farah U. -> Farah Usman (the same phone number +447911123456 and a name that fits)"]
    farah = by_name(store)["Farah Usman"]
    assert handles(farah) == [("phone", "+447911123456")] and farah.notes == "From the old phone"


def test_a_number_shared_with_someone_of_another_name_is_never_a_merge(seeded, tmp_path):
    store, people = seeded
    path = tmp_path / "katherine.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Mary Johnson\nTEL:+1 555 0100\nEND:VCARD\n"
                    "BEGIN:VCARD\nVERSION:3.0\nFN:Katherine Johnson\nTEL:+1 555 0100\nEND:VCARD\n")
    summary = import_twice_and_round_trip(store, "vcard", path, tmp_path)
    assert summary.added == 1 and [m.key for m in summary.matches] == ["name"]
    assert by_name(store)["Mary Johnson"].id != people["Katherine"].id


def test_vcard_30_text_keeps_its_commas(store, tmp_path):
    (person,) = vcard.parse(real("vcard30-commas.vcf").read_bytes()).people
    assert person.name == "Mr. John Richter, James Doe Sr."
    assert person.notes == ("Partner, head of litigation at Richter, Doe & Partners, Litigation\n\n"
                            "Met in Lyon, at the 2019 conference, with Ana.")
    assert person.tags == ["law", "work-old"]  # CATEGORIES is a list; an escaped comma stays in its item
    import_twice_and_round_trip(store, "vcard", real("vcard30-commas.vcf"), tmp_path)


def test_escaped_colons_are_colons_so_the_linkedin_profile_meets_linkedin(store, tmp_path):
    import_twice_and_round_trip(store, "vcard", real("escaped-colons.vcf"), tmp_path)
    summary = import_twice_and_round_trip(store, "linkedin", real("escaped-colons-linkedin.csv"), tmp_path)
    assert [str(m) for m in summary.matches] == [
        "line 2: Emeka Okafor (the same linkedin profile in/emeka-okafor)"]
    (emeka,) = store.contacts()
    assert handles(emeka) == [("linkedin", "https://www.linkedin.com/in/emeka-okafor"),
                              ("other", "http://emeka.example.org/blog")]
    assert "\\" not in vcard.contacts_vcf([emeka]).decode()


def test_profile_vcard_is_read_like_any_30_card(store, tmp_path):
    summary = import_twice_and_round_trip(store, "vcard", real("profile-vcard.vcf"), tmp_path)
    assert summary.added == 1 and not summary.skipped
    assert handles(by_name(store)["Hana Tanaka"]) == [("email", "hana@example.jp")]


def test_one_bad_byte_leaves_out_one_property_with_a_warning(store, tmp_path):
    summary = import_twice_and_round_trip(store, "vcard", real("bad-byte.vcf"), tmp_path)
    assert summary.added == 1 and not summary.skipped
    assert [str(w) for w in summary.warnings] == [
        "line 5: NOTE holds bytes that are not text in its character set; left out"]
    renee = by_name(store)["Renée Dubois"]
    assert renee.notes == "Architect" and handles(renee) == [("email", "renee@example.fr")]


def test_a_file_with_no_utf8_at_all_is_read_as_windows_1252(store, tmp_path):
    summary = import_twice_and_round_trip(store, "vcard", real("legacy-cp1252.vcf"), tmp_path)
    assert not summary.warnings
    assert by_name(store)["Jürgen Müller"].notes == "Köln, Café"


@pytest.mark.parametrize("kind, name", [("vcard", "email-only.vcf"), ("linkedin", "email-only-linkedin.csv")])
def test_an_address_alone_names_the_person_in_every_format(store, tmp_path, kind, name):
    import_twice_and_round_trip(store, kind, real(name), tmp_path)
    assert "ivan.petrov@example.org" in by_name(store)


def test_a_number_alone_names_the_person_too(store, tmp_path):
    import_twice_and_round_trip(store, "vcard", real("email-only.vcf"), tmp_path)
    assert handles(by_name(store)["+4930901820"]) == [("phone", "+4930901820")]


def test_a_soft_line_break_at_the_end_of_a_value_does_not_swallow_the_next_property(store, tmp_path):
    (jovan,) = vcard.parse(real("android21-qp-soft-break.vcf").read_bytes()).people
    assert jovan.name == "Jovan Petrović"
    assert jovan.platforms == [("phone", "+381 99 5552188")]
    assert jovan.notes == "Prvi red\ndrugi red, dugi red"
    import_twice_and_round_trip(store, "vcard", real("android21-qp-soft-break.vcf"), tmp_path)


def test_undeclared_quoted_printable_is_decoded_when_unambiguous_else_kept_with_a_warning(store, tmp_path):
    summary = import_twice_and_round_trip(store, "vcard", real("raw-qp.vcf"), tmp_path)
    assert sorted(by_name(store)) == ["Price =E9 list", "Шура"]
    assert [str(w) for w in summary.warnings] == [
        "line 8: FN looks quoted-printable but does not decode as UTF-8; kept as written"]


def test_groups_are_skipped_with_their_line_and_why(store, tmp_path):
    summary = import_twice_and_round_trip(store, "vcard", real("groups.vcf"), tmp_path)
    assert [str(s) for s in summary.skipped] == ["line 1: card skipped: a contact group, not a person",
                                                 "line 7: card skipped: a contact group, not a person"]
    assert sorted(by_name(store)) == ["Priya Nair"]


def test_apple_social_profiles_match_the_handle_a_user_types(store, tmp_path):
    import_twice_and_round_trip(store, "vcard", real("apple-social.vcf"), tmp_path)
    alex = by_name(store)["Alex Rossi"]
    assert handles(alex) == [("x", "alex"), ("linkedin", "http://www.linkedin.com/in/alexrossi"),
                             ("skype", "alex.rossi")]
    assert [c.name for c in store.contacts_by_handle("alex", "x")] == ["Alex Rossi"]
    path = tmp_path / "twitter.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:A. Rossi\nX-TWITTER:@Alex\nEND:VCARD\n")
    again = import_twice_and_round_trip(store, "vcard", path, tmp_path)
    assert [str(m) for m in again.matches] == ["line 1: A. Rossi -> Alex Rossi (the same x profile alex)"]


def test_linkedins_older_layout_keeps_its_connection_dates(store, tmp_path):
    summary = import_twice_and_round_trip(store, "linkedin", real("Connections-old.csv"), tmp_path)
    assert (summary.added, summary.interactions, len(summary.warnings)) == (3, 3, 0)
    people = by_name(store)
    assert handles(people["Mateo Silva"]) == [("linkedin", "")]  # a member id is not an address
    assert handles(people["Sofia Torres"]) == [("email", "sofia@example.pe")]
    days = {store.get_contact(i.contact_ids[0]).name: i.on for i in store.interactions_for(people["Mateo Silva"].id)
            + store.interactions_for(people["Sofia Torres"].id) + store.interactions_for(people["Taro Nakamura"].id)}
    assert days == {"Mateo Silva": date(2018, 1, 8), "Sofia Torres": date(2019, 12, 24),
                    "Taro Nakamura": date(2021, 7, 4)}


def test_the_same_person_from_five_sources_carries_each_note_line_once(store, tmp_path):
    for kind, name in (("vcard", "ana.vcf"), ("google", "ana-google.csv"), ("outlook", "ana-outlook.csv"),
                       ("linkedin", "ana-linkedin.csv"), ("vcard", "ana-phone.vcf")):
        import_twice_and_round_trip(store, kind, real(f"five-sources/{name}"), tmp_path)
    (ana,) = store.contacts()
    assert ana.notes == "Engineer at Okafor Labs\n\nClimbs on Sundays\n\nLikes tea"
    assert handles(ana) == [("email", "ana@example.org"), ("linkedin", "https://www.linkedin.com/in/ana-silva")]


def test_phones_in_e164_meet_their_national_form_and_letters_are_no_number(store, tmp_path):
    summary = import_twice_and_round_trip(store, "vcard", real("phones.vcf"), tmp_path, region="ES")
    assert [str(m) for m in summary.matches] == [
        "line 6: Lucía Fernández (the same phone number +34663123456 and a name that fits)"]
    people = by_name(store)
    assert handles(people["Lucía Fernández"]) == [("phone", "+34663123456"), ("email", "lucia@example.es")]
    assert handles(people["Luz y Gas"]) == [("phone", "+34900224522")]
    assert [str(w) for w in summary.warnings] == ["line 15: TEL 'IBERDROLA' is not a phone number; left out"]


def test_without_a_region_a_national_number_is_kept_as_written_and_matches_by_name_only(store, tmp_path):
    summary = import_twice_and_round_trip(store, "vcard", real("phones.vcf"), tmp_path)
    assert [m.key for m in summary.matches] == ["name"]
    assert handles(by_name(store)["Lucía Fernández"], "phone") == [("phone", "663 12 34 56"),
                                                                    ("phone", "+34663123456")]


def test_a_thousand_people_of_one_name_with_different_addresses_are_a_thousand_people(store, tmp_path):
    path = tmp_path / "sams.vcf"
    path.write_text("".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Sam Smith\nEMAIL:sam{i}@example.org\nEND:VCARD\n"
                            for i in range(1000)))
    summary = import_twice_and_round_trip(store, "vcard", path, tmp_path)
    assert summary.added == 1000 and not summary.matches
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Sam Smith\nNOTE:no address\nEND:VCARD\n")
    summary = import_twice_and_round_trip(store, "vcard", path, tmp_path)
    assert summary.added == 1  # a Sam with no address could be any of them: none is chosen


def test_an_smn_export_keeps_contacts_that_nothing_tells_apart(store, tmp_path):
    store.add_many([Contact("Ada Lovelace"), Contact("Ada Lovelace", notes="the other one")])
    path = tmp_path / "twins.vcf"
    path.write_bytes(vcard.contacts_vcf(store.contacts()))
    import_twice_and_round_trip(store, "vcard", path, tmp_path)
    assert store.count("contacts") == 2


def test_a_thousand_rows_about_one_profile_do_not_give_one_contact_a_thousand_addresses(store, tmp_path):
    from smn_tui.exchange.sources import MAX_PLATFORMS

    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "".join(
        f"Ada,Lovelace,https://www.linkedin.com/in/ada,ada{i}@example.org,,,24 Nov 2026\n" for i in range(1000)))
    summary = import_twice_and_round_trip(store, "linkedin", path, tmp_path)
    assert (summary.added, summary.duplicates) == (1, 999)
    (ada,) = store.contacts()
    assert len(ada.platforms) == MAX_PLATFORMS
