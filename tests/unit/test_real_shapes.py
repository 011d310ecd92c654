"""The shapes real readouts, wire stories and newsletters report events in (issue 11).

One case per failure class found on real public texts; every text here is written for the
test in the same shape (the real ones are third-party and stay out of the repository).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.kb.extract.facts import extract_document
from bot.kb.merge import merge_facts
from tests.unit.test_facts import check_provenance, gazetteer, make_doc, surnames  # noqa: F401

# (case, document date, text, expected facts: (kind, date_start, precision, surnames, words))
# `words`: lower-case words the fact's title or summary must carry. Exactly these facts.
SHAPES = [
    (
        "hosting a person is a meeting",
        date(2025, 2, 4),
        "WASHINGTON - President Donald Trump will host Prime Minister Shigeru Ishiba of Japan "
        "at the White House on February 7, a spokeswoman told reporters on Monday.",
        [("meeting", "2025-02-07", "day", {"Trump", "Ishiba"}, ["white house"])],
    ),
    (
        "telephone talks",
        date(2023, 9, 29),
        "Defense Minister Minoru Kihara held telephone talks with U.S. Defense Secretary Lloyd "
        "Austin on Thursday and agreed to deepen cooperation.",
        [("meeting", "2023-09-28", "day", {"Kihara", "Austin"}, ["telephone"])],
    ),
    (
        "a working lunch at a first in-person meeting",
        date(2025, 2, 8),
        "Prime Minister Shigeru Ishiba and President Donald Trump sat down for a working lunch "
        "at the White House on Friday, their first in-person meeting.",
        [("meeting", "2025-02-07", "day", {"Ishiba", "Trump"}, ["working lunch"])],
    ),
    (
        "a forum named in a reference that the sentence reports as held",
        date(2023, 1, 14),
        "The pledge is in a joint statement of the 2023 Japan-U.S. Security Consultative "
        "Committee, held Wednesday by the two countries' foreign and defense ministers.",
        [("meeting", "2023-01-11", "day", set(), ["security consultative committee"])],
    ),
    (
        "co-hosting a year-named forum",
        date(2024, 7, 20),
        "Defense Minister Minoru Kihara and Foreign Minister Yoko Kamikawa will co-host the "
        "2024 Japan-U.S. Security Consultative Committee in Tokyo with Secretary of Defense "
        "Lloyd Austin and Secretary of State Antony Blinken on July 28, 2024.",
        [
            (
                "meeting",
                "2024-07-28",
                "day",
                {"Kihara", "Kamikawa", "Austin", "Blinken"},
                ["security consultative committee"],
            )
        ],
    ),
    (
        "an exercise dated in one sentence and named in the next",
        date(2022, 11, 10),
        "Tokyo, Nov. 10 (Wire Service)--Japanese and U.S. forces started large-scale joint "
        "military training Thursday.\n\nThe Keen Sword exercise, staged every second year, "
        "covers the waters and skies around the Japanese islands.",
        [("exercise", "2022-11-10", "day", set(), ["keen sword"])],
    ),
    (
        "the drills named after they are dated",
        date(2022, 10, 18),
        "Joint military drills involving the United States and Japan have been scheduled for "
        "November 10, the ministry said.\n\nThe drill, dubbed Keen Sword, takes place "
        "biennially and will run until November 19.",
        [("exercise", "2022-11-10", "day", set(), ["keen sword"])],
    ),
    (
        "an undated meeting in a digest is kept, dated to the month reported",
        date(2022, 5, 20),
        "Foreign Minister Yoshimasa Hayashi met Secretary of State Antony Blinken in "
        "Washington to discuss export controls.",
        [("meeting", "2022-05-01", "month", {"Hayashi", "Blinken"}, ["washington"])],
    ),
    (
        "a meeting with no Japanese or U.S. party is not an alliance fact",
        date(2024, 3, 5),
        "Chinese President Xi Jinping met Russian President Vladimir Putin in Beijing on "
        "Monday to discuss trade.",
        [],
    ),
    (
        "a trilateral's parties include all three countries",
        date(2025, 3, 25),
        "A naval drill by South Korea, Japan and the United States was held south of Jeju "
        "on Monday, with a destroyer from each navy.",
        [("exercise", "2025-03-24", "day", set(), ["drill"])],
    ),
    (
        "the day a plan was announced is not the day of the plan",
        date(2024, 5, 25),
        "The ministry announced on Friday that the Self-Defense Forces will join the Valiant "
        "Shield exercise.\n\nSome 4,000 SDF members are to be involved in the exercise, which "
        "is scheduled for June 7 to 18.",
        [("exercise", "2024-06-07", "day", set(), ["valiant shield"])],
    ),
    (
        "the year a series began does not date this edition",
        date(2024, 5, 25),
        "Valiant Shield, which started in 2006, involves about 10,000 personnel.\n\nThe "
        "Self-Defense Forces will take part in this year's Valiant Shield exercise for the "
        "first time.",
        # this year's edition: the gazetteer's calendar gives its days (extract/calendar.py)
        [("exercise", "2024-06-07", "day", set(), ["valiant shield"])],
    ),
    (
        "a space force launching a unit is space news",
        date(2024, 12, 4),
        "On Wednesday the U.S. Space Force launched a new unit at Yokota Air Base outside Tokyo.",
        [("space", "2024-12-04", "day", set(), ["unit"])],
    ),
    (
        "an agreement signed to expand space cooperation",
        date(2023, 1, 14),
        "Japan and the United States signed an agreement Friday that widens space "
        "cooperation between them.",
        [("space", "2023-01-13", "day", set(), ["agreement"])],
    ),
    (
        "a named agreement with no actor goes on about the space news before it",
        date(2023, 1, 14),
        "The United States and Japan signed an agreement Friday to expand space cooperation. "
        "The Framework Agreement on Space Cooperation covers lunar exploration and the Moon.",
        [("space", "2023-01-13", "day", set(), ["framework agreement"])],
    ),
    (
        "a program named with no one acting is not news of its own",
        date(2023, 1, 14),
        "The Artemis program aims to return astronauts to the Moon.",
        [],
    ),
    (
        "a misspelt headline naming the forum is the meeting the story reports",
        date(2025, 10, 28),
        "Japan-US Forein Ministers' Meeting\n\nOn October 28, for about an hour, Mr. Toshimitsu "
        "Motegi, Japan's Minister for Foreign Affairs, held a Foreign Ministers' Meeting in "
        "Tokyo with Secretary of State Marco Rubio.",
        [("meeting", "2025-10-28", "day", {"Motegi", "Rubio"}, ["foreign ministers"])],
    ),
    (
        "the defense chiefs of two countries in a wire lede",
        date(2025, 3, 30),
        "Tokyo, March 30 (Wire Service)--The defense chiefs of the U.S. and Japan agreed "
        "Sunday to tighten their command links.\n\nAt their meeting in Tokyo, Defense Secretary "
        "Pete Hegseth and Defense Minister Gen Nakatani built on the outcome of a summit between "
        "President Donald Trump and Prime Minister Shigeru Ishiba in February.",
        [("meeting", "2025-03-30", "day", {"Nakatani", "Hegseth"}, ["tokyo"])],
    ),
    (
        "the day of a journey is not the day of the talks it is for",
        date(2025, 2, 6),
        "Tokyo, Feb. 6 (Wire Service)--Prime Minister Shigeru Ishiba left for "
        "Washington on Thursday to hold a first round of talks with President Donald Trump."
        "\n\nIshiba hopes to underline the alliance's value.\n\nHe is due to land on "
        "Thursday evening, local time.\n\nTheir summit will be held on Friday at the White "
        "House.",
        [("meeting", "2025-02-07", "day", {"Ishiba", "Trump"}, ["white house"])],
    ),
    (
        "the date of a since-clause is not the talks' date",
        date(2023, 9, 29),
        "Defense Minister Minoru Kihara and Defense Secretary Lloyd Austin held telephone talks "
        "on Thursday.\n\nKihara said the call was useful.\n\nHe spoke to reporters.\n\n"
        "It was the pair's first call since Kihara took up the post earlier "
        "this month.",
        [("meeting", "2023-09-28", "day", {"Kihara", "Austin"}, ["telephone"])],
    ),
    (
        "a yearless end of a run placed in the past belongs to next year",
        date(2020, 1, 28),
        "This year's Northern Viper exercise, which opened Sunday and ends Feb. 8, brings "
        "together Ground Self-Defense Force soldiers and U.S. Marines.",
        [("exercise", "2020-01-26", "day", set(), ["northern viper"])],
    ),
    (
        "a ministry's title over a telecon readout is that call",
        date(2022, 8, 16),
        "Japan-U.S. Defense Ministerial Telephone Conference\n\nOn August 16, Defense Minister "
        "Yasukazu Hamada held a telecon with U.S. Defense Secretary Lloyd Austin.The two "
        "Ministers agreed to hold a “2+2” at the earliest possible date.",
        [("meeting", "2022-08-16", "day", {"Hamada", "Austin"}, ["telephone conference"])],
    ),
    (
        "a forum someone came to attend, or a summit prepared for, is not this meeting",
        date(2023, 4, 17),
        "On April 17, Foreign Minister Yoshimasa Hayashi held a meeting with Secretary of "
        "State Antony Blinken, who is visiting Japan to attend the G7 Foreign Ministers' "
        "Meeting.\n\nAhead of the Japan-U.S. Summit Meeting scheduled for the following week, "
        "Hayashi coordinated policies with Blinken.",
        [("meeting", "2023-04-17", "day", {"Hayashi", "Blinken"}, ["meeting"])],
    ),
    (
        "an exercise this one replaces is named in passing, not reported",
        date(2021, 12, 4),
        "Ground troops and U.S. Marines kicked off the Resolute Dragon exercise on Saturday."
        "\n\nThe drill is an alternative to the Northern Viper exercise held in Hokkaido.",
        [("exercise", "2021-12-04", "day", set(), ["resolute dragon"])],
    ),
    (
        "will meet, and a definite summit of the same people past another summit",
        date(2023, 1, 10),
        "Prime Minister Fumio Kishida will meet President Joe Biden in Washington on Friday."
        "\n\nJapan prepares to host a Group of Seven summit scheduled for May 19 to 21 in "
        "Hiroshima.\n\nThe Kishida-Biden summit will be preceded by security talks.",
        [
            ("meeting", "2023-01-13", "day", {"Kishida", "Biden"}, ["washington"]),
            ("meeting", "2023-05-19", "day", set(), ["g7"]),
        ],
    ),
    (
        "a headline's day and the lede's month are one meeting",
        date(2021, 12, 15),
        "Hayashi and Kishi likely to meet Blinken and Austin in Washington on January 7\n\n"
        "The government plans to send Defense Minister Nobuo Kishi and Foreign Minister "
        "Yoshimasa Hayashi to the United States in January for talks with their counterparts, "
        "Defense Secretary Lloyd Austin and Secretary of State Antony Blinken.",
        [("meeting", "2022-01-07", "day", {"Hayashi", "Kishi", "Blinken", "Austin"}, [])],
    ),
    (
        "a forum named as an object is not a meeting",
        date(2024, 4, 19),
        "President Joe Biden and Prime Minister Fumio Kishida announced plans to upgrade "
        "command and control, tasking the Security Consultative Committee with the details.",
        [],
    ),
    (
        "defense chiefs' joint news conference, and the meetings behind it",
        date(2024, 5, 3),
        "Defense chiefs from Japan, Australia and the U.S. agreed to expand cooperation during "
        "their first joint news conference Thursday in Hawaii.\n\nAt the meetings, U.S. "
        "Secretary of Defense Lloyd Austin hosted Japanese Defense Minister Minoru Kihara and "
        "Australian defense chief Richard Marles in Honolulu.",
        [("meeting", "2024-05-02", "day", {"Austin", "Kihara", "Marles"}, ["honolulu"])],
    ),
    (
        "a visit's separate meetings are one fact each",
        date(2023, 1, 20),
        "- President Joe Biden and Prime Minister Fumio Kishida held a summit meeting in "
        "Washington January 13. Kishida also met with Vice President Kamala Harris and gave a "
        "speech.",
        [
            ("meeting", "2023-01-13", "day", {"Biden", "Kishida"}, ["summit"]),
            ("meeting", "2023-01-13", "day", {"Kishida", "Harris"}, []),
        ],
    ),
    (
        "surnames in parentheses after their posts",
        date(2023, 1, 20),
        "- US Secretaries of State (Blinken) and Defense (Austin) met with Japanese Ministers "
        "for Foreign Affairs (Hayashi) and Defense (Hamada) in Washington on January 11.",
        [("meeting", "2023-01-11", "day", {"Blinken", "Austin", "Hayashi", "Hamada"}, [])],
    ),
    (
        "an edition year, a plan that does not absorb a past patrol, next month's exercise",
        date(2025, 3, 29),
        "Japan to Join Balikatan 2025\n\nOn Friday, the destroyer JS Noshiro joined USS Shoup "
        "for a joint patrol in the South China Sea.\n\nJapan held a first joint patrol with "
        "Philippine forces last April before Balikatan 2024.\n\nJapanese, American and "
        "Philippine troops are due to join next month's exercise.",
        [
            ("exercise", "2025-04-21", "day", set(), ["balikatan"]),  # its edition's days
            ("exercise", "2025-03-28", "day", set(), ["joint patrol"]),
            ("exercise", "2024-04-22", "day", set(), ["balikatan 2024"]),  # another edition
        ],
    ),
    (
        "forces meeting with no person named, and a countries' summit by its shape",
        date(2023, 9, 19),
        "Japan's Air Self-Defense Force and the US Space Force held their inaugural space "
        "domain discussions in July at Yokota Air Base.\n\nThe plan follows the "
        "US-Japan-ROK summit held at Camp David on Aug 18.",
        [
            ("meeting", "2023-07-01", "month", set(), ["space force", "air self-defense force"]),
            ("meeting", "2023-08-18", "day", set(), ["camp david"]),
        ],
    ),
    (
        "a space command opened: the agency itself is the news",
        date(2024, 12, 15),
        "On December 4 a U.S. Space Command unit opened at Yokota Air Base, west of central Tokyo.",
        [("space", "2024-12-04", "day", set(), ["space"])],
    ),
    (
        "talks after an earlier two-plus-two told in the same sentence; an aim is no exercise",
        date(2024, 7, 29),
        "The U.S. and Japanese defense chiefs agreed on Monday in Tokyo to move faster on "
        "command ties. Defense Secretary Lloyd Austin and Defense Minister Minoru Kihara also "
        "affirmed promoting joint exercises. Austin and Kihara held their talks at the defense "
        "ministry after the United States and Japan had held a two-plus-two meeting in Tokyo "
        "on Sunday.",
        [
            ("meeting", "2024-07-29", "day", {"Kihara", "Austin"}, ["tokyo"]),
            ("meeting", "2024-07-28", "day", set(), ["two-plus-two"]),
        ],
    ),
    (
        "an exercise's end told first, its name and start after; another series named aside",
        date(2024, 6, 29),
        "South Korea, the United States and Japan will conclude their first trilateral military "
        "exercise Saturday, the Joint Chiefs of Staff said.\n\nTitled Freedom Edge, the "
        "three-day exercise began in waters south of Jeju on Thursday.\n\nThe name comes from exercises the "
        "U.S. holds regularly with each ally, Freedom Shield with South Korea.",
        [("exercise", "2024-06-27", "day", set(), ["freedom edge"])],
    ),
    (
        "a spokesperson answering about a meeting is not at it",
        date(2023, 1, 13),
        "Chinese foreign ministry spokesperson Wang Wenbin criticized the U.S.-Japan “2+2” "
        "meeting, held Wednesday in Washington.",
        [("meeting", "2023-01-11", "day", set(), ["2+2"])],
    ),
    (
        "a sentence that only dates the activity before it",
        date(2025, 3, 29),
        "Manila: Japan, the United States and the Philippines conducted a multilateral "
        "Maritime Cooperative Activity inside the Philippines' exclusive economic zone.\n\n"
        "This maritime cooperation was conducted Friday as tensions rose.",
        [("exercise", "2025-03-28", "day", set(), ["maritime cooperative activity"])],
    ),
    (
        "a critic's reaction day and the critic are not the drill's",
        date(2025, 2, 25),
        "North Korea slammed the US, Japan and France on Tuesday over a recent joint naval "
        "drill.\n\nThe joint exercise was conducted by the three allies earlier this month near "
        "the Philippines, with aircraft carriers and a Japanese destroyer.",
        [("exercise", "2025-02-01", "month", set(), ["drill"])],
    ),
    (
        "a prime minister's office readout: held discussions from a time for so many minutes",
        date(2021, 3, 16),
        "On March 16, from 09:20 for approximately 75 minutes, Prime Minister Yoshihide Suga "
        "held discussions with Secretary of State Antony Blinken and Secretary of Defense "
        "Lloyd Austin at the Prime Minister's Office.",
        [("meeting", "2021-03-16", "day", {"Suga", "Blinken", "Austin"}, ["discussions"])],
    ),
    (
        "met today with",
        date(2024, 5, 29),
        "Prime Minister Fumio Kishida met today with Admiral Samuel Paparo, the new commander "
        "of U.S. Indo-Pacific Command, in Tokyo.",
        [("meeting", "2024-05-29", "day", {"Kishida", "Paparo"}, ["tokyo"])],
    ),
    (
        "four ministers held the forum",
        date(2021, 3, 16),
        "On Mar 16 in Tokyo, Secretary Lloyd Austin and Secretary Antony Blinken, with "
        "Defense Minister Nobuo Kishi and Foreign Minister Toshimitsu Motegi, held the "
        "Japan-U.S. Security Consultative Committee (SCC).",
        [
            (
                "meeting",
                "2021-03-16",
                "day",
                {"Motegi", "Kishi", "Blinken", "Austin"},
                ["security consultative committee"],
            )
        ],
    ),
    (
        "a domestic meeting is not an alliance fact",
        date(2025, 1, 10),
        "Prime Minister Shigeru Ishiba held talks with LDP Secretary-General Hiroshi Moriyama "
        "on Thursday about the election.",
        [],
    ),
    (
        "one person no one follows meeting unnamed others is not a fact",
        date(2025, 1, 10),
        "Toyota President Koji Sato met union leaders on Wednesday to discuss wages.",
        [],
    ),
    (
        "family name first in a title",
        date(2025, 1, 10),
        "Defense Secretary Pete Hegseth and Defense Minister Gen Nakatani held a video call with "
        "Chinese Defense Minister Dong Jun on Tuesday.",
        [("meeting", "2025-01-07", "day", {"Hegseth", "Nakatani", "Jun"}, ["dong jun"])],
    ),
    (
        "a readout's separate discussions are one meeting each",
        date(2023, 6, 1),
        "Secretary of Defense Lloyd Austin met with his Japanese counterpart, Minister of "
        "Defense Yasukazu Hamada, and held separate discussions with Prime Minister Fumio "
        "Kishida and Minister for Foreign Affairs Yoshimasa Hayashi, June 1 in Tokyo.\n"
        "Secretary Austin underscored with Minister Hamada progress on alliance roles.",
        [
            ("meeting", "2023-06-01", "day", {"Austin", "Hamada"}, ["tokyo"]),
            ("meeting", "2023-06-01", "day", {"Austin", "Kishida"}, ["tokyo"]),
            ("meeting", "2023-06-01", "day", {"Austin", "Hayashi"}, ["tokyo"]),
        ],
    ),
    (
        "the two men met, named in the sentence before; a clock time and its zone",
        date(2022, 9, 14),
        "Secretary of Defense Lloyd Austin told Japanese Defense Minister Yasukazu Hamada that "
        "the alliance is the cornerstone of security.\nThe two men met and held meetings at "
        "the Pentagon at 10 a.m. EDT today.",
        [("meeting", "2022-09-14", "day", {"Austin", "Hamada"}, [])],
    ),
    (
        "a newsletter's visitors with whom they met in parentheses",
        date(2022, 5, 20),
        "  • Ministers visited Washington, with visits by METI Minister Koichi Hagiuda (meeting "
        "Commerce Secretary Gina Raimondo and Energy Secretary Jennifer Granholm) and National "
        "Security Advisor Takeo Akiba (meeting National Security Advisor Jake Sullivan).",
        [
            ("meeting", "2022-05-01", "month", {"Hagiuda", "Raimondo", "Granholm"}, []),
            ("meeting", "2022-05-01", "month", {"Akiba", "Sullivan"}, []),
        ],
    ),
    (
        "the meeting named again; who took office since is not at it",
        date(2025, 1, 22),
        "Secretary of State Marco Rubio and Foreign Minister Takeshi Iwaya met on Tuesday in "
        "Washington. It was the pair's first Japan-U.S. Foreign Ministers' Meeting since "
        "President Donald Trump took office on Monday.",
        [("meeting", "2025-01-21", "day", {"Iwaya", "Rubio"}, ["washington"])],
    ),
    (
        "earlier in the day: the day of the sentence before",
        date(2023, 1, 14),
        "Foreign Minister Yoshimasa Hayashi said on Friday that the allies plan lunar "
        "exploration.\nEarlier in the day, Secretary of State Antony Blinken and Hayashi signed "
        "a framework agreement on cooperation in space exploration.",
        [("space", "2023-01-13", "day", {"Blinken"}, ["agreement"])],
    ),
    (
        "a newsletter headline bullet and its item are one meeting",
        date(2022, 5, 20),
        "  • Austin and Kishi discuss defense strategy\n\n  • Secretary Lloyd Austin met "
        "Defense Minister Nobuo Kishi in Washington on May 4.",
        [("meeting", "2022-05-04", "day", {"Austin", "Kishi"}, ["washington"])],
    ),
    (
        "a dated firing as part of a named exercise is a fact beside the exercise",
        date(2023, 7, 20),
        "Japanese ground-to-ship missiles will be fired on Friday, July 21, from a range near "
        "Nowra.\nThe firing comes while Australia's Defence Force hosts Japan's Ground "
        "Self-Defense Force within Exercise Talisman Sabre 2023.\nOver 30,000 troops join the "
        "exercise, which runs from July 22 to August 3.",
        [
            ("exercise", "2023-07-21", "day", set(), ["fired"]),
            ("exercise", "2023-07-22", "day", set(), ["talisman sabre"]),
        ],
    ),
    (
        "an ally's forces fired a missile on a day; the drills are part of a named exercise",
        date(2023, 7, 24),
        "Japan Ground Self-Defense Force soldiers fired an inert anti-ship missile at a range "
        "in Australia on Friday.\n\nThe drills are part of Talisman Sabre, which runs for two "
        "weeks.",
        [
            ("exercise", "2023-07-21", "day", set(), ["fired", "missile"]),
            ("exercise", "2023-07-22", "day", set(), ["talisman sabre"]),  # its edition's days
        ],
    ),
    (
        "what the exercise followed, and when that was reported, do not date it",
        date(2023, 7, 16),
        "Japan, the US and South Korea on Sunday held a trilateral missile defense exercise "
        "in waters east of the peninsula.\nThe exercise followed closer security coordination amid Pyongyang's "
        "provocations, highlighted by the launch of an ICBM last Wednesday, a news agency "
        "reported on Sunday.",
        [("exercise", "2023-07-16", "day", set(), ["missile defense"])],
    ),
    (
        "their exercise is the exercise just reported",
        date(2024, 2, 9),
        "The Keen Edge 24 command post exercise began on February 1.\nFor the first time the "
        "U.S. and Japan gave the enemy in their exercise a made-up country name, a news agency "
        "reported Sunday.",
        [("exercise", "2024-02-01", "day", set(), ["keen edge"])],
    ),
    (
        "other people's announcement in a space story is an item of its own",
        date(2024, 4, 15),
        "NASA and Japan's science ministry signed an agreement under which Japan will build a "
        "pressurized rover for the Moon.\nNASA plans to use the pressurized rover on later "
        "Artemis missions.\nPrime Minister Fumio Kishida and President Joe Biden also "
        "announced a shared goal of a Japanese astronaut walking on the lunar surface during a "
        "later Artemis mission.",
        [
            ("space", "2024-04-15", "day", set(), ["rover"]),
            ("space", "2024-04-15", "day", {"Biden", "Kishida"}, ["shared goal"]),
        ],
    ),
    (
        "the officials quoted right after a space item are its people; the satellite is the one "
        "just launched",
        date(2020, 7, 10),
        "Japan's science ministry and NASA signed a joint declaration on the lunar exploration "
        "program Artemis on Friday.\n\"This is a big step,\" minister Koichi Hagiuda told a "
        "news conference.\nThe satellite launched later aboard an H3 rocket.",
        [("space", "2020-07-10", "day", {"Hagiuda"}, ["artemis"])],
    ),
    (
        "a call that agreed to hold a 2+2 soon is the call, not the 2+2; nor is the headline",
        date(2021, 12, 6),
        "Defense ministers agree on holding 2+2 soon\n\nA newspaper wrote that Minister of "
        "Defense Nobuo Kishi and Secretary of Defense Lloyd Austin spoke by phone on Friday and "
        "agreed that the allies will bolster deterrence and hold a 2+2 meeting as early as "
        "possible.",
        [("meeting", "2021-12-03", "day", {"Austin", "Kishi"}, ["phone"])],
    ),
    (
        "a nationality before 'satellites' is whose they are, not a program; a conference's "
        "date is not its name",
        date(2024, 12, 12),
        "At the Spacepower Conference on December 10, the commander of U.S. Space Forces said "
        "Japan and the U.S. will track Chinese satellites with sensors on Japanese satellites.",
        [("space", "2024-12-10", "day", set(), ["satellites:"])],
    ),
    (
        "a unit test-fires or fires a quoted type of missile on a day",
        date(2025, 6, 25),
        "The Ground Self-Defense Force fired a single “Type-88” missile from a range in "
        "Hokkaido on Tuesday.",
        [("exercise", "2025-06-24", "day", set(), ["type-88"])],
    ),
    (
        "the trilateral field training exercise dated after it is named; the year the series "
        "started is history",
        date(2020, 2, 13),
        "Exercise Cope North 2020 has started on Guam, at Andersen Air Force Base.\nThe "
        "trilateral field training exercise started on 12 February.\nCope North is an air "
        "exercise the US and Japan first started in 1999.",
        [("exercise", "2020-02-12", "day", set(), ["cope north"])],
    ),
    (
        "a drill timed by another exercise 'coinciding with' it; a 'recent' drill is not "
        "dated by the day a reaction was reported",
        date(2025, 3, 25),
        "SEOUL, March 25 (Wire) -- Reacting to a recent three-way naval drill of the "
        "United States, Japan and South Korea, a state agency commentary said Tuesday "
        "that the drill raised tension.\n\nCoinciding with the Freedom Shield exercises that "
        "South Korea and the United States staged from March 10 to 20, the three-way naval "
        "drill was held in waters off Jeju from March 17 to 20.",
        [("exercise", "2025-03-17", "day", set(), ["naval drill"])],
    ),
    (
        "the day officials did not give details of the exercise is not its day",
        date(2023, 6, 6),
        "The exercise, Southern Jackaroo, is taking place from June 15, a Marine spokesman said."
        "\nOfficials of the U.S. and Australia did not give details on which units join the "
        "exercise Tuesday.",
        [("exercise", "2023-06-15", "day", set(), ["southern jackaroo"])],
    ),
    (
        "a missile another country fires is no exercise of the allies",
        date(2023, 7, 24),
        "North Korea fired two ballistic missiles toward the Sea of Japan on Friday, Japan's "
        "Defense Ministry said. North Korea test-fired a cruise missile on Saturday, Japan and "
        "the United States said.",
        [],
    ),
]


@pytest.mark.parametrize(
    "when,text,expected", [c[1:] for c in SHAPES], ids=[c[0] for c in SHAPES]
)
def test_real_document_shapes(gazetteer, when, text, expected):  # noqa: F811
    doc = make_doc("shape", text, when)
    facts = extract_document(doc, gazetteer)
    check_provenance(doc, facts)
    got = [(f.kind, f.date_start, f.date_precision) for f in facts]
    assert got == [e[:3] for e in expected], [f.title for f in facts]
    for f, (_, _, _, people, words) in zip(facts, expected, strict=True):
        assert people <= surnames(f.participants), f.participants
        assert all(" " in p or p in people for p in f.participants), f.participants
        text = f"{f.title} {f.summary}".lower()
        assert all(w in text for w in words), (f.title, words)


def test_trilateral_countries_include_all_three(gazetteer):  # noqa: F811
    (case,) = [c for c in SHAPES if c[0].startswith("a trilateral")]
    doc = make_doc("tri", case[2], case[1])
    (fact,) = extract_document(doc, gazetteer)
    assert {"United States", "Japan", "South Korea"} <= set(fact.countries)


def test_one_event_reported_to_the_day_and_to_the_month_is_one_fact(gazetteer):  # noqa: F811
    day = make_doc(
        "a",
        "Defense Secretary Lloyd Austin and Defense Minister Gen Nakatani met in Darwin, "
        "northern Australia, on Sunday.",
        date(2024, 11, 18),
    )
    month = make_doc(
        "b",
        "Defense Minister Gen Nakatani and Lloyd Austin, his American counterpart, confirmed "
        "the plan during their meeting in Australia last month.",
        date(2024, 12, 4),
    )
    facts = merge_facts(extract_document(day, gazetteer) + extract_document(month, gazetteer))
    (fact,) = [f for f in facts if f.kind == "meeting"]
    assert {s.doc_id for s in fact.sources} == {"a", "b"}
    assert (fact.date_start, fact.date_precision) == ("2024-11-17", "day")


def test_a_month_report_never_chains_two_different_days(gazetteer):  # noqa: F811
    def doc(i: str, text: str) -> list:
        return extract_document(make_doc(i, text, date(2023, 2, 1)), gazetteer)

    facts = merge_facts(
        doc("a", "Secretary of State Antony Blinken met Foreign Minister Yoshimasa Hayashi in "
            "Washington on January 11, 2023.")
        + doc("b", "Secretary of State Antony Blinken met Foreign Minister Yoshimasa Hayashi in "
              "Washington on January 13, 2023.")
        + doc("c", "Secretary of State Antony Blinken met Foreign Minister Yoshimasa Hayashi in "
              "Washington in January 2023.")
    )
    for f in facts:
        assert not {"a", "b"} <= {s.doc_id for s in f.sources}, f.title


def test_one_meeting_a_day_apart_in_two_time_zones_is_one_fact(gazetteer):  # noqa: F811
    us = make_doc(
        "us",
        "Secretary of State Antony Blinken and Foreign Minister Yoshimasa Hayashi held a "
        "virtual meeting on January 6, 2022.",
        date(2022, 1, 7),
    )
    jp = make_doc(
        "jp",
        "Foreign Minister Yoshimasa Hayashi and Secretary of State Antony Blinken held a "
        "virtual meeting on January 7, 2022.",
        date(2022, 1, 7),
    )
    (fact,) = merge_facts(extract_document(us, gazetteer) + extract_document(jp, gazetteer))
    assert {s.doc_id for s in fact.sources} == {"us", "jp"}


def test_one_named_exercise_reported_days_apart_by_two_stories_is_one_fact(gazetteer):  # noqa: F811
    first = make_doc(
        "a",
        "Ground troops and U.S. Marines opened the Resolute Dragon exercise in Hokkaido on "
        "December 4, 2021.",
        date(2021, 12, 4),
    )
    later = make_doc(
        "b",
        "U.S. and Japanese forces began the Resolute Dragon exercise at Camp Hachinohe on "
        "Monday.",
        date(2021, 12, 7),
    )
    facts = merge_facts(extract_document(first, gazetteer) + extract_document(later, gazetteer))
    (fact,) = facts
    assert {s.doc_id for s in fact.sources} == {"a", "b"}
    assert fact.date_start == "2021-12-04"


def test_a_coarse_date_and_one_shared_person_do_not_make_one_event(gazetteer):  # noqa: F811
    day = make_doc(
        "a",
        "Defense Secretary Lloyd Austin met Defense Minister Minoru Kihara on July 28, 2024.",
        date(2024, 7, 29),
    )
    month = make_doc(
        "b",
        "Defense Secretary Lloyd Austin met Australian Defence Minister Richard Marles and "
        "Foreign Minister Yoko Kamikawa in July 2024.",
        date(2024, 8, 2),
    )
    facts = merge_facts(extract_document(day, gazetteer) + extract_document(month, gazetteer))
    assert len(facts) == 2, [f.title for f in facts]


def test_a_spokesperson_is_not_a_participant(gazetteer):  # noqa: F811
    (case,) = [c for c in SHAPES if c[0].startswith("a spokesperson")]
    (fact,) = extract_document(make_doc("spk", case[2], case[1]), gazetteer)
    assert "Wang Wenbin" not in fact.participants


def test_a_one_word_exercise_reported_by_two_stories_is_one_fact(gazetteer):  # noqa: F811
    plan = make_doc(
        "a",
        "Troops from the Philippines, the U.S. and Japan will join the Balikatan exercise "
        "next month.",
        date(2025, 3, 29),
    )
    start = make_doc(
        "b",
        "The annual Balikatan exercise of Philippine and U.S. forces with Japan's Self-Defense "
        "Forces began on Monday, April 21.",
        date(2025, 4, 22),
    )
    facts = merge_facts(extract_document(plan, gazetteer) + extract_document(start, gazetteer))
    (fact,) = facts
    assert {s.doc_id for s in fact.sources} == {"a", "b"}
    assert fact.date_start == "2025-04-21"


def test_one_base_one_day_one_space_item_under_two_names(gazetteer):  # noqa: F811
    a = make_doc(
        "a",
        "On Wednesday the U.S. Space Force launched a new unit at Yokota Air Base outside Tokyo.",
        date(2024, 12, 4),
    )
    b = make_doc(
        "b",
        "On December 4 a U.S. Space Command was opened at the US Yokota Air Base near Tokyo.",
        date(2024, 12, 15),
    )
    facts = merge_facts(extract_document(a, gazetteer) + extract_document(b, gazetteer))
    (fact,) = facts
    assert {s.doc_id for s in fact.sources} == {"a", "b"}
    assert fact.location == "Yokota Air Base"


def test_the_critic_is_no_party_to_the_drill(gazetteer):  # noqa: F811
    (case,) = [c for c in SHAPES if c[0].startswith("a critic's")]
    (fact,) = extract_document(make_doc("k", case[2], case[1]), gazetteer)
    assert "North Korea" not in fact.countries
    assert {"United States", "Japan"} <= set(fact.countries)


def test_a_readouts_separate_discussions_do_not_share_people(gazetteer):  # noqa: F811
    (case,) = [c for c in SHAPES if c[0].startswith("a readout's separate")]
    facts = extract_document(make_doc("r", case[2], case[1]), gazetteer)
    assert [len(f.participants) for f in facts] == [2, 2, 2], [f.participants for f in facts]


@pytest.mark.parametrize(
    "other,merged",
    [
        (
            "On Friday, Japan, the United States and the Philippines conducted a multilateral "
            "Maritime Cooperative Activity (MCA) in the West Philippine Sea.",
            True,
        ),
        # two countries on the same day: navies sail together often; not enough
        ("Japan and the United States conducted a bilateral exercise on Friday.", False),
    ],
    ids=["same three countries, same day", "two countries only"],
)
def test_one_groups_patrol_under_two_names(gazetteer, other, merged):  # noqa: F811
    """A joint patrol of JS, USS and BRP ships and the three countries' cooperative activity
    that day are one activity; the ships' prefixes name the countries."""
    patrol = make_doc(
        "a",
        "On March 28, JS Noshiro, USS Shoup and BRP Jose Rizal sailed in company on a joint "
        "patrol in the South China Sea.",
        date(2025, 3, 30),
    )
    story = make_doc("b", other, date(2025, 3, 29))
    first = extract_document(patrol, gazetteer)
    assert {"Japan", "United States", "Philippines"} <= set(first[0].countries)
    facts = merge_facts(first + extract_document(story, gazetteer))
    assert len(facts) == (1 if merged else 2), [f.title for f in facts]
    assert {s.doc_id for f in facts for s in f.sources} == {"a", "b"}


def test_two_documents_undated_facts_of_one_exercise_stay_two_facts(gazetteer):  # noqa: F811
    """Undated facts are never merged, so each keeps an id of its own: the store would
    otherwise keep only one of them."""
    texts = (
        "Japanese and U.S. forces took part in the Talisman Sabre exercise in Australia.",
        "The Japan Ground Self-Defense Force joined the Talisman Sabre exercise near Sydney.",
    )
    facts = [
        f
        for i, text in enumerate(texts)
        for f in extract_document(make_doc(f"d{i}", text, None), gazetteer)
    ]
    merged = merge_facts(facts)
    assert len(merged) == 2 and all(f.date_start is None for f in merged)
    assert len({f.id for f in merged}) == 2
