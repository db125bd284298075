"""Places: the regions list, namesakes, and which place an event is tied to."""

import math

import pytest

import eventwire
from eventwire.resolve.places import place_in_name, resolve_place


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def place(text, typ=None):
    """The place of the first event (of a type) coded from text."""
    evs = [e for e in eventwire.code(text, date="2025-11-04") if typ is None or e.event == typ]
    assert evs, f"no event in {text!r}"
    return evs[0].event_loc


# ---------------------------------------------------------------- resolve_place


@pytest.mark.parametrize(
    "text, country, feature",
    [
        ("Second Thomas Shoal", "PHL", "reef"),
        ("Ayungin Shoal", "PHL", "reef"),
        ("Ladakh", "IND", "province"),
        ("the Catatumbo region", "COL", "region"),
        ("Crimea", "UKR", "region"),
        ("Al Udeid Air Base", "QAT", "base"),
        ("Strait of Hormuz", None, "strait"),
    ],
)
def test_regions_resolve(text, country, feature):
    loc = resolve_place(text, [])
    assert loc is not None and loc.country_code == country and loc.feature == feature


def test_region_point_is_where_news_puts_it():
    loc = resolve_place("the Demilitarized Zone", [])
    assert loc is not None and km(loc.lat, loc.lon, 37.956, 126.677) < 50  # Panmunjom, where visits go


def test_a_region_of_the_story_country_beats_a_foreign_country_of_that_name():
    assert resolve_place("Georgia", ["USA", "KOR"]).country_code == "USA"
    assert resolve_place("Georgia", ["RUS", "GEO"]).country_code == "GEO"
    assert resolve_place("Georgia", []).feature == "country"


def test_a_country_alias_naming_part_of_it_is_that_part():
    loc = resolve_place("Gaza Strip", [])
    assert loc.country_code == "PSE" and loc.feature == "region" and km(loc.lat, loc.lon, 31.42, 34.36) < 30


def test_namesake_regions_follow_the_story():
    assert resolve_place("Punjab", ["IND"]).country_code == "IND"
    assert resolve_place("Punjab", ["PAK"]).country_code == "PAK"


def test_a_city_read_out_of_a_name_but_not_an_owner_country():
    assert place_in_name("Manama Dialogue", []).name == "Manama"
    assert place_in_name("U.S. Embassy", []) is None


# ---------------------------------------------------------------- the event's place


def test_a_country_modifying_a_noun_owns_it_and_the_in_phrase_places_it():
    loc = place("Iran-backed militias attacked a U.S. base in Iraq on Sunday.", "ASSAULT")
    assert loc is not None and loc.country_code == "IRQ"


@pytest.mark.parametrize(
    "text",
    ["Ukrainian forces struck targets inside Russian territory on Tuesday.",
     "Ukrainian drones struck an oil depot on Russian soil on Tuesday."],
)  # fmt: skip
def test_an_adjective_of_territory_names_the_country(text):
    loc = place(text, "ASSAULT")
    assert loc is not None and loc.country_code == "RUS"


def test_a_place_under_another_preposition_is_not_the_venue():
    loc = place("EU leaders pledged new loans for Moldova at their summit in Brussels on Thursday.", "AGREE")
    assert loc is not None and loc.name == "Brussels"


def test_conjoined_verbs_share_the_place_of_the_first():
    loc = place("Foreign ministers met in Jakarta on Friday and condemned the coup in Myanmar.", "ACCUSE")
    assert loc is not None and loc.name == "Jakarta"


def test_the_occasion_of_a_speech_places_it():
    text = "Kenya's president demanded that rich nations pay for climate damage, in a speech at a summit in Nairobi."
    loc = place(text, "REQUEST")
    assert loc is not None and loc.name == "Nairobi"


def test_what_an_accusation_is_about_is_not_where_it_was_made():
    assert place("The UN rights office accused the army on Friday of killing protesters in Khartoum.", "ACCUSE") is None


def test_at_sea_is_no_place():
    assert place("Houthi rebels attacked a cargo ship in the Gulf of Aden on Monday.", "ASSAULT") is None


def test_a_withdrawal_is_placed_where_it_left():
    loc = place("Russian forces withdrew from the city of Kherson on Friday.", "RETREAT")
    assert loc is not None and loc.name == "Kherson"


def test_a_local_source_reports_a_local_incident():
    loc = place("A regional official in Odesa said Russian drones struck the port overnight.", "ASSAULT")
    assert loc is not None and loc.name == "Odesa"


def test_a_local_body_sits_where_it_is_named_after():
    loc = place("Warsaw police detained 20 protesters on Saturday.", "COERCE")
    assert loc is not None and loc.name == "Warsaw"


def test_the_parties_settle_a_namesake_known_by_an_alternate_spelling():
    loc = place("Israeli troops killed two Hamas fighters in Khan Younis on Monday.", "ASSAULT")
    assert loc is not None and loc.country_code == "PSE"


def test_a_region_in_the_clause():
    loc = place("Indian troops pulled back from two friction points in eastern Ladakh on Wednesday.", "RETREAT")
    assert loc is not None and loc.country_code == "IND"


def test_a_place_carries_over_to_the_same_day_only():
    evs = eventwire.code(
        "Italy's prime minister met Ukraine's president in Rome on Monday. "
        "During the meeting, the two leaders signed a security agreement. "
        "On Wednesday, Italy's prime minister praised Ukraine's courage.",
        date="2025-11-04",
    )
    signed = [e for e in evs if e.trigger.startswith("signed")]
    praised = [e for e in evs if e.trigger == "praised"]
    assert signed and signed[0].event_loc is not None and signed[0].event_loc.name == "Rome"
    assert praised and praised[0].event_loc is None


def test_a_city_before_an_event_noun_is_its_venue_and_a_country_its_party():
    (ev,) = eventwire.code("Ukraine's delegation attended the Istanbul talks with Russia on Monday.", date="2025-01-01")
    assert ev.event_loc.name == "Istanbul" and {a.country for a in ev.actor} == {"UKR"}
    (ev,) = eventwire.code("U.S. sanctions on Iran took effect on Monday.", date="2025-01-01")
    assert (ev.event, ev.actor[0].country, ev.recipient[0].country) == ("SANCTION", "USA", "IRN")


def test_a_part_of_a_place_is_placed_at_that_place():
    loc = resolve_place("eastern Ukraine", [])
    assert (loc.text, loc.country_code) == ("eastern Ukraine", "UKR")
    assert resolve_place("western Darfur", []).name == "Darfur"
    assert resolve_place("Northern Ireland", []).country_code == "GBR"  # a name of its own stays itself
    assert resolve_place("northern Narnia", []) is None


def test_an_organisation_is_no_place_even_when_a_town_has_its_letters():
    (ev,) = eventwire.code("The president ended the agreement with the IMF.", date="2025-11-22")
    assert ev.event_loc is None and [r.code for r in ev.recipient] == ["IMF"]


def test_an_airport_code_and_a_compass_point_are_no_towns():
    ber = resolve_place("Ber", ["MLI"])
    assert ber is None or ber.country_code != "DEU"  # Berlin's airport is BER
    assert resolve_place("the North", ["PRK", "KOR"]) is None
    assert resolve_place("Berlin", []).country_code == "DEU"
