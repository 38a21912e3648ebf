"""Generate a fictitious but realistic archive of trip reports.

Benchmarks of the site build and of full-text search, and tests that need many reports, should
not depend on real reports: the real archive is small, and real names do not belong in fixtures.
The archive is built from one `random.Random(seed)` only, so a seed always gives the same bytes.
Every report is marked as fictitious in its title, summary, tags and first sentence.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from reisregister.core.model import SUMMARY_MAX, FrontMatter
from reisregister.core.train_rule import TrainRule, within_rule
from reisregister.intake.report_files import place_slug, render_report, report_path

FICTION_LINE = "Dit is een fictief verslag, gegenereerd voor tests en metingen."
DEMO_TAG = "demo"
TITLE_PREFIX = "[DEMO] "
HOME = "Gemeente Den Haag"

# Trips happen before the reference date; planned ones are registered for the year after it.
PAST_FIRST, PAST_LAST = date(2010, 1, 4), date(2026, 11, 14)
PENDING_FIRST = date(2025, 5, 1)
PLANNED_FIRST, PLANNED_LAST = date(2027, 1, 11), date(2027, 12, 6)
LAST_CORRECTION = date(2026, 11, 27)
PLANNED_SHARE, PENDING_SHARE = 0.03, 0.05
WORDS_MIN, WORDS_MAX = 300, 800

# Rendering the YAML dominates the run time, so large archives are written by several processes.
PARALLEL_FROM, CHUNK_SIZE = 1000, 250


# ----------------------------------------------------------------------------
# Data: places
# ----------------------------------------------------------------------------

# Continent (also a tag) -> cities with ISO 3166-1 alpha-2 codes, Dutch exonyms where usual.
CITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "Europa": (
        ("Brussel", "BE"), ("Antwerpen", "BE"), ("Gent", "BE"), ("Luik", "BE"), ("Parijs", "FR"),
        ("Lyon", "FR"), ("Marseille", "FR"), ("Straatsburg", "FR"), ("Bordeaux", "FR"), ("Lille", "FR"),
        ("Nantes", "FR"), ("Berlijn", "DE"), ("Hamburg", "DE"), ("München", "DE"), ("Keulen", "DE"),
        ("Frankfurt am Main", "DE"), ("Düsseldorf", "DE"), ("Leipzig", "DE"), ("Freiburg im Breisgau", "DE"),
        ("Londen", "GB"), ("Manchester", "GB"), ("Edinburgh", "GB"), ("Bristol", "GB"), ("Glasgow", "GB"),
        ("Dublin", "IE"), ("Cork", "IE"), ("Kopenhagen", "DK"), ("Aarhus", "DK"), ("Stockholm", "SE"),
        ("Göteborg", "SE"), ("Malmö", "SE"), ("Oslo", "NO"), ("Bergen", "NO"), ("Helsinki", "FI"),
        ("Tampere", "FI"), ("Tallinn", "EE"), ("Riga", "LV"), ("Vilnius", "LT"), ("Warschau", "PL"),
        ("Krakau", "PL"), ("Gdańsk", "PL"), ("Wrocław", "PL"), ("Praag", "CZ"), ("Brno", "CZ"),
        ("Wenen", "AT"), ("Graz", "AT"), ("Zürich", "CH"), ("Genève", "CH"), ("Bazel", "CH"), ("Bern", "CH"),
        ("Milaan", "IT"), ("Rome", "IT"), ("Turijn", "IT"), ("Bologna", "IT"), ("Florence", "IT"),
        ("Napels", "IT"), ("Madrid", "ES"), ("Barcelona", "ES"), ("Valencia", "ES"), ("Bilbao", "ES"),
        ("Sevilla", "ES"), ("Lissabon", "PT"), ("Porto", "PT"), ("Athene", "GR"), ("Thessaloniki", "GR"),
        ("Boedapest", "HU"), ("Ljubljana", "SI"), ("Zagreb", "HR"), ("Belgrado", "RS"), ("Sarajevo", "BA"),
        ("Boekarest", "RO"), ("Sofia", "BG"), ("Luxemburg", "LU"), ("Valletta", "MT"), ("Reykjavik", "IS"),
        ("Istanbul", "TR"), ("Ankara", "TR"), ("Kyiv", "UA"), ("Chisinau", "MD"), ("Tbilisi", "GE"),
        ("Jerevan", "AM"), ("Nicosia", "CY"), ("Bratislava", "SK"), ("Skopje", "MK"), ("Tirana", "AL"),
    ),
    "Afrika": (
        ("Kaapstad", "ZA"), ("Johannesburg", "ZA"), ("Durban", "ZA"), ("Nairobi", "KE"), ("Mombasa", "KE"),
        ("Kigali", "RW"), ("Addis Abeba", "ET"), ("Accra", "GH"), ("Lagos", "NG"), ("Abuja", "NG"),
        ("Dakar", "SN"), ("Casablanca", "MA"), ("Rabat", "MA"), ("Marrakech", "MA"), ("Tunis", "TN"),
        ("Caïro", "EG"), ("Alexandrië", "EG"), ("Dar es Salaam", "TZ"), ("Kampala", "UG"), ("Lusaka", "ZM"),
        ("Maputo", "MZ"), ("Windhoek", "NA"), ("Gaborone", "BW"), ("Kumasi", "GH"),
    ),
    "Azië": (
        ("Tokio", "JP"), ("Osaka", "JP"), ("Kyoto", "JP"), ("Seoul", "KR"), ("Busan", "KR"), ("Peking", "CN"),
        ("Shanghai", "CN"), ("Shenzhen", "CN"), ("Guangzhou", "CN"), ("Chengdu", "CN"), ("Taipei", "TW"),
        ("Singapore", "SG"), ("Kuala Lumpur", "MY"), ("Jakarta", "ID"), ("Bandung", "ID"), ("Surabaya", "ID"),
        ("Bangkok", "TH"), ("Hanoi", "VN"), ("Ho Chi Minhstad", "VN"), ("Manilla", "PH"), ("Mumbai", "IN"),
        ("New Delhi", "IN"), ("Bangalore", "IN"), ("Chennai", "IN"), ("Dhaka", "BD"), ("Colombo", "LK"),
        ("Kathmandu", "NP"), ("Dubai", "AE"), ("Abu Dhabi", "AE"), ("Doha", "QA"), ("Tel Aviv", "IL"),
        ("Amman", "JO"), ("Beiroet", "LB"), ("Riyad", "SA"), ("Almaty", "KZ"), ("Tasjkent", "UZ"),
        ("Ulaanbaatar", "MN"),
    ),
    "Noord-Amerika": (
        ("New York", "US"), ("Washington", "US"), ("Boston", "US"), ("Chicago", "US"), ("San Francisco", "US"),
        ("Seattle", "US"), ("Los Angeles", "US"), ("Austin", "US"), ("Atlanta", "US"), ("Pittsburgh", "US"),
        ("Toronto", "CA"), ("Montreal", "CA"), ("Vancouver", "CA"), ("Ottawa", "CA"), ("Mexico-Stad", "MX"),
        ("Guadalajara", "MX"), ("Havana", "CU"), ("Willemstad", "CW"), ("Oranjestad", "AW"),
        ("Philipsburg", "SX"), ("Kralendijk", "BQ"), ("San José", "CR"), ("Panama-Stad", "PA"),
    ),
    "Zuid-Amerika": (
        ("Paramaribo", "SR"), ("São Paulo", "BR"), ("Rio de Janeiro", "BR"), ("Curitiba", "BR"),
        ("Brasília", "BR"), ("Buenos Aires", "AR"), ("Rosario", "AR"), ("Santiago", "CL"), ("Valparaíso", "CL"),
        ("Lima", "PE"), ("Bogotá", "CO"), ("Medellín", "CO"), ("Quito", "EC"), ("Montevideo", "UY"),
        ("La Paz", "BO"), ("Asunción", "PY"),
    ),
    "Oceanië": (
        ("Sydney", "AU"), ("Melbourne", "AU"), ("Brisbane", "AU"), ("Perth", "AU"), ("Adelaide", "AU"),
        ("Canberra", "AU"), ("Auckland", "NZ"), ("Wellington", "NZ"), ("Christchurch", "NZ"), ("Suva", "FJ"),
    ),
}  # fmt: skip

# Most trips stay in Europe, as in the real register.
CONTINENT_WEIGHTS = {"Europa": 62, "Noord-Amerika": 12, "Azië": 12, "Afrika": 6, "Zuid-Amerika": 4, "Oceanië": 4}

# Neighbouring countries are reached by train; everything else by plane.
TRAIN_COUNTRIES = ("BE", "FR", "DE", "LU", "GB", "CH", "AT", "DK")

# Babel calls BQ "Caribisch Nederland"; the demo only visits Kralendijk, so Bonaire reads better.
COUNTRY_NAME_OVERRIDES = {"BQ": "Bonaire"}

# Country names that take an article inside a sentence ("in de Verenigde Staten").
COUNTRY_ARTICLES = {"US": "de", "GB": "het", "AE": "de", "PH": "de"}

# Currency -> rough units per euro, so amounts in other currencies stay plausible.
FOREIGN_CURRENCIES = {
    "USD": 1.1, "GBP": 0.85, "CHF": 0.95, "SEK": 11.4, "DKK": 7.46, "NOK": 11.6, "CAD": 1.5, "JPY": 160.0,
    "AUD": 1.65, "PLN": 4.3,
}  # fmt: skip

HAGUE_DISTRICTS = (
    "Moerwijk", "Transvaal", "Scheveningen", "Loosduinen", "Escamp", "Laak", "Ypenburg", "Leidschenveen",
    "Segbroek", "het Centrum", "Bouwlust", "Mariahoeve", "Duindorp", "de Schilderswijk", "Bezuidenhout",
    "Wateringse Veld", "de Binckhorst", "het Zuidwestkwartier", "Morgenstond", "Spoorwijk",
)  # fmt: skip


# ----------------------------------------------------------------------------
# Data: people and organisations
# ----------------------------------------------------------------------------

FIRST_NAMES = (
    "Anna", "Sanne", "Lotte", "Fleur", "Eva", "Iris", "Noor", "Femke", "Marieke", "Esther", "Ingrid", "Yvonne",
    "Karin", "Petra", "Mirjam", "Hanneke", "Saskia", "Fatima", "Samira", "Naima", "Leyla", "Ayşe", "Zeynep",
    "Priya", "Shanti", "Kavita", "Mei", "Lin", "Rosa", "Carmen", "Olga", "Agnieszka", "Ilse", "Joke", "Wendy",
    "Jan", "Pieter", "Kees", "Henk", "Willem", "Thijs", "Bram", "Daan", "Ruben", "Sven", "Maarten", "Joost",
    "Gert-Jan", "Frank", "Erik", "Robert", "Mohamed", "Youssef", "Hamid", "Mehmet", "Emre", "Kemal", "Rajesh",
    "Anil", "Ravi", "Wei", "Kofi", "Kwame", "Tomasz", "Luca", "Diego", "Jeroen", "Hidde", "Wouter", "Stefan",
)  # fmt: skip

LAST_NAMES = (
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
    "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
    "van der Veen", "van den Broek", "de Bruijn", "de Jong", "Schouten", "van Beek", "Willems", "van Dijk",
    "Hoekstra", "Koster", "Prins", "Blom", "Huisman", "Kuipers", "van Wijk", "Postma", "Sari", "Yılmaz",
    "Kaya", "Demir", "El Amrani", "Bouzid", "Benali", "El Idrissi", "Ramdin", "Ramsaran", "Biharie", "Kartosen",
    "Sitaldin", "Tjon", "Liem", "Chen", "Nguyen", "Mensah", "Asante", "Kowalski", "Nowak", "Rossi",
    "García", "Fernandes", "Haddou", "Oosterhout", "Verbeek", "Zwart", "Groenewegen", "Roos", "Wolters",
    "van Rijn", "Lammers", "ten Brink", "Overdijk", "Pronk", "Kramer", "Veenstra", "Noordhoek",
)  # fmt: skip

# Department -> how it is named in a sentence.
DEPARTMENTS = (
    (HOME, "de gemeente"),
    ("Gemeente Den Haag, Bestuursdienst", "de Bestuursdienst"),
    ("Gemeente Den Haag, Dienst Stedelijke Ontwikkeling", "de Dienst Stedelijke Ontwikkeling"),
    ("Gemeente Den Haag, Dienst Stadsbeheer", "de Dienst Stadsbeheer"),
    ("Gemeente Den Haag, Dienst Onderwijs, Cultuur en Welzijn", "de Dienst Onderwijs, Cultuur en Welzijn"),
    ("Gemeente Den Haag, Dienst Sociale Zaken en Werkgelegenheid", "de Dienst Sociale Zaken en Werkgelegenheid"),
    ("Gemeente Den Haag, Dienst Publiekszaken", "de Dienst Publiekszaken"),
)

CIVIL_ROLES = (
    "beleidsadviseur", "senior beleidsadviseur", "projectleider", "programmamanager", "directeur",
    "afdelingshoofd", "strategisch adviseur", "communicatieadviseur", "adviseur internationale zaken",
    "accountmanager", "bestuursadviseur", "woordvoerder", "beleidsmedewerker", "teamleider", "kwartiermaker",
)  # fmt: skip

# Role -> (how many in the roster, organisation).
OFFICE_HOLDERS = {
    "burgemeester": (2, HOME),
    "wethouder": (14, HOME),
    "raadslid": (30, "Gemeenteraad Den Haag"),
    "gemeentesecretaris": (2, HOME),
}
CIVIL_SERVANTS = 160
WITHHELD_SHARE = 1 / 3

EXTERNAL_ORGANISATIONS = (
    "TNO", "VNG", "The Hague Security Delta", "Universiteit Leiden", "De Haagse Hogeschool",
    "Technische Universiteit Delft", "InnovationQuarter", "Rijksdienst voor Ondernemend Nederland",
    "Ministerie van Buitenlandse Zaken", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "Haaglanden Medisch Centrum", "HTM", "Hague Humanity Hub", "Metropoolregio Rotterdam Den Haag",
    "Provincie Zuid-Holland", "Gemeente Rotterdam", "Gemeente Amsterdam", "Gemeente Utrecht",
    "Koninklijk Conservatorium", "ROC Mondriaan", "Veiligheidsregio Haaglanden", "Den Haag Marketing",
    "Hoogheemraadschap van Delfland", "Haagse Woonvereniging (fictief)", "Stichting Haagse Wijkteams (fictief)",
    "Ondernemersvereniging Haaglanden (fictief)",
)  # fmt: skip

NETWORKS = (
    "Eurocities", "ICLEI", "C40 Cities", "United Cities and Local Governments", "Energy Cities", "POLIS",
    "de Cities Coalition for Digital Rights", "de Global Parliament of Mayors", "het Strong Cities Network",
    "het Open Government Partnership", "het Comité van de Regio's", "het Congres van de Raad van Europa",
    "Mayors for Peace", "het OECD Champion Mayors-netwerk", "het Covenant of Mayors",
)  # fmt: skip

PROGRAMMES = (
    "Horizon Europe", "Interreg North-West Europe", "URBACT", "LIFE", "Creatief Europa", "Erasmus+",
    "Digital Europe", "het Europees Sociaal Fonds Plus", "het Europees Fonds voor Regionale Ontwikkeling",
    "het Asiel-, Migratie- en Integratiefonds",
)  # fmt: skip

# What other organisations pay for a trip, next to the municipality itself.
PAYERS = (
    "Europese Commissie", "Ministerie van Buitenlandse Zaken", "Eurocities", "Gemeente Den Haag en uitnodigende stad",
    "Gemeente Den Haag en Europese Commissie", "uitnodigende organisatie", "Rijksdienst voor Ondernemend Nederland",
)  # fmt: skip

# Occasion -> its definite article, which templates need ("de conferentie", "het congres").
EVENTS = {
    "conferentie": "de", "werkbezoek": "het", "handelsmissie": "de", "studiereis": "de", "netwerkbijeenkomst": "de",
    "expertmeeting": "de", "vakbeurs": "de", "congres": "het", "stedenbandbezoek": "het",
    "rondetafelconferentie": "de", "jaarvergadering": "de", "top": "de", "seminar": "het", "werkconferentie": "de",
    "projectbijeenkomst": "de", "kennisuitwisseling": "de",
}  # fmt: skip

EXTRA_TAGS = (
    "netwerk", "college", "gemeenteraad", "stedenband", "handelsmissie", "kennisuitwisseling", "subsidie",
    "eurocities", "ambassade", "wijkaanpak", "pilot", "samenwerking",
)  # fmt: skip


# ----------------------------------------------------------------------------
# Data: topics and their vocabulary
# ----------------------------------------------------------------------------

# (topic, tag, keywords). Keywords fill most slots, so each topic brings its own vocabulary.
TOPICS = (
    ("duurzame mobiliteit", "mobiliteit", ("fietsinfrastructuur", "deelmobiliteit", "laadinfrastructuur", "zero-emissiezones", "hoogwaardig openbaar vervoer", "parkeerregulering", "stadslogistiek", "snelfietsroutes")),
    ("klimaatadaptatie", "klimaat", ("hittestress", "waterberging", "groene daken", "wadi's", "zeespiegelstijging", "droogtebestrijding", "klimaatbestendige wijken", "koelteplekken")),
    ("de energietransitie", "energie", ("warmtenetten", "aardgasvrije wijken", "zonnepanelen op daken", "energiecoöperaties", "netcongestie", "waterstof", "isolatie van huurwoningen", "energiearmoede")),
    ("de circulaire economie", "circulair", ("hergebruik van bouwmaterialen", "materialenpaspoorten", "reparatiecafés", "circulair inkopen", "textielrecycling", "urban mining", "deeleconomie")),
    ("vrede en recht", "vrede-en-recht", ("internationale organisaties", "internationaal strafrecht", "arbitrage", "mensenrechten", "de diplomatieke gemeenschap", "vredesopbouw", "rechtsstatelijkheid")),
    ("cybersecurity", "cybersecurity", ("digitale weerbaarheid", "ransomware", "informatiedeling over dreigingen", "ethisch hacken", "veilige cloudopslag", "bewustwording bij medewerkers", "crisisoefeningen")),
    ("openbare orde en veiligheid", "veiligheid", ("cameratoezicht", "ondermijning", "wijkagenten", "radicalisering", "veilige uitgaansgebieden", "jeugdoverlast", "crowd management")),
    ("betaalbaar wonen", "wonen", ("sociale huurwoningen", "middenhuur", "woningdelen", "tijdelijke huisvesting", "huurbescherming", "flexwonen", "woningcoöperaties", "leegstandsbestrijding")),
    ("stedelijke vernieuwing", "stedelijke-ontwikkeling", ("gebiedstransformatie", "verdichting rond stations", "herbestemming van kantoren", "gemengde wijken", "publieke ruimte", "hoogbouw", "grondbeleid")),
    ("digitale dienstverlening", "digitalisering", ("digitale identiteit", "toegankelijke websites", "persoonlijke online dossiers", "chatdiensten", "digitale inclusie", "open standaarden", "dataminimalisatie")),
    ("slimme steden en data", "smart-city", ("sensornetwerken", "digitale tweelingen", "open data", "verkeersmanagement", "datagedreven beleid", "privacy by design", "stedelijke dashboards")),
    ("toerisme en citymarketing", "toerisme", ("verblijfstoerisme", "congresbureaus", "spreiding van bezoekers", "kustmarketing", "zakelijk toerisme", "toeristenbelasting", "cruisetoerisme")),
    ("cultuur en erfgoed", "cultuur", ("muziekeducatie", "cultuurhuizen", "monumentenzorg", "festivals", "museale samenwerking", "broedplaatsen", "archeologie")),
    ("onderwijs en talentontwikkeling", "onderwijs", ("internationaal onderwijs", "laaggeletterdheid", "techniekonderwijs", "voortijdig schoolverlaten", "leven lang ontwikkelen", "stages", "kansengelijkheid")),
    ("werk en inkomen", "werk", ("re-integratie", "schuldhulpverlening", "sociaal ondernemerschap", "basisbanen", "arbeidsmigratie", "inclusieve arbeidsmarkt", "werkgeversdienstverlening")),
    ("zorg en welzijn", "zorg", ("ouderenzorg", "mantelzorg", "wijkverpleging", "eenzaamheid", "dementievriendelijke wijken", "langer thuis wonen", "sociale wijkteams")),
    ("gezondheid en preventie", "gezondheid", ("gezonde leefstijl", "rookvrije generatie", "overgewicht bij kinderen", "luchtkwaliteit", "mentale gezondheid", "sportparticipatie", "gezondheidsverschillen")),
    ("integratie en inburgering", "integratie", ("taalonderwijs", "statushouders", "inburgeringstrajecten", "diversiteit", "nieuwkomers", "antidiscriminatie", "maatschappelijke begeleiding")),
    ("sport en bewegen", "sport", ("buurtsportcoaches", "sportaccommodaties", "beweegvriendelijke openbare ruimte", "topsportevenementen", "zwemvaardigheid", "sportverenigingen")),
    ("havens en kustontwikkeling", "kust", ("kustverdediging", "havenvernieuwing", "visserij", "strandbeheer", "boulevards", "zandsuppletie", "offshore wind")),
    ("economische samenwerking", "economie", ("handelsbevordering", "buitenlandse investeringen", "winkelstraten", "mkb-ondersteuning", "exportkansen", "vestigingsklimaat", "bedrijventerreinen")),
    ("innovatie en start-ups", "innovatie", ("start-upprogramma's", "innovatiedistricten", "proeftuinen", "publiek-private samenwerking", "durfkapitaal", "kennisvalorisatie", "hackathons")),
    ("internationale stedenbanden", "stedenband", ("uitwisseling van ambtenaren", "jongerenuitwisseling", "gemeentelijke capaciteitsopbouw", "culturele uitwisseling", "twinning", "lokaal bestuur")),
    ("Europese fondsen", "EU-fondsen", ("subsidieaanvragen", "consortiumvorming", "cofinanciering", "Europese regelgeving", "lobby in Brussel", "verantwoording van subsidies")),
    ("groen in de stad", "groen", ("stadsparken", "biodiversiteit", "stadsbomen", "tiny forests", "groene schoolpleinen", "natuurinclusief bouwen", "bijenlinten")),
    ("afval en grondstoffen", "afval", ("gescheiden inzameling", "ondergrondse containers", "zwerfafval", "gft-verwerking", "diftar", "grofvuil", "statiegeld")),
    ("armoedebestrijding", "armoede", ("kinderarmoede", "minimaregelingen", "voedselbanken", "vroegsignalering van schulden", "bestaanszekerheid", "energietoeslag")),
    ("jeugd en gezin", "jeugd", ("jeugdhulp", "opvoedondersteuning", "kinderopvang", "jongerenwerk", "speelruimte", "jeugdparticipatie", "pleegzorg")),
    ("lokale democratie", "democratie", ("burgerberaden", "wijkbudgetten", "participatieverordeningen", "digitale inspraak", "opkomstbevordering", "jongerenraden", "bewonersinitiatieven")),
    ("luchtkwaliteit en geluid", "milieu", ("fijnstof", "stikstofdioxide", "houtstook", "geluidsschermen", "milieuzones", "meetnetten", "scheepvaartemissies")),
    ("grote evenementen", "evenementen", ("crowd control", "vergunningverlening", "duurzame evenementen", "publieksstromen", "bereikbaarheid", "vrijwilligers", "evenementenbeveiliging")),
    ("internationale samenwerking", "internationaal", ("capaciteitsopbouw", "lokaal bestuur", "waterbeheer", "afvalbeheer", "belastinginning", "kennisuitwisseling tussen gemeenten")),
    ("humanitaire hulp en wederopbouw", "humanitair", ("noodhuisvesting", "wederopbouw van infrastructuur", "opvang van ontheemden", "psychosociale hulp", "puinruiming", "tijdelijke scholen")),
    ("open overheid", "open-overheid", ("actieve openbaarmaking", "open besluitvorming", "algoritmeregisters", "klokkenluidersregelingen", "integriteit", "lobbyregisters")),
    ("kunstmatige intelligentie bij de overheid", "ai", ("algoritmetoezicht", "generatieve AI", "mensenrechtentoetsen", "automatische besluitvorming", "dataethiek", "taalmodellen")),
    ("water en sanitatie", "water", ("drinkwatervoorziening", "rioolbeheer", "regenwateropvang", "waterschappen", "grondwaterstanden", "overstromingsrisico's")),
    ("voedselbeleid", "voedsel", ("stadslandbouw", "voedselverspilling", "schoolmaaltijden", "korte ketens", "voedselbossen", "eiwittransitie")),
    ("informatiebeheer en archieven", "archief", ("digitale duurzaamheid", "e-depots", "openbaarheid van archieven", "metadatering", "webarchivering", "informatiehuishouding")),
    ("kennisinstellingen", "kennis", ("campusontwikkeling", "internationale studenten", "onderzoekssamenwerking", "kennisallianties", "huisvesting van studenten", "promotieonderzoek")),
    ("toegankelijkheid", "toegankelijkheid", ("drempelvrije openbare ruimte", "toegankelijk openbaar vervoer", "inclusieve communicatie", "gebarentaal", "VN-verdrag handicap", "rolstoeltoegankelijke stranden")),
)  # fmt: skip

INSTITUTIONS = (
    "de universiteit", "het stadsarchief", "een innovatiecentrum", "het havenbedrijf", "een woningcorporatie",
    "het regionale vervoerbedrijf", "een sociale onderneming", "het gemeentelijke datateam", "een wijkcentrum",
    "het klimaatbureau van de stad", "de regionale ontwikkelingsmaatschappij", "het stedelijk planbureau",
    "een stichting voor buurtwerk", "de politieacademie", "de kamer van koophandel", "een ziekenhuis",
)  # fmt: skip

HOSTS = (
    "het stadsbestuur van {city}", "de burgemeester van {city}", "de Nederlandse ambassade in {country}",
    "het Nederlandse consulaat-generaal", "{network}", "de universiteit van {city}", "het havenbedrijf van {city}",
    "een samenwerkingsverband van steden in {country}", "de gemeenteraad van {city}", "de kamer van koophandel in {city}",
)  # fmt: skip

CONDITIONS = (
    "bewoners vanaf het begin meedenken", "de financiering voor meerdere jaren is geregeld",
    "de uitvoering dicht bij de wijk is georganiseerd", "gegevens tussen organisaties gedeeld kunnen worden",
    "de regels eenvoudig en uitlegbaar zijn", "er één aanspreekpunt is voor ondernemers",
    "het bestuur er langdurig achter blijft staan", "de resultaten openbaar worden gemaakt",
    "scholen en zorgaanbieders vanaf de start meedoen", "er ruimte is om te experimenteren",
)  # fmt: skip

METRICS = (
    "klachten over overlast", "verkeersslachtoffers", "lege winkelpanden", "huishoudens met betalingsachterstanden",
    "ritten met de auto in de binnenstad", "tonnen restafval", "dagen met hittestress", "wachtenden op een woning",
    "jongeren zonder startkwalificatie", "meldingen van cyberincidenten",
)  # fmt: skip

ADJECTIVES = (
    "bemoedigend", "wisselend", "veelbelovend", "beperkt", "duidelijk zichtbaar", "nog niet goed meetbaar",
    "boven verwachting", "positief", "gematigd positief", "nog onzeker",
)  # fmt: skip

# Dutch glues nouns into compounds; prefix x head gives thousands of plausible words for search.
COMPOUND_PREFIXES = (
    "wijk", "buurt", "stads", "klimaat", "energie", "haven", "jeugd", "zorg", "data", "fiets", "water", "groen",
    "cultuur", "sport", "school", "woon", "verkeers", "veiligheids", "innovatie", "participatie", "armoede",
    "afval", "kust", "strand", "erfgoed", "museum", "toerisme", "integratie", "taal", "werk", "inkomens",
    "schulden", "mobiliteits", "parkeer", "bouw", "grond", "huur", "straat", "park", "bomen", "regenwater",
    "hitte", "lucht", "geluids", "privacy", "informatie", "archief", "subsidie", "kennis", "talent",
    "onderwijs", "gezondheids", "preventie", "voedsel", "markt", "winkel", "ondernemers", "bewoners",
    "mantelzorg", "warmte", "zonne", "laad", "deel", "vergunningen", "handhavings", "monumenten",
)  # fmt: skip

COMPOUND_HEADS = (
    "plan", "aanpak", "budget", "loket", "fonds", "team", "programma", "agenda", "visie", "strategie", "monitor",
    "dashboard", "regeling", "pilot", "coalitie", "platform", "overleg", "akkoord", "convenant", "onderzoek",
    "rapport", "kaart", "register", "beleid", "campagne", "opgave", "ambitie", "route", "traject", "centrum",
    "lab", "atelier", "tafel", "raad", "coach", "regisseur", "deal", "norm", "toets", "scan", "index", "prijs",
    "wedstrijd", "festival", "week", "kompas", "model", "app", "portaal", "protocol",
)  # fmt: skip

# Vowel pairs that would read as one sound across the seam, so the compound takes a hyphen.
VOWEL_CLASHES = ("aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu")

COMMITTEES = ("Bestuur", "Leefomgeving", "Samenleving")
HOURS = ("8.30", "9.00", "9.30", "10.00", "13.00", "14.30")
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
)  # fmt: skip

CORRECTION_NOTES = (
    "Aantal externe deelnemers gecorrigeerd.", "Kosten voor vervoer aangepast na ontvangst van de definitieve factuur.",
    "Functie van een van de reizigers verduidelijkt.", "Tikfout in de plaatsnaam hersteld.",
    "Samenvatting aangevuld.", "Vervolgafspraken bijgewerkt na overleg met de gastheer.",
    "Einddatum van de reis gecorrigeerd.", "Kosten van de overnachtingen toegevoegd.",
    "Naam van een externe organisatie gecorrigeerd.", "Betaler van de reis aangevuld.",
)  # fmt: skip


# ----------------------------------------------------------------------------
# Data: sentence templates
# ----------------------------------------------------------------------------

# Slots in braces: fixed per trip (city, topic, ...) or drawn afresh per use (see _DRAWS).
PURPOSE = (
    "De reis naar {city} stond in het teken van {topic}.",
    "Aanleiding was een uitnodiging van {host} om deel te nemen aan een {event} over {topic}.",
    "Den Haag werkt al enkele jaren samen met {city} aan {kw}, en deze reis moest die samenwerking verdiepen.",
    "Het college wilde met eigen ogen zien hoe {city} omgaat met {kw}.",
    "Doel was kennis op te halen over {kw} en {kw}, twee onderwerpen die in de Haagse begroting voor {next_year} een grote rol spelen.",
    "Tijdens {the_event} presenteerden steden uit heel {continent} hun aanpak van {topic}.",
    "De gemeenteraad had in een motie gevraagd om internationale ervaringen met {kw} te verzamelen.",
    "Daarnaast wilde de delegatie contacten leggen met vertegenwoordigers van {network}.",
    "{city} geldt binnen {network} als voorloper op het gebied van {topic}.",
    "Voor Den Haag is {topic} een van de prioriteiten uit het coalitieakkoord.",
    "De reis sloot aan bij een project binnen {programme}, waarvoor de gemeente eerder subsidie ontving.",
    "Het bezoek was bedoeld om te leren hoe men in {country} {kw} organiseert.",
    "Den Haag was gevraagd een presentatie te geven over de Haagse aanpak van {kw}.",
    "Ook stond een gesprek gepland met de Nederlandse ambassadeur in {country} over {topic2}.",
    "De delegatie wilde nagaan of de aanpak uit {city} toepasbaar is in Haagse wijken als {district}.",
    "Een tweede doel was het verkennen van gezamenlijke aanvragen voor Europese financiering via {programme}.",
    "Bij de voorbereiding is met {partner} afgesproken welke vragen de delegatie zou stellen.",
    "Omdat {kw} in Den Haag steeds meer aandacht vraagt, was het zinvol om te zien wat elders werkt.",
    "De uitnodiging kwam via {network}, dat jaarlijks een bijeenkomst organiseert voor zo'n {big} deelnemers.",
    "In {city} is de afgelopen jaren ervaring opgedaan met {kw} in combinatie met {kw}.",
    "Het ministerie van Buitenlandse Zaken had gevraagd of Den Haag als stad van vrede en recht aanwezig kon zijn.",
    "Ook wilde de gemeente haar netwerk in {continent} versterken met het oog op {topic2}.",
    "De reis is vooraf besproken in de raadscommissie {committee}.",
    "Centraal stond de vraag hoe {city} bewoners betrekt bij {kw}.",
    "Tot slot was het een gelegenheid om Haagse bedrijven en kennisinstellingen in contact te brengen met partners in {country}.",
    "De Haagse opgave op het gebied van {kw} is groot, en {city} kampt met vergelijkbare vraagstukken.",
    "Het bezoek paste in de internationale strategie van de gemeente, die {continent} als aandachtsgebied noemt.",
    "Ook wilde de delegatie meer weten over een {compound} waarmee {city} {kw} ondersteunt.",
    "In Den Haag loopt de discussie over een {compound} en een {compound}; ervaringen van elders waren welkom.",
    "De vraag kwam voort uit een Haagse evaluatie van een {compound} uit {year_past}.",
)

DURATION = (
    "De delegatie reisde {mode}.",
    "Op de eerste dag stond een kennismaking met {host} op het programma.",
    "Een deel van de tijd was gewijd aan werkbezoeken aan projecten op het gebied van {kw}.",
    "Het programma begon om {hour} uur met een ontvangst op het stadhuis van {city}.",
    "In de middag volgden workshops over {kw} en {kw}.",
    "'s Avonds was er een netwerkdiner met deelnemers uit {n} landen.",
    "Er is bewust gekozen voor een compact programma om de kosten te beperken.",
    "De terugreis vond plaats op {end}.",
    "Tussen de sessies door was tijd voor gesprekken met collega's uit {anycity}.",
    "Het officiële deel van {the_event} besloeg {dayparts} dagdelen.",
    "Op de laatste dag bezocht de delegatie een wijk waar {kw} in de praktijk wordt toegepast.",
    "Vrije tijd was er nauwelijks; de dagen liepen van de vroege ochtend tot in de avond.",
    "Er zijn geen privédagen aan de reis vastgeplakt.",
    "De agenda was vooraf afgestemd met de Nederlandse ambassade in {country}.",
    "Bij het programma hoorde een rondleiding langs projecten voor {kw} in de binnenstad van {city}.",
    "Een bezoek aan {institution} in {city} sloot het programma af.",
    "De sessies over {kw} duurden langer dan gepland, waardoor een bezoek aan {institution} kwam te vervallen.",
    "De tweede helft van het programma stond in het teken van {topic2}.",
    "Het volledige programma is opgenomen in het dossier bij de afdeling internationale zaken.",
    "Ter voorbereiding werd in de week voor vertrek een briefing gehouden.",
    "Na de lunch volgde een presentatie over een {compound} uit {anycity}.",
    "Op de tweede dag stond een bezoek aan een {compound} gepland, samen met collega's uit {anycity}.",
)

DURATION_MULTI = (
    "Een deel van het programma vond plaats in {city2}.",
    "Tussen {city} en {city2} reisde de delegatie met het openbaar vervoer.",
    "In {city2} stond een bezoek aan {institution} op het programma.",
)

PARTICIPANTS = (
    "De samenstelling van de delegatie is vooraf afgestemd met de gemeentesecretaris.",
    "Er is gekozen voor een kleine delegatie; alleen wie inhoudelijk betrokken is bij {topic} reisde mee.",
    "Ter plaatse sloten vertegenwoordigers van {network} aan bij het programma.",
    "In totaal namen ongeveer {big} mensen uit {n} landen deel aan {the_event}.",
    "De beleidsadviseurs bereidden de gesprekken voor en verzorgden de verslaglegging.",
    "Vanuit de ambassade sloot een medewerker aan bij de gesprekken in {city}.",
    "Gesprekspartners waren onder meer bestuurders uit {city} en medewerkers van {institution}.",
    "Ook waren collega's uit {anycity} en {anycity} aanwezig.",
    "Er reisden geen partners of familieleden mee op kosten van de gemeente.",
    "De delegatie werd ter plaatse begeleid door een medewerker van {host}.",
    "Bij enkele onderdelen was een tolk aanwezig.",
    "De gemeenteraad is vooraf geïnformeerd over de samenstelling van de delegatie.",
    "Een van de deelnemers trad op als spreker tijdens een sessie over {kw}.",
    "Aan de rondetafelgesprekken over {kw} namen zo'n {n} personen deel.",
    "Een deel van het gezelschap nam ook deel aan de werkgroep over {topic2}.",
    "Aan tafel zaten ook de initiatiefnemers van een {compound} en een {compound}.",
)

PARTICIPANTS_EXTERNAL = (
    "De kosten van de externe deelnemers kwamen voor rekening van hun eigen organisatie.",
    "De externe partners brachten hun eigen ervaring met {kw} in.",
    "Met de meereizende partners is na afloop een gezamenlijke evaluatie gehouden.",
)

RESULTS = (
    "De reis heeft concrete kennis opgeleverd over {kw}.",
    "In {city} is men in {year_past} begonnen met {kw}; de eerste resultaten zijn volgens de stad {adj}.",
    "Het meest leerzaam was de manier waarop {city} bewoners betrekt bij {kw}.",
    "De stad heeft het aantal {metric} in {years} jaar met {pct} procent weten te verlagen.",
    "Een belangrijke les is dat {kw} alleen werkt als {condition}.",
    "Met het stadsbestuur van {city} is afgesproken ervaringen met {kw} uit te wisselen.",
    "De Haagse aanpak van {kw} werd door andere steden met belangstelling ontvangen.",
    "Er is een eerste verkenning gedaan voor een gezamenlijk project binnen {programme}.",
    "De presentatie van Den Haag leverde {n} nieuwe contacten op bij steden en kennisinstellingen.",
    "Opvallend was hoe sterk {country} inzet op {kw}.",
    "Niet alles is één op één over te nemen: de bestuurlijke verhoudingen in {country} verschillen van de Nederlandse.",
    "De investering in {kw} bedroeg in {city} ongeveer {small} miljoen euro, verspreid over {years} jaar.",
    "Volgens de gastheren is de grootste uitdaging bij {kw} niet de techniek, maar het gedrag van mensen.",
    "Er is materiaal verzameld voor de nota over {topic} die in {next_year} aan de raad wordt voorgelegd.",
    "Het bezoek bevestigde dat Den Haag op het gebied van {topic2} goed meekomt in {continent}.",
    "Met {network} is besproken hoe Den Haag een grotere rol kan spelen in de werkgroep over {kw}.",
    "Een gesprek met {institution} leverde inzicht op in de kosten en baten van {kw}.",
    "De contacten met {partner} zijn versterkt.",
    "De gastheren deelden hun evaluatierapport over {kw}, dat inmiddels is verspreid onder de betrokken afdelingen.",
    "Uit de gesprekken bleek dat ongeveer {pct} procent van de inwoners van {city} te maken heeft met {kw}.",
    "Een praktisch inzicht: {city} werkt met vaste wijkteams die zowel {kw} als {kw} oppakken.",
    "De reis leverde ook kritische vragen op over de uitvoerbaarheid van {kw} in een dichtbebouwde stad als Den Haag.",
    "Den Haag is uitgenodigd om in {next_year} een sessie te verzorgen over {topic}.",
    "De ervaringen met {kw} in {anycity} kwamen tijdens {the_event} uitgebreid aan bod.",
    "Digitale hulpmiddelen helpen alleen als ze aansluiten bij de praktijk van {kw}, zo bleek in {city}.",
    "Er zijn afspraken gemaakt over een uitwisseling van medewerkers tussen beide steden.",
    "Voor de Haagse economie biedt de samenwerking kansen op het gebied van {kw}.",
    "De opbrengst is niet direct in geld uit te drukken, maar de opgedane kennis bespaart naar verwachting onderzoekskosten.",
    "Het onderwerp {kw} bleek in {city} onderdeel van een bredere strategie voor {topic}.",
    "{city} meet de effecten van het beleid met een openbaar dashboard, een idee dat ook voor Den Haag interessant is.",
    "Het gesprek met het stadsbestuur van {city} ging vooral over {topic2}.",
    "De deelnemers hebben hun bevindingen gedeeld in een interne bijeenkomst met ruim {n} collega's.",
    "Een risico dat in {city} werd genoemd, is dat {kw} vooral hogere inkomens bereikt.",
    "Anders dan in Den Haag ligt de verantwoordelijkheid voor {kw} in {country} grotendeels bij de regio.",
    "De bezochte projecten voor {kw} kostten minder dan verwacht, vooral door slimme samenwerking met {institution}.",
    "Een vergelijkbare aanpak van {kw} wordt inmiddels ook in {anycity} beproefd.",
    "Een mooi voorbeeld is een {compound} waarmee {city} {kw} stimuleert.",
    "Ook werd gesproken over een {compound} en over een {compound}; de resultaten daarvan zijn {adj}.",
    "In {city} is {pct} procent van de wijken inmiddels aangesloten op een {compound}.",
    "Volgens de gastheren is een {compound} onmisbaar om {kw} op grotere schaal in te voeren.",
    "Het idee van een {compound} kan in Den Haag goed worden gecombineerd met de aanpak van {kw}.",
)

RESULT_ITEMS = (
    "een netwerk van contactpersonen voor {kw}",
    "inzicht in de financiering van {kw}",
    "voorbeelden van regelgeving rond {kw}",
    "een uitnodiging voor vervolgoverleg met {host}",
    "documentatie over {kw} voor de betrokken afdelingen",
    "afspraken over het delen van gegevens over {kw}",
    "ideeën voor een proef met {kw} in {district}",
    "contacten met {n} steden in {continent}",
    "een vergelijking van de kosten van {kw} in {city} en Den Haag",
    "een voorbeeld van een {compound} uit {anycity}",
)

FOLLOW_UP = (
    "De bevindingen worden besproken in het college van burgemeester en wethouders.",
    "Voor {month} {next_year} is een vervolgoverleg gepland met {host}.",
    "De betrokken dienst werkt een voorstel uit voor een proef met {kw} in {district}.",
    "Den Haag stuurt de gastheren een beschrijving van de Haagse aanpak van {kw}.",
    "In {next_year} bezoekt een delegatie uit {city} Den Haag.",
    "De raad ontvangt een raadsinformatiebrief over {topic}.",
    "Met {partner} wordt onderzocht of een gezamenlijke aanvraag bij {programme} haalbaar is.",
    "Er komt een online kennissessie voor collega's die met {kw} werken.",
    "Er zijn geen financiële verplichtingen aangegaan.",
    "De contactgegevens van de gesprekspartners zijn vastgelegd, zodat de contacten ook na personeelswisselingen behouden blijven.",
    "{network} wordt gevraagd een werkbezoek over {kw} in Den Haag te organiseren.",
    "Over {small} maanden wordt bekeken wat de reis concreet heeft opgeleverd.",
    "De ervaringen worden teruggekoppeld in de raadscommissie {committee}.",
    "Een beleidsadviseur volgt de ontwikkelingen in {city} rond {kw} en rapporteert halfjaarlijks.",
    "Met de Nederlandse ambassade in {country} is afgesproken contact te houden over {topic2}.",
    "Als de evaluatie positief is, wordt de samenwerking met {city} vastgelegd in een intentieverklaring.",
    "Er is geen vervolgreis gepland.",
    "De presentaties van {the_event} worden gedeeld via het intranet.",
    "Voor {month} staat een gesprek met {partner} over de uitkomsten gepland.",
    "De gemeente onderzoekt of de methode uit {city} kan worden ingezet bij de herinrichting van {district}.",
    "Tijdens de volgende bijeenkomst van {network} presenteert Den Haag de eerste resultaten.",
    "De opgedane kennis wordt meegenomen in de uitvoeringsagenda voor {topic}.",
    "Er wordt een korte notitie opgesteld met de belangrijkste lessen over {kw}.",
    "Samen met {partner} wordt een studiedag over {kw} georganiseerd.",
    "De gastheren uit {city} zijn uitgenodigd voor de Haagse conferentie over {topic2} in {next_year}.",
    "Een eventuele vervolgreis wordt pas gepland na een evaluatie in de raadscommissie {committee}.",
    "Den Haag verkent of een {compound} naar voorbeeld van {city} haalbaar is.",
    "De resultaten worden meegenomen bij de opzet van een {compound} voor {district}.",
    "Met {partner} wordt bekeken of samen een {compound} in {district} kan starten.",
)

FOLLOW_UP_ITEMS = (
    "{month} {next_year}: vervolgoverleg met {host}",
    "{month} {next_year}: notitie over {kw} aan het college",
    "uitwerking van een proef met {kw} in {district}",
    "verkenning van een aanvraag bij {programme}",
    "terugkoppeling aan {partner}",
    "kennissessie over {kw} voor collega's",
)


# ----------------------------------------------------------------------------
# Generating one trip
# ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # two withheld advisers in one department are still two people
class Person:
    """Someone in the roster: a name (None when withheld), a role and an organisation."""

    name: str | None
    role: str
    organisation: str
    phrase: str  # how the department is named in a sentence


@dataclass(frozen=True)
class Trip:
    """One generated report: its front matter and sections (None when the body is empty)."""

    front: dict[str, Any]
    sections: dict[str, str] | None
    slug: str


class Slots(dict):
    """Template slot values: fixed per trip, or drawn afresh each time a template names them."""

    def __init__(self, rng: random.Random, fixed: dict[str, Any], keywords: Sequence[str]):
        super().__init__(fixed)
        self.rng = rng
        self.keywords = keywords

    def __missing__(self, key: str) -> Any:
        return _DRAWS[key](self.rng, self)


def _any_city(rng: random.Random, _: Slots) -> str:
    return rng.choice(all_cities())[0]


# Slots drawn per use, so one report mentions several keywords, numbers and places.
_DRAWS: dict[str, Callable[[random.Random, Slots], Any]] = {
    "kw": lambda rng, s: rng.choice(s.keywords),
    "n": lambda rng, _: rng.randint(3, 40),
    "small": lambda rng, _: rng.randint(2, 9),
    "big": lambda rng, _: rng.randrange(150, 5000, 50),
    "pct": lambda rng, _: rng.randint(5, 60),
    "years": lambda rng, _: rng.randint(2, 10),
    "year_past": lambda rng, s: s["year"] - rng.randint(1, 8),
    "adj": lambda rng, _: rng.choice(ADJECTIVES),
    "programme": lambda rng, _: rng.choice(PROGRAMMES),
    "district": lambda rng, _: rng.choice(HAGUE_DISTRICTS),
    "institution": lambda rng, _: rng.choice(INSTITUTIONS),
    "partner": lambda rng, _: rng.choice(EXTERNAL_ORGANISATIONS),
    "metric": lambda rng, _: rng.choice(METRICS),
    "condition": lambda rng, _: rng.choice(CONDITIONS),
    "month": lambda rng, _: rng.choice(MONTHS),
    "hour": lambda rng, _: rng.choice(HOURS),
    "committee": lambda rng, _: rng.choice(COMMITTEES),
    "anycity": _any_city,
    "compound": lambda rng, _: compound(rng.choice(COMPOUND_PREFIXES), rng.choice(COMPOUND_HEADS)),
}


def make_trip(rng: random.Random, roster: dict[str, list[Person]]) -> Trip:
    """One fictitious trip: published, pending (past, no report yet) or planned (future)."""
    draw = rng.random()
    kind = "planned" if draw < PLANNED_SHARE else "pending" if draw < PLANNED_SHARE + PENDING_SHARE else "published"
    continent = pick_weighted(rng, CONTINENT_WEIGHTS)
    destinations = pick_destinations(rng, continent)
    far = continent != "Europa"
    start, end = pick_dates(rng, kind, far)
    travellers = pick_travellers(rng, roster)
    externals = pick_externals(rng)
    topic, topic2 = rng.sample(TOPICS, 2)
    slots = make_slots(rng, destinations, continent, start, end, topic, topic2)
    front = {
        "title": make_title(rng, destinations, slots["event"]),
        "start_date": start,
        "end_date": end,
        "destinations": [{"city": city, "country": code} for city, code in destinations],
        "travellers": [{"name": p.name, "role": p.role, "organisation": p.organisation} for p in travellers],
        "summary": make_summary(slots, kind),
        "tags": make_tags(rng, topic, topic2, continent),
    }
    add_optional(rng, front, kind, externals, far)
    add_follow_up(random.Random(f"{front['title']}|{start}"), front, kind)
    sections = None if kind != "published" else make_sections(rng, slots, travellers, externals)
    return Trip(front, sections, place_slug(destinations[0][0]))


def add_optional(rng: random.Random, front: dict[str, Any], kind: str, externals: list, far: bool) -> None:
    """External participants, costs, payer and corrections, each present only some of the time."""
    if externals:
        front["external_participants"] = externals
    costs = make_costs(rng, len(front["travellers"]), front["start_date"], front["end_date"], far, kind)
    if costs:
        front["costs"] = costs
    payer = pick_payer(rng)
    if payer:
        front["paid_by"] = payer
    corrections = make_corrections(rng, front["end_date"]) if kind == "published" else []
    if corrections:
        front["corrections"] = corrections
    transport = pick_transport(rng, far)
    if transport:
        front["transport"] = transport
        add_flight_reason(front)


FLIGHT_REASONS = (
    "Spoedoverleg op verzoek van de gastheer; met de trein was de delegatie niet op tijd geweest.",
    "Crisisberaad na een incident; de eerste trein kwam na de aanvang aan.",
    "Door een staking reden er die dag geen internationale treinen.",
)


# A flight the council's train rule covers gets a reason, as validate asks (own generator: other values stay).
def add_flight_reason(front: dict[str, Any]) -> None:
    """The reason for a flight to a destination within reach by train, when the rule covers it."""
    if within_rule(FrontMatter.model_validate(front), TrainRule()) is not None:
        front["flight_reason"] = random.Random(f"{front['title']}|{front['start_date']}|reden").choice(FLIGHT_REASONS)


ACTION_TEXTS = (
    "Gezamenlijke roadmap opstellen met de partners.", "Verslag delen met de commissie.",
    "Vervolgbezoek van de gastheer in Den Haag organiseren.", "EU-subsidieaanvraag voorbereiden.",
    "Kennisnotitie schrijven over de bezochte aanpak.", "Proefproject starten met een van de partners.",
    "Afspraken vastleggen in een intentieverklaring.", "Contactpersonen uitnodigen voor een werkbezoek.",
)  # fmt: skip
ACTION_RESULTS = (
    "Gedaan; zie de raadsinformatiebrief.", "Afgerond in overleg met de partners.",
    "Uitgevoerd, met een kleiner budget dan gepland.",
)  # fmt: skip
EXPECTED = (
    "Afspraken over samenwerking met {n} partners.", "Een gezamenlijke subsidieaanvraag.",
    "Kennis over de aanpak ter plaatse voor het eigen beleid.", "Een intentieverklaring met de gastheer.",
)  # fmt: skip


# A generator of its own per trip, so adding follow-up leaves every other drawn value as it was.
def add_follow_up(rng: random.Random, front: dict[str, Any], kind: str) -> None:
    """Expected results for some trips; for published ones a publication date, as an imported
    archive has (most within the 30 days), and follow-up actions for some."""
    if kind == "published":
        late = rng.random() < 0.3
        after = timedelta(days=rng.randint(31, 120) if late else rng.randint(3, 30))
        front["published"] = min(front["end_date"] + after, LAST_CORRECTION)
    if kind == "planned" or rng.random() < 0.3:
        front["expected_results"] = rng.choice(EXPECTED).format(n=rng.randint(2, 4))
    if kind == "published" and rng.random() < 0.4:
        front["actions"] = [make_action(rng, front["end_date"]) for _ in range(rng.randint(1, 3))]


def make_action(rng: random.Random, end: date) -> dict[str, Any]:
    """An action due some months after the trip; the older it is, the likelier it is closed."""
    due = end + timedelta(days=rng.randint(30, 365))
    action = {
        "action": rng.choice(ACTION_TEXTS),
        "owner": rng.choice((HOME, "beleidsadviseur", "wethouder")),
        "due": due,
    }
    draw, closed_share = rng.random(), 0.9 if due < LAST_CORRECTION - timedelta(days=365) else 0.5
    if due < LAST_CORRECTION and draw < closed_share:
        action["status"] = "afgerond" if draw < closed_share * 0.8 else "vervallen"
        action["updated"] = min(due - timedelta(days=rng.randint(0, 20)), LAST_CORRECTION)
        if action["status"] == "afgerond":
            action["result"] = rng.choice(ACTION_RESULTS)
    return action


# Far trips fly; in Europe the train is common, and some short flights show up in the insights.
def pick_transport(rng: random.Random, far: bool) -> list[str]:
    """The means of transport of a trip, or none stated (about one trip in ten)."""
    if rng.random() < 0.1:
        return []
    if far:
        return ["vliegtuig"]
    options = (["trein"], ["vliegtuig"], ["vliegtuig", "trein"], ["auto"], ["bus"], ["trein", "boot"])
    return list(rng.choices(options, weights=(45, 25, 12, 10, 4, 4))[0])


def pick_weighted(rng: random.Random, weights: dict[str, int]) -> str:
    """A key of `weights`, chosen in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def pick_destinations(rng: random.Random, continent: str) -> list[tuple[str, str]]:
    """One to three cities; later ones mostly in the same country, otherwise on the same continent."""
    cities = CITIES[continent]
    chosen = [rng.choice(cities)]
    for _ in range(rng.choices((0, 1, 2), weights=(70, 22, 8))[0]):
        same_country = [c for c in cities if c[1] == chosen[0][1] and c not in chosen]
        pool = same_country if same_country and rng.random() < 0.6 else [c for c in cities if c not in chosen]
        chosen.append(rng.choice(pool))
    return chosen


