"""Coreference inside an article: partial names, pronouns and definite descriptions."""

from __future__ import annotations

from spacy.language import Language


def resolved(nlp: Language, text: str) -> list[tuple[str, str]]:
    """(surface text, entity label) of the coreference mentions, in order."""
    doc = nlp(text)
    return [(m["text"], m["label"]) for m in doc._.newskg_entities if m.get("coreference")]


def test_surname_takes_the_full_name(extract_text) -> None:
    records = extract_text("Angela Brandt opened the summit. Later Brandt met reporters.")
    people = [e for e in records.entities if e.type == "Person"]
    assert [p.label for p in people] == ["Angela Brandt"]
    assert len(people[0].mentions) == 2


def test_two_people_with_one_surname_stay_unresolved(extract_text) -> None:
    records = extract_text("John Smith and Mary Smith met. Smith said the talks went well.")
    labels = {e.label for e in records.entities if e.type == "Person"}
    assert {"John Smith", "Mary Smith"} <= labels
    assert "Smith" in labels  # ambiguous: not glued to either


def test_he_refers_to_the_previous_subject(nlp: Language) -> None:
    text = "Peter Hansen arrived in Oslo on Monday. On Tuesday, he held talks with business leaders."
    assert ("he", "Peter Hansen") in resolved(nlp, text)


def test_she_skips_a_man_named_with_mr(nlp: Language) -> None:
    text = "Ms Laura Chen met Mr David Okafor in Lagos. Later she flew to Accra."
    assert resolved(nlp, text) == [("she", "Laura Chen")]


def test_it_refers_to_a_company_but_dummy_it_to_nothing(nlp: Language) -> None:
    text = "Shares in car maker Renault rose after it raised its forecast. It is expected that prices will fall."
    found = resolved(nlp, text)
    assert ("it", "Renault") in found and ("its", "Renault") in found
    assert all(surface != "It" for surface, _ in found)


def test_they_refers_to_coordinated_countries(nlp: Language) -> None:
    text = "Canada and Mexico said they would raise tariffs on steel."
    assert sorted(resolved(nlp, text)) == [("they", "Canada"), ("they", "Mexico")]


def test_plural_description_is_one_mention_per_entity_over_the_same_tokens(nlp: Language) -> None:
    doc = nlp("France and Germany signed a treaty. Both the countries hope for more trade.")
    mentions = [m for m in doc._.newskg_entities if m.get("coreference")]
    assert sorted(m["label"] for m in mentions) == ["France", "Germany"]
    assert {(m["token_start"], m["token_end"], m["text"]) for m in mentions} == {
        (mentions[0]["token_start"], mentions[0]["token_end"], "Both the countries")
    }


def test_the_company_refers_to_the_last_company(nlp: Language) -> None:
    text = "Telecoms firm Vodafone bought a stake in Kenya. The company said the deal would close in May."
    assert ("The company", "Vodafone") in resolved(nlp, text)


def test_pronoun_without_antecedent_is_left_alone(nlp: Language) -> None:
    assert resolved(nlp, "He said the weather would improve.") == []


def test_coreference_mentions_are_not_aliases(extract_text) -> None:
    records = extract_text("Peter Hansen arrived in Oslo. He met the mayor.")
    hansen = next(e for e in records.entities if e.label == "Peter Hansen")
    assert hansen.aliases == ["Peter Hansen"] and len(hansen.mentions) == 2


PLURAL_DESCRIPTIONS = [
    # A coordination of two in the window beats the two most recent mentions.
    (
        "Norway and Chile held talks in Oslo. Sweden sent an observer. The two countries signed a fishing pact.",
        "The two countries",
        {"Norway", "Chile"},
    ),
    # Without a coordination, the two most recent entities of the family.
    (
        "Prime Minister Anna Berg arrived in Rome on Monday. President Paolo Conti met reporters. "
        "The two leaders spoke.",
        "The two leaders",
        {"Anna Berg", "Paolo Conti"},
    ),
]


def test_plural_descriptions(nlp) -> None:
    for text, description, labels in PLURAL_DESCRIPTIONS:
        found = {label for surface, label in resolved(nlp, text) if surface == description}
        assert found == labels, (text, found)


def test_indefinite_or_distant_plural_is_not_resolved(nlp) -> None:
    # "two firms" introduces new firms; it does not refer back.
    text = "Vestra Bank and Holm Capital merged. Two firms later pulled out of the bidding."
    assert not any(surface.lower().startswith("two") for surface, _ in resolved(nlp, text))
    # Referents more than a few sentences back are not guessed.
    far = "Norway and Chile held talks. " + "The weather was cold. " * 5 + "The two countries signed a pact."
    assert not any(surface == "The two countries" for surface, _ in resolved(nlp, far))


def test_description_takes_an_antecedent_of_its_type(nlp) -> None:
    # 'the agency' is a government body (or an untyped organisation), not the company named after it.
    text = (
        "The Federal Aviation Administration fined Skyline Airways on Monday. "
        "A spokeswoman said the agency would publish its report."
    )
    found = {label for surface, label in resolved(nlp, text) if surface == "the agency"}
    assert found == {"Federal Aviation Administration"}, found
