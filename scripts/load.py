"""Load test: N concurrent headless-Chromium sessions (or, with --client protocol, sessions that speak Streamlit's
websocket protocol without a browser) against a sinkboard app.

    .venv/bin/python scripts/load.py --warehouse /tmp/load_wh --mode public --sessions 10 [--json FILE]
    .venv/bin/python scripts/load.py --url http://127.0.0.1:8501 --mode internal --sessions 20
    .venv/bin/python scripts/load.py --warehouse /tmp/load_wh --client protocol --servers 2 --sessions 50 --think 5

With --client protocol each page visit is a new session whose filters (language, zone, as-of date) are in its address,
timed from the request until the server says the page's run finished: what the server alone can do, where a browser
per session on the same cores would take most of the machine. --servers K starts K server processes (session i uses
server i mod K), as the deployment runs one a core behind the proxy; --think pauses between a session's pages.

With --warehouse the script starts the server itself (`python -m sinkboard serve`, SINKBOARD_MODE=--mode, a free port
of 127.0.0.1) and stops it at the end; with --url it uses a running one, which must be on this machine (loopback) and
in the mode given. Each session is a browser context of its own (so a Streamlit session of its own): it opens every
page of the mode in turn (session i starts at page i, so the sessions spread over the pages), waits until the script
has finished and the page's title is drawn (the first render, measured from the navigation), then changes the
sidebar's filters one at a time (language, development zone, as-of date) and waits for each rerun to finish (measured
from the click). Counted as errors: an exception box or error box on a page, a page or a rerun that did not finish
within --timeout, and, apart, every request the browser makes to a host other than the app's (none may leave the
machine: other hosts do not even resolve in the browser). The server's memory is the RSS of its process and its
children, read from /proc before, every quarter second during (the peak) and after the run; the CPU time of the
server, of the browsers and of the rest of the machine says who was busy.

Bounds: at most 100 sessions; the run stops starting pages after --duration seconds and cancels whatever is still
running --timeout seconds later.
"""

import argparse
import asyncio
import ipaddress
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from sinkboard.app import page_list  # noqa: E402
from sinkboard.app.serve import start_local  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
MAX_SESSIONS = 100
ACTIONS = ("lang", "zone", "as_of")

STATE = "document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"
# first render: the script has finished and the page's title (every page starts with st.title) is drawn
DRAWN = f"() => {STATE} === 'notRunning' && document.querySelector('[data-testid=\"stMain\"] h1') !== null"
# a rerun has ended when the server has said its script run finished and the page has taken that in. (The page's
# state alone is not enough: a loaded browser takes in a whole short run at once, and "running" is never drawn.)
IDLE = f"() => {STATE} === 'notRunning'"
MONTH_SHOWN = "document.querySelector('[role=\"dialog\"] [role=\"grid\"]')?.getAttribute('aria-label')"
ERRORS = """() => Array.from(document.querySelectorAll(
  '[data-testid="stException"], [data-testid="stAlertContentError"]')).map((e) => e.innerText.slice(0, 200))"""
POLL_MS = 50  # how often a wait looks again: the times are good to about this


# ---------------------------------------------------------------------------------------------------------------- /proc


def _stat(pid):
    """(parent pid, CPU seconds of it and of its children it has waited for) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _all_processes():
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            table[int(entry)] = stat
    return table


def process_tree(root, table=None):
    """The pid and every living descendant of it."""
    table = table if table is not None else _all_processes()
    children = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in table:
            tree.append(pid)
            todo.extend(children.get(pid, []))
    return tree


def trees(roots, table=None):
    """The pids of the process trees of several roots (the servers)."""
    table = table if table is not None else _all_processes()
    return {pid for root in roots for pid in process_tree(root, table)}


def rss_mb(pids):
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pids, table):
    return sum(table[pid][1] for pid in pids if pid in table)


def machine_busy_seconds():
    """CPU seconds every core of the machine has spent busy since boot."""
    fields = [int(f) for f in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def listening_pid(port):
    """The process listening on 127.0.0.1/::1 PORT, from /proc/net/tcp and the processes' open sockets (ours only)."""
    inodes = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(fields[9])
    wanted = {f"socket:[{inode}]" for inode in inodes}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            for fd in os.listdir(f"/proc/{entry}/fd"):
                if os.readlink(f"/proc/{entry}/fd/{fd}") in wanted:
                    return int(entry)
        except OSError:
            continue
    return None


