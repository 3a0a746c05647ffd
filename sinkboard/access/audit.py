"""The audit log: one JSON line per sign-in, sign-out, download, briefing pack, intake and refused address, written
by each internal process to a file of its own (so two processes never rotate one file) and rotated by size.

SINKBOARD_AUDIT_DIR names the folder (by default `audit/` in the warehouse folder); the administrators' page reads
every file in it, the rotated ones too."""

import json
import logging
import logging.handlers
import os
import threading
from datetime import datetime, timezone
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024  # a file is rotated at 10 MB ...
BACKUPS = 20  # ... and the 20 before it are kept: 210 MB a process at most
EVENTS = ("sign_in", "sign_out", "session_expired", "refused", "download", "briefing_pack", "intake")
FIELDS = ("time", "event", "user", "role", "sign_on", "page", "filters", "rows", "file", "detail", "address")

_lock = threading.Lock()
_loggers = {}


def audit_dir(warehouse_dir):
    return Path(os.environ.get("SINKBOARD_AUDIT_DIR") or Path(warehouse_dir) / "audit")


def _logger(folder, name):
    key = (str(folder), name)
    with _lock:
        if key not in _loggers:
            Path(folder).mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(Path(folder) / f"{name}.jsonl", maxBytes=MAX_BYTES,
                                                           backupCount=BACKUPS, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(message)s"))
            logger = logging.getLogger(f"sinkboard.audit.{len(_loggers)}")
            logger.propagate = False  # the audit lines go to their file only, not to the server log
            logger.setLevel(logging.INFO)
            logger.addHandler(handler)
            _loggers[key] = logger
        return _loggers[key]


def record(folder, name, event, **fields):
    """Appends one line to the process's file `name`.jsonl in `folder`: the event, the time (UTC, ISO 8601) and the
    fields given (user, role, page, filters, rows, file, detail, address); values that are not JSON are written as
    text."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    line = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"), "event": event}
    line.update({k: v for k, v in fields.items() if v is not None})
    _logger(folder, name).info(json.dumps(line, ensure_ascii=False, default=str, sort_keys=False))
    return line


def read(folder):
    """Every line of every audit file in the folder, oldest first; a line that is not JSON (a torn write) is kept as
    its text in `detail`."""
    lines = []
    for path in sorted(Path(folder).glob("*.jsonl*")):
        with open(path, encoding="utf-8", errors="replace") as f:
            for text in f:
                text = text.strip()
                if not text:
                    continue
                try:
                    entry = json.loads(text)
                except json.JSONDecodeError:
                    entry = {"event": "unreadable", "detail": text[:200]}
                if isinstance(entry, dict):
                    lines.append(entry)
    return sorted(lines, key=lambda entry: str(entry.get("time", "")))
