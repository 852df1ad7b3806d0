#!/usr/bin/env python3
"""Writes Tests/MotCuaCoreTests/Fixtures/holidays-oracle.csv from the `holidays` PyPI package:
Vietnam's days off for 2013–2030 (statutory days, observed substitutes and declared swaps it knows)."""
import pathlib

import holidays

root = pathlib.Path(__file__).resolve().parents[2]
out = root / "Tests/MotCuaCoreTests/Fixtures/holidays-oracle.csv"
lines = [f"# holidays {holidays.__version__}", "date,name"]
for year in range(2013, 2031):
    for day, name in sorted(holidays.country_holidays("VN", years=[year]).items()):
        lines.append(f"{day.isoformat()},{name}")
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{len(lines) - 2} days written to {out}")
