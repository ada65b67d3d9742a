"""Entity typing, junk filtering, canonical names and gazetteer links, on sentences written for the tests."""

from __future__ import annotations

from spacy.tokens import Span

from newskg.extractor.spans import trim_span
from newskg.model import ArticleRecords
from tests.conftest import edges


def by_label(records: ArticleRecords) -> dict[str, tuple[str, list[str]]]:
    return {e.label: (e.type, e.aliases) for e in records.entities}


def test_company_typed_from_the_noun_beside_it(extract_text) -> None:
    entities = by_label(extract_text("Regulators fined telecoms companies Vodafone and Orange on Monday."))
    entities |= by_label(extract_text("Shares in car maker Renault rose."))
    assert entities["Renault"][0] == "Company"
    # "Orange" is also a town in the gazetteer: the noun beside it says it is a company here.
    assert entities["Vodafone"][0] == "Company" and entities["Orange"][0] == "Company"


def test_organisation_types_from_name_and_known_bodies(extract_text) -> None:
    entities = by_label(extract_text("The Ministry of Defence and the United Nations criticised the Liberal Party."))
    assert entities["Ministry of Defence"][0] == "GovernmentBody"
    assert entities["United Nations"][0] == "InternationalOrganization"
    assert entities["Liberal Party"][0] == "PoliticalParty"


def test_concepts_diseases_and_technology_acronyms_are_dropped(extract_text) -> None:
    text = (
        "The agreement covers Machine Learning, Quantum Computing and the Internet of Things (IoT). "
        "Factories shut during the SARS-2 outbreak, Acme Corp said."
    )
    labels = set(by_label(extract_text(text)))
    assert not labels & {"Machine Learning", "Quantum Computing", "IoT", "SARS-2"}
    assert "Acme Corp" in labels


def test_state_in_secretary_of_state_is_not_an_organisation(extract_text) -> None:
    labels = set(by_label(extract_text("British Secretary of State John Marlow met French officials.")))
    assert "State" not in labels and "John Marlow" in labels


def test_titles_come_off_person_names(extract_text) -> None:
    entities = by_label(extract_text("Prime Minister Tony Blair spoke on Monday. Later Mr Blair left for Paris."))
    assert entities["Tony Blair"][0] == "Person"
    assert "Blair" in entities["Tony Blair"][1]
    assert "Prime Minister Tony Blair" not in entities and "Blair" not in entities


def test_country_forms_and_demonyms_are_one_country(extract_text) -> None:
    text = "The US and the United States are one. American troops left. Kenyan farmers protested in America."
    entities = by_label(extract_text(text))
    countries = [label for label, (kind, _) in entities.items() if kind == "Country"]
    assert countries.count("United States") == 1
    assert {"US", "American", "America"} <= set(entities["United States"][1])
    assert entities["Kenya"][0] == "Country"


def test_former_countries_are_countries(extract_text) -> None:
    # Names and adjectives of former countries (pycountry's historic countries): "the Soviet Union", "Soviet".
    text = "The Soviet Union and Yugoslavia signed a pact. Soviet pianist Ivan Drago played in Czechoslovakia."
    records = extract_text(text)
    entities = by_label(records)
    assert entities["Soviet Union"][0] == "Country" and "Soviet" in entities["Soviet Union"][1]
    assert entities["Yugoslavia"][0] == "Country" and entities["Czechoslovakia"][0] == "Country"
    assert any(e.label == "Soviet Union" and e.attributes.get("iso3") == "SUN" for e in records.entities)


def test_a_national_adjective_naming_a_council_is_no_country(extract_text) -> None:
    # "the Supreme Soviet", "the Soviet of Nationalities": a body's name, not the country.
    for text in ("Crimean Supreme Soviet Chairman Ivan Drago met envoys.", "The Soviet of Nationalities met."):
        assert "Soviet Union" not in by_label(extract_text(text)), text


