"""The command line: `python -m sinkboard ingest SOURCE --out DIR`, `python -m sinkboard sample --out DIR`,
`python -m sinkboard bench --scale K [--json FILE]` and the others below."""

import argparse
import os
import sys
from pathlib import Path


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m sinkboard")
    commands = parser.add_subparsers(dest="command", required=True)
    ingest_parser = commands.add_parser("ingest", help="build the warehouses from a folder of exported files")
    ingest_parser.add_argument("source", type=Path)
    ingest_parser.add_argument("--out", type=Path, required=True)
    ingest_parser.add_argument("--allow-empty", action="store_true",
                               help="build even when the source folder holds no dataset folder (an empty warehouse)")
    ingest_parser.add_argument("--publish", type=Path, default=None,
                               help="then publish the static public site into this folder (also SINKBOARD_PUBLISH)")
    publish_parser = commands.add_parser("publish", help="write the static public site from the public warehouse")
    publish_parser.add_argument("--warehouse", type=Path, required=True, help="folder holding public.duckdb")
    publish_parser.add_argument("--out", type=Path, required=True, help="the site: a link switched to each new version")
    sample_parser = commands.add_parser("sample", help="write the synthetic sample export folder")
    sample_parser.add_argument("--out", type=Path, required=True)
    sample_parser.add_argument("--seed", type=int, default=20211)
    sample_parser.add_argument("--scale", type=float, default=1.0)
    commands.add_parser("serve", help="run the dashboard (further arguments go to streamlit run)")
    prepare_parser = commands.add_parser("prepare-sample", help="rebuild the sample warehouse when missing or stale")
    prepare_parser.add_argument("--out", type=Path, default=None)
    briefing_parser = commands.add_parser("briefing", help="write the briefing slides (PPTX) and, beside them, the workbook "
                                                           "of their figures (XLSX)")
    briefing_parser.add_argument("--warehouse", type=Path, required=True, help="folder holding internal.duckdb")
    briefing_parser.add_argument("--out", type=Path, required=True, help="FILE.pptx; FILE.xlsx is written beside it")
    briefing_parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    briefing_parser.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: the latest date in the data)")
    briefing_parser.add_argument("--zone", default=None, help="a development zone, e.g. 川南 or 'South Sichuan' "
                                                              "(default: the whole province)")
    briefing_parser.add_argument("--basis", choices=["development", "registered"], default="development")
    briefing_parser.add_argument("--since", default=None, metavar="BUILD_ID|YYYY-MM-DD",
                                 help="the build to compare with: its id, or the last build made on or before a day "
                                      "(default: the build before the current one)")
    bench_parser = commands.add_parser("bench", help="time the ingest and every page on the sample at a scale, "
                                                     "against the goals and a pandas baseline")
    bench_parser.add_argument("--scale", type=float, default=1.0, help="the sample's scale (10 is about 230,000 rows)")
    bench_parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    bench_parser.add_argument("--reruns", type=int, default=20, help="warm reruns of each page (default 20)")
    bench_parser.add_argument("--workdir", type=Path, default=None,
                              help="where the sample and its warehouses are written (default: the temp folder)")
    bench_parser.add_argument("--sample", type=Path, default=None,
                              help="use this sample folder, written before at the same --scale, instead of writing one "
                                   "(at scale 500 writing it takes minutes)")
    commands.add_parser("translations", help="extract the message ids from the code into sinkboard/text/locale/sinkboard.pot "
                                             "and update the zh and en catalogues from it")
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "serve":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")

    if args.command == "ingest":
        from sinkboard.ingest.build import IngestError, ingest

        try:
            from sinkboard.ingest.console import Report

            report = Report()
            try:
                summary = ingest(args.source, args.out, allow_empty=args.allow_empty, progress=report)
            finally:
                report.close()
        except IngestError as error:
            print(f"ingest failed, the warehouses in {args.out} are unchanged: {error}", file=sys.stderr)
            return 2
        except Exception as error:  # a fault of the ingest itself: still one line, and the warehouses untouched
            print(f"ingest failed, the warehouses in {args.out} are unchanged: unexpected {type(error).__name__}: "
                  f"{error}".replace("\n", " "), file=sys.stderr)
            return 3
        print(summary.to_string(index=False))
        print(f"warehouses written to {args.out}")
        print_changes(args.out)
        site = args.publish or (Path(os.environ["SINKBOARD_PUBLISH"]) if os.environ.get("SINKBOARD_PUBLISH") else None)
        if site is not None:
            return publish_site(args.out, site, after_ingest=True)
        return 0
    if args.command == "publish":
        return publish_site(args.warehouse, args.out)
    if args.command == "sample":
        from sinkboard.dev.sample_exports import write_sample

        counts = write_sample(args.out, seed=args.seed, scale=args.scale)
        print(f"synthetic sample written to {args.out}: {counts}")
        return 0
    if args.command == "serve":
        from sinkboard.app.serve import serve

        return serve(extra)
    if args.command == "briefing":
        from sinkboard.outputs.briefing import BriefingError, compared_line, write_pack

        try:
            slides, workbook, compared = write_pack(args.warehouse, args.out, lang=args.lang, as_of=args.as_of,
                                                    zone=args.zone, basis=args.basis, since=args.since)
        except BriefingError as error:
            print(f"briefing failed: {error}", file=sys.stderr)
            return 2
        print(compared_line(compared))
        print(f"slides written to {slides}")
        print(f"workbook written to {workbook}")
        return 0
    if args.command == "bench":
        from sinkboard.dev.bench import BenchError, report, run

        try:
            results = run(args.scale, reruns=args.reruns, json_path=args.json, workdir=args.workdir, sample=args.sample)
        except BenchError as error:
            print(f"bench failed: {error}", file=sys.stderr)
            return 2
        except Exception as error:  # still one line
            print(f"bench failed: unexpected {type(error).__name__}: {error}".replace("\n", " "), file=sys.stderr)
            return 3
        print(report(results))
        if args.json:
            print(f"figures written to {args.json}")
        return 0
    if args.command == "prepare-sample":
        from sinkboard.ingest.sample_warehouse import prepare_sample_warehouse

        print(prepare_sample_warehouse(args.out))
        return 0
    if args.command == "translations":
        from sinkboard.dev.translations import update

        update()
        return 0
    return 1


