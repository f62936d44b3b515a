#!/usr/bin/python3
"""Writes the corpus benchmark's training text: about 1.1 MB of made-up prose
(sentences of invented words, capitals, numbers, punctuation, paragraphs) with
exactly 65 distinct characters, the same bytes on every run (fixed seed, stdlib
only). Licence-free by construction.

Usage: corpus_text.py OUT [BYTES]
"""
import random
import string
import sys

SEED = 20240601
LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
DIGITS = "0123456"  # 52 letters + 7 digits + ".,!?" + space + newline = 65
ONSETS = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "qu", "r", "s", "t",
          "v", "w", "x", "y", "z", "st", "th", "ch", "br", "gr", "pl", "sh"]
VOWELS = ["a", "e", "i", "o", "u", "ea", "ou", "y"]


def make_words(rng, count):
    words = set()
    while len(words) < count:
        syllables = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
        words.add("".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables)))
    words = sorted(words)
    rng.shuffle(words)
    return words


def sentence(rng, words, names):
    out = []
    for i in range(rng.randint(4, 16)):
        r = rng.random()
        if r < 0.05:
            word = "".join(rng.choice(DIGITS) for _ in range(rng.randint(1, 4)))
        elif r < 0.12:
            word = rng.choice(names)
        else:
            # Skewed: a few words are frequent, most are rare.
            word = words[int(len(words) * rng.random() ** 3)]
        if i == 0:
            word = word[0].upper() + word[1:]
        out.append(word + ("," if rng.random() < 0.08 else ""))
    return " ".join(out).rstrip(",") + rng.choice([".", ".", ".", ".", "!", "?"])


def paragraph(rng, words, names):
    lines, line = [], ""
    for _ in range(rng.randint(2, 8)):
        for token in sentence(rng, words, names).split(" "):
            if line and len(line) + 1 + len(token) > 70:
                lines.append(line)
                line = token
            else:
                line = f"{line} {token}" if line else token
    lines.append(line)
    return "\n".join(lines)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: corpus_text.py OUT [BYTES]")
    target = int(sys.argv[2]) if len(sys.argv) == 3 else 1_100_000
    rng = random.Random(SEED)
    words = make_words(rng, 3000)
    # One name per capital letter, so every capital is in the vocabulary.
    names = [c + rng.choice(VOWELS) + rng.choice(ONSETS) + rng.choice(VOWELS) for c in UPPER]
    parts, size = [], 0
    while size < target:
        parts.append(paragraph(rng, words, names))
        size += len(parts[-1]) + 2
    text = "\n\n".join(parts) + "\n"
    vocab = set(text)
    want = set(LOWER + UPPER + DIGITS + ".,!? \n")
    if vocab != want:
        sys.exit(f"corpus_text.py: vocabulary is {len(vocab)} characters, expected {len(want)}")
    with open(sys.argv[1], "w", encoding="ascii") as f:
        f.write(text)


if __name__ == "__main__":
    main()
