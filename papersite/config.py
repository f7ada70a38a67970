"""The site's settings, read from site_config.yaml.

Every key is documented here, one attribute each. All problems are collected and
reported together; unknown keys warn (with a suggestion) rather than being ignored.
"""
from __future__ import annotations

import difflib
from datetime import date
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .messages import Log
from .yamlfile import load_yaml, what


@dataclass(frozen=True)
class Committee:
    slug: str  # used in addresses: /meetings/<slug>/<date>/
    name: str  # the committee's name as it should be shown
    also_known_as: tuple[str, ...] = ()  # other names it is printed under in the papers

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.also_known_as)


@dataclass(frozen=True)
class Footer:
    name: str  # what the clerk sees in the debris count, e.g. "council address footer"
    pattern: re.Pattern  # a regular expression matched against a whole line


@dataclass(frozen=True)
class Topic:
    slug: str  # used in addresses: /topics/<slug>/
    name: str  # as shown
    description: str  # one sentence for the topic's page
    keywords: tuple[str, ...]  # words and phrases; one in capitals (SEND) matches only in capitals


@dataclass(frozen=True)
class SiteConfig:
    title: str  # the site's name, shown in every page header
    base_url: str  # where the site is published, e.g. https://papers.example.org/
    council: str = ""  # the council that publishes the papers
    committees: tuple[Committee, ...] = ()
    footers: tuple[Footer, ...] = ()  # repeated footers to remove from the papers and count
    topics: tuple[Topic, ...] = ()  # subjects residents look for, in the order the home page offers them
    contact_email: str = ""  # where to ask for papers in another format, or report an accessibility problem
    glossary: dict = field(default_factory=dict)  # acronym -> expansion, added to those the papers give
    meanings: dict = field(default_factory=dict)  # key term -> what it means, in plain English (the glossary)
    statement_prepared: date | None = None  # the accessibility statement's dates (accessibility_statement:)
    statement_reviewed: date | None = None
    follow_symlinks: bool = False  # read files in content/ through symbolic links (else each is named and skipped)
    source: str = "site_config.yaml"

    def committee_by_slug(self, slug: str) -> Committee | None:
        return next((c for c in self.committees if c.slug == slug), None)


KNOWN_KEYS = {"title", "base_url", "council", "committees", "footers", "topics", "contact_email", "glossary",
              "meanings", "accessibility_statement", "follow_symlinks"}
