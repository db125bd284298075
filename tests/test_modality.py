"""Actions that did not happen are not events; with --keep-unrealized they are kept and marked."""

import pytest

import eventwire
from eventwire.pipeline import Options

KEEP = Options(keep_unrealized=True)


def types(text, **kw):
    return [e.event for e in eventwire.code(text, date="2025-06-10", **kw)]


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces did not attack the town of Sumy on Monday.",
        "The convoy reached the besieged town without firing a shot.",
        "The minister dismissed speculation that Turkey would expel Swedish diplomats.",
        "Officials denied reports that troops had shelled the border villages.",
        "Iran could impose sanctions on British firms if the talks collapse.",
        "Analysts said Pakistan might retaliate if India attacked its territory.",
        "The army never deployed troops to the capital.",
        "Analysts said Beijing might respond with large-scale drills.",
        "Washington stopped short of imposing an embargo on Caracas.",
        "Were Washington to withdraw its troops from Syria, Kurdish-led forces could struggle to hold territory.",
        "Had the IMF agreed to the programme, the first loan would have come in March.",
        "The general strike called by the unions did not take place on Tuesday.",
        "Any attack on the pipeline would devastate the region's economy.",
        "The proposed sanctions would target the country's state-owned oil company.",
        "Relations have been frozen since March, when Kyrgyz troops shelled a Tajik border post.",
        "The president has yet to sign the amnesty bill passed by parliament.",
        "The mutual defense treaty covers attacks on Philippine vessels anywhere in the South China Sea.",
        "The law bans protests near parliament.",
        "The United States, South Korea and Japan are set to hold joint naval drills later this month.",
    ],
)
def test_unrealized_actions_are_not_events(text):
    assert types(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hungary vetoed a joint EU statement condemning China's crackdown in Hong Kong.",
        "The United States vetoed a resolution calling for a ceasefire in Gaza.",
    ],
)
def test_what_a_vetoed_text_would_have_said_is_no_event(text):
    assert types(text) == ["REJECT"]


def test_what_one_is_accused_of_is_the_accusers_claim():
    text = ("Congo's government on Sunday accused Rwanda of sending troops and weapons to M23 rebels who seized "
            "the eastern town of Walikale last week.")  # fmt: skip
    assert "MOBILIZE" not in types(text)
    (kept,) = [e for e in eventwire.code(text, date="2025-06-10", options=KEEP) if e.event == "MOBILIZE"]
    assert kept.modality.hypothetical and kept.modality.reason == "alleged:accuse"
    assert "COERCE" in types(text)  # the rebels' seizure is the reporter's own account


def test_a_negation_stays_in_its_own_conjunct():
    assert types("Turkey did not expel the diplomats, nor did it recall its ambassador.") == []
    evs = eventwire.code("Russia did not attack Kyiv, but it shelled Kharkiv.", date="2025-06-10")
    assert [(e.event, e.actor[0].country, e.recipient[0].country) for e in evs] == [("ASSAULT", "RUS", "UKR")]
    text = "Congo and Rwanda did not sign any agreement in Luanda, but they agreed to meet again in two weeks."
    assert sorted(types(text)) == ["AGREE", "AGREE"]


def test_an_agreement_that_failed_is_a_disagreement_between_the_parties():
    cases = [
        "Serbia and Kosovo failed to reach an agreement on license plates.",
        "Talks between Serbia and Kosovo ended without an agreement.",
        "Serbia and Kosovo did not reach an agreement on license plates.",
        "No agreement was reached at the meeting between Serbian and Kosovar officials.",
    ]
    for text in cases:
        dyads = {(e.actor[0].country, e.recipient[0].country) for e in eventwire.code(text, date="2025-06-10")
                 if e.event == "REJECT" and e.cameo == "120"}  # fmt: skip
        assert dyads == {("SRB", "XKX"), ("XKX", "SRB")}, text
    # one that may still come is no failure
    assert "REJECT" not in types("Serbia and Kosovo have not yet agreed on license plates.")


def test_keep_unrealized_marks_them():
    (ev,) = [e for e in eventwire.code("Russian forces did not attack Sumy.", options=KEEP) if e.event == "ASSAULT"]
    assert ev.modality.negated and not ev.modality.realized
    (ev,) = [
        e for e in eventwire.code("Iran could impose sanctions on Britain.", options=KEEP) if e.event == "SANCTION"
    ]
    assert ev.modality.hypothetical


