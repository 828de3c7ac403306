#!/usr/bin/env python3
"""Checks generated math questions independently of the C# generator.

Reads JSON lines {"module", "question", "answer"} from the file named on the command line, parses each question's
text with regular expressions of its own, computes the answer with sympy (exact rationals, parse_expr, solve), writes
it in the original mathematics_dataset's formats, and compares strings. Prints one JSON object:
{"checked": N, "per_module": {module: N}, "mismatches": [{"module", "question", "answer", "expected"}, ...]}.
"""

import json
import re
import sys
from decimal import Decimal, ROUND_HALF_UP, getcontext
from fractions import Fraction

import sympy
from sympy.parsing.sympy_parser import parse_expr

getcontext().prec = 200
NUM = r"-?\d+(?:\.\d+)?"
ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
            "nineteenth", "twentieth"]
WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10}
POWER_WORDS = {"ten": 1, "one hundred": 2, "one thousand": 3, "ten thousand": 4, "one hundred thousand": 5,
               "one million": 6, "ten million": 7, "one hundred million": 8}


def rational(text):
    return sympy.Rational(text)


def as_decimal(value):
    """Shortest exact decimal: '-0.05', '12.5', '300'."""
    value = sympy.Rational(value)
    d = Decimal(int(value.p)) / Decimal(int(value.q))
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def as_fraction(value):
    return str(sympy.Rational(value))


def full(pattern, text):
    m = re.fullmatch(pattern, text)
    if not m:
        raise ValueError("unrecognised question: " + text)
    return m


def add_or_sub(q):
    for pattern, op in [
        (rf"(?:Work out |Calculate |What is )?({NUM}) ?\+ ?({NUM})[.?]?", "+"),
        (rf"(?:Add|Put together|Sum|Total of|Add together) ({NUM}) and ({NUM})\.", "+"),
        (rf"What is ({NUM}) plus ({NUM})\?", "+"),
        (rf"(?:Work out |Calculate |What is )?({NUM}) - ({NUM})[.?]?", "-"),
        (rf"What is ({NUM}) (?:minus|take away) ({NUM})\?", "-"),
        (rf"What is ({NUM}) less than ({NUM})\?", "r-"),
        (rf"Subtract ({NUM}) from ({NUM})\.", "r-"),
        (rf"What is the (?:distance|difference) between ({NUM}) and ({NUM})\?", "|-|"),
    ]:
        m = re.fullmatch(pattern, q)
        if m:
            a, b = rational(m.group(1)), rational(m.group(2))
            value = {"+": a + b, "-": a - b, "r-": b - a, "|-|": abs(a - b)}[op]
            return as_decimal(value)
    raise ValueError("unrecognised add_or_sub question: " + q)


def mul(q):
    for pattern in [rf"(?:Calculate |Work out )?({NUM}) ?\* ?({NUM})\.?",
                    rf"(?:Multiply|Product of|What is the product of) ({NUM}) and ({NUM})[.?]",
                    rf"(?:What is )?({NUM}) times ({NUM})\??"]:
        m = re.fullmatch(pattern, q)
        if m:
            return as_decimal(rational(m.group(1)) * rational(m.group(2)))
    raise ValueError("unrecognised mul question: " + q)


def div(q):
    m = full(rf"(?:Divide ({NUM}) by ({NUM})\.|(?:What is |Calculate )?({NUM}) divided by ({NUM})[.?]?)", q)
    a, b = [g for g in m.groups() if g is not None]
    return as_fraction(rational(a) / rational(b))


def expression(q):
    m = full(r"(?:What is the value of |What is |Evaluate |Calculate )?([-+*/() 0-9]+?)[.?]?", q)
    value = parse_expr(m.group(1), evaluate=True)
    if not value.is_Rational:
        raise ValueError("expression did not evaluate to a rational: " + q)
    return as_fraction(value)


def place_value(q):
    m = full(r"What is the ([a-z ]+) digit of (\d+)\?", q)
    names = ["units", "tens", "hundreds"]
    for group in ["thousands", "millions", "billions", "trillions", "quadrillions", "quintillions", "sextillions",
                  "septillions", "octillions", "nonillions", "decillions"]:
        names += [group, "ten " + group, "hundred " + group]
    place = names.index(m.group(1)) + 1
    return m.group(2)[-place]


