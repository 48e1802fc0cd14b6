#!/usr/bin/env python3
"""Search quality on a real outside corpus: leertuin against fzf and rapidfuzz.

The corpus is text nobody on the team wrote:
- English: the short descriptions of Debian's packages (this machine's apt
  lists, `*_Packages.lz4`), one tip each, the package name as the body and
  its section as a tag;
- Dutch: the `nl:` summaries of Debian's AppStream data
  (`*Components-amd64.yml.gz`), the Dutch name as title, the Dutch
  description as the body.

Known-item queries: a random item, 2–3 words of its title in their order;
one query in four gets one typo (a dropped, doubled, swapped or
neighbouring-key letter). Seeded: the same seed gives the same corpus and
queries. Every title is kept once, so each query has exactly one right item.

All three systems search the same texts (title, body, tags):
- leertuin: the real binary, `search --json` on a database made by
  `leertuin import` of a generated backup;
- fzf: `fzf --filter`, one line per item;
- rapidfuzz: `process.extract` with `token_set_ratio`.
Prints R@1, R@10 and MRR (ranks past 100 count as missed) per system,
per language, for typo and non-typo queries.
"""

import argparse
import glob
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile

STOP = set(
    """a an the of for and or to in on with from by at as is are be this that
    it its into via using used use based other some all any not no tool tools
    de het een en of van voor met in op te aan bij uit om als is zijn die dat
    door naar je uw u dit deze ook niet wordt worden kan""".split()
)

# Neighbouring keys on a QWERTY keyboard (letters only), for substitutions.
ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def neighbours(c):
    for r, row in enumerate(ROWS):
        i = row.find(c)
        if i < 0:
            continue
        out = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
        for rr in (r - 1, r + 1):
            if 0 <= rr < len(ROWS):
                out += [ROWS[rr][j] for j in (i - 1, i, i + 1) if 0 <= j < len(ROWS[rr])]
        return out
    return []


def typo(word, rng):
    """One typo of a kind chosen at random, never at the first letter."""
    kinds = ["dropped", "doubled", "swapped", "neighbour"]
    rng.shuffle(kinds)
    for kind in kinds:
        i = rng.randrange(1, len(word))
        if kind == "dropped":
            return word[:i] + word[i + 1 :], kind
        if kind == "doubled":
            return word[:i] + word[i] + word[i:], kind
        if kind == "swapped" and i + 1 < len(word) and word[i] != word[i + 1]:
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :], kind
        if kind == "neighbour" and neighbours(word[i]):
            return word[:i] + rng.choice(neighbours(word[i])) + word[i + 1 :], kind
    return word[:-1], "dropped"


def tag_of(s):
    s = re.sub(r"[^a-z0-9_-]", "", s.split("/")[-1].lower())[:32]
    return [s] if s else []


def english(lists):
    path = glob.glob(os.path.join(lists, "*debian_dists_*_main_binary-amd64_Packages.lz4"))
    if not path:
        sys.exit(f"no Debian Packages list under {lists}")
    text = subprocess.run(["lz4", "-dc", path[0]], capture_output=True, check=True).stdout
    docs = []
    for stanza in text.decode("utf-8", "replace").split("\n\n"):
        fields = dict(re.findall(r"^([A-Za-z-]+): ?(.*)$", stanza, re.M))
        if "Description" in fields and "Package" in fields:
            docs.append(
                {
                    "title": fields["Description"].strip(),
                    "body": "package " + fields["Package"],
                    "tags": tag_of(fields.get("Section", "")),
                    "lang": "en",
                }
            )
    return docs


