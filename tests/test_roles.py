"""Offices and affiliations around person names: holds_role, leads, works_for, citizen_of."""

from __future__ import annotations

from newskg.model import ArticleRecords


def roles(records: ArticleRecords) -> set[tuple[str, str, str, str | None]]:
    labels = {e.key: e.label for e in records.entities}
    return {(labels[r.subject], r.predicate, labels[r.object], r.evidence.title) for r in records.relations}


def test_title_between_nationality_and_name(extract_text) -> None:
    found = roles(extract_text("German Foreign Minister Klaus Weber arrived on Monday."))
    assert ("Klaus Weber", "holds_role", "Germany", "Foreign Minister") in found


def test_country_code_and_title_with_of(extract_text) -> None:
    found = roles(extract_text("On Friday he met UK Secretary of State Helen Carter in Rome."))
    assert ("Helen Carter", "holds_role", "United Kingdom", "Secretary of State") in found


def test_lowercase_title_is_normalised(extract_text) -> None:
    found = roles(extract_text("Talks included Canadian trade minister Lucie Tremblay."))
    assert ("Lucie Tremblay", "holds_role", "Canada", "Trade Minister") in found


def test_apposition_with_title_of_country(extract_text) -> None:
    found = roles(extract_text("Ahmed Karimi, the foreign minister of Iran, flew to Geneva."))
    assert ("Ahmed Karimi", "holds_role", "Iran", "Foreign Minister") in found


def test_person_of_country(extract_text) -> None:
    found = roles(extract_text("Talks between Lars Eriksson of Sweden and Pedro Alves of Portugal ended."))
    assert ("Lars Eriksson", "holds_role", "Sweden", None) in found
    assert ("Pedro Alves", "holds_role", "Portugal", None) in found


def test_company_chairman_leads(extract_text) -> None:
    found = roles(extract_text("Shell's chairman Jeroen Laan defended the deal."))
    assert ("Jeroen Laan", "leads", "Shell", "Chairman") in found


def test_analyst_at_a_bank_works_for_it(extract_text) -> None:
    found = roles(extract_text("Sarah Lund, an analyst at Barclays, expects rates to rise."))
    assert ("Sarah Lund", "works_for", "Barclays", "Analyst") in found


def test_nationality_without_office_is_citizen_of(extract_text) -> None:
    found = roles(extract_text("Brazilian striker Carlos Mendes scored twice."))
    assert ("Carlos Mendes", "citizen_of", "Brazil", None) in found
    assert not any(predicate == "holds_role" for _, predicate, _, _ in found)


def test_no_role_without_a_title_or_owner(extract_text) -> None:
    found = roles(extract_text("Klaus Weber and Helen Carter went to Berlin by train."))
    assert not any(predicate in ("holds_role", "leads", "works_for") for _, predicate, _, _ in found)


def test_roles_are_appended_before_event_relations(nlp) -> None:
    doc = nlp("Indonesian Defence Minister Budi Santoso visited Manila.")
    predicates = [r["predicate"] for r in doc._.newskg_relations]
    assert predicates[0] == "holds_role" and "title" in doc._.newskg_relations[0]


def test_job_with_a_nationality_is_citizenship_not_employment(extract_text) -> None:
    found = roles(extract_text("French economist Claire Dubois expects growth to slow."))
    assert ("Claire Dubois", "citizen_of", "France", None) in found
    assert not any(predicate == "works_for" for _, predicate, _, _ in found)


ROLE_VERBS = [
    # Active subject of a leading verb.
    ("Maria Okafor heads the Federal Water Agency.", "Maria Okafor", "leads", "Federal Water Agency"),
    # A relative clause on the name.
    ("Tom Brandt, who runs Halvorsen Logistics, said prices rose.", "Tom Brandt", "leads", "Halvorsen Logistics"),
    # A participle with an agent on the organisation.
    ("Halvorsen Logistics, founded by Tom Brandt, said prices rose.", "Tom Brandt", "leads", "Halvorsen Logistics"),
    # A passive clause.
    ("Halvorsen Logistics is run by Tom Brandt.", "Tom Brandt", "leads", "Halvorsen Logistics"),
    # A verb with 'for': work for an organisation.
    ("Tom Brandt, who plays for Arsenal, scored twice.", "Tom Brandt", "works_for", "Arsenal"),
    ("Jane Roe writes for The Guardian.", "Jane Roe", "works_for", "Guardian"),
]


def test_role_verbs(extract_text) -> None:
    for sentence, person, predicate, organisation in ROLE_VERBS:
        found = roles(extract_text(sentence))
        assert (person, predicate, organisation, None) in found, sentence


def test_no_role_from_a_negated_verb_a_place_or_a_pronoun(extract_text) -> None:
    for sentence in (
        "Maria Okafor does not head the Federal Water Agency.",
        "Maria Okafor led France to victory in the final.",
        "Maria Okafor played for France in the final.",
        # A pronoun passive subject is as often an event as an organisation.
        "Halvorsen Logistics held a march. It was led by Tom Brandt.",
    ):
        found = roles(extract_text(sentence))
        assert not any(predicate in ("leads", "works_for") for _, predicate, _, _ in found), sentence


