"""Board update latency: a counter calls the next number on one server process while a board,
connected to another process (or the same one), waits for the change event and reads the board
again. Prints p50 / p90 / max in milliseconds of: call request, event arrival after the call was
sent, and event + board read (what a TV shows).

Usage: python3 bench/queue_latency.py CALL_BASE BOARD_BASE UNIT COOKIE CSRF COUNTER_ID [ROUNDS]
"""
import statistics
import sys
import threading
import time

import requests


def main():
    call_base, board_base, unit, cookie, csrf, counter = sys.argv[1:7]
    rounds = int(sys.argv[7]) if len(sys.argv) > 7 else 50
    events = []
    arrived = threading.Event()

    def listen():
        with requests.get(f"{board_base}/xep-hang/{unit}/su-kien", stream=True, timeout=120) as stream:
            for line in stream.iter_lines(decode_unicode=True):
                if line == "event: change":
                    events.append(time.perf_counter())
                    arrived.set()

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(1)
    session = requests.Session()
    session.headers.update({"Cookie": f"motcua-session={cookie}", "X-CSRF-Token": csrf, "Content-Type": "application/json"})
    calls, signals, shown = [], [], []
    for _ in range(rounds):
        arrived.clear()
        started = time.perf_counter()
        response = session.post(f"{call_base}/api/v1/queue/counters/{counter}/actions/call_next", data="{}")
        answered = time.perf_counter()
        if response.status_code != 200:
            sys.exit(f"call_next: {response.status_code} {response.text[:200]}")
        if not arrived.wait(5):
            sys.exit("no event within 5 s")
        heard = events[-1]
        requests.get(f"{board_base}/api/v1/queue/units/{unit}", timeout=10).raise_for_status()
        read = time.perf_counter()
        calls.append((answered - started) * 1000)
        signals.append((heard - started) * 1000)
        shown.append((read - started) * 1000)
        session.post(f"{call_base}/api/v1/queue/counters/{counter}/actions/skip", data="{}")
        time.sleep(0.05)
        arrived.clear()

    def row(label, values):
        values = sorted(values)
        p90 = values[int(0.9 * (len(values) - 1))]
        print(f"| {label:<44} | {statistics.median(values):8.1f} | {p90:8.1f} | {max(values):8.1f} |")

    row("call_next answered", calls)
    row("change event at the board", signals)
    row("event + board read (what the TV shows)", shown)


if __name__ == "__main__":
    main()
