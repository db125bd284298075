"""Actors, dates, places and quantities."""

from datetime import date

import pytest

import eventwire
from conftest import jsonl
from eventwire.extract.quantities import number
from eventwire.pipeline import Options
from eventwire.resolve.dates import resolve

PUB = date(2025, 11, 4)  # a Tuesday


@pytest.mark.parametrize(
    "expr, expected, source",
    [
        ("on Tuesday", "2025-11-04", "relative"),
        ("Monday", "2025-11-03", "relative"),
        ("last Tuesday", "2025-10-28", "relative"),
        ("yesterday", "2025-11-03", "relative"),
        ("last week", "2025-10-28", "relative"),
        ("March 3, 2024", "2024-03-03", "explicit"),
        ("Nov. 2", "2025-11-02", "relative"),
        ("in 1991", "1991-01-01", "explicit"),
        ("in December", "2024-12-01", "relative"),  # the last December before publication (PUB is November)
        ("in September", "2025-09-01", "relative"),
        ("April 2023", "2023-04-01", "explicit"),
    ],
)
def test_dates(expr, expected, source):
    when, how = resolve(expr, PUB)
    assert (when.isoformat(), how) == (expected, source)


def test_a_date_in_a_relative_clause_dates_that_clause_only():
    text = "Niger, where the commander met officials in March, said it would not cooperate with the court."
    (ev,) = [e for e in eventwire.code(text, date="2025-06-10") if e.event == "REJECT"]
    assert str(ev.date) == "2025-06-10"


def test_relative_date_without_publication_date_is_not_invented():
    assert resolve("on Tuesday", None) == (None, "none")
    (ev,) = eventwire.code("Chinese warships conducted drills near Taiwan on Tuesday.")
    assert ev.date is None and ev.date_source == "none"


def first(text, typ=None):
    evs = [e for e in eventwire.code(text, date="2025-11-04") if typ is None or e.event == typ]
    assert evs, f"no event in {text!r}"
    return evs[0]


@pytest.mark.parametrize(
    "text, actor_code",
    [
        ("The Kremlin accused Kyiv of sabotaging the talks.", "RUSGOV"),
        ("The Pentagon deployed two aircraft carriers to the Gulf.", "USAMIL"),
        ("Seoul condemned the missile launch.", "KORGOV"),
        ("South Korean lawmakers rejected the budget bill.", "KORLEG"),
        ("Israeli troops raided a refugee camp in Jenin.", "ISRMIL"),
        ("U.S. Defense Secretary Pete Hegseth praised Japan's plans.", "USAGOVMIL"),
        ("NATO condemned the cyberattack on Estonia.", "NAT"),
    ],
)
def test_actor_codes(text, actor_code):
    assert first(text).actor[0].code == actor_code


def test_surname_coreference_and_pronoun():
    evs = eventwire.code(
        "Polish Foreign Minister Jan Nowak met his Czech counterpart in Prague. "
        "Nowak later criticised Hungary over its energy deals. He also praised Slovakia.",
        date="2025-11-04",
    )
    by_type = {e.event: e for e in evs}
    assert by_type["ACCUSE"].actor[0].code == "POLGOV"
    assert by_type["SUPPORT"].actor[0].code == "POLGOV"


def test_they_in_a_claim_is_the_claimant():
    ev = first("Rebels said they had killed 12 soldiers in an ambush near Goma.", "ASSAULT")
    assert ev.actor[0].sector == "REB" and ev.modality.reported_by == "Rebels"


def test_a_bare_sector_in_a_report_is_the_sayers():
    text = (
        "MANILA, Philippines (EW) — Chinese Defence Ministry spokesman Zhang Wei said the navy had dispatched "
        "a destroyer to monitor the drills."
    )
    assert first(text, "MOBILIZE").actor[0].code == "CHNMIL"


def test_the_nearest_nationality_describes_a_person():
    text = (
        "Egyptian Water Resources Minister Hisham Farouk and Ethiopian Water and Energy Minister Tesfaye Bekele "
        "held talks in Cairo on Tuesday. Bekele told reporters that his government rejected Egypt's proposal."
    )
    assert first(text, "REJECT").actor[0].country == "ETH"
    assert first("U.S. Ambassador to Romania Mark Daniels praised the proposal.", "SUPPORT").actor[0].country == "USA"


def test_a_relative_clause_can_describe_a_person():
    text = "Elena Vasilescu, who leads the largest opposition group in the Senate, demanded new elections."
    assert first(text, "REQUEST").actor[0].sector == "OPP"


def test_a_party_misparsed_before_a_conjunct_verb_is_its_subject():
    text = "Russia released 205 Ukrainian prisoners on Tuesday and Ukraine freed the same number of Russian servicemen."
    pairs = {(e.actor[0].country, e.recipient[0].country) for e in eventwire.code(text, date="2026-05-20")}
    assert pairs == {("RUS", "UKR"), ("UKR", "RUS")}


def test_a_sector_takes_the_country_of_the_place_it_is_in():
    assert first("Police in Karachi arrested five men.", "COERCE").actor[0].code == "PAKCOP"


def test_what_an_attack_hits_belongs_to_the_country_where_it_stands():
    ev = first("Russian forces struck a power plant in Kharkiv on Monday.", "ASSAULT")
    assert [r.country for r in ev.recipient] == ["UKR"]


def test_counted_people_are_parties():
    ev = first("Thousands of demonstrators protested outside parliament in Tbilisi.", "PROTEST")
    assert ev.actor[0].text == "Thousands of demonstrators" and ev.actor[0].code == "GEOCVL"


def test_signing_is_mutual():
    evs = eventwire.code("Poland and Germany signed a memorandum on energy security.", date="2025-09-17")
    assert {(e.actor[0].country, e.recipient[0].country) for e in evs if e.cameo == "057"} == {
        ("POL", "DEU"),
        ("DEU", "POL"),
    }