def test_player_and_presenter_titles(extract_text) -> None:
    found = roles(extract_text("Chelsea midfielder Tom Doherty scored twice."))
    assert ("Tom Doherty", "works_for", "Chelsea", "Midfielder") in found
    found = roles(extract_text("Radio Nova presenter Ellen Marsh left the station."))
    assert any(p == "Ellen Marsh" and r == "works_for" for p, r, _, _ in found), found


def test_a_leading_title_is_not_also_employment(extract_text) -> None:
    found = roles(extract_text("Jane Roe, chief executive of Halvorsen Logistics, said profits rose."))
    assert ("Jane Roe", "leads", "Halvorsen Logistics", "Chief Executive") in found
    assert not any(predicate == "works_for" for _, predicate, _, _ in found), found


def test_nationality_taken_into_a_name_is_citizenship(extract_text) -> None:
    records = extract_text("Belgian Kim Gevaert won the 60m title.")
    assert "Kim Gevaert" in {e.label for e in records.entities if e.type == "Person"}
    assert ("Kim Gevaert", "citizen_of", "Belgium", None) in roles(records)


def test_office_takes_the_country_given_elsewhere_for_the_same_person(extract_text) -> None:
    text = "Foreign Minister Ann Lee said the talks failed. Lee of Sweden and Juan Ruiz of Spain met."
    assert ("Ann Lee", "holds_role", "Sweden", "Foreign Minister") in roles(extract_text(text))


def test_office_without_any_country_for_the_person_stays_without_edge(extract_text) -> None:
    text = "Foreign Minister Ann Lindqvist said the talks in Spain failed. Juan Ruiz of Portugal agreed."
    found = roles(extract_text(text))
    assert not any(p == "Ann Lindqvist" and r == "holds_role" for p, r, _, _ in found), found


def test_a_description_owns_a_title(extract_text) -> None:
    text = "Halvorsen Logistics reported a loss. Jane Roe, the company's chief executive, said sales fell."
    assert ("Jane Roe", "leads", "Halvorsen Logistics", "Chief Executive") in roles(extract_text(text))


ORGANISATION_TITLES = [
    # "chief executive" leads; an "executive" works for the organisation.
    ("Halvorsen Logistics chief executive Jane Roe said profits rose.", "leads", "Chief Executive"),
    ("Halvorsen Logistics executive Jane Roe said profits rose.", "works_for", "Executive"),
    # A deputy's title works for it.
    ("Jane Roe, vice president of Halvorsen Logistics, said profits rose.", "works_for", "Vice President"),
    ("Halvorsen Logistics deputy chairman Jane Roe said profits rose.", "works_for", "Deputy Chairman"),
]


def test_titles_at_an_organisation(extract_text) -> None:
    for sentence, predicate, title in ORGANISATION_TITLES:
        found = roles(extract_text(sentence))
        assert ("Jane Roe", predicate, "Halvorsen Logistics", title) in found, (sentence, found)
        assert len([r for p, r, o, _ in found if p == "Jane Roe" and o == "Halvorsen Logistics"]) == 1, found


def test_hyphenated_title_before_the_name(extract_text) -> None:
    # "Secretary-General", "Attorney-General": the hyphen is inside the title, the title one word.
    found = roles(extract_text("The debt angered UN Secretary-General Anton Varga."))
    assert ("Anton Varga", "holds_role", "United Nations", "Secretary-General") in found
    found = roles(extract_text("Nigeria's Attorney-General Bola Ade said so."))
    assert ("Bola Ade", "holds_role", "Nigeria", "Attorney-General") in found


def test_apposition_after_a_party_label(extract_text) -> None:
    # "Sen. X, D-Mich., chairman of Y": the description after the party and state is the senator's.
    text = (
        "Another plan, first advocated by Sen. Tom Riegel, D-Mich., chairman of the Senate Banking Committee, failed."
    )
    found = {(s, p, o) for s, p, o, _ in roles(extract_text(text))}
    assert ("Tom Riegel", "leads", "Senate Banking Committee") in found


def test_verbs_of_working_somewhere(extract_text) -> None:
    # "works at", "teaches acting at", and a relative clause on the name's apposition ("a Republican who
    # served in Congress"); a country is no employer.
    found = {
        (s, p, o)
        for text in (
            "Actor Karl Mendel will teach acting at Vanderbilt University.",
            "Dirk Wenz, a Republican from Chicago who served 24 years in Congress, denied it.",
            "Ann Lowe works at Halvex Corp.",
            "Ann Lowe served in Iraq.",
        )
        for s, p, o, _ in roles(extract_text(text))
    }
    assert {
        ("Karl Mendel", "works_for", "Vanderbilt University"),
        ("Dirk Wenz", "works_for", "Congress"),
        ("Ann Lowe", "works_for", "Halvex Corp."),
    } <= found
    assert ("Ann Lowe", "works_for", "Iraq") not in found
