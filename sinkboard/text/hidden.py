"""Characters that hide in text or reorder it (bidi controls, zero-width characters) and their visible form, ⟦U+202E⟧,
in which the ingest stores them and every screen, chart, download and slide shows them."""

import re

# the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F, U+061C): a
# name holding U+202E shows as "项目exe.jpg名称"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# characters of no width: two values that look the same differ, and a key holding one matches nothing
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
HIDDEN = BIDI + ZERO_WIDTH
# ⟦ and ⟧ (U+27E6, U+27E7): no export's text uses them and nothing the values reach reads them as markup (Markdown,
# HTML, CSV, a spreadsheet's formula), so ⟦U+202E⟧ reads as one token; the ingest writes a ⟦ of the data itself as
# ⟦U+27E6⟧, so every ⟦ in a warehouse opens an escape and no value can pose as one
OPEN, CLOSE = "\u27e6", "\u27e7"
# the code points an escape names, as the warnings of the ingest list them
ESCAPE = re.compile(f"{OPEN}(U\\+[0-9A-F]{{4}}){CLOSE}")


def escape(char):
    """One character in its visible form: ⟦U+202E⟧."""
    return f"{OPEN}U+{ord(char):04X}{CLOSE}"


_ANY_HIDDEN = re.compile(f"[{HIDDEN}]")
_ANY_STORED = re.compile(f"[{OPEN}{HIDDEN}]")
_SHOWN = str.maketrans({char: escape(char) for char in HIDDEN})
_STORED = str.maketrans({char: escape(char) for char in OPEN + HIDDEN})


def visible(value):
    """A text to show, each hidden character in its visible form; an escape the ingest wrote stays as it is, so text
    from a warehouse passes unchanged and text from the address or an older warehouse is made safe."""
    if isinstance(value, str) and _ANY_HIDDEN.search(value):
        return value.translate(_SHOWN)
    return value


def stored(value):
    """A text of an export as the ingest stores it: each hidden character, and the bracket ⟦ itself, in its visible
    form (one text for each text, so the stored form can always be read back)."""
    if isinstance(value, str) and _ANY_STORED.search(value):
        return value.translate(_STORED)
    return value


def kind(code):
    """What a code point an escape names is: 'bidi', 'zero_width', or 'bracket' (a ⟦ of the data)."""
    char = chr(int(code.removeprefix("U+"), 16))
    return "bidi" if char in BIDI else "zero_width" if char in ZERO_WIDTH else "bracket"