def test_unnamed_attackers_are_armed_non_state_actors():
    assert first("A gunman killed a police officer in Peshawar.", "ASSAULT").actor[0].sector == "REB"


def test_an_unknown_doer_keeps_its_text_with_low_confidence():
    ev = first("The group urged the government to release the detainees.", "REQUEST")
    assert ev.actor[0].text == "The group" and ev.actor[0].code is None and ev.actor[0].confidence < 0.5


def test_domestic_descriptor_takes_its_country_from_the_other_party():
    ev = first("French President Emmanuel Macron urged lawmakers to back the pension reform.", "REQUEST")
    assert ev.recipient[0].code == "FRALEG"


def test_place_tied_to_the_predicate():
    ev = first("Foreign ministers of India and China held talks in Moscow on Monday.", "CONSULT")
    assert ev.event_loc.name == "Moscow" and ev.event_loc.country_code == "RUS"
    assert ev.date.isoformat() == "2025-11-03"


def test_casualties_fill_size():
    ev = first("Militants attacked a village in Borno state, killing 12 people and injuring 30.", "ASSAULT")
    size = ev.to_dict()["size"]
    assert size == {"dead": 12, "injured": 30}


@pytest.mark.parametrize(
    "text, value", [("$1.5 billion", 1.5e9), ("8.2%", 8.2), ("3,000 troops", 3000), ("dozens", 24)]
)
def test_numbers(text, value):
    assert number(text) == value


def test_money_with_currency():
    ev = first("Japan gave $15 million to the World Food Programme for Sudan.", "AID")
    (q,) = ev.quantities
    assert (q.value, q.unit, q.kind) == (15e6, "USD", "money")


def test_compound_actors_give_one_event_per_pair():
    evs = eventwire.code("France and Germany condemned Russia and Belarus.", date="2025-01-01")
    assert sorted((e.actor[0].country, e.recipient[0].country) for e in evs) == [
        ("DEU", "BLR"), ("DEU", "RUS"), ("FRA", "BLR"), ("FRA", "RUS")]  # fmt: skip
    assert len({e.id for e in evs}) == 4


@pytest.mark.parametrize(
    "text",
    [
        "The European Union imposed sanctions on Russia and Belarus.",
        "The United States imposed tariffs of 25% on steel from Russia and Belarus on Tuesday.",
    ],
)
def test_an_event_noun_reaches_every_conjoined_party(text):
    evs = eventwire.code(text, date="2025-01-01")
    assert sorted(r.country for e in evs if e.event == "SANCTION" for r in e.recipient) == ["BLR", "RUS"]


def test_mutual_verb_is_reciprocal():
    evs = eventwire.code("Hungary and Romania agreed to build a gas pipeline.", date="2025-01-01")
    assert sorted((e.event, e.actor[0].country, e.recipient[0].country) for e in evs) == [
        ("AGREE", "HUN", "ROU"), ("AGREE", "ROU", "HUN")]  # fmt: skip


def test_a_party_inferred_from_the_story_is_never_the_actors_own_state():
    text = ("DOHA, Qatar (AP) — Qatar's prime minister held talks with Hamas negotiators in Doha on Monday. "
            "Egypt and Qatar will host a new round of negotiations next week.")  # fmt: skip
    evs = [e for e in eventwire.code(text, date="2025-06-10") if e.event == "AGREE"]
    assert sorted(e.actor[0].country for e in evs) == ["EGY", "QAT"]
    assert not [e for e in evs if e.actor[0].country == "QAT" and any(r.country == "QAT" for r in e.recipient)]


@pytest.mark.parametrize(
    "text, country",
    [
        ("Gang members attacked a base used by Kenyan police officers in Port-au-Prince.", "KEN"),
        ("Houthi rebels fired a missile at a tanker belonging to Greece.", "GRC"),
    ],
)
def test_what_is_hit_is_its_holders(text, country):
    (ev,) = eventwire.code(text, date="2025-06-10")
    assert country in [r.country for r in ev.recipient]


def test_an_appeal_to_a_plural_that_names_no_one_is_not_to_the_storys_country():
    text = "COX'S BAZAR, Bangladesh (AP) — The U.N. refugee agency appealed to donors for $250 million on Monday."
    (ev,) = eventwire.code(text, date="2025-06-10")
    assert (ev.event, ev.recipient) == ("REQUEST", [])


def test_what_talks_are_on_is_their_topic_not_a_party():
    evs = eventwire.code("Bangladesh and Myanmar held talks on the return of Rohingya refugees.", date="2025-01-01")
    assert sorted((e.actor[0].country, e.recipient[0].country) for e in evs) == [("BGD", "MMR"), ("MMR", "BGD")]


def test_parties_of_a_mutual_act_are_each_others_not_the_storys():
    text = "MOSCOW (AP) — Russia expelled two diplomats. Turkey and Egypt restored diplomatic ties on Monday."
    evs = [e for e in eventwire.code(text, date="2025-01-01") if e.event == "SUPPORT"]
    assert sorted((e.actor[0].country, e.recipient[0].country) for e in evs) == [("EGY", "TUR"), ("TUR", "EGY")]


@pytest.mark.parametrize("suffix", [".yaml", ".csv"])
def test_user_dictionary_wins(cli, tmp_path, suffix):
    d = tmp_path / f"actors{suffix}"
    if suffix == ".yaml":
        d.write_text("- phrase: Wagner Group\n  code: RUSMILMER\n- phrase: Nowak\n  code: POLGOV\n")
    else:
        d.write_text("phrase,code\nWagner Group,RUSMILMER\nNowak,POLGOV\n")
    f = tmp_path / "story.txt"
    f.write_text("The Wagner Group attacked a village in Mali. Nowak condemned the attack.")
    r = cli(["code", f, "--dictionary", d, "--format", "jsonl", "--date", "2025-01-01"])
    assert r.exit_code == 0, r.stderr
    codes = {(e["event"], e["actor"][0]["code"]) for e in jsonl(r.stdout)}
    assert codes == {("ASSAULT", "RUSMILMER"), ("ACCUSE", "POLGOV")}