def pick_dates(rng: random.Random, kind: str, far: bool) -> tuple[date, date]:
    """Start and end date; far trips last longer."""
    first, last = {
        "planned": (PLANNED_FIRST, PLANNED_LAST),
        "pending": (PENDING_FIRST, PAST_LAST),
        "published": (PAST_FIRST, PAST_LAST),
    }[kind]
    start = first + timedelta(days=rng.randint(0, (last - first).days))
    days = rng.choices((1, 2, 3, 4, 5, 6), weights=(14, 26, 26, 16, 10, 8))[0] + (2 if far else 0)
    return start, start + timedelta(days=days - 1)


def make_roster(rng: random.Random) -> dict[str, list[Person]]:
    """Office holders (always named) and civil servants (about a third withheld), unique names."""
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    needed = sum(count for count, _ in OFFICE_HOLDERS.values()) + CIVIL_SERVANTS
    pool = iter(rng.sample(names, needed))
    roster = {
        role: [Person(next(pool), role, org, "de gemeente") for _ in range(count)]
        for role, (count, org) in OFFICE_HOLDERS.items()
    }
    roster["ambtenaar"] = [make_civil_servant(rng, next(pool)) for _ in range(CIVIL_SERVANTS)]
    return roster


def make_civil_servant(rng: random.Random, name: str) -> Person:
    """A civil servant in some department; the name is withheld for about a third."""
    organisation, phrase = rng.choice(DEPARTMENTS)
    shown = None if rng.random() < WITHHELD_SHARE else name
    return Person(shown, rng.choice(CIVIL_ROLES), organisation, phrase)


