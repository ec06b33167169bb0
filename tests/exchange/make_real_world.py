"""Writes fixtures/real-world/: one file for each way real exports went wrong (rerun to regenerate them).

Written from the specifications (RFC 2425/2426/6350 for vCard, RFC 5545 for
iCalendar, LinkedIn's old and new Connections.csv, Google's and Outlook's
CSV) and from what phones and mail apps are known to write. Each constant
names the problem it reproduces; the tests in test_real_world.py say what
smn must make of it.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent / "fixtures" / "real-world"


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


# 1. Different people merged: a switchboard, a family landline and a junk number shared by people
#    with different names are no identity; the same mobile under two spellings of one name is.
SHARED_NUMBERS = crlf("""BEGIN:VCARD
VERSION:3.0
FN:Alice Moreau
TEL;TYPE=WORK:+33 1 42 68 53 00
EMAIL:alice@acme.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bruno Costa
TEL;TYPE=WORK:+33 1 42 68 53 00
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Carmen Costa
TEL;TYPE=HOME:+33 1 42 68 53 00
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:John Doe
TEL;TYPE=HOME:+44 20 7946 0018
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Mary Doe
TEL;TYPE=HOME:+44 20 7946 0018
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Diego Ramos
TEL:55555
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Elif Yilmaz
TEL:55555
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Farah Usman
TEL;TYPE=CELL:+44 7911 123456
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Farah U.
TEL;TYPE=CELL:07911 123456
NOTE:From the old phone
END:VCARD
""")

# 2. vCard 3.0 text cut at a comma: only N, ADR, ORG (and CATEGORIES) are structured.
COMMAS = crlf("""BEGIN:VCARD
VERSION:3.0
FN:Mr. John Richter, James Doe Sr.
N:Doe;James,John;Richter;Mr.;Sr.
ORG:Richter, Doe & Partners;Litigation
TITLE:Partner, head of litigation
NOTE:Met in Lyon, at the 2019 conference, with Ana.
ADR;TYPE=WORK:;;12 Rue de la Paix, 3rd floor;Paris;;75002;France
CATEGORIES:Law,Work\\, Old
END:VCARD
""")

# 3. Escaped colons (Apple, Google): 'http\\://' is 'http://'.
ESCAPED_COLONS = crlf("""BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.1//EN
N:Okafor;Emeka;;;
FN:Emeka Okafor
item1.URL;type=pref:https\\://www.linkedin.com/in/emeka-okafor
item1.X-ABLabel:_$!<HomePage>!$_
item2.URL:http\\://emeka.example.org/blog
item2.X-ABLabel:blog
END:VCARD
""")
LINKEDIN_EMEKA = (
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Emeka,Okafor,https://www.linkedin.com/in/emeka-okafor,,Okafor Labs,Founder,12 Mar 2024\n"
)

# 4. PROFILE:VCard is valid vCard 3.0 (RFC 2426 section 2.1.3).
PROFILE = crlf("""BEGIN:VCARD
VERSION:3.0
PROFILE:VCard
FN:Hana Tanaka
EMAIL:hana@example.jp
END:VCARD
""")

# 5. One undecodable byte (0xE9 in a UTF-8 file) in one property: that property is left out.
BAD_BYTE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren\u00e9e Dubois\r\nEMAIL:renee@example.fr\r\n").encode("utf-8") + (
    b"NOTE:Caf\xe9 near the office\r\nTITLE:Architect\r\nEND:VCARD\r\n")

# 5b. A whole file in Windows-1252 (an old Outlook export): no UTF-8 at all, read as such.
LEGACY_CP1252 = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:M\u00fcller;J\u00fcrgen\r\nFN:J\u00fcrgen M\u00fcller\r\n" \
                "NOTE:K\u00f6ln, Caf\u00e9\r\nEND:VCARD\r\n".encode("cp1252")

# 6. E-mail-only cards and rows: the address is the name, in every format.
EMAIL_ONLY_VCF = crlf("""BEGIN:VCARD
VERSION:3.0
EMAIL:ivan.petrov@example.org
END:VCARD
BEGIN:VCARD
VERSION:4.0
TEL;VALUE=uri:tel:+49-30-901820
END:VCARD
""")
EMAIL_ONLY_LINKEDIN = (
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b",,,ivan.petrov@example.org,,,03 Jan 2025\n"
)

# 7. Android 2.1: a quoted-printable soft line break at the very end of a value.
ANDROID_QP = crlf("""BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Petrovi=C4=87;Jovan;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jovan Petrovi=C4=87=
TEL;CELL:+381 99 5552188
NOTE;ENCODING=QUOTED-PRINTABLE:Prvi red=0D=0Adrugi red, du=
gi red=
END:VCARD
""")

# 8. Raw quoted-printable in a card that does not declare it: decoded when it can only be that.
RAW_QP = crlf("""BEGIN:VCARD
VERSION:3.0
FN:=D0=A8=D1=83=D1=80=D0=B0
EMAIL:shura@example.ru
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Price =E9 list
EMAIL:prices@example.org
END:VCARD
""")

# 9. Groups are not people.
GROUPS = crlf("""BEGIN:VCARD
VERSION:4.0
KIND:group
FN:Book club
MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af
END:VCARD
BEGIN:VCARD
VERSION:3.0
X-ADDRESSBOOKSERVER-KIND:group
N:Climbing
FN:Climbing
X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:8d6b5c3a-1e2f-4a5b-9c8d-7e6f5a4b3c2d
END:VCARD
BEGIN:VCARD
VERSION:4.0
KIND:individual
FN:Priya Nair
EMAIL:priya@example.in
END:VCARD
""")

# 10. Apple social profiles: the handle is in x-user; 'x-apple:alex' is no profile URL.
APPLE_SOCIAL = crlf("""BEGIN:VCARD
VERSION:3.0
FN:Alex Rossi
X-SOCIALPROFILE;type=twitter;x-user=alex:x-apple:alex
X-SOCIALPROFILE;type=linkedin;x-user=alexrossi:http://www.linkedin.com/in/alexrossi
IMPP;X-SERVICE-TYPE=Skype;type=HOME;type=pref:skype:alex.rossi
END:VCARD
""")

# 11. LinkedIn's older layout: no URL column, dates with a time, member ids where e-mails go.
LINKEDIN_OLD = (
    b"First Name,Last Name,Email Address,Company,Position,Connected On\n"
    b"Mateo,Silva,urn:li:member:98765432,Quispe SA,Analyst,\"1/8/18, 6:14 PM\"\n"
    b"Sofia,Torres,sofia@example.pe,,,\"12/24/19, 9:02 AM\"\n"
    b"Taro,Nakamura,,Acme,Engineer,\"7/4/21, 11:59 PM\"\n"
)

# 12. The same person from five sources: each note line is kept once.
FIVE_SOURCES = {
    "ana.vcf": crlf("""BEGIN:VCARD