def test_future_talks_are_an_intent_to_meet():
    evs = eventwire.code("Japan and South Korea will hold talks in Tokyo next week.", date="2025-06-10")
    assert {(ev.event, ev.cameo) for ev in evs} == {("AGREE", "036")}


def test_a_pledge_is_to_the_partner_of_the_act_pledged_and_what_it_counters_is_no_intention():
    text = ("Japan and South Korea pledged to expand security cooperation with the United States to counter North "
            "Korea's growing nuclear threat.")  # fmt: skip
    evs = eventwire.code(text, date="2025-06-10")
    assert sorted((e.event, e.actor[0].country, e.recipient[0].country) for e in evs) == [
        ("AGREE", "JPN", "USA"), ("AGREE", "KOR", "USA")]  # fmt: skip


def test_a_future_meeting_is_dated_by_its_announcement_and_its_venue_is_no_event():
    text = "The two leaders will hold their next meeting on the sidelines of the APEC summit in Gyeongju in October."
    evs = eventwire.code(text, date="2025-06-10")
    assert {(ev.event, str(ev.date)) for ev in evs} == {("AGREE", "2025-06-10")}


def test_intended_action_is_not_coded_but_the_appeal_is():
    evs = eventwire.code("The UN urged Israel to release the detained aid workers.", date="2025-06-10")
    assert [e.event for e in evs] == ["REQUEST"]


def test_reported_speech_keeps_the_doer_and_names_the_reporter():
    (ev,) = eventwire.code("State media said Syrian troops shelled rebel positions near Idlib.", date="2025-06-10")
    assert ev.event == "ASSAULT" and ev.actor[0].country == "SYR"
    assert ev.modality.reported_by == "State media"


def test_historical_reference_is_not_a_current_event():
    evs = eventwire.code("Seoul recalled that U.S. troops withdrew tactical weapons in 1991.", date="2025-06-10")
    assert [e.event for e in evs] == []


def test_natural_forces_are_not_actors():
    evs = eventwire.code("A powerful earthquake struck Port Vila, killing 14 people.", date="2025-06-10")
    assert [e for e in evs if e.event == "ASSAULT"] == []


def test_a_stated_intention_is_the_event():
    assert "AGREE" in types("Japan said it would resume yen loans to Sri Lanka for stalled infrastructure projects.")
    assert "THREATEN" in types("Pakistan's army chief warned that Pakistan would retaliate if India attacked.")


def coded(text: str) -> list[tuple[str, str, str, str]]:
    return [(e.event, e.cameo, e.actor[0].country if e.actor else "", e.recipient[0].country if e.recipient else "")
            for e in eventwire.code(text, date="2025-06-10")]  # fmt: skip


def test_an_intention_takes_the_cameo_twin_of_the_intended_act():
    # the promise is coded on "provide", which holds the recipient; "pledged" itself gives way; an amount is
    # of what it is counted in (loans: economic aid)
    assert coded("Japan pledged to provide 500 million dollars in loans to Sri Lanka.") == [
        ("AGREE", "0331", "JPN", "LKA")
    ]
    assert coded("Turkey said it will withdraw its troops from northern Syria next month.")[0][:2] == ("AGREE", "0356")
    assert coded("North Korea vowed to strike back at South Korea.") == [("THREATEN", "138", "PRK", "KOR")]


def test_saying_what_another_must_do_is_a_demand_of_it():
    # the sayer demands, of the one who must act, the act's CAMEO twin among the demands (10x)
    assert coded("The European Union said Russia must withdraw its troops from Ukraine.") == [
        ("REQUEST", "1056", "EUR", "RUS")
    ]
    assert coded("Kenya's president said the rebels must lay down their arms.") == [("REQUEST", "1056", "KEN", "KEN")]
    # an obligation the sayer sets itself is no demand
    assert "REQUEST" not in types("Seoul said it must hold talks with Pyongyang.")
    assert coded("The minister said we must sign the agreement soon.") == []


def test_saying_what_another_should_do_is_a_demand_even_of_an_act_the_lexicon_does_not_know():
    text = "China's foreign ministry said Washington should stop interfering in Hong Kong."
    assert coded(text) == [("REQUEST", "100", "CHN", "USA")]
    assert coded("Indonesia's president said the army should withdraw from the villages.")[0][:2] == ("REQUEST", "1056")
    assert coded("Officials said they should finish the report by Friday.") == []


