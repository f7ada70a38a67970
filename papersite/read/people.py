"""Names of members and officers as the papers list them."""
from __future__ import annotations

import re

from ..model import Contact, Person
from .text import plain

# Members are often printed two to a line, separated by a tab or by nothing but a space.
TITLE_RE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame|Professor|Prof|Rev|Revd)\.?"
SPLIT_NAMES_RE = re.compile(rf"\t+|(?<!\s)\s+(?={TITLE_RE}\s)")  # each run of spaces tried once, from its start
CHAIR_RE = re.compile(r"\s*[(–-]+\s*(?:in the chair|chairman|chair|vice[- ]chairman|deputy chairman)\s*\)?\s*$", re.I)
CHAIR_REACH = 80  # the end of a name where "(Chairman)" may stand: CHAIR_RE is searched there only (it is
# quadratic in a run of dashes, which a damaged text can make as long as it likes)


def chair_role(text: str):
    """The "(in the chair)", "– Chairman" at the end of `text`, as a match, or None."""
    return CHAIR_RE.search(text, max(0, len(text) - CHAIR_REACH))
PHONE_RE = re.compile(r"(?:\+44\s?|0)\d{3,4}[\s\d]{6,10}\d")
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # from the start of a token only: linear


def split_names(text: str) -> list[str]:
    return [name.strip(" ,") for name in SPLIT_NAMES_RE.split(plain_keep_tabs(text)) if name.strip(" ,")]


def plain_keep_tabs(text: str) -> str:
    return "\t".join(plain(part) for part in text.split("\t"))


def person(text: str) -> Person:
    """"Mrs. H. J. Fryer CC (Chairman)" -> Person("Mrs. H. J. Fryer CC", "Chairman")."""
    chair = chair_role(text)
    if chair:
        role = "Chairman" if "chair" in chair.group(0).lower() and "vice" not in chair.group(0).lower() \
            and "deputy" not in chair.group(0).lower() else chair.group(0).strip(" ()–-").title()
        return Person(text[: chair.start()].strip(" ,"), role)
    name, _, role = text.partition(" – ")
    if not role:
        name, _, role = text.partition(" - ")
    return Person(name.strip(" ,."), role.strip(" .") or None)


def contact_from(text: str) -> Contact:
    """"Gemma Duckworth (0116 3052583)" -> name and phone."""
    text = plain(text)
    phone = PHONE_RE.search(text)
    email = EMAIL_RE.search(text)
    name = re.sub(r"\(.*?\)|Tel:?|Contact:?", "", text)
    if phone:
        name = name.replace(phone.group(0), "")
    if email:
        name = name.replace(email.group(0), "")
    return Contact(" ".join(name.split()).strip(" ,.:"), None,
                   phone.group(0) if phone else None, email.group(0) if email else None)


def looks_like_contact_detail(text: str) -> bool:
    return bool(EMAIL_RE.search(text) or PHONE_RE.search(text) or re.match(r"^\s*(?:tel|telephone|phone|e-?mail)\b", text, re.I))


def contacts(texts: list[str]) -> tuple[Contact, ...]:
    """Officers to contact: a name line, perhaps a role over one or more lines, then phone and email."""
    found: list[dict] = []
    for text in (plain(t) for t in texts):
        if not text:
            continue
        current = found[-1] if found else None
        reached = current and (current["phone"] or current["email"])
        if looks_like_contact_detail(text) and current:
            phone, email = PHONE_RE.search(text), EMAIL_RE.search(text)
            current["phone"] = current["phone"] or (phone.group(0).strip() if phone else None)
            current["email"] = current["email"] or (email.group(0) if email else None)
        elif current and not reached:
            current["role"] = f"{current['role']} {text}" if current["role"] else text
        else:
            name, *role = re.split(r",\s*|\s[–-]\s|(?<=[a-z])\.\s+", text, maxsplit=1)
            found.append({"name": name.strip(" ."), "role": role[0].strip() if role else None,
                          "phone": None, "email": None})
    return tuple(Contact(f["name"], f["role"], f["phone"], f["email"]) for f in found if f["name"])