def dutch(lists):
    import yaml  # PyYAML; the C loader reads the 7 MB in seconds

    path = glob.glob(os.path.join(lists, "*Components-amd64.yml.gz"))
    if not path:
        sys.exit(f"no AppStream Components list under {lists}")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    docs = []
    with gzip.open(path[0], "rt", encoding="utf-8") as f:
        for comp in yaml.load_all(f, Loader=loader):
            if not isinstance(comp, dict):
                continue
            summary = (comp.get("Summary") or {}).get("nl")
            if not summary:
                continue
            name = (comp.get("Name") or {}).get("nl") or (comp.get("Name") or {}).get("C", "")
            desc = (comp.get("Description") or {}).get("nl", "")
            desc = re.sub(r"<[^>]+>", " ", desc)
            desc = re.sub(r"\s+", " ", desc).strip()
            cats = comp.get("Categories") or []
            docs.append(
                {
                    "title": f"{name}: {summary.strip()}",
                    "body": desc[:1800],
                    "tags": tag_of(cats[0]) if cats else [],
                    "lang": "nl",
                }
            )
    return docs


def unique_titles(docs):
    seen, out = set(), []
    for d in docs:
        key = d["title"].lower()
        if key not in seen and 0 < len(d["title"]) <= 200:
            seen.add(key)
            out.append(d)
    return out


def words_of(title):
    return [w for w in re.findall(r"[^\W_]+", title.lower()) if len(w) >= 3 and w not in STOP]


