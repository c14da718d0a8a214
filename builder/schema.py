"""JSON Schema files for editors, generated from the records in :mod:`builder.model`.

One schema per file type: the frontmatter of a source and each curated file.
Editors that speak the YAML language server (VS Code's YAML extension among
them) use them to validate and autocomplete as a contributor types; the check
remains the authority. The schemas keep to JSON Schema draft-07, the newest
draft that language server fully supports.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from builder.model import DATA_FILES, EventEntry, FigureEntry, Record, SourceMeta
from builder.reference import markdown

FOLDER = "schemas"
"""Where the schema files live, relative to the project folder."""
DRAFT = "http://json-schema.org/draft-07/schema#"

SOURCE = "source"
"""Name of the schema of a source file's frontmatter (``schemas/source.schema.json``)."""


def file_name(name: str) -> str:
    """``glossary`` -> ``schemas/glossary.schema.json``."""
    return f"{FOLDER}/{name}.schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by name: ``source`` and one per curated file, sorted by name."""
    found = {SOURCE: _schema(SourceMeta, False, "The frontmatter of a source file, sources/<id>.md.")}
    for name, (record, is_list) in DATA_FILES.items():
        found[name] = _schema(record, is_list, f"sources/{name}.yml")
    found[SOURCE]["properties"]["inferred"]["propertyNames"] = {"enum": sorted(SourceMeta.model_fields)}
    # machine: names fields of its own record (builder/review.py), as inferred: does.
    for properties, record in ((found[SOURCE]["properties"], SourceMeta), *((found[SOURCE]["definitions"][r.__name__]["properties"], r) for r in (EventEntry, FigureEntry))):
        properties["machine"]["items"] = {"enum": [name for name in record.model_fields if name not in ("machine", "draft")]}
    return dict(sorted(found.items()))


def render() -> dict[str, str]:
    """Every schema file's text by its path relative to the project folder."""
    return {file_name(name): json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n" for name, schema in schemas().items()}


def _schema(record: type[Record], is_list: bool, title: str) -> dict[str, Any]:
    adapter: TypeAdapter[Any] = TypeAdapter(list[record] if is_list else record)  # type: ignore[valid-type]  # a record class given at run time
    body = adapter.json_schema(ref_template="#/definitions/{model}")
    definitions = body.pop("$defs", {})
    head: dict[str, Any] = {"$schema": DRAFT, "title": title}
    if is_list:
        head["description"] = f"{(record.__doc__ or '').strip().splitlines()[0]} The file is a list of these."
    elif "title" in body:
        body.pop("title")
    schema = {**head, **body}
    if definitions:
        schema["definitions"] = dict(sorted(definitions.items()))
    return _tidy(schema)


def _tidy(node: Any) -> Any:
    """Docstrings as Markdown, and no titles made up from field names ("Archive Url")."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    tidy: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties":
            tidy[key] = {name: _drop_title(_tidy(prop)) for name, prop in value.items()}
        elif key == "description" and isinstance(value, str):
            tidy[key] = markdown(value)
        else:
            tidy[key] = _tidy(value)
    return tidy


def _drop_title(prop: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in prop.items() if k != "title"}
