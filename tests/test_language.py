"""Language detection and the warning shown when the default English model meets other languages."""

from __future__ import annotations

import dataclasses

import pytest

from narrdiff.core.ingest.language import detect_language, language_warning
from narrdiff.core.ingest.read import document_from_text
from narrdiff.core.link.parsed import parse_documents
from narrdiff.core.model import Document

# The same news paragraph (50–85 words) in ten languages, written for these tests.
NEWS_PROSE = {
    "en": (
        "Russia is buying millions of artillery shells and rockets from North Korea, according to"
        " a newly declassified American intelligence finding, a sign that global sanctions and "
        "export controls have severely restricted its supply chain and forced Moscow to turn to "
        "pariah states for military supplies. Officials said the purchase showed the Russian "
        "military was suffering from severe shortages in Ukraine, and they warned that more deals"
        " could follow in the coming months."
    ),
    "fr": (
        "La Russie achète des millions d'obus d'artillerie et de roquettes à la Corée du Nord, "
        "selon un rapport des services de renseignement américains récemment déclassifié. C'est "
        "le signe que les sanctions internationales et les contrôles à l'exportation ont "
        "fortement limité sa chaîne d'approvisionnement et contraint Moscou à se tourner vers des"
        " États parias pour ses fournitures militaires. Les responsables ont déclaré que cet "
        "achat montrait que l'armée russe souffrait de graves pénuries en Ukraine."
    ),
    "de": (
        "Russland kauft nach Erkenntnissen des amerikanischen Geheimdienstes Millionen von "
        "Artilleriegranaten und Raketen aus Nordkorea. Das sei ein Zeichen dafür, dass die "
        "weltweiten Sanktionen und Exportkontrollen die Lieferketten des Landes stark "
        "eingeschränkt und Moskau gezwungen hätten, sich bei militärischem Nachschub an geächtete"
        " Staaten zu wenden. Beamte sagten, der Kauf zeige, dass die russische Armee in der "
        "Ukraine unter erheblichem Mangel leide, und warnten vor weiteren Geschäften in den "
        "kommenden Monaten."
    ),
    "es": (
        "Rusia está comprando millones de proyectiles de artillería y cohetes a Corea del Norte, "
        "según un informe de inteligencia estadounidense recientemente desclasificado, una señal "
        "de que las sanciones internacionales y los controles a la exportación han restringido "
        "gravemente su cadena de suministro y han obligado a Moscú a recurrir a estados parias "
        "para obtener suministros militares. Los funcionarios dijeron que la compra demostraba "
        "que el ejército ruso sufre graves carencias en Ucrania y advirtieron que podrían llegar "
        "más acuerdos en los próximos meses."
    ),
    "it": (
        "La Russia sta acquistando milioni di proiettili di artiglieria e razzi dalla Corea del "
        "Nord, secondo un rapporto dell'intelligence americana recentemente declassificato, segno"
        " che le sanzioni internazionali e i controlli sulle esportazioni hanno fortemente "
        "limitato la sua catena di approvvigionamento e costretto Mosca a rivolgersi a stati "
        "emarginati per le forniture militari. I funzionari hanno detto che l'acquisto dimostra "
        "che l'esercito russo soffre di gravi carenze in Ucraina e hanno avvertito che altri "
        "accordi potrebbero seguire nei prossimi mesi."
    ),
    "pt": (
        "A Rússia está a comprar milhões de projéteis de artilharia e foguetes à Coreia do Norte,"
        " segundo um relatório dos serviços de informações norte-americanos recentemente "
        "desclassificado, um sinal de que as sanções internacionais e os controlos às exportações"
        " restringiram gravemente a sua cadeia de abastecimento e obrigaram Moscovo a recorrer a "
        "estados párias para obter material militar. Os responsáveis disseram que a compra mostra"
        " que o exército russo sofre de graves carências na Ucrânia e avisaram que poderão "
        "seguir-se mais acordos nos próximos meses."
    ),
    "nl": (
        "Rusland koopt miljoenen artilleriegranaten en raketten van Noord-Korea, volgens een "
        "onlangs vrijgegeven rapport van de Amerikaanse inlichtingendiensten. Dat is een teken "
        "dat de internationale sancties en exportcontroles de bevoorrading van het land ernstig "
        "hebben beperkt en Moskou hebben gedwongen zich tot paria-staten te wenden voor militaire"
        " voorraden. Functionarissen zeiden dat de aankoop aantoont dat het Russische leger in "
        "Oekraïne kampt met ernstige tekorten, en zij waarschuwden dat er de komende maanden meer"
        " deals kunnen volgen."
    ),
    "sv": (
        "Ryssland köper miljontals artillerigranater och raketer från Nordkorea, enligt en "
        "nyligen avhemligad amerikansk underrättelserapport. Det är ett tecken på att de "
        "internationella sanktionerna och exportkontrollerna kraftigt har begränsat landets "
        "försörjningskedja och tvingat Moskva att vända sig till utstötta stater för militära "
        "förnödenheter. Tjänstemän sade att köpet visar att den ryska armén lider av allvarlig "
        "brist i Ukraina och varnade för att fler affärer kan följa under de kommande månaderna."
    ),
    "pl": (
        "Rosja kupuje miliony pocisków artyleryjskich i rakiet od Korei Północnej, wynika z "
        "niedawno odtajnionego raportu amerykańskiego wywiadu. To znak, że międzynarodowe sankcje"
        " i kontrole eksportu poważnie ograniczyły jej łańcuch dostaw i zmusiły Moskwę do "
        "zwrócenia się do państw pariasów po zaopatrzenie wojskowe. Urzędnicy powiedzieli, że "
        "zakup pokazuje, iż rosyjska armia cierpi na poważne niedobory na Ukrainie, i ostrzegli, "
        "że w nadchodzących miesiącach mogą nastąpić kolejne transakcje."
    ),
    "ru": (
        "Россия закупает у Северной Кореи миллионы артиллерийских снарядов и ракет, говорится в "
        "недавно рассекреченном докладе американской разведки. Это признак того, что "
        "международные санкции и экспортный контроль серьёзно ограничили цепочки поставок страны "
        "и вынудили Москву обратиться к государствам-изгоям за военными поставками. Чиновники "
        "заявили, что эта закупка свидетельствует о серьёзной нехватке вооружений у российской "
        "армии на Украине, и предупредили, что в ближайшие месяцы могут последовать новые сделки."
    ),
}