def pick_travellers(rng: random.Random, roster: dict[str, list[Person]]) -> list[Person]:
    """One to four travellers: often an office holder with civil servants, sometimes councillors."""
    count = rng.choices((1, 2, 3, 4), weights=(38, 32, 18, 12))[0]
    lead_role = rng.choices(
        ("ambtenaar", "wethouder", "raadslid", "burgemeester", "gemeentesecretaris"), weights=(55, 24, 12, 6, 3)
    )[0]
    leads = rng.sample(roster[lead_role], min(count, 3) if lead_role == "raadslid" else 1)
    others = rng.sample(roster["ambtenaar"], count)
    return (leads + [p for p in others if p not in leads])[:count]


def pick_externals(rng: random.Random) -> list[dict[str, Any]]:
    """External organisations travelling along, for about a quarter of trips."""
    if rng.random() >= 0.25:
        return []
    chosen = rng.sample(EXTERNAL_ORGANISATIONS, rng.choices((1, 2, 3), weights=(60, 30, 10))[0])
    return [{"organisation": org, "count": rng.choices((1, 2, 3), weights=(70, 20, 10))[0]} for org in chosen]


def pick_payer(rng: random.Random) -> str | None:
    """Mostly the municipality; sometimes a host or a fund; sometimes not stated."""
    draw = rng.random()
    if draw < 0.1:
        return None
    return HOME if draw < 0.72 else rng.choice(PAYERS)