def test_ambiguous_place_uses_the_dateline_country():
    ev = first("TRIPOLI, Lebanon (EW) — Gunmen attacked an army checkpoint in Tripoli on Monday.", "ASSAULT")
    assert ev.event_loc.country_code == "LBN"
    ev = first("Militias shelled the airport in Tripoli on Monday.", "ASSAULT")
    assert ev.event_loc.country_code == "LBY"


def test_seat_of_government_is_located_in_its_capital():
    ev = first("The Kremlin hosted Chinese President Xi Jinping at the Kremlin on Monday.")
    assert ev.actor[0].code == "RUSGOV"


def test_both_countries_are_the_last_two_parties_named():
    evs = eventwire.code(
        "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev met at the White House "
        "on Friday. Both countries agreed to reopen their border.",
        date="2025-08-09",
    )
    agree = {(e.actor[0].country, e.recipient[0].country) for e in evs if e.event == "AGREE"}
    assert agree == {("ARM", "AZE"), ("AZE", "ARM")}


def test_possessive_abstract_noun_is_not_a_party():
    evs = eventwire.code("NATO leaders pledged 40 billion euros in military aid for Ukraine at their summit.",
                         date="2025-06-25")  # fmt: skip
    assert all(r.text != "their summit" for e in evs for r in e.recipient)


def test_joint_talks_are_reciprocal_not_aimed_at_the_host():
    evs = eventwire.code("Germany and France held talks in Paris on Monday.", date="2025-01-07")
    assert sorted((e.actor[0].country, e.recipient[0].country) for e in evs) == [("DEU", "FRA"), ("FRA", "DEU")]


@pytest.mark.parametrize(
    ("text", "typ", "doer"),
    [
        ("Japan attended the talks with China in Beijing on Monday.", "CONSULT", "JPN"),
        ("Iran continued attacks on Israeli cities on Friday.", "ASSAULT", "IRN"),
    ],
)
def test_the_subject_of_a_verb_that_joins_or_carries_on_an_event_does_it(text, typ, doer):
    assert first(text, typ).actor[0].country == doer


def test_what_one_announces_one_does_but_not_what_one_welcomes():
    assert first("Pakistan announced talks with the Taliban in Doha.", "CONSULT").actor[0].country == "PAK"
    assert first("Iran confirmed talks with the United States in Oman.", "CONSULT").actor[0].country == "IRN"
    # the model sees the withdrawal; it is not Poland's
    evs = eventwire.code("Poland welcomed the withdrawal of Russian troops from Belarus.", date="2025-01-01")
    assert not [e for e in evs if e.event == "RETREAT" and e.actor and e.actor[0].country == "POL"]


def test_a_party_without_a_country_is_not_given_the_other_sides_code():
    ev = first("The government expelled two Russian diplomats.", "SANCTION")
    assert ev.recipient[0].code == "RUSGOV" and ev.actor[0].code != "RUSGOV"


def test_rebels_stay_a_party_beside_their_countrys_state():
    evs = eventwire.code("Sudan's army and the RSF agreed to a truce in Jeddah.", date="2025-05-20")
    assert {(e.actor[0].code, e.recipient[0].code) for e in evs if e.event == "AGREE"} == {
        ("SDNMIL", "SDNREB"),
        ("SDNREB", "SDNMIL"),
    }
    # while a place and a sector of one country are still one party
    ev = first("Russian troops shelled a market in Kharkiv, killing two civilians.", "ASSAULT")
    assert [r.country for r in ev.recipient] == ["UKR"]


def test_a_regional_demonym_names_no_country():
    ev = first("Colombia's president met Latin American leaders in Panama.", "CONSULT")
    assert "USA" not in {e.country for e in ev.actor + ev.recipient}


def test_a_crowd_attacking_a_foreign_mission_belongs_where_it_stands():
    ev = first("Protesters stormed the Swedish embassy in Baghdad.")
    assert ev.actor[0].country == "IRQ" and ev.recipient[0].country == "SWE"


def test_the_doers_own_people_are_not_whom_it_acts_on():
    ev = first("Algeria recalled its ambassador from Paris for consultations.", "SANCTION")
    assert [r.code for r in ev.recipient] == ["FRAGOV"]


def test_coordinated_nationalities_before_one_noun_are_two_parties():
    evs = eventwire.code("Chinese and Russian warships began joint naval exercises.", date="2025-11-22")
    assert {(e.actor[0].code, e.recipient[0].code) for e in evs} == {("CHNMIL", "RUSMIL"), ("RUSMIL", "CHNMIL")}
    (ev,) = eventwire.code("Russian troops shelled Ukrainian positions.", date="2025-11-22")
    assert [a.code for a in ev.actor] == ["RUSMIL"]


def test_what_parties_do_to_each_other_goes_both_ways():
    evs = eventwire.code("Canada and India expelled each other's top diplomats.", date="2025-11-22")
    assert {(e.event, e.actor[0].country, e.recipient[0].country) for e in evs} == {
        ("SANCTION", "CAN", "IND"),
        ("SANCTION", "IND", "CAN"),
    }
    evs = eventwire.code("Russia and Ukraine accused each other of violating the ceasefire.", date="2025-11-22")
    assert {(e.actor[0].country, e.recipient[0].country) for e in evs} == {("RUS", "UKR"), ("UKR", "RUS")}


def test_an_envoy_recalled_from_a_post_names_the_country_of_the_post():
    (ev,) = eventwire.code("France recalled its ambassador to Niger.", date="2025-11-22")
    assert (ev.event, ev.actor[0].country, [r.country for r in ev.recipient]) == ("SANCTION", "FRA", ["NER"])


