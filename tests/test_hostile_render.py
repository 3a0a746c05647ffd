"""Data is text, never markup: names, owners, methodology, buyers, fund sources, file names and the source
folder's name that hold HTML, script, Markdown, LaTeX and Streamlit directives show as the text they are, on every page
of both processes, in headless Chromium: nothing runs, nothing links, nothing is fetched from elsewhere; and bidi
controls and zero-width characters among them show written visibly (⟦U+202E⟧), never as they are."""

import json
import shutil
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from exports import write_csv, write_xlsx
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_browser import IDLE, browser, new_page, start_server  # noqa: F401  (browser is the module's Chromium fixture)

from sinkboard.app import page_list
from sinkboard.ingest.build import ingest
from sinkboard.text.hidden import BIDI, ZERO_WIDTH, visible

pytestmark = pytest.mark.browser

HOSTILE = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "[click](http://evil.example/x)",
    "![i](http://evil.example/i.png)",
    "**bold** _it_ `code`",
    "<b>b</b>",
    "javascript:alert(1)",
    "{{7*7}}",
    "$x$",
    ":red[x]",
    "<style>body{display:none}</style>",
    "www.evil.example a@evil.example",  # links GFM finds in plain text
    ":material/home: :smile:",  # Streamlit's icons and emoji
    "项目\u202egpj.exe名称 \u2066隔离\u2069 零\u200b宽\ufeff",  # bidi override and isolate, zero-width: shown escaped
]
EVERYTHING = " ".join(HOSTILE)
# the values two by two: seven projects, so every table of them fits the rows Glide lays out for screen readers
PAIRS = [" ".join(HOSTILE[i:i + 2]) for i in range(0, len(HOSTILE), 2)]
# file and folder names cannot hold "/", so no closing tags in them
FOLDER = '<img src=x onerror="window.__pwned=3"> <b>b [click](http:evil.example) $x$ :red[x] **bold** {{7*7}}'
PROJECT_FILE = 'projects/a <img src=x onerror="window.__pwned=4"> <b>b.csv'
TRADE_FILE = "trades/**bold** _it_ {{7*7}} [click](http:evil.example).csv"
SUBSIDY_FILE = "subsidies/:red[x] $x$ <style>body{display:none}.xlsx"
HOSTILE_ID = "<b>ID</b>"
# uploaded on the intake page: the first is taken (a dry run names it), the second refused for the ":" in its name
# (a browser sends a " in a file name as %22: the attribute goes unquoted)
UPLOAD_TAKEN = "<img src=x onerror=window.__pwned=5> **bold** [click](evil.example) $x$ {{7*7}} <b>b.csv"
UPLOAD_REFUSED = "[click](http:evil.example) :red[x] $x$.csv"

# a crafted link: the sidebar names the parameters it ignores
CRAFTED = ["[click](http://evil.example/q)", "$x$", "<b>b</b>"]
CRAFTED_ADDRESS = "?" + urllib.parse.urlencode({name: "1" for name in CRAFTED})

PROJECT_HEADER = ["项目编号", "项目名称", "所在县", "项目类型", "方法学", "项目业主", "业主类型", "面积(亩)", "项目状态",
                  "立项日期", "注册日期"]

# What a page must show as text (page text, chart text and table cells), by address; every page is checked for markup.
SHOWN = {
    "internal": {
        "zones": [*PAIRS, EVERYTHING],  # the projects table: every project's name
        "pipeline": [EVERYTHING],  # HX, registered in 2021 and never issued, is stalled
        "trading": [EVERYTHING],  # HX's buyer buys the most
        "subsidies": [EVERYTHING],  # HX's registration reward paid twice breaks a rule
        "registry": [*PAIRS, EVERYTHING],  # the list shows no ID (it is in the chooser): the project's page shows it
        "open_registry": [*PAIRS, EVERYTHING],
        "briefing": [],  # names no source folder (the deck lists no files); still checked for rendered markup
        "data_quality": [FOLDER, PROJECT_FILE, TRADE_FILE, SUBSIDY_FILE, EVERYTHING],  # files, rejects' messages and raw
        "intake": [FOLDER, EVERYTHING],  # the source folder; the intake history's uploader
        "registry?project=HX": [EVERYTHING, "HX"],  # heading, name, methodology, owner; the buyer, the fund source
        f"registry?project={urllib.parse.quote(HOSTILE_ID)}": [HOSTILE_ID],
        f"registry?project={urllib.parse.quote(HOSTILE[2])}": [HOSTILE[2]],  # a crafted link: an id it does not know
        CRAFTED_ADDRESS: CRAFTED,
    },
    "public": {
        "zones": [*PAIRS, EVERYTHING],
        "pipeline": [EVERYTHING],
        "open_registry": [*PAIRS, EVERYTHING],
        CRAFTED_ADDRESS: CRAFTED,
    },
}

