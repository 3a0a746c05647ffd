"""Load test of the static public site (python -m sinkboard publish) as a web server serves it: N page views at
concurrency C against a base address on this machine, and with --weigh what each view weighs.

    .venv/bin/python scripts/site_load.py --url https://127.0.0.1:8443 --host views.carbon.example.gov.cn \
        --views 1000 --concurrency 100 [--json FILE]
    .venv/bin/python scripts/site_load.py --url http://127.0.0.1:8080 --weigh /srv/sinkboard/site

A page view is what a new reader's browser asks for: the view's page, then its styles and renderer (site.css and
site.js, the addresses the page names, both at once), then the document of the page's default state (its
data-default-area and data-default-as-of), then every map file (assets/geo/*.geojson) the document's charts name. Each
page view is a client of its own, as a new reader is: its own connections (a TLS handshake on https), kept alive for
its requests, at most six at once, with `Accept-Encoding: gzip`. Page views go round the nine views and the two
languages. A page view's time runs from its first request until the last byte of its last file; its bytes are the
bodies as transferred (compressed). Errors: a status other than 200, a page without the renderer's data attributes, a
document that is not JSON, a request that failed or took longer than --timeout.

--host NAME sends NAME as the Host header and the TLS server name while connecting to --url's address (a server
block for a name, as in deploy/nginx.conf, reached on loopback). --url must be this machine (a loopback address):
certificates are not checked, as a test's are throwaway ones. --pid PID (the web server's master process) adds the
CPU time it and its workers used to the figures.

--weigh SITE fetches each view as above once, reports what each part of it weighs as transferred and the folder's
size, and exits non-zero when a view weighs more than 1 MB or the site more than 30 MB.
"""

import argparse
import asyncio
import gzip
import ipaddress
import json
import math
import os
import re
import socket
import ssl
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

# the site's views (sinkboard/outputs/site/views.py; named here so the script needs nothing but httpx)
VIEWS = ("overview", "zones", "map", "pipeline", "pools", "potential", "open_trading", "open_subsidies",
         "open_registry", "open_changes")
LANGS = ("zh", "en")
VIEW_LIMIT = 1_000_000  # bytes transferred per view (issue 21)
SITE_LIMIT = 30_000_000  # bytes of the whole published folder
MAX_CONCURRENCY = 1000
ATTRIBUTE = re.compile(r'\sdata-(view|lang|data|default-area|default-as-of)="([^"]*)"')
STYLE = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
SCRIPT = re.compile(r'<script type="module" src="([^"]+)"')
GEO = re.compile(r'"([^"]*assets/geo/[^"]+\.geojson)"')


class Failure(Exception):
    """A page view that went wrong, with the one line saying how."""


