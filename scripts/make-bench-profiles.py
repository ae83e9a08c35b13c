#!/usr/bin/env python3
"""Writes N synthetic profiles of R distinct rules each, for the profile-scaling
benchmark (issue 4: 50 profiles x 100 rules vs 1 profile x 100 rules).

    scripts/make-bench-profiles.py OUT_DIR --profiles 50 --rules 100 [--seed 1]

Every rule is distinct (no two profiles share one), so the union the scanner
compiles grows with the number of profiles. Patterns are two-word phrases
with \\b boundaries and \\s+ between the words, a few alternations and
character classes, spread over body, header:Subject and uri targets, like
the shipped trigger rule sets.
"""
import argparse
import os
import random

SYLLABLES = ["ka", "lo", "mi", "ren", "sta", "vo", "qua", "zi", "tor", "pel", "dan", "gri",
             "sho", "mun", "bel", "tra", "fi", "nox", "cre", "dul", "har", "jin", "wes", "yul"]


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--profiles", type=int, default=50)
    parser.add_argument("--rules", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    seen = set()
    for p in range(args.profiles):
        lines = [f'name = "bench-{p:03d}"', f'description = "synthetic benchmark profile {p}"',
                 "[thresholds]", "junk = 5.0", "reject = 10.0"]
        for r in range(args.rules):
            while True:
                a, b = word(rng), word(rng)
                if (a, b) not in seen:
                    seen.add((a, b))
                    break
            kind = r % 10
            if kind < 7:
                target, pattern = "body", rf"\b{a}\s+{b}\b"
            elif kind < 9:
                target, pattern = "header:Subject", rf"\b(?:{a}|{b})[!?]*\b"
            else:
                target, pattern = "uri", rf"//[^/]*{a}[0-9]*\.{b}"
            lines += ["[[rules]]", f'id = "B{p:03d}_{r:03d}"', f'target = "{target}"',
                      f"pattern = '{pattern}'", 'flags = "i"', "score = 1.0"]
        with open(os.path.join(args.out, f"bench-{p:03d}.toml"), "w") as out:
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