# Chart labels (Vega draws SVG text) that must begin as the values do: the top buyers, each a pair of values or all.
CHART_LABELS = {"trading": [visible(value)[:10] for value in PAIRS]}
UNLABELLED = """(wanted) => {
  const texts = Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg text'), e => e.textContent);
  return wanted.filter(start => !texts.some(text => text.startsWith(start)));
}"""

# Markup the values would make: their elements, anything pointing at evil.example, a script that ran, a hidden body.
MARKUP = """() => {
  const found = [];
  if (window.__pwned !== undefined) found.push('window.__pwned = ' + window.__pwned);
  if (getComputedStyle(document.body).display === 'none') found.push('the body is hidden');
  const selectors = ['img[src="x"]', '[src*="evil"]', 'a[href*="evil"]:not([href^="#"])', '[href^="javascript"]',
                     '[src^="javascript"]', 'iframe', '.katex', 'math'];
  for (const selector of selectors)
    for (const element of document.querySelectorAll(selector)) found.push(element.outerHTML.slice(0, 200));
  for (const element of document.querySelectorAll('script, style'))
    if (/__pwned|body\\{display:none\\}/.test(element.textContent)) found.push(element.outerHTML.slice(0, 200));
  const markdown = ':is([data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"])';
  for (const element of document.querySelectorAll(`${markdown} :is([role="img"], img)`))
    found.push(element.outerHTML.slice(0, 200));
  const words = new Set(['bold', 'it', 'code', 'b', 'x', 'i', 'click', 'ID', 'home']);
  for (const element of document.querySelectorAll(`${markdown} :is(strong, em, code, b, del, span, a, li, h1, h2, h3)`))
    if (words.has(element.textContent.trim())) found.push(element.outerHTML.slice(0, 200));
  return found;
}"""

