"""The API shape of a mosaïque (see `rules.Mosaic.to_dict`)."""

from ninja import Field, Schema


class MosaicServiceOut(Schema):
    code: str
    label: str
    lit: bool = Field(description="Au moins une action éligible classée sous ce service.")
    eligible_actions: int = Field(description="Nombre d'actions éligibles classées sous ce service.")


class MosaicEnjeuOut(Schema):
    code: str
    label: str
    coverage: float = Field(description="Part des services allumés, de 0 à 1 (3 décimales).")
    services: list[MosaicServiceOut]


class MosaicThemeOut(Schema):
    code: str
    label: str
    coverage: float = Field(description="Part des services allumés, de 0 à 1 (3 décimales).")
    enjeux: list[MosaicEnjeuOut]


class MosaicOut(Schema):
    year: int = Field(description="Année du label.")
    territory: str = Field(description="Code de la collectivité.")
    themes: list[MosaicThemeOut]
