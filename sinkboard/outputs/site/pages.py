"""The HTML of the static site: each view's page (its language, title, navigation, the area and as-of form, the footer
naming the sources and freshness), the language choice and each language's list of views. Every text is escaped; the
page loads only the site's own script and stylesheet."""

import html
import json

from sinkboard.text.catalogue import LANGUAGES, text

HTML_LANG = {"zh": "zh-CN", "en": "en"}


def _e(value):
    return html.escape(str(value), quote=True)


def _options(options, chosen):
    return "".join(f'<option value="{_e(value)}"{" selected" if value == chosen else ""}>{_e(name)}</option>'
                   for value, name in options)


def area_select(areas, lang):
    """The area choice: the province, then the zones, then each zone's prefectures."""
    t = lambda key: text(key, lang)  # noqa: E731
    province = [a for a in areas if a["kind"] == "province"]
    zones = [a for a in areas if a["kind"] == "zone"]
    parts = [_options([(a["key"], a["name"][lang]) for a in province], "province"),
             f'<optgroup label="{_e(t("site_zones"))}">{_options([(a["key"], a["name"][lang]) for a in zones], None)}'
             "</optgroup>"]
    for zone in zones:
        prefectures = [(a["key"], a["name"][lang]) for a in areas if a["kind"] == "prefecture" and a["zone"] == zone["zone"]]
        if prefectures:
            parts.append(f'<optgroup label="{_e(zone["name"][lang])}">{_options(prefectures, None)}</optgroup>')
    return "".join(parts)


def _head(lang, title, version):
    return (f'<!doctype html>\n<html lang="{HTML_LANG[lang]}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{_e(title)}</title>\n<link rel="stylesheet" href="../assets/site.css?v={version}">\n'
            '<link rel="icon" type="image/png" href="../assets/favicon.png">\n</head>\n')


def _header(manifest, lang, view, views):
    t = lambda key, **values: text(key, lang, **values)  # noqa: E731
    other = "en" if lang == "zh" else "zh"
    synthetic = (f'<p class="synthetic" role="note">{_e(t("site_synthetic"))}</p>' if manifest["is_synthetic"] else "")
    current = ' aria-current="page"'
    links = "".join(f'<a href="{name}.html"{current if name == view else ""}>{_e(t(nav_key))}</a>'
                    for name, (nav_key, _title, _build) in views.items())
    target = f"../{other}/{view}.html" if view else f"../{other}/index.html"
    return (f'<header class="site-header">\n<p class="site-name"><a href="index.html">{_e(t("app_title"))}</a></p>\n'
            f'<a class="lang-switch" href="{target}" hreflang="{HTML_LANG[other]}" lang="{HTML_LANG[other]}">'
            f'{_e(LANGUAGES[other])}</a>\n{synthetic}\n'
            f'<nav class="views" aria-label="{_e(t("site_views"))}">{links}</nav>\n</header>\n')


def _footer(manifest, lang):
    t = lambda key, **values: text(key, lang, **values)  # noqa: E731
    lines = [t("site_freshness", built_at=manifest["built_at"][lang]), t("site_sources"), t("site_basis"),
             t("site_privacy")]
    if manifest["is_synthetic"]:
        lines.append(t("site_synthetic"))
    return ('<footer class="site-footer">\n' + "".join(f"<p>{_e(line)}</p>" for line in lines) + "\n</footer>\n")


def _strings(lang):
    keys = ("data_table", "download_csv", "loading", "failed", "embed_source")
    strings = {key: text(f"site_{key}", lang) for key in keys}
    # a "</" inside the JSON would end the script element
    return json.dumps(strings, ensure_ascii=False).replace("</", "<\\/")


def view_page(manifest, lang, view, views):
    """The page of one view: the form names its choices, the renderer (assets/site.js) fetches the chosen document."""
    t = lambda key, **values: text(key, lang, **values)  # noqa: E731
    nav_key, title_key, _build = views[view]
    title = t(title_key)
    as_of_options = [(a, a) for a in manifest["as_of"]]
    return (
        _head(lang, f"{title} · {t('app_title')}", manifest["assets"]) + "<body>\n"
        f'<a class="skip" href="#view">{_e(t("site_skip"))}</a>\n' + _header(manifest, lang, view, views)
        + '<form class="filters" method="get">\n'
        f'<label for="area">{_e(t("site_area"))}</label>\n<select id="area" name="area">'
        f'{area_select(manifest["areas"], lang)}</select>\n'
        f'<label for="as_of">{_e(t("as_of"))}</label>\n<select id="as_of" name="as_of">'
        f'{_options(as_of_options, manifest["default_as_of"])}</select>\n'
        f'<button type="submit">{_e(t("site_show"))}</button>\n</form>\n'
        f'<main id="view" tabindex="-1" data-view="{_e(view)}" data-lang="{lang}" data-data="../data" '
        f'data-default-area="province" data-default-as-of="{_e(manifest["default_as_of"])}">\n'
        f'<h1>{_e(title)}</h1>\n<div id="blocks" aria-live="polite"><noscript><p>'
        f'{_e(t("site_noscript", folder="../data/" + view + "/"))}</p></noscript></div>\n</main>\n'
        + _footer(manifest, lang)
        + f'<script type="application/json" id="strings">{_strings(lang)}</script>\n'
        f'<script type="module" src="../assets/site.js?v={manifest["assets"]}"></script>\n</body>\n</html>\n')


def index_page(manifest, lang, views):
    """A language's list of the views."""
    t = lambda key, **values: text(key, lang, **values)  # noqa: E731
    items = "".join(f'<li><a href="{name}.html">{_e(t(nav_key))}</a></li>' for name, (nav_key, _t, _b) in views.items())
    return (_head(lang, t("app_title"), manifest["assets"]) + "<body>\n" + _header(manifest, lang, None, views)
            + f'<main id="view" tabindex="-1">\n<h1>{_e(t("app_title"))}</h1>\n<p>{_e(t("site_intro"))}</p>\n'
            f"<ul class=\"view-list\">{items}</ul>\n</main>\n" + _footer(manifest, lang) + "</body>\n</html>\n")


def root_page(manifest, views):
    """The site's front door: the language choice."""
    links = "".join(f'<li><a href="{lang}/index.html" hreflang="{HTML_LANG[lang]}" lang="{HTML_LANG[lang]}">'
                    f'{_e(text("app_title", lang))} · {_e(LANGUAGES[lang])}</a></li>' for lang in LANGUAGES)
    return ('<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{_e(text("app_title", "zh"))}</title>\n<link rel="stylesheet" href="assets/site.css?v={manifest["assets"]}">\n'
            '<link rel="icon" type="image/png" href="assets/favicon.png">\n</head>\n'
            f'<body>\n<main id="view">\n<h1>{_e(text("app_title", "zh"))}</h1>\n<ul class="view-list">{links}</ul>\n'
            "</main>\n</body>\n</html>\n")