def test_claiming_an_attack_is_a_statement_not_a_second_attack():
    for text in ("The Pakistani Taliban claimed responsibility for the bombing in Peshawar.",
                 "Islamic State claimed the attack on the concert hall."):  # fmt: skip
        assert eventwire.code(text, date="2025-11-22") == []
        (ev,) = eventwire.code(text, date="2025-11-22", options=Options(statements=True))
        assert (ev.event, ev.cameo) == ("STATEMENT", "015")


def test_a_participle_describing_a_noun_is_no_new_act_of_the_sentences_subject():
    evs = eventwire.code("Nigerian troops rescued 30 kidnapped villagers in Zamfara state.", date="2025-11-22")
    assert all(e.cameo != "181" for e in evs)  # the troops kidnapped no one


def test_the_two_are_the_last_two_parties_even_of_one_country():
    text = "Ruto met opposition leader Raila Odinga at State House and the two agreed to set up a joint committee."
    evs = eventwire.code(text, date="2025-11-22")
    assert {(e.actor[0].code, e.recipient[0].code) for e in evs if e.event == "AGREE"} == {
        ("KENGOV", "KENOPP"),
        ("KENOPP", "KENGOV"),
    }


def test_a_country_named_alone_speaks_to_anothers_government():
    text = "NAIROBI (AP) — The United States urged the government to respect the right to protest."
    (ev,) = eventwire.code(text, date="2025-11-22")
    assert (ev.actor[0].code, ev.recipient[0].code) == ("USA", "KENGOV")


def test_troops_sent_to_help_another_country_are_protection_for_it():
    text = "Rwanda deployed 1,000 soldiers to Mozambique's Cabo Delgado province to help fight an insurgency."
    (ev,) = eventwire.code(text, date="2025-11-22")
    assert (ev.event, ev.cameo, ev.actor[0].country, [r.country for r in ev.recipient]) == (
        "AID",
        "074",
        "RWA",
        ["MOZ"],
    )
    (ev,) = eventwire.code("Kenya deployed police officers to Haiti.", date="2025-11-22")
    assert (ev.event, [r.country for r in ev.recipient]) == ("MOBILIZE", ["HTI"])  # the officers are Kenya's own


def test_a_one_word_organisation_name_is_a_proper_name():
    (ev,) = eventwire.code("The president signed the amnesty bill.", date="2025-11-22")
    assert not any(r.sector == "NGO" for r in ev.recipient)


def test_a_party_without_a_nationality_is_not_of_the_country_it_acts_on():
    (ev,) = eventwire.code("The president thanked China for its support during the pandemic.", date="2025-11-22")
    assert (ev.actor[0].code, ev.recipient[0].code) == ("GOV", "CHN")


def test_a_year_that_names_a_treaty_does_not_date_the_event():
    text = "The United States reaffirmed its commitment to defend the Philippines under their 1951 defense treaty."
    evs = eventwire.code(text, date="2024-06-16")
    assert evs and all(e.date == date(2024, 6, 16) and not e.modality.historical for e in evs)


def test_the_sayers_next_act_hung_on_a_reported_passive_is_the_sayers():
    text = (
        "Ruto said the protesters had been infiltrated by criminals and ordered the army to help police restore order."
    )
    evs = [e for e in eventwire.code(text, date="2025-06-25") if e.event == "REQUEST"]
    assert [(e.actor[0].country, e.actor[0].sector) for e in evs] == [("KEN", "GOV")]


def test_the_other_side_of_what_is_agreed_to_is_the_recipient():
    evs = eventwire.code("Iran agreed to hold talks with the United States next week.", date="2025-06-25")
    assert [(e.event, e.actor[0].country, e.recipient[0].country) for e in evs] == [("AGREE", "IRN", "USA")]


def test_who_will_not_be_intimidated_refuses_and_who_intimidates_is_refused():
    text = "Japan's prime minister said the government would not be intimidated by Chinese drills."
    assert ("REJECT", "JPN", "CHN") in [(e.event, e.actor[0].country, e.recipient[0].country)
                                       for e in eventwire.code(text, date="2025-06-25") if e.actor and e.recipient]  # fmt: skip


def test_an_event_that_names_no_party_at_all_is_not_emitted():
    text = ("Opposition lawmakers criticised the plan, accusing the government of freezing pensions while negotiating "
            "arms contracts with foreign manufacturers behind closed doors.")  # fmt: skip
    evs = eventwire.code(text, date="2025-10-08")
    assert evs and all(e.actor or e.recipient for e in evs)
    assert "CONSULT" not in [e.event for e in evs]


def test_a_bomb_names_no_armed_force_as_its_doer():
    evs = eventwire.code("A bomb attack in Istanbul killed six people on Sunday.", date="2022-11-14")
    assert not any(a.sector == "MIL" for e in evs for a in e.actor)
    # a weapon a state's forces fly still stands for them
    (ev,) = eventwire.code("A Russian missile hit a shopping centre in Kremenchuk.", date="2022-06-28")
    assert (ev.actor[0].country, ev.actor[0].sector) == ("RUS", "MIL")


def dyads(text, typ, published="2023-11-07"):
    return {(e.actor[0].code if e.actor else None, e.recipient[0].code if e.recipient else None)
            for e in eventwire.code(text, date=published) if e.event == typ}  # fmt: skip


def test_both_sides_asked_by_two_mediators_are_two_other_parties():
    text = ("Sudan's army and the Rapid Support Forces traded accusations on Sunday. "
            "Saudi Arabia and the United States urged both sides to return to the negotiating table.")  # fmt: skip
    assert dyads(text, "REQUEST") == {(a, r) for a in ("SAU", "USA") for r in ("SDNMIL", "SDNREB")}