def make_costs(rng: random.Random, travellers: int, start: date, end: date, far: bool, kind: str) -> dict | None:
    """Costs with parts that sum exactly to the total, or a total only, or nothing."""
    shape = rng.choices(("none", "total", "parts"), weights=(10, 15, 75))[0]
    if shape == "none" or (kind == "planned" and rng.random() < 0.4):
        return None
    currency = "EUR" if rng.random() < 0.92 else rng.choice(list(FOREIGN_CURRENCIES))
    days = (end - start).days + 1
    parts = draw_cost_parts(rng, travellers, days, far, FOREIGN_CURRENCIES.get(currency, 1.0))
    # Parts are rounded first and the total is their rounded sum, so the sum check holds exactly.
    total = round(sum(parts.values()), 2)
    costs: dict[str, Any] = {} if shape == "total" else dict(parts)
    costs["total"] = total
    costs["currency"] = currency
    # Costs of trips without a report are usually still estimates.
    provisional = rng.random() < (0.7 if kind != "published" else 0.08)
    costs["status"] = "provisional" if provisional else "final"
    return costs


def draw_cost_parts(rng: random.Random, travellers: int, days: int, far: bool, rate: float) -> dict[str, float]:
    """Transport always; accommodation for overnight trips; subsistence and other often."""
    fare = rng.uniform(650, 3200) if far else rng.uniform(45, 620)
    parts = {"transport": travellers * fare}
    if days > 1 or rng.random() < 0.2:
        parts["accommodation"] = travellers * (days - 1) * rng.uniform(85, 260)
    if rng.random() < 0.8:
        parts["subsistence"] = travellers * days * rng.uniform(18, 80)
    if rng.random() < 0.4:
        parts["other"] = rng.uniform(12, 950)
    return {name: round(amount * rate, 2) for name, amount in parts.items()}