@pytest.mark.parametrize("code", sorted(NEWS_PROSE))
def test_detects_ten_languages_from_50_words(code):
    assert len(NEWS_PROSE[code].split()) >= 50
    assert detect_language(NEWS_PROSE[code]) == code
    # From 15 words a guess is right or withheld (Dutch at 15 words is too close to Afrikaans).
    assert detect_language(" ".join(NEWS_PROSE[code].split()[:15])) in {code, None}


def test_short_or_letterless_text_gets_no_guess():
    assert detect_language("Moscow buys shells") is None
    assert detect_language("12 34 56 " * 20) is None
    assert detect_language("") is None


def test_articles_carry_their_language_and_reading_does_not_detect_it():
    documents = [document_from_text(NEWS_PROSE["fr"]), document_from_text("Too short to tell.")]
    assert [d.language for d in documents] == [None, None]  # reading leaves it to parsing
    assert [a.language for a in parse_documents(documents)] == ["fr", None]
    declared = dataclasses.replace(documents[0], language="de")  # as a saved comparison says
    assert parse_documents([declared])[0].language == "de"


def doc(code: str | None) -> Document:
    return Document("a", "a.txt", "text", language=code)


def test_warning_names_the_languages_and_the_way_out():
    message = language_warning([doc("fr"), doc("en")], "all-MiniLM-L6-v2")
    assert message == (
        "The articles are in French and English; the default model (all-MiniLM-L6-v2) is "
        "English-only, so links across languages are unreliable. Choose a multilingual "
        "sentence-transformers model in Settings or with --model (e.g. "
        "paraphrase-multilingual-MiniLM-L12-v2, if installed)."
    )
    assert language_warning([doc("de"), doc("de")], "sentence-transformers/all-MiniLM-L6-v2")
    three = language_warning([doc("de"), doc("fr"), doc("en")], "all-MiniLM-L6-v2")
    assert three.startswith("The articles are in German, French and English;")


def test_no_warning_for_english_unknown_or_another_model():
    assert language_warning([doc("en"), doc("en")], "all-MiniLM-L6-v2") is None
    assert language_warning([doc("en"), doc(None)], "all-MiniLM-L6-v2") is None
    assert language_warning([doc("fr"), doc("en")], "paraphrase-multilingual-MiniLM-L12-v2") is None
    assert language_warning([doc("fr"), doc("en")], "/models/LaBSE") is None


def test_compare_warns_when_the_default_model_meets_french(model_encoder):
    from narrdiff.core.pipeline import compare

    english = document_from_text(
        "Russia is buying millions of artillery shells and rockets from North Korea, according "
        "to newly declassified American intelligence, a sign that sanctions are biting hard."
    )
    french = document_from_text(NEWS_PROSE["fr"])
    comparison = compare([french, english], encoder=model_encoder)
    assert [a.language for a in comparison.articles] == ["fr", "en"]
    assert any(w.startswith("The articles are in French and English;") for w in comparison.warnings)