def test_capital_as_actor_is_its_country_and_as_place_a_city(extract_text) -> None:
    records = extract_text("Beijing abruptly closed the border. Tourists flocked to Beijing in May.")
    entities = {e.label: e for e in records.entities}
    assert entities["China"].type == "Country" and len(entities["China"].mentions) == 1
    assert "Beijing" not in entities["China"].aliases  # a metonym, not a name of China
    assert entities["Beijing"].type == "City"


def test_countries_and_cities_carry_gazetteer_ids(extract_text) -> None:
    entities = {e.label: e for e in extract_text("Officials from Kenya arrived in Tokyo.").entities}
    assert entities["Kenya"].attributes["iso3"] == "KEN" and entities["Kenya"].attributes["geonames"].isdigit()
    tokyo = entities["Tokyo"].attributes
    assert tokyo["geonames"].isdigit() and tokyo["gazetteer_country"] == "JPN"
    assert "country" not in tokyo  # the text does not say Tokyo is in Japan


def test_city_with_its_country_in_the_text_is_located_in(extract_text) -> None:
    records = extract_text("Delegates gathered in Nairobi, Kenya, for the summit.")
    assert [(r.subject, r.predicate, r.object) for r in records.relations] == [
        ("place:Nairobi", "located_in", "country:Kenya")
    ]
    nairobi = next(e for e in records.entities if e.label == "Nairobi")
    assert nairobi.attributes["country"] == "KEN"


def test_us_state_after_a_us_city_is_a_region_not_the_country(extract_text) -> None:
    state = extract_text("The firm moved to Atlanta, Georgia, last year.")
    country = extract_text("Georgia signed a trade deal with Armenia.")
    assert {e.type for e in state.entities if e.label == "Georgia"} == {"Region"}
    assert {e.type for e in country.entities if e.label == "Georgia"} == {"Country"}


def test_titled_form_of_a_name_is_an_alias_not_the_label(extract_text) -> None:
    entities = by_label(extract_text("Senator Maria Lopez spoke first. Then Mrs. Okafor thanked the crowd."))
    assert "Senator Maria Lopez" in entities["Maria Lopez"][1]
    assert "Mrs. Okafor" in entities["Okafor"][1]
    assert "Senator Maria Lopez" not in entities and "Mrs. Okafor" not in entities


def test_ap_state_abbreviation_is_the_state(extract_text) -> None:
    entities = by_label(extract_text("The mill in Harlow Falls, Ala., closed after the flood."))
    assert entities["Alabama"][0] == "Region"
    assert "Ala." in entities["Alabama"][1]


def test_place_with_its_state_or_country_is_also_written_as_one_name(extract_text) -> None:
    entities = by_label(extract_text("The farmer moved to Lubbock, Texas, in 1990. Later he toured Porto, Portugal."))
    assert "Lubbock, Texas" in entities["Lubbock"][1]
    assert "Porto, Portugal" in entities["Porto"][1]
    # The state and the country stay names of their own.
    assert entities["Texas"][0] == "Region" and entities["Portugal"][0] == "Country"


def test_all_capitals_dateline_is_a_place_not_an_organisation(extract_text) -> None:
    entities = by_label(extract_text("SPRINGFIELD, Ill. (AP) _ The council approved the budget on Monday."))
    assert entities["Springfield"][0] == "City"
    assert "SPRINGFIELD, Ill." in entities["Springfield"][1]


def test_names_that_read_as_people_are_people(extract_text) -> None:
    # An age in apposition, a relative "who", a person's role noun in apposition (the small spaCy model
    # tags these names as places or organisations).
    for text, name in (
        ("Fenwick, 38, pleaded guilty.", "Fenwick"),
        ("Corrigan, 61, was found guilty of theft.", "Corrigan"),
        ("Whitcombe, who runs the farm, said it was dry.", "Whitcombe"),
        ("Ashby, a retired bank officer, declined to comment.", "Ashby"),
        ("Harbour authority spokesman Tyler Fairbanks said the port reopened.", "Tyler Fairbanks"),
        # Only people are assassinated or murdered.
        ("The coup plotters assassinated Kensington at dawn.", "Kensington"),
    ):
        entities = by_label(extract_text(text))
        assert entities.get(name, ("missing",))[0] == "Person", (text, entities)