class Sampler(threading.Thread):
    """Samples the servers' memory (RSS of their process trees) every quarter second; keeps the peak."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids, self.peak, self.samples = pids, 0.0, []
        self._halt = threading.Event()

    def run(self):
        started = time.monotonic()
        while not self._halt.wait(0.25):
            mb = rss_mb(trees(self.pids))
            self.peak = max(self.peak, mb)
            self.samples.append((round(time.monotonic() - started, 2), round(mb, 1)))

    def stop(self):
        self._halt.set()
        self.join()


# --------------------------------------------------------------------------------------------------------------- server


def _die_with_parent():
    """In the server's process before it starts: it gets SIGTERM when this script ends, even when killed."""
    import ctypes
    import signal

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


def start_server(warehouse, mode, log):
    """The dashboard on a free port of 127.0.0.1, as tests/test_browser.py starts it; it ends with this script."""
    try:
        return start_local(warehouse, mode, output=log, preexec_fn=_die_with_parent)
    except RuntimeError:
        raise SystemExit(f"the dashboard did not start (see {log.name})") from None


def loopback_url(url):
    """URL without a trailing slash, or SystemExit when it is not an http(s) address of this machine."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SystemExit(f"--url must be http://HOST:PORT, not {url!r}")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 80)}
    except OSError as error:
        raise SystemExit(f"--url {url!r} does not resolve: {error}")
    if not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise SystemExit(f"refusing {url!r}: a load test runs against this machine only (a loopback address)")
    return url.rstrip("/")


# ------------------------------------------------------------------------------------------------------------- sessions


class Results:
    def __init__(self):
        self.first_render = []  # {"session", "page", "seconds"}
        self.reruns = []  # {"session", "page", "action", "seconds"}
        self.errors = []  # {"session", "page", "step", "kind", "text"}
        self.outside = []  # URLs of requests to another host
        self.http_errors = []  # app responses >= 400
        self.skipped = 0  # filter changes with nothing to change to
        self.unfinished = 0  # page visits not started or cancelled at the time bound
        self.own_cpu = 0.0  # CPU seconds of this script and its browsers at the end of the sessions


class Socket:
    """What went over a page's websocket: messages sent (a widget change is one) and script runs the server finished."""

    def __init__(self):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.sent = self.finished = self.sent_at_change = self.finished_at_change = 0
        self.news = asyncio.Event()
        self._message, self._early = ForwardMsg, ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")

    def watch(self, websocket):
        websocket.on("framesent", self._on_sent)
        websocket.on("framereceived", self._on_received)

    def _on_sent(self, _):
        self.sent += 1

    def _on_received(self, payload):
        if not isinstance(payload, bytes):
            return
        try:
            message = self._message.FromString(payload)
        except Exception:  # not a ForwardMsg: not ours to count
            return
        if message.WhichOneof("type") == "script_finished" and message.script_finished != self._early:
            self.finished += 1
            self.news.set()

    def mark(self):
        self.sent_at_change, self.finished_at_change = self.sent, self.finished
        self.news.clear()

    async def wait_finished(self, until):
        """Until the server has finished a script run since mark(); TimeoutError at time.monotonic() `until`."""
        while self.finished == self.finished_at_change:
            await asyncio.wait_for(self.news.wait(), max(until - time.monotonic(), 0.001))
            self.news.clear()


async def _rerun(page, act, timeout_ms, socket):
    """Seconds from the change to the end of the rerun, or None when the action had nothing to change."""
    socket.mark()
    started = await act()
    if started is None:
        return None
    try:
        await socket.wait_finished(started + timeout_ms / 1000)
    except asyncio.TimeoutError:
        raise TimeoutError(f"the rerun did not finish within {timeout_ms / 1000:.0f} s") from None
    await page.wait_for_function(IDLE, polling=POLL_MS, timeout=timeout_ms)
    return time.monotonic() - started


async def change_language(page, pick):
    other = page.locator('.st-key-lang [data-testid="stRadioOption"]:not([data-selected="true"])')
    started = time.monotonic()
    await other.click()  # (strict: exactly one language is not the chosen one)
    return started