# Every chart has drawn itself (Vega draws after the script has finished, into an SVG or a canvas).
CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
  .every((chart) => chart.querySelector('svg, canvas') !== null)"""

# The wanted strings the page does not show yet: page text (charts are SVG) and the table cells Glide lays out for
# screen readers; the word joiners ui.plain puts in links are invisible.
MISSING = """(wanted) => {
  const cells = Array.from(document.querySelectorAll('[role="gridcell"], [role="columnheader"]'), e => e.textContent);
  const shown = (document.body.innerText + '\\n' + cells.join('\\n')).replaceAll('\\u2060', '');
  return wanted.filter(text => !shown.includes(text));
}"""


def write_exports(source):
    n = len(PAIRS)
    # HX: every value at once in every text column, registered in 2021 and never issued; H00-H06 two values each
    projects = [["HX", EVERYTHING, "锦江区", "造林碳汇", EVERYTHING, EVERYTHING, "国有林场", "5000", "注册", "2020-01-01",
                 "2021-01-01"]]
    projects += [[f"H{i:02d}", value, "西昌市", "森林经营碳汇", PAIRS[(i + 2) % n], PAIRS[(i + 1) % n], "重点森工企业",
                  str(1000 + i), "签发", "2021-01-01", "2022-01-01"] for i, value in enumerate(PAIRS)]
    projects += [[HOSTILE_ID, "plain", "叙州区", "竹林经营碳汇", "", "", "其他", "700", "储备", "2022-01-01", ""],
                 ["R1", EVERYTHING, HOSTILE[0], "造林碳汇", "", "", "", "100", "储备", "2021-01-01", ""],  # county
                 ["R2", EVERYTHING, "锦江区", HOSTILE[2], "", "", "", "100", "储备", "2021-01-01", ""]]  # project type
    write_csv(source / PROJECT_FILE, PROJECT_HEADER, projects)
    write_csv(source / "issuances" / "[click](http:evil.example) $x$.csv",
              ["项目编号", "监测期开始", "监测期结束", "核证减排量", "签发量", "签发日期"],
              [[f"H{i:02d}", "2022-01-01", "2022-12-31", "500", "400", "2023-03-01"] for i in range(n)])
    trades = [[f"T{i:02d}", "2023-04-01", f"H{i:02d}", "四川联合环境交易所", value, "自愿企业", str(100 + i), "50",
               str(50 * (100 + i)), "自愿抵消"] for i, value in enumerate(PAIRS)]
    trades += [["TX", "2023-05-01", "HX", "碳普惠平台", EVERYTHING, "控排企业", "1000", "60", "60000", "履约抵销"],
               ["TP", "2023-05-02", "HX", "碳普惠平台", EVERYTHING, "个人", "1", "60", "60", "碳普惠"],
               ["TR", "2023-05-03", "HX", EVERYTHING, EVERYTHING, "控排企业", "1", "60", "60", EVERYTHING]]  # platform
    write_csv(source / TRADE_FILE,
              ["成交编号", "成交日期", "项目编号", "交易平台", "买方", "买方类型", "成交量", "成交价", "成交额(元)", "用途"], trades)
    write_xlsx(source / SUBSIDY_FILE, ["拨付编号", "项目编号", "所在县", "资金类别", "金额(元)", "拨付日期", "预算年度", "资金来源"],
               [["S1", "HX", "锦江区", "注册奖励", "800000", "2021-05-01", "2021", EVERYTHING],
                ["S2", "HX", "锦江区", "注册奖励", "800000", "2022-05-01", "2022", PAIRS[1]],  # paid again
                ["S3", "H01", "西昌市", "贷款贴息", "100000", "2022-06-01", "2022", PAIRS[2]],
                ["S4", "H02", "西昌市", "示范项目", "100000", "2022-06-01", "2022", PAIRS[3]],
                ["S5", "HX", EVERYTHING, "其他", "100", "2022-06-01", "2022", EVERYTHING]],  # county
               titles=[EVERYTHING])
    write_csv(source / "budgets" / "b.csv", ["年度", "资金类别", "预算金额(元)"], [["2022", "注册奖励", "1000000"]])
    write_csv(source / "carbon_stock" / "c.csv", ["county", "year", "pool", "area_mu", "stock_tco2e", "sink_tco2e"],
              [["510104", "2021", "森林", "10000", "50000", "800"], ["510104", "2022", "森林", "10000", "51000", "900"],
               [EVERYTHING, "2022", "森林", "1", "1", "1"]])  # county
    write_csv(source / "potential" / "p.csv", ["county", "project_type", "potential_area_mu", "potential_tco2e"],
              [["510104", "造林碳汇", "50000", "2000"], ["513401", "森林经营碳汇", "30000", "1000"],
               ["513401", EVERYTHING, "1", "1"]])  # project type
    write_csv(source / "targets" / "t.csv", ["年度", "发展片", "指标", "目标值"], [["2025", "", "项目规模(亩)", "20000"]])
    # the intake history: who took in which file
    (source / "intake-manifest.jsonl").write_text(json.dumps({
        "received_at": "2023-05-01T00:00:00Z", "by": EVERYTHING, "dataset": "projects", "file": f"{HOSTILE[5]}.csv",
        "rows_loaded": 1, "rows_rejected": 0, "sha256": "0" * 64}) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile_render")
    source, out = root / FOLDER, root / "warehouse"
    write_exports(source)
    ingest(source, out)
    public_only = root / "public_only"  # the public process's folder holds the public file alone
    public_only.mkdir()
    shutil.copy(out / "public.duckdb", public_only / "public.duckdb")
    return source, out, public_only


@pytest.fixture(scope="module")
def servers(hostile_warehouse):
    """Both processes, started side by side; the internal one knows the source folder, so its intake page shows it."""
    source, out, public_only = hostile_warehouse
    with pytest.MonkeyPatch.context() as patch, ThreadPoolExecutor(2) as pool:
        patch.setenv("SINKBOARD_SOURCE", str(source))  # (the public process has no intake page)
        starting = {"internal": pool.submit(start_server, out),
                    "public": pool.submit(start_server, public_only, "public")}
        started = {mode: future.result() for mode, future in starting.items() if future.exception() is None}
    if len(started) < len(starting):
        for process, _ in started.values():
            process.kill()
        pytest.fail("a dashboard process did not start")
    yield {mode: url for mode, (_, url) in started.items()}
    for process, _ in started.values():
        process.terminate()
        process.wait(60)


# Bidi controls and zero-width characters as they are in the page's text, its table cells and its charts' text
RAW_HIDDEN = """(hidden) => {
  const cells = Array.from(document.querySelectorAll('[role="gridcell"], [role="columnheader"]'), e => e.textContent);
  const charts = Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg text'), e => e.textContent);
  const shown = [document.body.innerText, ...cells, ...charts].join('\\n');
  return Array.from(hidden).filter(c => shown.includes(c)).map(c => 'U+' + c.codePointAt(0).toString(16).toUpperCase());
}"""
# the word joiners ui.plain puts in links are its own, not a value's
NEVER_SHOWN = BIDI + ZERO_WIDTH.replace("\u2060", "")


def problems_on(page, wanted):
    """What is wrong with the page as it stands: wanted text it does not show (hidden characters written visibly),
    markup the values made, a hidden character shown as it is."""
    wanted = [visible(text) for text in wanted]
    found = []
    if wanted:
        try:  # tables and charts appear a moment after the script has finished
            page.wait_for_function(f"(wanted) => ({MISSING})(wanted).length === 0", arg=wanted)
        except PlaywrightTimeout:
            found += [f"does not show {text!r}" for text in page.evaluate(MISSING, wanted)]
    else:
        page.wait_for_function(CHARTS_DRAWN)
    found += [f"shows {code} as it is" for code in page.evaluate(RAW_HIDDEN, NEVER_SHOWN)]
    return found + [f"renders {markup}" for markup in dict.fromkeys(page.evaluate(MARKUP))]


def unlabelled(page, starts):
    try:
        page.wait_for_function(f"(wanted) => ({UNLABELLED})(wanted).length === 0", arg=starts)
        return []
    except PlaywrightTimeout:
        return [f"has no chart label starting {start!r}" for start in page.evaluate(UNLABELLED, starts)]


def file_choice_problems(page):
    """The data quality page's file filter, opened: its options name the files as they are."""
    choice = page.locator(".st-key-dq_file").get_by_role("combobox")
    # in the middle of the window, so that its list opens inside it (the filter can sit at the window's lower edge)
    choice.evaluate("element => element.scrollIntoView({block: 'center'})")
    choice.click()
    page.get_by_role("option").first.wait_for()
    options = page.get_by_role("option").all_text_contents()
    page.keyboard.press("Escape")
    missing = [f"does not offer {name!r}" for name in (PROJECT_FILE, TRADE_FILE, SUBSIDY_FILE) if name not in options]
    return missing + [f"renders {markup}" for markup in dict.fromkeys(page.evaluate(MARKUP))]


