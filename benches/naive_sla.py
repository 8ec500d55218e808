#!/usr/bin/env python3
"""The baseline `benches/index.sh` compares `complaint sla` with: a plain script that reads
every record with PyYAML's C loader, keeps the open ones (no `close` after the last event that
reopened them) and flags those received more than 3 calendar days before NOW, a naive deadline
(no working days, no pauses, no rulebook). What a team would write in an afternoon."""
import os
import sys
from datetime import datetime, timedelta

import yaml

root, now = sys.argv[1], datetime.fromisoformat(sys.argv[2])
breached = 0
for folder, _, files in os.walk(os.path.join(root, "records")):
    for name in files:
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            record = yaml.load(f, Loader=yaml.CSafeLoader)
        events = [e.get("event") for e in record.get("history", [])]
        closed = bool(events) and events[-1] == "close" or ("close" in events and "reopen" not in events)
        if closed:
            continue
        received = datetime.fromisoformat(str(record["received_at"]))
        if now - received > timedelta(days=3):
            breached += 1
print(f"{breached} breached")