def round_number(q):
    m = full(rf"(?:Round ({NUM}) to (.+)\.|What is ({NUM}) rounded to (.+)\?)", q)
    number, description = [g for g in m.groups() if g is not None]
    if description == "the nearest integer":
        power = 0
    elif description.startswith("the nearest "):
        target = description[len("the nearest "):]
        power = POWER_WORDS[target] if target in POWER_WORDS else len(target) - 1
        assert target in POWER_WORDS or target == "1" + "0" * power, description
    else:
        d = full(r"(\w+) (?:decimal places?|dps?)", description)
        count = d.group(1)
        power = -(WORDS[count] if count in WORDS else int(count))
    rounded = Decimal(number).quantize(Decimal(1).scaleb(power), rounding=ROUND_HALF_UP)
    exact = Fraction(rounded)
    return as_decimal(sympy.Rational(exact.numerator, exact.denominator))


def items(text):
    return text.split(", ")


def choices(text):
    return re.findall(r"  \(([a-z])\) (\S+)", text)


def sort(q):
    m = full(r"(?:Sort|Put) (.+?)(?: in (ascending|increasing|descending|decreasing) order)?\.", q)
    values = items(m.group(1))
    descending = m.group(2) in ("descending", "decreasing")
    return ", ".join(sorted(values, key=rational, reverse=descending))


def kth_biggest(q):
    m = re.fullmatch(r"What is the (?:(\w+) )?(biggest|smallest) value in (.+)\?", q)
    if m:
        labelled = [(v, v) for v in items(m.group(3))]
    else:
        m = full(r"Which is the (?:(\w+) )?(biggest|smallest) value\?((?:  \([a-z]\) \S+)+)", q)
        labelled = [(letter, v) for letter, v in choices(m.group(3))]
    k = ORDINALS.index(m.group(1)) if m.group(1) else 1
    ranked = sorted(labelled, key=lambda p: rational(p[1]), reverse=m.group(2) == "biggest")
    return ranked[k - 1][0]


def closest(q):
    m = re.fullmatch(r"What is the (?:closest|nearest) to (\S+) in (.+)\?", q)
    if m:
        labelled = [(v, v) for v in items(m.group(2))]
    else:
        m = full(r"Which is the (?:closest|nearest) to (\S+)\?((?:  \([a-z]\) \S+)+)", q)
        labelled = [(letter, v) for letter, v in choices(m.group(2))]
    target = rational(m.group(1))
    distances = [abs(rational(v) - target) for _, v in labelled]
    assert len(set(distances)) == len(distances), "tied distances: " + q
    return labelled[distances.index(min(distances))][0]


def evaluate(q):
    m = full(r"Let ([a-z])\(([a-z])\) = (.+)\. (?:What is|Calculate|Give|Determine) \1\((-?\d+)\)[.?]", q)
    x = sympy.Symbol(m.group(2))
    polynomial = parse_expr(m.group(3), local_dict={m.group(2): x})
    return as_fraction(polynomial.subs(x, int(m.group(4))))


def linear_1d(q):
    m = full(r"Solve (.+) = (.+) for ([a-z])\.", q)
    x = sympy.Symbol(m.group(3))
    names = {m.group(3): x}
    solutions = sympy.solve(sympy.Eq(parse_expr(m.group(1), local_dict=names), parse_expr(m.group(2), local_dict=names)), x)
    assert len(solutions) == 1, "not one solution: " + q
    return as_fraction(solutions[0])


CHECKERS = {
    "arithmetic__add_or_sub": add_or_sub,
    "arithmetic__mul": mul,
    "arithmetic__div": div,
    "arithmetic__add_sub_multiple": expression,
    "arithmetic__mul_div_multiple": expression,
    "arithmetic__mixed": expression,
    "numbers__place_value": place_value,
    "numbers__round_number": round_number,
    "comparison__sort": sort,
    "comparison__kth_biggest": kth_biggest,
    "comparison__closest": closest,
    "polynomials__evaluate": evaluate,
    "algebra__linear_1d": linear_1d,
}


def checker(module):
    for suffix in ("_big", "_longer", "_more"):
        if module.endswith(suffix) and module[:-len(suffix)] in CHECKERS:
            return CHECKERS[module[:-len(suffix)]]
    return CHECKERS[module]


def main(path):
    checked, per_module, mismatches = 0, {}, []
    with open(path, encoding="ascii") as lines:
        for line in lines:
            item = json.loads(line)
            try:
                expected = checker(item["module"])(item["question"])
            except Exception as error:  # an unparsable question is a mismatch, reported with the reason
                expected = "ERROR: %s" % error
            checked += 1
            per_module[item["module"]] = per_module.get(item["module"], 0) + 1
            if expected != item["answer"]:
                mismatches.append(dict(item, expected=expected))
    print(json.dumps({"checked": checked, "per_module": per_module, "mismatches": mismatches[:100],
                      "mismatch_count": len(mismatches)}))


if __name__ == "__main__":
    main(sys.argv[1])