def make_corrections(rng: random.Random, end: date) -> list[dict[str, Any]]:
    """For a few published reports, one or two corrections after the trip, oldest first."""
    if rng.random() >= 0.07:
        return []
    when = sorted(end + timedelta(days=rng.randint(10, 240)) for _ in range(rng.choice((1, 1, 2))))
    notes = rng.sample(CORRECTION_NOTES, len(when))
    return [{"date": day, "note": note} for day, note in zip(when, notes, strict=True) if day <= LAST_CORRECTION]


def make_tags(rng: random.Random, topic: tuple, topic2: tuple, continent: str) -> list[str]:
    """`demo` first, then topic, continent and sometimes a secondary topic or an extra tag."""
    tags = [DEMO_TAG, topic[1], continent]
    if rng.random() < 0.4:
        tags.append(topic2[1])
    if rng.random() < 0.3:
        tags.append(rng.choice(EXTRA_TAGS))
    unique: list[str] = []
    for tag in tags:
        if tag.lower() not in (t.lower() for t in unique):
            unique.append(tag)
    return unique


def make_slots(
    rng: random.Random,
    destinations: list[tuple[str, str]],
    continent: str,
    start: date,
    end: date,
    topic: tuple,
    topic2: tuple,
) -> Slots:
    """The fixed slot values of one trip."""
    city, code = destinations[0]
    country = f"{COUNTRY_ARTICLES[code]} {country_names()[code]}" if code in COUNTRY_ARTICLES else country_names()[code]
    network = rng.choice(NETWORKS)
    event = rng.choice(list(EVENTS))
    fixed = {
        "city": city,
        "city2": destinations[-1][0],
        "country": country,
        "country_name": country_names()[code],
        "continent": continent,
        "topic": topic[0],
        "topic2": topic2[0],
        "event": event,
        "the_event": f"{EVENTS[event]} {event}",
        "network": network,
        "year": start.year,
        "next_year": start.year + 1,
        "start": dutch_date(start),
        "end": dutch_date(end),
        "days": (end - start).days + 1,
        "dayparts": rng.randint(2, 2 * ((end - start).days + 1)),
        "mode": "per trein" if code in TRAIN_COUNTRIES else "per vliegtuig vanaf Schiphol",
    }
    fixed["host"] = rng.choice(HOSTS).format(city=city, country=country, network=network)
    return Slots(rng, fixed, topic[2] + topic2[2][:3])


