"""Forms a learner should never read in a rendered problem, found by pattern.

The renderer (``context.fit``, the expression printer, the text helpers) avoids these forms;
this module finds any that a template still produces, for the bank's style test and the
validator. Each rule has a name and a pattern; ``style_problems`` returns what matched.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from quizmath.core.render.fill import is_code_line

_PLURALS = (
    "failures|successes|trials|events|customers|arrivals|tries|questions|answers|heads|tails|"
    "items|samples|points|visitors|clicks|errors|defects|steps|units|calls|emails|e-mails|goals|"
    "times|people|patients|cards|balls|students|tokens|classes|features|layers|days|hours|"
    "minutes|seconds|years|coins|rolls|tosses|flips|games|users|words|components|rows|columns|"
    "iterations|epochs|parameters|weights|neurons|examples|observations|values|outcomes|symbols"
)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    message: str


RULES = (
    Rule(
        "unit-coefficient",
        # 1x, −1y, 1σ; not "1s" (ones), "1D", a digit of a longer number, or after a slash.
        re.compile(r"(?<![\w.,/⁰¹²³⁴⁵⁶⁷⁸⁹)^])(?<!\d·)[−-]?1·?(?:[a-zA-Zα-ωπ√](?![a-zA-Z]))"),
        "a coefficient 1 written out (write x, not 1x; −y, not −1y)",
    ),
    Rule(
        "zero-term",
        re.compile(r"[+−] 0[a-zA-Zα-ω](?![a-zA-Z])|[a-zα-ωA-Z²³] [+−] 0(?![\d.,/·])"),
        "a term that is zero written out (x + 0, A − 0I)",
    ),
    Rule(
        "caret-power",
        # e^x is the bank's way to write exp (an exponent can be any expression).
        re.compile(r"(?<!e)\^(?:\(?[−-]?\d+\)?(?![\d./])|[a-zA-Z](?![\w(]))"),
        "a power written with ^ where a superscript exists (2³, not 2^3)",
    ),
    Rule(
        "trivial-power",
        re.compile(r"(?<=[\w)])(?<![⁰¹²³⁴⁵⁶⁷⁸⁹⁻])[¹⁰](?![⁰¹²³⁴⁵⁶⁷⁸⁹])(?! = )"),
        "a power 1 or 0 written out ((2/3)¹, 3⁰): write the base, or 1",
    ),
    Rule(
        "plural-after-one",
        re.compile(rf"(?<![\d.,/−^])(?<!\+ )(?<!− )\b1 (?:{_PLURALS})\b"),
        "a plural after 1 (1 failure, not 1 failures)",
    ),
    Rule(
        "square-root-of-square",
        re.compile(r"√(\d+)(?![\d./])(?! [=≈] )"),
        "the square root of a perfect square left unsimplified (√9 is 3)",
    ),
    Rule(
        "tautology",
        re.compile(r"[=≈] ([−-]?[\d./√π]+) = \1(?![\d/√]|\.\d)"),
        "a value set equal to itself (k = −2/7 = −2/7)",
    ),
    Rule(
        "long-decimal",
        re.compile(r"\d\.\d{9,}"),
        "a decimal of 10 digits where a fraction or a rounded value reads better",
    ),
    Rule(
        "double-slash",
        re.compile(r"/[^\s/()\[\]{}]+/"),
        "two slashes in a row (a/b/c): parenthesise the denominator",
    ),
    Rule(
        "juxtaposed-denominator",
        re.compile(r"/\d+(?:[√a-zA-Zπα-ω])"),
        "a denominator written as a product without parentheses (1/2√5 reads as √5/2)",
    ),
)

# Lines that tell the learner how to type an answer may show ^ on purpose.
_TYPING = re.compile(r"\b(?:type|typed|typing|write|e\.g\.)\b", re.IGNORECASE)


def _perfect_square(text: str) -> bool:
    n = int(text)
    return math.isqrt(n) ** 2 == n


def style_problems(text: str) -> list[tuple[str, str]]:
    """(rule name, the excerpt) for every form in the text a learner should not read."""
    found: list[tuple[str, str]] = []
    for line in text.split("\n"):
        if is_code_line(line):
            continue  # a program's own notation: x ** 2, 1e-3, a - -3
        for rule in RULES:
            if rule.name == "caret-power" and _TYPING.search(line):
                continue
            for m in rule.pattern.finditer(line):
                if rule.name == "square-root-of-square" and not _perfect_square(m.group(1)):
                    continue
                if rule.name == "unit-coefficient" and m.group(0)[-1] in "sD":
                    continue  # "the number of 1s", "1D"
                start, end = max(0, m.start() - 20), min(len(line), m.end() + 20)
                found.append((rule.name, line[start:end]))
    return found
