"""What a long ingest tells the person who runs it: a progress bar per phase on a terminal (tqdm), one plain line
per file otherwise (a log, CI)."""

import sys

from tqdm import tqdm


class Silent:
    """The progress of an ingest run from code (tests, the intake page): nothing is printed."""

    def start(self, total_files):
        pass

    def file_read(self, dataset, source_file, rows, seconds):
        pass

    def phase(self, name):
        pass

    def close(self):
        pass


class Report(Silent):
    """A bar over the files on a terminal; otherwise one line per file and phase, to standard output."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.bar = None

    def start(self, total_files):
        if self.stream.isatty():
            self.bar = tqdm(total=total_files, unit="file", file=self.stream, dynamic_ncols=True, leave=False)

    def file_read(self, dataset, source_file, rows, seconds):
        if self.bar is not None:
            self.bar.set_description(f"{dataset}: {source_file}")
            self.bar.update(1)
        else:
            # the seconds are the read's own (the file into DuckDB, staging not included): the bench reads them
            print(f"read {source_file} ({dataset}): {rows:,} rows in {seconds:.2f} s", file=self.stream, flush=True)

    def phase(self, name):
        if self.bar is not None:
            self.bar.set_description(name)
        else:
            print(name, file=self.stream, flush=True)

    def close(self):
        if self.bar is not None:
            self.bar.close()
