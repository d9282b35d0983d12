"""A YAML loader for scenario.yaml that a hostile file cannot blow up (issue 11).

PyYAML's safe loader still expands aliases (a 600-byte "billion laughs" file becomes gigabytes
once rendered), silently keeps the last of a key given twice, and turns a 5,000-digit scalar
into an int that Python then refuses to print. This loader refuses every alias, reports every key
given twice with both lines, and leaves an integer of more than 30 characters as text, so that
the setting's own check says it is not a number in range.
"""
from __future__ import annotations

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from planner.io.problems import shown

_LONGEST_NUMBER = 30


class YamlRefused(yaml.YAMLError):
    """A YAML document this loader will not read (an alias); the message says where."""


class _StrictLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlRefused(f"an alias (*{shown(event.anchor)}) at line {event.start_mark.line + 1}: "
                              "anchors and aliases are not accepted; write the value out")
        return super().compose_node(parent, index)


def _construct_int(loader: _StrictLoader, node: ScalarNode):
    text = loader.construct_scalar(node)
    if len(text) > _LONGEST_NUMBER:
        return text
    return SafeConstructor.construct_yaml_int(loader, node)


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _duplicate_keys(node: Node | None, path: str, out: list) -> None:
    """(path, key, first line, second line) of each key given twice in a mapping, at any depth."""
    if isinstance(node, MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                key = key_node.value
                line = key_node.start_mark.line + 1
                if key in seen:
                    out.append((path, key, seen[key], line))
                else:
                    seen[key] = line
                child = f"{path}.{key}" if path else key
            else:
                child = path
            _duplicate_keys(value_node, child, out)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _duplicate_keys(item, path, out)


def load_strict(text: str) -> tuple[object, list[tuple[str, str, int, int]]]:
    """Parse one YAML document without aliases, and list the keys given twice.

    Parameters
    ----------
    text : str
        The document.

    Returns
    -------
    tuple
        The document (None when empty) and a list of ``(path, key, first line, second line)``
        for each key given twice; ``path`` is ``""`` at the top level, else the dotted keys of
        the mapping holding it.

    Raises
    ------
    yaml.YAMLError
        Not valid YAML, or an alias (``YamlRefused``).
    RecursionError
        Nested deeper than Python's recursion limit.
    """
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        duplicates: list = []
        _duplicate_keys(node, "", duplicates)
        document = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return document, duplicates
