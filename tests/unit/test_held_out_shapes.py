"""Shapes found on real texts outside real-dev (session 8): wire stories, navy releases and
readouts gathered with the `search` tool and scored against gold written for them.

Every text here is written for the test in the shape of the real one; the real texts are
third-party and stay out of the repository.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.kb.dates import scan
from bot.kb.documents import read_document
from bot.kb.extract.facts import extract_document
from tests.unit.test_facts import check_provenance, gazetteer, make_doc, surnames  # noqa: F401


def _read_on(doc_id: str, text: str, gazetteer, day: date):  # noqa: F811
    """A document read as the loader reads it (passages, furniture, headline), then dated to
    `day` as if its page stated that day."""
    doc = read_document(doc_id, text, gazetteer, date(2026, 12, 3))
    doc.date, doc.date_precision = day, "day"
    return doc


# (case, document date, text, expected facts: (kind, date_start, date_end, precision,
# surnames, words)). `words`: lower-case words the fact's title, summary or location must
# carry. Exactly these facts.
SHAPES = [
    (
        "a participle opening the sentence, 'Talking with Kerry late on Sunday, Kishida said', is a call on Sunday",
        date(2013, 2, 4),  # a Monday
        "Talking with US new Secretary of State John Kerry late on Sunday, Japanese Foreign "
        "Minister Fumio Kishida said that the Japan-US alliance is a foundation of peace.",
        [("meeting", "2013-02-03", "2013-02-03", "day", {"Kerry", "Kishida"}, [])],
    ),
    (
        "'talked on the phone' with no 'with' is a call",
        date(2025, 10, 28),  # a Tuesday
        "Prime Minister Sanae Takaichi and President Donald Trump talked on the phone on Saturday.",
        [("meeting", "2025-10-25", "2025-10-25", "day", {"Takaichi", "Trump"}, [])],
    ),
    (
        "a trilateral of foreign ministers told by countries, the ministers named in the next paragraph",
        date(2025, 2, 16),  # a Sunday
        "MUNICH - Japan, the United States and South Korea agreed to closely cooperate during a "
        "trilateral meeting of foreign ministers in Munich on Saturday.\n\nForeign Minister Takeshi "
        "Iwaya, U.S. Secretary of State Marco Rubio and South Korean Foreign Minister Cho Tae-yul "
        "confirmed they will work together.",
        [("meeting", "2025-02-15", "2025-02-15", "day", {"Iwaya", "Rubio"}, ["munich"])],
    ),
    (
        "what two leaders who just met confirmed ('They confirmed ... a Japanese astronaut') is of that day",
        date(2022, 5, 26),
        "Biden, Kishida announce progress on lunar mission collaborations\n\nU.S. President Joe "
        "Biden and Japanese Prime Minister Fumio Kishida met in Tokyo on Monday where they "
        "announced progress on collaboration for lunar missions.\n\nThey confirmed their "
        "commitment to include a Japanese astronaut aboard the lunar Gateway outpost.",
        [
            ("space", "2022-05-23", "2022-05-23", "day", {"Biden", "Kishida"}, ["lunar"]),
            ("meeting", "2022-05-23", "2022-05-23", "day", {"Biden", "Kishida"}, ["tokyo"]),
        ],
    ),
    (
        "'The phone talks followed an in-person meeting between them the previous day': two",
        date(2025, 6, 30),
        "Akazawa Talks with Lutnick over Phone\nWASHINGTON - Economic revitalization minister "
        "Ryosei Akazawa spoke by phone with U.S. Commerce Secretary Howard Lutnick on Saturday.\n"
        "The phone talks followed an in-person meeting between Akazawa and Lutnick the previous day.",
        [
            ("meeting", "2025-06-28", "2025-06-28", "day", {"Akazawa", "Lutnick"}, []),
            ("meeting", "2025-06-27", "2025-06-27", "day", {"Akazawa", "Lutnick"}, []),
        ],
    ),
    (
        "'is scheduled to hold discussions on Thursday with' is a planned meeting",
        date(2025, 5, 1),  # a Thursday, Japan time
        "Economic revitalization minister Ryosei Akazawa arrived in Washington on Wednesday.\n"
        "Minister Ryosei Akazawa is scheduled to hold discussions on Friday with U.S. Secretary of "
        "the Treasury Scott Bessent.",
        [("meeting", "2025-05-02", "2025-05-02", "day", {"Akazawa", "Bessent"}, ["planned"])],
    ),
    (
        "'set to return to Washington on May 30 for a fourth round of negotiations'",
        date(2025, 5, 24),
        "Japan's top trade envoy Ryosei Akazawa is set to return to Washington on May 30 for a "
        "fourth round of negotiations with the United States.",
        [("meeting", "2025-05-30", "2025-05-30", "day", {"Akazawa"}, ["planned"])],
    ),
    (
        "'he will visit Guam to hold talks with Esper ... when the two meet on Saturday'",
        date(2020, 8, 28),  # a Friday
        "Defense Minister Taro Kono said Friday he will visit Guam to hold talks with his U.S. "
        "counterpart Mark Esper to discuss missile defense.\n\"I want to discuss where we stand "
        "in our defense cooperation\" when the two meet on Saturday, he added.",
        [("meeting", "2020-08-29", "2020-08-29", "day", {"Kono", "Esper"}, ["guam", "planned"])],
    ),
    (
        "'During Monday's summit, Kishida is expected to ...' on a Sunday is the next day's plan",
        date(2022, 5, 22),  # a Sunday
        "TOKYO: U.S. President Joe Biden arrived in Japan on Sunday.\nDuring Monday's Japan-US "
        "summit, Prime Minister Fumio Kishida is expected to tell Biden that Japan plans to boost "
        "its defense spending.",
        [("meeting", "2022-05-23", "2022-05-23", "day", {"Kishida", "Biden"}, ["planned"])],
    ),
    (
        "'He met the president on Wednesday' gives its day to the meeting just told without one",
        date(2025, 4, 19),  # a Saturday
        "Trade minister Ryosei Akazawa said he felt pressure during his meeting with U.S. "
        "President Donald Trump in Washington.\nAkazawa said so in a video posted on Friday. "
        "He met the president on Wednesday.",
        [("meeting", "2025-04-16", "2025-04-16", "day", {"Akazawa", "Trump"}, ["washington"])],
    ),
    (
        "'The two met on Tuesday' after an undated meeting of the two is that meeting's day",
        date(2025, 4, 19),
        "Trade minister Ryosei Akazawa described his meeting with U.S. President Donald Trump. "
        "The two met on Tuesday.",
        [("meeting", "2025-04-15", "2025-04-15", "day", {"Akazawa", "Trump"}, [])],
    ),
    (
        "a headline's 'over Phone Ahead of' is no place",
        date(2025, 6, 30),
        "Akazawa Talks with Lutnick over Phone Ahead of July 9 Deadline\nTrade minister Ryosei "
        "Akazawa spoke by phone with U.S. Commerce Secretary Howard Lutnick on Saturday.",
        [("meeting", "2025-06-28", "2025-06-28", "day", {"Akazawa", "Lutnick"}, [])],
    ),
    (
        "a caption's 'F-15s escort a B-52' and the lede's 'show of force together' are one drill",
        date(2025, 12, 11),  # a Thursday
        "Japanese F-15s escort a U.S. Air Force B-52 Stratofortress over the Sea of Japan on Dec. "
        "10, 2025. (Japan Joint Staff)\nTOKYO - Japanese fighters and United States strategic "
        "bombers made a show of force together Wednesday.",
        [("exercise", "2025-12-10", "2025-12-10", "day", set(), ["joint flight", "sea of japan"])],
    ),
    (
        "'together with their escort ships': escort ships are no escort flight",
        date(2019, 6, 12),
        "The USS Ronald Reagan and the destroyer JS Izumo, together with their escort ships, "
        "were seen in the South China Sea.",
        [],
    ),
    (
        "countries that agree 'during a trilateral meeting of foreign ministers' sit at it",
        date(2025, 2, 16),  # a Sunday
        "MUNICH - Japan, the United States and South Korea agreed to closely cooperate in "
        "responding to North Korea during a trilateral meeting of foreign ministers in Munich "
        "on Saturday.",
        [("meeting", "2025-02-15", "2025-02-15", "day", set(), ["munich", "south korea"])],
    ),
    (
        "a Japanese and an American leader who 'signed an agreement' in Tokyo met to do it",
        date(2025, 10, 30),  # a Thursday
        "Prime Minister Sanae Takaichi and President Donald Trump signed an agreement on "
        "critical minerals in Tokyo on Tuesday.",
        [("meeting", "2025-10-28", "2025-10-28", "day", {"Takaichi", "Trump"}, ["tokyo"])],
    ),
    (
        "agency heads who signed a lunar statement: space news, not a meeting",
        date(2019, 9, 26),
        "JAXA President Hiroshi Yamakawa and NASA Administrator Jim Bridenstine signed a joint "
        "statement on lunar exploration on Tuesday.",
        [("space", "2019-09-24", "2019-09-24", "day", {"Yamakawa", "Bridenstine"}, ["lunar"])],
    ),
    (
        "an astronaut 'returned to Earth from the International Space Station': the station "
        "left is no earlier event named in passing, and a return is news",
        date(2018, 6, 4),  # a Monday
        "Norishige Kanai of Japan returned to Earth from the International Space Station on "
        "Sunday.",
        [("space", "2018-06-03", "2018-06-03", "day", {"Kanai"}, ["international space station"])],
    ),
    (
        "a new leader's first call 'late Saturday', 'who took office last Tuesday', 'ahead of "
        "summit talks Tuesday': the call, and the talks ahead, each on its own day",
        date(2025, 10, 26),  # a Sunday
        "Prime Minister Sanae Takaichi held her first phone call with U.S. President Donald "
        "Trump late Saturday, with the new Japanese leader saying the alliance is a top "
        "priority ahead of summit talks Tuesday.\n\nTakaichi, who took office last Tuesday, "
        "spoke to Trump for about 10 minutes.",
        [
            ("meeting", "2025-10-25", "2025-10-25", "day", {"Takaichi", "Trump"}, []),
            ("meeting", "2025-10-28", "2025-10-28", "day", {"Takaichi", "Trump"}, ["summit"]),
        ],
    ),
    (
        "'JS Kongo and USS Rafael Peralta sailed together': ships of both allies drilling",
        date(2024, 11, 8),  # a Friday
        "Japanese destroyer JS Kongo and USS Rafael Peralta sailed together in the East China "
        "Sea on Wednesday.",
        [("exercise", "2024-11-06", "2024-11-06", "day", set(), ["joint sail", "east china sea"])],
    ),
    (
        "a Japanese astronaut's stay aboard the ISS, in a Soyuz story that never names America",
        date(2011, 6, 10),  # a Friday
        "Japanese Astronaut Furukawa Begins Long Stay at ISS\n\nKorolev, Russia, June 10 (Jiji "
        "Press)--Japanese astronaut Satoshi Furukawa kicked off his five-month stay at the "
        "International Space Station early Friday after a Russian spacecraft carrying him "
        "docked with the facility.",
        [("space", "2011-06-10", "2011-06-10", "day", {"Furukawa"}, ["international space station"])],
    ),
    (
        "a spacewalk by a NASA and a JAXA astronaut is space news",
        date(2023, 1, 21),  # a Saturday
        "Nicole Mann of NASA and Koichi Wakata of the Japan Aerospace Exploration Agency "
        "completed a spacewalk on Friday to prepare the station for new solar arrays.",
        [("space", "2023-01-20", "2023-01-20", "day", {"Wakata"}, [])],
    ),
    (
        "'Keen Sword 2011', held in December 2010: a four-digit label that is the edition's number",
        date(2010, 12, 6),
        "U.S.-Japan Joint-Bilateral Training Exercise \"Keen Sword 2011\"\n\nDec. 6 - U.S. "
        "military personnel are partnering with Japanese Self-Defense Forces in Japan Dec. 3-10 "
        "to conduct joint-bilateral training. Keen Sword 2011 involves all components of U.S. "
        "Joint Forces and Japanese Self-Defense Forces.",
        [("exercise", "2010-12-03", "2010-12-10", "day", set(), ["keen sword"])],
    ),
    (
        "a chronology's year headings place the yearless days below them",
        date(2012, 9, 30),
        "Chronology of U.S.-Japan Relations\n\n2012\n\n  • Secretary Clinton meets with "
        "Foreign Minister Gemba (July 8)\n\n2011\n\n  • Secretary Clinton and Foreign "
        "Minister Matsumoto Meet in Washington (May 2)\n  • Secretary Clinton and Japanese "
        "Minister of Foreign Affairs Maehara Meet in Washington (Jan. 6)\n",
        [
            ("meeting", "2012-07-08", "2012-07-08", "day", {"Clinton", "Gemba"}, []),
            ("meeting", "2011-05-02", "2011-05-02", "day", {"Clinton", "Matsumoto"}, ["washington"]),
            ("meeting", "2011-01-06", "2011-01-06", "day", {"Clinton", "Maehara"}, ["washington"]),
        ],
    ),
    (
        "'warplanes flew together over the Sea of Japan': a combined flight is a drill",
        date(2022, 5, 26),  # a Thursday
        "U.S. and Japanese warplanes flew together over the Sea of Japan on Wednesday in a "
        "show of force.",
        [("exercise", "2022-05-25", "2022-05-25", "day", set(), ["sea of japan"])],
    ),
    (
        "'its F-15 fighters trained with U.S. B-52 bombers': training with the other ally",
        date(2021, 8, 31),  # a Tuesday
        "Japan's Air Self-Defense Force said Tuesday that its F-15 fighters trained with U.S. "
        "B-52 bombers over the East China Sea on Friday.",
        [("exercise", "2021-08-27", "2021-08-27", "day", set(), ["east china sea"])],
    ),
    (
        "'Japanese F-2 fighters escorted two U.S. B-1B bombers': an escort flight is a drill",
        date(2023, 4, 18),  # a Tuesday
        "Four Japanese F-2 fighters escorted two U.S. B-1B bombers over the Sea of Japan on "
        "Monday.",
        [("exercise", "2023-04-17", "2023-04-17", "day", set(), ["joint flight", "sea of japan"])],
    ),
    (
        "a named exercise dated only by its history takes in 'the 3-21 February event'",
        date(2025, 2, 24),
        "Japanese and US F-35s flew together in the Guam-based Exercise Cope North 25.\n\n"
        "Cope North moved to Andersen Air Force Base in 1999.\n\nThe aircraft flew together "
        "for the first time during the 3-21 February event conducted at Andersen Air Force Base "
        "in Guam.",
        [("exercise", "2025-02-03", "2025-02-21", "day", set(), ["cope north", "guam"])],
    ),
    (
        "'Japanese and U.S. defense ministers held talks': the countries sit by their office",
        date(2019, 3, 4),  # a Monday
        "TOKYO - Japanese and U.S. defense ministers held talks in Tokyo on Sunday.",
        [("meeting", "2019-03-03", "2019-03-03", "day", set(), ["japan", "united states", "tokyo"])],
    ),
    (
        "'the defense chiefs of Japan and the United States agreed': a wire lede's meeting",
        date(2019, 3, 4),
        "The defense chiefs of Japan and the United States agreed on Sunday to strengthen "
        "deterrence.",
        [("meeting", "2019-03-03", "2019-03-03", "day", set(), ["japan", "united states"])],
    ),
    (
        "a reported agreement's 'would' does not make the meeting's weekday a plan",
        date(2024, 12, 12),  # a Thursday
        "TOKYO - Prime Minister Shigeru Ishiba agreed with Defense Secretary Lloyd Austin that "
        "the two countries would deepen their cooperation, at a meeting in Tokyo on Tuesday.",
        [("meeting", "2024-12-10", "2024-12-10", "day", {"Ishiba", "Austin"}, [])],
    ),
    (
        "a drill that began on a weekday and will last until a day of the next month",
        date(2020, 1, 26),  # a Sunday
        "Japanese and U.S. troops held an opening ceremony on Sunday for joint exercises that "
        "have already started in Hokkaido.\n\nThe drills began on Wednesday and will last "
        "until Feb. 8.",
        [("exercise", "2020-01-22", "2020-02-08", "day", set(), ["hokkaido"])],
    ),
    (
        "a drill kicked off on a weekday and scheduled to continue through a later day",
        date(2023, 2, 16),  # a Thursday
        "The Ground Self-Defense Force and the U.S. Marine Corps on Thursday kicked off joint "
        "drills in southwestern Japan. The drills are scheduled to continue through March 12.",
        [("exercise", "2023-02-16", "2023-03-12", "day", set(), ["japan"])],
    ),
    (
        "'who took office this October' is when a term began, not the call's month",
        date(2025, 12, 10),  # a Wednesday
        "Prime Minister Sanae Takaichi, who took office this October, held telephone talks "
        "with U.S. President Donald Trump.",
        [("meeting", "2025-12-10", "2025-12-10", "day", {"Takaichi", "Trump"}, [])],
    ),
    (
        "the outcomes of an earlier dialogue 'held in July 2018' are of that month",
        date(2019, 10, 11),
        "The Seventh U.S.-Japan Cyber Dialogue was held in Tokyo on October 11.\n\nThe United "
        "States and Japan followed up on the outcomes of the Sixth U.S.-Japan Cyber Dialogue "
        "held in July 2018 and reinforced mutual understandings on cyber issues.",
        [
            ("meeting", "2019-10-11", "2019-10-11", "day", set(), ["seventh"]),
            ("meeting", "2018-07-01", "2018-07-31", "month", set(), ["sixth"]),
        ],
    ),
    (
        "America's drill with the Philippines alone is not the alliance's",
        date(2023, 7, 7),
        "Philippine Navy and U.S. Marine Corps units kicked off their bilateral aviation "
        "training in Luzon on Thursday.",
        [],
    ),
    (
        "America's drill with South Korea alone is not the alliance's",
        date(2023, 7, 14),
        "U.S. and South Korean fighter jets staged combined air drills over the Yellow Sea on "
        "Thursday.",
        [],
    ),
    (
        "navies that 'trained alongside each other' held joint training",
        date(2026, 2, 27),  # a Friday
        "The navies of the Philippines, the US and Japan trained alongside each other in the "
        "South China Sea on Tuesday.",
        [("exercise", "2026-02-24", "2026-02-24", "day", set(), ["joint training", "south china sea"])],
    ),
    (
        "a talk named for one ally and another country is that ally's own",
        date(2020, 4, 23),
        "On April 23, Mr. Toshimitsu Motegi, Minister for Foreign Affairs of Japan, held a "
        "Japan-Australia Foreign Ministers' Telephone Talk with Senator the Hon. Marise Payne.",
        [],
    ),
    (
        "a Japanese astronaut's own career is no alliance space news",
        date(2018, 2, 16),  # a Friday
        "Japanese astronaut Norishige Kanai and NASA's Mark Vande Hei completed a spacewalk "
        "outside the International Space Station on Friday.\n\nThe Tokyo-born lieutenant in the "
        "Japanese Maritime Self-Defense Force became an astronaut in 2009.",
        [("space", "2018-02-16", "2018-02-16", "day", {"Kanai"}, [])],
    ),
    (
        "America's space unit in South Korea is no alliance space news",
        date(2024, 12, 4),
        "The U.S. Space Force stood up its first overseas unit, U.S. Space Forces Korea, at Osan "
        "Air Base in South Korea in December 2022.",
        [],
    ),
    (
        "a series the gazetteer calls Japan's with Australia, with no American in it",
        date(2019, 9, 11),
        "Australia and Japan are participating in the first Exercise Bushido Guardian at Chitose "
        "Air Base in Hokkaido, Japan, with Royal Australian Air Force F/A-18s.",
        [],
    ),
    (
        "a navy's bilateral operations are an exercise",
        date(2025, 9, 9),
        "Ships of the U.S. Navy and the Japan Maritime Self-Defense Force conducted bilateral "
        "operations in the Philippine Sea from September 4 to 5.",
        [("exercise", "2025-09-04", "2025-09-05", "day", set(), ["philippine sea"])],
    ),
    (
        "a decision about an exercise's venue is not an exercise",
        date(2023, 2, 16),
        "At a meeting in Hawaii last April, Japanese and U.S. commanders decided to change the "
        "location for the exercise in 2023 from California to Kyushu.",
        [],
    ),
    (
        "the weekday of a summit ahead of which a call was made lies ahead",
        date(2026, 3, 16),  # a Monday
        "Prime Minister Sanae Takaichi and President Donald Trump will hold a summit in "
        "Washington. The foreign ministers spoke by phone ahead of the summit on Thursday.",
        [("meeting", "2026-03-19", "2026-03-19", "day", {"Takaichi", "Trump"}, ["summit"])],
    ),
    (
        "a call made ahead of a summit between two others: two meetings",
        date(2026, 3, 16),  # a Monday
        "In a telephone meeting on Monday, Foreign Minister Toshimitsu Motegi sought to clarify "
        "Washington's intentions ahead of a summit on Thursday between Prime Minister Sanae "
        "Takaichi and President Donald Trump.",
        [
            ("meeting", "2026-03-16", "2026-03-16", "day", {"Motegi"}, []),
            ("meeting", "2026-03-19", "2026-03-19", "day", {"Takaichi", "Trump"}, []),
        ],
    ),
    (
        "a weekday with its day in brackets",
        date(2021, 6, 30),
        "The U.S. Army and the Ground Self-Defense Force began the Orient Shield exercise on "
        "Thursday (June 24) in Japan.",
        [("exercise", "2021-06-24", "2021-06-24", "day", set(), ["orient shield"])],
    ),
    (
        "a state visit is a meeting",
        date(2024, 4, 10),
        "Prime Minister Fumio Kishida and President Joe Biden showcased their partnership "
        "during a White House state visit on Wednesday (Apr 10).",
        [("meeting", "2024-04-10", "2024-04-10", "day", {"Biden", "Kishida"}, [])],
    ),
    (
        "a participle opening goes on about the meeting just reported",
        date(2025, 2, 16),  # a Sunday
        "The top diplomats of Japan, South Korea and the United States held their first "
        "meeting on Saturday following Donald Trump's election.\n\nMeeting on the sidelines of "
        "the Munich Security Conference, Foreign Minister Takeshi Iwaya, Foreign Minister Cho "
        "Tae-yul and Secretary of State Marco Rubio pledged closer cooperation.",
        [("meeting", "2025-02-15", "2025-02-15", "day", {"Iwaya", "Rubio"}, [])],
    ),
    (
        "a drill's history told of it in a relative clause is not another drill",
        date(2023, 2, 6),
        "The Cope North exercise will kick off Wednesday at Andersen Air Force Base with "
        "airmen from the United States, Japan and Australia.\n\nThe exercise, which moved to "
        "Andersen Air Force Base in 1999, is the largest multilateral exercise of the Pacific "
        "Air Forces.",
        [("exercise", "2023-02-08", "2023-02-08", "day", set(), ["cope north"])],
    ),
    (
        "bombers flying with fighters are a combined flight",
        date(2025, 12, 11),
        "Two U.S. Air Force B-52 bombers flew with Japanese F-35 fighters over the Sea of Japan "
        "on Wednesday, the Joint Staff said.",
        [("exercise", "2025-12-10", "2025-12-10", "day", set(), ["sea of japan"])],
    ),
    (
        "a drill begun on a weekday, named days later and held through another",
        date(2026, 3, 3),  # a Tuesday
        "The Self-Defense Forces and the U.S. Marine Corps began a joint drill on Tanegashima "
        "Island on Sunday.\n\nThe drill, dubbed Iron Fist, was shown to the press on Monday."
        "\n\nU.S. Marines also conducted training to rappel from an Osprey aircraft.\n\nThe "
        "drill on the island is scheduled to be held through Wednesday.",
        [("exercise", "2026-03-01", "2026-03-04", "day", set(), ["iron fist"])],
    ),
    (
        "a story that never names the United States reports Japan's own space program",
        date(2024, 9, 26),
        "A Japanese government information-gathering satellite was put into orbit on Thursday. "
        "An H-IIA rocket carrying the satellite lifted off from the Tanegashima Space Center.",
        [],
    ),
    (
        "a press conference's day is not the day of the visit it is about",
        date(2026, 2, 6),  # a Friday
        "Deputy Chief Cabinet Secretary Kei Sato clarified at a press conference on Friday "
        "that Prime Minister Sanae Takaichi had received an invitation from President Donald "
        "Trump for the March 19 visit.",
        [("meeting", "2026-03-19", "2026-03-19", "day", {"Takaichi", "Trump"}, [])],
    ),
    (
        "a report's day told again in another time zone is the report's",
        date(2024, 3, 19),
        "President Joe Biden will host President Ferdinand Marcos Jr. and Prime Minister Fumio "
        "Kishida in Washington for a trilateral summit in April, the White House announced on "
        "Monday, March 18 (Tuesday, March 19 in Manila).",
        # (the month told, refined to the calendar's day for that summit in Washington)
        [("meeting", "2024-04-11", "2024-04-11", "day", {"Biden", "Kishida"}, ["marcos", "alliance calendar"])],
    ),
    (
        "a publication's report quoted to go on the sentence dates the news",
        date(2019, 9, 26),
        "Aviation Week reports that JAXA and NASA \u201csigned an agreement Sept. 24 to cooperate "
        "in U.S.-led efforts to establish a sustainable human presence at the Moon.\u201d",
        [("space", "2019-09-24", "2019-09-24", "day", set(), ["jaxa"])],
    ),
    (
        "'the two ministers, meeting in ...' goes on about the day just told",
        date(2022, 7, 30),  # a Saturday
        "Foreign Minister Yoshimasa Hayashi and Secretary of State Antony Blinken agreed Friday "
        "to keep in close contact.\n\nThe two ministers, meeting in Washington, affirmed that "
        "they will work to bolster the alliance.",
        [("meeting", "2022-07-29", "2022-07-29", "day", {"Hayashi", "Blinken"}, ["washington"])],
    ),
    (
        "an accord to facilitate joint drills is not a drill",
        date(2024, 7, 8),
        "Japan and the Philippines have signed an accord to facilitate joint drills between "
        "the Self-Defense Forces and the Philippine military, with the U.S. Navy watching.",
        [],
    ),
    (
        "space news announced on a day is of that day",
        date(2021, 4, 2),
        "U.S. Space Command announced April 1 it has signed an agreement with the Japan Air "
        "Self-Defense Force that will increase collaboration on space security.",
        [("space", "2021-04-01", "2021-04-01", "day", set(), ["space command"])],
    ),
    (
        "a standing subcommittee held is a meeting",
        date(2022, 3, 11),
        "Japan and the United States held the Japan-U.S. Security Subcommittee (SSC) in Tokyo "
        "on March 11, 2022.",
        [("meeting", "2022-03-11", "2022-03-11", "day", set(), ["security subcommittee"])],
    ),
    (
        "a hosted payload is no host's meeting",
        date(2020, 12, 15),  # a Tuesday
        "Japan and the United States on Tuesday concluded an agreement to strengthen their "
        "space-monitoring capabilities.\n\nThe so-called hosted payload cooperation agreement "
        "of Foreign Minister Toshimitsu Motegi and Ambassador Rahm Emanuel allows the two sides "
        "to mount devices developed by one country onto satellites of the other.",
        [("space", "2020-12-15", "2020-12-15", "day", set(), [])],
    ),
    (
        "a joint flight goes on about the drill just told",
        date(2025, 12, 11),  # a Thursday
        "Japanese fighter jets joined U.S. bombers in exercises over the Sea of Japan on "
        "Wednesday, the Joint Staff said Thursday.\n\nThe joint flight involved three F-35s "
        "from the Air Self-Defense Force and two U.S. B-52 strategic bombers.",
        [("exercise", "2025-12-10", "2025-12-10", "day", set(), ["b-52"])],
    ),
    (
        "a call on a day is a meeting, a call on someone to act is not",
        date(2023, 12, 15),
        "Defense Minister Minoru Kihara and Secretary of Defense Lloyd Austin called the safety "
        "of the aircraft a top priority following a call on Dec. 12.\n\nThe statement renewed a "
        "call on China to show restraint.",
        [("meeting", "2023-12-12", "2023-12-12", "day", {"Kihara", "Austin"}, [])],
    ),
    (
        "the day of what a drill followed is not the drill's",
        date(2022, 6, 7),  # a Tuesday
        "Japan and the United States conducted a joint fighter jet drill over the Sea of Japan "
        "on Tuesday for the second time in two weeks, days after North Korea's latest missile "
        "launches. The exercise, following Pyongyang's test-firing of eight ballistic "
        "missiles toward the sea on Sunday, was intended to show the resolve of Japan and the "
        "United States.",
        [("exercise", "2022-06-07", "2022-06-07", "day", set(), ["sea of japan"])],
    ),
    (
        "one ally meeting a third country is that ally's own diplomacy",
        date(2019, 6, 28),  # a Friday
        "President Donald Trump met Prime Minister Narendra Modi of India in Osaka on Friday. "
        "Prime Minister Shinzo Abe met Prime Minister Scott Morrison of Australia on Thursday.",
        [],
    ),
    (
        "both allies with a third country are the alliance's",
        date(2019, 6, 28),  # a Friday
        "President Donald Trump, Prime Minister Shinzo Abe and Prime Minister Narendra Modi held "
        "a trilateral meeting in Osaka on Friday.",
        [("meeting", "2019-06-28", "2019-06-28", "day", {"Trump", "Abe", "Modi"}, [])],
    ),
    (
        "a readout's 'spoke yesterday with'",
        date(2020, 4, 15),
        "Chairman of the Joint Chiefs of Staff Gen. Mark A. Milley spoke yesterday with Chief of "
        "Staff, Japan Joint Staff Gen. Koji Yamazaki by telephone.",
        [("meeting", "2020-04-14", "2020-04-14", "day", {"Milley", "Yamazaki"}, [])],
    ),
    (
        "the day of what a drill answered, and the day of a statement, are not the drill's",
        date(2024, 11, 5),  # a Tuesday
        "In a Monday press statement, Kim Yo Jong condemned the drill. South Korea, the United "
        "States and Japan held a joint air drill involving a U.S. strategic bomber on Sunday, in "
        "response to the test-launch of an intercontinental ballistic missile on Oct. 31.",
        [("exercise", "2024-11-03", "2024-11-03", "day", set(), ["bomber"])],
    ),
    (
        "the day of a missile launch a call was about is not the call's",
        date(2017, 8, 31),
        "Yesterday, Secretary of Defense Jim Mattis spoke by telephone with Japanese Minister of "
        "Defense Itsunori Onodera to discuss North Korea's missile launch on August 28.",
        [("meeting", "2017-08-30", "2017-08-30", "day", {"Mattis", "Onodera"}, [])],
    ),
    (
        "the day of an adversary's launch a drill answered is not the drill's",
        date(2023, 7, 17),
        "Aegis destroyers of Japan, the United States and South Korea conducted a joint drill in "
        "the Sea of Japan on Sunday. The drill was intended to show their readiness following "
        "North Korea's launch on July 12 of an intercontinental ballistic missile.\n\nAccording "
        "to the ministry, the drill involved the Maritime Self-Defense Force destroyer Maya and "
        "the U.S. Navy destroyer John Finn.",
        [("exercise", "2023-07-16", "2023-07-16", "day", set(), ["sea of japan"])],
    ),
    (
        "a forum named after the meeting that named no one is that meeting",
        date(2024, 7, 27),  # a Saturday
        "TOKYO (AP) - Japanese and U.S. defense chiefs and top diplomats will meet in Tokyo on "
        "Sunday for security talks. The allies increasingly operate together. Secretary of "
        "State Antony Blinken and Defense Secretary Lloyd Austin will join their Japanese "
        "counterparts, Yoko Kamikawa and Minoru Kihara, at the \u201c2+2\u201d security talks.",
        [("meeting", "2024-07-28", "2024-07-28", "day", {"Blinken", "Austin", "Kamikawa", "Kihara"}, ["2+2"])],
    ),
    (
        "a dinner told in local time with Japan's clock aside, by a minister visiting a forum",
        date(2018, 1, 17),
        "On January 16, commencing at shortly after 7 p.m. (local time; shortly after 12 a.m. "
        "on January 17, Japan time) for approximately 60 minutes, Mr. Taro Kono, Minister for "
        "Foreign Affairs of Japan, who is visiting Vancouver to attend the Foreign Ministers' "
        "Meeting on Security and Stability on the Korean Peninsula, held a Japan-U.S. Foreign "
        "Ministers' Dinner meeting with the Honorable Rex W. Tillerson, Secretary of State of "
        "the United States.",
        [("meeting", "2018-01-16", "2018-01-16", "day", {"Kono", "Tillerson"}, ["dinner"])],
    ),
    (
        "a press conference held to announce a summit: the summit is of the day it is to be held",
        date(2017, 7, 19),
        "The Nippon Foundation and the Japan Coast Guard held a press conference on July 18 to "
        "announce the Coast Guard Global Summit, a forum of senior maritime safety officials from "
        "Japan, the United States and 38 others to be held in Tokyo on September 14.",
        [("meeting", "2017-09-14", "2017-09-14", "day", set(), ["global summit", "tokyo"])],
    ),
    (
        "'will train together next month' then 'The three nations are expected to conduct "
        "search-and-rescue training on June 6': one exercise, on that day",
        date(2024, 5, 20),
        "Coast guard vessels from the United States, Japan and South Korea will reportedly train "
        "together for the first time next month.\n\nThe three nations are expected to conduct "
        "search-and-rescue training off the western coast of central Japan on June 6.",
        [("exercise", "2024-06-06", "2024-06-06", "day", set(), ["training"])],
    ),
    (
        "a cooperative two-day deployment is an exercise; 'The engagement followed the port "
        "visit, Aug. 20-24' dates the visit, not the engagement",
        date(2021, 8, 26),  # a Thursday
        "U.S. Coast Guard members aboard the Coast Guard Cutter Munro participated in a "
        "cooperative two-day deployment with Japan Coast Guard members aboard the Japan Coast "
        "Guard ship Aso in the East China Sea Tuesday and Wednesday.\n\nThe engagement followed "
        "Munro's port visit in Sasebo, Japan, Aug. 20-24, and included navigation exercises.",
        [("exercise", "2021-08-24", "2021-08-25", "day", set(), ["deployment", "east china sea"])],
    ),
    (
        "a rival's maneuvers told in passing are no exercise; a planned exercise of naval "
        "forces is one",
        date(2024, 4, 12),
        "Major initiatives agreed upon at the White House include a plan to conduct a joint "
        "maritime exercise of naval forces around Japan in 2025.\n\nBiden said U.S. defense "
        "commitments to Japan, which faces confrontational Chinese maneuvers over the Senkaku "
        "Islands, are ironclad.",
        [("exercise", "2025-01-01", "2025-12-31", "year", set(), ["planned"])],
    ),
    (
        "a Japanese and an American named before the forum they launch, then signing its terms "
        "of reference on a day, met at it that day",
        date(2024, 6, 10),
        "Under Secretary of Defense William LaPlante traveled to Tokyo, Japan to launch the "
        "Inaugural U.S.-Japan DICAS Forum with his Japanese counterpart, Masaki Fukasawa, ATLA "
        "Commissioner.\n\nOn Sunday, June 9, LaPlante and Commissioner Fukasawa, who serve as "
        "DICAS co-chairs, signed the Terms of Reference.",
        [("meeting", "2024-06-09", "2024-06-09", "day", {"LaPlante", "Fukasawa"}, ["tokyo"])],
    ),
    (
        "'told Blinken that Japan, as chair of this year's Group of Seven': no G7 meeting",
        date(2023, 9, 14),  # a Thursday
        "Foreign Minister Yoko Kamikawa and Secretary of State Antony Blinken agreed Thursday to "
        "closely cooperate during their first phone talks.\n\nKamikawa told Blinken that Japan, as "
        "chair of this year's Group of Seven industrialized nations, is resolved to work toward a "
        "free and open order.",
        [("meeting", "2023-09-14", "2023-09-14", "day", {"Kamikawa", "Blinken"}, [])],
    ),
    (
        "'..., a spokesman said by email Friday': the day of the email, not of the exercise scheduled",
        date(2023, 9, 15),  # a Friday
        "Resolute Dragon 23.2, scheduled for Oct. 15-31 across Japan, will involve thousands of "
        "U.S. Marines and Japanese troops, III Marine Expeditionary Force spokesman 1st Lt. "
        "Alejandro Arteaga said by email Friday.",
        [("exercise", "2023-10-15", "2023-10-31", "day", set(), ["resolute dragon", "planned"])],
    ),
    (
        "'in Yausubetsu Thursday night': the place the gazetteer does not know, without its weekday",
        date(2019, 3, 8),  # a Friday
        "U.S. Marines and the Japan Ground Self-Defense Force held a joint drill in Yausubetsu "
        "Thursday night.",
        [("exercise", "2019-03-07", "2019-03-07", "day", set(), ["in yausubetsu ("])],
    ),
    (
        "a joint statement two space agencies signed is space cooperation of its signing day",
        date(2024, 11, 22),
        "The European Space Agency has deepened its relationship with its Japanese counterpart "
        "(JAXA) under a joint statement signed on 20 November.\n\nThe statement, signed by ESA "
        "Director General Josef Aschbacher and JAXA President Hiroshi Yamakawa in Tsukuba, "
        "strengthens this collaboration.",
        [("space", "2024-11-20", "2024-11-20", "day", set(), ["joint statement"])],
    ),
    (
        "an unnamed exercise told in a month its sentence opens on keeps it, a year before the paper",
        date(2023, 11, 24),  # no series has a history to tell: not the month the paper came out
        "In November 2022, U.S., Japanese, Australian, and Canadian warships conducted joint "
        "exercises, countering Chinese assertiveness in the region.",
        [("exercise", "2022-11-01", "2022-11-30", "month", set(), [])],
    ),
]


@pytest.mark.parametrize(
    "when,text,expected", [c[1:] for c in SHAPES], ids=[c[0] for c in SHAPES]
)
def test_held_out_shapes(gazetteer, when, text, expected):  # noqa: F811
    doc = make_doc("shape", text, when)
    facts = extract_document(doc, gazetteer)
    check_provenance(doc, facts)
    got = [(f.kind, f.date_start, f.date_end, f.date_precision) for f in facts]
    assert got == [e[:4] for e in expected], [f.title for f in facts]
    for f, (*_, people, words) in zip(facts, expected, strict=True):
        assert people <= surnames(f.participants), f.participants
        text = f"{f.title} {f.summary} {f.location or ''}".lower()
        assert all(w in text for w in words), (f.title, f.location, words)


def test_a_readouts_long_headline_does_not_hide_its_date_line(gazetteer):  # noqa: F811
    """A headline longer than a story's first line still sits above the date line."""
    headline = (
        "Secretary of State Antony Blinken spoke with Foreign Minister Toshimitsu Motegi to "
        "congratulate him on his new tenure as Foreign Minister of Japan this week"
    )
    assert len(headline) > 150
    text = f"{headline}\n\n10/7/2021 Washington D.C.\n\nDuring the call, the two reaffirmed the alliance."
    doc = read_document("readout", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision, doc.date_inferred) == (date(2021, 10, 7), "day", False)


