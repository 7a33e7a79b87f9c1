"""Schemas of the knowledge-base data files (validated with pydantic).

Files in ``dyads/kb/data/`` (an analyst can edit them; ``dyads kb validate`` checks them):

    countries.yaml       ISO code -> names, adjectives/demonyms, capitals, seats of power
    organisations.yaml   international and non-state organisations with PLOVER codes
    sectors.yaml         titles, institutions and generic agents -> PLOVER sectors
    places.yaml          gazetteer: capitals, cities, seas and regions with their countries
    people/*.yaml        named people with dated offices, one file per role (heads, ministers,
                         officials, organisations), one entry per person
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SECTORS = {
    "GOV", "MIL", "LEG", "JUD", "PTY", "COP", "OPP", "REB", "INS", "CVL", "BUS", "MED", "EDU",
    "REF", "HLH", "LAB", "AGR", "REL", "NGO", "IGO", "SPY", "CRM", "ELI", "ENV", "MOD", "RAD",
    "UAF", "SEP", "HRI", "DEV", "JEW", "MUS", "CHR", "BUD", "HIN", "IMG", "UNO", "EUR", "TER",
    "MNC", "NGM", "ACT", "VET", "YTH", "WMN", "ETH", "LBR", "JRN", "PPL", "SET", "IRC", "AMN",
    "INT", "DIP", "SEC", "ADM", "MOS", "CON", "ITL", "NON", "SOC", "PRM", "PRE", "UNK",
}
ORG_CODES = {"UNO", "EUR", "IGO", "NGO", "IMG", "MNC", "NGM"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_sector(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.upper()
    if value not in SECTORS:
        raise ValueError(f"unknown sector {value!r}; use one of {sorted(SECTORS)}")
    return value


class CountryEntry(_Strict):
    name: str
    names: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)
    capitals: list[str] = Field(default_factory=list)
    seats: list[str] = Field(default_factory=list)
    former: list[str] = Field(default_factory=list)


class Organisation(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    code: str
    org: str | None = None
    sector: str | None = None
    note: str | None = None

    _sector = field_validator("sector")(classmethod(lambda cls, v: _check_sector(v)))


class Title(_Strict):
    title: str
    sector: str
    rank: str | None = None
    aliases: list[str] = Field(default_factory=list)
    note: str | None = None

    _sector = field_validator("sector")(classmethod(lambda cls, v: _check_sector(v)))


class Institution(_Strict):
    name: str
    sector: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    note: str | None = None

    _sector = field_validator("sector")(classmethod(lambda cls, v: _check_sector(v)))


class Agent(_Strict):
    noun: str
    sector: str
    aliases: list[str] = Field(default_factory=list)
    note: str | None = None

    _sector = field_validator("sector")(classmethod(lambda cls, v: _check_sector(v)))


class SectorsFile(_Strict):
    titles: list[Title] = Field(default_factory=list)
    institutions: list[Institution] = Field(default_factory=list)
    agents: list[Agent] = Field(default_factory=list)


class Publisher(_Strict):
    """A site that speaks for a government (see publishers.yaml)."""

    host: str
    country: str
    note: str | None = None


class PlaceEntry(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    countries: list[str] = Field(default_factory=list)
    kind: str = "city"
    # Words shortly before or after the name that mean this place where a country or capital
    # has the same name ("Governor ... of Georgia" is the US state, not the country).
    cues: list[str] = Field(default_factory=list)
    note: str | None = None

    def codes(self) -> tuple[str, ...]:
        if self.countries:
            return tuple(self.countries)
        return (self.country,) if self.country else ()


class Office(_Strict):
    country: str
    office: str
    sector: str | None = None
    org: str | None = None
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    note: str | None = None

    _sector = field_validator("sector")(classmethod(lambda cls, v: _check_sector(v)))

    @model_validator(mode="after")
    def _ordered(self) -> Office:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"office {self.office!r} ends ({self.end}) before it starts "
                             f"({self.start})")
        return self

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Person(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    born: int | None = Field(default=None, ge=1850, le=2020)
    offices: list[Office]
    note: str | None = None