def test_org_named_like_a_listed_body_is_not_retyped(extract_text) -> None:
    entities = by_label(extract_text("NATO, which has 30 members, met in Brussels."))
    assert entities["NATO"][0] == "InternationalOrganization"


def test_source_line_splits_city_and_outlet(extract_text) -> None:
    records = extract_text("LD1234 Oslo NORDLYS Radio in Norwegian 1200 GMT 3 May 94")
    entities = by_label(records)
    assert entities["Oslo"][0] == "City"
    assert entities["NORDLYS Radio"][0] == "Organization"
    assert "GMT" not in entities
    # A city name followed by an ordinary name stays one name.
    assert "New York Times" in by_label(extract_text("The New York Times reported the fire."))


def test_a_place_owning_a_name_comes_off_it(extract_text) -> None:
    # "Bristol's Halvex Bank": the possessive place is no part of the bank's name, and says where it is.
    records = extract_text("Officials at Bristol's Halvex Bank said so.")
    entities = by_label(records)
    assert entities["Bristol"][0] == "City" and entities["Halvex Bank"][0] == "Company"
    assert ("Halvex Bank", "based_in", "Bristol") in edges(records)


SOURCE_LINES = [
    # (credit line of a monitored broadcast or paper, city, outlet): the outlet NER missed after the city, or
    # joined to it in ordinary case, up to the credit's language and time; the language is no country.
    ("LD1234 Oslo NORDPOST in Norwegian 1200 GMT 3 May 94", "Oslo", "NORDPOST"),
    ("Oslo NORDPOST", "Oslo", "NORDPOST"),
    ("WS2204 Bergen Radio Vestland Network in Norwegian 0700 GMT 5 Apr 94", "Bergen", "Radio Vestland Network"),
    ("NC1404 Cairo AL-MASRIA in Arabic 6 Apr 94 p 6", "Cairo", "AL-MASRIA"),
    ("PA0302 Panama City NORDPOST in Spanish 2153 GMT 2 Feb 94", "Panama City", "NORDPOST"),
]


def test_source_line_outlets_are_organisations_based_in_the_city(extract_text) -> None:
    for text, city, outlet in SOURCE_LINES:
        records = extract_text(text)
        entities = by_label(records)
        assert entities[city][0] == "City" and entities[outlet][0] == "Organization", (text, entities)
        assert "Norway" not in entities and "Egypt" not in entities and "Spain" not in entities, text
        assert not any(label.startswith("GMT") for label in entities), text  # a time, not a name
        assert (outlet, "based_in", city) in edges(records), text


def test_name_before_native_is_a_place(extract_text) -> None:
    records = extract_text("Kim Lowe, a Fargo native, opened the show.")
    assert by_label(records)["Fargo"][0] == "City"


def test_name_a_relative_which_refers_to_is_no_person(extract_text) -> None:
    records = extract_text("Hollis Grain, which is based in Leipzig, said it would appeal.")
    assert by_label(records)["Hollis Grain"][0] == "Organization"


def test_firms_referred_to_by_who_or_a_firm_role_stay_firms(extract_text) -> None:
    # British English uses "who" of firms; a bank may be a company's "banker".
    entities = by_label(extract_text("Sony, IBM and Toshiba, who designed the chip, will show it in May."))
    assert entities["Toshiba"][0] != "Person"
    entities = by_label(extract_text("The administrator sued Morgan Stanley, its former banker, on Tuesday."))
    assert entities["Morgan Stanley"][0] != "Person"


