"""The catalogues' upkeep: which message ids the code uses, and `python -m sinkboard translations`, which extracts them
with Babel into the template (locale/sinkboard.pot) and updates the Chinese and English catalogues from it."""

import ast
import re

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

from sinkboard import PROJECT_ROOT, __version__
from sinkboard.text.catalogue import DOMAIN, LANGUAGES, LOCALE_DIR, VALUE, catalogue_path

TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# the functions whose first argument is a message id: ui.t(key, **values) on the pages, text(key, lang, **values) elsewhere
KEYWORDS = {"t": None, "text": None}
SOURCES = [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "pages").glob("*.py")),
           *sorted((PROJECT_ROOT / "sinkboard").rglob("*.py"))]
SQL = [*(PROJECT_ROOT / "queries").glob("*.sql"), *(PROJECT_ROOT / "sinkboard" / "ingest" / "sql").glob("*.sql")]
# Keys built at run time, as the code writes them: t(f"col_{...}"), tabs([f"trading_by_{...}" ...]) and the like;
# Babel cannot extract them, so a key counts as used when its prefix is built so and its rest is a word of the code
DYNAMIC = re.compile(r"""(?:\bt|\btext|\btabs)\(\[?f["']([a-z_]+_)\{""")
# a message id is a lowercase name; other strings Babel finds (st.text("\n".join(...))) are texts, not ids
ID = re.compile(r"[a-z][a-z0-9_]*")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
HEADER = """\
# {language} texts of sinkboard, the dashboard of Sichuan's forestry and grassland carbon sinks.
# Message ids are the keys the code passes to t() and text(); entries with msgctxt "value" are the data's own
# Chinese names (zones, project types, categories) and their labels.
# Made and updated by `python -m sinkboard translations`; edit the msgstr lines (Poedit, Weblate or by hand)."""


def placeholders(string):
    """The {name} fields a text is formatted with."""
    return set(PLACEHOLDER.findall(string))


def extracted():
    """{id: [(file, line)]} of the message ids Babel's extractor finds in calls of t() and text()."""
    found = {}
    for path in SOURCES:
        with path.open("rb") as file:
            for line, message, _comments, _context in extract("python", file, keywords=KEYWORDS):
                if isinstance(message, str) and ID.fullmatch(message):
                    found.setdefault(message, []).append((path.relative_to(PROJECT_ROOT).as_posix(), line))
    return found


def _literals():
    found = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def used(ids):
    """The ids among `ids` that the code uses: in a call Babel extracts, as a string handed on (a page's title key,
    a tab's label), or built at run time from a prefix and a word of the code or the SQL (col_{column})."""
    literals = _literals()
    prefixes = {prefix for path in SOURCES for prefix in DYNAMIC.findall(path.read_text(encoding="utf-8"))}
    words = set(literals)
    for path in [*SOURCES, *SQL]:
        words |= set(re.findall(r"[a-z_][a-z0-9_]*", path.read_text(encoding="utf-8")))
    extracted_ids = set(extracted())
    return {key for key in ids if key in extracted_ids or key in literals
            or any(key.startswith(prefix) and key.removeprefix(prefix) in words for prefix in prefixes)}


def read(path, lang=None):
    with path.open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


def write(path, catalogue):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        # width 0: no wrapping, one line a text (Babel would otherwise break Chinese at odd places)
        write_po(file, catalogue, width=0, ignore_obsolete=True, include_lineno=False)


def mark_formats(catalogue, formatted):
    """Names each formatted entry's {fields} in a comment for the translator. Not the python-brace-format flag: with
    keys as ids, msgfmt --check (Poedit runs it on saving) would look for the fields in the key and fail."""
    for message in catalogue:
        message.flags.discard("python-brace-format")
        if message.context is None and message.id in formatted:
            message.auto_comments = [f"placeholders: {', '.join(sorted(formatted[message.id]))}"]


def new_catalogue(lang=None, creation_date=None, revision_date=None):
    language = {"zh": "Chinese", "en": "English", None: "Template of the"}[lang]
    return Catalog(locale=lang, domain=DOMAIN, header_comment=HEADER.format(language=language), project="sinkboard",
                   version=__version__, creation_date=creation_date, revision_date=revision_date,
                   last_translator="sinkboard developers", language_team="sinkboard developers", fuzzy=False)


def template(catalogues, creation_date=None):
    """The template: the ids the code uses (those Babel extracts, new ones included, and those of the catalogues used
    otherwise), sorted, then the data values the catalogues hold."""
    found = extracted()
    known = {m.id for catalogue in catalogues.values() for m in catalogue if m.id and m.context is None}
    values = sorted({m.id for catalogue in catalogues.values() for m in catalogue if m.id and m.context == VALUE})
    pot = new_catalogue(creation_date=creation_date)
    for key in sorted(set(found) | used(known)):
        pot.add(key, locations=found.get(key, ()))
    for value in values:
        pot.add(value, context=VALUE)
    return pot


def update():
    """Writes the template anew from the code and brings both catalogues in line with it: a new id gets an empty text
    to translate, an id the code no longer uses goes. Prints what changed."""
    catalogues = {lang: read(catalogue_path(lang), lang) for lang in LANGUAGES}
    before = {lang: {m.id for m in catalogue if m.id and m.context is None} for lang, catalogue in catalogues.items()}
    formatted = {m.id: placeholders(m.string) for m in catalogues["en"] if m.id and m.context is None and m.string
                 and placeholders(m.string)}
    # the template keeps the date it was first made, so that an update without news leaves the files as they were
    pot = template(catalogues, creation_date=read(TEMPLATE).creation_date if TEMPLATE.exists() else None)
    mark_formats(pot, formatted)
    write(TEMPLATE, pot)
    for lang, catalogue in catalogues.items():
        catalogue.update(pot, no_fuzzy_matching=True)
        mark_formats(catalogue, formatted)
        write(catalogue_path(lang), catalogue)
        after = {m.id for m in catalogue if m.id and m.context is None}
        untranslated = sorted(m.id for m in catalogue if m.id and not m.string)
        print(f"{catalogue_path(lang).relative_to(PROJECT_ROOT)}: {len(after)} messages, "
              f"added {sorted(after - before[lang]) or 'none'}, removed {sorted(before[lang] - after) or 'none'}, "
              f"to translate {untranslated or 'none'}")
