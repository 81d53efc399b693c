"""Generate a larger corpus from the bundled one: same genre, other councils, other people, other years.

    python -m bench.scale.make_corpus --factor 10 --out /tmp/scale/x10

Each output document is one bundled document (corpus/*.txt, cycled) with, deterministically from
its position: the council's place name and abbreviation replaced by one from PLACES, every person
named in the hand-checked gold file (tests/fixtures/acceptance/seeds-gold.yaml) given another first
name and surname (consistently within the document, so 'Mr X' still follows 'Y X'), and every
year 2000-2029 shifted by a small offset. The sidecar .meta.yaml gets the same substitutions.
`--factor 10` gives 10 x the bundled corpus (50 documents from 5). No randomness: the same command
gives the same bytes, so build timings compare like with like.
"""
from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "fixtures" / "acceptance" / "seeds-gold.yaml"

# Invented places (no real council is described by the generated text).
PLACES = [("Northwick", "LBN"), ("Barsetshire", "LBB"), ("Kingsmere", "LBK"), ("Ashdown", "LBA"),
          ("Fenmarsh", "LBF"), ("Holmbury", "LBH"), ("Wyvern", "LBW"), ("Tamsworth", "LBT"),
          ("Eastmoor", "LBE"), ("Greywell", "LBG"), ("Oakhurst", "LBO"), ("Redbridge Vale", "LBR"),
          ("Millfield", "LBM"), ("Stourcombe", "LBS"), ("Cresswold", "LBC"), ("Dunmere", "LBD"),
          ("Penhallow", "LBP"), ("Westerleigh", "LBX"), ("Yarwood", "LBY"), ("Vexley", "LBV")]
FIRST = ["Aisha", "Bernard", "Chloe", "Desmond", "Eleni", "Farid", "Grace", "Hamish", "Ifeoma", "Jonas",
         "Katarzyna", "Leon", "Mairead", "Nikhil", "Olwen", "Pravin", "Quentin", "Rosalind", "Samir",
         "Tamsin", "Ulrich", "Veronica", "Wilfred", "Xanthe", "Yusuf", "Zara"]
LAST = ["Abernethy", "Brightwell", "Castellano", "Dunmore", "Ekwueme", "Fairbairn", "Gallagher",
        "Hargreaves", "Iqbal", "Jankowski", "Kettering", "Lindqvist", "Mbeki", "Northcott", "Okonkwo",
        "Pemberton", "Quayle", "Rasmussen", "Saunderson", "Thackeray", "Umberto", "Valentine",
        "Whitlock", "Yeardley", "Zielinski", "Ashworth", "Blackmore", "Crowther", "Delacroix"]
SOURCE_PLACE, SOURCE_ABBR = "Tower Hamlets", "LBTH"


def gold_names() -> list[str]:
    people = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["people"]
    return [p["name"] for p in people if p.get("name")]


def substitutions(i: int, names: list[str]) -> list[tuple[re.Pattern, str]]:
    """(pattern, replacement) pairs for document number i; longest source first."""
    place, abbr = PLACES[i % len(PLACES)]
    subs: dict[str, str] = {SOURCE_PLACE: place, SOURCE_ABBR: abbr}
    for k, full in enumerate(names):
        parts = full.split()
        first, last = parts[0], parts[-1]
        subs.setdefault(first, FIRST[(i * 7 + k) % len(FIRST)])
        subs.setdefault(last, LAST[(i * 11 + k * 3) % len(LAST)])
        subs.setdefault(last.upper(), LAST[(i * 11 + k * 3) % len(LAST)].upper())  # signatures in capitals
    # a short first name ('Max', 'Will', 'Kim') is also an English word: replace it only before a capital
    pats = []
    for src in sorted(subs, key=len, reverse=True):
        tail = r"(?=\s+[A-Z])" if len(src) <= 4 and src[0].isupper() and not src.isupper() else ""
        pats.append((re.compile(rf"\b{re.escape(src)}\b{tail}"), subs[src]))
    return pats


def shift_years(text: str, by: int) -> str:
    return re.sub(r"\b20([0-2]\d)\b", lambda m: str(2000 + min(29, int(m.group(1)) + by)), text)


def transform(text: str, i: int, names: list[str]) -> str:
    for pat, repl in substitutions(i, names):
        text = pat.sub(repl, text)
    return shift_years(text, i % 3)


def make(factor: int, out: Path) -> list[Path]:
    templates = sorted(CORPUS.glob("*.txt"))
    names = gold_names()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    for i in range(factor * len(templates)):
        src = templates[i % len(templates)]
        stem = f"{i:04d}_{src.stem.split('_', 1)[-1]}"
        dst = out / f"{stem}.txt"
        dst.write_text(transform(src.read_text(encoding="utf-8"), i, names), encoding="utf-8")
        meta = src.with_suffix(".meta.yaml")
        if meta.exists():
            (out / f"{stem}.meta.yaml").write_text(transform(meta.read_text(encoding="utf-8"), i, names),
                                                   encoding="utf-8")
        written.append(dst)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--factor", type=int, default=10, help="copies of the bundled corpus (1, 10, 100)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    files = make(args.factor, args.out)
    print(f"{len(files)} documents, {sum(f.stat().st_size for f in files)} bytes -> {args.out}")


if __name__ == "__main__":
    main()