NAMES_WITH_A_PLACE_OR_ORGANISATION_HEAD = [
    # NER reads these as people; the last or first word of the name says what they are.
    ("Tom Brandt, who runs Halvorsen Logistics, said prices rose.", "Halvorsen Logistics", "Company"),
    ("The troops returned to Fort Delancey on Monday.", "Fort Delancey", "Place"),
    # NER reads this as an organisation; the last word makes it a place.
    ("A fire in the Pine Ridge National Forest spread to 900 acres.", "Pine Ridge National Forest", "Place"),
]


def test_head_word_overrides_a_person_reading(extract_text) -> None:
    for sentence, name, entity_type in NAMES_WITH_A_PLACE_OR_ORGANISATION_HEAD:
        types = {e.label: e.type for e in extract_text(sentence).entities}
        assert types.get(name) == entity_type, (sentence, types)


def test_occupation_comes_off_the_name_and_describes_the_person(extract_text) -> None:
    records = extract_text("Sculptor Maria Lindqvist opened the show. Lindqvist said it took a year.")
    person = next(e for e in records.entities if e.type == "Person")
    assert person.label == "Maria Lindqvist"
    assert "Sculptor Maria Lindqvist" in person.aliases
    assert person.attributes.get("occupation") == "sculptor"


def test_lowercase_occupation_before_a_name_describes_the_person(extract_text) -> None:
    records = extract_text("The award went to the veteran novelist Peter Halloran on Sunday.")
    person = next(e for e in records.entities if e.label == "Peter Halloran")
    assert person.attributes.get("occupation") == "novelist"


TRIMMED_SPANS = [
    # (text, NER span as words start:end, name left): an unclosed bracket and what follows it.
    ("Support went to the Green Renewal Party (GRP candidates.", 4, 9, "Green Renewal Party"),
    # A dash set off by spaces and what follows it.
    ("Marta Velez - to the surprise of many - resigned.", 0, 4, "Marta Velez"),
    # A lowercase word that is no noun at the end, and punctuation.
    ("Laurent Dubois missed the final.", 0, 3, "Laurent Dubois"),
    ("Smith, Jones and Brown scored.", 0, 2, "Smith"),
    # A possessive written apart.
    ("EDITOR 'S NOTE: the story.", 0, 2, "EDITOR"),
    # A score after a player's name.
    ("Moreno beat Ivo Hallberg 6-3 7-5 in the final.", 2, 10, "Ivo Hallberg"),
]


def test_an_organisation_keeps_its_number(nlp) -> None:
    doc = nlp("Channel 4 showed the final.")
    trimmed = trim_span(Span(doc, 0, 2, label="ORG"))
    assert trimmed is not None and trimmed.text == "Channel 4"


def test_span_edges_are_trimmed(nlp) -> None:
    for text, start, end, name in TRIMMED_SPANS:
        doc = nlp(text)
        trimmed = trim_span(Span(doc, start, end, label="PERSON"))
        assert trimmed is not None and trimmed.text == name, (text, trimmed)
        assert trimmed.label_ == "PERSON"


def test_titles_and_jobs_alone_are_not_names(extract_text) -> None:
    labels = {e.label for e in extract_text("EDITOR'S NOTE: The Foreign Minister met reporters in Oslo.").entities}
    assert not any("EDITOR" in label or label == "Foreign Minister" for label in labels), labels


def test_a_list_of_names_is_split(extract_text) -> None:
    labels = {e.label for e in extract_text("Shares in Dell, Samsung and Nokia rose.").entities}
    assert "Dell" in labels and "Dell, Samsung" not in labels, labels
    labels = {e.label for e in extract_text("Talks with Halvorsen, Inc. ended in Washington, D.C. on Monday.").entities}
    assert "Washington" in labels and "Halvorsen" not in labels, labels


def test_a_name_that_says_he_is_a_person(extract_text) -> None:
    records = extract_text("Thornbury said he would appeal against the verdict.")
    assert {e.label: e.type for e in records.entities}.get("Thornbury") == "Person"