def test_a_persons_own_affair_does_not_seat_them_at_the_table(gazetteer):  # noqa: F811
    doc = make_doc(
        "affair",
        "Foreign Minister Takeshi Iwaya and Secretary of State Marco Rubio met on Saturday, "
        "their first meeting since Donald Trump's inauguration.",
        date(2025, 2, 16),
    )
    (fact,) = extract_document(doc, gazetteer)
    assert surnames(fact.participants) == {"Iwaya", "Rubio"}


def test_a_weekday_with_its_day_in_brackets_is_one_date_that_settles_the_year():
    (got,) = scan("The exercise began Thursday (June 24) and runs for 18 days.")
    assert (got.month, got.day, got.weekday) == (6, 24, 3)  # 2021's June 24 was a Thursday


def test_a_trilateral_summit_and_a_bilateral_visit_a_day_apart_stay_two(gazetteer):  # noqa: F811
    """Across time zones one meeting is reported a day apart; a state visit of two leaders and
    their summit with a third the next day are two meetings."""
    from bot.kb.merge import merge_facts

    visit = make_doc(
        "visit",
        "President Joe Biden and Prime Minister Fumio Kishida held talks at the White House "
        "during a state visit on Wednesday (Apr 10).",
        date(2024, 4, 11),
    )
    summit = make_doc(
        "summit",
        "President Joe Biden, Prime Minister Fumio Kishida and President Ferdinand Marcos Jr. "
        "of the Philippines held a trilateral summit in Washington on April 11.",
        date(2024, 4, 12),
    )
    facts = merge_facts(extract_document(visit, gazetteer) + extract_document(summit, gazetteer))
    assert sorted((f.date_start, len(f.sources)) for f in facts) == [
        ("2024-04-10", 1),
        ("2024-04-11", 1),
    ]


def test_a_readouts_undated_call_is_on_its_date_lines_day(gazetteer):  # noqa: F811
    """A readout under a stated date ("10/7/2021 Washington D.C.") reports the call of that
    day; a news story's undated meeting further down keeps the month it was reported in."""
    text = (
        "Secretary Blinken's call with Foreign Minister Motegi\n\n10/7/2021 Washington D.C.\n\n"
        "Secretary of State Antony Blinken spoke with Foreign Minister Toshimitsu Motegi to "
        "congratulate him on his new post."
    )
    doc = read_document("readout", text, gazetteer, date(2026, 12, 3))
    (fact,) = extract_document(doc, gazetteer)
    assert (fact.date_start, fact.date_precision) == ("2021-10-07", "day")
    story = make_doc(
        "story",
        "Tokyo is busy this autumn.\n\nMany visitors came.\n\nThe city hosted a festival.\n\n"
        "Hotels were full.\n\n"
        "Earlier, Secretary of State Antony Blinken spoke with Foreign Minister Toshimitsu "
        "Motegi about the alliance.",
        date(2021, 10, 7),
    )
    (fact,) = extract_document(story, gazetteer)
    assert (fact.date_start, fact.date_precision) == ("2021-10-01", "month")


def test_a_day_recalled_days_before_a_written_date_stays_in_its_year(gazetteer):  # noqa: F811
    """A picture of Oct. 20, 2023 over a drill that "kicked off Oct. 15": the story is of
    2023, not of October 2024."""
    text = (
        "Marines train on a remote island\n\n"
        "U.S. Marines fire a rocket system on Ishigaki, Oct. 20, 2023.\n\n"
        "CAMP FOSTER, Okinawa - The commanders visited the island to watch the training.\n\n"
        "The drill, which kicked off Oct. 15, involves thousands of troops."
    )
    doc = read_document("drill", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2023, 10, 20)


def test_the_ledes_weekday_settles_the_year_of_a_yearless_day(gazetteer):  # noqa: F811
    """"gathered in Tokyo on Oct. 6" and "gathered here Tuesday": Oct. 6 was a Tuesday in 2020
    (a Sunday in 2019), and Secretary Pompeo held the post in both years."""
    text = (
        "Quad ministers agree to meet once a year\n\n"
        "TOKYO -- Foreign ministers of the four countries gathered here Tuesday for their first "
        "in-person talks in over a year, Secretary of State Mike Pompeo among them. They last "
        "met in September 2019 in New York.\n\n"
        "The ministers gathered in Tokyo on Oct. 6 at the Foreign Ministry."
    )
    doc = read_document("quad", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2020, 10, 6), doc.date_note


def test_a_tokyo_datelines_weekday_may_be_the_day_before(gazetteer):  # noqa: F811
    """"Tokyo, July 30 (Jiji Press)--... agreed Friday": July 30 was a Friday in 2021, when
    Hayashi was not yet foreign minister; in 2022 Friday was the day before the dateline."""
    text = (
        "Japan, U.S. affirm deterrence\n\n"
        "Tokyo, July 30 (Jiji Press)--Japanese Foreign Minister Yoshimasa Hayashi and U.S. "
        "Secretary of State Antony Blinken agreed Friday to keep in close contact."
    )
    doc = read_document("jiji", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2022, 7, 30), doc.date_note


def test_a_tass_dateline_and_a_calendar_day_quoted(gazetteer):  # noqa: F811
    """"MOSCOW, December 24. /TASS/." is a dateline; the spokeswoman's "naval drills that
    began on December 6" dates the drills though she is quoted."""
    text = (
        "Russia protests drills\n\n"
        "MOSCOW, December 24. /TASS/. Russia expressed concern over the Japanese-US joint "
        "military drills near the Russian border, Foreign Ministry Spokeswoman Maria Zakharova "
        "said on Friday.\n\n"
        "\u201cConcern was expressed over the Japanese-US naval drills that began on December 6 "
        "near the Island of Hokkaido. These maneuvers are a challenge to our security,\u201d "
        "she said."
    )
    doc = read_document("tass", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2021, 12, 24), "day"), doc.date_note
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert [f.date_start for f in facts] == ["2021-12-06"]


def test_a_first_call_after_an_appointment_is_from_the_start_of_the_term(gazetteer):  # noqa: F811
    """Hamada was defense minister in 2022 and 2023; "a first telecon after his appointment"
    on August 16 is 2022's."""
    text = (
        "Japan-U.S. Defense Ministerial Telephone Conference\n\n"
        "On August 16, Defense Minister Hamada held a first telecon after his appointment with "
        "U.S. Defense Secretary Austin."
    )
    doc = read_document("telecon", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2022, 8, 16), doc.date_note


def test_a_story_filed_under_an_earlier_dateline_tells_today_from_it(gazetteer):  # noqa: F811
    """"NEWS | Nov. 5, 2015" over "TOKYO, November 4, 2015 — ... met ... here today": the
    meeting was on the 4th; the page keeps its own date."""
    text = (
        "Chairman visits Tokyo\n\nNEWS | Nov. 5, 2015\n\n"
        "TOKYO, November 4, 2015 — Marine Corps Gen. Joseph F. Dunford Jr. met with Japanese "
        "Prime Minister Shinzo Abe here today to discuss the alliance."
    )
    doc = read_document("dod", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2015, 11, 5)
    (fact,) = extract_document(doc, gazetteer)
    assert (fact.date_start, fact.date_precision) == ("2015-11-04", "day")


def test_a_title_names_each_person_once(gazetteer):  # noqa: F811
    """Picture captions run together ("...on Friday.(2)Kishida shakes hands with Biden") name
    both men twice in one sentence; the title names each once."""
    doc = make_doc(
        "captions",
        "Captions: (1)President Joe Biden greets Prime Minister Fumio Kishida at the White House "
        "on Friday.(2)Kishida shakes hands with Biden before their meeting in the Oval Office on "
        "Friday.",
        date(2023, 1, 17),
    )
    titles = [f.title for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert titles
    for title in titles:
        assert title.count("Kishida") <= 1 and title.count("Biden") <= 1, title


# Session 9: shapes from a second gathering of held-out texts (service releases, wire
# stories about drills, space news and digests).


def test_an_exercise_named_only_as_what_an_activity_was_part_of_is_read(gazetteer):  # noqa: F811
    """A photo caption "..., during flight operations ..., part of Iron Fist 24, ..." names
    no drill word: it used to stop the whole document's extraction."""
    doc = make_doc(
        "caption",
        "Marines to drill in Japan in Iron Fist exercise\n\nJGSDF pilots fly over USS America "
        "during flight operations with USS Green Bay, part of Iron Fist 24, in the Philippine "
        "Sea, Mar. 9, 2024.\n\nThe III Marine Expeditionary Force and the Japan Ground "
        "Self-Defense Force will drill in Okinawa and Kyushu from Feb.19 – Mar.7 according to "
        "a JGSDF release on Friday.\n\nIron Fist 25 is focused on amphibious operations.",
        date(2025, 1, 24),  # a Friday
    )
    facts = extract_document(doc, gazetteer)
    check_provenance(doc, facts)
    planned = [f for f in facts if f.date_start == "2025-02-19"]
    assert [(f.date_end, "Iron Fist" in f.title) for f in planned] == [("2025-03-07", True)]
    # the release's day is not the drill's
    assert not [f for f in facts if f.date_start == "2025-01-24"]


@pytest.mark.parametrize(
    "text,month,day",
    [("from Feb.19 – Mar.7", 2, 19), ("on Sept.5, 2019", 9, 5), ("Feb. 19 – Mar. 7", 2, 19)],
)
def test_an_abbreviated_month_run_into_its_day(text, month, day):
    (raw,) = scan(text)
    assert (raw.month, raw.day) == (month, day)


def test_the_day_a_plan_was_announced_is_not_the_plans(gazetteer):  # noqa: F811
    doc = make_doc(
        "plan",
        "U.S. Marines and the Japan Ground Self-Defense Force will join for a bilateral "
        "exercise on Japan's southwest islands, Japanese officials announced on Friday.",
        date(2025, 1, 24),
    )
    facts = extract_document(doc, gazetteer)
    assert facts and all(f.date_precision != "day" for f in facts), [
        (f.date_start, f.date_precision) for f in facts
    ]


def test_a_numbered_edition_of_a_series_younger_than_its_number_is_of_that_year(gazetteer):  # noqa: F811
    """Freedom Edge began in June 2024: "Freedom Edge 24-2" in November is no fiscal 2024
    edition held in 2023, and the missile launches it came on the heels of are not its days."""
    text = (
        "Warships from the United States, Japan and South Korea gathered in the East China Sea "
        "on Wednesday to kick off their second large-scale exercise of the year.\n\nFreedom "
        "Edge 24-2 ends on Friday.\n\nThe second iteration of Freedom Edge comes on the heels "
        "of recent North Korean missile launches, including an intercontinental ballistic "
        "missile on Oct. 31 and several short-range missiles on Nov. 5."
    )
    doc = read_document("fe", text, gazetteer, date(2026, 12, 3))
    assert doc.date.year == 2024
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert fact.date_start > "2024-11-05", fact.date_start


@pytest.mark.parametrize(
    "story,expected",
    [
        ("met with Japanese counterparts in Tokyo, Dec. 2, 2024.", date(2024, 12, 2)),
        ("met with Japanese counterparts in Tokyo on 12 February 2024.", date(2024, 2, 12)),
    ],
)
def test_a_numeric_date_line_is_read_the_way_the_story_writes_its_dates(gazetteer, story, expected):  # noqa: F811
    """DVIDS types "12.02.2024" under its headline and "Dec. 2, 2024" in its story."""
    text = (
        "Space Force leaders engage with allies in Japan\n\nYOKOTA AIR BASE, TOKYO, JAPAN\n\n"
        f"12.02.2024\n\nStory by Airman Jane Roe\n\nThe commander {story}"
    )
    assert read_document("dvids", text, gazetteer, date(2026, 12, 3)).date == expected


def test_a_dated_agreement_signed_on_a_weekday_dates_a_yearless_story(gazetteer):  # noqa: F811
    """The Artemis Accords' founding members signed on Tuesday 13 October 2020."""
    text = (
        "Japan joins NASA's space coalition\n\nWASHINGTON\n\nNASA announced on Tuesday that "
        "eight countries have signed an international agreement called the Artemis Accords."
    )
    doc = read_document("accords", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2020, 10, 13), "day")


def test_a_flight_scheduled_no_earlier_than_a_year_is_no_anchor(gazetteer):  # noqa: F811
    text = (
        "The chiefs signed a statement on lunar exploration on Sept. 24, 2019, in Tokyo.\n\n"
        "President Donald Trump's administration has tasked NASA to land humans on the moon. "
        "Artemis I will loop around the moon in a flight scheduled for no earlier than mid-2020.\n\n"
        "NASA Administrator Jim Bridenstine signed a joint statement on lunar exploration on "
        "Sept. 24."
    )
    doc = read_document("lunar", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2019, 9, 24)


@pytest.mark.parametrize(
    "caption,expected",
    [
        # the credit line makes it a caption: an archive picture does not date the story...
        (
            "Wakata talks on a phone after landing in Kazakhstan in May 2014. Credit: NASA/Bill Ingalls",
            None,
        ),
        # ...but with nothing else to go by, its year places the story's yearless days
        ("A sensor sits at Yokota Air Base, Japan, May 10, 2023. Credit: U.S. Air Force photo", date(2023, 5, 17)),
    ],
)
def test_a_pictures_credit_line_marks_its_caption(gazetteer, caption, expected):  # noqa: F811
    story = "announced May 17 it has delivered" if expected else "announced Tuesday it has signed"
    text = f"Payload delivered\n\n{caption}\n\nThe Space Force {story} a payload."
    assert read_document("caption", text, gazetteer, date(2026, 12, 3)).date == expected


def test_a_captions_day_that_is_the_ledes_weekday_dates_the_story(gazetteer):  # noqa: F811
    text = (
        "Foreign ministers of Japan and Australia and U.S. Secretary of State Mike Pompeo attend "
        "their meeting in Tokyo Tuesday, Oct. 6, 2020. (Jane Roe/Pool Photo via AP)\n\n"
        "Foreign ministers gathered in Tokyo on Tuesday for talks.\n\nPompeo is the first senior "
        "US official to visit Japan since Prime Minister Yoshihide Suga took office in September."
    )
    doc = read_document("quad", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2020, 10, 6), "day")


def test_a_kcna_date_line_with_a_period_before_its_year(gazetteer):  # noqa: F811
    text = "March 31. 2014 Juche 103\n\nRodong Sinmun slams the alliance\n\nPyongyang, March 31 (KCNA) -- Text."
    assert read_document("kcna", text, gazetteer, date(2026, 12, 3)).date == date(2014, 3, 31)


def test_a_president_elect_is_of_the_months_before_the_term(gazetteer):  # noqa: F811
    """Ishiba (prime minister from October 2024) and President-elect Trump: 2024, not 2025;
    "hopes to ... before the inauguration in January" is a plan, not the story's month."""
    text = (
        "Prime Minister Shigeru Ishiba speaks to reporters after phone talks with U.S. "
        "President-elect Donald Trump on Thursday.\n\nIshiba plans to meet Trump after visiting "
        "South America in mid-November.\n\nIshiba reportedly hopes to build trust with Trump by "
        "meeting in person before the inauguration in January."
    )
    doc = read_document("elect", text, gazetteer, date(2026, 12, 3))
    assert doc.date.year == 2024, doc.date_note


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "U.S. President Barack Obama assured Prime Minister Shinzo Abe in Tokyo on Thursday "
            "that the treaty covers the Senkaku Islands.\n\nObama spoke at a joint press "
            "conference with Abe following their summit at the State Guest House.",
            date(2014, 4, 24),
        ),
        (
            "President Barack Obama welcomed Japanese Prime Minister Shinzo Abe Tuesday with "
            "full ceremony at the White House.\n\nTrade tops the agenda for their meeting at the "
            "White House.",
            date(2015, 4, 28),
        ),
        (
            "Japanese Prime Minister Shigeru Ishiba and U.S. President Donald Trump held talks "
            "Monday on the sidelines of the Group of Seven leaders' summit in Canada.\n\nThe "
            "meeting was their first since February, when Ishiba flew to Washington to sit down "
            "with Trump.",
            date(2025, 6, 16),
        ),
    ],
    ids=["state-guest-house", "white-house-weekday", "g7-sidelines"],
)
def test_a_summit_told_by_who_met_where_dates_the_story(gazetteer, text, expected):  # noqa: F811
    """The leaders' calendar (forums.yaml) dates a yearless story by who met where."""
    doc = read_document("summit", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (expected, "day"), doc.date_note


def test_a_yearless_day_at_a_summit_venue_settles_the_year(gazetteer):  # noqa: F811
    """"Feb. 10" at Mar-a-Lago with Trump and Abe is 2017's visit, not 2020 (the most recent
    year both held office); the U.S. and Feb. abbreviations do not end the sentence."""
    text = (
        "Trump and Abe retreat to Florida for golf\n\nAs part of a two-day visit that began in "
        "Washington, Abe and Trump jetted to the U.S. president's Mar-a-Lago estate in Florida "
        "together on Feb. 10 aboard Air Force One for more diplomatic talks.\n\nIn a statement "
        "on Feb. 11, the White House said the talks went well. President Donald Trump and Prime "
        "Minister Shinzo Abe played golf."
    )
    doc = read_document("golf", text, gazetteer, date(2026, 12, 3))
    assert doc.date.year == 2017, doc.date_note


def test_a_planned_weekday_and_day_still_settle_the_year(gazetteer):  # noqa: F811
    text = (
        "India will hold the first phase of the Malabar naval exercise with the navies of the "
        "US, Japan and Australia from tomorrow (i.e. Tuesday, November 3) to Friday (November 6) "
        "in the Bay of Bengal.\n\nIn November 2017, India, Japan, the US and Australia gave "
        "shape to the Quad."
    )
    doc = read_document("malabar", text, gazetteer, date(2026, 12, 3))
    assert doc.date.year == 2020, doc.date_note
    (fact,) = extract_document(doc, gazetteer)
    assert (fact.date_start, fact.location) == ("2020-11-03", "Bay of Bengal")


def test_an_agreement_signed_in_a_month_gives_a_digest_its_year(gazetteer):  # noqa: F811
    """A digest with no year: the space framework agreement "signed in January" is 2023's
    (signed 13 January 2023), so its June days are June 2023's."""
    text = (
        "Headlines:\n\n- US-Japan officials meet in Missouri for Extended Deterrence Dialogue\n\n"
        "Details:\n\n- Separately, a bilateral framework for space cooperation signed in January "
        "went into effect on June 27.\n\n- The US and Japan held an Extended Deterrence Dialogue "
        "(EDD) at Whiteman Air Force Base, Missouri on June 26-27."
    )
    doc = read_document("digest", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2023, 6, 27), doc.date_note
    edd = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [(f.date_start, f.date_end) for f in edd] == [("2023-06-26", "2023-06-27")]


def test_japans_space_work_with_another_country_is_no_alliance_fact(gazetteer):  # noqa: F811
    doc = make_doc(
        "lupex",
        "NEW DELHI: India and Japan have formalised a partnership on Chandrayaan-5, a joint "
        "lunar mission. The agreement was signed Saturday by the Indian Space Research "
        "Organisation (ISRO) and the Japan Aerospace Exploration Agency (JAXA).",
        date(2025, 8, 30),
    )
    assert extract_document(doc, gazetteer) == []


@pytest.mark.parametrize(
    "text,future",
    [
        ("On Sunday, Trump will play golf with Abe.", True),
        ("On Sunday, Trump played golf with Abe.", False),
        ("In June, the ministers will meet in Tokyo.", True),
        ("The March visit to the White House would be her first visit.", True),
        ("The July 13 talks were held in Tokyo.", False),
        ('"I look forward to welcoming the Prime Minister on March 19," he wrote.', True),
        # a regular past verb nearer the day than "ahead of" tells it
        ("Consultations ahead of the summit gained momentum as Campbell visited Tokyo from March 20.", False),
    ],
)
def test_a_date_set_before_its_clause_takes_the_clauses_tense(text, future):
    (raw,) = [r for r in scan(text) if r.month or r.weekday is not None or r.relative]
    assert raw.future is future


def test_the_two_leaders_include_the_president_named_sentences_before(gazetteer):  # noqa: F811
    doc = make_doc(
        "state-visit",
        "Tokyo--U.S. President Donald Trump arrived at Haneda on Saturday afternoon.\n\nThe "
        "president also said he will discuss trade and defense issues with Japanese Prime "
        "Minister Shinzo Abe. The two leaders are scheduled to hold summit talks in Tokyo on "
        "Monday.",
        date(2019, 5, 25),  # a Saturday
    )
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert fact.date_start == "2019-05-27"
    assert {"Trump", "Abe"} <= surnames(fact.participants)


def test_a_meeting_planned_in_a_participle_after_a_trip_has_its_own_day(gazetteer):  # noqa: F811
    doc = make_doc(
        "trip",
        "Japanese Defense Minister Shinjiro Koizumi said Friday he will visit the United States "
        "from Monday through Jan. 18, planning to meet with U.S. Defense Secretary Pete Hegseth "
        "in Washington on Thursday local time.",
        date(2026, 1, 9),  # a Friday
    )
    met = [f for f in extract_document(doc, gazetteer) if "Hegseth" in f.title]
    assert [(f.date_start, f.location) for f in met] == [("2026-01-15", "Washington, D.C.")]
    assert {"Koizumi", "Hegseth"} <= surnames(met[0].participants)


def test_a_navy_releases_dateline_in_brackets_dates_the_report_not_the_drill(gazetteer):  # noqa: F811
    doc = make_doc(
        "navy",
        "ASAN, Guam (Oct. 24, 2016) – Units from the U.S. military and Japan Self-Defense Forces "
        "will conduct Exercise Keen Sword 17 beginning Oct. 30. The exercise runs until Nov. 11.",
        date(2016, 10, 24),
    )
    (fact,) = extract_document(doc, gazetteer)
    assert (fact.date_start, fact.date_end) == ("2016-10-30", "2016-11-11")


def test_one_ally_with_a_third_country_at_a_followed_forum_is_no_alliance_fact(gazetteer):  # noqa: F811
    doc = make_doc(
        "lima",
        "Japanese Prime Minister Shigeru Ishiba said Friday that he and Chinese President Xi "
        "Jinping agreed to foster stable relations during their first in-person talks.\n\n"
        "After the Lima meeting, held on the sidelines of this year's Asia-Pacific Economic "
        "Cooperation forum summit, Ishiba also said he told Xi that Japan was concerned.",
        date(2024, 11, 16),
    )
    assert [f.title for f in extract_document(doc, gazetteer) if f.kind == "meeting"] == []


def test_a_units_activation_day_and_an_enlisted_rank_are_not_the_meetings(gazetteer):  # noqa: F811
    doc = make_doc(
        "spoc",
        "While in Japan, Lt. Gen. David N. Miller Jr., SpOC commander, and Chief Master Sgt. "
        "Caleb Lloyd met with members of the Japan Air Self-Defense Force's Space Operations "
        "Group, which was activated in 2022, at Fuchu Air Base.",
        date(2025, 2, 18),
    )
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert fact.date_start.startswith("2025-02"), fact.date_start
    assert fact.participants == ["David N. Miller Jr.", "Caleb Lloyd"]


def test_a_british_spelled_forum_and_its_ordinal_date_the_story(gazetteer):  # noqa: F811
    text = (
        "Lloyd Austin locks in Darwin visit for Trilateral Defence Ministers\u2019 Meeting\n\n"
        "In a historic first, the US Secretary of Defense Lloyd Austin and Japanese Defense "
        "Minister Gen Nakatani will join Defence Minister Richard Marles in Darwin this weekend."
        "\n\nThe gathering signifies the 14th Trilateral Defence Ministers\u2019 Meeting."
    )
    doc = read_document("tdmm", text, gazetteer, date(2026, 12, 3))
    assert doc.date.year == 2024 and "14th edition" in doc.date_note, doc.date_note


def test_a_headlines_infinitive_of_travel_announces_a_plan():
    (raw,) = scan("Astronaut Hoshide to travel to space on Apr. 22")
    assert raw.future


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("The minister will meet his counterparts this weekend.", date(2022, 10, 1), date(2022, 10, 2)),
        ("They met last weekend in Tokyo.", date(2022, 9, 24), date(2022, 9, 25)),
    ],
)
def test_a_weekend_is_the_saturday_and_sunday_of_its_week(text, start, end):
    from bot.kb.dates import find_dates

    (m,) = find_dates(text, date(2022, 9, 30))  # a Friday
    assert (m.date_start, m.date_end) == (start, end)


def test_the_countries_whose_counterparts_meet_are_at_the_table(gazetteer):  # noqa: F811
    """Australia's minister with "his Japanese and United States counterparts": both allies."""
    doc = make_doc(
        "marles",
        "Richard Marles jets to Honolulu for security talks\n\nRichard Marles celebrated a "
        "birthday on his last visit to meet his US counterpart Lloyd Austin.\n\nAustralia's "
        "Defence Minister will fly north again to meet his Japanese and United States "
        "counterparts this weekend, just months after their last trilateral meeting.",
        date(2022, 9, 30),
    )
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert (fact.date_start, fact.date_end) == ("2022-10-01", "2022-10-02")


def test_a_release_photo_credited_on_the_line_below_dates_the_release(gazetteer):  # noqa: F811
    text = (
        "Hegseth Hosts Japanese Counterpart at Pentagon\n\nSecretary of War Pete Hegseth "
        "welcomed Shinjiro Koizumi, Japan's defense minister, to Washington today.\n\nHegseth "
        "and Koizumi stand for the anthems prior to a bilateral meeting at the Pentagon, Jan. 15, "
        "2026.\nCredit: Navy Petty Officer 1st Class Jane Roe"
    )
    doc = read_document("war", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2026, 1, 15), "day"), doc.date_note


@pytest.mark.parametrize(
    "text,year",
    [
        # a ministry's acronym in the title, and the minister's term by month
        ("NASA Administrator Nelson and MEXT Minister Nagaoka signed the agreement during a "
         "virtual meeting on November 18.", 2022),
        # a title naming part of a long post
        ("Science and technology minister Hagiuda Koichi revealed the news to reporters on "
         "Tuesday.", 2021),
    ],
    ids=["mext-minister", "science-and-technology-minister"],
)
def test_a_ministers_shortened_title_still_gives_the_year(gazetteer, text, year):  # noqa: F811
    doc = read_document("minister", text, gazetteer, date(2026, 12, 3))
    assert doc.date.year == year, doc.date_note


def test_a_runs_first_day_is_not_the_ledes_weekday(gazetteer):  # noqa: F811
    """With nothing else to go by, "linked up Friday" and "which began Aug. 26" say nothing of
    the year (Aug. 26 was a Friday in 2022, the Kaga's tour was in 2018): no year is better
    than a wrong one."""
    text = (
        "Japanese helicopter destroyer trains with U.S. aircraft carrier\n\nThe helicopter "
        "carrier Kaga linked up Friday for bilateral exercises with the U.S. Navy's Ronald "
        "Reagan aircraft carrier strike group.\n\nThe dispatch, which began Aug. 26 and will run "
        "through October, includes port calls in India and Sri Lanka."
    )
    doc = read_document("kaga", text, gazetteer, date(2026, 12, 3))
    assert doc.date is None, doc.date_note


def test_a_summit_named_for_one_ally_and_a_third_country_is_not_the_alliances(gazetteer):  # noqa: F811
    doc = make_doc(
        "seoul",
        "South Korean President Yoon Suk-yeol and Japanese Prime Minister Fumio Kishida held "
        "the Korea-Japan summit at the presidential office in Seoul on Sunday.",
        date(2023, 5, 8),
    )
    assert [f.title for f in extract_document(doc, gazetteer) if f.kind == "meeting"] == []


def test_a_partnership_whose_name_holds_an_exercises_is_not_that_exercise(gazetteer):  # noqa: F811
    doc = make_doc(
        "ipmda",
        "The national security advisers of Japan, the Philippines and the United States agreed "
        "to improve maritime domain awareness through the Quad's Indo-Pacific Partnership for "
        "Maritime Domain Awareness.",
        date(2023, 6, 19),
    )
    assert [f.title for f in extract_document(doc, gazetteer) if f.kind == "exercise"] == []


def test_an_undated_story_of_an_edition_under_way_is_dated_to_that_edition(gazetteer):  # noqa: F811
    """Weeks after the last day it recalls, a story naming the edition's weekday ("ends on
    Friday") is of that edition: its other weekday ("on Wednesday") is the edition's first
    day, not the Wednesday after the missiles it recalls."""
    text = (
        "Warships of the United States, Japan and South Korea gathered in the East China Sea on "
        "Wednesday to start their second large-scale exercise of the year.\n\nFreedom Edge 24-2 "
        "ends on Friday, according to a news release from South Korea's Joint Chiefs of "
        "Staff.\n\nThe exercise follows North Korean missile launches on Oct. 31 and Nov. 5."
    )
    doc = read_document("edge", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2024, 11, 13), "day"), doc.date_note
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert (f.date_start, f.date_end) == ("2024-11-13", "2024-11-15")


def test_an_exercise_named_by_its_shape_is_the_alliances_only_with_an_ally_in_it(gazetteer):  # noqa: F811
    doc = make_doc(
        "joint-sea",
        "China and Russia launched joint naval drills near Vladivostok on Sunday. The operation "
        "follows the Northern/Interaction-2024 exercises of the PLA Navy and the Russian Navy, "
        "which took place in the Sea of Japan.",
        date(2025, 8, 3),
    )
    assert [f.title for f in extract_document(doc, gazetteer)] == []


@pytest.mark.parametrize(
    "case,text",
    [
        ("a run's first day", "A spokesman in a statement Thursday accused the U.S. and Japan of "
         "staging an air-defense drill from Feb. 16. The drill will last until Feb. 23."),
        ("the day of an event the news followed", "Fighter jets of Japan and the United States "
         "held joint drills around Okinawa on Tuesday. This came hot on the heels of joint aerial "
         "drills held on Aug. 4."),
    ],
)
def test_a_ledes_weekday_is_not_paired_with_a_day_of_another_event(gazetteer, case, text):  # noqa: F811
    """With nothing else to go by the lede's weekday is not that day's: the story stays
    undated rather than dated to a year the weekday alone picks."""
    doc = read_document("lede", text, gazetteer, date(2026, 12, 3))
    assert doc.date is None, doc.date_note


def test_the_month_an_office_holder_took_office_gives_the_year(gazetteer):  # noqa: F811
    """Hamada was Minister of Defense from August 2022 to September 2023: "since Hamada
    assumed his role in August" is of 2022, not the most recent year his term allows."""
    text = (
        "Defense Minister Hamada visited Washington on September 14 and met Defense Secretary "
        "Austin. It was their first in-person meeting since Hamada assumed his role in August."
    )
    doc = read_document("hamada", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2022, 9, 14), doc.date_note
    assert "took office in August 2022" in doc.date_note


def test_a_calendar_meeting_today_in_a_story_known_to_its_year_takes_the_calendars_day(gazetteer):  # noqa: F811
    text = (
        "Today Secretary of State Rex Tillerson and Defense Secretary James Mattis are hosting "
        "Foreign Minister Taro Kono and Defense Minister Itsunori Onodera of Japan for a "
        "Security Consultative Committee meeting. This is the first SCC since April 2015."
    )
    doc = read_document("scc", text, gazetteer, date(2026, 12, 3))
    assert (doc.date.year, doc.date_precision) == (2017, "year"), doc.date_note
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert (f.date_start, f.date_precision) == ("2017-08-17", "day")
    assert "alliance calendar" in f.summary


