"""YAML that remembers where each mapping and each key came from.

Content errors are reported as ``file:line: message``, so every mapping the
loader builds knows its own line and the line of each of its keys.
"""

from __future__ import annotations

from typing import Any

import yaml


class LinedDict(dict):
    """A mapping with ``line`` (where it starts) and ``key_lines`` (where each key is)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    line_offset = 0

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LinedDict:
        mapping = LinedDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1 + self.line_offset
        mapping.key_lines = {
            str(key_node.value): key_node.start_mark.line + 1 + self.line_offset
            for key_node, _ in node.value
        }
        return mapping


# Dates stay strings: the loader parses YYYY, YYYY-MM and YYYY-MM-DD itself.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)


class YamlError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def load_yaml(text: str, line_offset: int = 0) -> Any:
    """Parse YAML; raise YamlError with the line of a syntax error."""
    loader = _LineLoader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        raise YamlError(line, f"YAML syntax error: {exc.problem or exc}") from exc
    finally:
        loader.dispose()
