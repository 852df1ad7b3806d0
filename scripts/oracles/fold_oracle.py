#!/usr/bin/env python3
"""Writes Tests/MotCuaCoreTests/Fixtures/fold-oracle.json: Vietnamese folding by unicodedata."""
import csv
import json
import pathlib
import unicodedata

root = pathlib.Path(__file__).resolve().parents[2]


def fold(text):
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch).startswith("M"):
            continue
        out.append("d" if ch in "đĐ" else ch.lower())
    return " ".join("".join(out).split())


rows = list(csv.DictReader(open(root / "Sources/MotCuaServer/Resources/Demo/procedures.csv", encoding="utf-8")))
names = sorted({r["name"] for r in rows} | {r["field"] for r in rows})
names += ["ĐĂNG KÝ KẾT HÔN", "  Hộ   tịch ", "Ỷ Lan", "Nguyễn Thị Ánh Tuyết", "Quảng Ngãi", "ưƯơƠăĂâÂêÊôÔ"]
out = root / "Tests/MotCuaCoreTests/Fixtures/fold-oracle.json"
json.dump([{"input": n, "folded": fold(n)} for n in names], open(out, "w", encoding="utf-8"), ensure_ascii=False, indent=0)
print(f"{len(names)} names written to {out}")