@pytest.mark.parametrize(
    "text,year",
    [
        ("The Malabar naval exercise involving Indian, American and Japanese navies will begin next "
         "week off the coast of Guam.\n\nThe war game would take place from 7 to 15 June.", 2018),
        ("Japanese troops trained with U.S. Marines at Camp Pendleton in Iron Fist, which ran from "
         "Jan. 17 to Feb. 21.", 2020),
    ],
)
def test_an_undated_story_is_placed_in_the_edition_its_days_fit(gazetteer, text, year):  # noqa: F811
    """The alliance calendar reaches back to 2014: an edition's days, written without a
    year, give the story its year."""
    doc = read_document("edition", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == year, doc.date_note


def test_a_crew_rotation_with_a_jaxa_astronaut_dates_an_undated_story(gazetteer):  # noqa: F811
    doc = read_document(
        "crew", "Crew-10 launched on Friday from Florida with JAXA astronaut Takuya Onishi and two "
        "NASA astronauts aboard.", gazetteer, date(2026, 12, 3),
    )
    assert doc.date == date(2025, 3, 14), doc.date_note
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert f.date_start == "2025-03-14"


@pytest.mark.parametrize(
    "text,start",
    [
        ("Valiant Shield, scheduled from June 7 to 18, involved more than 10,000 personnel.", "2024-06-07"),
        ("Valiant Shield, scheduled from June 7 to 18, will involve more than 10,000 personnel.", "2025-06-07"),
    ],
)
def test_a_schedule_set_off_by_commas_takes_the_main_verbs_tense(text, start):
    from bot.kb.dates import find_dates

    (m,) = find_dates(text, date(2024, 7, 1))
    assert m.date_start.isoformat() == start


def test_the_dated_event_of_the_storys_own_day_outweighs_the_days_it_recalls(gazetteer):  # noqa: F811
    text = (
        "Earlier in the day, Secretary of State Antony Blinken and Hayashi signed the framework "
        "agreement between the government of Japan and the government of the United States for "
        "cooperation in space exploration.\n\nOn November 16, NASA launched Artemis 1, the first of "
        "its lunar missions, with JAXA CubeSats on board."
    )
    doc = read_document("framework", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2023, 1, 13), doc.date_note
    dates = {f.title.split(":")[0]: f.date_start for f in extract_document(doc, gazetteer)}
    assert dates["Japan-U.S. Space Framework Agreement"] == "2023-01-13"
    assert dates["Artemis I"] == "2022-11-16"


def test_a_forum_named_by_its_acronym_in_parentheses_months_after_the_day_recalled(gazetteer):  # noqa: F811
    """The weekday after "(DICAS)," is the forum's; a story whose latest day is "in April"
    is of the calendar's edition in the months after it."""
    text = (
        "The talks, called the Defense Industrial Cooperation, Acquisition, and Sustainment Forum "
        "(DICAS), kicked off its first meeting on Sunday in Tokyo. The forum was established "
        "based on an agreement between Prime Minister Fumio Kishida and President Joe Biden "
        "during their meeting in April."
    )
    doc = read_document("dicas", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2024, 6, 9), "day"), doc.date_note


def test_a_caption_showing_a_dated_launch_on_its_day_dates_the_story_and_the_fact(gazetteer):  # noqa: F811
    text = (
        "Crew-5 liftoff\n"
        "SpaceX's Falcon 9 rocket and Dragon spacecraft lift off from Launch Pad 39A at Kennedy "
        "Space Center in Florida on Oct. 5, 2022, for the Crew-5 mission. Photo credit: NASA\n\n"
        "It was a picture-perfect launch as NASA astronauts and JAXA astronaut Koichi Wakata "
        "blasted off from Kennedy Space Center on NASA's SpaceX Crew-5 mission."
    )
    doc = read_document("crew5", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2022, 10, 5), doc.date_note
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert (f.date_start, f.date_precision) == ("2022-10-05", "day")


def test_an_approximation_before_a_number_ends_no_sentence(gazetteer):  # noqa: F811
    doc = make_doc(
        "readout",
        "Minister of Defense Inada and U.S. Secretary of Defense James Mattis had a defense "
        "ministerial meeting at the MOD for approx. 85 minutes from 9:15am on February 4th.",
        date(2017, 2, 6),
    )
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert (f.date_start, set(f.participants)) == ("2017-02-04", {"Tomomi Inada", "Jim Mattis"})


def test_a_number_between_a_name_and_a_month_day_is_the_names():
    """ "Rising Thunder 18 Sept. 14" is September 14 (AP style), not 18 September."""
    from bot.kb.dates import find_dates

    (m,) = find_dates("the conclusion of Exercise Rising Thunder 18 Sept. 14.", date(2018, 9, 17))
    assert (m.text, m.date_start) == ("Sept. 14", date(2018, 9, 14))
    (m,) = find_dates("It ended 18 Sept. 2014.", date(2018, 9, 17))
    assert m.date_start == date(2014, 9, 18)


@pytest.mark.parametrize(
    "text,kept",
    [
        ("Combined Forces Command and U.S. Forces Korea began the Ulchi Freedom Shield exercise "
         "Monday, August 22, 2022, to strengthen the ROK-U.S. combined defense posture.", False),
        ("U.S. Forces Korea and the Japan Ground Self-Defense Force joined the Ulchi Freedom Shield "
         "exercise Monday, August 22, 2022.", True),
        ("Philippine and American troops began the Balikatan exercise on April 11, 2023.", True),
    ],
)
def test_a_series_another_country_hosts_is_the_alliances_only_with_both_allies(gazetteer, text, kept):  # noqa: F811
    """Ulchi Freedom Shield is South Korea's with the United States: by its name alone it is
    no alliance fact ("U.S. Forces Korea" is an American force, not a Japanese one); Balikatan's
    gazetteer entry says Japan takes part."""
    doc = make_doc("series", text, date(2023, 4, 12) if "Balikatan" in text else date(2022, 8, 23))
    assert bool([f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]) is kept


def test_a_call_told_as_speaking_with_someone_by_phone(gazetteer):  # noqa: F811
    doc = make_doc(
        "call", "Prime Minister Yoshihide Suga is expected to speak with US President Donald Trump by phone on Sunday, "
        "Japanese media said on Friday.", date(2020, 9, 19),
    )
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert (f.date_start, set(f.participants)) == ("2020-09-20", {"Yoshihide Suga", "Donald Trump"})


def test_a_calendar_meeting_recalled_as_last_month_gives_the_storys_month(gazetteer):  # noqa: F811
    text = (
        "Last month, the top diplomatic and defense officials from Japan and the United States met "
        "in a U.S.-Japan Security Consultative Committee (2+2) meeting. Foreign Minister Motegi "
        "Toshimitsu and Defense Minister Kishi Nobuo met with Secretary of State Antony Blinken and "
        "Secretary of Defense Lloyd J. Austin III. The meeting came right "
        "after the Quad leaders' video conference held on March 12."
    )
    doc = read_document("diplomat", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2021, 4, 1), "month"), doc.date_note