def test_whom_words_are_told_is_no_party_to_them():
    text = "Egypt's foreign minister told reporters in Cairo on Monday."
    (ev,) = eventwire.code(text, date="2025-06-01", options=Options(statements=True))
    assert (ev.event, ev.recipient) == ("STATEMENT", [])


def test_an_unnamed_target_of_words_is_the_country_the_story_is_about_not_the_dateline():
    text = ("DOHA, Qatar (AP) — Israeli warplanes struck targets in Khan Younis after talks in Doha, and Israel's "
            "army said it would press on in southern Gaza. Turkey condemned the strikes.")  # fmt: skip
    assert dyads(text, "ACCUSE") == {("TUR", "ISRMIL")}  # the strikes' doers, not Qatar


def test_a_place_in_the_country_of_a_named_group_is_found_under_its_usual_spelling():
    (ev,) = eventwire.code("Israeli warplanes struck targets in Khan Younis, Hamas said.", date="2023-11-07")
    assert (ev.event_loc.country_code, ev.actor[0].code) == ("PSE", "ISRMIL")


def test_rebels_and_troops_of_one_country_in_one_sentence_are_two_attacks():
    text = "Colombian rebels attacked a police station in Cauca, and Colombian troops killed three guerrillas nearby."
    assert dyads(text, "ASSAULT") == {("COLREB", "COLCOP"), ("COLMIL", "COLREB")}


def coded_dyads(text: str, day: str = "2025-12-02") -> list[tuple[str, str | None, str | None]]:
    return [(e.event, e.actor[0].code if e.actor else None, e.recipient[0].code if e.recipient else None)
            for e in eventwire.code(text, date=day)]  # fmt: skip


def test_the_two_sides_are_the_story_s_parties_not_the_bystanders_named_last():
    text = (
        "KYIV, Ukraine (AP) — Russia launched drones at Ukraine overnight. Russia's army said it captured a village, "
        "a claim Ukraine denied. Germany and Norway pledged more air defences. "
        "The two sides exchanged the bodies of 1,000 soldiers last week."
    )
    swaps = [(a, r) for typ, a, r in coded_dyads(text) if typ == "RETREAT"]
    assert sorted(swaps) == [("RUS", "UKR"), ("UKR", "RUS")]  # what is swapped is no recipient


def test_they_in_what_a_plural_subject_says_or_does_is_that_subject():
    text = "Kenya urged Ethiopia to show restraint. Aid agencies said they had suspended operations in Tigray."
    assert coded_dyads(text)[-1][:2] == ("SANCTION", "NGO")  # not "both" of Kenya and Ethiopia
    held = coded_dyads(
        "Lithuania and Latvia barred entry to Georgian officials they held responsible for the crackdown."
    )
    assert ("ACCUSE", "LTU", "GEOGOV") in held and ("ACCUSE", "LVA", "GEOGOV") in held


def test_the_sayer_s_next_act_is_the_sayer_s_not_the_reported_subject_s():
    text = "Ethiopia's foreign ministry said Eritrea had moved tanks close to the border and warned of a response."
    assert [(t, a) for t, a, _ in coded_dyads(text)] == [("MOBILIZE", "ERI"), ("THREATEN", "ETHGOV")]


def test_a_place_or_a_reporter_is_no_party_of_an_event_the_model_codes():
    text = (
        "A strike on a residential building in Ternopil killed nine people, regional governor Vyacheslav Negoda said."
    )
    assert coded_dyads(text) == [("ASSAULT", None, "UKRCVL")]  # Ternopil is where it happened, the governor reports


def test_a_pledge_after_a_battle_is_not_placed_on_the_battlefield():
    text = (
        "KYIV, Ukraine (AP) — Russia's army said its forces had captured the village of Pishchane in the Donetsk "
        "region. Germany pledged another 500 million euros in military aid to Ukraine."
    )
    pledge = next(e for e in eventwire.code(text, date="2025-12-02") if e.event == "AGREE")
    assert (pledge.cameo, pledge.event_loc.name, pledge.event_loc.resolution) == ("0332", "Kyiv", "dateline")


def test_a_relative_pronoun_or_a_raised_subject_is_the_party_named():
    text = "Israel, which has long threatened to strike Iran's nuclear facilities, urged world powers to act."
    assert ("THREATEN", "ISR", "IRN") in coded_dyads(text)
    assert coded_dyads("Putin is slated to visit Beijing in May.") == []  # not yet
    (visit,) = eventwire.code("Putin is slated to visit Beijing in May.", date="2025-12-02",
                              options=Options(keep_unrealized=True))  # fmt: skip
    assert (visit.actor[0].code, visit.recipient[0].code, visit.modality.hypothetical) == ("RUSGOV", "CHNGOV", True)


def test_whom_a_promise_or_a_warning_is_about():
    assert coded_dyads("Mali and Burkina Faso pledged to defend Niger.\n") == [
        ("AGREE", "MLI", "NER"),
        ("AGREE", "BFA", "NER"),
    ]  # a final newline changes nothing
    text = "Britain and France warned they would seek sanctions unless Iran resumed cooperation with inspectors."
    assert {r for _, _, r in coded_dyads(text)} == {"IRN"}
    text = "Ruto spoke by phone with Ethiopia's Abiy Ahmed and Eritrea's Isaias Afwerki and urged them to talk."
    assert sorted((t, a, r[:3]) for t, a, r in coded_dyads(text)) == [
        ("CONSULT", "KENGOV", "ERI"), ("CONSULT", "KENGOV", "ETH"), ("REQUEST", "KENGOV", "ERI"),
        ("REQUEST", "KENGOV", "ETH"),
    ]  # fmt: skip