STATEMENT_KEYS = {"prepared", "reviewed"}
TOPIC_KEYS = {"slug", "name", "description", "keywords"}
COMMITTEE_KEYS = {"slug", "name", "also_known_as"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ConfigError(Exception):
    """The configuration cannot be used. Carries every problem found, not just the first."""


def load_config(path: Path, log: Log) -> SiteConfig:
    rel = path.name
    try:
        raw = load_yaml(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError([f"{rel}: not found. Create it; the README shows an example."]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"{rel}: is not UTF-8 text (UTF-16, or another encoding?). Save it again as UTF-8."]) from None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError([f"{rel}{line}: not valid YAML ({what(problem)})."]) from None
    except RecursionError:  # nesting thousands deep
        raise ConfigError([f"{rel}: is nested too deeply to be a settings file."]) from None
    if not isinstance(raw, dict):
        raise ConfigError([f"{rel}: must be a mapping of keys to values."])

    problems: list[str] = []
    _warn_unknown(raw, KNOWN_KEYS, rel, "", log)
    title = raw.get("title")
    base_url = raw.get("base_url")
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{rel}: `title` is required: the site's name, e.g. `title: Committee papers`.")
    if not isinstance(base_url, str) or not re.match(r"^https?://", base_url or ""):
        problems.append(f"{rel}: `base_url` is required and must start http:// or https://.")
    committees = []
    for where, entry in _entries(raw, "committees", COMMITTEE_KEYS, rel, log, problems):
        slug, name = entry.get("slug"), entry.get("name")
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            problems.append(f"{where}: `slug` must be lower-case words joined by hyphens, e.g. `children-and-families`.")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}: `name` is required.")
        aliases = entry.get("also_known_as") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"{where}: `also_known_as` must be a list of names.")
            aliases = []
        if isinstance(slug, str) and isinstance(name, str):
            committees.append(Committee(slug, name.strip(), tuple(a.strip() for a in aliases)))
    if not committees:
        problems.append(f"{rel}: `committees` must list at least one committee (slug, name, also_known_as).")
    footers = []
    for index, entry in enumerate(_listed(raw, "footers", rel, problems)):
        try:
            footer = Footer(str(entry["name"]), re.compile(str(entry["pattern"])))
        except (KeyError, TypeError, re.error) as problem:
            problems.append(f"{rel}: footers[{index}]: needs `name` and a valid regular expression `pattern` ({problem}).")
            continue
        if nested_repeat(footer.pattern.pattern):
            problems.append(f"{rel}: footers[{index}]: the pattern repeats a part that itself repeats "
                            f"({footer.pattern.pattern!r}), which can take longer than the age of the universe on one "
                            "line. Write it without a repeat inside a repeat, e.g. `(ab)+` rather than `(a+b?)+`.")
        else:
            footers.append(footer)
    topics = []
    for where, entry in _entries(raw, "topics", TOPIC_KEYS, rel, log, problems):
        keywords = entry.get("keywords") or []
        if not isinstance(entry.get("slug"), str) or not SLUG_RE.match(entry["slug"]):
            problems.append(f"{where}: `slug` must be lower-case words joined by hyphens.")
        elif not isinstance(entry.get("name"), str) or not isinstance(keywords, list) or not keywords:
            problems.append(f"{where}: needs a `name` and a list of `keywords`.")
        else:
            topics.append(Topic(entry["slug"], entry["name"], str(entry.get("description") or ""),
                                tuple(str(k) for k in keywords)))
    glossary = raw.get("glossary") or {}
    if not isinstance(glossary, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in glossary.items()):
        problems.append(f"{rel}: `glossary` must map each acronym to what it stands for, e.g. `EHCP: Education, Health and Care Plan`.")
        glossary = {}
    meanings = raw.get("meanings") or {}
    if not isinstance(meanings, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in meanings.items()):
        problems.append(f"{rel}: `meanings` must map each key term to what it means, e.g. `Local Offer: The "
                        "council's guide to services for children with SEND`.")
        meanings = {}
    statement = raw.get("accessibility_statement") or {}
    dates = {}
    if not isinstance(statement, dict):
        problems.append(f"{rel}: `accessibility_statement` must give `prepared:` and `reviewed:` dates (YYYY-MM-DD).")
        statement = {}
    _warn_unknown(statement, STATEMENT_KEYS, rel, "accessibility_statement.", log)
    for key in ("prepared", "reviewed"):
        value = statement.get(key)
        try:
            dates[key] = date.fromisoformat(str(value).strip()) if value is not None else None
        except ValueError:
            problems.append(f"{rel}: `accessibility_statement.{key}` must be a date, YYYY-MM-DD (it is {value!r}).")
            dates[key] = None
    if not statement:
        log.warn(rel, None, "the accessibility statement has no dates: the regulations ask when it was prepared "
                 "and last reviewed.", "Add `accessibility_statement:` with `prepared:` and `reviewed:` (YYYY-MM-DD).")
    follow = raw.get("follow_symlinks", False)
    if not isinstance(follow, bool):
        problems.append(f"{rel}: `follow_symlinks` must be true or false.")
    if problems:
        raise ConfigError(problems)
    return SiteConfig(title.strip(), base_url.rstrip("/") + "/", str(raw.get("council") or ""),
                      tuple(committees), tuple(footers), tuple(topics), str(raw.get("contact_email") or ""),
                      dict(sorted(glossary.items())), dict(sorted(meanings.items())), dates["prepared"],
                      dates["reviewed"], follow is True)


def _listed(raw: dict, key: str, rel: str, problems: list[str]) -> list:
    """What is listed under `key` (nothing if it is missing); anything but a list is a problem."""
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(f"{rel}: `{key}` must be a list (each entry on a line starting `- `), not {type(value).__name__} "
                        f"{str(value)[:40]!r}.")
        return []
    return value


def nested_repeat(pattern: str) -> bool:
    """Whether the regular expression repeats (`+`, `*`, `{2,}`) a part that itself repeats: the shape that
    makes Python's matcher try exponentially many ways on a line that almost matches."""
    from re import _parser as sre_parse  # Python's own parser of patterns (sre_parse before 3.11)

    def walk(items, inside: bool) -> bool:
        for op, value in items:
            if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
                _, high, body = value
                repeats = high > 1
                if repeats and inside:
                    return True
                if walk(body, inside or repeats):
                    return True
            elif op == sre_parse.SUBPATTERN:
                if walk(value[-1], inside):
                    return True
            elif op == sre_parse.BRANCH:
                if any(walk(branch, inside) for branch in value[1]):
                    return True
            elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
                if walk(value[1], inside):
                    return True
        return False
    try:
        return walk(sre_parse.parse(pattern), False)
    except Exception:  # noqa: BLE001 — re.compile has already accepted it
        return False


def _entries(raw: dict, key: str, known: set[str], rel: str, log: Log, problems: list[str]):
    """Each mapping listed under `key`, with where it is; unknown keys warn, anything else is a problem."""
    for index, entry in enumerate(_listed(raw, key, rel, problems)):
        where = f"{rel}: {key}[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping with {', '.join(sorted(known))}.")
            continue
        _warn_unknown(entry, known, rel, f"{key}[{index}].", log)
        yield where, entry


def _warn_unknown(raw: dict, known: set[str], rel: str, prefix: str, log: Log) -> None:
    for key in sorted(set(raw) - known, key=str):
        close = difflib.get_close_matches(str(key), sorted(known), n=1)
        hint = f"Did you mean `{prefix}{close[0]}`?" if close else f"Known keys: {', '.join(sorted(known))}."
        log.warn(rel, None, f"unknown key `{prefix}{key}` is ignored.", hint)
