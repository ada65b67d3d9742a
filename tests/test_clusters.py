"""Entity clusters: one node per thing in an article, typed from the evidence of all its mentions.

Every article below is written for the tests with invented names. Each case gives
the node set (label, type) the article must produce: acronyms both ways, short and
long forms, one string NER labels in several ways, company cues, party words,
homonyms that must stay apart.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from newskg.extractor.schema import ClusterRecord
from newskg.model import ArticleRecords


def nodes(records: ArticleRecords) -> set[tuple[str, str]]:
    return {(e.label, e.type) for e in records.entities}


def aliases(records: ArticleRecords, label: str) -> set[str]:
    return set(next(e for e in records.entities if e.label == label).aliases)


CASES = [
    # Acronyms, in brackets after the name or alone before it, and one that leaves out the kind word.
    pytest.param(
        "The Nordvik Fisheries Council (NFC) met in Oslo on Monday. The NFC said quotas would fall.",
        {("Nordvik Fisheries Council", "GovernmentBody"), ("Oslo", "City")},
        id="acronym-in-brackets",
    ),
    pytest.param(
        "GKM said its profits rose by 5%. Galdor Kessel Motors, the carmaker, will open a plant in Spain.",
        {("Galdor Kessel Motors", "Company"), ("Spain", "Country")},
        id="acronym-before-its-name",
    ),
    pytest.param(
        "Members of the Allied Transport Workers Union voted to strike on Monday. The ATWU said the vote was clear.",
        {("Allied Transport Workers Union", "Organization")},
        id="acronym-of-a-union",
    ),
    # Short forms that differ by a corporate word.
    pytest.param(
        "Halvorsen Motors reported a loss on Tuesday. Halvorsen shares fell 4% in Oslo.",
        {("Halvorsen Motors", "Company"), ("Oslo", "City")},
        id="short-form-motors",
    ),
    pytest.param(
        "Brightwell Department Stores said sales fell. Brightwell will close 20 shops.",
        {("Brightwell Department Stores", "Company")},
        id="short-form-department-stores",
    ),
    pytest.param(
        "The Renewal Party won 12 seats. Analysts said Renewal would join the coalition.",
        {("Renewal Party", "PoliticalParty")},
        id="short-form-party",
    ),
    # Company cues: business language, a firm's title, a legal suffix, a trade noun, a list of firms.
    pytest.param(
        "Shares in Quillmark rose. Quillmark chief executive Dana Reyes said the deal was good.",
        {("Quillmark", "Company"), ("Dana Reyes", "Person")},
        id="business-language-and-title",
    ),
    pytest.param("Kestrel Dynamics plc said its profits rose.", {("Kestrel Dynamics plc", "Company")}, id="suffix"),
    pytest.param(
        "Swiss drugmaker Velantis bought a stake in Orbel.",
        {("Velantis", "Company"), ("Orbel", "Company"), ("Switzerland", "Country")},
        id="trade-noun-and-stake",
    ),
    pytest.param(
        "Among the lenders are Bank of Tarrow, Quillmark, Vessen Holdings and Ostrel.",
        {
            ("Bank of Tarrow", "Company"),
            ("Quillmark", "Company"),
            ("Vessen Holdings", "Company"),
            ("Ostrel", "Company"),
        },
        id="listed-with-firms",
    ),
    # Kind nouns with the word before them: a rights group is no firm, a development agency a government's.
    pytest.param(
        "Human rights group Liberta said the arrests were unlawful. Liberta has 400 members.",
        {("Liberta", "Organization")},
        id="rights-group-taken-for-a-place",
    ),
    pytest.param(
        "The money came from the Northern Trade Fund (NTF) - a US development agency - and Kessler Bank.",
        {("Northern Trade Fund", "GovernmentBody"), ("Kessler Bank", "Company"), ("United States", "Country")},
        id="singular-kind-noun-describes-one-name-of-a-list",
    ),
    # Party words: a member's word beside 'MP' or 'leader', plural members acting, a listed party form.
    pytest.param(
        "A Green MP, Jo Harte, criticised the plan. The Labourist leader Sam Ode agreed.",
        {
            ("Green Party", "PoliticalParty"),
            ("Labourist Party", "PoliticalParty"),
            ("Jo Harte", "Person"),
            ("Sam Ode", "Person"),
        },
        id="party-words-beside-mp-and-leader",
    ),
    pytest.param("The Whigs accused the minister of lying.", {("Whig Party", "PoliticalParty")}, id="party-acting"),
    pytest.param(
        "Labour MP Roger Tull welcomed the report. The Tories said it was late.",
        {("Labour Party", "PoliticalParty"), ("Conservative Party", "PoliticalParty"), ("Roger Tull", "Person")},
        id="party-forms",
    ),
    # People: a surname joins the full name; after 'Mr' a word is a surname; a person is no place.
    pytest.param(
        "Marta Vogel met Omar Haddad in Vienna. Vogel said the talks were useful.",
        {("Marta Vogel", "Person"), ("Omar Haddad", "Person"), ("Vienna", "City")},
        id="surname-of-a-name-ner-took-for-a-firm",
    ),
    pytest.param(
        "Grant Wells, a banker, met the minister. Mr Wells left early. Mr Grant said the talks went well.",
        {("Grant Wells", "Person"), ("Grant", "Person")},
        id="honorific-takes-a-surname",
    ),
    pytest.param(
        "Li Zhenhua, a banker, met the minister. Mr Li said the talks went well.",
        {("Li Zhenhua", "Person")},
        id="surname-written-first",
    ),
    pytest.param(
        "Tom Preston arrived on Monday. Preston said he was pleased.",
        {("Tom Preston", "Person")},
        id="a-person-named-like-a-city",
    ),
    pytest.param(
        "Michael Jordan scored 30 points. Jordan said the team played well.",
        {("Michael Jordan", "Person")},
        id="a-person-named-like-a-country",
    ),
    pytest.param(
        "Enron's shareholders sued the financial institutions Tarvik Holdings, Ostrel and Quillmark.",
        {("Enron", "Company"), ("Tarvik Holdings", "Company"), ("Ostrel", "Company"), ("Quillmark", "Company")},
        id="listed-after-a-kind-noun-one-taken-for-a-place",
    ),
    # Homonyms that must stay apart: strong cues of two kinds for one string.
    pytest.param(
        "Mr Jordan, a teacher from Leeds, visited Jordan in May.",
        {("Jordan", "Person"), ("Jordan", "Country"), ("Leeds", "City")},
        id="person-and-country-of-one-name",
    ),
    pytest.param(
        "Dorvan Energy and Dorvan Energy Trading, its trading arm, both reported losses.",
        {("Dorvan Energy", "Organization"), ("Dorvan Energy Trading", "Organization")},
        id="firm-and-its-arm",
    ),
    # Nationalities are their countries, in the plural too.
    pytest.param("Kenyans voted on Tuesday.", {("Kenya", "Country")}, id="plural-demonym"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_article_nodes(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert nodes(extract_text(text)) == expected


def test_acronyms_and_short_forms_are_aliases(extract_text) -> None:
    records = extract_text("GKM said its profits rose by 5%. Galdor Kessel Motors, the carmaker, will open a plant.")
    assert aliases(records, "Galdor Kessel Motors") == {"GKM", "Galdor Kessel Motors"}
    records = extract_text("Halvorsen Motors reported a loss on Tuesday. Halvorsen shares fell 4% in Oslo.")
    assert aliases(records, "Halvorsen Motors") == {"Halvorsen", "Halvorsen Motors"}


def test_one_string_with_conflicting_ner_labels_is_one_node(nlp: Language, extract_text) -> None:
    text = (
        "Shares in Brightwell fell. Brightwell said it would cut jobs. Analysts said Brightwell was struggling. "
        "Brightwell has 40 shops."
    )
    labels = {ent.label_ for ent in nlp(text).ents if ent.text == "Brightwell"}
    assert len(labels) > 1, "the case needs NER to label the name in more than one way"
    assert nodes(extract_text(text)) == {("Brightwell", "Company")}


def clusters(nlp: Language, text: str) -> list[ClusterRecord]:
    return nlp(text)._.newskg_clusters


def test_every_mention_is_in_exactly_one_cluster(nlp: Language) -> None:
    doc = nlp("Halvorsen Motors reported a loss. Halvorsen shares fell, and the firm said it would cut jobs in Oslo.")
    found = sorted(i for c in doc._.newskg_clusters for i in c["mentions"])
    assert found == list(range(len(doc._.newskg_entities)))
    for c in doc._.newskg_clusters:
        assert {doc._.newskg_entities[i]["key"] for i in c["mentions"]} == {c["key"]}


def test_cluster_records_say_why(nlp: Language) -> None:
    by_label = {c["label"]: c for c in clusters(nlp, "GKM said profits rose. Galdor Kessel Motors will open a plant.")}
    firm = by_label["Galdor Kessel Motors"]
    assert "acronym 'GKM' of 'Galdor Kessel Motors'" in firm["reasons"]
    assert firm["type"] == "Company" and firm["scores"]["Company"] > firm["scores"].get("Organization", 0)
    split = clusters(nlp, "Mr Jordan, a teacher from Leeds, visited Jordan in May.")
    assert any("names 2 things here" in reason for c in split for reason in c["reasons"])


def test_party_members_and_leaders_are_affiliated(extract_text) -> None:
    records = extract_text("A Green MP, Jo Harte, criticised the plan. The Labourist leader Sam Ode agreed.")
    edges = {(r.subject, r.predicate, r.object) for r in records.relations}
    assert ("person:Jo Harte", "member_of", "organization:Green Party") in edges
    assert ("person:Sam Ode", "leads", "organization:Labourist Party") in edges


def test_faiths_and_nationalities_are_no_parties(extract_text) -> None:
    records = extract_text("Muslim leaders met Italian members of the council. The Sikhs protested.")
    assert not {t for _, t in nodes(records)} & {"PoliticalParty"}
    assert ("Italy", "Country") in nodes(records)


def test_a_firm_described_nearby_takes_the_description_kind(extract_text) -> None:
    records = extract_text("Ostrel reported a loss on Monday. The firm said it would close two plants.")
    assert nodes(records) == {("Ostrel", "Company")}