async def change_zone(page, pick):
    await page.locator('.st-key-zone [role="combobox"]').first.click()
    options = page.locator('[role="option"]')
    await options.first.wait_for()
    texts = await options.all_inner_texts()
    # the option already shown is aria-selected; pick another one, a different one per session and page
    selected = await options.evaluate_all("(os) => os.findIndex((o) => o.getAttribute('aria-selected') === 'true')")
    others = [i for i in range(len(texts)) if i != selected]
    if not others:
        await page.keyboard.press("Escape")
        return None
    started = time.monotonic()
    await options.nth(others[pick % len(others)]).click()
    return started


async def change_as_of(page, pick):
    await page.locator('.st-key-as_of [data-testid="stDateInputCalendarButton"]').click()
    calendar = page.locator('[role="dialog"] [role="grid"]')  # (a page's tables are grids too)
    await calendar.wait_for()
    days = calendar.locator('[role="gridcell"]:not([aria-disabled="true"]):not([aria-selected="true"]) [role="button"]')
    count = await days.count()
    if count == 0:  # the as-of date is the first day of the data's last month: a day of the month before
        month = await calendar.get_attribute("aria-label")  # "Choose date, May 2023"
        await page.locator('[role="dialog"] button[slot="previous"]').click()
        await page.wait_for_function(f"(month) => {MONTH_SHOWN} !== month", arg=month, polling=POLL_MS)
        count = await days.count()
    if count == 0:
        await page.keyboard.press("Escape")
        return None
    started = time.monotonic()
    await days.nth(pick % count).click()
    return started


CHANGES = {"lang": change_language, "zone": change_zone, "as_of": change_as_of}


async def visit(page, url, name, index, pick, actions, timeout_ms, results, socket):
    step = "first render"
    try:
        started = time.monotonic()
        await page.goto(url, wait_until="commit", timeout=timeout_ms)
        await page.wait_for_function(DRAWN, polling=POLL_MS, timeout=timeout_ms)
        results.first_render.append({"session": index, "page": name, "seconds": time.monotonic() - started})
        await check_errors(page, index, name, step, results)
        for action in actions:
            step = f"rerun {action}"
            seconds = await _rerun(page, lambda: CHANGES[action](page, pick), timeout_ms, socket)
            if seconds is None:
                results.skipped += 1
                continue
            results.reruns.append({"session": index, "page": name, "action": action, "seconds": seconds})
            await check_errors(page, index, name, step, results)
    except asyncio.CancelledError:
        results.unfinished += 1
        raise
    except Exception as error:  # a timeout or a page that went away: an error of this visit, the session goes on
        text = str(error).splitlines()[0][:200]
        try:  # what the page was doing: whether a run had started, and whether it was still going
            seen = await page.evaluate(f"() => ({{state: {STATE}, address: location.pathname + location.search, "
                                       f"title: document.querySelector('[data-testid=\"stMain\"] h1')?.innerText}})")
            text += (f" (script state {seen['state']}, at {seen['address']}, title {seen['title']!r}; since the "
                     f"change: messages sent {socket.sent - socket.sent_at_change}, script runs finished "
                     f"{socket.finished - socket.finished_at_change})")
        except Exception:
            pass
        results.errors.append({"session": index, "page": name, "step": step,
                               "kind": "timeout" if "Timeout" in type(error).__name__ else "failure", "text": text})


async def check_errors(page, index, name, step, results):
    for text in await page.evaluate(ERRORS):
        results.errors.append({"session": index, "page": name, "step": step, "kind": "error box", "text": text})


