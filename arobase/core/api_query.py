"""Query parameters of the API lists: an empty parameter means "no filter".

HTML forms send every field, empty ones included (`year=&arobases=`): an empty value must select nothing rather than
fail validation, on every list endpoint as on the pages.
"""

import json
import re
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, ValidationInfo, field_validator

# What FilterQuery accepts for any filter besides its own values: nothing, or blanks.
BLANK = {"type": "string", "pattern": r"^\s*$"}
# The document's pattern is read with JavaScript's regular expressions, whose \s also matches U+FEFF (a byte order
# mark); Python's does not, so blanks are matched with it added.
_BLANK_VALUE = re.compile(r"[\s\ufeff]*")


def _document_blank_values(schema: dict[str, Any], model: type) -> None:
    """The OpenAPI document says what the code accepts: a blank value for every filter (clients, fuzzers and
    schemathesis's negative checks read it)."""
    for name, prop in schema.get("properties", {}).items():
        if "format" in json.dumps(prop):
            continue  # a custom format (bbox, dates) has its own generator in the fuzz test, blank included
        documented = {key: prop.pop(key) for key in ("title", "description", "default") if key in prop}
        schema["properties"][name] = {"anyOf": [prop, BLANK], **documented}


class FilterQuery(Schema):
    model_config = ConfigDict(json_schema_extra=_document_blank_values)

    @field_validator("*", mode="before")
    @classmethod
    def _empty_means_absent(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str) and _BLANK_VALUE.fullmatch(value):
            return cls.model_fields[info.field_name].get_default()
        return value