VERSION:3.0
FN:Ana Silva
EMAIL:ana@example.org
ORG:Okafor Labs
TITLE:Engineer
NOTE:Climbs on Sundays
END:VCARD
"""),
    "ana-google.csv": ("\ufeffFirst Name,Last Name,Organization Name,Organization Title,Notes,Labels,"
                       "E-mail 1 - Value\r\nAna,Silva,Okafor Labs,Engineer,Climbs on Sundays,* myContacts,"
                       "ana@example.org\r\n").encode("utf-8"),
    "ana-outlook.csv": ("First Name,Last Name,Company,Job Title,Notes,E-mail Address\r\n"
                        "Ana,Silva,Okafor Labs,Engineer,\"Climbs on Sundays\r\nLikes tea\",ana@example.org\r\n"
                        ).encode("cp1252"),
    "ana-linkedin.csv": (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                         b"Ana,Silva,https://www.linkedin.com/in/ana-silva,ana@example.org,Okafor Labs,Engineer,"
                         b"05 May 2023\n"),
    "ana-phone.vcf": crlf("""BEGIN:VCARD
VERSION:2.1
N:Silva;Ana
FN:Ana Silva
EMAIL;INTERNET:ANA@EXAMPLE.ORG
NOTE;ENCODING=QUOTED-PRINTABLE:Engineer at Okafor Labs=0D=0AClimbs on Sundays=0D=0ALikes tea
END:VCARD
"""),
}

# 14. Phones compared as digits; letters accepted as a number.
PHONES = crlf("""BEGIN:VCARD
VERSION:3.0
FN:Lucía Fernández
TEL;TYPE=CELL:663 12 34 56
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Lucía Fernández
TEL;TYPE=CELL:+34 663 12 34 56
EMAIL:lucia@example.es
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Luz y Gas
TEL;TYPE=WORK:IBERDROLA
TEL;TYPE=WORK:+34 900 22 45 22
END:VCARD
""")

OUTLOOK = (
    '"First Name","Middle Name","Last Name","Title","Suffix","Nickname","E-mail Address","E-mail 2 Address",'
    '"E-mail 3 Address","Home Phone","Business Phone","Mobile Phone","Company Main Phone","Business Fax",'
    '"Job Title","Company","Web Page","Birthday","Notes","Categories","E-mail Type"\r\n'
    '"Gustav","","Larsen","Mr.","","","gustav@example.dk","g.larsen@work.example","","","+45 32 12 34 56",'
    '"+45 20 12 34 56","+45 33 00 00 00","+45 33 00 00 01","Designer","Larsen & S\u00f8n",'
    '"https://github.com/glarsen","3/14/1980","Prefers mornings","Work;Design",""\r\n'
    '"","","","","","","/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=helga","helga@example.no","","","","",'
    '"","","","","","0/0/00","","",EX\r\n'
    '"Ines","","Santos","","","","","","","","","","","","","","","sometime","","",""\r\n'
    '"Grace","","Hopper","","","","","","","","","","","","","","","","","",""\r\n'
).encode("cp1252")

GOOGLE_OUTLOOK = (
    b"First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,"
    b"Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,Primary Phone,"
    b"Home Phone,Home Phone 2,Mobile Phone,Pager,Home Fax,Company,Job Title,Department,Categories\r\n"
    b"Nia,,Okafor,,,,https://bsky.app/profile/nia.bsky.social,,1991-04-02,,,,,Book club,nia@example.org,,,,,,"
    b"+1 415 555 2671,,,,,,Friends ::: * myContacts\r\n"
)

CALENDAR = crlf("""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
X-WR-CALNAME:me@example.org
X-WR-TIMEZONE:Europe/Madrid
BEGIN:VTIMEZONE
TZID:Europe/Madrid
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:coffee-1@example.org
DTSTART;TZID=Europe/Madrid:20261118T093000
DTEND;TZID=Europe/Madrid:20261118T101500
SUMMARY:Coffee with Ada
LOCATION:Café Central\\, Plaza Mayor
ORGANIZER;CN=Me:mailto:me@example.org
ATTENDEE;CN=Ada Lovelace;PARTSTAT=ACCEPTED:mailto:ADA@example.org
ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:me@example.org
END:VEVENT
BEGIN:VEVENT
UID:sync-7@example.org
DTSTART:20261110T150000Z
DTEND:20261110T153000Z
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE:20261117T150000Z
SUMMARY:Weekly sync
DESCRIPTION:Join: https://acme.zoom.us/j/123456789?pwd=abc
ORGANIZER;CN=Grace Hopper:mailto:grace@navy.example
ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:me@example.org
ATTENDEE;CN=Dana Scott;PARTSTAT=NEEDS-ACTION:mailto:dana@example.com
ATTENDEE;CUTYPE=ROOM;CN=Room 4:mailto:room4@resource.example
END:VEVENT
BEGIN:VEVENT
UID:sync-7@example.org
RECURRENCE-ID:20261124T150000Z
DTSTART:20261124T170000Z
DTEND:20261124T173000Z
SUMMARY:Weekly sync (moved)
LOCATION:https://meet.google.com/abc-defg-hij
ORGANIZER;CN=Grace Hopper:mailto:grace@navy.example
ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:me@example.org
END:VEVENT
BEGIN:VEVENT
UID:dinner-2@example.org
DTSTART;TZID=Europe/Madrid:20261120T210000
SUMMARY:Dinner
STATUS:CANCELLED
ATTENDEE:mailto:ada@example.org
END:VEVENT
BEGIN:VEVENT
UID:lunch-3@example.org
DTSTART;TZID=Europe/Madrid:20261119T133000
SUMMARY:Lunch
ATTENDEE;CN=Linus;PARTSTAT=DECLINED:mailto:linus@example.org
ATTENDEE;CN=Hedy;PARTSTAT=ACCEPTED:mailto:hedy@example.org
END:VEVENT
BEGIN:VEVENT
UID:conf-4@example.org
DTSTART;VALUE=DATE:20261105
DTEND;VALUE=DATE:20261107
SUMMARY:PyCon
LOCATION:Lisbon
ATTENDEE:mailto:ada@example.org
ATTENDEE:mailto:dana@example.com
END:VEVENT
BEGIN:VEVENT
UID:later-5@example.org
DTSTART;TZID=Europe/Madrid:20261210T100000
SUMMARY:Planning 2027
ATTENDEE:mailto:ada@example.org
END:VEVENT
END:VCALENDAR
""")


def files() -> dict[str, bytes]:
    out = {
        "shared-numbers.vcf": SHARED_NUMBERS,
        "vcard30-commas.vcf": COMMAS,
        "escaped-colons.vcf": ESCAPED_COLONS,
        "escaped-colons-linkedin.csv": LINKEDIN_EMEKA,
        "profile-vcard.vcf": PROFILE,
        "bad-byte.vcf": BAD_BYTE,
        "legacy-cp1252.vcf": LEGACY_CP1252,
        "email-only.vcf": EMAIL_ONLY_VCF,
        "email-only-linkedin.csv": EMAIL_ONLY_LINKEDIN,
        "android21-qp-soft-break.vcf": ANDROID_QP,
        "raw-qp.vcf": RAW_QP,
        "groups.vcf": GROUPS,
        "apple-social.vcf": APPLE_SOCIAL,
        "Connections-old.csv": LINKEDIN_OLD,
        "phones.vcf": PHONES,
        "outlook.csv": OUTLOOK,
        "google-outlook.csv": GOOGLE_OUTLOOK,
        "calendar.ics": CALENDAR,
    }
    out.update({f"five-sources/{name}": data for name, data in FIVE_SOURCES.items()})
    return out


def main() -> None:
    for name, data in files().items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


if __name__ == "__main__":
    main()
