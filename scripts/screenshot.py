"""Full-page screenshots of the running app in headless Chromium.

python scripts/screenshot.py [--width 1280] [--lang en] URL OUT.png [URL OUT.png ...]"""

import argparse
import os
import time

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
STATE = "document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"
TITLE = "document.querySelector('[data-testid=\"stMain\"] h1')?.innerText"
WAIT_MS = 120_000  # the bound of every wait: a busy machine draws slowly, a broken page never


def settled_screenshot(page, out):
    """A full-page screenshot once two in a row are the same: charts and maps draw after the script has finished, on
    animation frames that come later the busier the machine."""
    deadline = time.monotonic() + WAIT_MS / 1000
    shot = page.screenshot(full_page=True)
    while True:
        page.wait_for_timeout(250)
        again = page.screenshot(full_page=True)
        if again == shot:
            break
        if time.monotonic() > deadline:
            raise SystemExit(f"{page.url} was still changing after {WAIT_MS / 1000:.0f} s")
        shot = again
    with open(out, "wb") as file:
        file.write(shot)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument("pairs", nargs="+")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": int(os.environ.get("SHOT_HEIGHT", "1600"))})
        page.set_default_timeout(WAIT_MS)
        for url, out in zip(args.pairs[::2], args.pairs[1::2]):
            page.goto(url)
            page.wait_for_selector(IDLE)
            if args.lang == "en":
                chinese_title = page.evaluate(f"() => {TITLE}")
                page.get_by_text("English", exact=True).click()
                # the rerun in English has finished when the script is idle under a title that is no longer Chinese
                page.wait_for_function(f"(before) => {STATE} === 'notRunning' && {TITLE} && {TITLE} !== before",
                                       arg=chinese_title)
            settled_screenshot(page, out)
            print(out)
        browser.close()


if __name__ == "__main__":
    main()
