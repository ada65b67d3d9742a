"""Event frames in the syntax of real news: a table of sentences written for these tests (names invented or
generic), each with the edges it must give (subject label, relation, object label) and the edges it must
not give. One block per grammatical case the event frames handle (see extractor/events.py and the
trigger lexicon extractor/data/triggers.tsv). Symmetric relations are compared without direction.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from newskg.extractor.lexicon import LexiconError, data_text, load_triggers, parse_triggers
from newskg.extractor.records import doc_to_records
from newskg.extractor.relations import RelationExtractor
from newskg.model import Article
from newskg.vocabulary import relation_inventory
from tests.conftest import Edge, edges

TABLE: list[tuple[str, set[Edge], set[Edge]]] = [
    # --- CONSULT: verbs and nouns of meeting and negotiating
    ("Peter Hale negotiated with Maria Costa for hours.", {("Peter Hale", "met", "Maria Costa")}, set()),
    ("Peter Hale held talks with Maria Costa in Rome.", {("Peter Hale", "met", "Maria Costa")}, set()),
    ("Talks between Chile and Argentina resumed on Monday.", {("Chile", "met", "Argentina")}, set()),
    (
        "Chile and Argentina met to discuss fishing rights.",
        {("Chile", "met", "Argentina")},
        set(),
    ),
    (
        "The delegations of Chile and Argentina met in Geneva.",
        {("Chile", "met", "Argentina")},
        set(),
    ),
    ("Peter Hale had dinner with Maria Costa after the vote.", {("Peter Hale", "met", "Maria Costa")}, set()),
    ("Peter Hale shook hands with Maria Costa.", {("Peter Hale", "met", "Maria Costa")}, set()),
    ("Peter Hale sat down with Maria Costa on Friday.", {("Peter Hale", "met", "Maria Costa")}, set()),
    ("Peter Hale discussed the budget with Maria Costa.", {("Peter Hale", "met", "Maria Costa")}, set()),
    ("Peter Hale hosted Maria Costa at his farm.", {("Peter Hale", "met", "Maria Costa")}, set()),
    (
        "Peter Hale had a phone call with Maria Costa.",
        {("Peter Hale", "met", "Maria Costa")},
        set(),
    ),
    # A meeting as the circumstance of what someone did.
    (
        "Peter Hale spoke to reporters after talks with Maria Costa.",
        {("Peter Hale", "met", "Maria Costa")},
        set(),
    ),
    # --- CONSULT: travel in all its forms
    ("Maria Costa heads to Brazil next week.", {("Maria Costa", "visited", "Brazil")}, set()),
    ("Maria Costa flew into Lima on Tuesday.", {("Maria Costa", "visited", "Lima")}, set()),
    ("Maria Costa jetted off to Tokyo.", {("Maria Costa", "visited", "Tokyo")}, set()),
    ("Maria Costa arrived in Nairobi on Monday.", {("Maria Costa", "visited", "Nairobi")}, set()),
    ("Maria Costa spent three days in Kenya.", {("Maria Costa", "visited", "Kenya")}, set()),
    ("Maria Costa spent $2m in Kenya.", set(), {("Maria Costa", "visited", "Kenya")}),
    ("Maria Costa began a tour of Ghana.", {("Maria Costa", "visited", "Ghana")}, set()),
    ("Maria Costa's trip to Peru was cut short.", {("Maria Costa", "visited", "Peru")}, set()),
    ("While in Paris, Maria Costa toured a factory.", {("Maria Costa", "visited", "Paris")}, set()),
    ("Maria Costa set off for Moscow on Sunday.", {("Maria Costa", "visited", "Moscow")}, set()),
    ("Maria Costa stopped over in Dubai.", {("Maria Costa", "visited", "Dubai")}, set()),
    ("Maria Costa visited troops in Iraq.", {("Maria Costa", "visited", "Iraq")}, set()),
    (
        "Maria Costa said during a visit to Canada that the deal was close.",
        {("Maria Costa", "visited", "Canada")},
        set(),
    ),
    ("Maria Costa is at a summit in Lisbon this week.", {("Maria Costa", "visited", "Lisbon")}, set()),
    ("Maria Costa attended a conference in Oslo.", {("Maria Costa", "visited", "Oslo")}, set()),
    ("Peter Hale met Maria Costa on his first visit to Cairo.", {("Peter Hale", "visited", "Cairo")}, set()),
    ("Ahead of talks with Maria Costa, Peter Hale said little.", {("Peter Hale", "met", "Maria Costa")}, set()),
    # Who hosts a summit in a city is not visiting it.
    ("Portugal hosted a summit in Lisbon.", set(), {("Portugal", "visited", "Lisbon")}),
    ("Maria Costa cancelled her visit to Peru.", set(), {("Maria Costa", "visited", "Peru")}),
    # --- AGREE: signing and agreeing
    ("Chile and Peru inked a trade pact.", {("Chile", "signed", "Peru")}, set()),
    ("Chile clinched a deal with Peru on copper.", {("Chile", "signed", "Peru")}, set()),
    ("Chile struck a deal with Peru.", {("Chile", "signed", "Peru")}, {("Chile", "attacked", "Peru")}),
    (
        "Chile signed an agreement with Peru.",
        {("Chile", "signed", "Peru")},
        {("Chile", "agreed", "Peru")},
    ),
    (
        "Chile reached an agreement with Peru on water.",
        {("Chile", "agreed", "Peru")},
        {("Chile", "signed", "Peru")},
    ),
    ("Chile and Peru agreed a ceasefire.", {("Chile", "agreed", "Peru")}, set()),
    ("Chile settled with Peru after a long dispute.", {("Chile", "agreed", "Peru")}, set()),
    ("Chile made peace with Peru in 1999.", {("Chile", "agreed", "Peru")}, set()),
    ("Chile hammered out a compromise with Peru.", {("Chile", "agreed", "Peru")}, set()),
    ("The truce between Chile and Peru held.", {("Chile", "agreed", "Peru")}, set()),
    ("Siemens won a contract from Egypt.", {("Siemens", "signed", "Egypt")}, set()),
    # --- COOPERATE
    ("Sony teamed up with Samsung on screens.", {("Sony", "cooperated", "Samsung")}, set()),
    ("Sony joined forces with Samsung.", {("Sony", "cooperated", "Samsung")}, set()),
    ("Sony and Samsung formed a joint venture.", {("Sony", "cooperated", "Samsung")}, set()),
    ("Sony set up a joint venture with Samsung.", {("Sony", "cooperated", "Samsung")}, set()),
    ("Sony is collaborating with Samsung.", {("Sony", "cooperated", "Samsung")}, set()),
    ("The US-Japan alliance has held for decades.", {("United States", "cooperated", "Japan")}, set()),
    ("Sony signed a partnership agreement with Samsung.", {("Sony", "cooperated", "Samsung")}, set()),
    ("Norway shared intelligence with Denmark.", {("Norway", "cooperated", "Denmark")}, set()),
    ("Norway forged closer ties with Denmark.", {("Norway", "cooperated", "Denmark")}, set()),
    ("Norway and Denmark held joint exercises.", {("Norway", "cooperated", "Denmark")}, set()),
    # --- SUPPORT and welcome
    ("Sweden welcomed Finland's decision.", {("Sweden", "supported", "Finland")}, set()),
    ("Sweden applauded Finland for its courage.", {("Sweden", "supported", "Finland")}, set()),
    ("Sweden hailed Finland as a model.", {("Sweden", "supported", "Finland")}, set()),
    ("Sweden endorsed Anna Lind for the post.", {("Sweden", "supported", "Anna Lind")}, set()),
    ("Sweden threw its weight behind Finland.", {("Sweden", "supported", "Finland")}, set()),
    ("Sweden stood by Finland during the crisis.", {("Sweden", "supported", "Finland")}, set()),
    ("Sweden paid tribute to Anna Lind.", {("Sweden", "supported", "Anna Lind")}, set()),
    ("Sweden sent aid to Haiti.", {("Sweden", "supported", "Haiti")}, set()),
    ("Sweden expressed its support for Finland.", {("Sweden", "supported", "Finland")}, set()),
    ("Anna Lind won the backing of Sweden.", {("Sweden", "supported", "Anna Lind")}, set()),
    ("Anna Lind received support from Sweden.", {("Sweden", "supported", "Anna Lind")}, set()),
    ("Sweden congratulated Anna Lind on her victory.", {("Sweden", "supported", "Anna Lind")}, set()),
    ("Sweden came to the aid of Finland.", {("Sweden", "supported", "Finland")}, set()),
    # A particle that changes the verb: backing down is not backing.
    ("Sweden backed down over Finland.", set(), {("Sweden", "supported", "Finland")}),
    ("Sweden refused to back Finland.", set(), {("Sweden", "supported", "Finland")}),
    # People are not what their country owns.
    ("The charity helps Kenyan refugees.", set(), {("charity", "supported", "Kenya")}),
    # --- REJECT: exclusion, bans, snubs, sacking
    ("Serbia expelled Croatian diplomats.", {("Serbia", "excluded", "Croatia")}, set()),
    (
        "Serbia banned imports from Croatia, Hungary and Albania.",
        {
            ("Serbia", "excluded", "Croatia"),
            ("Serbia", "excluded", "Hungary"),
            ("Serbia", "excluded", "Albania"),
        },
        set(),
    ),
    ("Serbia banned Croatian imports.", {("Serbia", "excluded", "Croatia")}, set()),
    ("Serbia kicked out Croatia from the league.", {("Serbia", "excluded", "Croatia")}, set()),
    ("Serbia cut ties with Croatia.", {("Serbia", "excluded", "Croatia")}, set()),
    ("Serbia snubbed Croatia at the summit.", {("Serbia", "excluded", "Croatia")}, set()),
    ("Serbia boycotted Croatia's tournament.", {("Serbia", "excluded", "Croatia")}, set()),
    ("Serbia vetoed Croatia's membership bid.", {("Serbia", "excluded", "Croatia")}, set()),
    ("The party sacked Tom Reed over the remarks.", set(), set()),
    ("Toyota fired Tom Reed in May.", {("Toyota", "excluded", "Tom Reed")}, set()),
    ("Toyota suspended Tom Reed for a month.", {("Toyota", "excluded", "Tom Reed")}, set()),
    ("Toyota dropped Tom Reed as its spokesman.", {("Toyota", "excluded", "Tom Reed")}, set()),
    ("Toyota announced the dismissal of Tom Reed.", {("Toyota", "excluded", "Tom Reed")}, set()),
    ("Tom Reed was stripped of his title by Toyota.", {("Toyota", "excluded", "Tom Reed")}, set()),
    # --- SANCTION
    ("Canada slapped tariffs on Mexico.", {("Canada", "sanctioned", "Mexico")}, set()),
    ("Canada imposed an arms embargo on Sudan.", {("Canada", "sanctioned", "Sudan")}, set()),
    ("Canadian sanctions against Sudan hurt its economy.", {("Canada", "sanctioned", "Sudan")}, set()),
    ("Canadian sanctions against Sudan were lifted.", set(), {("Canada", "sanctioned", "Sudan")}),
    ("The EU's embargo on Sudan is still in force.", {("European Union", "sanctioned", "Sudan")}, set()),
    ("Canada froze Sudanese assets.", {("Canada", "sanctioned", "Sudan")}, set()),
    ("Canada fined Unilever for price fixing.", {("Canada", "sanctioned", "Unilever")}, set()),
    ("Canada cracked down on Sudan's banks.", {("Canada", "sanctioned", "Sudan")}, set()),
    ("Sudan faces sanctions from Canada.", {("Canada", "sanctioned", "Sudan")}, set()),
    ("Canada lifted its sanctions on Sudan.", set(), {("Canada", "sanctioned", "Sudan")}),
    # --- ACCUSE: accusations, criticism, verbal attacks
    ("Hungary slammed Romania over the border.", {("Hungary", "accused", "Romania")}, set()),
    ("Hungary lashed out at Romania.", {("Hungary", "accused", "Romania")}, set()),
    ("Hungary hit out at Romania on Friday.", {("Hungary", "accused", "Romania")}, set()),
    (
        "Hungary attacked Romania for backing down.",
        {("Hungary", "accused", "Romania")},
        {("Hungary", "attacked", "Romania")},
    ),
    (
        "Hungary attacked Romania's plans.",
        {("Hungary", "accused", "Romania")},
        {("Hungary", "attacked", "Romania")},
    ),
    ("Hungary blasted Romania for its stance.", {("Hungary", "accused", "Romania")}, set()),
    ("Hungary condemned the Romanian decision.", {("Hungary", "accused", "Romania")}, set()),
    ("Hungary criticised Romania's handling of the crisis.", {("Hungary", "accused", "Romania")}, set()),
    ("Hungary held Romania responsible for the spill.", {("Hungary", "accused", "Romania")}, set()),
    ("Hungary blamed the spill on Romania.", {("Hungary", "accused", "Romania")}, set()),
    ("Hungary charged Anna Lind with fraud.", {("Hungary", "accused", "Anna Lind")}, set()),
    ("Hungary took aim at Romania in a speech.", {("Hungary", "accused", "Romania")}, set()),
    ("Hungary launched a scathing attack on Romania.", {("Hungary", "accused", "Romania")}, set()),
    (
        "Hungary's criticism of Romania was unusually sharp.",
        {("Hungary", "accused", "Romania")},
        set(),
    ),
    ("Romania came under fire from Hungary.", {("Hungary", "accused", "Romania")}, set()),
    ("Romania faced criticism from Hungary.", {("Hungary", "accused", "Romania")}, set()),
    ("Hungary lodged a protest with Romania.", {("Hungary", "accused", "Romania")}, set()),
    ("Hungary did not criticise Romania.", set(), {("Hungary", "accused", "Romania")}),
    # --- THREATEN
    ("Hungary warned Romania of consequences.", {("Hungary", "threatened", "Romania")}, set()),
    ("Hungary issued an ultimatum to Romania.", {("Hungary", "threatened", "Romania")}, set()),
    ("Hungary put pressure on Romania.", {("Hungary", "threatened", "Romania")}, set()),
    ("Hungary's threats against Romania grew.", {("Hungary", "threatened", "Romania")}, set()),
    ("Hungary intimidated Romania with troop moves.", {("Hungary", "threatened", "Romania")}, set()),
    # --- ASSAULT: armed attacks (attacked) and killings (killed)
    ("Russia launched air strikes on Georgia.", {("Russia", "attacked", "Georgia")}, set()),
    ("Turkey launched air strikes on Syria.", {("Turkey", "attacked", "Syria")}, set()),
    ("The air strikes on Syria by Turkey continued.", {("Turkey", "attacked", "Syria")}, set()),
    ("Turkish air strikes on Syria continued.", {("Turkey", "attacked", "Syria")}, set()),
    ("Turkey shelled Syria overnight.", {("Turkey", "attacked", "Syria")}, set()),
    ("Turkey opened fire on Syria.", {("Turkey", "attacked", "Syria")}, set()),
    ("The US-led invasion of Iraq began in March.", {("United States", "attacked", "Iraq")}, set()),
    ("Turkey's incursion into Syria drew protests.", {("Turkey", "attacked", "Syria")}, set()),
    ("Turkey waged war on Syria.", {("Turkey", "attacked", "Syria")}, set()),
    ("Pirates hijacked a Danish tanker.", set(), set()),
    ("Tom Reed kidnapped Anna Lind in 2003.", {("Tom Reed", "attacked", "Anna Lind")}, set()),
    ("Tom Reed stabbed Anna Lind to death.", {("Tom Reed", "killed", "Anna Lind")}, set()),
    ("Tom Reed beat Anna Lind to death.", {("Tom Reed", "killed", "Anna Lind")}, set()),
    ("Tom Reed beat Anna Lind in the final.", set(), {("Tom Reed", "attacked", "Anna Lind")}),
    ("Tom Reed executed Anna Lind.", {("Tom Reed", "killed", "Anna Lind")}, set()),
    (
        "Tom Reed fired at Anna Lind twice.",
        {("Tom Reed", "attacked", "Anna Lind")},
        {("Tom Reed", "excluded", "Anna Lind")},
    ),
    (
        "Tom Reed shot Anna Lind at the Globe Theatre.",
        {("Tom Reed", "attacked", "Anna Lind")},
        {("Tom Reed", "attacked", "Globe Theatre")},
    ),
    ("The assassination attempt on Anna Lind failed.", set(), set()),
    ("Tom Reed ordered the murder of Anna Lind.", {("Tom Reed", "killed", "Anna Lind")}, set()),
    ("Tom Reed put Anna Lind to death in 1990.", {("Tom Reed", "killed", "Anna Lind")}, set()),
    # A particle that changes the verb: striking down a law is not an attack.
    ("Mexico struck down Canada's law.", set(), {("Mexico", "attacked", "Canada")}),
    # --- acquisitions, bids, takeovers
    ("Toyota snapped up Volvo for $10bn.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Google took over Yahoo in 2010.", {("Google", "acquired", "Yahoo")}, set()),
    ("Toyota bought out Volvo.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Toyota took control of Volvo in May.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Toyota agreed to buy Volvo.", {("Toyota", "acquired", "Volvo")}, {("Toyota", "agreed", "Volvo")}),
    ("Toyota bid for Volvo in March.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Toyota launched a bid for Volvo.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Toyota's takeover of Volvo was approved.", {("Toyota", "acquired", "Volvo")}, set()),
    ("The Toyota takeover of Volvo was approved.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Volvo agreed to a takeover by Toyota.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Ford sold Volvo to Toyota.", {("Toyota", "acquired", "Volvo")}, {("Ford", "acquired", "Volvo")}),
    ("Volvo was sold to Toyota in 2001.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Volvo rejected an offer from Toyota.", {("Toyota", "acquired", "Volvo")}, set()),
    # --- stakes, funding, investment
    ("Toyota bought a 20% stake in Volvo.", {("Toyota", "invested_in", "Volvo")}, set()),
    ("Toyota took a 20% stake in Volvo.", {("Toyota", "invested_in", "Volvo")}, set()),
    ("Toyota's stake in Volvo rose.", {("Toyota", "invested_in", "Volvo")}, set()),
    ("Volvo sold Toyota a stake in 2001.", {("Toyota", "invested_in", "Volvo")}, set()),
    ("Toyota sold its stake in Volvo.", set(), {("Toyota", "invested_in", "Volvo")}),
    ("The sale of Toyota's stake in Volvo closed.", set(), {("Toyota", "invested_in", "Volvo")}),
    (
        "Volvo raised $900m from Barclays and HSBC.",
        {
            ("Barclays", "invested_in", "Volvo"),
            ("HSBC", "invested_in", "Volvo"),
        },
        set(),
    ),
    ("The US-funded Radio Liberty was closed.", {("United States", "invested_in", "Radio Liberty")}, set()),
    ("Toyota poured $2bn into Volvo.", {("Toyota", "invested_in", "Volvo")}, set()),
    ("Toyota bankrolled Volvo for years.", {("Toyota", "invested_in", "Volvo")}, set()),
    # --- appointments
    ("Toyota hired Anna Lind as its finance chief.", {("Toyota", "appointed", "Anna Lind")}, set()),
    ("Toyota promoted Anna Lind to chief executive.", {("Toyota", "appointed", "Anna Lind")}, set()),
    ("A man named Tom Reed was arrested.", set(), {("man", "appointed", "Tom Reed")}),
    ("Toyota's appointment of Anna Lind surprised analysts.", {("Toyota", "appointed", "Anna Lind")}, set()),
    # --- lawsuits
    ("Apple took Samsung to court.", {("Apple", "sued", "Samsung")}, set()),
    ("Apple filed suit against Samsung.", {("Apple", "sued", "Samsung")}, set()),
    ("Apple launched legal action against Samsung.", {("Apple", "sued", "Samsung")}, set()),
    ("Apple took legal action against Samsung.", {("Apple", "sued", "Samsung")}, set()),
    ("Apple is seeking damages from Samsung.", {("Apple", "sued", "Samsung")}, set()),
    ("Samsung faces a lawsuit from Apple.", {("Apple", "sued", "Samsung")}, set()),
    (
        "UEFA took disciplinary action against Tom Reed.",
        {("UEFA", "sanctioned", "Tom Reed")},
        {("UEFA", "sued", "Tom Reed")},
    ),
    ("Apple countersued Samsung in Texas.", {("Apple", "sued", "Samsung")}, set()),
    ("Apple filed a complaint against Samsung.", {("Apple", "sued", "Samsung")}, set()),
    # --- arguments through appositions, relative clauses and lists
    (
        "Apple, which sued Samsung last year, lost.",
        {("Apple", "sued", "Samsung")},
        set(),
    ),
    (
        "The Finnish firm Apple sued Samsung.",
        {("Apple", "sued", "Samsung")},
        set(),
    ),
    (
        "Canada, Mexico and Chile sanctioned Sudan and Chad.",
        {
            ("Canada", "sanctioned", "Sudan"),
            ("Mexico", "sanctioned", "Chad"),
            ("Chile", "sanctioned", "Sudan"),
        },
        {("Canada", "sanctioned", "Mexico")},
    ),
    # The charge of an accusation read by the parser as a clause of its own: the accused is its actor.
    (
        "Prosecutors accused Tom Reed of several crimes, including insulting Anna Lind.",
        {("Tom Reed", "accused", "Anna Lind")},
        set(),
    ),
    ("Tom Reed was charged with offences such as attacking Anna Lind.", {("Tom Reed", "attacked", "Anna Lind")}, set()),
    # After a preposition of time the subject acts, not the accused.
    ("Toyota sued Tom Reed after criticising Anna Lind.", set(), {("Tom Reed", "accused", "Anna Lind")}),
    # A bare "they" resolved to an earlier pair is too loose a guess for a meeting between them.
    ("Chile and Peru faced floods. Later they talked about aid.", set(), {("Chile", "met", "Peru")}),
    # Coordinated subjects of a symmetric verb relate to each other only over an event noun or nothing.
    ("Chile and Peru receive aid from Spain.", set(), {("Chile", "met", "Peru")}),
    # --- the speaker of a quotation is its "I"; a spokesman's or an organisation's "we" is the organisation
    (
        'Anna Lind said: "I congratulate Tom Reed on his victory."',
        {("Anna Lind", "supported", "Tom Reed")},
        set(),
    ),
    (
        'Anna Lind said: "The year was hard. "I look forward to working with Tom Reed."',
        {("Anna Lind", "cooperated", "Tom Reed")},
        set(),
    ),
    ('"I will sue Voxtel," said Tom Reed.', {("Tom Reed", "sued", "Voxtel")}, set()),
    (
        'A spokesman for Voxtel said: "We are in talks with Halvex Systems."',
        {("Voxtel", "met", "Halvex Systems")},
        set(),
    ),
    (
        'Peter Hale and Maria Costa talked for an hour. "We agreed on a plan," said Peter Hale.',
        {("Peter Hale", "agreed", "Maria Costa")},
        set(),
    ),
    # A third person inside a quotation is not the speaker.
    (
        'Tom Reed won the seat. Anna Lind said: "He has backed Peter Hale for years."',
        {("Tom Reed", "supported", "Peter Hale")},
        {("Anna Lind", "supported", "Peter Hale")},
    ),
    # --- actors through coreference: plural metonyms, head matches, "the pair"
    (
        "Chilean authorities arrested twenty journalists. They accused Tom Reed of spying.",
        {("Chile", "accused", "Tom Reed")},
        set(),
    ),
    (
        "Voxtel and Halvex Systems merged in May. Analysts said the price was fair. They praised Tom Reed.",
        set(),
        {("Voxtel", "supported", "Tom Reed"), ("Halvex Systems", "supported", "Tom Reed")},
    ),
    (
        "The Avonford Rowing Association met on Monday. Later the association expelled Tom Reed.",
        {("Avonford Rowing Association", "excluded", "Tom Reed")},
        set(),
    ),
    (
        "The European Commission fined Chile and Peru in May. The commission then took the pair to court.",
        {("European Commission", "sued", "Chile"), ("European Commission", "sued", "Peru")},
        set(),
    ),
    (
        "President Luis Vega of Peru met Prime Minister Tom Reed. The president later flew to Lima.",
        {("Luis Vega", "visited", "Lima")},
        {("Tom Reed", "visited", "Lima")},
    ),
    # --- attacks in words: on a party, by a party on a person, or said to be political
    ("Tom Reed attacked the Labour Party over its tax plans.", {("Tom Reed", "accused", "Labour Party")}, set()),
    ("Anna Lind attacked Tom Reed politically.", {("Anna Lind", "accused", "Tom Reed")}, set()),
    # Taking over a leadership is not acquiring the organisation.
    (
        "Tom Reed tried to take over the Voxtel leadership.",
        set(),
        {("Tom Reed", "acquired", "Voxtel")},
    ),
    # --- a list that goes on after a description of its first name between dashes
    (
        "Voxtel raised $9m from the Avonford Trust - a charity - the Kestrel Fund and Halvex Systems.",
        {
            ("Avonford Trust", "invested_in", "Voxtel"),
            ("Kestrel Fund", "invested_in", "Voxtel"),
            ("Halvex Systems", "invested_in", "Voxtel"),
        },
        set(),
    ),
    # --- a warning is a threat when it says what the warner will do, or warns of a sanction
    (
        "The Ruritanian Commission warned Chile and Peru that it would act if their deficits grew.",
        {("Ruritanian Commission", "threatened", "Chile"), ("Ruritanian Commission", "threatened", "Peru")},
        set(),
    ),
    (
        "The European Commission fined Chile in May. The commission did warn the two were under scrutiny "
        "and it would act if they broke the rules. Peru was also named.",
        set(),
        {("European Commission", "threatened", "Peru")},
    ),
    ("Tom Reed warned Voxtel of legal action.", {("Tom Reed", "threatened", "Voxtel")}, set()),
    # ... a warning of facts is advice.
    ("Tom Reed warned Anna Lind that the plan could be illegal.", set(), {("Tom Reed", "threatened", "Anna Lind")}),
    # --- a claim denied is not asserted
    (
        "Tom Reed rejected the idea that Anna Lind posed a threat to Voxtel.",
        set(),
        {("Anna Lind", "threatened", "Voxtel")},
    ),
    # --- calling someone an insulting name is an accusation
    ("Tom Reed called Anna Lind a liar.", {("Tom Reed", "accused", "Anna Lind")}, set()),
    ("Anna Lind described Tom Reed as a disgrace.", {("Anna Lind", "accused", "Tom Reed")}, set()),
    ("Anna Lind called Tom Reed on Monday.", set(), {("Anna Lind", "accused", "Tom Reed")}),
    # --- what a speaker says of someone, when it blames them, is an accusation
    (
        "The Labour Party says Tom Reed is surrendering a key veto.",
        {("Labour Party", "accused", "Tom Reed")},
        set(),
    ),
    (
        '"Tom Reed\'s appointment of Anna Lind is another example of cronyism," Peter Hale said.',
        {("Peter Hale", "accused", "Tom Reed")},
        set(),
    ),
    ("Tom Reed said Voxtel should have paid its workers sooner.", {("Tom Reed", "accused", "Voxtel")}, set()),
    ("Tom Reed said Voxtel had not misled anyone.", set(), {("Tom Reed", "accused", "Voxtel")}),
    ("Tom Reed said Voxtel would need the Criminal Records Bureau.", set(), {("Tom Reed", "accused", "Voxtel")}),
    # --- "the decision" is the one named with its owner just before
    (
        "The European Commission announced its decision to drop the case. Berlin welcomed the decision.",
        {("Germany", "supported", "European Commission")},
        set(),
    ),
    # --- negation and modality
    ("Toyota wants to buy back shares rather than buy Volvo.", set(), {("Toyota", "acquired", "Volvo")}),
    ("Toyota chose to expand instead of buying Volvo.", set(), {("Toyota", "acquired", "Volvo")}),
    ("Toyota did not buy Volvo.", set(), {("Toyota", "acquired", "Volvo")}),
    (
        "The move did not mean that Serbia had cut ties with Croatia.",
        set(),
        {("Serbia", "excluded", "Croatia")},
    ),
    ("Toyota abandoned its takeover of Volvo.", set(), {("Toyota", "acquired", "Volvo")}),
    # --- an infinitive on a noun of intention: the noun's owner would act (intention_nouns.tsv)
    ("Toyota's bid to buy Volvo failed.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Toyota announced a deal to buy Volvo.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Toyota launched a bid to take over Volvo.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Toyota is in talks to buy Volvo.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Peru's decision to sue Chile surprised analysts.", {("Peru", "sued", "Chile")}, set()),
    # Whoever rejects or welcomes a plan does not carry it out; a plan dropped or refused is no event.
    ("Volvo rejected a plan to buy Saab.", set(), {("Volvo", "acquired", "Saab")}),
    ("Toyota dropped its bid to buy Volvo.", set(), {("Toyota", "acquired", "Volvo")}),
    ("Toyota took a decision not to buy Volvo.", set(), {("Toyota", "acquired", "Volvo")}),
    # --- a share bought: "20% of X" is a stake in X, "the rest of X" the whole of it (share_nouns.tsv)
    ("Toyota bought 20% of Volvo last year.", {("Toyota", "invested_in", "Volvo")}, {("Toyota", "acquired", "Volvo")}),
    ("Toyota bought the rest of Volvo.", {("Toyota", "acquired", "Volvo")}, set()),
    ("Toyota bought 100% of Volvo.", {("Toyota", "acquired", "Volvo")}, {("Toyota", "invested_in", "Volvo")}),
    (
        "Peter Hale met Maria Costa and John Reed to talk about trade.",
        {("Peter Hale", "met", "Maria Costa"), ("Peter Hale", "met", "John Reed")},
        set(),
    ),
    # A name the parser put in a list that is the subject of the next clause is not an argument.
    (
        "Labour announced plans to help buyers and the Tories would extend the scheme.",
        set(),
        {("Labour", "supported", "Conservative Party")},
    ),
    ("Toyota bought 20% of its shares back.", set(), {("Toyota", "invested_in", "Toyota")}),
    # --- a counterpart named by a country is that country's side; a named counterpart is the person
    ("Peter Hale met his French counterpart in Paris.", {("Peter Hale", "met", "France")}, set()),
    (
        "Peter Hale met his Chinese counterpart, Li Wei, in Beijing.",
        {("Peter Hale", "met", "Li Wei")},
        {("Peter Hale", "met", "China")},
    ),
    ("Peter Hale met his counterpart on Monday.", set(), {("Peter Hale", "met", "Peter Hale")}),
    # --- the "by" phrase of an event noun: its own, or hung by the parser on the verb of its clause
    ("The acquisition of Volvo by Toyota was completed.", {("Toyota", "acquired", "Volvo")}, set()),
    (
        "The takeover of Volvo by Toyota was approved by regulators.",
        {("Toyota", "acquired", "Volvo")},
        set(),
    ),
    (
        "Peter Hale condemned the killing of Maria Costa by John Reed.",
        {("John Reed", "killed", "Maria Costa")},
        {("Peter Hale", "killed", "Maria Costa")},
    ),
    # --- an obsession ascribed to an opponent is blame; a commitment alone is not
    (
        "Peter Hale said Maria Costa was obsessively committed to cutting spending.",
        {("Peter Hale", "accused", "Maria Costa")},
        set(),
    ),
    (
        "Peter Hale said Maria Costa was committed to cutting spending.",
        set(),
        {("Peter Hale", "accused", "Maria Costa")},
    ),
    # --- where a meeting took place, its parties were
    (
        "Peter Hale met Maria Costa in Geneva on Monday.",
        {("Peter Hale", "met", "Maria Costa"), ("Peter Hale", "visited", "Geneva")},
        set(),
    ),
    ("Peter Hale met Maria Costa at the conference in Oslo.", {("Peter Hale", "visited", "Oslo")}, set()),
    ("Peter Hale did not meet Maria Costa in Geneva.", set(), {("Peter Hale", "visited", "Geneva")}),
    ("Toyota met its targets in Japan.", set(), {("Toyota", "visited", "Japan")}),
    (
        "Peter Hale hosted Maria Costa at his home in Oslo.",
        {("Peter Hale", "met", "Maria Costa")},
        {("Peter Hale", "visited", "Oslo")},
    ),
    # --- talking about a topic: coordinated subjects meet each other (not so for receiving things)
    ("Peter Hale and Maria Costa discussed trade.", {("Peter Hale", "met", "Maria Costa")}, set()),
    ("Chile and Peru negotiated a ceasefire.", {("Chile", "met", "Peru")}, set()),
    ("Peter Hale and Maria Costa received awards.", set(), {("Peter Hale", "met", "Maria Costa")}),
    ("Peter Hale and Maria Costa did not discuss trade.", set(), {("Peter Hale", "met", "Maria Costa")}),
    # --- a country's arms stand for it in reports of strikes; a purchase of a maker's planes is not of the maker
    ("US warplanes bombed Kandahar overnight.", {("United States", "attacked", "Kandahar")}, set()),
    ("Air China bought 20 Airbus planes.", set(), {("Air China", "acquired", "Airbus")}),
    # --- calling for someone's release takes their side
    (
        "Amnesty International called for the release of Peter Hale.",
        {("Amnesty International", "supported", "Peter Hale")},
        set(),
    ),
    (
        "Amnesty International demanded Peter Hale's immediate release.",
        {("Amnesty International", "supported", "Peter Hale")},
        set(),
    ),
    ("Maria Costa campaigned for the freedom of John Reed.", {("Maria Costa", "supported", "John Reed")}, set()),
    ("Maria Costa did not call for the release of John Reed.", set(), {("Maria Costa", "supported", "John Reed")}),
    ("The court ordered the release of Peter Hale.", set(), {("court", "supported", "Peter Hale")}),
]


@pytest.mark.parametrize(("sentence", "expected", "forbidden"), TABLE, ids=[row[0][:48] for row in TABLE])
def test_event_table(extract_text, sentence: str, expected: set[Edge], forbidden: set[Edge]) -> None:
    found = edges(extract_text(sentence))
    assert expected <= found, f"missing {expected - found}; found {found}"
    assert not (forbidden & found), f"forbidden {forbidden & found}"


def test_table_size_and_coverage() -> None:
    events = {name for name, info in relation_inventory().items() if info.kind == "event"}
    covered = {relation for _, expected, _ in TABLE for _, relation, _ in expected}
    assert events <= covered
    assert len(TABLE) >= 150


def test_actor_in_an_earlier_sentence_through_a_description(extract_text) -> None:
    """'the company' stands for the firm named before; the edge is less sure than one between names."""
    records = extract_text("Siemens reported strong sales on Monday. The company later bought Nokia for $2bn.")
    labels = {entity.key: entity.label for entity in records.entities}
    (acquired,) = [r for r in records.relations if r.predicate == "acquired"]
    assert (labels[acquired.subject], labels[acquired.object]) == ("Siemens", "Nokia")
    assert acquired.evidence.confidence < 0.8


def test_modality_of_bids_and_attempts(extract_text) -> None:
    def modalities(sentence: str, predicate: str) -> set[str | None]:
        return {r.evidence.modality for r in extract_text(sentence).relations if r.predicate == predicate}

    assert modalities("Toyota launched a bid for Volvo.", "acquired") == {"planned"}
    assert modalities("Tom Reed survived an assassination attempt by Anna Lind.", "attacked") <= {"attempted"}
    assert modalities("Toyota bought Volvo.", "acquired") == {None}
    assert modalities("Prosecutors accused Tom Reed of several crimes, including insulting Anna Lind.", "accused") == {
        "alleged"
    }
    assert modalities("Tom Reed denied allegations that he threatened Anna Lind.", "threatened") == {"alleged"}
    assert modalities("Ahead of talks with Maria Costa, Peter Hale said little.", "met") == {"planned"}


def test_modality_of_intentions(extract_text) -> None:
    """An act named by a bid or a plan keeps the modality of its noun: attempted, planned."""
    for sentence, modality in (
        ("Toyota's bid to buy Volvo failed.", "attempted"),
        ("Toyota announced a deal to buy Volvo.", "planned"),
        ("Peru's decision to sue Chile surprised analysts.", "planned"),
        # An event about to happen is not one yet.
        ("Toyota was close to striking a deal with Nissan.", "expected"),
    ):
        records = extract_text(sentence)
        found = [r.evidence.modality for r in records.relations if r.predicate in ("acquired", "sued", "signed")]
        assert found == [modality], (sentence, found)


def test_lexicon_patterns_and_options() -> None:
    rows = parse_triggers(
        "lash out at\taccused\n"
        "air strike\tattacked\tNOUN\ton,against\n"
        "stake\tinvested_in\tNOUN\tin\tverbs=buy,take; modality=planned\n"
        "take\tsued\tVERB\tobj\tneeds=to court, before court\n"
        "support\tsupported\tNOUN\tfrom\tverbs=receive; reverse\n"
        "sell\tacquired\tVERB\tobj\tactor=to\n"
        "summit\tvisited\tNOUN\tin\tanchored\n",
        "extra.tsv",
    )
    lash, strike, stake, take, support, sell, summit = rows
    assert (lash.lemma, lash.particle, lash.arguments) == ("lash", "out", frozenset({"at"}))
    assert (strike.lemma, strike.modifiers) == ("strike", ("air",))
    assert stake.verbs == frozenset({"buy", "take"}) and stake.modality == "planned"
    assert take.needs == (("to", "court"), ("before", "court")) and take.specific
    assert support.reverse and sell.actor == "to" and summit.anchored
    # The old four-column rows still read as before.
    (meet,) = parse_triggers("meet\tmet\tVERB\tobj,with\n", "old.tsv")
    assert (meet.lemma, meet.arguments, meet.particle, meet.verbs) == (
        "meet",
        frozenset({"obj", "with"}),
        None,
        frozenset(),
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("stake\tinvested_in\tNOUN\tin\tverbz=buy", "unknown option"),
        ("stake\tinvested_in\tNOUN\tin\tneeds=to court", "'needs' is for verbs"),
        ("buy\tacquired\tVERB\tobj\tverbs=take", "'verbs' is for nouns"),
        ("bid\tacquired\tNOUN\tfor\tmodality=hoped", "unknown modality"),
        ("take a long walk\tvisited", "a verb is one word"),
    ],
)
def test_lexicon_option_errors_name_the_line(row: str, message: str) -> None:
    with pytest.raises(LexiconError, match=rf"extra\.tsv:1: .*{message}"):
        parse_triggers(row + "\n", "extra.tsv")


def test_bundled_lexicon_scale() -> None:
    """At least 1,500 distinct rows; no bundled row silently overrides another (each one counts)."""
    rows = parse_triggers(data_text("triggers.tsv"), "triggers.tsv")
    assert len(rows) >= 1500
    assert sum(len(found) for found in load_triggers().values()) == len(rows)
    assert len(
        {(r.lemma, r.particle, r.modifiers, r.pos, r.relation, r.arguments, r.verbs, r.needs) for r in rows}
    ) == len(rows)


def test_user_lexicon_row_with_verbs(tmp_path, nlp: Language) -> None:
    lexicon = tmp_path / "extra.tsv"
    lexicon.write_text("cold shoulder\texcluded\tNOUN\tto\tverbs=give,turn\n", encoding="utf-8")
    extractor = RelationExtractor(nlp, "newskg_relations", [str(lexicon)])
    text = "Canada gave the cold shoulder to Mexico."
    doc = nlp.make_doc(text)
    for name in nlp.pipe_names:
        if name != "newskg_relations":
            doc = nlp.get_pipe(name)(doc)
    assert ("Canada", "excluded", "Mexico") in edges(doc_to_records(extractor(doc), Article(id="t", text=text)))