SHOWN = 5  # projects named one by one in the ingest's closing lines


def print_changes(warehouse_dir):
    """The ingest's closing lines: what changed since the build before, in a few sentences."""
    from sinkboard.figures import changes

    try:
        compared = changes.compare(warehouse_dir)
    except Exception as error:  # the warehouses are written: say so, and what could not be compared, in one line
        print(f"the changes since the build before could not be worked out: {type(error).__name__}: {error}"
              .replace("\n", " "), file=sys.stderr)
        return
    if compared.baseline is not None:
        print(f"changes since the build before ({compared.baseline['build_id']}, "
              f"{compared.baseline['built_at']:%Y-%m-%d %H:%M} UTC):")
    for sentence in changes.headline(compared, "en"):
        print(f"  {sentence}")
    # the new projects (a newly registered one among them, by its status) and the stage moves (a known project
    # registered among them): together they name every project the comparison found moving
    for label, frame in (("new project", compared.added), ("moved stage", compared.moves)):
        for row in frame.head(SHOWN).itertuples():
            stage = (f"{row.status_before} → {row.status_after}" if label == "moved stage" else row.status)
            print(f"  {label}: {row.project_id} {row.project_name} ({row.area_mu:,.0f} mu, {row.zone}, {stage}; "
                  f"from {row.source_file})")
        if len(frame) > SHOWN:
            print(f"  {label}: and {len(frame) - SHOWN} more (the changes page lists them all)")


def publish_site(warehouse_dir, out, after_ingest=False):
    """Publishes the static site; on failure one line, the site served before untouched, and a non-zero exit (after an
    ingest, the new warehouses stay: only the site is behind)."""
    from sinkboard.outputs.site.publish import PublishError, publish

    try:
        version = publish(warehouse_dir, out)
    except (PublishError, OSError) as error:
        kept = " (the warehouses were replaced)" if after_ingest else ""
        print(f"publish failed, the site at {out} is unchanged{kept}: {error}".replace("\n", " "), file=sys.stderr)
        return 4
    except Exception as error:  # a fault of the publish itself: still one line, and the site untouched
        print(f"publish failed, the site at {out} is unchanged: unexpected {type(error).__name__}: {error}"
              .replace("\n", " "), file=sys.stderr)
        return 5
    print(f"site published to {out} ({version.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
