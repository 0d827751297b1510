"""Fill the English catalogue (locale/en/LC_MESSAGES/django.po) from the text modules.

Run after ``makemessages``, then ``compilemessages``::

    .venv/bin/python manage.py makemessages -l en -l id --ignore=.venv --ignore=var
    .venv/bin/python locale/fill_en.py
    .venv/bin/python manage.py compilemessages --ignore=.venv

An entry is filled when it is empty or fuzzy (``makemessages`` guessed it from a similar
msgid) and one of the text modules knows its msgid; a translation someone made by hand is
never overwritten. The script lists the entries still without English and exits 1 when
there are any, so it can guard a release.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
CATALOGUE = HERE / "en" / "LC_MESSAGES" / "django.po"
# One module per area of the site, each holding EN (msgid -> text) and PLURALS
# (msgid -> (singular, plural)).
TEXT_MODULES = ("en_portal", "en_dashboard", "en_staff")


def load_texts() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    sys.path.insert(0, str(HERE))
    try:
        modules = [__import__(name) for name in TEXT_MODULES]
    finally:
        sys.path.remove(str(HERE))
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[str, str]] = {}
    for module in modules:
        texts.update(module.EN)
        plurals.update(getattr(module, "PLURALS", {}))
    return texts, plurals


def fill(path: Path = CATALOGUE) -> tuple[int, list[str]]:
    """Fill ``path`` in place; return how many entries were filled and the msgids still missing."""
    texts, plurals = load_texts()
    po = polib.pofile(str(path))
    filled = 0
    for entry in po:
        if entry.obsolete:
            continue
        fuzzy = "fuzzy" in entry.flags
        if entry.msgid_plural:
            if entry.msgid in plurals and (fuzzy or not any(entry.msgstr_plural.values())):
                one, many = plurals[entry.msgid]
                entry.msgstr_plural = {0: one, 1: many}
                filled += 1
            else:
                continue
        elif entry.msgid in texts and (fuzzy or not entry.msgstr):
            entry.msgstr = texts[entry.msgid]
            filled += 1
        else:
            continue
        if fuzzy:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
    po.save(str(path))
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    return filled, missing


if __name__ == "__main__":
    count, missing = fill()
    print(f"filled {count}; {len(missing)} entries without English")
    for msgid in missing:
        print(f"  {msgid!r}")
    sys.exit(1 if missing else 0)