async def session(browser, index, base, entries, args, deadline, results):
    await asyncio.sleep(args.ramp * index / max(args.sessions, 1))
    app_origin = urlsplit(base).netloc

    def note(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about", "chrome-extension"):
            return
        if parts.netloc != app_origin:
            results.outside.append(request.url)

    def note_response(response):
        parts = urlsplit(response.url)
        # the app's frontend first asks for /<page>/_stcore/health and host-config, then (404) for /_stcore/...
        probe = response.status == 404 and parts.path.count("/") > 2 and "/_stcore/" in parts.path
        if response.status >= 400 and parts.netloc == app_origin and not probe:
            results.http_errors.append(f"{response.status} {response.url}")

    context = await browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        context.on("request", note)
        context.on("response", note_response)
        page = await context.new_page()
        page.set_default_timeout(args.timeout * 1000)
        socket = Socket()
        page.on("websocket", socket.watch)
        order = entries[index % len(entries):] + entries[:index % len(entries)]
        query = {"lang": args.lang} if args.lang else {}
        visits = [(round_, j, entry) for round_ in range(args.rounds) for j, entry in enumerate(order)]
        for number, (round_, j, entry) in enumerate(visits):
            if time.monotonic() > deadline:
                results.unfinished += len(visits) - number
                return
            if number:
                await asyncio.sleep(args.think)
            url = f"{base}/{'' if entry.default else entry.url_path}" + (f"?{urlencode(query)}" if query else "")
            await visit(page, url, entry.url_path, index, index + j + round_, args.actions, args.timeout * 1000,
                        results, socket)
    finally:
        await context.close()


async def run_sessions(bases, entries, args, server_pids=()):
    from playwright.async_api import async_playwright

    results = Results()
    async with async_playwright() as p:
        # loopback only: no proxy, and no host but the app's resolves (a request to another is still seen and counted)
        loopback = ["--no-proxy-server", f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {urlsplit(bases[0]).hostname}"]
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + loopback)
        try:
            deadline = time.monotonic() + args.duration
            # session i on server i mod the number of servers, as the proxy's ip_hash keeps a browser on one
            tasks = [asyncio.create_task(session(browser, i, bases[i % len(bases)], entries, args, deadline, results))
                     for i in range(args.sessions)]
            done, pending = await asyncio.wait(tasks, timeout=args.duration + args.timeout)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            # the CPU time of the browsers, read while they still live (their processes' times go with them)
            table = _all_processes()
            results.own_cpu = cpu_seconds(set(process_tree(os.getpid(), table)) - trees(server_pids, table), table)
            for task in done:
                if task.exception() is not None:
                    results.errors.append({"session": None, "page": None, "step": "session", "kind": "failure",
                                           "text": repr(task.exception())[:200]})
        finally:
            await browser.close()
    return results


# ----------------------------------------------------------------------------------------------- sessions, no browser

ZONES = ("川西南", "川西北", "川东北", "川南", "川中")  # the policy's five development zones
SCRIPT_ENDED = ("FINISHED_SUCCESSFULLY", "FINISHED_WITH_COMPILE_ERROR", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY")


def visit_addresses(index, number, dates):
    """The filters of a session's visit, as an address gives them (?lang&zone&as_of): each visit another language, zone
    and (given the warehouse's dates) as-of date, so that the sessions do not share each other's cached results."""
    query = {"lang": ("zh", "en")[(index + number) % 2], "zone": ZONES[(index * 7 + number) % len(ZONES)]}
    if dates:
        first, latest = dates
        query["as_of"] = (latest - (latest - first) * (((index * 31 + number * 17) % 97) / 97 / 2)).isoformat()
    return query


async def protocol_visit(base, entry, query, timeout):
    """One first render over Streamlit's own websocket protocol, as a browser opens the page: a new session asks for a
    run of the page with the address's query string; the time is until the server says the run finished. Returns
    (seconds, [error texts drawn on the page])."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ended = {ForwardMsg.ScriptFinishedStatus.Value(name) for name in SCRIPT_ENDED}
    message = BackMsg()
    message.rerun_script.query_string = urlencode(query)
    message.rerun_script.page_name = "" if entry.default else entry.url_path
    message.rerun_script.context_info.timezone = "Asia/Shanghai"
    message.rerun_script.context_info.locale = "zh-CN"
    message.rerun_script.context_info.url = f"{base}/{'' if entry.default else entry.url_path}"
    started, drawn_errors = time.monotonic(), []
    async with asyncio.timeout(timeout):
        async with websockets.connect(f"ws{base[4:]}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                                      proxy=None) as websocket:
            await websocket.send(message.SerializeToString())
            async for payload in websocket:
                received = ForwardMsg.FromString(payload)
                kind = received.WhichOneof("type")
                if kind == "delta" and received.delta.WhichOneof("type") == "new_element":
                    element = received.delta.new_element
                    if element.WhichOneof("type") == "exception":
                        drawn_errors.append(f"exception: {element.exception.message[:200]}")
                    elif element.WhichOneof("type") == "alert" and element.alert.format == element.alert.ERROR:
                        drawn_errors.append(f"error box: {element.alert.body[:200]}")
                elif kind == "script_finished" and received.script_finished in ended:
                    return time.monotonic() - started, drawn_errors
    raise ConnectionError("the server closed the session before the page's run finished")


async def protocol_session(index, base, entries, args, deadline, results, dates):
    await asyncio.sleep(args.ramp * index / max(args.sessions, 1))
    order = entries[index % len(entries):] + entries[:index % len(entries)]
    visits = [entry for _ in range(args.rounds) for entry in order]
    for number, entry in enumerate(visits):
        if time.monotonic() > deadline:
            results.unfinished += len(visits) - number
            return
        if number:
            await asyncio.sleep(args.think)
        query = visit_addresses(index, number, dates)
        try:
            seconds, drawn_errors = await protocol_visit(base, entry, query, args.timeout)
        except TimeoutError:
            results.errors.append({"session": index, "page": entry.url_path, "step": "first render", "kind": "timeout",
                                   "text": f"the run did not finish within {args.timeout:.0f} s ({urlencode(query)})"})
            continue
        except Exception as error:  # the connection failed or closed: an error of this visit
            results.errors.append({"session": index, "page": entry.url_path, "step": "first render",
                                   "kind": "failure", "text": repr(error)[:200]})
            continue
        results.first_render.append({"session": index, "page": entry.url_path, "seconds": seconds,
                                     "address": urlencode(query)})
        for text in drawn_errors:
            results.errors.append({"session": index, "page": entry.url_path, "step": "first render",
                                   "kind": "error box", "text": text})


async def run_protocol_sessions(bases, entries, args, dates):
    results = Results()
    deadline = time.monotonic() + args.duration
    tasks = [asyncio.create_task(protocol_session(i, bases[i % len(bases)], entries, args, deadline, results, dates))
             for i in range(args.sessions)]
    done, pending = await asyncio.wait(tasks, timeout=args.duration + args.timeout)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        if task.exception() is not None:
            results.errors.append({"session": None, "page": None, "step": "session", "kind": "failure",
                                   "text": repr(task.exception())[:200]})
    return results


def warehouse_dates(warehouse, mode):
    """(first, latest) date of the warehouse's data, for the as-of dates the sessions ask for; None if it has none."""
    from sinkboard.store.warehouse import connect, run_query

    connection = connect(warehouse / f"{mode}.duckdb")  # read-only, as the dashboard opens it
    try:
        dates = run_query(connection, "data_dates").iloc[0]
    finally:
        connection.close()
    if dates.first_date != dates.first_date or dates.latest_date != dates.latest_date:  # NaT: no dated rows
        return None
    return dates.first_date.date(), dates.latest_date.date()


# -------------------------------------------------------------------------------------------------------------- figures


def percentile(values, q):
    """Linear interpolation between the closest ranks (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread(values):
    return {"count": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "max": max(values) if values else None}


def _s(value):
    return "-" if value is None else f"{value:.2f}"


def report(summary):
    changed = ("each visit a new session with its filters in the address" if summary["client"] == "protocol" else
               f"filters changed: {', '.join(summary['actions']) or 'none'}")
    lines = [f"sinkboard load: {summary['sessions']} {summary['client']} sessions, {summary['mode']} mode, "
             f"{summary['pages']} pages x {summary['rounds']} round(s), {changed}, {summary['think_seconds']:g} s "
             f"between pages",
             f"app {summary['url']} ({summary['servers']} server process(es)), {summary['cpus']} CPUs, load average "
             f"before {summary['load_before']:.2f}, "
             f"wall time {summary['wall_seconds']:.0f} s", "",
             f"{'':<28}{'count':>7}{'p50':>8}{'p95':>8}{'max':>8}"]
    for label, key in (("first render (s)", "first_render"), ("rerun (s)", "rerun")):
        row = summary[key]
        lines.append(f"{label:<28}{row['count']:>7}{_s(row['p50']):>8}{_s(row['p95']):>8}{_s(row['max']):>8}")
    for action, row in summary["rerun_by_action"].items():
        lines.append(f"{'  rerun ' + action:<28}{row['count']:>7}{_s(row['p50']):>8}{_s(row['p95']):>8}"
                     f"{_s(row['max']):>8}")
    lines.append("")
    kinds = summary["error_kinds"]
    lines.append(f"errors: {summary['errors']}" + (f" ({', '.join(f'{k} {n}' for k, n in kinds.items())})"
                                                   if kinds else ""))
    lines.append(f"requests to another host: {summary['outside_requests']}")
    lines.append(f"app responses >= 400: {len(summary['http_errors'])}; filter changes skipped (nothing to change "
                 f"to): {summary['skipped']}; page visits unfinished at the time bound: {summary['unfinished']}")
    memory = summary["server_memory_mb"]
    if memory:
        lines.append(f"server memory (RSS MB, process and children): before {memory['before']:.0f}, peak "
                     f"{memory['peak']:.0f}, after {memory['after']:.0f} (growth {memory['after'] - memory['before']:+.0f},"
                     f" peak {memory['peak'] - memory['before']:+.0f})")
        cpu = summary["cpu_seconds"]
        lines.append(f"CPU seconds during the run: server {cpu['server']:.0f}, browsers and this script "
                     f"{cpu['load_generator']:.0f}, rest of the machine {cpu['rest']:.0f} "
                     f"(of {summary['cpus'] * summary['wall_seconds']:.0f} available)")
    else:
        lines.append("server memory: unknown (no server process found for the address; give --server-pid)")
    lines.append("")
    lines.append(f"{'first render by page (s)':<28}{'count':>7}{'p50':>8}{'p95':>8}{'max':>8}")
    for name, row in summary["first_render_by_page"].items():
        lines.append(f"{'  ' + name:<28}{row['count']:>7}{_s(row['p50']):>8}{_s(row['p95']):>8}{_s(row['max']):>8}")
    for error in summary["error_list"][:10]:
        lines.append(f"  error: session {error['session']} {error['page']} {error['step']}: {error['kind']}: "
                     f"{error['text']}")
    for url in sorted(set(summary["outside_list"]))[:10]:
        lines.append(f"  outside request: {url}")
    return "\n".join(lines)


def summarise(results, args, base, entries, memory, cpu, wall, load_before):
    by_page = {}
    for row in results.first_render:
        by_page.setdefault(row["page"], []).append(row["seconds"])
    by_action = {}
    for row in results.reruns:
        by_action.setdefault(row["action"], []).append(row["seconds"])
    kinds = {}
    for error in results.errors:
        kinds[error["kind"]] = kinds.get(error["kind"], 0) + 1
    return {
        "sessions": args.sessions, "client": args.client, "servers": args.servers, "think_seconds": args.think, "mode": args.mode, "url": base, "pages": len(entries), "rounds": args.rounds,
        "actions": list(args.actions), "cpus": os.cpu_count(), "load_before": load_before, "wall_seconds": wall,
        "first_render": spread([r["seconds"] for r in results.first_render]),
        "rerun": spread([r["seconds"] for r in results.reruns]),
        "rerun_by_action": {a: spread(v) for a, v in by_action.items()},
        "first_render_by_page": {e.url_path: spread(by_page.get(e.url_path, [])) for e in entries},
        "errors": len(results.errors), "error_kinds": kinds, "error_list": results.errors,
        "outside_requests": len(results.outside), "outside_list": results.outside,
        "http_errors": results.http_errors, "skipped": results.skipped, "unfinished": results.unfinished,
        "server_memory_mb": memory, "cpu_seconds": cpu,
        "first_render_samples": results.first_render, "rerun_samples": results.reruns,
    }


# ----------------------------------------------------------------------------------------------------------------- main


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="a running app on this machine, e.g. http://127.0.0.1:8501")
    target.add_argument("--warehouse", type=Path, help="start the app on this warehouse folder (stopped at the end)")
    parser.add_argument("--mode", choices=["internal", "public"], default="internal",
                        help="which pages to visit (and, with --warehouse, SINKBOARD_MODE of the server)")
    parser.add_argument("--sessions", type=int, default=10, help=f"concurrent sessions, 1..{MAX_SESSIONS}")
    parser.add_argument("--client", choices=["browser", "protocol"], default="browser",
                        help="browser: headless Chromium, first renders and filter changes timed in the page; "
                             "protocol: no browser, each page visit a new session over Streamlit's websocket with "
                             "its filters in the address, timed until the server has run the page (the server alone)")
    parser.add_argument("--rounds", type=int, default=1, help="passes of each session through the pages")
    parser.add_argument("--pages", default="", help="comma-separated page names (url paths) to visit; default all")
    parser.add_argument("--actions", default=",".join(ACTIONS),
                        help=f"filters each page changes, in order, from {','.join(ACTIONS)}; '' for none")
    parser.add_argument("--lang", choices=["zh", "en"], default=None, help="open pages with ?lang=...")
    parser.add_argument("--duration", type=float, default=600, help="seconds after which no page is started")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a first render or a rerun may take")
    parser.add_argument("--think", type=float, default=0,
                        help="seconds a session waits before its next page, as a person reads one (0: at once)")
    parser.add_argument("--ramp", type=float, default=0, help="seconds over which the sessions start (0: all at once)")
    parser.add_argument("--settle", type=float, default=5, help="seconds to wait before reading memory 'after'")
    parser.add_argument("--servers", type=int, default=1,
                        help="with --warehouse: server processes to start (session i uses server i mod this), as the "
                             "deployment runs one a core behind the proxy")
    parser.add_argument("--server-pid", type=int, default=None,
                        help="with --url: the server's pid (default: the process listening on the URL's port)")
    parser.add_argument("--server-log", type=Path, default=None, help="with --warehouse: keep the server's log here")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure and sample to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions must be between 1 and {MAX_SESSIONS}")
    if not 1 <= args.servers <= 8 or (args.servers > 1 and args.url):
        parser.error("--servers must be between 1 and 8, and goes with --warehouse")
    if args.rounds < 1 or args.duration <= 0 or args.timeout <= 0 or args.ramp < 0 or args.think < 0:
        parser.error("--rounds, --duration and --timeout must be positive, --ramp and --think not negative")
    args.actions = [a for a in args.actions.split(",") if a]
    if unknown := set(args.actions) - set(ACTIONS):
        parser.error(f"unknown actions {sorted(unknown)}; choose from {','.join(ACTIONS)}")
    return args


def main(argv=None):
    args = parse(argv)
    entries = page_list.pages_for(args.mode)
    if args.pages:
        wanted = args.pages.split(",")
        if unknown := set(wanted) - {e.url_path for e in entries}:
            raise SystemExit(f"no such page in {args.mode} mode: {sorted(unknown)}")
        entries = [e for e in entries if e.url_path in wanted]

    servers, log = [], None
    if args.warehouse is not None:
        if not (args.warehouse / f"{args.mode}.duckdb").exists():
            raise SystemExit(f"{args.warehouse} has no {args.mode}.duckdb: build it with python -m sinkboard ingest")
        log = open(args.server_log, "w") if args.server_log else tempfile.NamedTemporaryFile(
            "w", prefix="sinkboard-load-", suffix=".log", delete=False)
        servers, bases = [], []
        for _ in range(args.servers):
            server, base = start_server(args.warehouse.resolve(), args.mode, log)
            servers.append(server)
            bases.append(base)
        pids = [server.pid for server in servers]
    else:
        bases = [loopback_url(args.url)]
        pid = args.server_pid or listening_pid(urlsplit(bases[0]).port or 80)
        pids = [pid] if pid else []
    try:
        load_before = os.getloadavg()[0]
        table = _all_processes()
        server_tree = trees(pids, table)
        own_tree = set(process_tree(os.getpid(), table)) - server_tree
        cpu_before = (cpu_seconds(server_tree, table), machine_busy_seconds())
        own_cpu_before = cpu_seconds(own_tree, table)
        before = rss_mb(server_tree) if pids else None
        sampler = Sampler(pids) if pids else None
        if sampler:
            sampler.start()
        started = time.monotonic()
        if args.client == "protocol":
            dates = warehouse_dates(args.warehouse, args.mode) if args.warehouse is not None else None
            results = asyncio.run(run_protocol_sessions(bases, entries, args, dates))
        else:
            results = asyncio.run(run_sessions(bases, entries, args, pids))
        wall = time.monotonic() - started
        table = _all_processes()
        server_tree = trees(pids, table)
        server_cpu = cpu_seconds(server_tree, table) - cpu_before[0]
        busy = machine_busy_seconds() - cpu_before[1]
        own_cpu = max(results.own_cpu, cpu_seconds(set(process_tree(os.getpid(), table)) - server_tree, table)) \
            - own_cpu_before
        memory, cpu = None, None
        if sampler:
            time.sleep(args.settle)
            sampler.stop()
            after = rss_mb(trees(pids))
            memory = {"before": before, "peak": max(sampler.peak, before, after), "after": after,
                      "samples": sampler.samples}
            cpu = {"server": server_cpu, "load_generator": own_cpu, "rest": max(busy - server_cpu - own_cpu, 0.0),
                   "machine_busy": busy}
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        if log is not None:
            log.close()
    summary = summarise(results, args, " ".join(bases), entries, memory, cpu, wall, load_before)
    if log is not None:
        summary["server_log"] = log.name
    print(report(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1, default=str))
    return 1 if summary["errors"] or summary["outside_requests"] else 0


if __name__ == "__main__":
    sys.exit(main())