@pytest.mark.parametrize(
    "text,start",
    [
        ("Prime Minister Shigeru Ishiba hopes to meet President-elect Donald Trump in person "
         "before the inauguration in January.", None),
        ("Mr Trump welcomed Prime Minister Shinzo Abe to Trump Tower in Manhattan shortly before 5pm "
         "on Thursday.", "2016-11-17"),
    ],
)
def test_a_day_bounding_the_event_is_not_its_day(gazetteer, text, start):  # noqa: F811
    """ "before the inauguration in January" bounds the meeting; "before 5pm on Thursday" is its time."""
    doc = make_doc("before", text, date(2016, 11, 18) if "Abe" in text else date(2024, 11, 8))
    dates = [f.date_start for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert all(d is None or not d.startswith(("2024-01", "2025-01")) for d in dates), dates
    if start:
        assert start in dates


def test_a_partial_calendar_gives_a_year_from_an_editions_days_and_picks_nothing_else(gazetteer):  # noqa: F811
    """The Maritime Cooperative Activities are held several times a year and the gazetteer
    lists some: "Sept. 11-13" is the listed 2025 one's days and gives the story its year,
    but "in September" of a 2025 story is not that edition."""
    text = (
        "SOUTH CHINA SEA - The armed forces of Japan, the Philippines and the United States "
        "conducted a Multilateral Maritime Cooperative Activity within the Philippines' Exclusive "
        "Economic Zone, Sept. 11-13."
    )
    doc = read_document("mca", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2025, doc.date_note
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert (f.date_start, f.date_end) == ("2025-09-11", "2025-09-13")
    later = make_doc("mca2", "Japan, the Philippines and the United States held a Multilateral "
                     "Maritime Cooperative Activity in September.", date(2025, 10, 2))
    (f,) = [f for f in extract_document(later, gazetteer) if f.kind == "exercise"]
    assert f.date_precision == "month"


def test_a_host_nation_is_no_host(gazetteer):  # noqa: F811
    text = (
        "The 18th Operations Group partnered with the Japan Air Self-Defense Force to complete "
        "Exercise Southern Beach, Oct. 25-29. The exercise enhances interoperability between U.S. "
        "Forces and host nation partners."
    )
    doc = read_document("beach", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2021, doc.date_note


def test_a_launch_reported_days_later_takes_the_gazetteers_launch_day(gazetteer):  # noqa: F811
    doc = make_doc(
        "astro-h", "JAXA and NASA announced that the ASTRO-H satellite, carrying a NASA X-ray "
        "spectrometer, was launched successfully from the Tanegashima Space Center on an H-IIA rocket.",
        date(2016, 2, 22),
    )
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert (f.date_start, f.date_precision) == ("2016-02-17", "day")
    assert "Dated from the gazetteer" in f.summary


def test_a_sentence_of_another_day_adds_no_one_to_the_meeting_before_it(gazetteer):  # noqa: F811
    doc = make_doc(
        "digest",
        "The U.S. Space Force and the JASDF held their first space discussions in Tokyo on "
        "September 7. Two days later North Korean state media reported a new law, with leader Kim "
        "Jong Un declaring the country's nuclear status irreversible.",
        date(2022, 9, 20),
    )
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert "Kim Jong Un" not in f.participants


def test_the_month_a_term_began_is_not_the_storys_nor_the_events(gazetteer):  # noqa: F811
    """ "Kishida, who became prime minister in October" gives the year (2021) and is no day of
    the story: Foreign Minister Hayashi (from November 2021) is not set aside for it."""
    text = (
        "TOKYO (Kyodo) -- Japan's new Foreign Minister Yoshimasa Hayashi and U.S. Secretary of "
        "State Antony Blinken agreed Saturday in phone talks to realize an early visit to the "
        "United States by Prime Minister Fumio Kishida.\n\nKishida, who became prime minister in "
        "October, could visit the United States before the end of the year."
    )
    doc = read_document("hayashi", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2021, doc.date_note
    for f in extract_document(doc, gazetteer):
        assert not (f.date_start or "").startswith("2021-10"), f


def test_the_quad_foreign_ministers_calendar_picks_the_years_meeting_by_its_place(gazetteer):  # noqa: F811
    """Two Quad foreign ministers' meetings were held in 2023; "in New Delhi" tells which."""
    text = (
        "Secretary of State Antony Blinken, Foreign Minister Yoshimasa Hayashi, Foreign Minister "
        "Penny Wong and External Affairs Minister S. Jaishankar held the Quad Foreign Ministers' "
        "Meeting in New Delhi."
    )
    doc = make_doc("quad", text, date(2023, 1, 1))
    doc.date_precision, doc.date_inferred = "year", True
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert (f.date_start, f.date_precision) == ("2023-03-03", "day")


def test_a_numeric_date_line_is_read_the_way_the_dateline_writes_it(gazetteer):  # noqa: F811
    text = (
        "Analyst on the U.S.-Japan alliance\nDate: 01/08/2025 | Source: KCNA.kp (En)\n\n"
        "Pyongyang, August 1 (KCNA) -- An analyst issued an article on the alliance."
    )
    doc = read_document("kcna", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2025, 8, 1), doc.date_note


def test_today_with_its_day_in_brackets_is_the_storys_day(gazetteer):  # noqa: F811
    text = (
        "Japan's new HTV-X cargo spacecraft will depart the International Space Station today "
        "(March 6) after a four-month stay.\n\nOn Oct. 28, HTV-X1 reached the station, where NASA "
        "astronaut Zena Cardman grappled it. NASA said in an update on Monday (March 2) that the "
        "craft is ready."
    )
    doc = read_document("htvx", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2026, 3, 6), doc.date_note


def test_a_predecessor_named_by_whose_he_was_is_not_at_the_meeting(gazetteer):  # noqa: F811
    doc = make_doc(
        "predecessor", "President Donald Trump's predecessor Joe Biden organized the first-ever "
        "summit of Japan, the Philippines and the United States in April 2024.", date(2025, 7, 11),
    )
    people = {p for f in extract_document(doc, gazetteer) for p in f.participants}
    assert "Donald Trump" not in people


def test_a_numbered_edition_outweighs_a_day_that_fits_many_editions(gazetteer):  # noqa: F811
    """ "July 1" fits five RIMPAC editions; "Valiant Shield 2026" names one year."""
    text = (
        "Japan is using overseas exercises like Valiant Shield and RIMPAC to test new weapons.\n\n"
        "The conclusion of the U.S.-led 'Valiant Shield 2026' exercise on July 1 marks a milestone "
        "for Japan's Self-Defense Forces."
    )
    doc = read_document("vs26", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2026, doc.date_note


def test_the_multilateral_summit_calendar_dates_a_sideline_meeting(gazetteer):  # noqa: F811
    doc = make_doc(
        "apec", "President Joe Biden and Prime Minister Fumio Kishida met on the sidelines of the "
        "APEC summit in San Francisco.", date(2023, 1, 1),
    )
    doc.date_precision, doc.date_inferred = "year", True
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert (f.date_start, f.date_end) == ("2023-11-16", "2023-11-17")
    text = ("Prime Minister Fumio Kishida met President Joe Biden on May 20 during the G7 summit in "
            "Hiroshima.")
    doc = read_document("g7", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2023, 5, 20), doc.date_note


def test_a_later_stage_of_a_dated_launch_keeps_its_own_day(gazetteer):  # noqa: F811
    doc = make_doc(
        "capture", "JAXA astronaut Kimiya Yui and NASA astronaut Zena Cardman captured the HTV-X1 "
        "cargo craft with the station's robotic arm after its launch on an H3 rocket.",
        date(2025, 10, 30),
    )
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert f.date_start == "2025-10-30"


def test_a_meeting_of_office_holders_named_by_office_and_country(gazetteer):  # noqa: F811
    doc = make_doc(
        "statement", "We, the Secretary of State of the United States, and the Foreign Ministers of "
        "Australia, India, and Japan met in Washington, D.C., on July 1, 2025, to reaffirm our "
        "commitment to a free and open Indo-Pacific.", date(2025, 7, 2),
    )
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert (f.date_start, f.location) == ("2025-07-01", "Washington, D.C.")
    assert {"United States", "Japan"} <= set(f.countries)


def test_a_sentence_saying_when_the_activity_took_place_dates_it(gazetteer):  # noqa: F811
    doc = make_doc(
        "mca", "The Japan Maritime Self-Defense Force, the Philippine Navy and the U.S. Navy conducted "
        "a Multilateral Maritime Cooperative Activity in the West Philippine Sea. The activity "
        "took place on November 14, 2025.", date(2025, 11, 18),
    )
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert (f.date_start, f.date_precision) == ("2025-11-14", "day")


def test_an_editions_whole_run_tells_it_from_one_that_began_the_same_day(gazetteer):  # noqa: F811
    """RIMPAC 2018 and 2024 both began on 27 June; "from June 27 to Aug. 2" is 2018's run."""
    text = (
        "Japan and the United States will conduct joint drills during the Rim of the Pacific "
        "(RIMPAC) exercises in Hawaii from June 27 to Aug. 2, the Self-Defense Forces said."
    )
    doc = read_document("rimpac", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2018, doc.date_note


def test_a_year_a_series_has_run_since_is_not_the_storys_edition(gazetteer):  # noqa: F811
    """ "Part of RIMPAC since 2014, but not invited this year": 2014 is an earlier edition,
    though the sentence speaks of this year."""
    text = (
        "Japan and the United States will conduct joint drills during the Rim of the Pacific "
        "(RIMPAC) exercises in Hawaii from late June.\n\nChina has been part of RIMPAC since "
        "2014, but the country was not invited to join this year's event."
    )
    doc = read_document("rimpac", text, gazetteer, date(2026, 12, 3))
    assert doc.date is None or doc.date.year > 2014, doc.date_note


def test_counterparts_named_by_surname_alone_are_read_and_date_the_story(gazetteer):  # noqa: F811
    """A wire story kept without its headline names the two defense chiefs by surname only:
    one Japanese and one American in office together is who they are, and when; the
    president whose administration is named for its own doing is not at the table."""
    text = (
        "Meeting in Singapore, Nakatani and Hegseth confirmed that they will work together in "
        "aligning strategic priorities, as the administration of US President Donald Trump "
        "prepares a new National Defense Strategy.\n\nIn their meeting, Nakatani explained to "
        "Hegseth that parliament recently passed a law on active cyberdefense."
    )
    doc = read_document("jiji", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2025, doc.date_note
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert surnames(f.participants) == {"Nakatani", "Hegseth"}


def test_surnames_joined_without_counterparts_in_office_together_stay_unread(gazetteer):  # noqa: F811
    """Inada and Hegseth never held office at the same time: no pair, no guess."""
    text = "Meeting in Singapore, Inada and Hegseth confirmed that they will work together."
    doc = make_doc("x", text, date(2025, 6, 1))
    assert not [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]


def test_the_first_resolute_force_pacific_dates_a_yearless_protest(gazetteer):  # noqa: F811
    """REFORPAC's first edition, 9 July-4 August 2025 for Japan's part, is the only one."""
    text = (
        "The Russian ministry said the protest concerns the exercises Resolute Force Pacific, "
        "held from July 9 to August 4 near Russia's borders by the United States and Japan."
    )
    doc = read_document("reforpac", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2025, doc.date_note


def test_the_armed_forces_named_before_exercises_are_no_exercises_name(gazetteer):  # noqa: F811
    text = (
        "Russia protested the large-scale US Armed Forces exercises Resolute Force Pacific, held "
        "from July 9 to August 4 with the Air Self-Defense Force at bases in Japan."
    )
    (f,) = extract_document(make_doc("x", text, date(2025, 7, 17)), gazetteer)
    assert f.title.startswith("Resolute Force Pacific exercise"), f.title


def test_a_call_a_day_after_taking_office_is_from_the_terms_first_year(gazetteer):  # noqa: F811
    """Ishiba and Biden were in office together in 2024 and 2025; a first call "just a day
    after taking office" is from the start of Ishiba's term, October 2024."""
    text = (
        "Japan's new Prime Minister Ishiba Shigeru had his first phone conversation with US "
        "President Joe Biden just a day after taking office.\n\nThe call took place on "
        "Wednesday morning, Japan time."
    )
    doc = read_document("nhk", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2024, doc.date_note
    assert "2024 also" not in doc.date_note
    # ...and on the first Wednesday of the term (it began on Tuesday 1 October 2024)
    assert (doc.date, doc.date_precision) == (date(2024, 10, 2), "day"), doc.date_note


def test_a_list_of_drills_is_named_for_the_first_one_japan_is_labelled_in(gazetteer):  # noqa: F811
    text = (
        "The US, Japan, and the ROK have been conducting exercises intensively, including the "
        "US-ROK Ulchi Freedom Shield military exercise and the US-Japan Resolute Dragon 25 "
        "military exercise."
    )
    (f,) = extract_document(make_doc("x", text, date(2025, 10, 1)), gazetteer)
    assert f.title.startswith("Resolute Dragon"), f.title


def test_washingtons_weekday_may_be_the_day_before_tokyos_date(gazetteer):  # noqa: F811
    """ "early on Jan. 28 Japan time" and "the White House said Wednesday local time": the
    Wednesday is 27 January, not the next week's; a call is held nowhere, whatever sea the
    sentence names; whose adviser Sullivan is does not put Biden on the line."""
    text = (
        "Japanese Prime Minister Yoshihide Suga spoke with new U.S. President Joe Biden for the "
        "first time by phone early on Jan. 28 Japan time.\n\nNEW YORK/TOKYO -- President Joe "
        "Biden expressed the United States' resolute dedication to Japan's defense, including "
        "that of the Senkaku Islands in the East China Sea, in a phone call with Prime Minister "
        "Yoshihide Suga, the White House said Wednesday local time.\n\nBiden's National "
        "Security Adviser Jake Sullivan also confirmed to his Japanese counterpart Shigeru "
        "Kitamura in a Jan. 21 phone call that Washington would stand by Tokyo."
    )
    doc = read_document("nikkei", text, gazetteer, date(2026, 12, 3))
    facts = extract_document(doc, gazetteer)
    days = sorted(f.date_start for f in facts)
    assert days == ["2021-01-21", "2021-01-27", "2021-01-28"], [(f.date_start, f.title) for f in facts]
    assert all(f.location is None for f in facts), [f.location for f in facts]
    (adviser,) = [f for f in facts if f.date_start == "2021-01-21"]
    assert surnames(adviser.participants) == {"Sullivan", "Kitamura"}


def test_an_acting_secretary_named_by_title_and_surname_is_the_gazetteers(gazetteer):  # noqa: F811
    text = (
        "Defense Minister Nobuo Kishi held a telephone meeting with Acting Secretary of Defense "
        "Miller on Saturday."
    )
    (f,) = extract_document(make_doc("x", text, date(2020, 11, 14)), gazetteer)
    assert "Christopher Miller" in f.participants, f.participants


def test_cope_north_25_ran_from_3_to_21_february(gazetteer):  # noqa: F811
    text = (
        "Aircraft from Japan, the US and Australia flew together in Cope North 25, held in "
        "February at Andersen Air Force Base in Guam."
    )
    facts = extract_document(make_doc("x", text, date(2025, 3, 1)), gazetteer)
    assert [(f.date_start, f.date_end) for f in facts] == [("2025-02-03", "2025-02-21")]


def test_a_jaxa_release_of_a_splashdown_is_dated_to_the_gazetteers_day(gazetteer):  # noqa: F811
    """JAXA dates its release in Japan time, the morning after the splashdown in Florida; the
    fact takes the splashdown's day, as the gazetteer keeps launches and returns."""
    text = (
        "Return of Crew Dragon Spacecraft (Crew-2)\n\nNovember 9, 2021 (JST)\n\nThe Crew Dragon "
        "spacecraft (Crew-2) has safely returned to Earth with JAXA Astronaut HOSHIDE Akihiko "
        "aboard, who completed his long-duration mission on the International Space Station."
    )
    doc = read_document("jaxa", text, gazetteer, date(2026, 12, 3))
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert (f.date_start, f.date_precision) == ("2021-11-08", "day"), f.summary
    assert "returned 8 November 2021" in f.summary


def test_a_term_the_gazetteer_starts_with_a_bare_year_gives_no_month(gazetteer):  # noqa: F811
    """Marcos's term is kept as "(2022-)": January 2022 would be a guess, so the first call
    after his inauguration stays dated to its year."""
    text = (
        "Prime Minister Fumio Kishida held his first phone call with President Ferdinand Marcos "
        "since his inauguration."
    )
    doc = read_document("call", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2022, 1, 1), "year"), doc.date_note


@pytest.mark.parametrize(
    "text,day",
    [
        ("Prime Minister Sanae Takaichi held her first phone call with U.S. President Donald Trump "
         "late Saturday.\n\nTakaichi, who took office last Tuesday, spoke to Trump for about 10 "
         "minutes.", date(2025, 10, 25)),
        ("New US Secretary of Defense Pete Hegseth and his Japanese counterpart Gen Nakatani agreed "
         "in their first phone call Friday to continue efforts to strengthen the alliance.\n\n"
         "Hegseth was sworn in last weekend.", date(2025, 1, 31)),
        ("TOKYO (Reuters) - Japanese Prime Minister Yoshihide Suga and U.S. President Donald Trump "
         "discussed the alliance in phone talks on Sunday, their first since Suga took over as "
         "Japan's new leader.", date(2020, 9, 20)),
    ],
    ids=["took office last Tuesday", "sworn in last weekend", "first since he took over"],
)
def test_a_term_begun_days_ago_dates_the_story_to_its_weekday_in_the_first_week(gazetteer, text, day):  # noqa: F811
    """The gazetteer writes the day each term began (Takaichi: Tuesday 21 October 2025;
    Hegseth: Saturday 25 January 2025; Suga: Wednesday 16 September 2020): the call's
    weekday is the first such day from it."""
    doc = read_document("call", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (day, "day"), doc.date_note


def test_a_deputys_title_dates_by_the_deputys_post_and_a_day_first_dateline(gazetteer):  # noqa: F811
    """ "U.S. Deputy Secretary of State Christopher Landau" holds a deputy's post since 2025:
    that post, not a Secretary's, dates the story; "Tokyo, 18 May, /AJMEDIA/" is its
    dateline, so "on Friday" is the 16th before it."""
    text = (
        "Tokyo, 18 May, /AJMEDIA/\n\nTakehiro Funakoshi, Japan's vice foreign minister, held "
        "his first face-to-face meeting with U.S. Deputy Secretary of State Christopher Landau "
        "in Washington on Friday."
    )
    doc = read_document("aj", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2025, 5, 18), "day"), doc.date_note
    (f,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert f.date_start == "2025-05-16"


def test_an_acting_secretarys_months_in_office_settle_the_year(gazetteer):  # noqa: F811
    """Christopher Miller was Acting Secretary of Defense from November 2020 to January 2021:
    a November 14 is 2020's."""
    text = (
        "The news network reported on November 14 that Japanese Defense Minister Nobuo Kishi "
        "held a telephone meeting with US Acting Secretary of Defense Miller."
    )
    doc = read_document("ref", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2020, 11, 14), "day"), doc.date_note


def test_talks_looked_forward_to_at_a_summit_do_not_date_the_story_by_it(gazetteer):  # noqa: F811
    """ "We are looking forward to having talks on the sidelines of the G7 summit meeting in
    Canada": the summit lies ahead of the story, which is not of its day."""
    text = (
        "Prime Minister Ishiba said he had a summit telephone talk with President Trump.\n\n"
        "We each said we are looking forward to having talks on the sidelines of the G7 summit "
        "meeting in Canada, Ishiba said."
    )
    doc = read_document("pc", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2025, doc.date_note
    assert doc.date_precision == "year", doc.date_note


def test_a_second_term_still_running_is_dated_from_its_own_first_year(gazetteer):  # noqa: F811
    """President Trump's term still running began in 2025: his name alone gives 2025 at the
    latest (or his first term), not 2017 alone."""
    text = (
        "The U.S. Air Force and the Japan Air Self-Defense Force conducted a bilateral exercise "
        "on May 9, weeks after President Donald Trump questioned the security treaty."
    )
    doc = read_document("nw", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2025, 5, 9), doc.date_note


def test_an_initials_period_does_not_end_a_first_call_since_the_inauguration(gazetteer):  # noqa: F811
    text = (
        "Prime Minister Fumio Kishida held his first phone call with U.S. President Joe Biden "
        "since his inauguration."
    )
    doc = read_document("call", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2021, 10, 1), "month"), doc.date_note


def test_the_prefecture_of_a_place_is_where_the_drills_are(gazetteer):  # noqa: F811
    text = (
        "Japan's Ground Self-Defense Force and the U.S. Marine Corps held an opening ceremony on "
        "Sunday for their joint exercises in the northernmost Japan prefecture of Hokkaido."
    )
    (f,) = extract_document(make_doc("x", text, date(2020, 1, 26)), gazetteer)
    assert f.location == "Hokkaido", f.location


@pytest.mark.parametrize(
    "lede",
    [
        "Japan's new Prime Minister Fumio Kishida has held his first talks since taking office "
        "with President Joe Biden.",
        "Prime Minister Fumio Kishida, sworn in Monday, held talks with President Joe Biden.",
    ],
)
def test_first_talks_since_taking_office_are_from_the_month_the_term_began(gazetteer, lede):  # noqa: F811
    """Kishida and Biden overlap in 2021-2024, Morrison in 2021-2022: "his first talks since
    taking office" (no "his" before "taking office"), "sworn in Monday" (no "on") are news
    from the month Kishida's term began, not the most recent year the names allow."""
    text = f"Kishida, Biden agree to cooperate\n\nTOKYO (AP) — {lede} Kishida also spoke online with Australian Prime Minister Scott Morrison."
    doc = read_document("talks", text, gazetteer, date(2026, 12, 3))
    if "Monday" in lede:  # the term began on Monday 4 October 2021: its first Monday
        assert (doc.date, doc.date_precision) == (date(2021, 10, 4), "day"), doc.date_note
    else:
        assert (doc.date, doc.date_precision) == (date(2021, 10, 1), "month"), doc.date_note


def test_leaders_who_signed_on_the_sidelines_in_a_city_met_there(gazetteer):  # noqa: F811
    """Trump and Abe, with Motegi as foreign minister (September 2019 to September 2020),
    "signed a statement Wednesday" in New York "on the sidelines of the U.N. General
    Assembly": the summit the calendar holds there, not the most recent year allowed."""
    text = (
        "Trump and Abe sign trade deal\n\nNEW YORK -- U.S. President Donald Trump and Japanese "
        "Prime Minister Shinzo Abe signed a statement Wednesday confirming a trade deal.\n\n"
        "The deal was signed on the sidelines of the U.N. General Assembly in New York.\n\n"
        "Foreign Minister Toshimitsu Motegi told reporters in the afternoon that the deal was fair."
    )
    doc = read_document("deal", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2019, 9, 25), doc.date_note


def test_a_weekday_before_a_written_day_that_is_a_calendar_meetings_stays_before_it(gazetteer):  # noqa: F811
    """A story dated by the latest day it writes (January 13, a Friday, the day of a White
    House summit) that says an assurance "was expanded Wednesday": that Wednesday is the
    11th, not the 18th (only a story dated by the meeting itself is written after it)."""
    text = (
        "US, Japan sign space deal\n\nThe US and Japan signed an agreement Friday to expand "
        "space cooperation.\n\nThe signing ceremony at NASA headquarters in Washington was "
        "attended by Japanese Prime Minister Fumio Kishida, Japanese Foreign Minister Yoshimasa "
        "Hayashi and US Secretary of State Antony Blinken.\n\n— NASA (@NASA) January 13, 2023\n\n"
        "Prime Minister Kishida also met President Joe Biden at the White House.\n\n"
        "The US defense assurance to Japan was expanded Wednesday to include attacks in space, "
        "after a meeting of the Security Consultative Committee."
    )
    doc = read_document("deal", text, gazetteer, date(2026, 12, 3))
    facts = extract_document(doc, gazetteer)
    scc = [f for f in facts if "Security Consultative" in f.title]
    assert [f.date_start for f in scc] == ["2023-01-11"], [(f.title, f.date_start) for f in facts]


def test_kishida_as_defense_minister_is_the_summer_of_2017(gazetteer):  # noqa: F811
    """Kishida doubled as defense minister for a week after Inada resigned (July-August
    2017): "Defense Minister Fumio Kishida" alone dates a story to 2017, not to the years he
    was foreign minister or prime minister."""
    text = (
        "Japan, US fly joint drill\n\nTwo Japanese fighter jets and two US bombers conducted a "
        "joint exercise off the Korean Peninsula on Sunday, Japanese Defense Minister Fumio "
        "Kishida said."
    )
    doc = read_document("drill", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2017, doc.date_note



def test_a_chronology_line_in_new_york_is_no_summit_of_leaders_named_lines_away(gazetteer):  # noqa: F811
    """A chronology whose lines lost their days: Kono's statement "at the UN Security Council
    meeting in New York" is no Abe-Trump summit in New York (25 September 2019) because Abe
    and Trump are named in other lines; the leaders named with the venue are."""
    from bot.kb.editions import meeting_day

    lines = (
        ": FM Kono speaks on North Korea at the UN Security Council meeting in New York.\n\n"
        ": President Trump puts North Korea back on the list of state sponsors of terrorism.\n\n"
        ": PM Shinzo Abe says Japan supports the decision.\n"
    )
    assert meeting_day(lines, gazetteer, {2019}, date(2026, 12, 3)) is None
    met = (
        ": Prime Minister Shinzo Abe and President Donald Trump held talks on the sidelines of "
        "the U.N. General Assembly in New York.\n"
    )
    assert meeting_day(met, gazetteer, {2019}, date(2026, 12, 3))[0] == date(2019, 9, 25)




def test_the_day_a_term_began_is_no_day_of_the_story(gazetteer):  # noqa: F811
    """ "Esper, who took office on July 23": the day his term began (2019, the gazetteer
    says), a clue to the year, not the latest day the story tells."""
    text = (
        "Iwaya to meet Esper\n\nDefense Minister Takeshi Iwaya said Friday he will hold talks "
        "with U.S. counterpart Mark Esper next week in Japan.\n\nEsper, who took office on July "
        "23, will visit Australia, New Zealand and Japan."
    )
    doc = read_document("plan", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2019, doc.date_note
    assert doc.date != date(2019, 7, 23), doc.date_note


def test_counterparts_named_in_full_without_titles_date_the_story_by_their_terms(gazetteer):  # noqa: F811
    """ "Itsunori Onodera and Chuck Hagel met in Washington on Friday": no title, but a
    Japanese and an American joined as counterparts were in office together in 2013-2014
    only, which outweighs Abe's long term and a "July 1st" that a Friday fits in 2016."""
    text = (
        "Japan, US agree on changes to defense guidelines\n\nThe defense chiefs of Japan and "
        "the United States agreed that Prime Minister Shinzo Abe's reinterpretation of the "
        "Constitution should be reflected in the guidelines.\n\nItsunori Onodera and Chuck "
        "Hagel met in Washington on Friday. Onodera explained the July 1st decision by the "
        "Abe administration."
    )
    doc = read_document("talks", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2014, doc.date_note


def test_a_day_recalled_in_a_since_clause_is_not_the_ledes_weekday(gazetteer):  # noqa: F811
    """ "assumed command on Sunday" over "a flight engineer since he arrived on Nov. 7": the
    7th is another day, so it does not make Sunday a 7 November (2021)."""
    text = (
        "Wakata takes command\n\nJapanese astronaut Koichi Wakata assumed command of the "
        "International Space Station on Sunday.\n\nWakata had been a flight engineer since he "
        "and two crewmates arrived at the station on Nov. 7."
    )
    doc = read_document("iss", text, gazetteer, date(2026, 12, 3))
    assert "Sunday is Nov. 7" not in (doc.date_note or ""), doc.date_note


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the astronaut named in the sentence that tells the return, with its weekday
        ("Kanai returns\n\nThree crew members of the International Space Station, including "
         "Norishige Kanai of Japan, returned to Earth on Sunday after a 5½-month mission.",
         date(2018, 6, 3)),
        # the lede tells the return on Sunday without a name; the next sentence names Onishi
        # landing in Kazakhstan without a day (Onishi came home on a Sunday in 2016, on a
        # Saturday in 2025)
        ("Onishi back\n\nA Japanese astronaut and two other members of the International Space "
         "Station returned to Earth on Sunday after a four-month mission.\n\nRussian commander "
         "Anatoly Ivanishin and flight engineer Takuya Onishi landed in Kazakhstan aboard their "
         "Soyuz spacecraft about 10 a.m. local time.", date(2016, 10, 30)),
        # a crew member who "arrived back on Earth" or "landed off the coast of California"
        # on a weekday, under a headline's "Returns to Earth": Crew-11, 15 January 2026
        ("Japanese Astronaut Kimiya Yui Returns to Earth\n\nWASHINGTON — Astronaut Kimiya Yui, of "
         "the Japan Aerospace Exploration Agency (JAXA), arrived back on Earth on Thursday along with "
         "astronauts from the United States and Russia.", date(2026, 1, 15)),
        ("Japanese Astronaut Kimiya Yui Returns to Earth\n\nWASHINGTON — Astronaut Kimiya Yui, of "
         "the Japan Aerospace Exploration Agency (JAXA), landed off the coast of California on "
         "Thursday along with astronauts from the United States and Russia.", date(2026, 1, 15)),
        # the crew named after a lede's "splashdown on Saturday", in a sentence that tells no
        # homecoming itself: Crew-10, 9 August 2025
        ("Four astronauts completed a successful five-month International Space Station mission with "
         "a smooth Pacific splashdown on Saturday. The crew included Takuya Onishi of the Japan "
         "Aerospace Exploration Agency (JAXA).", date(2025, 8, 9)),
    ],
)
def test_a_japanese_astronauts_return_dates_a_yearless_story(gazetteer, text, expected):  # noqa: F811
    doc = read_document("soyuz", text, gazetteer, date(2026, 12, 3))
    assert doc.date == expected, doc.date_note


def test_a_launch_told_in_the_lede_is_no_return_day(gazetteer):  # noqa: F811
    """The lede's "launched ... on Saturday" is the launch; a later sentence on the crew's
    return, with no day of its own, does not borrow that Saturday for the return."""
    text = (
        "Crew-10 lifts off\n\nSpaceX launched its Crew-10 mission to the International Space "
        "Station on Saturday, March 15 at 4:33 am IST.\n\nThe crew includes JAXA astronaut "
        "Takuya Onishi, who will stay about six months before he returned to Earth with the "
        "crew in a splashdown."
    )
    doc = read_document("crew10", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2025, 3, 15), doc.date_note


def test_a_summit_by_who_met_where_with_another_leader_named_paragraphs_away(gazetteer):  # noqa: F811
    """Kishida and Biden met briefly in Glasgow (COP26) on 2 November 2021; Boris Johnson,
    named in another paragraph, does not make that meeting a three-way one."""
    text = (
        "Kishida, Biden meet in Glasgow\n\nGLASGOW--Prime Minister Fumio Kishida and U.S. "
        "President Joe Biden vowed to strengthen the alliance in a brief meeting on Nov. 2 on "
        "the sidelines of the U.N. Climate Change Conference here.\n\nKishida also met British "
        "Prime Minister Boris Johnson."
    )
    doc = read_document("cop26", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2021, 11, 2), doc.date_note


def test_the_nth_year_of_a_series_dates_a_yearless_story(gazetteer):  # noqa: F811
    """ "Exercise marks 12th year of Iron Fist": the 12th edition was held in 2017, which
    Mattis's term (2017-2019) allows."""
    text = (
        "Exercise marks 12th year of \"Iron Fist\"\n\nCAMP PENDLETON- American and Japanese "
        "forces are preparing for a joint assault. The mock attack is part of a month long "
        "exercise called \"Iron Fist.\" Defense Secretary James Mattis reaffirmed Washington's "
        "commitment to defending Japan."
    )
    doc = read_document("iron fist", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2017, doc.date_note


def test_a_wire_pictures_credit_and_a_capitals_possessive(gazetteer):  # noqa: F811
    """A closing "FILE PHOTO - ... October 27, 2022. REUTERS/..." is an archive picture,
    not the story's latest day; "Tokyo's summit with the United States" names Japan, not a
    summit held in Tokyo; the leaders who "met in Phnom Penh" date the story to their
    trilateral of 13 November 2022."""
    text = (
        "Biden on Southeast Asia trip\n\nU.S. President Joe Biden and the leaders of Japan and "
        "South Korea met in Phnom Penh, where they vowed a united stance over North Korea.\n\n"
        "\"I think Tokyo's summit with the United States and South Korea is happening at the "
        "right time,\" said Japanese Prime Minister Fumio Kishida.\n\nFILE PHOTO - U.S. President "
        "Joe Biden disembarks Air Force One in Delaware, U.S., October 27, 2022. "
        "REUTERS/Evelyn Hockstein"
    )
    doc = read_document("phnom penh", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2022, 11, 13), doc.date_note


def test_a_calendar_meetings_friday_days_before_the_latest_day_written(gazetteer):  # noqa: F811
    """Trump and Ishiba "held their first official meeting in Washington DC on Friday" (7
    February 2025); "On February 10, the spokesperson responded" is the latest day written,
    but the meeting's Friday is the one before it, not the 14th."""
    text = (
        "China opposes the joint statement\n\nUS President Donald Trump and visiting Japanese "
        "Prime Minister Shigeru Ishiba held their first official meeting in Washington DC on "
        "Friday.\n\nOn February 10, Foreign Ministry spokesperson Guo Jiakun responded to the "
        "statement."
    )
    doc = read_document("cri", text, gazetteer, date(2026, 12, 3))
    facts = extract_document(doc, gazetteer)
    met = [f for f in facts if f.kind == "meeting"]
    assert [f.date_start for f in met] == ["2025-02-07"], [(f.title, f.date_start) for f in facts]


def test_defense_ministers_named_without_titles_met_where_the_calendar_says(gazetteer):  # noqa: F811
    """Onodera and Hagel, in office together in 2013-2014, "met in Washington on Friday":
    the defense ministers' meeting of Friday 11 July 2014 (the calendar's, not the first
    Friday after a "July 1st decision" the story recalls)."""
    text = (
        "Japan, US agree on changes to defense guidelines\n\nThe defense chiefs agreed that "
        "Prime Minister Shinzo Abe's reinterpretation of the Constitution should be reflected "
        "in the guidelines.\n\nItsunori Onodera and Chuck Hagel "
        "met in Washington on Friday. Onodera explained the July 1st decision by the Abe "
        "administration to reinterpret the Constitution."
    )
    doc = read_document("talks", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2014, 7, 11), doc.date_note


def test_capitals_for_their_governments_and_host_nation_support_are_no_meeting_there(gazetteer):  # noqa: F811
    """ "Washington and Tokyo are seeking ... a broad agreement on host nation support":
    neither capital is a venue and "host nation" tells of no meeting, so Austin and Kishi's
    phone call is not dated by their meeting in Tokyo of 16 March 2021."""
    from bot.kb.editions import meeting_day

    text = (
        "Secretary of Defense Austin and Minister of Defense Kishi spoke by phone on Friday. "
        "Nikkei reported that Washington and Tokyo are seeking to reach a broad agreement on "
        "host nation support by the end of the year."
    )
    assert meeting_day(text, gazetteer, {2021, 2022}, date(2026, 12, 3)) is None


def test_foreign_ministers_who_met_on_the_margins_date_the_story_by_the_calendar(gazetteer):  # noqa: F811
    """Kishida (foreign minister 2012-2017) and Kerry (2013-2017) "agreed Thursday"; "The two
    met on the sidelines of ... meetings in Kuala Lumpur": the foreign ministers' meeting of
    Thursday 6 August 2015, though the paragraph naming the place names neither."""
    text = (
        "Kyodo\n\nForeign Minister Fumio Kishida and U.S. Secretary of State John Kerry agreed "
        "Thursday to cooperate on maritime issues, a Foreign Ministry official said.\n\n"
        "Kishida echoed Prime Minister Shinzo Abe's request.\n\nKishida and Kerry discussed "
        "working together on maritime concerns, the official said. The two met on the sidelines of "
        "a series of regional meetings in Kuala Lumpur involving ASEAN and its dialogue partners."
    )
    doc = read_document("kl", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2015, 8, 6), doc.date_note
    # ...and the meeting in Kuala Lumpur, which its own sentence does not date, is that day's
    met = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [(f.date_start, f.date_precision) for f in met] == [("2015-08-06", "day")]


@pytest.mark.parametrize(
    "mention",
    [
        "Caroline Kennedy, who is awaiting Senate confirmation to become U.S. ambassador to Japan",
        "U.S. ambassador nominee Caroline Kennedy",
    ],
)
def test_a_nominee_awaiting_confirmation_is_of_the_months_before_the_term(gazetteer, mention):  # noqa: F811
    """Kennedy was ambassador from November 2013: awaiting confirmation, she is of 2013, which
    with Kishida (foreign minister from December 2012) and Kerry (from February 2013) leaves
    2013 alone, not the most recent year the two ministers allow (2016)."""
    text = (
        "Kishida, Kerry talk\n\nForeign Minister Fumio Kishida discussed policy in a meeting "
        f"with Secretary of State John Kerry.\n\nKishida said he looks forward to working with {mention}."
    )
    doc = read_document("kerry", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2013, doc.date_note


def test_a_looming_deadline_is_no_day_of_the_story(gazetteer):  # noqa: F811
    """ "met Trump at the White House on Tuesday ... before a looming August 1 tariff
    deadline": the deadline is ahead of the story, not the latest day it tells, so Tuesday
    is not read as the 5 August after it."""
    text = (
        "Akazawa meets Trump\n\nJapan's chief trade negotiator Ryosei Akazawa met U.S. President "
        "Donald Trump at the White House on Tuesday in a bid to finalize a trade deal before a "
        "looming August 1 tariff deadline. Akazawa also met Commerce Secretary Howard Lutnick "
        "and Treasury Secretary Scott Bessent."
    )
    doc = read_document("deadline", text, gazetteer, date(2026, 12, 3))
    assert doc.date != date(2025, 8, 1), doc.date_note
    facts = extract_document(doc, gazetteer)
    assert all(f.date_start != "2025-08-05" for f in facts), [(f.title, f.date_start) for f in facts]


def test_a_yearless_day_before_the_term_of_its_office_holder_is_the_next_years(gazetteer):  # noqa: F811
    """Takaichi is premier from October 2025: "around March 20" in an undated story naming
    her as Prime Minister, with "last met in October" besides, is March 2026, not March 2025."""
    text = (
        "Takaichi's talks with Trump eyed for around March 20\n\nTOKYO\n\nJapanese Prime Minister "
        "Sanae Takaichi may visit the United States around March 20 for talks with President "
        "Donald Trump, diplomatic sources said Sunday.\n\nThe two leaders last met in person in "
        "October."
    )
    doc = read_document("takaichi", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2026, doc.date_note
    met = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert "2026-03-20" in [f.date_start for f in met], [(f.title, f.date_start) for f in met]


def test_a_plan_a_sentence_before_does_not_make_the_meeting_at_the_venue_one(gazetteer):  # noqa: F811
    """ "The Artemis programme will include a Japanese astronaut, Biden has said. Biden and
    Kishida met in Tokyo on Monday": the plan is the program's, the meeting was held, and
    the calendar's Tokyo summit of Monday 23 May 2022 dates the undated story."""
    text = (
        "Biden, Kishida announce progress on lunar mission collaborations\n\n#Washington NASA's "
        "impending Artemis programme will include a Japanese astronaut, US President Joe Biden "
        "has said. Biden and Japanese Prime Minister Fumio Kishida met in Tokyo on Monday where "
        "they announced progress on collaboration for lunar missions."
    )
    doc = read_document("artemis", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2022, 5, 23), doc.date_note
    met = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [f.date_start for f in met] == ["2022-05-23"], [(f.title, f.date_start) for f in met]


def test_a_calendar_meeting_held_in_the_years_its_office_holders_share_dates_the_readout(gazetteer):  # noqa: F811
    """Mattis (2017-2018) and Onodera (from August 2017) share two years, in which the
    Security Consultative Committee met once: an undated readout of their meeting "today"
    on its sidelines is of that day."""
    text = (
        "Readout of Secretary Mattis' Meeting with Japanese Defense Minister Itsunori Onodera\n\n"
        "Today, Secretary of Defense Jim Mattis met with Japanese Defense Minister Itsunori "
        "Onodera on the sidelines of the U.S.-Japan Security Consultative Committee (SCC)."
    )
    doc = read_document("scc", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2017, 8, 17), doc.date_note
    met = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [f.date_start for f in met] == ["2017-08-17"], [(f.title, f.date_start) for f in met]


def test_a_preview_of_a_calendar_meeting_by_its_day_is_of_that_days_year(gazetteer):  # noqa: F811
    """Biden, Kishida and Yoon share 2022-2024; the calendar's Camp David Summit of 18
    August 2023 is the one "trilateral summit at Camp David on Aug. 18": an undated
    announcement of it is of 2023, not of the most recent year the three allow."""
    text = (
        "Washington: U.S. President Joe Biden will host Japanese Prime Minister Fumio Kishida and "
        "South Korean President Yoon Suk-yeol for a trilateral summit at the Camp David "
        "presidential retreat near Washington on Aug. 18, the White House said Friday."
    )
    doc = read_document("camp", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2023, doc.date_note
    met = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [f.date_start for f in met] == ["2023-08-18"], [(f.title, f.date_start) for f in met]


def test_the_i_of_a_press_conference_is_the_speaker_its_title_names(gazetteer):  # noqa: F811
    """A Prime Minister's press conference on his call: "I spoke with President Trump" is
    Ishiba's call with Trump, on the day of the press conference ("Just now"), not the
    earlier call the next sentence recalls ("which follows our telephone talk of May 23")."""
    text = (
        "Press Conference by Prime Minister ISHIBA Shigeru Regarding His Summit Telephone Talk "
        "with U.S. President Trump\n\nMay 29, 2025\n\n[Opening Statement by Prime Minister Ishiba]\n"
        "Just now, I spoke with President Trump of the United States of America over the "
        "telephone for approximately 25 minutes. In today's summit telephone talk, which follows "
        "our telephone talk of May 23, President Trump and I had a constructive dialogue.\n\n"
        "(Q) I would like to ask about the tariff talks."
    )
    doc = read_document("kantei", text, gazetteer, date(2026, 12, 3))
    facts = extract_document(doc, gazetteer)
    check_provenance(doc, facts)
    got = [(f.date_start, surnames(f.participants)) for f in facts if f.kind == "meeting"]
    assert ("2025-05-29", {"Ishiba", "Trump"}) in got, got


def test_the_i_of_a_labelled_turn_is_its_speaker_and_a_reporters_is_no_one(gazetteer):  # noqa: F811
    text = (
        "Press Conference by Foreign Minister MOTEGI Toshimitsu\n\nTuesday, October 28, 2025\n\n"
        "Foreign Minister MOTEGI Toshimitsu: I returned from Malaysia early this morning.\n\n"
        "Then, I held a Japan-U.S. Foreign Ministers' meeting with Secretary Rubio.\n\n"
        "Reporter: I met Secretary Rubio's spokesperson yesterday. What did you discuss?"
    )
    doc = read_document("mofa", text, gazetteer, date(2026, 12, 3))
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    got = [(f.date_start, surnames(f.participants)) for f in facts]
    assert got == [("2025-10-28", {"Motegi", "Rubio"})], got


def test_a_transcript_telling_its_own_day_is_of_that_day_not_of_the_visit_it_previews(gazetteer):  # noqa: F811
    """"This transcript is from a CSIS press briefing hosted on April 2, 2024": the page's
    day, not the latest day it previews; and "joining us today to discuss the state visit
    ... on April 10th and April 11th" dates the visit, not the briefing's "today"."""
    text = (
        "Previewing the Japanese Official Visit\n\nThis transcript is from a CSIS press briefing "
        "hosted on April 2, 2024.\nVictor Cha: Thank you, everyone, for joining us today to "
        "discuss the state visit of Prime Minister Kishida of Japan and his meeting with "
        "President Biden on April 10th and April 11th."
    )
    doc = read_document("csis", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2024, 4, 2), doc.date_note
    met = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [(f.date_start, f.date_end) for f in met] == [("2024-04-10", "2024-04-11")], [
        (f.title, f.date_start) for f in met
    ]


def test_a_story_known_only_to_its_year_is_not_merged_into_a_dated_meeting_of_the_same_two(gazetteer):  # noqa: F811
    """Akazawa met Trump in April and again in July 2025: an undated story of their White
    House meeting "on Tuesday" (2025 from the office-holders) stays its own fact, not a
    source of the April meeting another story dates."""
    from bot.kb.merge import merge_facts

    april = make_doc(
        "april",
        "Minister Ryosei Akazawa met U.S. President Donald Trump in Washington on Wednesday.",
        date(2025, 4, 19),
    )
    undated = read_document(
        "undated",
        "Japan's chief trade negotiator, Ryosei Akazawa, met U.S. President Donald Trump at the "
        "White House on Tuesday in a bid to finalize a trade deal.",
        gazetteer,
        date(2026, 12, 3),
    )
    assert undated.date_precision == "year", undated.date_note
    facts = merge_facts(extract_document(april, gazetteer) + extract_document(undated, gazetteer))
    assert sorted((f.date_precision, len(f.sources)) for f in facts) == [("day", 1), ("year", 1)], [
        (f.title, f.date_start, f.sources) for f in facts
    ]


def test_a_hyphenated_exercise_name_is_the_series_and_its_number_the_year(gazetteer):  # noqa: F811
    """The ministry writes "Yama-Sakura 83": the Yama Sakura series, whose 83rd edition
    (2022) gives the undated newsletter its year."""
    text = (
        "The JGSDF conducted Japan-U.S. Bilateral Command Post Exercise \"Yama-Sakura 83 (YS-83)\" "
        "from November 28 until December 13. Through this exercise, JMOD/JSDF enhanced Japan-U.S. "
        "bilateral deterrence and response capabilities."
    )
    doc = read_document("jdf", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2022, doc.date_note
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert (fact.date_start, fact.date_end) == ("2022-11-28", "2022-12-13"), fact.title
    assert "Yama Sakura" in fact.title


def test_a_space_story_led_by_a_caption_takes_the_day_its_next_sentence_tells(gazetteer):  # noqa: F811
    """A NASA blog: the caption ("pictured approaching the station for a docking") tells no
    day; "arrived at the International Space Station Monday, as the ... Crew Dragon docked"
    does, and is Crew-1's docking (the gazetteer's), which also dates the undated page."""
    text = (
        "SpaceX Crew Dragon Docks to Space Station\n\nThe SpaceX Crew Dragon spacecraft carrying "
        "four astronauts is pictured approaching the International Space Station for a docking. "
        "Credit: NASA\n\nNASA astronauts Michael Hopkins and Japan Aerospace Exploration Agency "
        "(JAXA) astronaut Soichi Noguchi arrived at the International Space Station Monday, as "
        "the SpaceX Crew Dragon Resilience docked to the complex at 11:01 p.m. EST."
    )
    doc = read_document("blog", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2020, 11, 16), doc.date_note
    space = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert [(f.date_start, f.date_precision) for f in space] == [("2020-11-16", "day")], [
        (f.title, f.date_start) for f in space
    ]


def test_a_story_is_of_its_pictures_year_among_the_years_its_exercise_allows(gazetteer):  # noqa: F811
    """Iron Fist ran in 2025 and 2026: a story under a picture "March 1, 2025, during the
    Iron Fist exercise" is of 2025, not of the most recent edition."""
    text = (
        "A member of Japan's Amphibious Rapid Deployment Brigade takes his position after landing "
        "on Kin Blue Beach, Okinawa, March 1, 2025, during the Iron Fist exercise. (Keishi "
        "Koja/Stars and Stripes)\n\nKIN BLUE BEACH, Okinawa - An hourlong amphibious landing by "
        "U.S. Marines and Japanese troops over the weekend served as the key bilateral training "
        "event of Iron Fist, which concludes Friday. For the third consecutive year, Iron Fist "
        "is taking place in Japan rather than off California's coast, where it was held from "
        "2006 through 2022."
    )
    doc = read_document("fist", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2025, doc.date_note


def test_the_months_its_office_holders_share_pick_the_year_and_the_edition(gazetteer):  # noqa: F811
    """ "President-elect Donald Trump" (November 2024 to January 2025) and Ambassador Rahm
    Emanuel (to January 2025): an undated story of "this week's" Freedom Edge is of 2024,
    which holds two of those three months, and of its November edition, not June's."""
    text = (
        "Japan, U.S., ROK Scramble to Normalize Trilateral Exercises\n\nJapan, the United States "
        "and South Korea have this week been conducting a trilateral joint exercise called Freedom "
        "Edge, as they prepare for U.S. President-elect Donald Trump to take office.\n\nU.S. "
        "Ambassador to Japan Rahm Emanuel insisted Thursday that this edition of Freedom Edge "
        "would not be the last."
    )
    doc = read_document("edge", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2024, doc.date_note
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert (fact.date_start, fact.date_end) == ("2024-11-13", "2024-11-15"), fact.title


def test_an_astronaut_aboard_the_station_dates_a_yearless_dateline_to_one_of_their_missions(gazetteer):  # noqa: F811
    """ "TOKYO, Aug. 24 -- ... on Monday": 2009, 2015, 2020 and 2026 have a Monday 24 August;
    Kimiya Yui at the station's robotic arm was there in 2015 (and from August 2025 to
    January 2026), so the story is of 2015."""
    text = (
        "TOKYO, Aug. 24 (UPI) -- Japan's cargo ship, H-II Transfer Vehicle (HTV), successfully "
        "attached itself to the International Space Station on Monday.\nKimiya Yui, an astronaut "
        "with the Japan Aerospace Exploration Agency (JAXA), became the first Japanese crew member "
        "to helm the space station's robotic arm while receiving a resupply craft."
    )
    doc = read_document("htv", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2015, 8, 24), doc.date_note


def test_an_administrations_officials_left_office_in_january(gazetteer):  # noqa: F811
    """Vice President Harris served until 20 January 2025: a November she spoke in is 2024
    at the latest, not 2025."""
    text = (
        "Japan Supports the ISS\n\nOn November 17, Vice President Kamala Harris "
        "stated that the United States welcomes Japan's intention to extend its support of "
        "International Space Station operations."
    )
    doc = read_document("harris", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2024, doc.date_note


def test_a_published_label_after_a_masthead_in_capitals_dates_the_page(gazetteer):  # noqa: F811
    text = (
        "US, Japan to focus on amphibious landing during Keen Sword\n\nA landing craft departs "
        "USS Bonhomme Richard in Okinawa, Japan, Friday, Oct. 28, 2016. Amphibious operations "
        "will be a major focus during the Keen Sword exercise, which runs through Nov. 11.\n\n"
        "By ERIK SLAVIN | STARS AND STRIPES Published: October 31, 2016\n\nThe 17th run of the "
        "exercise, which began Sunday and goes through Nov. 11, is the first to include "
        "amphibious operations near Guam."
    )
    doc = read_document("stripes", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2016, 10, 31), doc.date_note


def test_a_target_year_in_the_sentence_does_not_set_an_office_holder_aside(gazetteer):  # noqa: F811
    """ "Through 2030" is where a plan ends, not a past year the Vice President's post is
    dated by: Harris still dates the story."""
    text = (
        "Japan Supports the ISS Through 2030\n\nOn November 17, Vice President Kamala Harris "
        "stated that the United States welcomes Japan's support of the station through 2030."
    )
    doc = read_document("through", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2024, doc.date_note


def test_a_year_its_office_holders_shared_for_weeks_is_not_the_guess(gazetteer):  # noqa: F811
    """President Biden and Secretary Austin held office together in 2021-2024 and for 20 days
    of 2025: a story that names them and no month is not guessed to be of those 20 days."""
    text = (
        "Japan and U.S. fly fighter jets over the Sea of Japan\n\nU.S. and Japanese forces held a "
        "joint fighter jet exercise on Wednesday, Defense Secretary Lloyd Austin said Thursday, "
        "a day after President Biden spoke with Japan's prime minister."
    )
    doc = read_document("axios", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2024, doc.date_note


def test_a_day_months_after_the_written_one_is_recalled_from_the_year_before(gazetteer):  # noqa: F811
    """A picture of "Jan. 31, 2024" and a carrier that "deployed from San Diego on Oct. 12":
    the story is of late January 2024, and October is the October before it."""
    text = (
        "Carriers USS Carl Vinson and USS Theodore Roosevelt sail in formation with JS Ise during "
        "the drills, Jan. 31, 2024. US Navy Photo\n\nTwo American aircraft carriers are drilling "
        "with a Japanese helicopter destroyer in the Philippine Sea. A JMSDF release stated that "
        "the drills began on Monday and will conclude on Thursday.\n\n\u201cThe purpose of this "
        "training is to improve the tactical skill and interoperability with the U.S. Navy,\u201d "
        "the commander of the escort flotilla said in a JMSDF release. The exercise included "
        "air defense drills, sea surveillance, cross-deck exercises and tactical maneuvers, reads "
        "the statement from U.S. 7th Fleet. Each carrier is embarked with its air wing, a cruiser "
        "and four destroyers.\n\nVinson deployed from San Diego on Oct. 12 with its escorts."
    )
    doc = read_document("mlde", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2024, 1, 31), doc.date_note


@pytest.mark.parametrize("told, start, end", [
    # a run begun and told with its end to come is held, from its start to its end
    ("the drills began on Monday and will conclude on Thursday.", "2024-01-29", "2024-02-01"),
    ("the exercise began Monday and wraps up Thursday.", "2024-01-29", "2024-02-01"),
])
def test_a_run_begun_that_will_conclude_on_a_day_is_held_to_that_day(gazetteer, told, start, end):  # noqa: F811
    doc = make_doc(
        "run", f"Carriers USS Carl Vinson and USS Theodore Roosevelt drilled with JMSDF destroyer JS "
        f"Ise in the Philippine Sea. A JMSDF release stated that {told}",
        date(2024, 1, 31),  # a Wednesday
    )
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert (fact.date_start, fact.date_end) == (start, end)
    assert "planned" not in fact.title


def test_the_day_a_release_said_it_is_no_plan_of_the_run_it_ends(gazetteer):  # noqa: F811
    doc = make_doc(
        "edge",
        "Freedom Edge 24-2 ends on Friday and includes at least seven warships, including the "
        "aircraft carrier USS George Washington, which is due to arrive in Yokosuka later this "
        "fall, according to a news release Wednesday from South Korea's Joint Chiefs of Staff.",
        date(2024, 11, 13),  # a Wednesday
    )
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert (fact.date_start, fact.date_end) == ("2024-11-13", "2024-11-15")
    assert "planned" not in fact.title


def test_the_office_holders_a_credited_caption_shows_date_the_story(gazetteer):  # noqa: F811
    """The picture above the story shows Defense Minister Hamada (August 2022 to September
    2023) with Secretary Austin: the story is of 2022 or 2023, not of Austin's 2024."""
    text = (
        "U.S. fires up Asian allies at Shangri-La Dialogue\n\nFrom left, Japanese Defense Minister "
        "Yasukazu Hamada and U.S. Defense Secretary Lloyd Austin before their meeting at the "
        "Shangri-La Dialogue in Singapore on June 3.   \u00a9 U.S. Department of Defense\n\n"
        "SINGAPORE -- U.S. Secretary of Defense Lloyd Austin made strides in defense cooperation "
        "with allies during the three-day Shangri-La Dialogue in Singapore."
    )
    doc = read_document("shangri-la", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year in (2022, 2023), doc.date_note


def test_a_launch_told_days_ahead_dates_the_story_to_the_launchs_year(gazetteer):  # noqa: F811
    text = (
        "X-ray satellite to launch Monday\n\nThe Japan Aerospace Exploration Agency's X-ray "
        "observation satellite XRISM will be onboard the H2A Launch Vehicle when it takes off from "
        "the Tanegashima Space Center on Monday. Jointly developed by JAXA and NASA, XRISM "
        "features two X-ray telescopes."
    )
    doc = read_document("xrism", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2023, doc.date_note


@pytest.mark.parametrize("line, day", [
    ("posted 01-12-2021 06:26 PM", date(2021, 1, 12)),  # an American forum's clock
    ("posted 01-12-2021 18:26", date(2021, 12, 1)),  # a 24-hour clock says nothing: day first
    ("Updated 07-12-2021 12:55 PM IST", date(2021, 12, 7)),  # an Indian page's zone
])
def test_a_numeric_date_line_reads_the_month_first_beside_a_12_hour_clock(gazetteer, line, day):  # noqa: F811
    text = (
        f"Japan, NASA partner on Gateway\n\nRobert Pearlman\nEditor\n\n{line}\nNASA release\n\n"
        "NASA and the Government of Japan have finalized an agreement for the lunar Gateway."
    )
    doc = read_document("gateway", text, gazetteer, date(2026, 12, 3))
    assert doc.date == day, doc.date_note


def test_a_rank_is_no_edition_and_a_recalled_month_does_not_hide_the_edition(gazetteer):  # noqa: F811
    """ "1st Lt. Owen Hitchcock" is a rank, not Resolute Dragon's first edition, and a unit
    created "in March 2022" is history: "July 29" in this year's Resolute Dragon is 2024's
    edition (28 July-7 August)."""
    text = (
        "CAMP COURTNEY, Okinawa - U.S. and Japanese officials touted the alliance during a "
        "ceremony marking the close of joint drills Wednesday. The event closed out this year's "
        "Resolute Dragon, which spanned three prefectures in southern Japan.\n\nThe Marines "
        "created the 3rd Littoral Regiment, its first, in March 2022.\n\nThis year's Resolute "
        "Dragon featured approximately 3,000 Marines, III MEF spokesman 1st Lt. Owen Hitchcock "
        "said at the ceremony.\n\nOn July 29, a Japanese C-2 transport plane delivered the "
        "regiment's radar to Yonaguni."
    )
    doc = read_document("dragon", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2024, doc.date_note


@pytest.mark.parametrize("sentence, year", [
    ("Exercise marks 12th year of Iron Fist, with Marines at Camp Pendleton.", 2017),
    # a participant's run of years is no edition's ordinal
    ("For the third consecutive year, Iron Fist is taking place in Japan.", None),
])
def test_an_ordinal_year_of_the_series_is_its_edition(gazetteer, sentence, year):  # noqa: F811
    from bot.kb.editions import edition_clues

    clues = edition_clues(sentence, gazetteer, date(2026, 12, 3))
    assert (clues[0][1] == {year}) if year else not clues, clues


def test_a_numbered_space_dialogue_announced_by_its_day_is_of_that_meetings_year(gazetteer):  # noqa: F811
    text = (
        "The Seventh Meeting of the U.S.-Japan Comprehensive Dialogue on Space\n\nOffice of the "
        "Spokesperson\n\nDelegations from the United States and Japan will hold the Seventh Meeting "
        "of the U.S.-Japan Comprehensive Dialogue on Space in Tokyo on August 26."
    )
    doc = read_document("cds", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2020, doc.date_note
    assert "ran 26 August" in doc.date_note
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert fact.date_start == "2020-08-26"


@pytest.mark.parametrize("text, year", [
    # an astronaut "staying at" the station: the months of his long stays
    ("Soichi Noguchi, a Japanese astronaut staying at the International Space Station, has "
     "started his fourth spacewalk. He will stay at the station until early May.", 2021),
    # a numbered edition of a series the gazetteer knows
    ("U.S. Navy and Japan Maritime Self-Defense Force ships joined exercise Noble Chinook in the "
     "Northwestern Pacific on Aug. 22. Noble Chinook is the latest event of the U.S. Indo-Pacific "
     "Command-led Large Scale Global Exercise 23.", 2023),
    # a run within one month fits the edition it lies in, not the one whose last day it touches
    ("U.S. and Japan Self Defense Force service members are set to carry out amphibious "
     "operations off of Guam and Tinian during a bilateral training exercise called Keen Sword. "
     "Units will conduct a range of amphibious missions between November 1-11.", 2016),
    # "the second edition of the Kamandag exercise": KAMANDAG 2, October 2018
    ("Japanese forces are in the Philippines for the second edition of the Kamandag exercise. "
     "Kamandag, usually a bilateral US-Philippine exercise, runs from October 2 to October 11 "
     "this year.", 2018),
    # "Kihara said he wants the Self-Defense Forces to have the missiles by 2025, a year
    # earlier than planned": a goal, so the story is of the year its office-holders and their
    # meeting at the Pentagon give (2023), not 2025
    ("Japanese Defense Minister Kihara Minoru chose the US as his first overseas destination. "
     "He met with Defense Secretary Lloyd Austin at the Pentagon on Wednesday.\n\n"
     "Kihara said he wants the Self-Defense Forces to have the missiles by 2025, a year earlier "
     "than planned.", 2023),
    # "in the lead-up to the Group of 20 summit in Osaka in June": the G20 held in Osaka
    # (2019), with the Japan-U.S. summit the story previews on Monday
    ("TOKYO -- The stage is set for Japanese Prime Minister Shinzo Abe's summit on Monday with "
     "U.S. President Donald Trump.\n\n"
     "The two leaders will reaffirm their cooperation in the lead-up to the Group of 20 summit in "
     "Osaka in June.", 2019),
    # "National Security Advisor Flynn": Michael Flynn held the post from 20 January to 13
    # February 2017 (gazetteer)
    ("National Security Advisor Flynn spoke by phone with Secretary General Yachi of the "
     "National Security Secretariat yesterday and told him that Japan is an important ally.", 2017),
])
def test_more_clues_to_an_undated_storys_year(gazetteer, text, year):  # noqa: F811
    doc = read_document("clue", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == year, doc.date_note


def test_the_quad_leaders_met_where_the_calendar_holds_their_summit(gazetteer):  # noqa: F811
    text = (
        "US President Joe Biden and Japanese Prime Minister Kishida Fumio on Saturday reiterated "
        "their opposition to any change of the status quo by force.\n\nBiden on Saturday also "
        "hosted Kishida, Australian Prime Minister Anthony Albanese and Indian Prime Minister "
        "Narendra Modi in his hometown of Wilmington, Delaware, for the Quad leaders' summit."
    )
    doc = read_document("quad", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2024, 9, 21), doc.date_note


def test_the_day_a_visit_around_a_meeting_starts_is_not_the_meetings(gazetteer):  # noqa: F811
    doc = make_doc(
        "visit",
        "Takaichi and Trump are scheduled to meet in person in Tokyo on Tuesday, during the U.S. "
        "leader's three-day visit to Japan starting Monday.",
        date(2025, 10, 25),  # a Saturday
    )
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert (fact.date_start, fact.date_end) == ("2025-10-28", "2025-10-28")


def test_a_call_with_its_day_written_before_it_is_a_meeting(gazetteer):  # noqa: F811
    doc = make_doc(
        "digest",
        "In a Jan 5 call with his US counterpart (Blinken), Japanese Foreign Minister Hayashi "
        "requested US bases impose curfews.",
        date(2022, 1, 14),
    )
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert fact.date_start == "2022-01-05"
    assert {"Blinken", "Hayashi"} <= surnames(fact.participants)


def test_a_preview_of_a_calendar_summit_dates_the_story_to_its_year(gazetteer):  # noqa: F811
    """ "Abe will hold talks with Obama in Washington on February 22" (the summit of 22
    February 2013) over "won an election landslide in December": the story precedes that
    summit, so its December is 2012's, not the latest December Abe and Obama shared; with
    Secretary Kerry (from February 2013) no December fits before it, and the story is of
    the summit's year."""
    text = (
        "Japan PM to Meet Obama Next Week\n\nJapan's Prime Minister Shinzo Abe will hold talks with "
        "U.S. President Barack Obama in Washington on February 22, the top government spokesman "
        "said Friday.\n\nAbe, who took power after his party won an election landslide in "
        "December, is expected to discuss the Trans-Pacific Partnership."
    )
    for kerry, dated in (("", (date(2012, 12, 1), "month")),
                         (" Kishida will meet Secretary of State John Kerry.", (date(2013, 1, 1), "year"))):
        doc = read_document("preview", text + kerry, gazetteer, date(2026, 12, 3))
        assert (doc.date, doc.date_precision) == dated, doc.date_note
        facts = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
        assert "2013-02-22" in [f.date_start for f in facts if "Barack Obama" in f.participants]


def test_a_plan_to_meet_on_a_written_day_is_a_meeting(gazetteer):  # noqa: F811
    doc = make_doc("plan", "Abe and Obama plan to meet April 24 in Tokyo.", date(2014, 4, 4))
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert fact.date_start == "2014-04-24" and "planned" in fact.title


def test_a_date_line_under_a_credited_caption_dates_the_page(gazetteer):  # noqa: F811
    caption = (
        "U.S. Marines and Japan Ground Self Defense Force members salute as each nation's national "
        "anthem plays marking the beginning of Forest Light 16-1 at Camp Imazu, Takashima, Japan, "
        "Sept. 6, 2015. Forest Light will take place Sept. 7-18 with approximately 240 Marines."
    )
    text = (
        f"Marines work with JGSDF during Forest Light 16-1\n\n{caption}\n\nPhoto by Cpl. Devon Tindle"
        "\n\n11 Sep 2015 | Cpl. Devon Tindle\n\nMarines and Japan Ground Self-Defense Force members "
        "arrived to start Forest Light 16-1 at Camp Imazu."
    )
    doc = read_document("marines", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2015, 9, 11), doc.date_note


def test_a_datelines_weekday_is_the_reports_not_the_events(gazetteer):  # noqa: F811
    text = (
        "Tokyo, Dec. 11 (Jiji Press)--Japanese fighter jets joined U.S. bombers in exercises over "
        "the Sea of Japan on Wednesday, the Japanese Joint Staff said Thursday.\n\nThe joint flight "
        "involved three F-35s and two U.S. B-52 strategic bombers."
    )
    doc = read_document("jiji", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2025, 12, 11), doc.date_note  # a Thursday
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert fact.date_start == "2025-12-10"


@pytest.mark.parametrize("later", [
    "",
    # a plan's year is no floor under the story's
    " JAXA is developing the HTV-X, which is targeted for its first launch in 2022.",
])
def test_a_cargo_crafts_departure_ahead_is_of_its_missions_year(gazetteer, later):  # noqa: F811
    text = (
        "Canadarm2 and Japan's HTV-9 Resupply Ship\n\nJAXA's HTV-9 will depart the orbital "
        f"laboratory Tuesday, Aug. 18.{later}"
    )
    doc = read_document("htv9", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2020, doc.date_note


def test_a_series_own_country_is_no_other_pair_and_began_is_its_first_day(gazetteer):  # noqa: F811
    """India hosts Malabar: "India's defense ministry says the Malabar drill began on Tuesday"
    is Malabar's own news, and "began" is its first day (8 October 2024), not a later Tuesday
    of it; "a summit in September" is recalled."""
    text = (
        "Japan's Maritime Self-Defense Force and the navies of the United States, Australia and "
        "India have begun a joint exercise in waters near India.\n\nIndia's defense ministry says "
        "the Malabar drill began on Tuesday in the Bay of Bengal and will continue through October "
        "18.\n\nThe four countries are members of the Quad. Their leaders held a summit in September "
        "in the US."
    )
    doc = read_document("malabar", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2024, 10, 8), doc.date_note


def test_a_summit_recalled_by_its_month_does_not_date_the_story(gazetteer):  # noqa: F811
    """ "Biden, who was joined by Kishida and South Korean President Yoon Suk Yeol at Camp
    David in August": a summit recalled by its month (18 August 2023) is not the story's day."""
    text = (
        "First US-Japan-Philippines Summit to Boost Defense Ties\n\nJapanese and Philippine "
        "leaders head to Washington this week for a trilateral summit, opposed by President Joe "
        "Biden. The summit kicks off Wednesday with Prime Minister Fumio Kishida received with "
        "full honors at the White House. On Thursday, he and Philippine President Ferdinand "
        "Marcos convene with Biden for the countries' first trilateral summit.\n\nThey are "
        "the latest allies to be hosted by Biden, who was joined by Kishida and South Korean "
        "President Yoon Suk Yeol at Camp David in August."
    )
    doc = read_document("preview", text, gazetteer, date(2026, 12, 3))
    assert doc.date != date(2023, 8, 18), doc.date_note


def test_a_day_told_as_last_week_puts_the_story_in_the_week_after(gazetteer):  # noqa: F811
    text = (
        "The foreign ministers of the United States, Japan and South Korea will meet Wednesday in "
        "New York, a senior U.S. State Department official said.\n\nU.S. Secretary of State Antony "
        "Blinken, Japanese Foreign Minister Toshimitsu Motegi and South Korean Foreign Minister "
        "Chung Eui Yong last met in person in May in London.\n\nThe upcoming meeting is well-timed, "
        "given North Korea's missile tests last week, the official said, referring to the two "
        "ballistic missiles that fell within Japan's exclusive economic zone on Sept. 15."
    )
    doc = read_document("trilateral", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2021, 9, 20), doc.date_note  # the Monday after Wednesday 15 September
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting" and "New York" in (f.location or "")]
    assert [f.date_start for f in facts] == ["2021-09-22"]


def test_foreign_ministers_told_by_their_countries_met_where_the_calendar_holds_them(gazetteer):  # noqa: F811
    """The Quad foreign ministers met in Tokyo on Monday 29 July 2024: their countries name the
    office, and "talks expected to focus on ..." after the venue is no plan of the meeting."""
    text = (
        "Foreign ministers from Australia, India, Japan and the United States, a grouping known as "
        "the Quad, met in Tokyo on Monday for talks expected to focus on maritime security.\n\nThe "
        "talks were attended by Australia's Penny Wong, India's Subrahmanyam Jaishankar, Japan's "
        "Yoko Kamikawa and Antony Blinken from the U.S."
    )
    doc = read_document("quad-fm", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2024, 7, 29), doc.date_note


@pytest.mark.parametrize("text, year", [
    # a fiscal year is proposed the calendar year before it: no floor at 2014
    ("NASA Administrator Charles Bolden and JAXA President Naoki Okumura met in Washington "
     "Wednesday, July 10, to discuss cooperation. They discussed the asteroid initiative, "
     "previously announced in President Obama's fiscal year 2014 budget proposal.", 2013),
    # "Secretary of War" is Hegseth's title from September 2025: a January is 2026's
    ("Secretary of War Pete Hegseth hosted his Japanese counterpart at the Pentagon on "
     "January 15.", 2026),
])
def test_titles_and_fiscal_years_bound_an_undated_storys_year(gazetteer, text, year):  # noqa: F811
    doc = read_document("bound", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == year, doc.date_note


def test_the_g7_foreign_ministers_meeting_is_not_the_leaders_summit(gazetteer):  # noqa: F811
    doc = make_doc(
        "g7-fm",
        "They joined a G7 Foreign Ministers' Meeting in Tokyo this month.",
        date(2023, 11, 8),
    )
    (fact,) = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert "Summit" not in fact.title and "Foreign Ministers" in fact.title, fact.title


@pytest.mark.parametrize("text, space", [
    # an agreement's title with the word capitalized is still about satellites
    ("On Friday, December 11, 2020, officials of JAXA and NOAA signed the Memorandum of "
     "Understanding regarding the Cooperation For Global Observing Satellite Missions.", True),
    # an office's name is not
    ("Participants included NASA, JAXA and the Cabinet Satellite Intelligence Center.", False),
])
def test_a_capitalized_satellite_in_a_title_is_space_news(gazetteer, text, space):  # noqa: F811
    doc = make_doc("mou", text, date(2020, 12, 16))
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert [f.date_start for f in facts] == (["2020-12-11"] if space else [])


def test_a_calendar_meeting_announced_by_its_weekday_dates_the_story_the_day_before(gazetteer):  # noqa: F811
    """"Hegseth is set to meet ... Koizumi in Tokyo on Wednesday": the defense ministers'
    meeting of Wednesday 29 October 2025 is the only one their terms allow in Tokyo, so the
    story is of the days before it, and its Wednesday is that meeting's."""
    text = (
        "U.S. Secretary of Defense Pete Hegseth is set to meet Japanese Defense Minister Shinjiro "
        "Koizumi in Tokyo on Wednesday, underscoring efforts to deepen the alliance. The talks come "
        "a day after Prime Minister Sanae Takaichi welcomed visiting U.S. President Donald Trump."
    )
    doc = read_document("preview", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2025, 10, 28), "day"), doc.date_note
    meetings = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [(f.date_start, f.date_end) for f in meetings if {"Hegseth", "Koizumi"} <= surnames(f.participants)] == [
        ("2025-10-29", "2025-10-29")
    ]


def test_two_meetings_of_one_visit_date_the_story_by_the_later(gazetteer):  # noqa: F811
    """Leaders on Tuesday in Yokosuka, defense ministers on Wednesday in Tokyo: both calendar
    meetings fit, a day apart. The story is of the later one, and its Tuesday is the day
    before it, not the Tuesday after."""
    text = (
        "Defense Minister Shinjiro Koizumi held talks with visiting U.S. Defense Secretary Pete "
        "Hegseth at the Defense Ministry in Tokyo on Wednesday morning.\n\nKoizumi and Hegseth "
        "first met on Tuesday when they joined Prime Minister Sanae Takaichi and U.S. President "
        "Donald Trump while they were visiting U.S. troops in Yokosuka."
    )
    doc = read_document("visit", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2025, 10, 29), "day"), doc.date_note
    days = sorted(f.date_start for f in extract_document(doc, gazetteer) if f.kind == "meeting")
    assert days == ["2025-10-28", "2025-10-29"]


@pytest.mark.parametrize("text", [
    "The crew arrived at the International Space Station around 10:15 p.m. Sunday Japan time.",
    "The rocket lifted off around 1 a.m. Thursday Japan time (4 p.m. Wednesday GMT).",
    "The spacecraft docked at about 5 p.m. on Thursday (0600 JST Friday).",
])
def test_a_clock_before_its_day_or_zone_ends_no_sentence(text):
    from bot.kb.sentences import split_sentences

    assert [s.text for s in split_sentences(text)] == [text]


def test_a_yearless_dateline_picks_the_launch_of_the_week_before_it(gazetteer):  # noqa: F811
    """"Tokyo, Oct. 6 (Jiji Press)--... Wakata ... was launched ... around 1 a.m. Thursday
    Japan time (4 p.m. Wednesday GMT)": Wakata's Crew-5 left Florida on Wednesday 5 October
    2022, Thursday in Japan; his Soyuz of a Thursday in November 2013 is no launch a story
    filed on October 6 reports."""
    text = (
        "Wakata Makes 5th Space Flight\nTokyo, Oct. 6 (Jiji Press)--A U.S. spacecraft carrying "
        "Japanese astronaut Koichi Wakata and three others was launched for a mission on the "
        "International Space Station around 1 a.m. Thursday Japan time (4 p.m. Wednesday GMT)."
    )
    doc = read_document("crew5", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2022, 10, 6), "day"), doc.date_note
    space = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert [(f.date_start, f.date_end) for f in space] == [("2022-10-05", "2022-10-06")]


def test_a_date_range_opening_a_line_is_no_dateline(gazetteer):  # noqa: F811
    """"Set for September 11–25, the Resolute Dragon 2025 exercise will span ...": a range
    that opens a line is no "PLACE, Month Day —" dateline: the story, of the exercise
    "next month", is not of its first day."""
    text = (
        "The US is considering deploying an anti-ship missile system during a joint military "
        "exercise with Japan's Ground Self-Defense Force next month.\n\nSet for September 11–25, "
        "the Resolute Dragon 2025 exercise will span key regions of Japan."
    )
    doc = read_document("rd25", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2025, doc.date_note
    assert not (doc.date_note or "").startswith("inferred: dateline"), doc.date_note
    assert (doc.date, doc.date_precision) != (date(2025, 9, 11), "day")


@pytest.mark.parametrize("text, start, end", [
    ("The two leaders are to sit down in Tokyo on Monday and Tuesday next week.", "2025-10-27", "2025-10-28"),
    ("They will meet on Tuesday next week.", "2025-10-28", "2025-10-28"),
    ("The drill began Thursday of last week.", "2025-10-16", "2025-10-16"),
])
def test_weekdays_of_a_named_week(text, start, end):
    from bot.kb.dates import find_dates

    got = [(str(m.date_start), str(m.date_end)) for m in find_dates(text, date(2025, 10, 21))]
    assert got == [(start, end)]


def test_a_visit_previewed_days_into_a_new_premiers_term(gazetteer):  # noqa: F811
    """A story written days after Takaichi took office ("said on Tuesday at her inaugural news
    conference as prime minister"): the first Tuesday of her term, 21 October 2025, so "on
    Monday and Tuesday next week" are 27 and 28 October; the predecessor who made an
    agreement is not at the table."""
    text = (
        "Japan plans to show its determination to build up its defense when US President Donald "
        "Trump visits Tokyo next week, Minister of Foreign Affairs Toshimitsu Motegi said.\n"
        "The two leaders are to sit down in Tokyo on Monday and Tuesday next week during Trump's "
        "first visit to Japan since his re-election, following an agreement by her predecessor, "
        "former Japanese prime minister Shigeru Ishiba, to invest in the US.\n"
        "\"The alliance with the United States is the cornerstone of Japan's foreign policy,\" "
        "Prime Minister Sanae Takaichi said on Tuesday at her inaugural news conference as prime minister."
    )
    doc = read_document("visit-plan", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2025, 10, 21), "day"), doc.date_note
    sat = [f for f in extract_document(doc, gazetteer) if "sit down" in f.quote]
    assert [(f.date_start, f.date_end) for f in sat] == [("2025-10-27", "2025-10-28")]
    assert "Shigeru Ishiba" not in sat[0].participants


def test_a_docking_on_a_weekday_outweighs_an_arrival_recalled_by_its_month(gazetteer):  # noqa: F811
    """"Crew-2 ... docked with the International Space Station on Saturday" and "Noguchi, who
    arrived at the ISS aboard a Crew Dragon ship in November": the Saturday is 24 April 2021,
    and November (Crew-1, 2020) is recalled from before it."""
    text = (
        "The SpaceX Crew-2 Dragon ship carrying four astronauts docked with the International "
        "Space Station on Saturday following its liftoff a day earlier.\n\nAkihiko Hoshide of "
        "the Japan Aerospace Exploration Agency will begin a six-month mission.\n\nJAXA astronaut "
        "Soichi Noguchi, who arrived at the ISS aboard a Crew Dragon ship in November, welcomed them."
    )
    doc = read_document("crew2", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2021, 4, 24), "day"), doc.date_note


@pytest.mark.parametrize("sentence", [
    "The Quad was revived in 2017, which was formed in 2004 in the aftermath of the tsunami.",
    "The Quad, set up in 2007, went dormant for a decade.",
])
def test_a_series_origin_is_no_edition_recalled(gazetteer, sentence):  # noqa: F811
    """A year the series began or was revived in says nothing of which edition a story is
    about: the Quad's leaders' summits begin in 2021, so "an edition after 2017" would
    wrongly rule out a 2020 story about the Quad navies' drill."""
    from bot.kb.editions import edition_clues

    text = "The quadrilateral naval exercise Malabar started on Tuesday. " + sentence
    assert not [why for why, _ in edition_clues(text, gazetteer, date(2026, 12, 3)) if why.startswith("Quad")]


@pytest.mark.parametrize("text, start, end", [
    ("The exercise went on between January 18 and 30 across Kyushu.", "2020-01-18", "2020-01-30"),
    ("Forest Light Middle Army took place between December 1 and 13, 2019.", "2019-12-01", "2019-12-13"),
    # (without "between", "and" joins two days)
    ("The ships called on July 10 and 14.", "2020-07-10", "2020-07-10"),
])
def test_between_one_day_and_another_of_the_same_month_is_a_run(text, start, end):
    from bot.kb.dates import find_dates

    got = [(str(m.date_start), str(m.date_end)) for m in find_dates(text, date(2020, 12, 31))]
    assert got[0] == (start, end)


@pytest.mark.parametrize("text, place", [
    ("Defense Minister Shinjiro Koizumi held talks with visiting U.S. Defense Secretary Pete "
     "Hegseth at the Defense Ministry in Ichigaya, Tokyo, on Wednesday morning.", "Ichigaya"),
    ("Defense Minister Shinjiro Koizumi held talks with visiting U.S. Defense Secretary Pete "
     "Hegseth at the ministry on Wednesday morning.", None),
])
def test_visiting_before_a_title_names_whence_not_where(gazetteer, text, place):  # noqa: F811
    doc = make_doc("visiting", text, date(2025, 10, 29))
    [fact] = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert (fact.location or None) == place


@pytest.mark.parametrize("text, starts", [
    ("following exercises conducted in June and November of the previous year.", ["2024-06-01", "2024-11-01"]),
    ("The drills were held in May, June and July 2023.", ["2023-05-01", "2023-06-01", "2023-07-01"]),
    ("Earlier rounds were held in June and November last year.", ["2024-06-01", "2024-11-01"]),
])
def test_a_list_of_months_takes_the_year_its_last_item_names(text, starts):
    from bot.kb.dates import find_dates

    assert [str(m.date_start) for m in find_dates(text, date(2025, 9, 15))] == starts


def test_the_iteration_a_lone_series_story_counts_is_its_edition(gazetteer):  # noqa: F811
    """"... their trilateral multi-domain exercise, named Freedom Edge ... this marks the third
    iteration of the trilateral drills" (the third is September 2025); "Following the
    inaugural exercise last June" recalls the first, it does not count this one."""
    text = (
        "Seoul: South Korea, the United States, and Japan have initiated their trilateral "
        "multi-domain exercise, named Freedom Edge. The exercise, which commenced on Monday, "
        "spans five days.\n\nAccording to Yonhap, this marks the third iteration of the "
        "trilateral drills, following exercises conducted in June and November of the previous "
        "year.\n\nFollowing the inaugural exercise last June, North Korea condemned the Freedom "
        "Edge drills."
    )
    doc = read_document("fe25", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2025, doc.date_note
    runs = [(f.date_start, f.date_end) for f in extract_document(doc, gazetteer)
            if f.kind == "exercise" and "Freedom Edge" in f.title]
    assert runs == [("2025-09-15", "2025-09-19")]


def test_a_weekday_two_years_allow_takes_the_year_of_the_picture(gazetteer):  # noqa: F811
    """"Tuesday, Sept. 24" is 2019's or 2024's; the picture above is of "Saturday Sept. 28,
    2019": the story is of its picture's year."""
    text = (
        "Japanese Cargo Spaceship Joins Space Station\n\n"
        "The Japanese HTV-8 cargo vehicle captured by the station's robotic arm at 7:12 am EDT on "
        "Saturday Sept. 28, 2019.  Credit: NASA\n\n"
        "CAPE CANAVERAL, FL - Following a nighttime blastoff on Tuesday, Sept. 24 and a four day "
        "orbital chase, Japan's HTV-8 cargo freighter arrived at the International Space Station "
        "Saturday morning, Sept. 28."
    )
    doc = read_document("htv8", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2019, doc.date_note


@pytest.mark.parametrize("name, day", [("Japan's fifth H3 rocket", "2025-02-02"), ("The 4th H3", "2024-11-04")])
def test_an_h3_flight_told_by_its_ordinal_dates_the_story(gazetteer, name, day):  # noqa: F811
    text = f"{name} was successfully launched from the Tanegashima Space Center on " + (
        "Sunday." if day == "2025-02-02" else "Monday.")
    doc = read_document("h3", text, gazetteer, date(2026, 12, 3))
    assert str(doc.date) == day, doc.date_note


def test_a_one_off_summit_held_in_a_month_dates_the_story_to_its_year(gazetteer):  # noqa: F811
    """"Biden, Kishida and Yoon held the Camp David Trilateral Summit in August" (18 August
    2023, the only one): the month it was held in puts the story in 2023, not in the latest
    year the three leaders shared."""
    text = (
        "The United States will set up a space force command post in Japan.\n\n"
        "U.S. President Joe Biden, Japanese Prime Minister Fumio Kishida, and South Korean "
        "President Yoon Suk Yeol held the Camp David Trilateral Summit in August, followed by news "
        "that the U.S. Space Force plans to enter Japan. Japan's Sankei Shimbun reported on "
        "September 14 that the command post would open soon."
    )
    doc = read_document("camp-david", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2023, doc.date_note
    summit = [f for f in extract_document(doc, gazetteer) if "Camp David" in f.title]
    assert [(f.date_start, f.date_end) for f in summit] == [("2023-08-18", "2023-08-18")]


def test_a_release_naming_the_launch_date_takes_its_launch_line(gazetteer):  # noqa: F811
    """A JAXA release "officially decided the launch date and time for the Crew Dragon
    spacecraft (Crew-1)" and gives it on a line of its own below: the launch's day, ahead."""
    text = (
        "New Launch Date of Crew Dragon Spacecraft (Crew-1) with JAXA Astronaut NOGUCHI Soichi\n\n"
        "November 11, 2020 (JST)\n\n"
        "JAXA and partner agencies of the International Space Station project officially decided "
        "the launch date and time for the Crew Dragon spacecraft (Crew-1), which JAXA Astronaut "
        "NOGUCHI Soichi will be onboard with NASA astronauts.\n\n"
        "Launch Date/Time: November 15, 2020 / 9:49 a.m. (Japan Standard Time, JST)\n"
        "November 14, 2020 / 7:49 p.m. (ET)\n"
    )
    doc = read_document("crew1", text, gazetteer, date(2026, 12, 3))
    space = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert [(f.date_start, f.date_end) for f in space] == [("2020-11-15", "2020-11-15")]
    assert space[0].title.endswith("(planned)")


def test_two_leaders_named_in_full_at_a_calendar_summit_date_a_yearless_dateline(gazetteer):  # noqa: F811
    """"TOKYO, Apr 24: Barack Obama and Shinzo Abe were today discussing ... as they met for
    talks": the Tokyo summit of 24 April 2014, not 24 April of 2016, the latest year the two
    shared."""
    text = (
        "Abe, Obama affirm alliance at summit\n\nTOKYO, Apr 24:  Barack Obama and Shinzo Abe were "
        "today discussing the future shape of the Japan-US security alliance as they met for talks "
        "at the start of the president's tour of Asia."
    )
    doc = read_document("abe-obama", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2014, 4, 24), doc.date_note


def test_a_run_told_in_the_present_is_the_coming_one(gazetteer):  # noqa: F811
    """"The Resolute Dragon exercise runs from September 11 to September 25" in a story of 28
    August 2025: this year's run, not last year's."""
    doc = make_doc("rd", "Japan and the United States said the Typhon would join drills. The Resolute "
                   "Dragon exercise with U.S. Marines runs from September 11 to September 25.", date(2025, 8, 28))
    runs = [(f.date_start, f.date_end) for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert runs == [("2025-09-11", "2025-09-25")]


@pytest.mark.parametrize("line", [
    "Last week we just had a phone call right after I had been appointed foreign minister.",
    "I want to again congratulate you on assuming this position.",
])
def test_a_ministers_first_weeks_told_in_remarks(gazetteer, line):  # noqa: F811
    """Remarks at Kamikawa's first meeting with Blinken: her term's first weeks (September
    2023), not the latest year she held the post."""
    text = (
        "Blinken, Kamikawa Prep for US-Japan Foreign Ministers Meeting\n\nFOREIGN MINISTER "
        f"KAMIKAWA: Secretary Blinken, today I am very pleased to see you. {line}\n\n"
        "SECRETARY BLINKEN: It's wonderful to see you so soon after our phone call."
    )
    doc = read_document("kamikawa", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and (doc.date.year, doc.date.month) == (2023, 9), doc.date_note


def test_a_signed_statement_takes_the_day_it_is_dated(gazetteer):  # noqa: F811
    """A digest of "Saturday evening's Mainichi" on a NASA-JAXA joint statement "dated Jan. 24":
    the statement's day, not the paper's."""
    text = (
        "NASA, JAXA sign joint statement on space exploration\n\n"
        "January 27, 2018\n\n"
        "Saturday evening's Mainichi wrote that NASA and JAXA have signed a joint statement on "
        "their partnership in space exploration, including human access to the lunar surface. The "
        "paper wrote that the statement dated Jan. 24 said both agencies will study the deep space "
        "gateway concept."
    )
    doc = read_document("jmh", text, gazetteer, date(2026, 12, 3))
    space = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert space and {(f.date_start, f.date_end) for f in space} == {("2018-01-24", "2018-01-24")}


@pytest.mark.parametrize("text, year", [
    ("Paratroopers jumped into central Queensland for Talisman Sabre. This is the sixth time the "
     "operation has been conducted in the region, with Japanese troops taking part.", 2015),
    # (not a series' count: another actor's)
    ("Talisman Sabre went ahead. It was the sixth time North Korea has fired a missile this year.", None),
])
def test_the_nth_time_an_exercise_is_held_counts_its_edition(gazetteer, text, year):  # noqa: F811
    doc = read_document("ts", text, gazetteer, date(2026, 12, 3))
    assert (doc.date.year if doc.date else None) == year, doc.date_note


def test_a_date_opening_a_line_before_a_bar_and_a_long_byline_dates_the_page(gazetteer):  # noqa: F811
    text = (
        "Marines train with the JGSDF\n\n"
        "14 Oct 2016 | Sgt. Jane Roe The Official United States Marine Corps Public Website\n\n"
        "Marines and soldiers began the exercise on Monday."
    )
    doc = read_document("usmc", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2016, 10, 14), "day"), doc.date_note
    assert doc.date_note.startswith("stated"), doc.date_note  # the page's date, not a mention's


def test_an_exercise_label_beside_a_day_written_with_its_year_is_no_year(gazetteer):  # noqa: F811
    """"Forest Light 16-1" began on "Sept. 6, 2015": the label's 16 is a designation, so the
    yearless "Sept. 7-18" below is 2015's, not 2016's."""
    text = (
        "Marines work with JGSDF during Forest Light 16-1\n\n"
        "Marines and JGSDF members salute marking the beginning of Forest Light 16-1 at Camp "
        "Imazu, Takashima, Japan, Sept. 6, 2015. Forest Light will take place Sept. 7-18 with "
        "240 Marines."
    )
    doc = read_document("fl", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2015, doc.date_note
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert {(f.date_start, f.date_end) for f in facts} == {("2015-09-06", "2015-09-18")}


def test_previous_drills_named_as_examples_do_not_take_the_days_drill(gazetteer):  # noqa: F811
    """A statement condemning "the trilateral exercises on Sunday" that "mentioned previous
    military drills like Freedom Edge": the Sunday drill is its own, not Freedom Edge's."""
    text = (
        "SEOUL, Nov. 5 (Xinhua) -- A senior DPRK official lashed out at the United States, South "
        "Korea and Japan for conducting a joint air drill as a counteraction, insisting the country "
        "will stick to its policy, state media reported Tuesday.\n\nIn a Monday press statement "
        "carried by KCNA, Kim Yo Jong condemned the trilateral exercises on Sunday involving U.S. "
        "strategic bomber B-1B as another outright action.\n\nThe statement also mentioned previous "
        "military drills like Freedom Edge, the first multi-domain joint military exercises between "
        "the United States, Japan and South Korea, and Iron Mace, a nuclear operation drill."
    )
    doc = _read_on("x", text, gazetteer, date(2024, 11, 5))
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    sunday = [f for f in facts if f.date_start == "2024-11-03"]
    assert sunday and all("Freedom Edge" not in f.title for f in sunday), [(f.title, f.date_start) for f in facts]


def test_a_crew_named_below_a_lede_telling_its_arrival_dates_the_story(gazetteer):  # noqa: F811
    """"A Soyuz ... arrived at the International Space Station on Thursday" over "The crew
    comprised ... flight engineer Kimiya Yui": his Soyuz flight of Thursday 23 July 2015, not
    his Crew-11 of a Friday in 2025."""
    text = (
        "A Soyuz spacecraft carrying astronauts from Japan, Russia and the United States arrived "
        "at the International Space Station on Thursday morning after liftoff from Kazakhstan.\n\n"
        "The crew comprised Soyuz commander Oleg Kononenko of Russia, flight engineer Kimiya Yui "
        "of Japan, and flight engineer Kjell Lindgren of the United States."
    )
    doc = read_document("soyuz", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2015, 7, 23), "day"), doc.date_note


@pytest.mark.parametrize("text, published, days", [
    # (a return home "after attending a summit" is not the summit's day)
    ("President Yoon Suk Yeol returned home Sunday after attending a trilateral summit with "
     "U.S. President Joe Biden and Japanese Prime Minister Fumio Kishida at Camp David.\n\n"
     "Friday's meeting brought together the three leaders for their first standalone summit.",
     date(2023, 8, 20), ["2023-08-18"]),  # a Sunday
    # (talks below two ministers told acting together on a day are of that day)
    ("Japanese Foreign Minister Fumio Kishida and U.S. Secretary of State John Kerry on Saturday "
     "condemned North Korea for test-firing a submarine-launched ballistic missile.\n\n"
     "In 30-minute telephone talks, Kishida and Kerry also reaffirmed that their countries will "
     "closely cooperate with South Korea.",
     date(2016, 8, 28), ["2016-08-27"]),  # a Sunday
])
def test_the_day_of_a_meeting_told_beside_another_day(gazetteer, text, published, days):  # noqa: F811
    doc = _read_on("wire", text, gazetteer, published)
    meetings = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [f.date_start for f in meetings] == days


def test_a_post_told_after_the_name_is_a_clue_to_the_year(gazetteer):  # noqa: F811
    text = (
        "Senior defense officials will hold trilateral security talks in Seoul on Thursday. "
        "The U.S. will be represented by Randall Schriver, U.S. Assistant Secretary of Defense for "
        "Indo-Pacific Security Affairs, the ministry said."
    )
    doc = read_document("dtt", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year in (2018, 2019), doc.date_note


@pytest.mark.parametrize("text, start", [
    ("Exercise Forest Light 19.2 Begins Early February", "2019-02-01"),
    ("Marines and JGSDF begin Exercise Forest Light on February 4.", "2019-02-04"),
    # (a start just past stays past)
    ("Exercise Iron Fist begins Jan. 15 at Camp Pendleton.", "2019-01-15"),
])
def test_a_start_told_in_the_present_is_the_nearest_such_day(gazetteer, text, start):  # noqa: F811
    doc = _read_on("fl", f"Marines news\n\n{text}", gazetteer, date(2019, 1, 17))
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert [f.date_start for f in facts] == [start]


def test_a_minister_received_at_the_pentagon_dates_the_calendar_meeting(gazetteer):  # noqa: F811
    """Defense ministers' meetings in Washington are held at the Pentagon (the gazetteer's
    places), and the host "received" his counterpart: Thursday 15 January 2026."""
    text = (
        "Defense Secretary Pete Hegseth received Japanese Defense Minister Shinjiro Koizumi at "
        "the Pentagon Thursday for talks on bilateral security cooperation."
    )
    doc = read_document("menafn", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2026, 1, 15), "day"), doc.date_note


def test_a_joint_statement_titled_for_lunar_exploration_is_space_news_of_its_day(gazetteer):  # noqa: F811
    """A JAXA release: the agencies "signed a “Joint Statement on ... Lunar Exploration and
    Beyond.”" on August 27; the letter it answers, "dated August 9", is not the news."""
    text = (
        "NASA-JAXA Joint Statement\n\n"
        "On August 27, 2018, JAXA and NASA signed a “Joint Statement on Collaborative Efforts for "
        "Lunar Exploration and Beyond.”\n\n"
        "Responding to the letter from NASA Administrator Mr. Jim Bridenstine to JAXA President "
        "Mr. Hiroshi Yamakawa dated August 9, 2018 in which NASA invited Japan to take part in "
        "the Gateway platform orbiting the Moon, the agencies recognized that HTV-X could help."
    )
    doc = _read_on("jaxa", text, gazetteer, date(2018, 9, 7))
    space = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert {f.date_start for f in space} == {"2018-08-27"}, [(f.title, f.date_start) for f in space]
    assert any("Lunar Exploration" in f.title for f in space)
    assert all("Mr" not in f.participants for f in space)  # an honorific is no one's name


def test_drills_in_a_list_of_topics_are_no_exercise(gazetteer):  # noqa: F811
    """"agreed ... on issues ranging from regional security to joint defensive drills": the
    talks of that day, not an exercise."""
    text = (
        "TOKYO, June 29 (Xinhua) -- Japanese and U.S. defense chiefs agreed on Friday in Tokyo to "
        "continue to work together on a number of issues ranging from regional security to joint "
        "defensive drills.\n\nIn the first meeting between Japanese Defense Minister Itsunori "
        "Onodera and his U.S. counterpart Jim Mattis, the pair also discussed the Korean Peninsula."
    )
    doc = _read_on("x", text, gazetteer, date(2018, 6, 29))
    facts = extract_document(doc, gazetteer)
    assert [(f.kind, f.date_start) for f in facts] == [("meeting", "2018-06-29")]


@pytest.mark.parametrize("text", [
    # (a country lodging protests over the drills, an embassy's address)
    "South Korea conducted defense drills near the Dokdo islets on Tuesday. The latest exercise "
    "was held on a similar scale. Japan's foreign ministry said it lodged protests over the latest "
    "drills to the South Korean Embassy in Japan.",
    # (a country scrambling jets to watch, a country a flight came near)
    "Japan scrambled jets to monitor Russian and Chinese bombers conducting joint patrols near its "
    "airspace on Tuesday. Russian agencies said the Russian-Chinese joint flight near Japan lasted "
    "eight hours.",
    # (the ministry that reported it)
    "TOKYO (Reuters) - Japan has scrambled jets to monitor Russian and Chinese air forces "
    "conducting joint patrols around the country, the Japanese defence ministry said late Tuesday.",
])
def test_a_country_reacting_to_drills_or_near_them_is_no_party(gazetteer, text):  # noqa: F811
    doc = _read_on("x", text, gazetteer, date(2025, 12, 10))
    assert [f.title for f in extract_document(doc, gazetteer) if f.kind == "exercise"] == []


def test_a_page_that_only_announces_a_dated_meeting_is_of_that_year(gazetteer):  # noqa: F811
    text = (
        "Tokyo: Japan and the United States will hold a bilateral Extended Deterrence Dialogue "
        "(EDD) in the US from June 21 to 22, 2022. The Japanese side will be represented by two "
        "deputy directors-general, the ministry said in a press release on Tuesday."
    )
    doc = read_document("edd", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2022, 1, 1), "year"), doc.date_note
    meetings = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [(f.date_start, f.date_end) for f in meetings] == [("2022-06-21", "2022-06-22")]


def test_a_japanese_launch_to_the_space_station_is_cooperation(gazetteer):  # noqa: F811
    """A cargo flight to the International Space Station (a NASA-led program) is the
    alliance's space news though the story names no American."""
    text = (
        "Japan's space agency on Sunday successfully launched its new H3 rocket carrying an "
        "unmanned cargo spacecraft on its first mission to deliver supplies to the International "
        "Space Station."
    )
    doc = _read_on("h3", text, gazetteer, date(2025, 10, 27))
    space = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert [f.date_start for f in space] == ["2025-10-26"]


def test_the_spacecraft_carrying_an_astronaut_below_its_launch_dates_the_story(gazetteer):  # noqa: F811
    text = (
        "A Russian Soyuz spacecraft was successfully launched Sunday to the International Space "
        "Station with three astronauts from Japan, Russia and the United States on board.\n\n"
        "The spacecraft carrying Norishige Kanai of the Japan Aerospace Exploration Agency is "
        "expected to arrive at the ISS on Tuesday afternoon."
    )
    doc = read_document("soyuz", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2017, 12, 17), "day"), doc.date_note
    assert doc.date_note.count("Soyuz MS-07") == 1, doc.date_note  # the launch said once


def test_the_nth_space_symposium_dates_an_agreement_signed_there(gazetteer):  # noqa: F811
    """"signed at the 38th Space Symposium" (17-20 April 2023); "when the spacecraft launches
    ... in 2024" is a plan, no year the story looks back on."""
    text = (
        "NASA announced it has partnered with JAXA for Japan's Martian Moons eXploration mission. "
        "The partnership, which NASA Deputy Administrator Pam Melroy and JAXA President Hiroshi "
        "Yamakawa signed at the 38th Space Symposium, calls for NASA to deliver two experiments "
        "when the spacecraft launches to the Red Planet in 2024. The agreement follows an April 11 "
        "exchange of notes."
    )
    doc = read_document("mmx", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and (doc.date.year, doc.date.month) == (2023, 4), doc.date_note


def test_an_agreement_inked_by_a_space_agency_head_is_space_news(gazetteer):  # noqa: F811
    text = "An agreement was inked on April 9th by NASA Administrator Bill Nelson and Masahito Moriyama."
    doc = _read_on("x", text, gazetteer, date(2024, 4, 12))
    space = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert [(f.date_start, "Bill Nelson" in f.participants) for f in space] == [("2024-04-09", True)]


def test_moon_landers_launched_on_a_weekday_date_the_story_by_the_gazetteer(gazetteer):  # noqa: F811
    """Hakuto-R's two launches (11 December 2022, 15 January 2025, the second a Wednesday with
    NASA's Blue Ghost): "moon landers" are space news, and a called-off attempt's day is no
    event."""
    text = (
        "SpaceX achieved a double moonshot on Wednesday, launching two moon landers: Japan's "
        "ispace Hakuto-R Mission 2 and U.S. firm Firefly Aerospace's Blue Ghost. SpaceX had "
        "scrubbed a Jan. 14 attempt."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2025, 1, 15), "day"), doc.date_note
    space = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert [f.date_start for f in space] == ["2025-01-15"]


@pytest.mark.parametrize("text, kind, place", [
    # (where a reaction was said, not where the meetings were)
    ("In Beijing, the Chinese Foreign Ministry said its director-general had met with a Japanese "
     "Embassy official on Friday and expressed serious concern about Japan's moves during Prime "
     "Minister Fumio Kishida's meetings in Washington with President Joe Biden and Philippine "
     "President Ferdinand Marcos Jr.", "meeting", "Washington, D.C."),
    # (where it will be watched: no venue of the drills)
    ("The MSDF's Izumo and the USS Ronald Reagan began joint military exercises on Monday, which "
     "are likely to be interpreted in Beijing as pushback.", "exercise", None),
    # (a guard: the sea named in the lede)
    ("The MSDF's Izumo has joined the USS Ronald Reagan in joint military exercises in the "
     "South China Sea, the MSDF said on Wednesday. The drills, which included combat "
     "training in the waters and airspace of the South China Sea, kicked off on Monday. The "
     "joint exercises are likely to be interpreted in Beijing as pushback.", "exercise", "South China Sea"),
    # (a title's words after "in the")
    ("Minister Masahiko Shibayama met NASA Administrator Jim Bridenstine on Monday and signed a "
     "Joint Statement for Promotion of Cooperation in the Field of Civil Space Activities.", "meeting", None),
    # (a call named as such is held nowhere)
    ("Japan-U.S. Foreign Ministers' Telephone Talk\n\nOn Monday, Foreign Minister Taro Kono held "
     "a telephone talk with Secretary of State Mike Pompeo. Kono was briefed on the talks with "
     "Kim Yong-chol, Deputy Chairman of the Workers' Party in North Korea.", "meeting", None),
])
def test_the_place_of_an_event_not_of_what_is_said_about_it(gazetteer, text, kind, place):  # noqa: F811
    doc = _read_on("x", text, gazetteer, date(2019, 6, 12))
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == kind]
    assert facts and {f.location for f in facts} == {place}, [(f.title, f.location) for f in facts]


def test_a_president_elects_first_meeting_is_of_the_weeks_before_his_term(gazetteer):  # noqa: F811
    """"outgoing President Barack Obama" and "incoming vice president Mike Pence" are the last
    months of one term and the months before the next (late 2016); the day Trump "prepares to
    take office" is no day of the story; "sat down Thursday with" is a meeting."""
    text = (
        "Japan's Abe first leader to meet Trump\n\n"
        "New York (AFP) - Japan's Shinzo Abe sat down Thursday with Donald Trump as he prepares to "
        "take office on January 20.\n\nTrump vowed to tear up a trade pact backed by outgoing "
        "President Barack Obama. Trump and incoming vice president Mike Pence looked forward to "
        "meeting the Japanese leader."
    )
    doc = read_document("afp", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2016, doc.date_note
    doc.date, doc.date_precision = date(2016, 11, 17), "day"
    meetings = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [f.date_start for f in meetings] == ["2016-11-17"]



def test_a_crown_prince_is_named_before_his_enthronement(gazetteer):  # noqa: F811
    """"Crown Prince Naruhito" (to April 2019) beside "President Donald Trump" (from 2017): a
    story of his first term's first years, not of 2020 or the second term."""
    text = (
        "Trump meets crown prince\n\nPresident Donald Trump greeted Crown Prince Naruhito at the "
        "palace, and Prime Minister Shinzo Abe joined them."
    )
    doc = read_document("kyodo", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year in (2017, 2018, 2019), doc.date_note


def test_a_visit_told_at_two_of_its_places_is_the_edition_held_at_both(gazetteer):  # noqa: F811
    """Trump and Abe "talked defense and trade in Washington, then arrived at Trump's winter
    White House at Mar-a-Lago on Friday": the 2017 visit (Washington and Palm Beach, Friday 10
    February), not the Friday summit of 2019 in Washington; a "winter White House" is no White
    House."""
    text = (
        "Trump, Japanese leader arrive in Palm Beach for golf weekend\n"
        "PALM BEACH - President Donald Trump and Japanese Prime Minister Shinzo Abe talked defense "
        "and trade in Washington, then arrived at Trump's winter White House at Mar-a-Lago on Friday "
        "for some golf course diplomacy."
    )
    doc = read_document("pbp", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2017, 2, 10), "day"), doc.date_note
    meetings = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [f.date_start for f in meetings] == ["2017-02-10"]


def test_talks_in_a_where_clause_are_the_subjects_at_that_stop(gazetteer):  # noqa: F811
    text = (
        "Defence Minister Shinjiro Koizumi will deliver remarks at a forum in Hawaii on Monday before "
        "visiting Los Angeles the next day and then Washington, where he is scheduled to hold talks "
        "with his US counterpart Pete Hegseth on Thursday, Kyodo News reported."
    )
    doc = _read_on("ians", text, gazetteer, date(2026, 1, 9))  # a Friday
    talks = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting" and "Pete Hegseth" in f.participants]
    assert [(f.date_start, f.location, "Shinjiro Koizumi" in f.participants) for f in talks] == [
        ("2026-01-15", "Washington, D.C.", True)
    ]


def test_a_full_month_with_a_period_in_a_posted_line_dates_the_page(gazetteer):  # noqa: F811
    text = (
        "U.S. Space Command strengthens ties with Japan\n\nPosted April. 06, 2021 07:48,\n\n"
        "U.S. Space Command and the Japan Air Self-Defense Force have signed an arrangement."
    )
    doc = read_document("donga", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2021, 4, 6), "day"), doc.date_note
    # (a sentence's period after a month is no date: "in April. 6 ships sailed")
    assert [(r.month, r.day) for r in scan("They left in April. 6 ships sailed.")] == [(4, None)]


def test_a_story_announcing_a_day_by_its_weekday_is_of_the_day_before(gazetteer):  # noqa: F811
    text = (
        "US President Joe Biden will kick off his visit to Japan with a meeting with Prime Minister "
        "Fumio Kishida on Thursday. According to the schedule, Biden would be reaching Hiroshima on "
        "Thursday, May 18, for the G7 summit.\n\nIn January 2023, Kishida held talks at the White "
        "House with Biden."
    )
    doc = read_document("rw", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2023, 5, 17), "day"), doc.date_note


@pytest.mark.parametrize("verb, day", [
    ("conducted Japan-U.S. joint exercise Forest Light 17-1 in Tokyo from March 6 to 17", date(2017, 3, 17)),
    # (a run told as going on is dated by its start)
    ("are running Japan-U.S. joint exercise Forest Light 17-1 in Tokyo from March 6 to 17", date(2017, 3, 6)),
])
def test_a_story_of_a_run_told_as_over_is_of_its_last_day(gazetteer, verb, day):  # noqa: F811
    text = f"GSDF and Marines drill\n\nThe GSDF and the U.S. Marine Corps {verb}."
    doc = read_document("jmh", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (day, "day"), doc.date_note


def test_a_new_ministers_first_call_the_day_after_she_took_the_portfolio(gazetteer):  # noqa: F811
    """Kamikawa "assumed the foreign affairs portfolio on Wednesday" (13 September 2023) and
    talked with Blinken "Thursday": the term's first Thursday, though the story recalls her
    predecessor's start ("in the post since November 2021"); Wednesday is her term's day, not
    the call's."""
    text = (
        "Japan's new Foreign Minister Yoko Kamikawa and U.S. Secretary of State Antony Blinken "
        "agreed Thursday to cooperate closely during their first phone talks. Kamikawa, who "
        "assumed the foreign affairs portfolio on Wednesday following a Cabinet reshuffle, told "
        "reporters her talks with Blinken were an important step. She succeeded Yoshimasa Hayashi, "
        "who had been in the post since November 2021."
    )
    doc = read_document("kyodo", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2023, 9, 14), "day"), doc.date_note
    meetings = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert {f.date_start for f in meetings} == {"2023-09-14"}


# ---- session 17


def test_two_editions_of_one_exercise_a_year_and_a_number_are_two_facts(gazetteer):  # noqa: F811
    """A caption's "Cope North 2016" above a story's "Cope North 18" is an older exercise: the
    story's is dated by its own edition (the gazetteer's 14 February-2 March 2018), not the
    caption's."""
    text = (
        "A sailor role-plays a casualty in a relief drill under exercise Cope North 2016.\n\n"
        "Cope North 18, which will last through March 2, is a regular exercise to enhance air "
        "operations between the U.S. Air Force and the Japan Air Self-Defense Force."
    )
    doc = _read_on("pdn", text, gazetteer, date(2018, 2, 12))
    got = sorted((f.date_start, f.date_end) for f in extract_document(doc, gazetteer) if f.kind == "exercise")
    assert got == [("2016-02-10", "2016-02-26"), ("2018-02-14", "2018-03-02")]


@pytest.mark.parametrize("sentence", [
    "Japan and the United States tracked North Korea's ballistic rocket as it sailed overhead on Tuesday.",
    "Japan said the rocket launchers fired by North Korea were a threat to the United States.",
])
def test_a_weapon_is_no_space_activity(gazetteer, sentence):  # noqa: F811
    doc = _read_on("x", sentence, gazetteer, date(2022, 10, 4))
    assert [f for f in extract_document(doc, gazetteer) if f.kind == "space"] == []


def test_a_headlines_region_word_is_no_exercise_name(gazetteer):  # noqa: F811
    """ "F-35s break new ground in Pacific exercise" is the Cope North told below it, held in Guam."""
    text = (
        "Tri-national F-35s break new ground in Pacific exercise, but will cooperation continue?\n"
        "Aircraft from Japan, the US and Australia recently concluded Cope North 25, a trilateral "
        "exercise.\nThe aircraft flew together for the first time during the 3-21 February event "
        "conducted at Andersen Air Force Base in Guam."
    )
    doc = _read_on("x", text, gazetteer, date(2025, 2, 25))
    got = [(f.date_start, f.date_end, f.location) for f in extract_document(doc, gazetteer)]
    assert got == [("2025-02-03", "2025-02-21", "Guam")]


def test_bombers_sequenced_bilateral_missions_with_japanese_fighters_are_an_exercise(gazetteer):  # noqa: F811
    text = (
        "Two U.S. Air Force B-1B bombers, along with Japan Air Self-Defense Force fighters and "
        "Republic of Korea Air Force fighters, participated in a sequenced bilateral mission near "
        "the Korean peninsula on Thursday."
    )
    doc = _read_on("x", text, gazetteer, date(2017, 8, 31))
    got = [(f.kind, f.date_start, f.location) for f in extract_document(doc, gazetteer)]
    assert got == [("exercise", "2017-08-31", "Korean Peninsula")]


def test_the_ledes_weekday_is_not_the_day_of_what_the_news_answers(gazetteer):  # noqa: F811
    """ "in response to North Korea's launch of ICBMs on July 3 and July 28" dates the launches;
    "said ... in a statement Saturday" is not July 28 (a Friday in 2017): no year is claimed."""
    text = (
        "Two B-1B bombers joined Japanese air forces in sequenced bilateral missions.\n"
        "This mission is in direct response to North Korea's launch of intercontinental "
        "ballistic missiles on July 3 and July 28.\n"
        "\"North Korea remains the most urgent threat,\" said the Pacific Air Forces commander in "
        "a statement Saturday."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is None, doc.date_note


def test_an_exercises_label_year_dates_its_day_over_last_years_run(gazetteer):  # noqa: F811
    """ "Sea Dragon 2026 ... March 9": the label's year, though Sea Dragon 2025 also ran on
    March 9 (the gazetteer's 6-18 March) and "In 2025" is written below."""
    text = (
        "Five nations kick off anti-submarine warfare exercise Sea Dragon 2026\n\n"
        "Aircraft from the U.S. Navy and the Japan Maritime Self-Defense Force gathered for the "
        "start of exercise Sea Dragon 2026 at Andersen Air Force Base, March 9.\n\n"
        "In 2022, the JMSDF had the highest total score. The JMSDF successfully defended their "
        "Sea Dragon title in 2023 and 2024. In 2025, the Royal Australian Air Force claimed the "
        "Sea Dragon title, and they are returning this year to defend their title."
    )
    doc = read_document("dvids", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2026, 3, 9), "day"), doc.date_note


def test_a_wire_storys_copyright_year_and_a_month_it_recalls(gazetteer):  # noqa: F811
    """ "© Thomson Reuters 2024." dates the story's year; its news is of a weekday ("said on
    Monday") after the "In April" a later paragraph recalls, which is an activity of its own."""
    text = (
        "U.S., Canada, Japan and Philippines conduct exercises in South China Sea\n\nMANILA\n\n"
        "The United States, Canada, Japan, and the Philippines conducted a two-day joint maritime "
        "exercise in the South China Sea, the U.S. Pacific Fleet said on its website on Monday.\n\n"
        "It involved four warships and a series of maritime maneuvers.\n\n"
        "In April, the Philippines conducted joint maritime activity with Japan, Australia, and "
        "the United States.\n\n© Thomson Reuters 2024."
    )
    doc = read_document("jt", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2024, 1, 1), "year"), doc.date_note
    got = sorted((f.date_start, f.date_precision) for f in extract_document(doc, gazetteer))
    assert got == [("2024-01-01", "year"), ("2024-04-01", "month")]


def test_a_surname_with_its_post_set_after_it_between_commas(gazetteer):  # noqa: F811
    """ "Harris, commander-in-chief of the U.S. Armed Forces in the Pacific, at the recent talks
    with ... Inada": Harry Harris (not Kamala Harris), and the Pacific is his post's, not the
    talks' place."""
    text = (
        "Pyongyang, October 16 (KCNA) -- Harris, commander-in-chief of the U.S. Armed Forces in "
        "the Pacific, at the recent talks with Japanese Defense Minister Inada said that the "
        "U.S.-Japanese relations are a basis of peace."
    )
    doc = read_document("kcna", text, gazetteer, date(2026, 12, 3))
    got = [(f.date_start, f.date_precision, set(f.participants), f.location) for f in extract_document(doc, gazetteer)]
    assert got == [("2016-10-01", "month", {"Harry Harris", "Tomomi Inada"}, None)]


@pytest.mark.parametrize("text, who", [
    # (a transcript's title: two sides before the press together have met)
    ("Joint Press Briefing by Secretary Mattis and Minister Inada in Tokyo, Japan\n\n"
     "STAFF: Now we will begin the joint news conference.", {"Jim Mattis", "Tomomi Inada"}),
    ("Prime Minister Takaichi and President Trump held a substantial exchange of views in a "
     "cordial and warm atmosphere this morning.", {"Sanae Takaichi", "Donald Trump"}),
    # (a headline's surnames are the people named with their posts below it; what one of
    # them did in an earlier term is no part of the meeting)
    ("Rubio Meets Japan's Motegi for Diplomatic Talks\n\nFOREIGN MINISTER MOTEGI: It is a great "
     "pleasure to see you, Mr. Secretary.\n\nDuring President Trump's first term I served as "
     "Japan's chief negotiator in the Japan-U.S. trade talks under Prime Minister Abe.\n\n"
     "SECRETARY RUBIO: Well, thank you for welcoming us.", {"Marco Rubio", "Toshimitsu Motegi"}),
])
def test_meetings_told_by_a_briefing_an_exchange_of_views_or_a_headline(gazetteer, text, who):  # noqa: F811
    doc = _read_on("x", text, gazetteer, date(2025, 10, 28))
    got = [set(f.participants) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [who]


@pytest.mark.parametrize("text, day", [
    # (the post before the name, a comma between; the call is the term's first Saturday)
    ("TOKYO: Japan's new prime minister, Sanae Takaichi, told US President Donald Trump that the "
     "alliance is her top priority, in their first phone call on Saturday.\n\nTrump began their "
     "phone call by congratulating Takaichi on her appointment last Tuesday as prime minister, and "
     "the two also reminisced about late former Japanese premier Shinzo Abe.", date(2025, 10, 25)),
    # (after the name, with "new": the term's first days, not Biden's)
    ("TOKYO: Fumio Kishida, Japan's new Prime Minister, and US President Joe Biden spoke on the "
     "phone for the first time, agreeing to work together.\n\nKishida, who was elected by "
     "Parliament and sworn in on Monday, told reporters that Biden reassured him.", date(2021, 10, 4)),
])
def test_a_new_prime_ministers_post_told_with_a_comma_dates_the_first_call(gazetteer, text, day):  # noqa: F811
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (day, "day"), doc.date_note
    calls = [(f.date_start[:7], set(f.participants)) for f in extract_document(doc, gazetteer)]
    # (the appointment's day is not the call's; the late premier was not on it)
    assert len(calls) == 1 and calls[0][0] == day.isoformat()[:7], calls
    assert "Shinzo Abe" not in calls[0][1]


def test_spoke_late_on_a_weekday_with_is_a_call(gazetteer):  # noqa: F811
    doc = _read_on("x", "Prime Minister Suga spoke late on Sunday with President Biden by phone.", gazetteer, date(2021, 3, 1))
    got = [(f.date_start, set(f.participants)) for f in extract_document(doc, gazetteer)]
    assert got == [("2021-02-28", {"Yoshihide Suga", "Joe Biden"})]


@pytest.mark.parametrize("text, held", [
    ("Trump, Ishiba hold first phone call since April\n\nTOKYO: US President Donald Trump held a "
     "phone call with Japanese Prime Minister Shigeru Ishiba.\n\nThe phone call between the two "
     "leaders was the first since early April when the US ramped up its tariffs.", None),
    # (the defence chiefs' one meeting in Singapore that year, by the calendar: not March)
    ("Meeting in Singapore, Defense Minister Gen Nakatani and Defense Secretary Pete Hegseth "
     "confirmed that they will work together. The defence chiefs agreed to accelerate "
     "coordination after the two countries in March confirmed the start of work on a joint "
     "force headquarters. Nakatani and Hegseth talked about holding a so-called two-plus-two "
     "meeting at an early date.", "2025-05-31"),
])
def test_a_month_the_news_comes_after_is_not_its_month(gazetteer, text, held):  # noqa: F811
    """ "the first since early April", "after the two countries in March confirmed": the
    story is later than that month; its year is what is known. A 2+2 they "talked about
    holding" is no meeting yet."""
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2025, 1, 1), "year"), doc.date_note
    got = [(f.date_precision, f.date_start) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == ([("day", held)] if held else [("year", "2025-01-01")]), got


def test_a_forum_named_with_the_place_it_met_once_dates_the_year(gazetteer):  # noqa: F811
    """ "the G7 leaders' summit in Hiroshima": 2023's (Biden and Modi alone allow 2021-2025)."""
    text = (
        "Anthony Albanese has capped off a year of diplomatic globe-trotting at the G7 leaders' "
        "summit in Hiroshima.\n\nUS president Joe Biden's decision to cancel his visit to "
        "Australia upset the dinner plans of world leaders. Albanese sat down with Biden and "
        "Indian Prime Minister Narendra Modi for a Quad leaders summit on Saturday night."
    )
    doc = read_document("afr", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2023, doc.date_note
    from bot.kb.editions import edition_clues

    clues = dict(edition_clues(text, gazetteer, date(2026, 12, 3)))
    assert [years for why, years in clues.items() if why.startswith("G7")] == [frozenset({2023})], clues
    # (a place where a forum meets every year tells nothing: Shangri-La in Singapore)
    assert edition_clues("Nakatani met Hegseth at the Shangri-La Dialogue in Singapore.", gazetteer, date(2026, 12, 3)) == []


def test_an_exercise_numbered_by_its_year_dates_the_story(gazetteer):  # noqa: F811
    """ "AsterX 24 ... from March 4 to 15" is 2024's, not the 2022 in which Japan observed it."""
    text = (
        "The Japan Self-Defense Force deployed personnel to participate in the AsterX 24 military "
        "space exercise from March 4 to 15, alongside U.S. Space Command.\n\nJapan began "
        "participating in the series as an observer in 2022."
    )
    doc = read_document("chinamil", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2024, doc.date_note
    (ex,) = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert (ex.date_start, ex.date_end) == ("2024-03-04", "2024-03-15")


def test_an_extended_deterrence_dialogue_told_by_its_days_alone(gazetteer):  # noqa: F811
    """ "Held from December 10 to 12": the gazetteer's round of 10-12 December 2024."""
    text = (
        "The United States and Japan concluded a three-day Extended Deterrence Dialogue (EDD) at "
        "the Japanese Ministry of Foreign Affairs. Held from December 10 to 12, the EDD serves as "
        "a key platform for both nations."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2024, doc.date_note


def test_a_plans_written_year_over_an_edition_after_the_series_began(gazetteer):  # noqa: F811
    """ "will hold ... from June 21 to 22, 2022" in a story saying the dialogue began in 2010:
    2022, not the newest of the rounds held after 2010."""
    text = (
        "Tokyo: Japan and the United States will hold a bilateral Extended Deterrence Dialogue "
        "(EDD) in the US from June 21 to 22, 2022. The EDD has been held regularly since 2010."
    )
    doc = read_document("medcom", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2022, doc.date_note


@pytest.mark.parametrize("text, start", [
    # (the date inside the subject: the verb after it is the tense)
    ("Mr. Biden's bilateral summit with Japanese Prime Minister Fumio Kishida on Wednesday will "
     "bring an upgrade in defence ties with Japan.", "2024-04-10"),
    # (an event looked forward to: this June's G7, not last year's)
    ("The leaders eye a trade agreement in time for their expected meeting in mid-June when "
     "Group of Seven leaders gather for a summit in Canada.", "2024-06-13"),
])
def test_a_meeting_ahead_told_without_a_future_verb_before_its_date(gazetteer, text, start):  # noqa: F811
    doc = _read_on("x", text, gazetteer, date(2024, 4, 9))
    got = [f.date_start for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [start], got


def test_two_ministers_who_agreed_on_a_weekday_met_and_a_plan_given_up_is_none(gazetteer):  # noqa: F811
    """ "Kono and his US counterpart, Mike Pompeo, agreed on Monday" is their talks, placed by
    "The ministers, meeting in Amman"; the visit "he will cancel his plans" for is no meeting,
    and "over the Easter weekend" names no place."""
    text = (
        "Kono, Pompeo want North Korea's concrete actions\nApril 30, 2018\nAmman- Japanese Foreign "
        "Minister Taro Kono and his US counterpart, Mike Pompeo, agreed on Monday that North Korea "
        "needs to take concrete actions.\nThe ministers, meeting in Amman, confirmed that they will "
        "continue to work closely.\nNow that Kono held talks with Pompeo, the Japanese minister will "
        "cancel his plans to visit the United States in early May."
    )
    doc = read_document("jiji", text, gazetteer, date(2026, 12, 3))
    got = [(f.date_start, f.location) for f in extract_document(doc, gazetteer)]
    assert got == [("2018-04-30", "Amman")], got


def test_a_holiday_is_no_place(gazetteer):  # noqa: F811
    text = (
        "Japanese Foreign Minister Taro Kono met US Secretary of State Mike Pompeo on Monday.\n"
        "Pompeo made a secret trip to North Korea over the Easter weekend, when he was CIA "
        "director, for talks with Kono."
    )
    doc = _read_on("x", text, gazetteer, date(2018, 4, 30))
    facts = extract_document(doc, gazetteer)
    assert facts and all(f.location != "Easter" for f in facts), [(f.title, f.location) for f in facts]


def test_a_launch_told_a_few_hours_ago_is_of_the_storys_day(gazetteer):  # noqa: F811
    """ "A few hours ago, the Japanese XRISM space telescope ... were launched" dates an
    undated story to the gazetteer's launch day (7 September 2023)."""
    text = (
        "A few hours ago, the Japanese XRISM space telescope and the SLIM Moon lander were "
        "launched from the Tanegashima space center atop an H-IIA rocket. This project was "
        "carried out in collaboration with NASA."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2023, 9, 7), "day"), doc.date_note


def test_said_in_a_press_conference_with_is_a_meeting(gazetteer):  # noqa: F811
    doc = _read_on("x", "President Joe Biden said in a press conference with Prime Minister Fumio Kishida on Wednesday that ties are strong.", gazetteer, date(2024, 4, 11))
    got = [(f.kind, f.date_start, set(f.participants)) for f in extract_document(doc, gazetteer)]
    assert got == [("meeting", "2024-04-10", {"Joe Biden", "Fumio Kishida"})]


def test_how_an_astronaut_came_is_not_the_news_of_his_stay(gazetteer):  # noqa: F811
    """ "who arrived at the ISS by the Crew Dragon Spacecraft (Crew-7), has begun his stay"
    leaves the release's dated sentence ("launched ... on August 26, 2023 ... docked ... on
    August 27") to tell the event; "JAXA ... said that Bennu was one of the valuable asteroid
    samples" is no event."""
    text = (
        "JAXA Astronaut FURUKAWA Satoshi who arrived at the International Space Station (ISS) by "
        "the Crew Dragon Spacecraft (Crew-7), has begun his long-duration stay.\n\nToday, the Crew "
        "Dragon Spacecraft (Crew-7) launched at 16:27 (JST) on August 26, 2023 from Kennedy Space "
        "Center successfully docked with the ISS at 22:16 on August 27, and Astronaut FURUKAWA "
        "Satoshi has started a long-duration stay at the ISS.\n\nMeanwhile, JAXA said "
        "that Bennu was one of the valuable asteroid samples."
    )
    doc = _read_on("jaxa", text, gazetteer, date(2023, 8, 28))
    got = [(f.date_start, f.date_end) for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert got == [("2023-08-26", "2023-08-28")], got


@pytest.mark.parametrize("text, who", [
    # (a White House transcript's title: the remarks open the meeting)
    ("Remarks Prior to a Meeting With Prime Minister Shinzo Abe of Japan in Manila, Philippines\n"
     "President Obama. Well, it is good once again to be with my friend.", {"Shinzo Abe"}),
    ("So, let me just say that we just concluded a 90-minute virtual session between Prime "
     "Minister Fumio Kishida and President Joe Biden.", {"Fumio Kishida", "Joe Biden"}),
])
def test_a_transcripts_meeting(gazetteer, text, who):  # noqa: F811
    doc = _read_on("x", text, gazetteer, date(2015, 11, 19) if "Obama" in text else date(2022, 1, 21))
    got = [set(f.participants) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got and who <= got[0], got


def test_remarks_prior_to_a_meeting_are_of_the_releases_day(gazetteer):  # noqa: F811
    text = (
        "Secretary of State Michael R. Pompeo - Remarks Prior to Meeting with Foreign Minister "
        "Motegi\n\nOctober 6, 2020\n\nGood morning, everyone. Thank you for hosting me, Foreign "
        "Minister Motegi - it's great to see you again."
    )
    doc = read_document("state", text, gazetteer, date(2026, 12, 3))
    got = [(f.date_start, f.date_precision) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [("2020-10-06", "day")], got


def test_two_leaders_at_a_press_briefing_and_their_earlier_meetings(gazetteer):  # noqa: F811
    """The remarks "made by President Biden and Prime Minister Suga at a White House press
    briefing on Friday" tell their summit (16 April 2021, by the calendar); "We've already
    met several times virtually at the G-7 meeting" tells no meeting of its own."""
    text = (
        "Transcript: Biden and Suga press briefing at White House\n\nThis is a transcript of the "
        "opening remarks made by U.S. President Joe Biden and Japanese Prime Minister Yoshihide "
        "Suga at a White House press briefing on Friday.\n\nBIDEN: This is our first in-person "
        "meeting here. We've already met several times virtually at the G-7 meeting and the Quad "
        "Leaders Summit."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2021, 4, 16), "day"), doc.date_note
    got = [(f.date_start, set(f.participants)) for f in extract_document(doc, gazetteer)]
    assert got == [("2021-04-16", {"Joe Biden", "Yoshihide Suga"})], got


def test_a_cargo_ship_departing_the_station_is_space_cooperation(gazetteer):  # noqa: F811
    text = (
        "The Japan Aerospace Exploration Agency's H-II Transfer Vehicle KOUNOTORI9, aka HTV9 will "
        "depart from the International Space Station (ISS) on August 18, with live coverage on NASA "
        "Television."
    )
    doc = _read_on("x", text, gazetteer, date(2020, 8, 14))
    got = [(f.date_start, f.title) for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert [d for d, _ in got] == ["2020-08-18"] and "(planned)" in got[0][1], got


def test_first_talks_a_month_into_a_term_and_a_fiscal_year_agreed_for_later(gazetteer):  # noqa: F811
    """ "their first in-person talks since Kihara assumed the post in last month's cabinet
    reshuffle" dates the story to the month after his term began (September 2023); the fiscal
    year the two agreed "to start procuring" in lies ahead, no floor under the story's year."""
    text = (
        "Japan to Start Buying U.S. Missiles Earlier\n\nWASHINGTON (Jiji Press) - Japan reached "
        "an agreement with the United States on Wednesday to start procuring U.S.-made cruise "
        "missiles in fiscal 2025, a year earlier than planned.\n\nThe agreement was reached in a "
        "meeting between Japanese Defense Minister Minoru Kihara and U.S. Defense Secretary Lloyd "
        "Austin at the Pentagon, their first in-person talks since Kihara assumed the post in "
        "last month's cabinet reshuffle."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2023, 10, 1), "month"), doc.date_note
    assert [(f.kind, f.date_start, f.date_precision) for f in extract_document(doc, gazetteer)] == [
        ("meeting", "2023-10-01", "month")
    ]


def test_a_month_recalled_without_its_year_under_a_day_written_with_it(gazetteer):  # noqa: F811
    """A story that writes "concluded ... on October 31, 2023" writes its own year's days with
    their year: "The first phase, held in July" is July 2023, so the story is of October 31,
    2023, not of a July 2024 that would put it eight months after its own latest day."""
    text = (
        "OKINAWA, Japan - U.S. Marines and the Japan Ground Self-Defense Force concluded the "
        "second phase of their largest integrated training event on October 31, 2023.\n\nThe "
        "first phase, held in July, focused on deliberate planning."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2023, 10, 31), "day"), doc.date_note


def test_these_exercises_names_no_exercise(gazetteer):  # noqa: F811
    """ "These exercises are all-encompassing": a pronoun is no exercise's name."""
    doc = make_doc(
        "these",
        "India, Japan and the United States kicked off a joint naval exercise in the Bay of "
        "Bengal on Thursday.\n\nThese exercises are all-encompassing, starting from one spectrum "
        "to the other, an Indian Navy spokesman said.",
        date(2015, 10, 2),
    )
    got = [(f.date_start, f.title) for f in extract_document(doc, gazetteer)]
    assert len(got) == 1 and got[0][0] == "2015-10-01", got
    assert not got[0][1].startswith("These"), got



def test_a_month_recalled_before_a_written_day_does_not_pick_the_office_holders(gazetteer):  # noqa: F811
    """"following Abe's visit to the U.S. in February" under a 2+2 "on August 17, 2017": the
    February is that year's, recalled; Onodera (Defense Minister again from August 2017) was
    not in office that February, which does not move the story to 2018."""
    text = (
        "Japanese Defense Minister Itsunori Onodera said Thursday that Japan will expand its "
        "missile defenses.\n\nSecretary of State Rex Tillerson, Secretary of Defense Jim Mattis, "
        "Foreign Minister Taro Kono and Defense Minister Itsunori Onodera opened the U.S.-Japan "
        "Security Consultative Committee at the State Department on August 17, 2017.\n\nThe "
        "meeting was convened on instructions from President Donald Trump and Prime Minister "
        "Shinzo Abe following Abe's visit to the U.S. in February."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2017, 8, 17), "day"), doc.date_note


@pytest.mark.parametrize(
    "text,day",
    [
        (  # the caption's "talk at the Pentagon on Wednesday" tells the meeting, by who met where
            "Defense Minister Minoru Kihara, left, and U.S. Defense Secretary Lloyd Austin talk at "
            "the Pentagon on Wednesday.\n\nWASHINGTON (Jiji Press) - Japan reached an agreement "
            "with the United States on Wednesday to buy cruise missiles a year earlier than planned.",
            date(2023, 10, 4),
        ),
        (  # two met in Washington twice (September 2022, January 2023): "first meeting" is the first
            "Secretary of Defense Lloyd J. Austin III told Japanese Defense Minister Yasukazu Hamada "
            "that the alliance is the cornerstone of security.\n\nThe two men met and held meetings "
            "in the Pentagon today. While the two have spoken before, this is Hamada's first "
            "meeting with Austin.",
            date(2022, 9, 14),
        ),
    ],
)
def test_defense_ministers_met_at_the_pentagon_on_their_calendar_day(gazetteer, text, day):  # noqa: F811
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (day, "day"), doc.date_note


def test_a_forums_founders_are_not_at_its_meeting_and_former_dates_the_story(gazetteer):  # noqa: F811
    """ "The meeting was part of the ... Forum (DICAS) established by U.S. President Joe Biden and
    former Japanese Prime Minister Fumio Kishida": the founders are not at the table, and
    "former" puts the story after Kishida's term (to October 2024), while Biden is president."""
    text = (
        "In a meeting held between U.S. Department of Defense Undersecretary William LaPlante and "
        "Japanese Ministry of Defense official Takeshi Ishikawa in Hawaii, the two allies agreed "
        "to study co-production of missiles.\n\nThe meeting was part of the Defense Industrial "
        "Cooperation, Acquisition and Sustainment Forum (DICAS) established by U.S. President "
        "Joe Biden and former Japanese Prime Minister Fumio Kishida."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2024, doc.date_note
    assert "former Japanese Prime Minister Fumio Kishida" in doc.date_note, doc.date_note
    meetings = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert meetings and all(not {"Joe Biden", "Fumio Kishida"} & set(f.participants) for f in meetings), [
        f.participants for f in meetings
    ]


def test_a_wire_pictures_credit_with_several_sources_marks_its_caption(gazetteer):  # noqa: F811
    """"... Hawaii, Nov. 6, 2014. REUTERS/U.S. Navy/Mass Communication Specialist .../Handout"
    is an archive picture's caption: its day is no plan the story announces, nor its year."""
    text = (
        "The guided-missile destroyer USS Sampson arrives for a scheduled port visit in this U.S. "
        "Navy handout picture taken at Joint Base Pearl Harbor-Hickam, Hawaii, Nov. 6, 2014. "
        "REUTERS/U.S. Navy/Mass Communication Specialist 3rd Class John Doe/Handout\n\nThe United "
        "States and Japan successfully tested a new missile defense system on Friday."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is None or doc.date.year != 2014, doc.date_note


def test_a_year_written_after_the_latest_dated_mention_leaves_a_yearless_day_unplaced(gazetteer):  # noqa: F811
    """"in November 1999" and, further down, "in 2006": the story is after 2006, so its
    "January 13" is no day of 2000; nothing says which year it is."""
    text = (
        "Coast Guards of India and Japan held a joint exercise off Chennai on January 13.\n\n"
        "The apprehension of a pirate vessel in November 1999 began regular interaction between "
        "the two Coast Guards.\n\nA Japanese ship visited Chennai after the signing of a "
        "memorandum of cooperation in 2006."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is None, doc.date_note


def test_projected_to_is_a_plan():
    (raw,) = [r for r in scan("They were projected to launch in 2024 but that appears unlikely.") if r.year]
    assert raw.future


def test_the_beginning_of_the_new_year_dates_a_january_story(gazetteer):  # noqa: F811
    """ "the close coordination of the alliance at the beginning of the new year": a January
    story (2026, Takaichi being prime minister from October 2025), and "first met Trump ... in
    October" is the October before."""
    text = (
        "Trump, Takaichi hold phone call\n\nUS President Donald Trump and Japanese Prime Minister "
        "Sanae Takaichi spoke by phone on Friday.\n\nTakaichi said the call reaffirmed the close "
        "coordination of the alliance at the beginning of the new year.\n\nTakaichi, who first met "
        "Trump during his visit to Japan in October, is planning a visit to Washington."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2026, 1, 1), "month"), doc.date_note


def test_a_term_to_come_is_no_part_of_the_summit(gazetteer):  # noqa: F811
    """ "before Donald Trump reenters the White House in January": neither Trump nor January
    belongs to the APEC meeting the sentence reports."""
    doc = make_doc(
        "apec",
        "US President Joe Biden has tried to reassure the leaders of Japan and South Korea as the "
        "allies met on the sidelines of the APEC summit in Peru.\n\nJoe Biden sought to use the "
        "Asia-Pacific Economic Cooperation summit in Peru to shore up relations with key allies "
        "before Donald Trump reenters the White House in January.\n\nBiden met with South Korean "
        "President Yoon Suk Yeol and Japanese Prime Minister Shigeru Ishiba in Lima on Friday.",
        date(2024, 11, 16),
    )
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert facts and all("Donald Trump" not in f.participants and not f.date_start.startswith("2025")
                         for f in facts), [(f.date_start, f.participants) for f in facts]


def test_improved_since_he_took_office_is_no_first_weeks_news(gazetteer):  # noqa: F811
    """"the situation has improved since he took office" tells of the term so far, not of its
    first weeks (Trump's January 2017)."""
    text = (
        "Abe, Trump talk about North Korea\n\nPrime Minister Shinzo Abe and President Donald Trump "
        "highlighted the strength of the alliance.\n\nTrump said the situation with North Korea has "
        "improved since he took office."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) != (date(2017, 1, 1), "month"), doc.date_note
    assert "first weeks" not in (doc.date_note or ""), doc.date_note


@pytest.mark.parametrize(
    "text,year,precision",
    [
        (  # the year after a US presidential election (2016, 2020, 2024) that Trump and Abe share
            "Prime Minister Shinzo Abe welcomed President Donald Trump yesterday.\n\nAbe was the first "
            "to call Trump after the last year's US presidential election.",
            2017, "year",
        ),
        (  # early in Trump's first term, told after its opening days: the year, not January
            "President Donald Trump and Prime Minister Shinzo Abe made a joint statement.\n\nIn the "
            "opening days of his presidency, Mr Trump's diplomacy had a rocky stretch.",
            2017, "year",
        ),
    ],
)
def test_a_term_or_an_election_told_in_passing_dates_the_story(gazetteer, text, year, precision):  # noqa: F811
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and (doc.date.year, doc.date_precision) == (year, precision), doc.date_note


def test_two_stories_each_known_only_to_their_year_stay_two_meetings(gazetteer):  # noqa: F811
    """Abe and Trump met several times in 2017: a story of their talks in Tokyo and
    another of a meeting it places nowhere, each dated only to 2017, are two meetings, not one."""
    from bot.kb.merge import merge_facts

    italy = make_doc("italy", "Prime Minister Shinzo Abe met President Donald Trump in Tokyo.", date(2017, 11, 6))
    florida = make_doc("florida", "President Donald Trump met Prime Minister Shinzo Abe.", date(2017, 2, 12))
    for doc in (italy, florida):
        doc.date, doc.date_precision = date(2017, 1, 1), "year"
    facts = merge_facts(extract_document(italy, gazetteer) + extract_document(florida, gazetteer))
    assert sorted(len(f.sources) for f in facts if f.kind == "meeting") == [1, 1], [
        (f.title, f.date_start, f.sources) for f in facts
    ]


def test_an_activity_named_in_capitals_is_no_place(gazetteer):  # noqa: F811
    """ "takes part in Military Operations in Urban Terrain training at Camp Pendleton": what
    is trained, not where; the camp is the place."""
    text = (
        "A Japan Ground Self-Defense Force soldier takes part in Military Operations in Urban "
        "Terrain training at Camp Pendleton, Calif., Feb. 26, 2017. (Tyler Byther/U.S. Marine Corps)"
        "\n\nJapanese soldiers are gearing up for massive drills."
    )
    doc = _read_on("x", text, gazetteer, date(2017, 2, 27))
    got = [(f.date_start, f.location) for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert ("2017-02-26", "Camp Pendleton") in got, got



def test_a_credit_on_the_line_above_marks_its_caption(gazetteer):  # noqa: F811
    """"REUTERS/Eloisa Lopez" over "A Filipino soldier fires ... April 13, 2023.": the line
    below the credit is a picture's caption, its day no anchor for the story's date."""
    text = (
        "Japan's Self-Defense Forces Eye Joining Balikatan Exercises\n\nREUTERS/Eloisa Lopez\n"
        "A Filipino soldier fires a Javelin anti-tank weapon during the annual US-Philippines "
        "joint military exercises called Balikatan at Fort Magsaysay, Philippines, April 13, 2023.\n\n"
        "Full-scale participation by Japan's Self-Defense Forces is being considered for the "
        "exercises, according to sources."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date != date(2023, 4, 13), doc.date_note


@pytest.mark.parametrize(
    "text", ["US and Japan schedule Biden-Suga meeting for April 16", "The ministry rescheduled the talks for April 16."]
)
def test_a_meeting_scheduled_or_rescheduled_for_a_day_is_a_plan(text):
    (raw,) = [r for r in scan(text) if r.month]
    assert raw.future, raw


def test_a_launch_made_days_after_the_day_planned_is_one_launch_on_the_later_day(gazetteer):  # noqa: F811
    """An editor's note over the original story: "XRISM launched successfully on Thursday,
    Sept. 7", then "On Monday, Aug. 28, JAXA will be launching XRISM". The launch slipped;
    the team wants one launch, on the day it happened."""
    text = (
        "New X-ray observatory to launch\n\n"
        "Editor's note, Sept. 7, 2023: XRISM launched successfully on Thursday, Sept. 7, 2023, "
        "at 7:42 a.m. JST.\n\n"
        "Original story, Aug. 24, 2023: On Monday, Aug. 28, the Japan Aerospace Exploration "
        "Agency (JAXA) will be launching XRISM from the Tanegashima Space Center, with an "
        "instrument built at NASA's Goddard Space Flight Center."
    )
    doc = _read_on("x", text, gazetteer, date(2023, 9, 7))
    got = [(f.date_start, f.title) for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert [d for d, _ in got] == ["2023-09-07"], got


@pytest.mark.parametrize(
    "case, text, year",
    [
        (
            "an office-holder the lede calls new",
            "Defense Minister Nobuo Kishi confirmed Sunday in his first talks with new U.S. defense "
            "chief Lloyd Austin that the Senkaku Islands fall under the security treaty.\n\n"
            "The talks were the first since President Joe Biden took his oath.",
            2021,
        ),
        (
            "an incoming counterpart",
            "Foreign Minister Taro Kono plans to visit the United States to meet his incoming "
            "counterpart, Mike Pompeo, according to government sources.\n\nKono hopes to hear the "
            "views of incoming Secretary of State Pompeo before President Donald Trump meets North "
            "Korea's leader.",
            2018,
        ),
        (
            "a secretary's first trip in the post, 'Secretary Carter' with no department",
            "Remarks by Secretary Carter and Minister Nakatani at a Joint Press Conference\n\n"
            "MINISTER NAKATANI: On Secretary Carter's first trip to Asia as secretary of defense, "
            "he has visited Japan first. Defense Minister Gen Nakatani welcomed him.",
            2015,
        ),
        (
            "a first overseas trip as Pentagon chief",
            "TOKYO (Kyodo) -- U.S. Defense Secretary Jim Mattis arrived in Tokyo on Friday for talks "
            "with Japanese Prime Minister Shinzo Abe.\n\nMattis chose South Korea and Japan for his "
            "first overseas trip as Pentagon chief.",
            2017,
        ),
        (
            "the first leader to meet a president after his election win",
            "US President Trump has gone out of his way to welcome Japanese Prime Minister Shinzo "
            "Abe, who began a two-day visit yesterday.\n\nAbe, the first world leader to meet Trump "
            "in November after his election win, was seeking reassurances.",
            2017,
        ),
    ],
)
def test_a_holder_new_in_the_post_dates_the_story_early_in_the_term(gazetteer, case, text, year):  # noqa: F811
    """Office-holders who served together for years say only which years; a lede calling
    one of them new, incoming, or on a first trip in the post says it is the first of them."""
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == year, (case, doc.date, doc.date_note)


def test_a_goals_deadline_month_does_not_place_the_office_holders(gazetteer):  # noqa: F811
    """"vowed to raise defense spending ... by March": the deadline is months ahead; a new
    premier from October in office by March is no sign the story is of the next year."""
    text = (
        "Japan's new Defense Minister Shinjiro Koizumi will meet U.S. Defense Secretary Pete "
        "Hegseth in Tokyo, the ministry said.\n\nPrime Minister Sanae Takaichi has vowed to "
        "raise defense spending to 2 percent of GDP by March."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2025, (doc.date, doc.date_note)


def test_a_dateline_with_the_day_first_and_no_comma_before_the_year(gazetteer):  # noqa: F811
    """"Washington DC, 19 February 2024 (TDI):" is the story's dateline, whatever later month
    it looks ahead to."""
    text = (
        "US Deputy Secretary calls Japanese Vice Foreign Minister\n\n"
        "Washington DC, 19 February 2024 (TDI): The two officials discussed a free and open "
        "Indo-Pacific.\n\nThey agreed to work for the success of Prime Minister Kishida's "
        "official visit to the US in April of 2024."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2024, 2, 19), "day"), doc.date_note


def test_a_caption_credit_in_square_brackets_marks_a_caption(gazetteer):  # noqa: F811
    """"... Hokkaido Dec. 7, 2021. [AP Photo/Eugene Hoshiko]": an archive picture's day, no
    anchor for the story's year."""
    text = (
        "US, Japan conduct large-scale military exercises in Hokkaido\n\n"
        "The United States and Japan concluded two-week long bilateral drills on Hokkaido on "
        "October 14. Called Resolute Dragon, it involved 1,400 Ground Self-Defense Force troops "
        "and 1,600 US Marines.\n\n"
        "Japanese tanks maneuver during an annual exercise at the Minami Eniwa Camp in Eniwa, "
        "Hokkaido Dec. 7, 2021. [AP Photo/Eugene Hoshiko]\n\n"
        "They were the largest bilateral drills involving US Marines on Japanese soil."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date != date(2021, 12, 7), doc.date_note


def test_the_exercise_called_by_name_names_the_one_just_told(gazetteer):  # noqa: F811
    """A picture of "Keen Sword 23" above the story, then "are holding a large-scale joint
    military exercise" and "The exercise, called "Keen Sword 23", began on Thursday and will
    run through Saturday": one exercise, its run the story's."""
    text = (
        "U.S., Japan hold joint exercise\n\n"
        'USS Ronald Reagan is seen during the joint military exercise "Keen Sword 23" on Monday. '
        "Photo by Keizo Mori/UPI\n\n"
        "Nov. 14, 2022 (UPI) -- The U.S. military and the Japanese Self-Defense Forces are holding "
        "a large-scale joint military exercise around Tokunoshima Island.\n\n"
        'The exercise, called "Keen Sword 23", involving 26,000 Japanese personnel began on '
        "Thursday and will run through Saturday."
    )
    doc = _read_on("x", text, gazetteer, date(2022, 11, 14))
    got = [(f.date_start, f.date_end) for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert got == [("2022-11-10", "2022-11-19")], got


def test_an_exercise_recalled_in_a_quote_by_its_month_this_year(gazetteer):  # noqa: F811
    """"after the successful conduct of Exercise Keen Edge in February this year," said in
    November: the exercise of February, not of the month the speech was reported."""
    text = (
        "Exercise Keen Sword Concludes\n\n"
        "Around 80 Australian Defence Force personnel deployed to Japan to take part in "
        "Exercise Keen Sword.\n\n"
        '"We welcomed the opportunity to continue our military engagements after the '
        'successful conduct of Exercise Keen Edge in February this year," Vice Admiral Justin '
        "Jones said."
    )
    doc = _read_on("x", text, gazetteer, date(2024, 11, 1))
    got = {f.title.split(" ")[1]: f.date_start[:7] for f in extract_document(doc, gazetteer) if f.kind == "exercise"}
    assert got.get("Edge") == "2024-02", got


def test_a_crew_named_under_a_lede_that_tells_the_launch_day(gazetteer):  # noqa: F811
    """"A multinational crew blasted off ... early on July 7" over "... carrying NASA
    astronaut Kathleen Rubins ... and Japanese astronaut Takuya Onishi": Onishi's Soyuz
    launched on 7 July 2016, so the story is of that day; a rocket that blasted off is no
    reaction to anything, and its day is the launch's."""
    text = (
        "Russian Soyuz Rocket Lifts Off With Three Crew For Space Station\n\n"
        "A multinational crew blasted off aboard an upgraded Russian Soyuz rocket from "
        "Kazakhstan early on July 7 for a two-day trip to the International Space Station.\n\n"
        "A NASA TV broadcast showed the rocket lifting off from the Baikonur Cosmodrome carrying "
        "NASA astronaut Kathleen Rubins and Japanese astronaut Takuya Onishi."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2016, 7, 7), doc.date_note
    got = [(f.date_start, f.date_precision) for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert ("2016-07-07", "day") in got, got


def test_an_intention_voiced_at_a_meeting_leaves_the_meeting_past(gazetteer):  # noqa: F811
    """"confirmed their intention to reinforce security cooperation at a meeting ... in Tokyo
    on July 28": the meeting is as past as "confirmed", not a plan for next July."""
    text = (
        "Japan and US confirm intention to reinforce security cooperation\n\n"
        "Japan and the United States confirmed their intention to reinforce security cooperation "
        "at a meeting of their foreign and defense ministers in Tokyo on July 28.\n\n"
        "The talks involved Foreign Minister Yoko Kamikawa and Secretary of State Antony Blinken."
    )
    doc = _read_on("x", text, gazetteer, date(2024, 7, 29))
    got = [f.date_start for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == ["2024-07-28"], got


def test_an_exercise_told_from_its_first_weekday_to_its_last_finds_its_edition(gazetteer):  # noqa: F811
    """"announced the start of a trilateral exercise ... on Thursday", "holding the exercise,
    called Freedom Edge, through Saturday": of the editions, only June 2024's ran Thursday
    to Saturday, so the story is of its first day; and a missile North Korea "fired on
    Wednesday" is not the exercise's day."""
    text = (
        "Japan's Defense Ministry has announced the start of a trilateral exercise with the "
        "United States and South Korea on Thursday in the East China Sea.\n\n"
        "The ministry says the Self-Defense Forces and the US and South Korean militaries are "
        "holding the exercise — called Freedom Edge — through Saturday.\n\n"
        "The start of the exercise comes as the ministry keeps a close watch on North Korea "
        "after it fired a ballistic missile on Wednesday."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2024, 6, 27), doc.date_note
    got = [(f.date_start, f.date_end) for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert got == [("2024-06-27", "2024-06-29")], got


def test_one_weekday_alone_does_not_pick_an_exercises_edition(gazetteer):  # noqa: F811
    """"The Malabar naval exercise ... kicked off on Thursday off the coast of Guam": several
    editions began on a Thursday, and the gazetteer may miss the one meant."""
    text = (
        "The Malabar naval exercise, with the US, India, Japan and Australia, kicked off on "
        "Thursday off the coast of Guam in the Western Pacific."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is None or doc.date.year == 2021, doc.date_note


def test_leaders_who_talked_for_an_hour_met(gazetteer):  # noqa: F811
    """"Biden invited Kishida to his private residence in Delaware on Saturday, where they
    talked for about an hour": a meeting on Saturday."""
    text = (
        "Kishida, Biden: Japan and US remain partners\n\n"
        "Japan's Prime Minister Fumio Kishida and US President Joe Biden have touted each "
        "other's contributions to their countries' ties.\n\n"
        "Biden invited Kishida to his private residence in his home state of Delaware on "
        "Saturday, where they talked for about an hour."
    )
    doc = _read_on("x", text, gazetteer, date(2024, 9, 22))
    got = [(f.date_start, set(f.participants)) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [("2024-09-21", {"Joe Biden", "Fumio Kishida"})], got


def test_her_meeting_with_her_american_counterpart_is_hers(gazetteer):  # noqa: F811
    """"new Defense Minister Tomomi Inada's first visit to the U.S. capital" / "During her
    first meeting with her American counterpart, Defense Secretary Ashton Carter, ...": a
    meeting of Inada and Carter."""
    text = (
        "New Defense Minister Tomomi Inada's first visit to the U.S. capital went smoothly.\n\n"
        "During her first meeting with her American counterpart, Defense Secretary Ashton Carter, "
        "the two denounced North Korea's nuclear test."
    )
    doc = _read_on("x", text, gazetteer, date(2016, 9, 16))
    got = [set(f.participants) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [{"Tomomi Inada", "Ash Carter"}], got


def test_a_post_told_in_lower_case_after_the_name(gazetteer):  # noqa: F811
    """"Keiko Nagaoka, Japan's minister of education, culture, sports, science and technology,
    said": her term (August 2022 to September 2023) held a November 18 in 2022 only."""
    text = (
        "TOKYO, November 18. /TASS/. Japan plans to extend its involvement with the International "
        "Space Station until 2030, Keiko Nagaoka, Japan's minister of education, culture, sports, "
        "science and technology, said."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2022, 11, 18), doc.date_note


def test_an_astronauts_flight_ahead_in_a_month_gives_the_year(gazetteer):  # noqa: F811
    """"Furukawa will join three astronauts aboard Crew Dragon, which will launch ... on or
    after Aug. 17": of his flights, the one launched in August (Crew-7, 2023) is ahead, so the
    story is of 2023; the launch window's first day is the planned launch's."""
    text = (
        "Satoshi Furukawa expresses enthusiasm ahead of flight to ISS in August\n\n"
        "Astronaut Satoshi Furukawa expressed his enthusiasm for space exploration Wednesday.\n\n"
        "Furukawa will join three astronauts from the United States, Europe and Russia aboard the "
        "U.S. commercial spacecraft Crew Dragon, which will launch from the Kennedy Space Center "
        "in Florida on or after Aug. 17, according to NASA."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2023, doc.date_note
    got = [f.date_start for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert "2023-08-17" in got, got


def test_a_preview_by_weekday_is_of_the_weekday_the_lede_says_it_was_told(gazetteer):  # noqa: F811
    """"Koizumi will meet Hegseth on Wednesday morning in Tokyo, the Japanese Defense Ministry
    said Monday": the story is of the Monday before that Wednesday, not of the day before."""
    text = (
        "Japan's new Defense Minister Shinjiro Koizumi will meet with his U.S. counterpart Pete "
        "Hegseth on Wednesday morning in Tokyo, the Japanese Defense Ministry said Monday.\n\n"
        "The meeting would be the first under Prime Minister Sanae Takaichi, who took office "
        "about a week ago."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2025, 10, 27), doc.date_note


def test_spoke_on_a_day_with_is_a_call(gazetteer):  # noqa: F811
    """"Deputy Secretary of State Stephen R. Biegun spoke on December 1 with Japanese Vice
    Foreign Minister Takeo Akiba": a call on December 1."""
    text = (
        "Deputy Secretary Biegun's Call with Japanese Vice Foreign Minister Akiba\n\n"
        "Deputy Secretary of State Stephen R. Biegun spoke on December 1 with Japanese Vice "
        "Foreign Minister Takeo Akiba."
    )
    doc = _read_on("x", text, gazetteer, date(2020, 12, 3))
    got = [(f.date_start, set(f.participants)) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [("2020-12-01", {"Stephen Biegun", "Takeo Akiba"})], got


def test_a_post_told_after_a_generals_name(gazetteer):  # noqa: F811
    """"Gen. Yoshihide Yoshida, chief of staff at the Japanese Self-Defense Forces' Joint Staff,
    has met with Gen. Charles Brown, chairman of the U.S. Joint Chiefs of Staff": a rank is no
    post; the posts told after the names hold together from 2023, and a first trip since
    taking office in September makes the "Nov. 11" dateline 2023's."""
    text = (
        "Tokyo, Nov. 11 (Jiji Press)--Gen. Yoshihide Yoshida, chief of staff at the Japanese "
        "Self-Defense Forces' Joint Staff, has met with Gen. Charles Brown, chairman of the U.S. "
        "Joint Chiefs of Staff, at the Defense Ministry in Tokyo.\n\nThe two top uniformed officers "
        "met on Friday during Brown's first foreign trip since he took office in September."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2023, 11, 11), doc.date_note


def test_an_astronauts_two_stays_years_apart_are_no_window_of_months(gazetteer):  # noqa: F811
    """"Yui using the station's robotic arm": aboard in 2015 (July to December) or 2025-26
    (August to January); the months do not lie within one year, so the most recent year his
    stays allow is the story's, not the year holding most of those months."""
    text = (
        "Japan's upgraded HTV-X cargo spacecraft was captured by the International Space "
        "Station's robotic arm on Wednesday.\n\n"
        "The capture was executed by Japanese astronaut Kimiya Yui using the station's robotic arm."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2025, doc.date_note


def test_a_crew_scheduled_for_blastoff_on_a_weekday_gives_its_flights_year(gazetteer):  # noqa: F811
    """"Soyuz MS-01 commander Anatoly Ivanishin, flight engineer Takuya Onishi and NASA
    astronaut Kate Rubins are scheduled for blastoff ... at 9:36:41 p.m. EDT Wednesday": the
    launch ahead is of the year the gazetteer dates Soyuz MS-01, 2016 (not the latest year
    whose July 6 is a Wednesday)."""
    text = (
        "A veteran cosmonaut, a former airline pilot and a NASA astronaut are making final "
        "preparations for launch July 6 on a two-day flight to the International Space Station.\n\n"
        "Soyuz MS-01 commander Anatoly Ivanishin, flight engineer Takuya Onishi and NASA astronaut "
        "Kate Rubins are scheduled for blastoff from the Baikonur Cosmodrome in Kazakhstan at "
        "9:36:41 p.m. EDT Wednesday."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2016, doc.date_note


def test_an_arrival_told_first_and_its_weekday_in_the_next_paragraph(gazetteer):  # noqa: F811
    """"Takuya Onishi has successfully arrived at the International Space Station aboard the
    SpaceX Crew-10 spacecraft" above "The Crew Dragon spacecraft docked with the ISS on
    Sunday": Crew-10 docked on Sunday 16 March 2025, the story's day."""
    text = (
        "Japanese Astronaut Takuya Onishi Arrives at ISS\n\n"
        "Japanese astronaut Takuya Onishi has successfully arrived at the International Space "
        "Station (ISS) aboard the SpaceX Crew-10 spacecraft. This marks his second journey to "
        "space and the beginning of his six-month mission, where he will conduct experiments.\n\n"
        "Successful Docking\n\n"
        "The Crew Dragon spacecraft docked with the ISS on Sunday, carrying Onishi and three "
        "other astronauts."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2025, 3, 16), doc.date_note


@pytest.mark.parametrize(
    "said, day",
    [
        ("Kamikawa explained to Blinken about her visit to Ukraine on Jan. 7.", None),
        ("Kamikawa told Blinken about her visit to Tokyo's suburbs on Jan. 7.", "2024-01-07"),
    ],
)
def test_one_sides_own_trip_to_a_third_country_is_not_the_talks_day(gazetteer, said, day):  # noqa: F811
    """"Kamikawa explained to Blinken about her visit to Ukraine on Jan. 7": the day of her
    trip, not of the talks; a day told of a trip within the alliance may be theirs."""
    text = f"Foreign Minister Yoko Kamikawa and Secretary of State Antony Blinken held talks.\n\n{said}"
    doc = _read_on("x", text, gazetteer, date(2024, 1, 13))
    got = [f.date_start for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert (day in got) if day else ("2024-01-07" not in got), got


def test_an_exchange_of_opinions_is_a_meeting(gazetteer):  # noqa: F811
    """"On December 19, ... Mr. Fumio Kishida, Minister for Foreign Affairs, exchanged opinions
    with Ms. Caroline Kennedy, U.S. Ambassador to Japan": a meeting that day."""
    text = (
        "Exchange of Views Between Foreign Minister Kishida and U.S. Ambassador Kennedy\n\n"
        "On December 19, commencing at 5:15 p.m. for approximately 45 minutes, Mr. Fumio Kishida, "
        "Minister for Foreign Affairs, exchanged opinions with Ms. Caroline Kennedy, U.S. "
        "Ambassador to Japan."
    )
    doc = _read_on("x", text, gazetteer, date(2016, 12, 19))
    got = [(f.date_start, set(f.participants)) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [("2016-12-19", {"Fumio Kishida", "Caroline Kennedy"})], got


def test_a_launch_date_announced_is_the_day_the_next_sentence_sets(gazetteer):  # noqa: F811
    """"NASA announces the updated launch date for the Crew-11 mission to the International
    Space Station. Set for liftoff on July 31st at 12:09 PM EDT ...": the launch, planned for
    July 31, not a launch on the day of the announcement."""
    text = (
        "Countdown to Crew-11: Launch Date Set!\n\n"
        "Excitement builds as NASA announces the updated launch date for the Crew-11 mission to "
        "the International Space Station (ISS). Set for liftoff on July 31st at 12:09 PM EDT from "
        "Launch Complex 39A at Kennedy Space Center, this mission carries JAXA's Kimiya Yui."
    )
    doc = _read_on("x", text, gazetteer, date(2025, 7, 12))
    got = [f.date_start for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert "2025-07-31" in got and "2025-07-12" not in got[:1], got


@pytest.mark.parametrize(
    "title, met",
    [
        ("Secretary Esper and Minister Kono Press Conference", True),
        ("Japan-US Joint Press Conference", False),  # a section's heading names no one
    ],
)
def test_a_transcript_titled_for_two_officials_before_the_press(gazetteer, title, met):  # noqa: F811
    """"Secretary Esper and Minister Kono Press Conference" over the transcript: the two met."""
    text = (
        f"{title}\n\nSECRETARY OF DEFENSE MARK T. ESPER: Good afternoon, everyone. Minister Kono, "
        "it is a pleasure to host you today. Defense Minister Taro Kono thanked him."
    )
    doc = _read_on("x", text, gazetteer, date(2020, 1, 14))
    got = [set(f.participants) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert ({"Mark Esper", "Taro Kono"} in got) == met, got


def test_a_launch_told_first_and_the_crew_boarding_on_a_weekday_after(gazetteer):  # noqa: F811
    """"The spacecraft Crew Dragon carrying Japanese astronaut Onishi Takuya ... has been
    successfully launched" above "Onishi ... boarded the US private firm SpaceX's craft ... on
    Friday": of Onishi's flights, Crew-10 launched on a Friday (14 March 2025)."""
    text = (
        "Spacecraft carrying Japan astronaut Onishi successfully launched\n\n"
        "The spacecraft Crew Dragon carrying Japanese astronaut Onishi Takuya and three other "
        "crewmembers has been successfully launched on a trip to the International Space Station.\n\n"
        "Onishi, two American astronauts and a Russian cosmonaut boarded the US private firm "
        "SpaceX's craft at NASA's Kennedy Space Center shortly after 4 p.m. local time on Friday."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2025, 3, 14), doc.date_note


@pytest.mark.parametrize(
    "text, day",
    [
        ("TOKYO, Japan - 2016 February 17", (2016, 2, 17, None)),
        ("2015 June 17 - 23 [", (2015, 6, 17, 23)),
    ],
)
def test_a_date_written_year_first(text, day):
    (raw,) = [r for r in scan(text) if r.day]
    assert (raw.year, raw.month, raw.day, raw.end_day) == day, raw


def test_a_weeklys_issue_line_dates_the_page_to_its_last_day(gazetteer):  # noqa: F811
    """"2015 June 17 - 23" over "Okinawa Governor Onaga Takeshi on June 19 met with U.S.
    Ambassador Caroline Kennedy": the issue tells that week's news, the meeting is past."""
    text = (
        "2015 June 17 - 23 [\nPOLITICS]\n"
        "Gov. Onaga informs Kennedy about Okinawans' opposition to US base construction\n|\n"
        "Okinawa Governor Onaga Takeshi on June 19 met with U.S. Ambassador to Japan Caroline "
        "Kennedy for the first time in Tokyo."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2015, 6, 23), doc.date_note
    got = [(f.date_start, f.title) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert any(d == "2015-06-19" and "planned" not in t for d, t in got), got


def test_a_date_recalled_from_decades_before_does_not_pick_the_first_clue_year(gazetteer):  # noqa: F811
    """"Japanese Defense Minister Yasukazu Hamada, Foreign Minister Hayashi Yoshimasa,
    Secretary of State Blinken and Secretary of Defense Lloyd Austin" (2022 or 2023) and "the
    last time anyone reached the moon was in December 1972": the recalled date says nothing
    of which year; the most recent the office-holders allow is the story's."""
    text = (
        "Japanese Defense Minister Yasukazu Hamada, Japanese Foreign Minister Hayashi Yoshimasa, "
        "Secretary of State Blinken, and Secretary of Defense Lloyd Austin at a news conference.\n\n"
        "The last time anyone reached the moon was in December 1972 when Apollo 17 deposited two "
        "astronauts."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2023, doc.date_note


def test_a_plan_dated_with_its_year_outweighs_a_day_recalled_years_before(gazetteer):  # noqa: F811
    """"The flight ... is currently set to take place on Aug. 19, 2015" above "The most recent
    mission took to the skies on Aug. 4, 2013": the story is of 2015, written before the launch,
    not of the day it recalls."""
    text = (
        "Japan prepares to launch Kounotori-5 to Space Station\n\n"
        "Japan is poised to launch its fifth Kounotori vehicle to the International Space Station. "
        "The flight, originally scheduled for August 17, is currently set to take place on Aug. 19, "
        "2015.\n\nThe most recent mission took to the skies on Aug. 4, 2013, with Kounotori-4."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2015, doc.date_note


# Session 20: multilateral meetings, wire ledes told by countries, names as printed.


def test_a_middle_initial_without_its_full_stop_is_part_of_the_name(gazetteer):  # noqa: F811
    """"US Secretary of State Antony J Blinken, Japanese Foreign Minister ... held talks in
    Honolulu": Blinken, not an unknown "Antony", so the talks are an alliance meeting."""
    text = (
        "US Secretary of State Antony J Blinken, Japanese Foreign Minister Yoshimasa Hayashi and "
        "South Korea's Foreign Minister Chung Eui-yong held talks in Honolulu, Hawaii."
    )
    doc = _read_on("x", text, gazetteer, date(2022, 2, 13))
    got = [set(f.participants) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert any({"Antony Blinken", "Yoshimasa Hayashi"} <= p for p in got), got


@pytest.mark.parametrize("subject", ["foreign policy chiefs", "top diplomats", "foreign ministers"])
def test_a_lede_told_by_the_countries_offices_takes_the_ministers_named_after(gazetteer, subject):  # noqa: F811
    """"The foreign policy chiefs of the United States, Japan and South Korea agreed Tuesday
    ..." over a paragraph naming the three ministers: one meeting, with them, in a story whose
    weekday its year alone cannot place."""
    text = (
        f"The {subject} of the United States, Japan and South Korea agreed Tuesday to boost "
        "cooperation in tackling North Korea's missile threat.\n\n"
        "U.S. Secretary of State Antony Blinken, Japanese Foreign Minister Yoko Kamikawa and South "
        "Korean Foreign Minister Park Jin also discussed issues related to China.\n\n"
        "During the tripartite meeting held on the fringes of an APEC gathering in San Francisco, "
        "the top diplomats agreed on the need to share information."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    got = [(set(f.participants), f.location) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert len(got) == 1 and {"Antony Blinken", "Yoko Kamikawa"} <= got[0][0], got
    assert got[0][1] == "San Francisco", got


def test_the_ministers_named_in_the_sentence_after_a_lede_by_offices_are_its_people(gazetteer):  # noqa: F811
    """"Top diplomats of Japan, the United States and South Korea on Sunday agreed ..." / "At a
    meeting in Tokyo, Japanese Foreign Minister Taro Kono and his U.S. and South Korean
    counterparts, Mike Pompeo and Kang Kyung-wha, confirmed ...": one meeting, that Sunday."""
    text = (
        "Japan, U.S., S. Korea to Work toward N. Korea Denuclearization\n"
        "Tokyo- Top diplomats of Japan, the United States and South Korea on Sunday agreed to "
        "enhance trilateral cooperation.\n"
        "At a meeting in Tokyo, Japanese Foreign Minister Taro Kono and his U.S. and South Korean "
        "counterparts, Mike Pompeo and Kang Kyung-wha, confirmed the policy."
    )
    doc = _read_on("x", text, gazetteer, date(2018, 7, 8))
    got = [(f.date_start, set(f.participants)) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert len(got) == 1 and got[0][0] == "2018-07-08" and {"Taro Kono", "Mike Pompeo"} <= got[0][1], got


def test_talks_planned_for_a_weekday_in_a_story_known_only_by_its_year(gazetteer):  # noqa: F811
    """"Biden and Kishida on Wednesday will hold talks" in a page that states no date (its
    office-holders make it 2024): a planned meeting of that year, as talks held "on
    Wednesday" would be, not nothing."""
    text = (
        "Japanese Prime Minister Fumio Kishida and President Joe Biden on Wednesday will hold "
        "talks and take part in a joint news conference."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date_precision == "year", doc.date_note
    got = [(f.date_precision, f.title) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [("year", "Kishida and Biden hold talks (planned)")], got


def test_the_discussion_held_between_two_ministers_is_a_meeting(gazetteer):  # noqa: F811
    """"The military buildup in Guam was part of the discussion held between Secretary of
    Defense Mark Esper and his counterpart, Japan Defense Minister Taro Kono.\""""
    text = (
        "The military buildup in Guam was part of the discussion held between Secretary of "
        "Defense Mark Esper and his counterpart, Japan Defense Minister Taro Kono."
    )
    doc = _read_on("x", text, gazetteer, date(2020, 8, 29))
    got = [set(f.participants) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [{"Mark Esper", "Taro Kono"}], got


@pytest.mark.parametrize(
    "sentence, name",
    [
        # a hyphenated name; after a comma only with its edition's year
        ("Ten U.S. and Japanese destroyers arrived in Apra Harbor as part of the bilateral "
         "exercise, Multi-Sail 2016 (MS-16) last Friday.", "Multi-Sail 2016"),
        ("Coast guard ships of Japan and the U.S. held the exercise Sahyog-Kaijin in the Bay of "
         "Bengal.", "Sahyog-Kaijin"),
    ],
)
def test_an_exercise_named_by_shape_as_printed(gazetteer, sentence, name):  # noqa: F811
    doc = _read_on("x", sentence, gazetteer, date(2016, 3, 8))
    got = [f.title for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert len(got) == 1 and got[0].startswith(name), got


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # A reporter's "Last evening, the Japanese and U.S. leaders held telephone
        # conversations" at a minister's press conference of May 7: the leaders' call, May 6.
        ("Press Conference by Defense Minister Iwaya\n\nTime & Date:\n10:30-10:52 May 7, 2019\n\n"
         "Question:\nLast evening, the Japanese and U.S. leaders held telephone conversations, and "
         "you also said that Japan, the U.S., and the ROK will cooperate with each other.",
         ["2019-05-06"]),
        # A newsletter's item quotes a wire story whole ("JAPAN/NORTH KOREA: “Japanese Prime
        # Minister Shinzo Abe is expected to meet ... on April 26 ... Japan’s foreign and
        # defense ministers will meet with their U.S. counterparts in Washington on Friday
        # ...”"): its sentences are the news, not one long remark (with curly apostrophes
        # inside curly quotes, pysbd keeps the quotation in one sentence).
        ("4/17/2019\n\nJAPAN/NORTH KOREA/NUCLEAR: “Japanese Prime Minister Shinzo Abe is expected to "
         "meet U.S. President Donald Trump at the White House on April 26 to discuss trade and efforts "
         "to contain North Korea’s nuclear program, a U.S. official said on Wednesday. Abe is one of "
         "Trump’s closest allies on the world stage and the U.S. president is planning to visit Tokyo "
         "in late May. Japan was the first stop on Trump’s November "
         "2017 Asia tour and the two leaders played golf. A similar golf outing could be in the "
         "offing for Abe’s visit to Washington. The White House declined to comment. Japan’s foreign "
         "and defense ministers will meet with their U.S. counterparts in Washington on Friday, the "
         "U.S. State Department said. Trump has touted his good relationship with Abe, which has "
         "seen closer security ties given shared concerns about China’s growing power.”",
         ["2019-04-19", "2019-04-26"]),
        # "Monday's Nikkei front-paged a report claiming that President Trump and Prime
        # Minister Abe are expected to sign an agreement ... when they meet in Tokyo on May
        # 27": the paper is of Monday, the meeting of May 27.
        ("President Trump, PM Abe to agree on cooperation in lunar exploration\n\n  • May 20, 2019\n\n"
         "Monday's Nikkei front-paged a report claiming that President Trump and Prime Minister Abe "
         "are expected to sign an agreement on U.S.-Japan cooperation in lunar exploration when they "
         "meet in Tokyo on May 27.",
         ["2019-05-27"]),
    ],
)
def test_the_meetings_of_a_page_dated_by_its_own_lines(gazetteer, text, days):  # noqa: F811
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    got = sorted(f.date_start for f in extract_document(doc, gazetteer) if f.kind == "meeting")
    assert got == days, got


def test_an_earlier_call_recalled_with_its_day_is_a_fact_of_its_own(gazetteer):  # noqa: F811
    """"In today's summit telephone talk, which follows our telephone talk of May 23, President
    Trump and I had a constructive dialogue": today's call, and the call of May 23; the
    sentences after go on about today's."""
    text = (
        "Press Conference by Prime Minister ISHIBA Shigeru Regarding His Summit Telephone Talk with "
        "U.S. President Trump\n\nMay 29, 2025\n\n"
        "Just now, I spoke with President Trump of the United States of America over the telephone "
        "for approximately 25 minutes. In today's summit telephone talk, which follows our telephone "
        "talk of May 23, President Trump and I had a constructive dialogue. We also had an exchange "
        "of views with Secretary of the Treasury Scott Bessent on tariffs."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    got = {f.date_start: set(f.participants) for f in extract_document(doc, gazetteer) if f.kind == "meeting"}
    assert set(got) == {"2025-05-23", "2025-05-29"}, got
    assert got["2025-05-23"] == {"Shigeru Ishiba", "Donald Trump"}, got


def test_a_launch_ahead_told_by_the_clock_and_weekday_in_brackets(gazetteer):  # noqa: F811
    """"... are scheduled to launch the unpiloted H-II Transport Vehicle-9 (HTV-9) on a Japanese
    H-IIB rocket at 1:30 p.m. (2:30 a.m. Thursday, May 21, Japan time)": the flight the
    gazetteer dates in 2020, not the latest year whose May 21 is a Thursday."""
    text = (
        "NASA will broadcast the launch of a Japanese cargo spacecraft to the International Space "
        "Station beginning at 1 p.m. EDT Wednesday, May 20, live on NASA Television.\n\n"
        "The Japan Aerospace Exploration Agency (JAXA) and Mitsubishi Heavy Industries are "
        "scheduled to launch the unpiloted H-II Transport Vehicle-9 (HTV-9) on a Japanese H-IIB "
        "rocket at 1:30 p.m. (2:30 a.m. Thursday, May 21, Japan time) from the Tanegashima Space "
        "Center in southern Japan."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2020, doc.date_note


def test_a_crew_named_on_board_under_a_lede_launch_on_a_weekday(gazetteer):  # noqa: F811
    """"SpaceX's Falcon 9 rocket launched the Crew Dragon space capsule ... on Friday. On board
    are Americans Anne McClain and Nichole Ayers, Japanese Takuya Onishi, and Russian Kirill
    Peskov.": Onishi's flight launched on a Friday (Crew-10, 14 March 2025)."""
    text = (
        "After a few days' delay, SpaceX's Falcon 9 rocket launched the Crew Dragon space capsule "
        "from Kennedy Space Center in Florida to the International Space Station on Friday. On board "
        "are Americans Anne McClain and Nichole Ayers, Japanese Takuya Onishi, and Russian Kirill Peskov."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2025, 3, 14), doc.date_note


def test_a_flight_a_space_agency_is_aiming_to_launch_dates_the_story_by_its_crew(gazetteer):  # noqa: F811
    """"NASA said Friday it is aiming for April 20 at the earliest to launch another SpaceX
    spacecraft that will take this mission Akihiko Hoshide ...": Hoshide's flight ahead
    (Crew-2, 2021), not the latest year whose April 20 is a Friday."""
    text = (
        "NASA said Friday it is aiming for April 20 at the earliest to launch another SpaceX "
        "spacecraft that will take this mission Akihiko Hoshide from Japan and three other "
        "astronauts to the International Space Station."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2021, doc.date_note


def test_a_goals_year_is_no_floor_under_the_storys(gazetteer):  # noqa: F811
    """"NASA's Artemis program to land humans on the moon in 2024" in a story naming NASA
    Administrator Jim Bridenstine (2018-2021): the goal's year does not set him aside."""
    text = (
        "JAXA President Hiroshi Yamakawa and NASA Administrator Jim Bridenstine signed a joint "
        "statement Sept. 24 reaffirming plans to cooperate on lunar exploration.\n\n"
        "Bridenstine met with Japanese officials to discuss NASA's Artemis program to land humans "
        "on the moon in 2024."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and 2018 <= doc.date.year <= 2020, doc.date_note
    later = text.replace("on the moon in 2024", "on the moon as early as 2024")
    doc = read_document("x", later, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and 2018 <= doc.date.year <= 2020, doc.date_note


def test_a_news_services_credit_is_no_venue(gazetteer):  # noqa: F811
    """"DOD NEWS -- Secretary of Defense Lloyd J. Austin III held several meetings ... at the
    Shangri-La Dialogue today": the meetings at the Shangri-La Dialogue, not a ministerial
    meeting "at the Department of Defense" with the Japanese minister it names."""
    text = (
        "DOD NEWS -- Secretary of Defense Lloyd J. Austin III held several meetings with allies "
        "and partners at the Shangri-La Dialogue today.\n\n"
        "He held two trilateral meetings. The first was with Defense Minister Nobuo Kishi of Japan "
        "and South Korean Minister of National Defense Lee Jong-sup."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is None or doc.date.month != 5, doc.date_note
    got = [f.date_start for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert "2022-06-10" in got, (got, doc.date_note)


@pytest.mark.parametrize(
    "text, day",
    [
        ("on July 14 (Thu), 2016", (2016, 7, 14)),
        ("on July 14 (Thursday), 2016", (2016, 7, 14)),
    ],
)
def test_a_date_with_its_weekday_in_brackets_before_the_year(text, day):
    (raw,) = [r for r in scan(text) if r.day]
    assert (raw.year, raw.month, raw.day) == day, raw


def test_a_monthly_press_conference_is_dated_by_the_day_its_notice_gives(gazetteer):  # noqa: F811
    """"JAXA President Monthly Regular Press Conference July 2016" over "Date and time: From
    11:00 - 11:30 a.m. on July 14 (Thu), 2016": the day, not the month's end; and "As you may
    already know, on July 9th, ..." is of that July, not a plan for the next."""
    text = (
        "JAXA President Monthly Regular Press Conference July 2016\n\n"
        "Date and time: From 11:00 - 11:30 a.m. on July 14 (Thu), 2016\n\n"
        "As you may already know, on July 9th, JAXA astronaut Takuya Onishi safely arrived at the "
        "International Space Station and began his long-term stay."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2016, 7, 14), "day"), doc.date_note
    got = [f.date_start for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert got == ["2016-07-09"], got


def test_the_month_of_what_a_story_looks_ahead_to_does_not_date_it(gazetteer):  # noqa: F811
    """"... to cement the relationship as much as possible before the election in November"
    in a briefing on Kishida's state visit: the story is of April 2024 (Kishida left office
    in October), not of November."""
    text = (
        "Thursday Briefing: Japan's Leader Visits Washington\n\n"
        "President Biden welcomed Fumio Kishida, Japan's leader, for a state visit yesterday in "
        "Washington. Later today, both will meet with President Ferdinand Marcos Jr. of the "
        "Philippines for talks.\n\nBiden wants to cement the U.S.-Japan relationship as much as "
        "possible before the election in November."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and (doc.date.year, doc.date.month) == (2024, 4), doc.date_note


def test_a_2_plus_2_written_with_hyphens_is_the_security_consultative_committee(gazetteer):  # noqa: F811
    """"The first "2-plus-2" meetings under President Donald Trump will be held in Washington on
    Thursday" in a page that states no date: the Security Consultative Committee, named."""
    text = (
        "Japan's Foreign Minister Taro Kono and Defense Minister Itsunori Onodera are heading for "
        "the United States for talks with their American counterparts.\n\n"
        "The first \"2-plus-2\" meetings under President Donald Trump will be held in Washington on "
        "Thursday."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    got = [f.title for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert any(t.startswith("Security Consultative Committee") for t in got), (got, doc.date_note)


def test_the_month_a_term_began_does_not_date_the_story(gazetteer):  # noqa: F811
    """"... since the U.S. president began his nonconsecutive second term in January": the
    month his term began, not the story's."""
    text = (
        "During a meeting in New York, Japanese Foreign Minister Takeshi Iwaya, U.S. Secretary of "
        "State Marco Rubio and South Korean Foreign Minister Cho Hyun confirmed that they remain on "
        "the same page on North Korea.\n\nKim's comments marked the first time he has spoken about "
        "Trump since the U.S. president began his nonconsecutive second term in January."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date_precision == "year", doc.date_note


def test_a_meeting_on_the_sidelines_of_a_forum_told_in_the_sentence_after(gazetteer):  # noqa: F811
    """"During the tripartite meeting held on the fringes of an APEC gathering in San
    Francisco" going on about talks a story known only by its year tells: the days of that
    year's APEC, not the whole year."""
    text = (
        "U.S. Secretary of State Antony Blinken, Japanese Foreign Minister Yoko Kamikawa and South "
        "Korean Foreign Minister Park Jin met and discussed issues related to China.\n\n"
        "The tripartite meeting was held on the fringes of an APEC gathering in San Francisco."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    got = [(f.date_start, f.date_end) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [("2023-11-16", "2023-11-17")], (got, doc.date_note)


def test_a_cargo_craft_for_the_astronauts_living_in_the_station_is_alliance_news(gazetteer):  # noqa: F811
    """"Japan on Friday successfully launched a rocket carrying the unmanned cargo spaceship
    Kounotori 6 to deliver supplies for astronauts living in the International Space Station":
    a flight to the station NASA runs with its partners, though no American is named."""
    text = (
        "Tokyo, Dec 10 (IANS) Japan on Friday successfully launched a rocket carrying the unmanned "
        "cargo spaceship Kounotori 6 to deliver supplies for astronauts living in the International "
        "Space Station (ISS)."
    )
    doc = _read_on("x", text, gazetteer, date(2016, 12, 10))
    got = [f.date_start for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert got == ["2016-12-09"], got


# --- session 21 ------------------------------------------------------------------------------


@pytest.mark.parametrize("opening", ["So, on Friday, tomorrow, April 26th,", "And on Friday,", "Now, on Friday,"])
def test_a_weekday_fronted_after_a_spoken_opening_word_takes_the_clauses_tense(gazetteer, opening):  # noqa: F811
    """A briefing's "So, on Friday, tomorrow, April 26th, President Trump is going to host Prime
    Minister Shinzo Abe": the Friday ahead, not the one before."""
    text = (
        f"{opening} President Trump is going to host Prime Minister Shinzo Abe of Japan at the "
        "White House for a series of bilateral meetings."
    )
    doc = _read_on("x", text, gazetteer, date(2019, 4, 25))  # a Thursday
    got = [f.date_start for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == ["2019-04-26"], got


def test_this_april_in_a_story_known_only_by_its_year_is_april_of_that_year(gazetteer):  # noqa: F811
    """"Prime Minister Kishida's official visit to the United States this April" in a
    transcript that states no date (its office-holders make it 2024): April 2024, as "this
    April" is April of the writer's year whatever month it is written in."""
    text = (
        "FOREIGN MINISTER KAMIKAWA: Welcoming Secretary Blinken here, we held talks.\n\n"
        "Prime Minister Kishida’s official visit to the United States this April was of "
        "historical significance."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date.year, doc.date_precision) == (2024, "year"), doc.date_note
    got = [(f.date_start, f.date_end) for f in extract_document(doc, gazetteer)
           if f.kind == "meeting" and "Fumio Kishida" in f.participants]
    assert got == [("2024-04-01", "2024-04-30")], got


def test_the_next_summit_of_a_series_is_not_the_meeting_held_today(gazetteer):  # noqa: F811
    """A minister's press conference after a Quad foreign ministers' meeting: "the next Quad
    Summit Meeting to be held in Japan in the first half of this year" is a plan of its own,
    not today's meeting, and a courtesy call "in the lead-up to the next Quad Summit Meeting"
    does not join it."""
    text = (
        "Friday, February 11, 2022, Melbourne\n\n"
        "Foreign Minister Hayashi: Today, the Japan-Australia-India-U.S. (Quad) Foreign Ministers’ "
        "Meeting was held for approximately two hours with Secretary of State Blinken and External "
        "Affairs Minister Jaishankar.\n\n"
        "The four Ministers will be coordinating closely to ensure the success of the next Quad "
        "Summit Meeting to be held in Japan in the first half of this year."
    )
    doc = _read_on("x", text, gazetteer, date(2022, 2, 11))
    got = sorted((f.date_start, f.date_precision, f.location or "") for f in extract_document(doc, gazetteer)
                 if f.kind == "meeting")
    assert got == [("2022-01-01", "year", "Japan"), ("2022-02-11", "day", "")], got


def test_the_interval_since_the_last_meeting_does_not_make_todays_one_recalled(gazetteer):  # noqa: F811
    """"Welcoming Secretary Blinken here in Tokyo on Monday, we held the Japan-U.S. Foreign
    Ministers' Meeting ... since the last time": the meeting is today's, so the page that states
    no date is dated by who met where, not left at its year."""
    text = (
        "FOREIGN MINISTER KAMIKAWA: Welcoming Secretary Blinken here in Tokyo on Monday, we held "
        "the Japan-U.S. Foreign Ministers’ Meeting for the first time in half a year since the last time."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date_precision == "day" and "by who met where" in doc.date_note, doc.date_note


def test_joining_a_japanese_counterpart_to_launch_a_forum_is_its_meeting(gazetteer):  # noqa: F811
    """"LaPlante joined his Japanese counterpart in Tokyo in mid-June to launch the inaugural
    U.S.-Japan Defense Industrial Cooperation, Acquisition, and Sustainment Forum": the
    forum's first meeting, on the days the calendar gives it."""
    text = (
        "Under Secretary of Defense for Acquisition and Sustainment Dr. William LaPlante joined his "
        "Japanese counterpart in Tokyo in mid-June to launch the inaugural U.S.-Japan Defense "
        "Industrial Cooperation, Acquisition, and Sustainment Forum."
    )
    doc = _read_on("x", text, gazetteer, date(2024, 7, 2))
    got = [(f.date_start, f.location) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [("2024-06-09", "Tokyo")], got


@pytest.mark.parametrize(
    "title",
    [
        "Remarks by Acting Secretary Shanahan at an Enhanced Honor Cordon and Meeting Welcoming "
        "Japanese Minister Of Defense Takeshi Iwaya to the Pentagon",
        "Acting Secretary Shanahan Welcomes Japanese Minister of Defense Takeshi Iwaya to the Pentagon",
    ],
)
def test_a_transcripts_title_welcoming_a_minister_is_a_meeting_of_its_day(gazetteer, title):  # noqa: F811
    """A Pentagon transcript titled "Remarks ... Welcoming Japanese Minister of Defense Takeshi
    Iwaya to the Pentagon" under its date line: their meeting, that day."""
    text = f"{title}\n\nJan. 16, 2019\n\nMinister Iwaya, welcome to Washington."
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date == date(2019, 1, 16), doc.date_note
    got = [(f.date_start, f.date_precision, set(f.participants)) for f in extract_document(doc, gazetteer)
           if f.kind == "meeting"]
    assert got == [("2019-01-16", "day", {"Patrick Shanahan", "Takeshi Iwaya"})], got


def test_two_plus_two_spelt_out_is_the_security_consultative_committee(gazetteer):  # noqa: F811
    """"Thank you for traveling to Washington for the Two Plus Two and for our meeting today",
    in a transcript that states no date (its office-holders make it 2023): the Security
    Consultative Committee, named, on the day the calendar gives its 2023 meeting."""
    text = (
        "Secretary of Defense Lloyd J. Austin III Remarks Welcoming Japanese Minister of Defense "
        "Yasukazu Hamada to the Pentagon\n\nWell good afternoon, Minister Hamada. Thank you for "
        "traveling to Washington for the Two Plus Two and for our meeting today."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    got = [(f.date_start, f.title) for f in extract_document(doc, gazetteer)
           if f.kind == "meeting" and f.title.startswith("Security Consultative Committee")]
    assert [d for d, _ in got] == ["2023-01-11"], (got, doc.date_note)


def test_speaking_alongside_a_leader_at_a_news_conference_is_a_meeting(gazetteer):  # noqa: F811
    """A digest's "Speaking alongside Japanese Prime Minister Fumio Kishida at a news conference
    yesterday, Biden said ...": before the press together, yesterday."""
    text = (
        "Speaking alongside Japanese Prime Minister Fumio Kishida at a news conference yesterday, "
        "Biden said the allies were taking significant steps."
    )
    doc = _read_on("x", text, gazetteer, date(2024, 4, 11))
    got = [(f.date_start, "Fumio Kishida" in f.participants) for f in extract_document(doc, gazetteer)
           if f.kind == "meeting"]
    assert got == [("2024-04-10", True)], got


@pytest.mark.parametrize(
    "sentence, kept",
    [
        # two foreigners the gazetteer does not know, their countries in their titles
        ("Brazilian President Joao Silvaberg met Indian Foreign Minister Raj Kumarappa in Tokyo on Monday.", False),
        # a digest's line of world news
        ("Diplomacy: Belarus President Aleksei Lukovich visits Russia and Suriname’s President "
         "Chandra Santoso visits Beijing.", False),
        # the same shape with the allies' officials is the alliance's
        ("Japanese Deputy Minister Taro Suzukiyama met US Assistant Secretary John Doefield in Tokyo on Monday.", True),
    ],
)
def test_a_person_known_by_shape_is_of_the_country_their_title_names(gazetteer, sentence, kept):  # noqa: F811
    doc = _read_on("x", sentence, gazetteer, date(2024, 4, 11))
    got = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert bool(got) == kept, [f.title for f in got]


def test_a_dated_agreement_unveiled_on_a_weekday_dates_the_story_past_a_month_of_its_proposal(gazetteer):  # noqa: F811
    """"The Artemis Accords, proposed in May to set boundaries ..., have been officially
    unveiled on Tuesday" in a page that states no date: the Tuesday the gazetteer dates the
    Accords' signing (13 October 2020), not a May; the day told by the verb, not the month
    told nearer the name."""
    text = (
        "The Artemis Accords, proposed in May to set reasonable boundaries for the growing number "
        "of countries eager to stake a claim to the Moon, have been officially unveiled on Tuesday."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2020, 10, 13), "day"), doc.date_note


def test_news_following_an_inauguration_is_of_the_terms_first_weeks(gazetteer):  # noqa: F811
    """A digest's "following the inauguration of President Trump, the GOJ is making final
    arrangements for a bilateral summit as early as the first weeks of February": January
    2017, not the latest year Abe and Trump shared; and its "the new U.S. President" is no one
    guessed, Obama and Trump both having held the post that month."""
    text = (
        "Several papers reported that following the inauguration of President Trump, the GOJ is "
        "making final arrangements for a bilateral summit as early as the first weeks of February, "
        "adding that Deputy Prime Minister Aso is expected to accompany Prime Minister Abe. Abe has "
        "been eager to become the first foreign leader to meet with the new U.S. President."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date, doc.date_precision) == (date(2017, 1, 1), "month"), doc.date_note
    people = {p for f in extract_document(doc, gazetteer) for p in f.participants}
    assert "Barack Obama" not in people, people


def test_a_news_conference_with_fellow_crew_members_is_no_meeting(gazetteer):  # noqa: F811
    """"Hoshide attended the news conference with three fellow crew members from NASA and the
    European Space Agency ahead of their liftoff": the crew before the press, not talks."""
    text = (
        "Astronaut Akihiko Hoshide said Monday that he is eager to fly to the International Space "
        "Station.\n\n"
        "Hoshide attended the news conference with three fellow crew members from NASA and the "
        "European Space Agency ahead of their liftoff that is scheduled no earlier than April 20."
    )
    doc = _read_on("x", text, gazetteer, date(2021, 3, 2))
    assert [f.title for f in extract_document(doc, gazetteer) if f.kind == "meeting"] == []


@pytest.mark.parametrize(
    "sentence, year",
    [
        ("Australia took part in the exercise in 2007, but Canberra has not returned to Malabar for "
         "13 years after strong objections from Beijing.", 2020),
        # a duration agreed is no time since
        ("In 2015 the two navies agreed to hold the Malabar drills for 10 years.", None),
    ],
)
def test_a_past_year_and_the_years_since_it_make_the_storys_year(gazetteer, sentence, year):  # noqa: F811
    """A wire story with no date: "Australia participated in the exercise in 2007, but
    Canberra has not returned to Malabar for 13 years" is written in 2020, the Malabar
    Australia rejoined; a duration ("for 10 years") says nothing of it."""
    text = (
        "Australian Defense Minister Reynolds confirmed that Australia will participate in the "
        "Malabar military exercise next month.\n\n" + sentence
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    if year is None:
        assert "years after" not in (doc.date_note or ""), doc.date_note
    else:
        assert doc.date is not None and doc.date.year == year, doc.date_note


def test_an_exercise_told_in_months_of_last_year_is_the_storys_news(gazetteer):  # noqa: F811
    """"Japan, the United States, and Australia conducted a joint command-post exercise from
    late August to mid-September of last year", in a June 2025 story: those months of 2024, not
    a series' history left to the story's month."""
    text = (
        "Japan, the United States, and Australia conducted a joint command-post exercise from late "
        "August to mid-September of last year, but the Ministry of Defense had kept it hidden."
    )
    doc = _read_on("x", text, gazetteer, date(2025, 6, 25))
    got = [(f.date_start, f.date_end) for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert got == [("2024-08-01", "2024-09-30")], got


# --- session 22 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, day",
    [
        # a leader's visit to the other ally's venue: the one summit held there that year
        ("Prime Minister Fumio Kishida’s state visit to the White House has already resulted in "
         "a boost to the alliance.", "2024-04-10"),
        ("President Joe Biden and Prime Minister Fumio Kishida held talks at the White House, "
         "agreeing to upgrade their command structures.", "2024-04-10"),
        # the host at his own venue meets nobody by being there
        ("President Joe Biden spoke at the White House about the alliance and held talks.", None),
    ],
)
def test_a_meeting_told_by_who_met_where_in_a_story_known_by_its_year(gazetteer, sentence, day):  # noqa: F811
    """A story known only to be of 2024 ("Kishida's state visit to the White House"): the
    calendar's one summit of the two held at that venue that year, 10 April, noted as such."""
    doc = read_document("x", sentence, gazetteer, date(2026, 12, 3))
    doc.date, doc.date_precision = date(2024, 1, 1), "year"
    got = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert [f.date_start for f in got if f.date_precision == "day"] == ([day] if day else []), [
        (f.title, f.date_start) for f in got]
    for f in got:
        assert "alliance calendar" in f.summary


def test_an_exercises_run_told_in_the_sentences_after_its_name_picks_its_edition(gazetteer):  # noqa: F811
    """An undated story: "... have begun their Freedom Edge exercises. | The three-day
    exercises began on Thursday ... They are scheduled to run through Saturday." Of the
    series' editions, only the first ran from a Thursday to a Saturday: the story is of 2024
    and the exercise of 27-29 June, not of November's edition that year."""
    text = (
        "The United States, South Korea and Japan have begun their Freedom Edge multi-domain "
        "exercises to build on trilateral military cooperation.\n\n"
        "The three-day exercises began on Thursday, involving naval and aerial assets from each "
        "nation. The drills began on the high seas south of Jeju Island. They feature missile "
        "defense and are scheduled to run through Saturday."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year == 2024, doc.date_note
    got = [(f.date_start, f.date_end) for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert got == [("2024-06-27", "2024-06-29")], got
    # told in the name's own paragraph only as begun, the run's end unknown: no edition picked
    doc = read_document("x", text.replace(" and are scheduled to run through Saturday", ""), gazetteer,
                        date(2026, 12, 3))
    got = [(f.date_start, f.date_precision) for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert all(p != "day" for _, p in got), got


@pytest.mark.parametrize("clue", [
    "attending the 14th edition of the G20 summit",  # the summit's ordinal
    "attending the G20 summit in the city of Osaka",  # its city, told with its kind
])
def test_a_g20_summit_told_by_its_ordinal_or_city_dates_the_story(gazetteer, clue):  # noqa: F811
    """ "Modi ... attending the 14th edition of G20 summit": Osaka's, 2019, where Modi and
    Trump alone allow 2017-2020 and 2025 on."""
    text = (
        f"Prime Minister Narendra Modi is on a two-day visit to Japan, {clue}. Modi held a "
        "trilateral meeting with President Donald Trump and Prime Minister Shinzo Abe."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert (doc.date.year, doc.date_precision) == (2019, "year"), doc.date_note


@pytest.mark.parametrize("line", [
    "PHILIPPINE SEA (Feb. 10, 2021) – USS America conducted flight operations with Japan.",
    "CAMP ASAKA, Saitama, Japan (Dec. 4, 2023) – Soldiers began the command post exercise.",
])
def test_a_navy_releases_date_in_brackets_after_its_place_is_the_storys(gazetteer, line):  # noqa: F811
    """The dateline of a navy or army release ("PHILIPPINE SEA (Feb. 10, 2021) –") states
    its date, though a month it recalls ("in October") comes later in the text."""
    text = line + "\n\nThe ship operated with the Japan Air Self-Defense Force in October."
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    day = [r for r in scan(line) if r.year][0]
    assert (doc.date, doc.date_precision) == (date(day.year, day.month, day.day), "day"), doc.date_note
    assert "dateline" in doc.date_note


@pytest.mark.parametrize("text, place", [
    # a city told with its country and kind
    ("Foreign Minister Toshimitsu Motegi and Secretary of State Mike Pompeo held talks in "
     "Japan's capital Tokyo on Tuesday.", "Tokyo"),
    # an election named for its house is no venue
    ("Prime Minister Shinzo Abe later met President Donald Trump on Tuesday, who congratulated "
     "him on the party's big win in the Lok Sabha 2019 election.", None),
])
def test_where_a_meeting_was_held_told_by_city_not_by_vote(gazetteer, text, place):  # noqa: F811
    doc = _read_on("x", text, gazetteer, date(2020, 10, 8))
    got = [f.location for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [place], got


@pytest.mark.parametrize("text, latest", [
    # the counterpart holds the titled leader's post: Abe as prime minister, to 2020
    ("Prime Minister Narendra Modi on Friday held a trilateral meeting with his Japanese "
     "counterpart Shinzo Abe and President Donald Trump.", 2020),
    # a post the counterpart never held tells nothing: Trump's second term stays possible
    ("President Donald Trump on Friday held talks with his Indian counterpart Narendra Modi.", 2026),
])
def test_a_counterpart_named_without_a_title_holds_the_post_of_the_one_before(gazetteer, text, latest):  # noqa: F811
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is not None and doc.date.year <= latest, doc.date_note
    if latest == 2020:
        assert "Prime Minister Shinzo Abe" in doc.date_note


def test_during_a_meeting_named_in_quotes_is_a_meeting_held(gazetteer):  # noqa: F811
    """ "During the "two-plus-two" talks between top diplomats and defense chiefs of the US
    and Japan, it was revealed ...": the 2+2 was held, kept as date unknown in a page that
    states no date rather than lost."""
    text = (
        "The United States and Japan have announced plans to revamp the US command in Japan.\n\n"
        "During the \"two-plus-two\" talks between top diplomats and defense chiefs of the US and "
        "Japan, it was revealed that the United States would transform U.S. Forces Japan into a "
        "joint force headquarters."
    )
    doc = read_document("x", text, gazetteer, date(2026, 12, 3))
    assert doc.date is None, doc.date_note
    got = [(f.title, f.date_start) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert len(got) == 1 and "Security Consultative Committee" in got[0][0] and got[0][1] is None, got


def test_a_news_conference_held_with_a_leader_is_their_meeting(gazetteer):  # noqa: F811
    """ "At a news conference with Kishida, Biden claimed that US-Japanese space cooperation
    'is taking off'": the two held it together, a meeting of the month the story reports."""
    text = (
        "The United States and Japan have launched a bid to send the first Japanese astronaut to "
        "the Moon.\n\nAt a news conference with Prime Minister Fumio Kishida, President Joe Biden "
        "claimed that US-Japanese space cooperation is taking off."
    )
    doc = _read_on("x", text, gazetteer, date(2022, 5, 24))
    got = [(f.date_start[:7], set(f.participants)) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [("2022-05", {"Fumio Kishida", "Joe Biden"})], got


def test_a_footnotes_number_after_the_stop_ends_the_sentence(gazetteer):  # noqa: F811
    """A paper copied from the web: "... on March 25.[3] In November 2022, ... exercises.[4] On
    January 11, 2023, ... convened the Security Consultative Committee": three sentences, so
    the 2+2 keeps its own day instead of lending it to the sentence before."""
    from bot.kb.sentences import split_sentences

    text = (
        "Taiwan and the U.S. established a Coast Guard Working Group on March 25.[3] In November "
        "2022, U.S. and Japanese warships conducted joint exercises.[12] On January 11, 2023, "
        "Secretary of State Antony Blinken and Foreign Minister Yoshimasa Hayashi convened the "
        "Security Consultative Committee."
    )
    assert [s.text[:12] for s in split_sentences(text)] == ["Taiwan and t", "In November ", "On January 1"]
    doc = _read_on("x", text, gazetteer, date(2023, 11, 24))
    got = [(f.kind, f.date_start) for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert got == [("meeting", "2023-01-11")], got