def make_title(rng: random.Random, destinations: list[tuple[str, str]], event: str) -> str:
    """A plain title starting with the demo marker."""
    places = join_dutch([city for city, _ in destinations])
    if rng.random() < 0.7:
        return f"{TITLE_PREFIX}Verslag dienstreis naar {places}"
    return f"{TITLE_PREFIX}{event[0].upper()}{event[1:]} in {places}"


def make_summary(slots: Slots, kind: str) -> str:
    """One plain line starting with "Fictief", at most 300 characters."""
    place = f"{slots['city']} ({slots['country_name']})"
    occasion = f"een {slots['event']} over {slots['topic']}"
    text = {
        "planned": f"Fictief: geplande reis naar {place} voor {occasion}.",
        "pending": f"Fictief: reis naar {place} voor {occasion}; het verslag volgt.",
        "published": f"Fictief: verslag van {occasion} in {place}.",
    }[kind]
    return text[:SUMMARY_MAX]


# ----------------------------------------------------------------------------
# Generating the report text
# ----------------------------------------------------------------------------


def make_sections(rng: random.Random, slots: Slots, travellers: list[Person], externals: list) -> dict[str, str]:
    """The five standard sections, 300 to 800 words together."""
    target = rng.randint(WORDS_MIN + 40, WORDS_MAX - 100)  # fit_length trims any overshoot
    share = {"purpose": 0.2, "duration": 0.13, "participants": 0.14, "results": 0.33, "follow_up": 0.2}
    multi = slots["city"] != slots["city2"]
    parts = {
        "purpose": [FICTION_LINE],
        "duration": [describe_period(slots)],
        "participants": describe_delegation(travellers, externals),
        "results": [],
        "follow_up": [],
    }
    pools = {
        "purpose": PURPOSE,
        "duration": DURATION + (DURATION_MULTI if multi else ()),
        "participants": PARTICIPANTS + (PARTICIPANTS_EXTERNAL if externals else ()),
        "results": RESULTS,
        "follow_up": FOLLOW_UP,
    }
    for key, pool in pools.items():
        fill_section(rng, parts[key], pool, slots, int(target * share[key]))
    add_list(rng, parts["results"], "De belangrijkste opbrengsten op een rij:", RESULT_ITEMS, slots)
    add_list(rng, parts["follow_up"], "Afgesproken vervolgstappen:", FOLLOW_UP_ITEMS, slots)
    fit_length(parts)
    # The fiction line is a paragraph of its own, so it is the first line of every report.
    parts["purpose"][0] = FICTION_LINE + "\n"
    return {key: join_paragraphs(rng, sentences) for key, sentences in parts.items()}