def upload_hostile_files(page):
    """Two exports with hostile names into the intake page's uploader: one taken, with a row to reject, one refused."""
    export = "\n".join(",".join(row) for row in [
        PROJECT_HEADER,
        ["U1", "plain", "锦江区", "造林碳汇", "", "", "国有林场", "100", "储备", "2021-01-01", ""],
        ["U2", "plain", "<script>window.__pwned=6</script>", "造林碳汇", "", "", "", "100", "储备", "2021-01-01", ""],
    ]).encode("utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([
        {"name": UPLOAD_TAKEN, "mimeType": "text/csv", "buffer": export},
        {"name": UPLOAD_REFUSED, "mimeType": "text/csv", "buffer": export + b"\n"},
    ])


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_hostile_values_render_as_text_on_every_page(browser, servers, mode):  # noqa: F811
    url = servers[mode]
    shown = SHOWN[mode]
    addresses = ["" if entry.default else entry.url_path for entry in page_list.pages_for(mode)]
    addresses += [address for address in shown if address not in addresses]
    page = new_page(browser, width=1280, height=1600)  # its waits have test_browser's generous bound
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    problems = {}
    for address in addresses:
        page.goto(f"{url}/{address}")
        page.locator(IDLE).wait_for()
        problems[address or "/"] = problems_on(page, shown.get(address, []))
        if address in CHART_LABELS and mode == "internal":
            problems[f"{address} (chart labels)"] = unlabelled(page, CHART_LABELS[address])
        if address == "data_quality":
            problems["data_quality (file choice)"] = file_choice_problems(page)
        if address == "intake":
            upload_hostile_files(page)
            # the dry run names the taken file above its rejects, the refusal names the other; the reject's raw row
            problems["intake (upload)"] = problems_on(page, [UPLOAD_TAKEN, UPLOAD_REFUSED,
                                                              "<script>window.__pwned=6</script>"])
    page.close()
    problems["requests elsewhere"] = [request for request in requests if not request.startswith(url)]
    failures = {where: found for where, found in problems.items() if found}
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)
