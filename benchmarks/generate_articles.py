"""Deterministic English news-like articles for the benchmark (and a training corpus).

``generate_articles(count, out)`` writes ``count`` articles ``bench-0001.txt`` ... in the seeds'
layout: a headline line, a standfirst line, then one paragraph per line of one to three
sentences. Sentences are built from templates and word lists with a seeded generator, so the
same count gives the same bytes on every machine. Sentence lengths follow news copy (mostly
15-35 words); a few stock lines ("Follow us ...", datelines) repeat across articles the way
agency boilerplate does, so de-duplication has something to find.

Usage: ``python benchmarks/generate_articles.py N OUT_DIR``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

SEED = 20240611

PLACES = (
    "Armenia", "Azerbaijan", "Georgia", "Ukraine", "Israel", "Turkey", "Iran", "France",
    "Germany", "Poland", "Kazakhstan", "Egypt", "Jordan", "Brussels", "Geneva", "Vienna",
    "Moscow", "Yerevan", "Baku", "Tbilisi", "Jerusalem", "Ankara", "Washington", "London",
)
PEOPLE = (
    "the foreign minister", "the prime minister", "a government spokeswoman", "the president",
    "an army spokesman", "the defence minister", "a senior diplomat", "the opposition leader",
    "a regional governor", "the central bank chief", "a United Nations envoy", "the mayor",
)
NAMES = (
    "Anna Petrosyan", "David Cohen", "Elnur Mammadov", "Maria Ivanova", "Levan Beridze",
    "Sarah Levi", "Tigran Sargsyan", "Olga Shevchenko", "Ahmet Yilmaz", "Nino Kapanadze",
)
SUBJECTS = (
    "the ceasefire", "the peace talks", "the new budget", "the border dispute", "the election",
    "the gas pipeline", "the trade agreement", "the reform package", "the security pact",
    "the aid programme", "the court ruling", "the grain deal", "the energy crisis",
)
VERBS = (
    "said", "warned", "announced", "told reporters", "confirmed", "insisted", "denied",
    "added", "stressed", "acknowledged",
)
ADJECTIVES = (
    "heavy", "fresh", "fragile", "long-awaited", "controversial", "unexpected", "bitter",
    "cautious", "sharp", "modest", "historic", "decades-old",
)
NOUNS = (
    "fighting", "negotiations", "protests", "sanctions", "talks", "elections", "shelling",
    "inflation", "investment", "migration", "drought", "strikes", "exports",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIMES = ("on Monday", "late on Tuesday", "early on Wednesday", "on Thursday", "this week",
         "last month", "on Friday evening", "over the weekend", "earlier this year")

TEMPLATES = (
    "{Person} {verb} {time} that {subject} would be discussed again in {place} next week, "
    "despite {adj} {noun} along the border.",
    "The announcement came after {n} days of {adj} {noun} in the region, which officials in "
    "{place} described as the worst since {year}.",
    "\u201cWe will not accept any decision that ignores the interests of our citizens,\u201d "
    "{name} {verb}, adding that {subject} was now in the hands of parliament.",
    "According to figures published by the statistics office, {noun} rose by {pct} percent "
    "in {place} last year, while {subject} remained stalled.",
    "Diplomats in {place} and {place2} have been working for months on {subject}, but "
    "{adj} disagreements over the details have slowed progress.",
    "{Person} met {name} in {place} {time} to discuss {subject} and the {adj} {noun} that has "
    "left {n} people dead and thousands displaced.",
    "Critics say {subject} does too little to address {noun}, and opposition groups have "
    "called for {adj} protests in the capital on {day}.",
    "In a statement, the ministry said it regretted the decision and hoped that {subject} "
    "could still be saved.",
    "The {adj} {noun} followed weeks of rising tension between {place} and {place2}.",
    "{Name} said the government had spent {money} million dollars on {subject} since {year}.",
    "Markets in {place} fell {pct} percent after the news, the sharpest drop in {n} months.",
    "Residents of the border villages told journalists that they had heard {noun} throughout "
    "the night and that many families had already left for {place}.",
    "It was not immediately clear whether {subject} would survive the {adj} {noun}.",
    "{Person} {verb} that the talks were {adj} but productive.",
)
STOCK = (
    "Follow our live coverage for the latest updates.",
    "This is a developing story and will be updated.",
    "Reporting by {name}; editing by {name2}.",
)


def make_sentence(rng: random.Random) -> str:
    """One news-like sentence from a random template."""
    template = rng.choice(TEMPLATES)
    person = rng.choice(PEOPLE)
    return template.format(
        Person=person[0].upper() + person[1:],
        person=person,
        name=rng.choice(NAMES),
        Name=rng.choice(NAMES),
        verb=rng.choice(VERBS),
        time=rng.choice(TIMES),
        subject=rng.choice(SUBJECTS),
        place=rng.choice(PLACES),
        place2=rng.choice(PLACES),
        adj=rng.choice(ADJECTIVES),
        noun=rng.choice(NOUNS),
        n=rng.randint(2, 90),
        pct=f"{rng.randint(1, 40)}.{rng.randint(0, 9)}",
        money=rng.randint(5, 900),
        year=rng.randint(1990, 2023),
        day=rng.choice(DAYS),
    )


def make_headline(rng: random.Random) -> str:
    """A headline: no final period, title-ish length."""
    subject = rng.choice(SUBJECTS).removeprefix("the ")
    return (f"{rng.choice(PLACES)} and {rng.choice(PLACES)} clash over {subject} as "
            f"{rng.choice(NOUNS)} {rng.choice(('grow', 'spread', 'continue', 'ease'))}")


def make_article(rng: random.Random) -> str:
    """The text of one article (headline, standfirst, 6-14 paragraphs, maybe a stock line)."""
    lines = [make_headline(rng), make_sentence(rng).rstrip(".")]
    for _ in range(rng.randint(6, 14)):
        lines.append(" ".join(make_sentence(rng) for _ in range(rng.choice((1, 1, 2, 2, 3)))))
    if rng.random() < 0.5:
        names = rng.sample(NAMES, 2)
        lines.append(rng.choice(STOCK).format(name=names[0], name2=names[1]))
    return "\n".join(lines) + "\n"


def generate_texts(count: int, seed: int = SEED) -> list[str]:
    """The texts of ``count`` articles (the same for the same count and seed)."""
    rng = random.Random(seed)
    return [make_article(rng) for _ in range(count)]


def generate_articles(count: int, out: Path, seed: int = SEED) -> list[Path]:
    """Write ``count`` articles ``bench-NNNN.txt`` into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(generate_texts(count, seed), start=1):
        path = out / f"bench-{index:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    paths = generate_articles(args.count, args.out)
    print(f"{len(paths)} articles in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