def fill_section(rng: random.Random, sentences: list[str], pool: Sequence[str], slots: Slots, words: int) -> None:
    """Add distinct sentences from the pool until the section has about `words` words."""
    have = count_words(sentences)
    for template in rng.sample(pool, len(pool)):
        if have >= words:
            return
        sentences.append(fill(template, slots))
        have += count_words(sentences[-1])


def add_list(rng: random.Random, sentences: list[str], intro: str, items: Sequence[str], slots: Slots) -> None:
    """Sometimes end a section with a short bulleted list."""
    if rng.random() < 0.3:
        chosen = rng.sample(items, rng.randint(3, 4))
        sentences.append(intro + "\n\n" + "\n".join(f"- {fill(item, slots)}" for item in chosen))


def fit_length(parts: dict[str, list[str]]) -> None:
    """Drop sentences from the longest section until the report is at most WORDS_MAX words."""
    while sum(count_words(s) for s in parts.values()) > WORDS_MAX:
        # The opening sentence of each section is fixed; the others can go.
        longest = max((s for s in parts.values() if len(s) > 1), key=count_words)
        longest.pop()


def fill(template: str, slots: Slots) -> str:
    """A template with its slots filled and its first letter capitalised."""
    text = template.format_map(slots)
    return text[0].upper() + text[1:]