def test_what_a_refusal_or_a_promise_waits_on_has_not_happened():
    # the army's withdrawal is the rebels' condition, not news
    assert types("The rebels said they would not lay down their weapons until the army withdrew.") == ["REJECT"]
    assert "ASSAULT" not in types("Pakistan will not resume talks until India stops shelling Kashmir.")
    # a clause that tells when something happened is still reported
    assert "ASSAULT" in types("The ceasefire held until Russian troops shelled Kherson on Monday.")


def test_a_hostile_act_a_party_says_it_might_take_on_a_condition_is_a_threat():
    text = "The Chinese commerce ministry said it might restrict exports of rare-earth metals to Japan if Tokyo joined."
    assert coded(text) == [("THREATEN", "1312", "CHN", "JPN")]
    # not when others guess at it, nor when what is offered on a condition is cooperation
    assert coded("Analysts said Pakistan might retaliate if India attacked its territory.") == []
    assert coded("Beijing said it might resume loans to Zambia if the debt talks succeed.") == []


def test_an_appeal_takes_the_code_of_an_infinitive_hung_as_a_clause():
    # spaCy hangs "to release" on "called" as an adverbial clause; the release is still what is asked for
    text = "The minister thanked the UAE and called on Moscow to release all Ukrainian civilians held in detention."
    assert ("REQUEST", "0253", "", "RUS") in [(t, c, "", r) for t, c, _, r in coded(text)]


def test_a_verb_is_refined_by_its_subject_when_nothing_else_decides():
    assert "ASSAULT" in types("A mine exploded under a passenger bus near Anuradhapura, killing 64 people.")
    assert types("Teachers struck across the country for higher pay on Monday.") == ["PROTEST"]


def test_a_vow_to_retaliate_is_a_threat():
    assert ("THREATEN", "138", "RUS", "") in coded("Russia condemned the new sanctions and vowed to retaliate.")


def test_a_refusal_to_cooperate_is_a_rejection():
    assert coded("Hamas refused to release the remaining hostages.")[0][:3] == ("REJECT", "1243", "PSE")
    assert coded("Hamas declined to release the remaining hostages, the mediators said.")[0][:2] == ("REJECT", "1243")


def test_a_condition_is_no_promise():
    # what the threat demands of the other side ("unless the government agreed") has not happened
    evs = coded("Labour unions threatened to shut down the airports unless the government agreed to a new wage.")
    assert "AGREE" not in {e[0] for e in evs}


def test_what_is_threatened_is_no_intention_of_its_own():
    # the talks are the object of the threatened suspension, not a promise to talk: a threat to halt negotiations
    evs = coded("Syria threatened to suspend the indirect talks with Israel.")
    assert [e[:2] for e in evs] == [("THREATEN", "134")]


@pytest.mark.parametrize(
    "text",
    [
        "The statistics bureau said the economy added 34,000 jobs, beating analysts' expectations.",
        "The ministry said the death toll from the earthquake had risen to 2,862, with more than 2,500 people injured.",
    ],
)
def test_no_attack_without_an_attacker(text):
    assert "ASSAULT" not in types(text)


def test_a_rejection_takes_the_refusal_twin_of_what_it_turns_down():
    assert coded("The White House ruled out direct talks with Venezuela's president.") == [
        ("REJECT", "125", "USA", "VEN")
    ]
    assert coded("Washington declined a Russian proposal for a new missile treaty.")[0][:3] == ("REJECT", "120", "USA")
    assert coded("Germany will not send Taurus missiles to Ukraine, the chancellor said.") == [
        ("REJECT", "1222", "DEU", "UKR")
    ]


def test_saying_one_will_not_do_something_is_a_refusal_whatever_the_verb():
    assert coded("Ankara said it would not abandon its air defence system.")[0][:3] == ("REJECT", "120", "TUR")
    # no party refuses anything here
    assert coded("The ministry said the sanctions would not affect trade with China.") == []


def test_agreeing_to_an_act_stays_an_agreement():
    # "demonstrate" is a protest word; agreeing to demonstrate ship repairs is no threat
    evs = coded("The two allies agreed to demonstrate warship repairs in South Korea.")
    assert {e[0] for e in evs} <= {"AGREE"}


