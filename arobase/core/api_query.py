"""Query parameters of the API lists: an empty parameter means "no filter".

HTML forms send every field, empty ones included (`year=&arobases=`): an empty value must select nothing rather than
fail validation, on every list endpoint as on the pages.
"""

from typing import Any

from ninja import Schema
from pydantic import ValidationInfo, field_validator


class FilterQuery(Schema):
    @field_validator("*", mode="before")
    @classmethod
    def _empty_means_absent(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str) and not value.strip():
            return cls.model_fields[info.field_name].get_default()
        return value
