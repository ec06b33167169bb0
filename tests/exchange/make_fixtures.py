"""Writes the fixture files in fixtures/ (kept in the repository; rerun to regenerate them).

They imitate real exports byte for byte where it matters: LinkedIn's Notes
preamble, Google's BOM and CRLF, a phone's vCard 2.1 quoted-printable.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent / "fixtures"

LINKEDIN = (
    'Notes:\n'
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed their connections to see or download '
    'their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more '
    'here https://www.linkedin.com/help/linkedin/answer/261"\n'
    '\n'
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n'
    'Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,"Analytical Engines, Ltd",Mathematician,24 Nov 2026\n'
    'Zoë,Ångström,https://www.linkedin.com/in/zoe-angstrom,zoe@example.org,Université de Lyon,"Researcher\n'
    'and teacher",03 Feb 2025\n'
    'Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace/,ada@example.org,"Analytical Engines, Ltd",'
    'Mathematician,24 Nov 2026\n'
    ',,https://www.linkedin.com/in/someone-gone,,,,01 Jan 2024\n'
    'Broken,Row\n'
    '小龙,李,https://www.linkedin.com/in/li-xiaolong,,,,15 Aug 2023\n'
    'Bad,Date,https://www.linkedin.com/in/bad-date,,Acme,,sometime\n'
)

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
    "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,"
    "Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Website 1 - Label,Website 1 - Value"
)
GOOGLE_ROWS = [
    'Ada,,Lovelace,,,,,,,,"Analytical Engines, Ltd",Mathematician,,1815-12-10,"Met at the ""Difference"" talk\r\n'
    'likes poetry",,Friends ::: * myContacts ::: Work Stuff,* Home,ada@example.org ::: ada@work.example,,,'
    'Mobile,+44 20 7946 0000,,https://github.com/ada',
    "Grace,Brewster,Hopper,,,,,,,,,,,--12-09,,,* myContacts,,grace@example.org,,,,,,",
    'ADA,, LOVELACE,,,,,,,,,,,,,,* starred,,ADA@example.org,,,,,,',
    ",,,,,,,,,,,,,,,,* myContacts,,,,,,,,",
    "Jürgen,,Müller,,,,,,,,,,,,Kocht gern,,Familie,,,,,Mobile,0049 170 1234567,,",
]
GOOGLE = "\ufeff" + GOOGLE_HEADER + "\r\n" + "\r\n".join(GOOGLE_ROWS) + "\r\n"

GOOGLE_OLD = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
    "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,"
    "Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,"
    "Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,"
    "Website 1 - Type,Website 1 - Value\r\n"
    "Katherine Johnson,Katherine,,Johnson,,,,,,,,,,,1918-08-26,,,,,,,,,,,Orbital mechanics,,,"
    "* myContacts ::: NASA,* Work,kj@example.org,Mobile,+1 555 0100,,NASA,,Mathematician,Profile,"
    "https://twitter.com/kjohnson\r\n"
)

VCARD = (
    # A phone's vCard 2.1: quoted-printable UTF-8 with a soft line break.
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
    "TEL;CELL:+49 170 1234567\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Kocht gern=0D=0AF=C3=A4hrt Rad, =\r\n"
    "sehr gern\r\n"
    "END:VCARD\r\n"
    # A mail app's vCard 3.0: folding, escapes, social profiles, categories, a year-less birthday.
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Ada Lovelace\r\n"
    "N:Lovelace;Ada;;;\r\n"
    "ORG:Analytical Engines\\, Ltd;\r\n"
    "TITLE:Mathematician\r\n"
    "EMAIL;TYPE=INTERNET,HOME:ada@example.org\r\n"
    "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/ada-lovelace\r\n"
    "X-SOCIALPROFILE;type=twitter:https://twitter.com/ada\r\n"
    "IMPP;X-SERVICE-TYPE=GitHub:x-apple:ada\r\n"
    "URL:https://mastodon.social/@ada\r\n"
    "CATEGORIES:Friends,Work Stuff\r\n"
    "BDAY:--1210\r\n"
    "NOTE:Wrote the first program\\; a long note that is folded across two li\r\n"
    " nes\\, as mail apps do.\r\n"
    "END:VCARD\r\n"
    # A damaged card: a line that is no property at all.
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Broken Card\r\n"
    "this line is not a property\r\n"
    "END:VCARD\r\n"
    # vCard 4.0 with non-ASCII and a full birthday.
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Zoë Ångström\r\n"
    "EMAIL;TYPE=work:zoe@example.org\r\n"
    "TEL;VALUE=uri;TYPE=cell:tel:+33-6-12-34-56-78\r\n"
    "X-SOCIALPROFILE;TYPE=bluesky:https://bsky.app/profile/zoe.bsky.social\r\n"
    "BDAY:19900517\r\n"
    "END:VCARD\r\n"
    # The same Ada again, as another address book wrote her: folded in, not duplicated.
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:ada lovelace\r\n"
    "EMAIL:ADA@example.org\r\n"
    "TEL:+44 20 7946 0000\r\n"
    "END:VCARD\r\n"
    # A card with no name at all.
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "NOTE:nobody\r\n"
    "END:VCARD\r\n"
)


def main() -> None:
    HERE.mkdir(exist_ok=True)
    (HERE / "Connections.csv").write_bytes(LINKEDIN.encode("utf-8"))
    (HERE / "Connections-bom-crlf.csv").write_bytes(
        ("\ufeff" + LINKEDIN.replace("\n", "\r\n")).encode("utf-8"))
    (HERE / "google.csv").write_bytes(GOOGLE.encode("utf-8"))
    (HERE / "google-old.csv").write_bytes(GOOGLE_OLD.encode("utf-8"))
    (HERE / "contacts.vcf").write_bytes(VCARD.encode("utf-8"))
    (HERE / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (HERE / "empty.csv").write_bytes(b"")


if __name__ == "__main__":
    main()