def test_the_country_named_last_and_a_state_named_by_its_capital():
    text = "ECOWAS has imposed sanctions on Niger, closing borders and freezing the country's assets."
    assert coded_dyads(text) == [("SANCTION", "ECW", "NER")]
    text = "NIAMEY, Niger (AP) — The junta accused Paris of interfering in Niger's internal affairs."
    assert coded_dyads(text) == [("ACCUSE", "NERGOVMIL", "FRAGOV")]  # not France's own junta
    text = "China sent 71 warplanes and nine navy ships toward Taiwan on Monday."
    assert coded_dyads(text) == [("MOBILIZE", "CHN", "TWN")]


def test_a_line_that_ends_a_sentence_ends_it():
    text = (
        "TAIPEI, Taiwan (AP) — China sent 71 warplanes toward Taiwan on Monday as it launched drills around the "
        "island, a day after Taiwan's president returned from a trip that included stops in Hawaii and Guam.\n"
        "Taiwan's defense ministry condemned the exercises as irrational provocations."
    )
    assert [(t, a) for t, a, _ in coded_dyads(text)] == [("MOBILIZE", "CHN"), ("ACCUSE", "TWNGOVMIL")]


def test_a_where_clause_and_the_model_s_reading_of_a_visit_keep_their_place():
    text = "Armenian and Azerbaijani ministers met in Geneva on Monday, where Armenia and Azerbaijan agreed to set up a border commission."
    agreed = [e for e in eventwire.code(text, date="2025-02-12") if e.event == "AGREE"]
    assert agreed and all(e.event_loc.name == "Geneva" for e in agreed)
    (visit,) = eventwire.code(
        "Indian Prime Minister Narendra Modi arrived in Paris on Monday for an AI summit.", date="2025-02-12"
    )
    assert (visit.event, visit.actor[0].code, visit.event_loc.name) == ("CONSULT", "INDGOV", "Paris")


def test_the_sides_of_a_civil_war_and_the_words_a_group_came_with():
    text = (
        "PORT SUDAN, Sudan (AP) — Sudan's army and the paramilitary Rapid Support Forces agreed on Tuesday to a "
        "truce, mediators said. Delegations from both sides have met in Jeddah since Saturday. "
        "The army accused the paramilitary of trying to sabotage the talks. "
        "The World Food Program said it had not been able to reach El Fasher since April and urged both sides to "
        "guarantee safe passage for its trucks."
    )
    events = eventwire.code(text, date="2025-10-14")
    dyads = {(e.event, e.actor[0].code, e.recipient[0].code if e.recipient else None) for e in events}
    assert {("AGREE", "SDNMIL", "SDNREB"), ("AGREE", "SDNREB", "SDNMIL")} <= dyads  # the name after "the paramilitary"
    assert ("CONSULT", "SDNMIL", "SDNREB") in dyads  # delegations from both sides: the two that agreed
    assert ("ACCUSE", "SDNMIL", "SDNREB") in dyads  # "the paramilitary" alone is the group it introduced
    urged = [e for e in events if e.event == "REQUEST"]
    assert {e.recipient[0].code for e in urged} == {"SDNMIL", "SDNREB"}  # not the two countries named last
    assert {e.date.isoformat() for e in urged} == {"2025-10-14"}  # "since April" dates what had not happened


def test_a_second_act_of_the_sayer_and_a_refusal_beside_praise():
    text = "The army chief said his forces would respect the truce but warned that they would respond to any violation."
    assert ("THREATEN", "MIL") in {(t, a[-3:]) for t, a, _ in coded_dyads(text)}
    text = (
        "Iran's foreign minister said Tehran would not accept any change to regional borders, "
        "but he congratulated Armenia on the treaty."
    )
    assert {(t, r) for t, _, r in coded_dyads(text)} >= {("SUPPORT", "ARM"), ("REJECT", None)}


def test_a_judged_act_is_about_its_doers_and_both_countries_are_the_pair_that_met_most():
    text = (
        "GOMA, Congo (AP) — M23 rebels seized the airport in Goma on Sunday. Congo accused Rwanda of sending "
        "soldiers and cut diplomatic ties with Kigali. France condemned the offensive, and Germany suspended "
        "aid to Rwanda. Kenya's president invited the leaders of both countries to a summit in Nairobi."
    )
    got = coded_dyads(text, "2025-10-14")
    assert ("ACCUSE", "FRA", "CODREB") in got  # the offensive is the rebels'
    assert {r for t, a, r in got if a.startswith("KEN")} == {"COD", "RWA"}  # not Germany and Rwanda, named last
    text = 'Serbia\'s president called the raid "a brutal provocation" on Wednesday.'
    assert coded_dyads(text) == [("ACCUSE", "SRBGOV", None)]  # a name, not a call on someone ("on Wednesday")


def test_owners_of_one_noun_are_each_a_party():
    text = "Protesters in Kinshasa attacked the embassies of France, Belgium and the United States on Tuesday."
    assert {r for _, _, r in coded_dyads(text)} == {"FRA", "BEL", "USA"}


def test_mediators_promises_and_a_first_predicate_the_parser_hung_on_the_subject():
    text = "Qatar and Turkey offered to mediate between Pakistan and Afghanistan."
    assert {(a, r) for _, a, r in coded_dyads(text)} == {(a, r) for a in ("QAT", "TUR") for r in ("PAK", "AFG")}
    text = "CARICOM leaders met in Barbados on Monday and pledged to send more police to Haiti."
    assert ("AGREE", "CRB", "HTI") in coded_dyads(text)  # Haiti receives the police, which are CARICOM's own
    text = "China, which has invested heavily in both countries, called for restraint and said it was ready to help."
    assert [(t, a) for t, a, _ in coded_dyads(text)] == [("REQUEST", "CHN")]
    text = "Pakistan's Foreign Office urged Kabul to hand over the group's leaders."
    assert coded_dyads(text) == [("REQUEST", "PAKGOV", "AFGGOV")]  # not Britain's Foreign Office


