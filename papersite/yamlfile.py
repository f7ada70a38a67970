"""YAML as the clerk writes it (site_config.yaml and sidecars): plain keys and values only.

Stricter than `yaml.safe_load` in three ways, each a mistake a clerk could not see: a key given twice is an
error naming both lines (safe_load keeps the last silently); anchors and aliases (`&name`, `*name`) are refused
(no setting needs them, and a few nested aliases expand into billions of values); and dates stay as written
(`2021-13-01` is text for the reader to judge, not a ValueError from deep inside the parser, and a date with
a time is not a datetime to compare with plain dates).
"""
from __future__ import annotations

import yaml

TIMESTAMP = "tag:yaml.org,2002:timestamp"


class ClerkLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` without timestamps, aliases or repeated keys."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "anchors and aliases (&name, *name) are not read here: "
                                              "write each value out", event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"`{key}` is given twice (lines {seen[key]} and {key_node.start_mark.line + 1}): "
                        "keep one", key_node.start_mark)
                seen[key] = key_node.start_mark.line + 1
            except TypeError:  # an unhashable key (a list): the base class says so
                pass
        return super().construct_mapping(node, deep)


ClerkLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load_yaml(text: str):
    """The value of the YAML `text`. Raises `yaml.YAMLError` (with a `problem_mark` where it can) when it
    cannot be read as the clerk's plain YAML."""
    try:
        return yaml.load(text, Loader=ClerkLoader)  # noqa: S506 — a SafeLoader, made stricter
    except (ValueError, OverflowError) as problem:  # `!!timestamp 2021-13-01`, an integer of 5,000 digits
        raise yaml.YAMLError(f"a value cannot be read ({problem})") from None


def where(problem: yaml.YAMLError) -> str:
    """" (line N)" for a YAML problem that knows its line, else ""."""
    mark = getattr(problem, "problem_mark", None)
    return f" (line {mark.line + 1})" if mark else ""


def what(problem: yaml.YAMLError) -> str:
    return str(getattr(problem, "problem", None) or problem)
