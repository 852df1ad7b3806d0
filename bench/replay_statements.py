"""Turns the statements PostgreSQL logged for one request (log_statement = 'all') into a pgbench
script that runs the same statements with the same values, as one client of the database would:
the database's own rate for exactly the work one request gives it.

New rows get fresh keys on every run: each row's own id (the first value of its VALUES tuple)
becomes gen_random_uuid(), the dossier's id and code come from a pgbench random number, and outbox
idempotency keys are made unique.

Usage: python3 replay_statements.py LOGFILE > script.sql
"""
import re
import sys

ENTRY = re.compile(r"^\d{4}-\d\d-\d\d ")
PARAMETER = re.compile(r"\$(\d+) = ")


def entries(text):
    """Log entries, continuation lines joined to their entry."""
    found = []
    for line in text.split("\n"):
        if ENTRY.match(line):
            found.append(line)
        elif found:
            found[-1] += "\n" + line
    return found


def parameters(text):
    """`$1 = 'a', $2 = NULL, …` → {1: "'a'", 2: "NULL"} (literals kept quoted)."""
    values, i = {}, 0
    while i < len(text):
        match = PARAMETER.match(text, i)
        if not match:
            i += 1
            continue
        number, i = int(match.group(1)), match.end()
        if text.startswith("NULL", i):
            values[number], i = "NULL", i + 4
            continue
        j = i + 1
        while not (text[j] == "'" and text[j + 1 : j + 2] != "'"):
            j += 2 if text[j] == "'" else 1
        values[number], i = text[i : j + 1], j + 1
    return values


def statements(text):
    found = []
    for entry in entries(text):
        if match := re.search(r"LOG:  execute <unnamed>: (.*)", entry, re.S):
            found.append((match.group(1).strip(), {}))
        elif (match := re.search(r"DETAIL:  parameters: (.*)", entry, re.S)) and found:
            found[-1] = (found[-1][0], parameters(match.group(1)))
    return found


def script(found):
    dossier = next(p for sql, p in found if sql.startswith('INSERT INTO "dossiers"'))
    dossier_id, code = dossier[1], dossier[5]
    fresh_dossier = "('00000000-0000-4000-8000-' || lpad(:k::text, 12, '0'))::uuid"
    lines = [r"\set k random(1, 999999999999)"]
    for sql, values in found:
        def value(match):
            literal = values[int(match.group(1))]
            if literal == dossier_id:
                return fresh_dossier
            if literal == code:
                return "('B-' || :k)"
            if re.fullmatch(r"'[0-9a-fA-F-]{36}-(email|sms)'", literal):
                return "gen_random_uuid()::text"
            return literal
        body = re.sub(r"\$(\d+)", value, sql)
        if sql.startswith("INSERT INTO \""):
            body = re.sub(r"(VALUES \(|\), \()'[0-9a-f-]{36}'", r"\1gen_random_uuid()", body)
        lines.append(" ".join(body.split()) + ";")
    return "\n".join(lines)


if __name__ == "__main__":
    print(script(statements(open(sys.argv[1], encoding="utf-8").read())))