def loopback_url(url):
    """URL without a trailing slash, or SystemExit when it is not an http(s) address of this machine (as
    scripts/load.py checks its --url)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SystemExit(f"--url must be http(s)://HOST:PORT, not {url!r}")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 80)}
    except OSError as error:
        raise SystemExit(f"--url {url!r} does not resolve: {error}")
    if not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise SystemExit(f"refusing {url!r}: a load test runs against this machine only (a loopback address)")
    return url.rstrip("/")


def percentile(values, share):
    """The nearest-rank percentile of values (share 0.5 for the median), None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def cpu_seconds(pid):
    """CPU seconds a process and its living children (nginx's workers) have used, or None when it is gone."""
    pids = [pid]
    try:
        pids += [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        total = 0.0
        for one in pids:
            text = Path(f"/proc/{one}/stat").read_text()
            fields = text[text.rindex(")") + 2:].split()
            total += sum(int(f) for f in fields[11:13]) / os.sysconf("SC_CLK_TCK")  # utime, stime
        return total
    except (OSError, ValueError):
        return None


class Reader:
    """One new reader's browser: a client of its own against the base address."""

    def __init__(self, base, host, tls, timeout):
        self.base, self.host = base + "/", host
        self.client = httpx.AsyncClient(
            verify=tls, timeout=timeout, headers={"Accept-Encoding": "gzip"},
            limits=httpx.Limits(max_connections=6, max_keepalive_connections=6))
        self.requests = 0

    async def get(self, url, decode):
        """(the body, decoded when asked; the bytes transferred) of a GET that answered 200."""
        extensions, headers = {}, {}
        if self.host:
            headers["Host"] = self.host
            if url.startswith("https:"):
                extensions["sni_hostname"] = self.host
        self.requests += 1
        try:
            async with self.client.stream("GET", url, headers=headers, extensions=extensions) as response:
                if decode:
                    body = await response.aread()
                else:  # counted as it comes; nothing a load test needs is in a script's text
                    body = None
                    async for _ in response.aiter_raw():
                        pass
                sent = response.num_bytes_downloaded
        except httpx.HTTPError as error:
            raise Failure(f"{url}: {type(error).__name__} {error}") from None
        if response.status_code != 200:
            raise Failure(f"{url}: status {response.status_code}")
        return body, sent

    async def view(self, view, lang, parts=None):
        """One page view; bytes transferred. parts, when a dict, gets each file's address and bytes."""
        page_url = urljoin(self.base, f"{lang}/{view}.html")
        html, sent = await self.get(page_url, decode=True)
        total, html = sent, html.decode("utf-8", "replace")
        if parts is not None:
            parts[page_url] = sent
        attributes = dict(ATTRIBUTE.findall(html))
        style, script = STYLE.search(html), SCRIPT.search(html)
        if not {"data", "default-area", "default-as-of"} <= attributes.keys() or not style or not script:
            raise Failure(f"{page_url}: not a view page (its data attributes, styles or renderer are missing)")
        assets = [urljoin(page_url, style.group(1)), urljoin(page_url, script.group(1))]
        for url, (_, sent) in zip(assets, await asyncio.gather(*(self.get(url, decode=False) for url in assets))):
            total += sent
            if parts is not None:
                parts[url] = sent
        data = urljoin(page_url, attributes["data"] + "/")
        document_url = urljoin(data, f"{view}/{attributes['default-area']}/{attributes['default-as-of']}"
                                     f".{lang}.json.gz")
        document, sent = await self.get(document_url, decode=True)
        total += sent
        if parts is not None:
            parts[document_url] = sent
        try:
            # stored gzip-compressed and sent as it is (a server that adds Content-Encoding has it unpacked already)
            text = json.dumps(json.loads(gzip.decompress(document) if document[:2] == b"\x1f\x8b" else document),
                              ensure_ascii=False)
        except ValueError:
            raise Failure(f"{document_url}: not JSON") from None
        maps = sorted({urljoin(page_url, name) for name in GEO.findall(text)})
        for url, (_, sent) in zip(maps, await asyncio.gather(*(self.get(url, decode=False) for url in maps))):
            total += sent
            if parts is not None:
                parts[url] = sent
        return total

    async def close(self):
        await self.client.aclose()


def tls_context():
    """One context for every client (making one each costs more than a handshake); no certificate check, as the
    address is this machine's and its certificate a throwaway one."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def run(base, host, count, concurrency, timeout):
    """count page views, at most concurrency at once: their samples, requests and errors."""
    tls = tls_context()
    samples, errors, requests = [], [], [0]
    todo = iter(range(count))

    async def worker():
        for number in todo:
            view, lang = VIEWS[number % len(VIEWS)], LANGS[(number // len(VIEWS)) % len(LANGS)]
            reader = Reader(base, host, tls, timeout)
            started = time.perf_counter()
            try:
                sent = await reader.view(view, lang)
                samples.append({"view": view, "lang": lang, "seconds": time.perf_counter() - started, "bytes": sent})
            except Failure as failure:
                errors.append(str(failure))
            finally:
                requests[0] += reader.requests
                await reader.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return samples, requests[0], errors


def summary(samples, requests, errors, seconds, args, cpu):
    times = [s["seconds"] for s in samples]
    sizes = [s["bytes"] for s in samples]
    by_view = {}
    for view in VIEWS:
        mine = [s for s in samples if s["view"] == view]
        if mine:
            by_view[view] = {"page_views": len(mine),
                             "p50_ms": round(1000 * percentile([s["seconds"] for s in mine], 0.5), 1),
                             "p95_ms": round(1000 * percentile([s["seconds"] for s in mine], 0.95), 1),
                             "bytes": round(sum(s["bytes"] for s in mine) / len(mine))}
    result = {
        "url": args.url, "host": args.host, "page_views": args.views, "concurrency": args.concurrency,
        "completed": len(samples), "errors": len(errors), "error_list": errors[:20],
        "seconds": round(seconds, 3),
        "page_views_per_s": round(len(samples) / seconds, 1), "requests_per_s": round(requests / seconds, 1),
        "requests": requests,
        "page_view_ms": {"p50": None, "p95": None, "max": None} if not times else {
            "p50": round(1000 * percentile(times, 0.5), 1), "p95": round(1000 * percentile(times, 0.95), 1),
            "max": round(1000 * max(times), 1)},
        "bytes_per_view": {"mean": round(sum(sizes) / len(sizes)) if sizes else None,
                           "max": max(sizes) if sizes else None},
        "megabytes_per_s": round(sum(sizes) / seconds / 1e6, 1),
        "by_view": by_view, **cpu,
    }
    return result


def print_summary(result):
    ms = result["page_view_ms"]
    print(f"{result['completed']} of {result['page_views']} page views at concurrency {result['concurrency']} "
          f"in {result['seconds']:.1f} s: {result['page_views_per_s']} page views/s, {result['requests_per_s']} "
          f"requests/s, {result['megabytes_per_s']} MB/s")
    print(f"page view time p50 / p95 / max: {ms['p50']} / {ms['p95']} / {ms['max']} ms")
    print(f"bytes per view (compressed): mean {result['bytes_per_view']['mean']:,}, "
          f"max {result['bytes_per_view']['max']:,}" if result["bytes_per_view"]["mean"] else "no page view finished")
    for view, figures in result["by_view"].items():
        print(f"  {view:15} p50 {figures['p50_ms']:8.1f} ms  p95 {figures['p95_ms']:8.1f} ms  "
              f"{figures['bytes']:>9,} bytes")
    print(f"CPU seconds: this client {result['client_cpu_s']}, the server {result.get('server_cpu_s', '(no --pid)')}")
    print(f"errors: {result['errors']}")
    for error in result["error_list"]:
        print(f"  {error}")


def folder_size(site):
    """(files, bytes) of everything under the published folder (its symlink followed)."""
    files, size = 0, 0
    for path in Path(site).resolve().rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size


async def weigh(base, host, timeout):
    """{(view, lang): {address: bytes transferred}} for every view's default state, or a Failure's line."""
    tls = tls_context()
    weights = {}
    for lang in LANGS:
        for view in VIEWS:
            reader = Reader(base, host, tls, timeout)
            parts = {}
            try:
                await reader.view(view, lang, parts)
            finally:
                await reader.close()
            weights[view, lang] = parts
    return weights


def weigh_main(args, base):
    try:
        weights = asyncio.run(weigh(base, args.host, args.timeout))
    except Failure as failure:
        raise SystemExit(f"weighing failed: {failure}")
    files, size = folder_size(args.weigh)
    views = {f"{lang}/{view}": {"bytes": sum(parts.values()),
                                "parts": {url.removeprefix(base + "/"): sent for url, sent in parts.items()}}
             for (view, lang), parts in weights.items()}
    heaviest = max(views.items(), key=lambda item: item[1]["bytes"])
    result = {"url": base, "views": views, "view_limit": VIEW_LIMIT, "site_files": files, "site_bytes": size,
              "site_limit": SITE_LIMIT, "heaviest_view": heaviest[0],
              "views_within": all(v["bytes"] <= VIEW_LIMIT for v in views.values()), "site_within": size <= SITE_LIMIT}
    for name, view in views.items():
        parts = ", ".join(f"{Path(url).name} {sent:,}" for url, sent in view["parts"].items())
        print(f"{name:18} {view['bytes']:>9,} bytes  ({parts})")
    print(f"heaviest view: {heaviest[0]}, {heaviest[1]['bytes']:,} bytes transferred (limit {VIEW_LIMIT:,}): "
          + ("within" if result["views_within"] else "OVER"))
    print(f"the site: {files:,} files, {size:,} bytes (limit {SITE_LIMIT:,}): "
          + ("within" if result["site_within"] else "OVER"))
    return result, result["views_within"] and result["site_within"]


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the site's base address, on this machine")
    parser.add_argument("--host", help="the Host header and TLS server name to send (the server block's name)")
    parser.add_argument("--views", type=int, default=1000, help="page views to open (default 1000)")
    parser.add_argument("--concurrency", type=int, default=100, help="page views at once (default 100)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a request may take (default 60)")
    parser.add_argument("--pid", type=int, help="the web server's master process, for its CPU time")
    parser.add_argument("--weigh", type=Path, metavar="SITE", help="weigh each view and the published folder SITE")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.views < 1 or not 1 <= args.concurrency <= MAX_CONCURRENCY:
        parser.error(f"--views must be at least 1 and --concurrency between 1 and {MAX_CONCURRENCY}")
    return args


def main(argv=None):
    args = parse(argv)
    base = loopback_url(args.url)
    if args.weigh is not None:
        if not args.weigh.is_dir():
            raise SystemExit(f"--weigh {args.weigh}: no such folder")
        result, within = weigh_main(args, base)
        ok = within
    else:
        server_before = cpu_seconds(args.pid) if args.pid else None
        if args.pid and server_before is None:
            raise SystemExit(f"--pid {args.pid}: no such process")
        client_before = time.process_time()
        started = time.perf_counter()
        samples, requests, errors = asyncio.run(run(base, args.host, args.views, args.concurrency, args.timeout))
        seconds = time.perf_counter() - started
        cpu = {"client_cpu_s": round(time.process_time() - client_before, 1)}
        if server_before is not None:
            cpu["server_cpu_s"] = round(cpu_seconds(args.pid) - server_before, 1)
        result = summary(samples, requests, errors, seconds, args, cpu)
        print_summary(result)
        ok = not errors
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
