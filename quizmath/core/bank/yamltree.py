"""PyYAML's node tree → plain data with lines (``LDict``/``LList``), refusing what we do not read.

The second half of ``yamlsource.read_yaml_text``, apart because it imports PyYAML (10–20 ms of
start-up): ``yamlsource`` imports this module only when a text is actually parsed. Call
``read_yaml_text``/``read_yaml_file``, not this: they refuse control characters and deep
nesting before the parser sees the text.
"""

from __future__ import annotations

from typing import Any

import yaml

from quizmath.core.bank.textfile import control_message
from quizmath.core.bank.yamlsource import LDict, LList
from quizmath.core.errors import TemplateError
from quizmath.core.terminal_text import CONTROL

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str, name: str) -> Any:
    """Parse ``text`` (already checked by ``yamlsource``). Raises TemplateError."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "syntax error"
        raise TemplateError(f"YAML syntax error: {problem}", file=name, line=line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise TemplateError(f"YAML error: {exc.reason}", file=name, line=line) from None
    except yaml.YAMLError as exc:
        raise TemplateError(f"YAML error: {exc}", file=name) from None
    if node is None:
        raise TemplateError("the file is empty", file=name, line=1)
    return _convert(node, name, set())


_constructor = yaml.constructor.SafeConstructor()
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null")}


def _convert(node: yaml.Node, name: str, seen: set[int]) -> Any:
    # An alias is the same node object reached a second time; refusing every revisit stops
    # "billion laughs" expansion before it starts.
    if id(node) in seen:
        raise TemplateError(
            "anchors (&) and aliases (*) are not supported",
            file=name,
            line=node.start_mark.line + 1,
        )
    seen.add(id(node))
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        _refuse_controls(node, name)
        if node.tag in _PLAIN_TAGS:
            return _constructor.construct_object(node, deep=True)
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # a date written in a question is just text
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise TemplateError(f"unsupported YAML tag {tag}", file=name, line=line)
    if node.tag not in ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise TemplateError(f"unsupported YAML tag {tag}", file=name, line=line)
    if isinstance(node, yaml.SequenceNode):
        out = LList(_convert(item, name, seen) for item in node.value)
        out.line = line
        out.item_lines = [item.start_mark.line + 1 for item in node.value]
        out.block_items = {
            k
            for k, item in enumerate(node.value)
            if isinstance(item, yaml.ScalarNode) and item.style in ("|", ">")
        }
        return out
    if isinstance(node, yaml.MappingNode):
        mapping = LDict()
        mapping.line = line
        mapping.key_lines = {}
        mapping.block_keys = set()
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise TemplateError("keys must be plain names", file=name, line=key_line)
            _refuse_controls(key_node, name)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise TemplateError("merge keys (<<) are not supported", file=name, line=key_line)
            # A key is a name as written: YAML 1.1 would read "off" or "no" as false.
            key = str(key_node.value)
            if key in mapping:
                raise TemplateError(
                    f'duplicate key "{key}" (first on line {mapping.key_lines[key]})',
                    file=name,
                    line=key_line,
                )
            mapping[key] = _convert(value_node, name, seen)
            mapping.key_lines[key] = key_line
            if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">"):
                mapping.block_keys.add(key)
        return mapping
    raise TemplateError("unsupported YAML node", file=name, line=line)


def _refuse_controls(node: yaml.ScalarNode, name: str) -> None:
    """A scalar's text may not hold control characters, written raw or as an escape (``"\\e"``).

    The line: exact in a literal block (``|``), whose lines are the file's; elsewhere a line
    break in the value may come from an escape (``"\\n"``) or from folding, so the count is
    kept within the lines the scalar spans.
    """
    m = CONTROL.search(node.value)
    if m is None:
        return
    start, end = node.start_mark.line + 1, node.end_mark.line + 1
    breaks = node.value.count("\n", 0, m.start())
    line = start + 1 + breaks if node.style == "|" else min(start + breaks, end)
    raise TemplateError(control_message(m.group()), file=name, line=line)
