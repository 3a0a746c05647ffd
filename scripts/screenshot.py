"""Full-page screenshots of the running app in headless Chromium.

python scripts/screenshot.py [--width 1280] [--lang en] URL OUT.png [URL OUT.png ...]"""

import argparse
import os

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument("pairs", nargs="+")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": int(os.environ.get("SHOT_HEIGHT", "1600"))})
        for url, out in zip(args.pairs[::2], args.pairs[1::2]):
            page.goto(url)
            page.wait_for_selector(IDLE, timeout=60000)
            if args.lang == "en":
                page.get_by_text("English", exact=True).click()
                page.wait_for_timeout(500)
                page.wait_for_selector(IDLE, timeout=60000)
            page.wait_for_timeout(2500)  # charts and maps draw after the script has finished
            page.screenshot(path=out, full_page=True)
            print(out)
        browser.close()


if __name__ == "__main__":
    main()
