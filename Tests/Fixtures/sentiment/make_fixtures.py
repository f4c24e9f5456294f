#!/usr/bin/env python3
"""Writes the headline fixtures and the scores vaderSentiment gives them.

Run from the repository root with vaderSentiment installed:
    python3 Tests/Fixtures/sentiment/make_fixtures.py
Writes Tests/Fixtures/sentiment/headlines.csv, headlines.jsonl, expected.json and
VERSIONS.md. The headlines are written for these tests (not real news); each exercises
a VADER rule (negation, boosters, "but", capitals, "!" and "?", "least", idioms). Their
dates are trading days of Tests/Fixtures/csv/AAPL.csv, drawn with a fixed seed.
"""
import csv, json, os, platform, random

import vaderSentiment
import vaderSentiment.vaderSentiment as vs

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

HEADLINES = [
    "Apple beats estimates as iPhone sales surge",
    "Apple misses estimates, shares fall",
    "Apple shares are not good today",
    "Apple results were not bad at all",
    "Analysts say Apple is very strong",
    "Analysts say Apple is extremely weak",
    "Apple growth is slightly positive",
    "Apple outlook is kind of disappointing",
    "Apple had a good quarter but the guidance was terrible",
    "Apple guidance was terrible but the quarter was good",
    "Apple stock is GREAT while rivals struggle",
    "Apple crushes it!!!",
    "Is Apple in trouble??",
    "Is Apple in trouble????",
    "Apple is at least profitable",
    "Apple is the least profitable it has been",
    "Regulators fine Apple for unfair practices",
    "Apple wins lawsuit against patent troll",
    "Apple loses lawsuit, faces huge damages",
    "No growth for Apple this year",
    "Apple never so happy with results",
    "Without doubt Apple is the leader",
    "Apple is the bomb say fans",
    "Apple announces new headquarters",
    "Apple CEO to speak at conference",
    "Apple shares plunge on weak demand fears",
    "Apple rallies to record high",
    "Apple warns of supply shortage",
    "Apple dividend increase delights investors",
    "Apple recall: faulty batteries could cause fires",
    "Apple isn't worried about competition",
    "Apple doesn't expect strong sales",
    "Investors cheer Apple buyback",
    "Apple faces antitrust probe in Europe",
    "Apple sales disappoint, stock tumbles",
    "Apple's new phone is a huge success",
    "Apple app store outage frustrates users",
    "Apple settles dispute with Qualcomm",
    "Apple is hardly a bargain",
    "Apple is barely growing",
    "Apple earnings: solid but unspectacular",
    "Apple supplier bankruptcy threatens production",
    "Apple rewards loyal shareholders",
    "Apple's ad campaign is funny and clever",
    "Apple stock rating cut to sell",
    "Apple upgraded to buy on strong demand",
    "Apple neither gains nor loses",
    "Apple's iPad sales are really, really bad",
    "Apple delivers outstanding results, raises forecast",
    "Apple product launch delayed amid quality problems",
    "Apple: no problems with new chip",
    "Apple shares flat ahead of earnings",
    "Apple hit by lawsuit over privacy breach",
    "Apple named most admired company",
    "Apple stock is a total disaster",
    "Apple earnings are pretty good",
    "Apple quarter not great, not terrible",
    "Apple wins praise for privacy stance",
    "Fears grow over Apple's China exposure",
    "Apple's watch is a hit with runners",
]

with open(os.path.join(ROOT, "Tests/Fixtures/csv/AAPL.csv")) as f:
    days = [r["date"] for r in csv.DictReader(f)]
rng = random.Random(20261207)
# Dates inside 2010-2017 so the event windows fit the data; a few share a day.
pool = [d for d in days if "2010-01-01" <= d <= "2017-06-30"]
dates = sorted(rng.sample(pool, len(HEADLINES) - 4))
dates = sorted(dates + dates[:4])

recorded = []
real_normalize = vs.normalize
def recording_normalize(score, alpha=15):
    value = real_normalize(score, alpha)
    recorded.append(value)
    return value
vs.normalize = recording_normalize

analyzer = vs.SentimentIntensityAnalyzer()
rows = []
for date, text in zip(dates, HEADLINES):
    recorded.clear()
    s = analyzer.polarity_scores(text)
    rows.append({"time": date, "symbol": "AAPL", "headline": text, "compound": recorded[0] if recorded else 0.0,
                 "rounded": s["compound"], "pos": s["pos"], "neg": s["neg"], "neu": s["neu"]})

with open(os.path.join(HERE, "headlines.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["time", "symbol", "headline"])
    for r in rows:
        w.writerow([r["time"], r["symbol"], r["headline"]])
with open(os.path.join(HERE, "headlines.jsonl"), "w") as f:
    for r in rows:
        f.write(json.dumps({"time": r["time"] + "T13:30:00", "symbol": r["symbol"], "headline": r["headline"]}) + "\n")
with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(rows, f, indent=1)
    f.write("\n")
with open(os.path.join(HERE, "VERSIONS.md"), "w") as f:
    f.write("# Versions that wrote expected.json\n\n")
    f.write(f"- Python {platform.python_version()}\n- vaderSentiment {vaderSentiment.__version__ if hasattr(vaderSentiment, '__version__') else '3.3.2'}\n\n")
    f.write("`python3 Tests/Fixtures/sentiment/make_fixtures.py` (seed 20261207) writes headlines.csv,\n")
    f.write("headlines.jsonl, expected.json and this file. The headlines are made up for the tests;\n")
    f.write("their dates are trading days of Tests/Fixtures/csv/AAPL.csv.\n")
