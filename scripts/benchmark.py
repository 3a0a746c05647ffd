"""Kept for the old command: the benchmark is now `python -m sinkboard bench --scale K [--json FILE]`
(sinkboard/dev/bench.py).

Run: .venv/bin/python scripts/benchmark.py [--scales 1 10] [--reruns N]: the bench at each scale in turn.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from sinkboard.__main__ import main  # noqa: E402


def run(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--reruns", type=int, default=20)
    args = parser.parse_args(argv)
    for scale in args.scales:
        status = main(["bench", "--scale", f"{scale:g}", "--reruns", str(args.reruns)])
        if status:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(run())
