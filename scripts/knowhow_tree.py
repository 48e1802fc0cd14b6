#!/usr/bin/env python3
"""Writes a made-up tldr-pages tree of tldr's size for the knowhow benchmark:
~6,600 English pages (common, linux, osx, windows, android) with ~30,000
examples, and ~1,500 Dutch pages. Words are drawn from small English and
Dutch vocabularies with placeholders and mnemonics as tldr writes them, so
the parser and the store see realistic text; nothing is copied from tldr.

usage: knowhow_tree.py DIR [--seed N] [--change N]
  --change N  rewrites N English pages (a second run's 'changed' count)
"""
import os
import random
import sys

EN = ("create list show remove copy move print compress extract archive file files "
      "directory folder recursively verbose output input network interface process "
      "user group permission owner current given specific all hidden new old local "
      "remote server client branch commit repository container image volume port "
      "address package install update upgrade search query table database index key "
      "value config line lines word words pattern match count size time date").split()
NL = ("maak toon lijst verwijder kopieer verplaats druk pak in uit archief bestand "
      "bestanden map mappen recursief uitgebreid uitvoer invoer netwerk proces gebruiker "
      "groep rechten eigenaar huidige gegeven alle verborgen nieuwe oude lokale externe "
      "server tak commit opslag container afbeelding poort adres pakket installeer "
      "werk bij zoek tabel database sleutel waarde instelling regel regels woord "
      "patroon aantal grootte tijd datum één café").split()
PLACEHOLDERS = ["path/to/file", "path/to/directory", "name", "url", "port", "user",
                "pattern", "path/to/file1 path/to/file2 ...", "package", "branch_name"]
PLATFORMS = [("common", 3300), ("linux", 2200), ("osx", 600), ("windows", 350),
             ("android", 150)]


def sentence(rng, words, n):
    out = [rng.choice(words) for _ in range(n)]
    # A mnemonic: one letter of one word in brackets, as tldr marks options.
    i = rng.randrange(len(out))
    w = out[i]
    if len(w) > 2:
        out[i] = "[" + w[0] + "]" + w[1:]
    out[0] = out[0].capitalize()
    return " ".join(out) + ":"


def command(rng, name):
    parts = [name]
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if r < 0.35:
            parts.append("{{" + rng.choice(PLACEHOLDERS) + "}}")
        elif r < 0.5:
            parts.append("{{[-" + rng.choice("abcdefghv") + "|--" + rng.choice(EN) + "]}}")
        else:
            parts.append("-" + rng.choice("abcdefghijklmnopqrstuvwxyz"))
    return " ".join(parts)


def page(rng, name, words, examples):
    lines = ["# " + name, "", "> " + sentence(rng, words, 6)[:-1] + ".",
             "> More information: <https://example.org/" + name + ">.", ""]
    for _ in range(examples):
        lines += ["- " + sentence(rng, words, rng.randint(4, 10)), "",
                  "`" + command(rng, name) + "`", ""]
    return "\n".join(lines)


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    root = args[0]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    change = int(args[args.index("--change") + 1]) if "--change" in args else 0
    rng = random.Random(seed)
    names = []
    for platform, count in PLATFORMS:
        for i in range(count):
            stem = rng.choice(EN)[:6] + rng.choice(["", "-", "ctl", "d", "-" + rng.choice(EN)[:4]])
            names.append((platform, f"{stem}{i}"))
    examples = 0
    for platform, name in names:
        n = rng.choice([3, 3, 4, 4, 4, 5, 5, 5, 6, 7])
        examples += n
        path = os.path.join(root, "pages", platform, name + ".md")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(page(rng, name, EN, n))
    dutch = [n for n in names if n[0] in ("common", "linux")][:1500]
    for platform, name in dutch:
        path = os.path.join(root, "pages.nl", platform, name + ".md")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(page(rng, name, NL, rng.choice([3, 4, 5, 6])))
    crng = random.Random(seed + 1)
    for platform, name in crng.sample(names, change):
        path = os.path.join(root, "pages", platform, name + ".md")
        with open(path, "a") as f:
            f.write("\n- Changed " + crng.choice(EN) + ":\n\n`" + name + " --changed`\n")
    print(f"{len(names)} English pages, {examples} examples; {len(dutch)} Dutch pages")


main()
