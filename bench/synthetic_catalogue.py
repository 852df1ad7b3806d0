"""Writes a catalogue CSV of N procedures for load tests: the 186 real rows of the demo, then
variants of them (codes 9.NNNNNN, the real name with a numbered suffix, the same field), so a
search such as "ket hon" matches many rows as it would in a large province catalogue.
Usage: python3 bench/synthetic_catalogue.py 2000 > /tmp/catalogue.csv"""
import csv
import pathlib
import sys

size = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
source = pathlib.Path(__file__).resolve().parent.parent / "Sources/MotCuaServer/Resources/Demo/procedures.csv"
rows = list(csv.DictReader(open(source, encoding="utf-8")))
columns = ["code", "name", "field", "level", "deadline_value", "deadline_unit", "fee_vnd", "agency", "legal_basis", "source"]
out = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
out.writeheader()
for row in rows:
    out.writerow(row)
for n in range(size - len(rows)):
    base = dict(rows[n % len(rows)])
    base["code"] = f"9.{n:06d}"
    base["name"] = f"{base['name']} (phương án {n // len(rows) + 1})"
    out.writerow(base)