@pytest.mark.parametrize("model", ["full", "fast", "none"])
def test_every_sentence_model_codes_a_plain_event(model):
    evs = eventwire.code("Russian forces shelled the city of Kherson on Monday.", date="2026-05-20",
                         options=Options(model=model))  # fmt: skip
    assert [(e.event, e.actor[0].country) for e in evs] == [("ASSAULT", "RUS")]
    assert model == "none" or all(":" in e.decided_by for e in evs)


def test_an_appeal_or_demand_takes_the_code_of_what_it_asks_for():
    assert coded("The UN urged Israel to release the detained aid workers.")[0][:2] == ("REQUEST", "0253")
    assert coded("Iran demanded the release of its tanker seized by Britain.")[0][:2] == ("REQUEST", "1053")
    assert coded("The EU called on both sides to hold talks in Geneva.")[0][:2] == ("REQUEST", "026")


def test_what_is_called_for_or_sought_is_asked_of_whoever_it_is_with():
    # the talks have not happened: they are what Japan asks China for
    assert coded("Japan called for talks with China on Monday.") == [("REQUEST", "026", "JPN", "CHN")]
    assert coded("Japan sought talks with China on Monday.") == [("REQUEST", "026", "JPN", "CHN")]
    assert coded("Kenya sought military assistance from Britain.") == [("REQUEST", "0232", "KEN", "GBR")]


def test_whoever_is_to_blame_is_blamed_by_the_sayer():
    text = "Poland's foreign minister said Russia was to blame for the sabotage of the rail line."
    assert [e for e in coded(text) if e[0] == "ACCUSE"] == [("ACCUSE", "112", "POL", "RUS")]


def test_an_event_noun_is_dated_by_the_verb_it_hangs_on():
    evs = eventwire.code("The war ended in June 1999 with an agreement between Serbia and NATO.", date="2025-06-10")
    assert [e.event for e in evs] == []


def test_what_took_place_between_two_parties_is_theirs():
    evs = coded("The talks took place in Geneva on Monday between Iran and the European Union.")
    assert sorted(evs) == [("CONSULT", "040", "EUR", "IRN"), ("CONSULT", "040", "IRN", "EUR")]


def test_a_finite_verb_misparsed_under_a_promise_is_still_asserted():
    # the parser hangs "accused" on "defend"; its tense says it goes with "warned"
    text = "China warned that it would take all necessary measures to defend its sovereignty and accused Manila."
    assert ("ACCUSE", "112", "CHN", "PHL") in coded(text)


def test_an_adjective_of_readiness_states_an_intention_not_the_act():
    (ev,) = eventwire.code("Seoul is willing to resume talks with Pyongyang.", date="2025-01-01")
    assert (ev.event, ev.cameo, ev.actor[0].country) == ("AGREE", "036", "KOR")
    (ev,) = eventwire.code("Israel is unwilling to negotiate with Hamas.", date="2025-01-01")
    assert (ev.event, ev.cameo, ev.actor[0].country) == ("REJECT", "125", "ISR")
    assert eventwire.code("China is unlikely to attend the summit in Tokyo.", date="2025-01-01") == []
    # the parser hangs this infinitive on the copula, beside the adjective
    assert eventwire.code("It is difficult to negotiate with Hamas, Israeli officials said.", date="2025-01-01") == []


def test_the_purpose_of_a_future_meeting_or_of_a_deployment_is_not_an_act():
    kept = eventwire.code("The U.N. Security Council will meet on Wednesday to discuss the launch.", options=KEEP)
    (talks,) = [e for e in kept if e.cameo == "040"]
    assert talks.modality.future and not talks.modality.realized
    assert types("The court heard a challenge to the deployment of the military to support the police.") == []
    assert types("Spain became the first country to recognize the new government.") != []  # it did recognize it


def test_a_charge_denied_after_it_is_still_made():
    text = (
        "Pakistan has repeatedly accused Afghanistan's Taliban rulers of sheltering the group, a charge Kabul denies."
    )
    assert types(text) == ["ACCUSE"]  # the parser hangs the accusation on "denies"; Kabul denies, Pakistan accused
    assert types("The army denied that troops had shelled the villages.") == []