def make_queries(docs, lang, n, rng):
    ids = [i for i, d in enumerate(docs) if d["lang"] == lang and len(set(words_of(d["title"]))) >= 2]
    targets = rng.sample(ids, n)
    typos = set(rng.sample(range(n), n // 4))
    queries = []
    for k, i in enumerate(targets):
        words = list(dict.fromkeys(words_of(docs[i]["title"])))
        picked = sorted(rng.sample(range(len(words)), min(len(words), rng.choice([2, 3]))))
        q = [words[j] for j in picked]
        kind = None
        if k in typos:
            long = [j for j, w in enumerate(q) if len(w) >= 4] or [0]
            j = rng.choice(long)
            q[j], kind = typo(q[j], rng)
        queries.append({"query": " ".join(q), "target": i, "lang": lang, "typo": kind})
    return queries


def tidy(text):
    """One space between words, none at line ends: what leertuin stores."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def backup(docs, rng):
    authors = ["anouk", "bram", "carla", "dirk", "eva"]
    order = list(range(len(docs)))
    rng.shuffle(order)  # age tells nothing about the right answer
    tips = []
    for age, i in enumerate(order):
        d = docs[i]
        tips.append(
            {
                "id": f"t{i + 1}",
                "author": authors[i % len(authors)],
                "author_name": authors[i % len(authors)],
                "text": tidy(d["title"] + "\n" + d["body"])[:2000].strip(),
                "tags": d["tags"],
                "context": None,
                "created_at": f"2025-{1 + age // 300000 % 12:02d}-01T00:00:00.{age % 1000:03d}Z",
                "votes": [],
            }
        )
    tips.sort(key=lambda t: int(t["id"][1:]))
    persons = [
        {"handle": a, "name": a, "wants": [], "offers": [], "lang": None, "created_at": "2025-01-01T00:00:00.000Z"}
        for a in authors
    ]
    return {
        "format": "leertuin-export",
        "version": 1,
        "persons": persons,
        "lessons": [],
        "questions": [],
        "tips": tips,
        "learned": [],
        "lessons_done": [],
        "card_states": [],
        "reviews": [],
    }


def flat(d):
    return " ".join(" ".join([d["title"], d["body"], *d["tags"]]).split())


def rank_leertuin(binary, db, q, limit):
    out = subprocess.run(
        [binary, "--db", db, "--user", "anouk", "search", "--json", "--limit", str(limit), "--", *q.split()],
        capture_output=True,
        text=True,
    )
    if out.returncode not in (0,):
        sys.exit(f"leertuin search failed: {out.stderr.strip()}")
    return [int(h["item"]["id"][1:]) - 1 for h in json.loads(out.stdout or "[]")]


def rank_fzf(lines_file, q, limit):
    out = subprocess.run(
        ["fzf", "--filter", q, "--delimiter", "\t", "--nth", "2"],
        stdin=open(lines_file, "rb"),
        capture_output=True,
    )
    lines = out.stdout.decode("utf-8", "replace").splitlines()[:limit]
    return [int(line.split("\t", 1)[0]) for line in lines]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default="target/release/leertuin")
    ap.add_argument("--lists", default="/var/lib/apt/lists")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--english", type=int, default=28000, help="English items in the corpus")
    ap.add_argument("--queries", type=int, default=200, help="English queries (Dutch: a quarter)")
    ap.add_argument("--misses", action="store_true", help="print leertuin's misses")
    a = ap.parse_args()

    from rapidfuzz import fuzz, process, utils

    rng = random.Random(a.seed)
    en = unique_titles(english(a.lists))
    nl = unique_titles(dutch(a.lists))
    en = rng.sample(en, min(a.english, len(en)))
    docs = en + nl
    queries = make_queries(docs, "en", a.queries, rng) + make_queries(docs, "nl", a.queries // 4, rng)
    print(f"corpus: {len(en)} English + {len(nl)} Dutch items; {len(queries)} queries, seed {a.seed}")

    tmp = tempfile.mkdtemp(prefix="leertuin-quality-")
    db = os.path.join(tmp, "quality.db")
    with open(os.path.join(tmp, "backup.json"), "w") as f:
        json.dump(backup(docs, rng), f)
    subprocess.run([a.binary, "--db", db, "import", os.path.join(tmp, "backup.json")], check=True, capture_output=True)
    lines_file = os.path.join(tmp, "lines.txt")
    with open(lines_file, "w") as f:
        for i, d in enumerate(docs):
            f.write(f"{i}\t{flat(d)}\n")
    choices = {i: flat(d) for i, d in enumerate(docs)}

    limit = 100
    systems = {
        "leertuin": lambda q: rank_leertuin(a.binary, db, q, limit),
        "fzf": lambda q: rank_fzf(lines_file, q, limit),
        "rapidfuzz": lambda q: [
            k for _, _, k in process.extract(q, choices, scorer=fuzz.token_set_ratio, processor=utils.default_process, limit=limit)
        ],
    }
    ranks = {name: [] for name in systems}
    for q in queries:
        for name, run in systems.items():
            got = run(q["query"])
            ranks[name].append(got.index(q["target"]) + 1 if q["target"] in got else None)
        if a.misses and ranks["leertuin"][-1] != 1:
            print(f"  leertuin rank {ranks['leertuin'][-1]}: {q['query']!r} → {docs[q['target']]['title']!r}")

    def metrics(rs):
        n = len(rs)
        if n == 0:
            return "-"
        r1 = sum(r == 1 for r in rs) / n
        r10 = sum(r is not None and r <= 10 for r in rs) / n
        mrr = sum(1 / r for r in rs if r) / n
        return f"{r1:.3f} / {r10:.3f} / {mrr:.3f}"

    groups = [
        ("all", lambda q: True),
        ("English", lambda q: q["lang"] == "en"),
        ("English, no typo", lambda q: q["lang"] == "en" and not q["typo"]),
        ("English, typo", lambda q: q["lang"] == "en" and q["typo"]),
        ("Dutch", lambda q: q["lang"] == "nl"),
        ("Dutch, no typo", lambda q: q["lang"] == "nl" and not q["typo"]),
        ("Dutch, typo", lambda q: q["lang"] == "nl" and q["typo"]),
        ("typo", lambda q: q["typo"]),
    ]
    print(f"\nR@1 / R@10 / MRR\n| queries | n | {' | '.join(systems)} |")
    print("|---|---|" + "---|" * len(systems))
    for label, keep in groups:
        idx = [i for i, q in enumerate(queries) if keep(q)]
        cells = [metrics([ranks[s][i] for i in idx]) for s in systems]
        print(f"| {label} | {len(idx)} | {' | '.join(cells)} |")
    kinds = sorted({q["typo"] for q in queries if q["typo"]})
    print("\nR@10 by typo kind: " + ", ".join(
        f"{k} ({sum(q['typo'] == k for q in queries)}): "
        + " ".join(
            f"{s} {sum(1 for i, q in enumerate(queries) if q['typo'] == k and ranks[s][i] and ranks[s][i] <= 10) / max(1, sum(q['typo'] == k for q in queries)):.2f}"
            for s in systems
        )
        for k in kinds
    ))


if __name__ == "__main__":
    main()