def count_words(sentences: Sequence[str] | str) -> int:
    """Words as a search index counts them: runs of non-space characters."""
    text = sentences if isinstance(sentences, str) else " ".join(sentences)
    return len(text.split())


def join_paragraphs(rng: random.Random, sentences: list[str]) -> str:
    """Group sentences into paragraphs of one to four; blocks with a line break stand on their own."""
    paragraphs, current = [], []
    for sentence in sentences:
        if "\n" in sentence:
            paragraphs += [" ".join(current), sentence.strip()] if current else [sentence.strip()]
            current = []
            continue
        current.append(sentence)
        if len(current) >= rng.randint(2, 4):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def describe_period(slots: Slots) -> str:
    """The opening sentence of the duration section."""
    if slots["days"] == 1:
        return f"De reis vond plaats op {slots['start']} en duurde één dag."
    return f"De reis duurde {slots['days']} dagen, van {slots['start']} tot en met {slots['end']}."


def describe_delegation(travellers: list[Person], externals: list[dict[str, Any]]) -> list[str]:
    """Who travelled; withheld names are described by role and department only."""
    people = [f"{p.role} {p.name}" if p.name else f"een {p.role} van {p.phrase}" for p in travellers]
    verb = "reisde" if len(travellers) == 1 else "reisden"
    lines = [f"Namens de gemeente Den Haag {verb} {count_people(len(travellers))}: {join_dutch(people)}."]
    if externals:
        others = [f"{count_people(e['count'])} van {e['organisation']}" for e in externals]
        total = len(travellers) + sum(e["count"] for e in externals)
        lines.append(f"Daarnaast reisden mee: {join_dutch(others)}. Het gezelschap telde in totaal {total} personen.")
    return lines


def count_people(count: int) -> str:
    """`één persoon`, `3 personen`."""
    return "één persoon" if count == 1 else f"{count} personen"


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


# Dutch country names, looked up once: Babel is far too slow to ask per report.
@cache
def country_names() -> dict[str, str]:
    from babel import Locale

    territories = Locale.parse("nl").territories
    codes = sorted({code for cities in CITIES.values() for _, code in cities})
    return {code: COUNTRY_NAME_OVERRIDES.get(code, territories[code]) for code in codes}


# Every city in one tuple, in table order, for slots that mention a place anywhere.
@cache
def all_cities() -> tuple[tuple[str, str], ...]:
    return tuple(city for cities in CITIES.values() for city in cities)


def compound(prefix: str, head: str) -> str:
    """A Dutch compound noun: `wijk` + `budget` -> `wijkbudget`, `data` + `aanpak` -> `data-aanpak`."""
    seam = prefix[-1] + head[0]
    return f"{prefix}-{head}" if seam in VOWEL_CLASHES else prefix + head


def dutch_date(day: date) -> str:
    """`14 september 2015`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def join_dutch(items: Sequence[str]) -> str:
    """`a`, `a en b`, `a, b en c`."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


# ----------------------------------------------------------------------------
# Writing the archive
# ----------------------------------------------------------------------------


def write_demo(count: int, out: Path, seed: int = 1) -> list[Path]:
    """Write `count` fictitious, valid reports under `out`; the same seed gives the same bytes."""
    if count < 1:
        raise ValueError(f"count must be 1 or more, not {count}")
    jobs = plan_archive(count, out, seed)
    workers = min(os.cpu_count() or 1, 8)
    if count < PARALLEL_FROM or workers < 2:
        return write_chunk(list(jobs))
    # Chunks are rendered by the workers while the next ones are still being generated here.
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(write_chunk, chunk) for chunk in split_chunks(jobs, CHUNK_SIZE)]
        return [path for future in futures for path in future.result()]


def plan_archive(count: int, out: Path, seed: int) -> Iterator[tuple[Trip, Path]]:
    """Each trip with its unique path, in generation order: `-2`, `-3` … when a date and city repeat."""
    rng = random.Random(seed)
    roster = make_roster(rng)
    seen: dict[tuple[date, str], int] = {}
    for _ in range(count):
        trip = make_trip(rng, roster)
        key = (trip.front["start_date"], trip.slug)
        seen[key] = seen.get(key, 0) + 1
        slug = trip.slug if seen[key] == 1 else f"{trip.slug}-{seen[key]}"
        yield trip, report_path(out, trip.front["start_date"], slug)


def split_chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def write_chunk(jobs: list[tuple[Trip, Path]]) -> list[Path]:
    """Render and write some reports (a unit of work for one process); their paths."""
    for folder in sorted({path.parent for _, path in jobs}):
        folder.mkdir(parents=True, exist_ok=True)
    for trip, path in jobs:
        path.write_text(render_report(trip.front, trip.sections), encoding="utf-8", newline="\n")
    return [path for _, path in jobs]
