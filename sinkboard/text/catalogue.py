"""The translations: every text shown to people, read from one gettext catalogue per language in locale/; Chinese is
the default."""

from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

from sinkboard.text.places import ENGLISH_NAMES

# each language by its own name (中文, English), in the order the sidebar offers them
LANGUAGES = {code: Locale.parse(code).display_name for code in ("zh", "en")}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "sinkboard"
# the msgctxt of a data value (a zone, a project type, a category): its English label; the Chinese is the data's own
VALUE = "value"


def catalogue_path(lang):
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(lang):
    """{msgctxt: {msgid: msgstr}} of a language's catalogue."""
    with catalogue_path(lang).open("rb") as file:
        catalogue = read_po(file, locale=lang, domain=DOMAIN)
    contexts = {None: {}, VALUE: {}}
    for message in catalogue:
        if message.id:
            contexts.setdefault(message.context, {})[message.id] = message.string
    return contexts


# the category the queries give a cell that the public small-cell rule merged without its finer categories
# (shown_category in sinkboard/ingest/sql/scope.sql): a code, never shown as it is, labelled in either language
MERGED = "merged"

# read once per process, when this module is first imported (so the server has them before it freezes what it loaded)
CATALOGUES = {lang: _read(lang) for lang in LANGUAGES}


def messages(lang):
    """Message id -> text in a language."""
    return CATALOGUES[lang][None]


def value_label(value, lang="zh"):
    """A category value, zone or place (a prefecture or county) as shown: the data's Chinese name, or its English
    name (a place's from the reference data, sinkboard.text.places); a merged public cell (MERGED) as 其他（合并） /
    Other (merged)."""
    if isinstance(value, str) and value == MERGED:
        return text("merged_cell", lang)
    if value is None or lang == "zh":
        return value
    return CATALOGUES[lang][VALUE].get(value) or ENGLISH_NAMES.get(value) or value


def text(key, lang="zh", **values):
    template = CATALOGUES[lang][None][key]
    return template.format(**values) if values else template
