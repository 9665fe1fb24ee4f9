"""A rule set for sentence boundaries, in our own words.

Each case is a text and the sentences it holds. The rules follow the ones
that pySBD's "golden rules" and syntok's segmenter tests are known for
(abbreviations, initials, numbers, quotations, brackets, lists, ellipses,
URLs), plus what news copy adds: datelines, wire abbreviations of months and
states, attributions after a quotation. None of the texts is copied from
those suites or from any article.
"""

from __future__ import annotations

RULES: list[tuple[str, str, list[str]]] = [
    # (rule, text, expected sentences)
    ("plain", "The dam held. The river fell.", ["The dam held.", "The river fell."]),
    ("question", "Did the dam hold? Nobody knows.", ["Did the dam hold?", "Nobody knows."]),
    ("exclamation", "What a storm! Roofs flew off.", ["What a storm!", "Roofs flew off."]),
    ("doubled marks", "Really?! The bill doubled.", ["Really?!", "The bill doubled."]),
    ("doubled marks", "No way!! It cannot be.", ["No way!!", "It cannot be."]),
    ("initial", "The report by Tara K. Lowe came out.", ["The report by Tara K. Lowe came out."]),
    (
        "initials",
        "A. J. Brook chaired the panel. It met twice.",
        ["A. J. Brook chaired the panel.", "It met twice."],
    ),
    (
        "initial ends",
        "The winners were Ruth and I. Did you vote?",
        ["The winners were Ruth and I.", "Did you vote?"],
    ),
    ("title", "Mr. Okafor and Dr. Lane spoke first.", ["Mr. Okafor and Dr. Lane spoke first."]),
    (
        "title",
        "Prof. Ines Mora chaired it. Gov. Hale came late.",
        ["Prof. Ines Mora chaired it.", "Gov. Hale came late."],
    ),
    (
        "label with number",
        "The table is on p. 42 of the audit.",
        ["The table is on p. 42 of the audit."],
    ),
    ("label with number", "They met at No. 10 on Friday.", ["They met at No. 10 on Friday."]),
    (
        "label with number",
        "See fig. 3 and vol. 2 for details.",
        ["See fig. 3 and vol. 2 for details."],
    ),
    ("label as word", "She said No. The vote failed.", ["She said No.", "The vote failed."]),
    ("company", "Hale & Co. built the bridge in 1990.", ["Hale & Co. built the bridge in 1990."]),
    (
        "company ends",
        "The bridge was built by Hale & Co. It opened in 1990.",
        ["The bridge was built by Hale & Co.", "It opened in 1990."],
    ),
    (
        "company ends",
        "Shares of Birch Inc. fell. The market shrugged.",
        ["Shares of Birch Inc. fell.", "The market shrugged."],
    ),
    ("company lower", "Ask Nina and co. about it.", ["Ask Nina and co. about it."]),
    (
        "company lower ends",
        "Ask Nina and co. They were there.",
        ["Ask Nina and co.", "They were there."],
    ),
    ("acronym", "Prices in the U.S. rose again.", ["Prices in the U.S. rose again."]),
    (
        "acronym name",
        "She worked for the U.S. Treasury for years.",
        ["She worked for the U.S. Treasury for years."],
    ),
    (
        "acronym ends",
        "Prices are lower in the U.S. How long will it last?",
        ["Prices are lower in the U.S.", "How long will it last?"],
    ),
    (
        "acronym ends",
        "The rules changed in the E.U. Few noticed.",
        ["The rules changed in the E.U.", "Few noticed."],
    ),
    (
        "acronym with number",
        "He lived in the U.K. for 20 years.",
        ["He lived in the U.K. for 20 years."],
    ),
    (
        "acronym full",
        "They toured the U.S.A. last spring.",
        ["They toured the U.S.A. last spring."],
    ),
    (
        "saint and mount",
        "St. Anne's school faces Mt. Corran.",
        ["St. Anne's school faces Mt. Corran."],
    ),
    (
        "street",
        "The shop on Dock St. closed. It had lasted a century.",
        ["The shop on Dock St. closed.", "It had lasted a century."],
    ),
    ("suffix", "That is Ray Lowe Jr.'s boat.", ["That is Ray Lowe Jr.'s boat."]),
    ("month", "The vote is on Nov. 5 at noon.", ["The vote is on Nov. 5 at noon."]),
    (
        "month ends",
        "The vote moved to Nov. The date is not fixed.",
        ["The vote moved to Nov.", "The date is not fixed."],
    ),
    (
        "dateline",
        "SALEM, Ore. (AP) — The county closed two bridges.",
        ["SALEM, Ore. (AP) — The county closed two bridges."],
    ),
    (
        "dateline",
        "LANSING, Mich. — Officials counted the votes again.",
        ["LANSING, Mich. — Officials counted the votes again."],
    ),
    (
        "ordinary word",
        "He was ill. The doctor came at once.",
        ["He was ill.", "The doctor came at once."],
    ),
    (
        "time",
        "The ferry left at 7.15pm. It was full.",
        ["The ferry left at 7.15pm.", "It was full."],
    ),
    ("time", "We met at 6 p.m. on the pier.", ["We met at 6 p.m. on the pier."]),
    (
        "time ends",
        "We met at 6 p.m. The pier was empty.",
        ["We met at 6 p.m.", "The pier was empty."],
    ),
    ("decimal", "Rain fell at 3.75 cm an hour.", ["Rain fell at 3.75 cm an hour."]),
    ("money", "The bill was $1,250.40 in all.", ["The bill was $1,250.40 in all."]),
    (
        "money ends",
        "The bill was $1,250.40. Nobody paid.",
        ["The bill was $1,250.40.", "Nobody paid."],
    ),
    ("version", "It runs version 2.4.1 of the code.", ["It runs version 2.4.1 of the code."]),
    (
        "url",
        "The form is at https://forms.example.org/v2/apply.html. Fill it in.",
        ["The form is at https://forms.example.org/v2/apply.html.", "Fill it in."],
    ),
    ("url", "Visit www.example.net/news today.", ["Visit www.example.net/news today."]),
    (
        "email",
        "Write to desk.news@example.org. We answer daily.",
        ["Write to desk.news@example.org.", "We answer daily."],
    ),
    (
        "ellipsis inside",
        "The plan was ... well, not a plan at all.",
        ["The plan was ... well, not a plan at all."],
    ),
    (
        "ellipsis inside",
        "It was late . . . I went home anyway.",
        ["It was late . . . I went home anyway."],
    ),
    (
        "ellipsis ends",
        "She never finished.... The room went quiet.",
        ["She never finished....", "The room went quiet."],
    ),
    ("ellipsis char", "He paused\u2026 Then he left.", ["He paused\u2026", "Then he left."]),
    (
        "quote closes",
        'The judge warned of "lasting harm." The trial resumes in May.',
        ['The judge warned of "lasting harm."', "The trial resumes in May."],
    ),
    (
        "quote closes",
        'She told him, "This is the last one." He nodded.',
        ['She told him, "This is the last one."', "He nodded."],
    ),
    (
        "quote lower",
        'She told him, "This is the last one." she said.',
        ['She told him, "This is the last one." she said.'],
    ),
    (
        "quote attribution",
        '"Is the water safe?" Dr. Lane asked.',
        ['"Is the water safe?" Dr. Lane asked.'],
    ),
    (
        "quote attribution",
        '"We will rebuild it." Mayor Ines Mora said on Monday.',
        ['"We will rebuild it." Mayor Ines Mora said on Monday.'],
    ),
    (
        "quote several",
        '"The pumps failed. The town flooded," said Ana Ruiz. Repairs began.',
        ['"The pumps failed. The town flooded," said Ana Ruiz.', "Repairs began."],
    ),
    (
        "curly quote closes",
        "He called it \u201ca disgrace.\u201d The board disagreed.",
        ["He called it \u201ca disgrace.\u201d", "The board disagreed."],
    ),
    (
        "single quote",
        "She said, 'It is over.' The hall emptied.",
        ["She said, 'It is over.'", "The hall emptied."],
    ),
    (
        "bracket inside",
        "The mill (it closed in 1990.) is a museum now.",
        ["The mill (it closed in 1990.) is a museum now."],
    ),
    (
        "bracket closes",
        "(The figures were revised later.) Prices rose.",
        ["(The figures were revised later.)", "Prices rose."],
    ),
    (
        "bracket opens",
        "Prices rose. (The figures were revised later.)",
        ["Prices rose.", "(The figures were revised later.)"],
    ),
    (
        "list numbers",
        "1. The pumps failed.\n2. The town flooded.",
        ["1. The pumps failed.", "2. The town flooded."],
    ),
    (
        "list numbers",
        "Two things: 1. The pumps failed. 2. The town flooded.",
        ["Two things: 1. The pumps failed.", "2. The town flooded."],
    ),
    (
        "list letters",
        "a. The first option.\nb. The second option.",
        ["a. The first option.", "b. The second option."],
    ),
    (
        "list brackets",
        "1) Close the road. 2) Check the dam.",
        ["1) Close the road.", "2) Check the dam."],
    ),
    (
        "list inline",
        "1. Close the road 2. Check the dam",
        ["1. Close the road", "2. Check the dam"],
    ),
    ("number starts", "It ended. 42 people went home.", ["It ended.", "42 people went home."]),
    ("year starts", "It ended in May. 2019 was worse.", ["It ended in May.", "2019 was worse."]),
    (
        "quote starts",
        'It ended. "Never again," she said.',
        ["It ended.", '"Never again," she said.'],
    ),
    (
        "lower after",
        "The e.g. case and the i.e. case differ.",
        ["The e.g. case and the i.e. case differ."],
    ),
    ("e.g. capital", "Some cities, e.g. Leeds, agreed.", ["Some cities, e.g. Leeds, agreed."]),
    (
        "etc ends",
        "Pumps, pipes, etc. They all need work.",
        ["Pumps, pipes, etc.", "They all need work."],
    ),
    ("vs", "It was Hale vs. Birch in court.", ["It was Hale vs. Birch in court."]),
    ("brand", "She works at Yodel! in sales.", ["She works at Yodel! in sales."]),
    (
        "hard wrap",
        "The board said on Tuesday that it would spend more on the\nBridge Street depot than on any other site.",
        [
            "The board said on Tuesday that it would spend more on the\nBridge Street depot than on any other site."
        ],
    ),
    (
        "hard wrap",
        "Crews from Farleigh and Hadley will start work on the pipes in\nMarch, once the county has signed the last of the contracts.",
        [
            "Crews from Farleigh and Hadley will start work on the pipes in\nMarch, once the county has signed the last of the contracts."
        ],
    ),
    (
        "hard wrap",
        "The water board, which runs most of the pipes across the county\nDistrict, met on Monday. It agreed the plan.",
        [
            "The water board, which runs most of the pipes across the county\nDistrict, met on Monday.",
            "It agreed the plan.",
        ],
    ),
]
