"""geoparse on wire-service sentences: which words are places, and which places they are."""

from eventatlas.geo import country_of_demonym


def found(toponyms, text):
    return {text[t.start:t.end]: t.place for t in toponyms}


def test_syria_report(geoparse):
    text = ("BEIRUT (Reuters) - Syrian government forces shelled rebel-held towns in Idlib province on "
            "Tuesday, while Kurdish-led fighters clashed with Islamic State militants near Deir el-Zour, "
            "a war monitor said. Air strikes also hit Maarat al-Numan and Saraqeb, south of Aleppo.")
    places = found(geoparse(text), text)
    assert places["Deir el-Zour"].geonames_id == 170794
    assert places["Aleppo"].geonames_id == 170063
    assert places["Saraqeb"].geonames_id == 164816
    assert places["Maarat al-Numan"].geonames_id == 167611
    idlib = places["Idlib province"]
    assert (idlib.precision, idlib.admin1, idlib.country_code) == ("admin1", "Idlib", "SY")


def test_demonyms_are_not_places(geoparse):
    text = "Syrian, Kurdish and Ukrainian officials met Malian envoys on Monday."
    assert geoparse(text) == []
    assert country_of_demonym("Malian") == "ML"
    assert country_of_demonym("Syrians") == "SY"
    assert country_of_demonym("Kurdish") is None
    assert country_of_demonym("table") is None


def test_demonyms_on_request_are_country_toponyms(geoparse):
    text = "Syrian officials said the talks would resume."
    (top,) = geoparse(text, include_demonyms=True)
    assert (text[top.start:top.end], top.place.geonames_id, top.place.precision) == ("Syrian", 163843, "country")


def test_iraq_report(geoparse):
    text = ("BAGHDAD (Reuters) - A car bomb exploded in a market in Mosul, killing seven people, Iraqi "
            "police said. Another blast hit Kirkuk, north of the capital.")
    places = found(geoparse(text), text)
    assert places["Mosul"].geonames_id == 99072
    assert places["Kirkuk"].geonames_id == 94787
    assert places["BAGHDAD"].country_code == "IQ"


def test_ukraine_report(geoparse):
    text = ("KYIV, Ukraine (AP) - Russian forces pounded Kharkiv and the Donetsk region overnight, Ukrainian "
            "officials said, as fighting raged around Bakhmut.")
    places = found(geoparse(text), text)
    assert places["KYIV"].geonames_id == 703448
    assert places["Kharkiv"].geonames_id == 706483
    assert places["Bakhmut"].geonames_id == 713174
    assert places["Ukraine"].precision == "country"
    assert (places["Donetsk region"].precision, places["Donetsk region"].country_code) == ("admin1", "UA")


def test_sahel_report(geoparse):
    text = ("OUAGADOUGOU (Reuters) - Militants attacked an army post in Djibo, in northern Burkina Faso, killing "
            "15 soldiers, security sources said. In neighbouring Mali, gunmen killed 12 near Menaka, and "
            "jihadists attacked a convoy near Timbuktu. In Niger, an attack near Tillaberi killed four.")
    places = found(geoparse(text), text)
    assert places["OUAGADOUGOU"].geonames_id == 2357048
    assert places["Djibo"].geonames_id == 2361177
    assert places["Burkina Faso"].geonames_id == 2361809
    assert places["Menaka"].geonames_id == 2453514
    assert places["Timbuktu"].geonames_id == 2449067
    assert places["Tillaberi"].geonames_id == 2438678
    assert places["Niger"].precision == "country"


def test_gaza_report(geoparse):
    text = ("GAZA (Reuters) - Israeli air strikes hit Khan Younis and Rafah in the southern Gaza Strip, "
            "Palestinian health officials said.")
    places = found(geoparse(text), text)
    assert places["Khan Younis"].geonames_id == 281124
    assert places["Rafah"].geonames_id == 281102
    assert places["GAZA"].geonames_id == 281133


def test_sudan_and_yemen_reports(geoparse):
    text = ("KHARTOUM (Reuters) - Fighting between the army and the Rapid Support Forces spread to El Fasher "
            "in North Darfur and to Omdurman, Sudanese medics said.")
    places = found(geoparse(text), text)
    assert places["El Fasher"].geonames_id == 379555
    assert places["Omdurman"].geonames_id == 365137
    assert places["North Darfur"].precision == "admin1"
    text = ("ADEN (Reuters) - Houthi fighters shelled government positions in Taiz and near Marib, Yemeni "
            "officials said; Saudi-led jets struck Sanaa.")
    places = found(geoparse(text), text)
    assert places["Taiz"].geonames_id == 70225
    assert places["Sanaa"].geonames_id == 71137
    assert places["Marib"].country_code == "YE"


def test_common_words_and_names_are_not_places(geoparse):
    text = "Police said Mark Said had hope that the army would leave the town of Of by Monday."
    assert found(geoparse(text), text) == {}


def test_offsets_point_at_the_surface_text(geoparse):
    text = "Clashes were reported in Idlib province and in Hama."
    for t in geoparse(text):
        assert text[t.start:t.end] == t.place.text


def test_peoples_are_actors_not_places(geoparse):
    # Baloch and Hazara are also place names somewhere; said of people they are not places.
    text = "Pashtun and Baloch elders met Hazara, Uyghur and Rohingya activists and Yazidi and Druze clerics."
    assert geoparse(text) == []
    assert country_of_demonym("Rohingya") == "MM" and country_of_demonym("Druze") is None


def test_a_place_whose_name_begins_with_a_demonym_is_still_a_place(geoparse):
    text = "Floods hit Tamil Nadu and the Central African Republic, and tankers crossed the Arabian Sea."
    places = found(geoparse(text), text)
    assert places["Tamil Nadu"].precision == "admin1" and places["Tamil Nadu"].country_code == "IN"
    assert places["Central African Republic"].geonames_id == 239880
    assert places["Arabian Sea"].precision == "region"


def test_armed_groups_are_actors_not_places(geoparse):
    # "Taliban" is a village in Turkey, "Wagner" a town in South Dakota
    text = ("Fighters loyal to the Taliban seized a checkpoint, the Houthis fired drones at ships, and "
            "men from al-Shabaab and the Wagner group were seen near Hezbollah positions.")
    assert geoparse(text) == []


def test_a_word_of_an_organisation_name_is_not_a_place(geoparse):
    # Bureau County, Illinois, lends its bare name to nobody's journalism bureau
    text = "Reporters from the Bureau of Investigative Journalism said the strikes killed 12 people in Helmand."
    assert list(found(geoparse(text), text)) == ["Helmand"]


def test_a_place_named_in_an_organisation_name_stays_a_place(geoparse):
    text = "Students at the University of Aleppo and staff of Kabul Bank were among those hurt."
    places = found(geoparse(text), text)
    assert places["Aleppo"].geonames_id == 170063 and places["Kabul"].country_code == "AF"


def test_international_bodies_are_actors_not_places(geoparse):
    text = "The European Union and the African Union urged both sides to talk in Addis Ababa."
    assert list(found(geoparse(text), text)) == ["Addis Ababa"]