def test_victims_of_a_strike_abroad_and_soldiers_sent_to_a_border():
    text = ("ISLAMABAD (AP) — Pakistani warplanes struck militant hideouts in Afghanistan's Paktika province, "
            "killing at least 12 people, Taliban officials said.")  # fmt: skip
    assert {r for _, _, r in coded_dyads(text)} == {"AFGREB", "AFGCVL"}  # killed where the strike was, not at home
    text = "The Dominican Republic reinforced its border with 1,500 soldiers."
    assert coded_dyads(text) == [("MOBILIZE", "DOM", None)]


def test_the_group_a_signed_deal_and_a_rights_group():
    text = ("Hezbollah did not respond militarily. Its leader, Naim Kassem, said in a televised speech that the group "
            "would not disarm while Israeli troops remained on Lebanese soil.")  # fmt: skip
    assert ("REJECT", "LBNREB") in {(t, a) for t, a, _ in coded_dyads(text)}  # the group named last, not Israel's army
    text = ("Congo and Rwanda signed a peace agreement in Washington on Friday, though fighting continued as the "
            "document was signed. Human rights groups criticized the deal. Amnesty International condemned it.")  # fmt: skip
    got = coded_dyads(text.replace(" Human", " The M23 said it would continue talks with Kinshasa. Human"))
    assert ("SUPPORT", None, None) not in got  # the signing of "the document" is no second event with no one
    assert {(a, r) for t, a, r in got if t == "ACCUSE" and a == "NGOHRI"} == {("NGOHRI", "COD"), ("NGOHRI", "RWA")}
    assert all(a != "NGONGO" for _, a, _ in got)


def test_the_bloc_s_seat_and_the_two_sides_just_named():
    text = (
        "BRUSSELS (AP) — The European Union imposed tariffs on Chinese electric vehicles. Germany's chancellor urged "
        "Brussels to keep negotiating. The EU trade commissioner spoke by video with China's commerce minister on "
        "Friday, and the two sides agreed to continue talks."
    )
    got = coded_dyads(text, "2025-10-14")
    assert ("REQUEST", "DEUGOV", "EUR") in got  # Brussels is the bloc the story is about, not Belgium
    assert ("CONSULT", "EUR", "CHNGOV") in got  # the counterpart the parser hung on "video"
    assert {(a, r) for t, a, r in got if t == "AGREE"} == {("EUR", "CHNGOV"), ("CHNGOV", "EUR")}
    text = "Machado said 1,800 people were still behind bars and called on the government to free them all."
    assert [a for t, a, _ in coded_dyads(text) if t == "REQUEST"] == ["VENOPP"]  # the sayer, not the prisoners


def test_it_after_a_sentence_about_a_deal_is_the_deal():
    text = ("Sudan's army and the Rapid Support Forces agreed on Tuesday to a truce. The deal was reached in Jeddah. "
            "It allows United Nations convoys to deliver food to the city.")  # fmt: skip
    allowed = [(a, r) for t, a, r in coded_dyads(text, "2025-10-14") if t == "RETREAT"]
    assert {a for a, _ in allowed} == {"SDNMIL", "SDNREB"}  # the parties to the deal, not whoever acted last


def test_a_missile_fired_into_the_sea_and_the_north_of_a_story_about_both_koreas():
    text = ("SEOUL, South Korea (AP) — North Korea fired a ballistic missile into the sea off its east coast on "
            "Monday, South Korea's Joint Chiefs of Staff said. South Korea's National Security Council held an "
            "emergency meeting and called on the North to stop provocations.")  # fmt: skip
    got = coded_dyads(text, "2025-06-10")
    assert ("MOBILIZE", "PRK", None) in got  # a show of force; the missile is no party, nor is the sayer
    assert ("REQUEST", "KOR", "PRK") in got  # "the North", not a town called North
    assert ("CONSULT", "KOR", None) in got  # a meeting of its own council has no foreign counterpart


def test_the_bloc_the_junta_named_again_and_an_expelled_ambassador():
    text = ("NIAMEY, Niger (AP) — ECOWAS imposed financial sanctions on the junta. The bloc also threatened to use "
            "force. The junta accused France of planning an intervention and ordered the French ambassador to "
            "leave the country within 48 hours.")  # fmt: skip
    got = coded_dyads(text, "2025-06-10")
    assert ("THREATEN", "ECW") in {(t, a) for t, a, _ in got}
    assert ("SANCTION", "NERGOVMIL", "FRAGOV") in got  # expelled (166) by Niger's junta, not France's
    assert next(e.cameo for e in eventwire.code(text) if e.event == "SANCTION" and e.actor[0].country == "NER") == "166"


def test_coordinated_names_the_model_codes_and_western_allies():
    text = ("Mali and Burkina Faso, both ruled by military governments, said any intervention in Niger would be "
            "treated as a declaration of war against them.")  # fmt: skip
    assert {a for _, a, _ in coded_dyads(text)} == {"MLI", "BFA"}  # the parse hides the subject: both named parties
    text = (
        "KYIV, Ukraine (AP) — Russian drones struck Kharkiv. Zelenskyy urged Western allies to send more air defenses."
    )
    assert ("REQUEST", "UKRGOV", "WST") in coded_dyads(text)  # not Russia, the story's other country


def test_a_meeting_that_will_happen_and_a_scheduled_drill_are_not_events():
    text = "The U.N. Security Council will meet on Wednesday to discuss the launch, diplomats said."
    got = eventwire.code(text, date="2025-06-10")  # a Tuesday
    assert [(e.event, e.cameo) for e in got] == [("AGREE", "036")]  # intent to meet; the discussion is to come
    assert got[0].date.isoformat() == "2025-06-10"  # said now, not "last Wednesday"
    text = "The United States, South Korea and Japan are set to hold joint naval drills later this month."
    assert not eventwire.code(text, date="2025-06-10")


def test_support_for_a_party_and_a_body_named_again_by_its_common_noun():
    assert {a for t, a, r in coded_dyads("Japan and Australia expressed support for the Philippines.")} == {
        "JPN",
        "AUS",
    }
    assert {r for t, a, r in coded_dyads("Japan and Australia expressed support for the Philippines.")} == {"PHL"}
    text = ("VIENNA (AP) — Iran barred two inspectors of the International Atomic Energy Agency. An Iranian "
            "spokesman accused the agency of leaking information to Israel.")  # fmt: skip
    assert ("ACCUSE", "IRNGOV", "IAE") in coded_dyads(text)
    text = "The West African regional bloc ECOWAS closed its borders with Niger and imposed sanctions on the junta."
    assert {a for _, a, _ in coded_dyads(text)} == {"ECW"}  # the name the parser cut off behind "bloc"


def test_hosts_of_talks_between_others_aid_where_it_lands_and_several_refusing():
    text = "Qatar and Egypt hosted a new round of indirect talks between Israel and Hamas in Doha on Monday."
    assert {(a, r) for t, a, r in coded_dyads(text) if t == "CONSULT" and a in ("QAT", "EGY")} == {
        (a, r) for a in ("QAT", "EGY") for r in ("ISR", "PSEREB")
    }
    text = "CAIRO (AP) — Israel closed a crossing. Jordan's air force dropped aid packages over northern Gaza."
    assert ("AID", "JORMIL", "PSE") in coded_dyads(text)  # where the aid lands, not the story's main country
    text = ("CARACAS, Venezuela (AP) — Venezuela's electoral council declared Maduro the winner. The United States, "
            "Argentina and Peru refused to recognize the result.")  # fmt: skip
    assert {(a, r) for t, a, r in coded_dyads(text) if t == "REJECT"} == {
        ("USA", "VEN"),
        ("ARG", "VEN"),
        ("PER", "VEN"),
    }


def test_whom_an_offer_a_pledge_an_invitation_and_a_dismissal_are_for():
    got = coded_dyads("Hamas said it would release four hostages if Israel freed 120 Palestinian prisoners.")
    assert ("AGREE", "PSEREB", "ISRCVL") in got  # offered to Israel, whose hostages they are
    got = coded_dyads("Germany and the Netherlands pledged to work with Britain to deter such attacks.")
    assert {(a, r) for t, a, r in got if t == "AGREE"} == {("DEU", "GBR"), ("NLD", "GBR")}
    got = eventwire.code(
        "President William Ruto invited opposition leaders to talks at State House.", date="2025-06-10"
    )
    assert [(e.event, e.cameo) for e in got] == [("AGREE", "036")]  # an intent to meet, not a meeting
    text = "Japan's prime minister condemned the launch. Kim Yo Jong dismissed the criticism."
    assert ("REJECT", "PRKGOV", "JPNGOV") in coded_dyads(text)  # the critics, whom the story named


def test_the_island_the_paramilitary_group_and_foreign_services():
    text = ("TAIPEI, Taiwan (AP) — China sent warplanes toward Taiwan. Taiwan's president said the island would not bow "
            "to pressure.")  # fmt: skip
    assert ("REJECT", "TWN") in {(t, a) for t, a, _ in coded_dyads(text)}
    text = ("The Rapid Support Forces shelled a camp near El Fasher. The U.N. aid chief called on the paramilitary "
            "group to stop targeting civilians.")  # fmt: skip
    assert ("REQUEST", "UNO", "SDNREB") in coded_dyads(text)  # the group named before, not Sudan's army
    text = "BELGRADE, Serbia (AP) — Vucic accused foreign intelligence services of organizing the protests."
    assert [r for t, a, r in coded_dyads(text) if t == "ACCUSE"] == ["SPY"]  # whose is not said; not Serbia's
    assert ("ASSAULT", "SRBCOP") in {
        (t, a) for t, a, _ in coded_dyads("Serbian police used pepper spray on the crowd.")
    }


def test_peacekeepers_of_a_un_mission_the_story_names():
    text = ("BAMAKO, Mali (AP) — The United Nations peacekeeping mission in Mali completed its withdrawal. The last "
            "peacekeepers left a base in Gao, handing it over to the Malian army.")  # fmt: skip
    assert all(a == "UNO" for t, a, _ in coded_dyads(text) if t == "RETREAT")
    assert any(t == "RETREAT" for t, _, _ in coded_dyads(text))


def test_the_strikes_doers_their_victims_by_whoever_reports_them_and_a_vow_after_them():
    text = ("NEW DELHI (AP) — India launched missile strikes on nine sites in Pakistan. Pakistan said the strikes killed "
            "26 civilians and vowed to retaliate.")  # fmt: skip
    got = coded_dyads(text, "2025-05-07")
    assert ("ASSAULT", "IND", "PAKCVL") in got  # the strikes India launched; civilians by Pakistan's count
    assert ("THREATEN", "PAK") in {(t, a) for t, a, _ in got}  # strikes make no vows: Pakistan does


def test_what_an_accuser_says_another_intends_is_no_intention_and_his_country():
    got = coded_dyads("Eritrea accused Ethiopia of seeking to seize the port of Assab by force.")
    assert got == [("ACCUSE", "ERI", "ETH")]
    text = "Prime Minister Abiy Ahmed said his country would withdraw from the talks."
    assert [a for _, a, _ in coded_dyads(text)] == ["ETH"]  # the speaker's country


def test_rejecting_an_invitation_rejects_whoever_invited():
    text = ("NAIROBI, Kenya (AP) — President William Ruto invited youth leaders to talks at State House. Protest "
            "organizers rejected the invitation.")  # fmt: skip
    assert ("REJECT", "KENCVL", "KENGOV") in coded_dyads(text, "2025-06-10")
