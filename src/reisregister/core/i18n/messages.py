"""Every message staff read, by key, in one catalogue: validation problems, prompts and importer notes.

Staff work in Dutch, so `NL` is the catalogue in use. The code asks for a message by key with
`str.format` fields (`message("date.not_real", value=...)`), so an English interface is a second
dictionary with the same keys and the same fields; `test_messages.py` keeps such a dictionary in step.
A problem names its field as the web form labels it, with the key as written in the file
(`Datum van terugkeer (end_date)`, from the `label.*` entries, which the form's config uses too);
values stay as they are written in the file.
"""

from __future__ import annotations

import re
from typing import Any

from reisregister.core.i18n.text import number

NL: dict[str, str] = {
    # ---- reisregister new: questions, option groups and option help (scaffold.py) ----
    # ---- the parts of a trip's costs: one word each, on the site, in the form, in `new` and in the CSV dictionary ----
    "cost.transport": "Vervoer",
    "cost.accommodation": "Overnachtingen",
    "cost.subsistence": "Dagvergoeding",
    "cost.other": "Overig",
    "new.part.transport": "Vervoer (trein, vliegtuig, taxi)",
    "new.part.accommodation": "Overnachtingen (hotel, logies)",
    "new.part.subsistence": "Dagvergoeding (maaltijden, kleine uitgaven)",
    "new.part.other": "Overig (inschrijfgeld, visum)",
    "new.group.traveller": "reiziger",
    "new.group.trip": "reis",
    "new.group.actions": "vervolgacties (optioneel; herhaal de drie opties per actie)",
    "new.group.costs": "kosten (bedragen als 412,50 of 1.234,50)",
    "new.help.role": "functie, bijv. wethouder",
    "new.help.organisation": "organisatie, bijv. 'Gemeente Den Haag'",
    "new.help.name": "naam (alleen bestuurders en publiek zichtbare functionarissen)",
    "new.help.withheld": "naam niet openbaar (name: null)",
    "new.help.start": "eerste dag, bijv. 14-9-2015 of 2015-09-14",
    "new.help.end": "laatste dag (standaard: de eerste dag)",
    "new.help.city": "plaats; herhaal voor meer plaatsen",
    "new.help.country": "land (FR, Frankrijk, VS), één voor alle plaatsen of één per --city",
    "new.help.title": "titel (standaard: 'Verslag dienstreis naar <plaats>')",
    "new.help.summary": "samenvatting in één regel",
    "new.help.tag": "trefwoord; herhaal voor meer",
    "new.help.transport": "vliegtuig, trein, auto, bus, boot of anders; herhaal voor meer",
    "new.help.expected": "wat de reis moet opleveren (vooraf vastgelegd)",
    "new.help.flight_reason": "waarom er is gevlogen naar een bestemming binnen de treinnorm",
    "new.help.action": "wat er gedaan wordt",
    "new.help.action_owner": "wie: organisatie of functie",
    "new.help.action_due": "uiterste datum, bijv. 1-12-2015",
    "new.help.cost_total": "totaal (standaard: de som van de onderdelen; geen bij onderdelen in verschillende valuta)",
    "new.help.cost_part": "{part}; in een andere valuta met de valuta erbij, bijv. 'CHF 380'",
    "new.help.currency": "valuta: code of naam, bijv. USD, dollar, pond (standaard EUR)",
    "new.help.cost_status": "final (definitief, standaard) of provisional (voorlopig)",
    "new.help.paid_by": "wie de reis betaalde",
    "new.help.out": "map met verslagen (standaard: $REPORTS_DIR of reports/)",
    "new.help.yes": "nooit vragen en niet laten bevestigen: alleen de opties",
    "new.ask.expected": "Wat moet de reis opleveren? (Enter = overslaan)",
    "new.ask.flight_reason": "De trein doet er minder dan de treinnorm over; waarom is er gevlogen?",
    "new.ask.more_travellers": "Nog een reiziger toevoegen?",
    "new.ask.name": "Naam (alleen bestuurders en publiek zichtbare functionarissen; Enter = naam niet openbaar)",
    "new.ask.start": "Eerste dag van de reis (bijv. 14-9-2015)",
    "new.ask.city": "Plaats van bestemming",
    "new.ask.more_cities": "Nog een plaats toevoegen?",
    "new.ask.cost_status": "Kosten (final of provisional)",
    "new.ask.costs_final": "Zijn de kosten definitief?",
    "new.ask.tags": "Trefwoorden, gescheiden door komma's (Enter = geen)",
    "new.ask.more_actions": "Een vervolgactie toevoegen?",
    "new.ask.action_due": "Uiterste datum (bijv. 1-12-2015)",
    "new.ask.action": "Wat wordt er gedaan",
    "new.ask.action_owner": "Door wie",
    "new.ask.country": "Land van {city} (landcode of naam, bijv. FR of Frankrijk)",
    "new.ask.transport": "Vervoer ({modes}; meerdere gescheiden door komma's)",
    "new.ask.summary": "Samenvatting in één regel",
    "new.ask.paid_by": "Betaald door",
    "new.ask.title": "Titel",
    "new.ask.role": "Functie van de reiziger",
    "new.ask.organisation": "Organisatie",
    "new.ask.end": "Laatste dag van de reis",
    "new.ask.total": "Totaal",
    "new.ask.currency": "Valuta",
    "new.ask.tags_given": "Trefwoorden, gescheiden door komma's",
    "new.ask.optional": "{prompt} (Enter = niet opgegeven)",
    "new.ask.yes_no": "{prompt} [j/N]",
    "new.ask.yes_no_default_yes": "{prompt} [J/n]",
    # ---- the fields, as the web form labels them (beheer.py) and every message names them ----
    # `label.<key>`, or `label.<parent>.<key>` where a key means another thing under a parent;
    # `label.<list>.item` names one item of a list ("Bestemming 2"); the parts of `costs` are `cost.<part>` above.
    "label.title": "Titel",
    "label.start_date": "Vertrekdatum",
    "label.end_date": "Datum van terugkeer",
    "label.destinations": "Bestemmingen",
    "label.destinations.item": "Bestemming",
    "label.city": "Plaats",
    "label.country": "Land",
    "label.lat": "Breedtegraad",
    "label.lon": "Lengtegraad",
    "label.travellers": "Reizigers",
    "label.travellers.item": "Reiziger",
    "label.name": "Naam",
    "label.role": "Functie",
    "label.organisation": "Organisatie",
    "label.external_participants": "Externe deelnemers",
    "label.external_participants.item": "Organisatie",
    "label.count": "Aantal personen",
    "label.summary": "Samenvatting",
    "label.costs": "Kosten",
    "label.total": "Totaal",
    "label.currency": "Valuta",
    "label.costs.transport_currency": "Valuta van vervoer",
    "label.costs.accommodation_currency": "Valuta van overnachtingen",
    "label.costs.subsistence_currency": "Valuta van dagvergoeding",
    "label.costs.other_currency": "Valuta van overig",
    "label.status": "Status",
    "label.paid_by": "Betaald door",
    "label.tags": "Trefwoorden",
    "label.tags.item": "Trefwoord",
    "label.transport": "Vervoermiddelen",
    "label.transport.item": "Vervoermiddel",
    "label.corrections": "Correcties",
    "label.corrections.item": "Correctie",
    "label.date": "Datum",
    "label.note": "Toelichting",
    "label.expected_results": "Verwachte resultaten",
    "label.actions": "Vervolgacties",
    "label.actions.item": "Actie",
    "label.action": "Actie",
    "label.owner": "Uitvoerder",
    "label.due": "Uiterste datum",
    "label.result": "Resultaat",
    "label.updated": "Status gewijzigd op",
    "label.published": "Gepubliceerd op",
    "label.train_hours": "Reistijd met de trein in uren",
    "label.flight_reason": "Reden om te vliegen binnen de treinnorm",
    "label.withheld": "Naam niet openbaar",
    # what a problem can be about besides a field: named in words, without a key in brackets
    "place.file": "Bestand",
    "place.encoding": "Tekenset van het bestand",
    "place.front matter": "Gegevens bovenaan (tussen de regels ---)",
    "place.id": "Bestandsnaam",
    "place.body": "Verslag",
    "place.section": "Verslag, kopje '{heading}'",
    "place.item": "{item} {number}",
    "place.field": "{label} ({path})",
    # ---- plain text, dates, amounts, codes (model.py) ----
    "text.one_line": "moet één regel tekst zijn; haal de regeleinden weg",
    "text.invisible": "bevat het onzichtbare teken U+{code:04X} ({name}); haal het weg",
    "text.html": "bevat HTML ({found!r}); schrijf platte tekst zonder < > of &…;",
    "text.placeholder": "staat nog op {value!r}, de plaatsvervanger van de import; vul het echte gegeven in",
    "name.not_a_name": (
        "{value!r} is geen naam; is de naam niet openbaar, schrijf dan `name: null` "
        "(in het formulier: vink 'Naam niet openbaar' aan)"
    ),
    "name.missing": (
        "ontbreekt; schrijf de naam, of `name: null` als de naam niet openbaar is "
        "(in het formulier: vink 'Naam niet openbaar' aan)"
    ),
    "name.empty": (
        "is leeg; schrijf de naam, of `name: null` als de naam niet openbaar is "
        "(in het formulier: vink 'Naam niet openbaar' aan)"
    ),
    "date.out_of_range": "{value} ligt buiten de jaren {first}–{last}; controleer het jaar",
    "date.not_a_date": "{value!r} is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2015-09-14",
    "date.not_real": "{value} is geen bestaande datum",
    "date.end_before_start": "{end} ligt vóór {start}, de «start_date»",
    "amount.text": "{value!r} is tekst; schrijf het bedrag als getal zonder € en met een punt voor de centen{example}",
    "amount.unclear": (
        "{value!r} is geen duidelijk bedrag: hoogstens twee cijfers na de komma, een punt alleen tussen duizendtallen; "
        "schrijf het bijvoorbeeld als 1.234,50 of 412,50"
    ),
    "amount.example": ", bijvoorbeeld 639.70",
    "amount.suggestion": ": {number}",
    "country.not_code": "{value!r} is geen landcode volgens ISO 3166-1 alpha-2{hint}",
    "country.did_you_mean": "; bedoelde u {code} ({name})?",
    "country.how": " (twee hoofdletters, bijvoorbeeld FR voor Frankrijk)",
    "currency.not_code": "{value!r} is geen valutacode volgens ISO 4217{hint}",
    "currency.did_you_mean": "; bedoelde u {code}?",
    "currency.how": " (drie hoofdletters, bijvoorbeeld EUR)",
    "currency.no_rate": (
        "{value} heeft geen referentiekoers van de ECB en kan dus niet in euro's worden getoond; "
        "geef de bedragen in EUR"
    ),
    "transport.unknown": "{value!r} is geen vervoermiddel; {hint}kies uit {modes}",
    "transport.did_you_mean": "bedoelde u {close!r}? ",
    "transport.twice": "noemt een vervoermiddel twee keer; houd er één",
    "train_rule.reason": "er is gevlogen, maar {city} is met de trein in {hours} uur bereikbaar ({how}), binnen de treinnorm van {limit} uur; geef onder flight_reason de reden van deze uitzondering, of onder train_hours de werkelijke reistijd met de trein als die langer is",
    "train_rule.estimated": "geschat uit de afstand",
    "train_rule.stated": "volgens train_hours",
    "tags.twice": "{tag!r} staat er twee keer in",
    "destination.lat_lon": "geef lat en lon allebei, of geen van beide",
    "destination.elsewhere": (
        "de plaatsnamenlijst kent {city!r} niet in {country} ({country_name}); bedoelde u {code} ({name})? "
        "Is het toch die plaats, geef dan ook lat en lon"
    ),
    "costs.not_sum": "{total:.2f} is niet de som van de onderdelen ({terms} = {sum:.2f})",
    "costs.total_several": (
        "de onderdelen zijn in verschillende valuta ({currencies}), dus er is geen totaal in één valuta: "
        "laat het totaal leeg; het register telt de onderdelen op in euro, tegen de ECB-koers van de begindatum"
    ),
    "costs.currency_without_amount": "een valuta zonder bedrag: vul {part} in, of laat de valuta leeg",
    "action.closed_undated": (
        "status {status!r} vraagt de datum van die wijziging bij «updated», bijvoorbeeld updated: 2016-03-01"
    ),
    # ---- pydantic's own error types (checks.error_message) ----
    "type.missing": "is verplicht",
    "type.string_type": "moet tekst zijn, niet {input!r}; zet het tussen aanhalingstekens als het tekst is",
    "type.list_type": "moet een lijst zijn (regels die beginnen met `- `), niet {input!r}",
    "type.model_type": "moet een groep regels `sleutel: waarde` zijn, niet {input!r}",
    "type.dict_type": "moet een groep regels `sleutel: waarde` zijn, niet {input!r}",
    "type.int_type": "moet een geheel getal zijn, niet {input!r}",
    "type.float_type": "moet een getal zijn, niet {input!r}",
    "type.float_parsing": "moet een getal zijn, niet {input!r}",
    "type.too_short": "mag niet leeg zijn",
    "type.string_too_short": "mag niet leeg zijn",
    "type.string_too_long": "is {length} tekens; hoogstens {max_length} toegestaan",
    "type.too_long": "heeft {actual_length} onderdelen; hoogstens {max_length} toegestaan",
    "type.less_than_equal": "{input} is te groot; hoogstens {le}",
    "type.greater_than_equal": "{input} is te klein; minstens {ge}",
    "type.literal_error": "{input!r} is niet toegestaan; gebruik {expected}",
    "type.finite_number": "{input!r} is geen bruikbaar getal",
    "type.other": "is ongeldig ({msg})",
    "field.unknown": "is geen bekend veld; {hint}",
    "field.did_you_mean": "bedoelde u {close!r}?",
    "field.known": "bekende velden hier: {fields}",
    # ---- files and folders (checks.py, load.py) ----
    "file.symlink": "is een symbolische koppeling; zet het verslag zelf hier",
    "file.not_regular": "is geen gewoon bestand; zet het verslag zelf hier",
    "file.not_regular_kind": "is geen gewoon bestand (een apparaat, pipe of map); zet het verslag zelf hier",
    "file.not_regular_remove": "is geen gewoon bestand; haal het weg",
    "file.missing": "bestaat niet",
    "file.not_report": (
        "is geen verslag: verslagen zijn `<id>.md`-bestanden (met kleine letters .md); "
        "hernoem het of haal het uit de map met verslagen"
    ),
    "file.unreadable": "kan niet worden gelezen: {reason}",
    "file.too_large": "is {size} bytes; een verslag is hoogstens {limit} bytes",
    "encoding.not_utf8": "byte 0x{byte:02x} in kolom {column} is geen UTF-8; sla het bestand op als UTF-8",
    "encoding.nul": "bevat een NUL-teken; dit is geen tekstbestand",
    "front.missing": "ontbreekt: het bestand moet beginnen met een regel `---`, dan de velden, dan `---`",
    "front.not_closed": (
        "is niet afgesloten: zet een regel `---` na het laatste veld, met niets erachter (ook geen onzichtbaar teken)"
    ),
    "front.empty": "is leeg; zie het voorbeeld in docs/verslag-indienen.md",
    "front.not_mapping": "moet bestaan uit regels `sleutel: waarde`",
    "front.not_yaml": (
        "is geen geldige YAML ({problem}); vergelijk de regel met het voorbeeld in docs/verslag-indienen.md"
    ),
    # YAML that does not parse, explained where staff make the mistake (load.py)
    "yaml.colon": (
        "een dubbele punt in de tekst leest YAML als het begin van een nieuw veld: "
        "zet de hele tekst tussen aanhalingstekens, zo: {fixed}"
    ),
    "yaml.tab": "springt in met een tab; YAML springt alleen in met spaties: vervang de tab door spaties",
    "yaml.quote_unclosed": (
        "de tekst begint met {quote} maar dat aanhalingsteken wordt op deze regel niet gesloten: "
        "zet {quote} ook aan het eind van de tekst"
    ),
    "yaml.after_quote": (
        "na het afsluitende aanhalingsteken staat nog tekst: zet de hele tekst tussen aanhalingstekens, zo: {fixed}"
    ),
    "yaml.indent": (
        "springt {found} spaties in, `{above}` op regel {line} springt er {expected} in: zet `{name}` recht onder `{above}` "
        "als het bij dezelfde groep hoort, anders recht onder het veld waar het bij hoort"
    ),
    "yaml.dash_space": "na het streepje van een lijst hoort een spatie: {fixed}",
    "yaml.no_space": "na de dubbele punt hoort een spatie: {fixed}",
    "yaml.no_colon": "is geen regel `veld: waarde`: zet na de veldnaam een dubbele punt en een spatie",
    "yaml.list_unclosed": "de {opening} wordt niet gesloten: zet {closing} aan het eind, zo: {fixed}",
    "yaml.starts_with": "een tekst die met {char} begint, leest YAML als code: zet de tekst tussen aanhalingstekens, zo: {fixed}",
    "front.too_deep": "nest lijsten of groepen meer dan {depth} niveaus diep",
    "front.anchor": (
        "gebruikt een YAML-anker of -alias (`&`, `*`); schrijf de waarde voluit, "
        "en zet een tekst die met & of * begint tussen aanhalingstekens"
    ),
    "front.tag": "gebruikt een YAML-tag ({tag}); haal die weg",
    "front.key_twice": "staat er twee keer (regels {first} en {second}); houd er één en haal de andere weg",
    "front.key_not_word": "veldnamen moeten gewone woorden zijn",
    "front.unusable_number": "{value} is geen bruikbaar getal",
    "front.character": (
        "bevat het onzichtbare teken {code} in kolom {column}; YAML-lezers lezen het verschillend "
        "(soms als regeleinde) en wie het bestand leest, ziet het niet: haal het weg, ook uit commentaar"
    ),
    "front.directive": (
        "een regel die met % begint is een YAML-aanwijzing (zoals %YAML 1.1); "
        "verslagen gebruiken YAML 1.2 zonder aanwijzingen: haal de regel weg"
    ),
    "front.document_marker": (
        "een regel die met `---` of `...` begint, begint of beëindigt een tweede YAML-document; "
        "alleen de regels boven en onder de velden zijn `---`: haal de regel weg"
    ),
    "id.too_long": "de bestandsnaam is {length} tekens; hoogstens {limit}: {expected}",
    "id.not_an_id": (
        "bestandsnaam {name!r} is geen verslag-id; gebruik kleine letters, cijfers en koppeltekens: {expected}"
    ),
    "id.wrong_date": (
        "de bestandsnaam begint met {found} maar de «start_date» is {start}; hernoem het bestand naar {expected}"
    ),
    "id.wrong_folder": "het bestand staat in map {folder!r} maar de reis begint in {year}; verplaats het naar {year}/",
    "id.expected_name": "{start}-<plaats>.md",
    "id.duplicate": "{id} is ook het id van {other}; een id komt maar één keer voor",
    "label.shared": (
        "{label!r} zou de pagina /{path}/{slug}/ delen met {usual!r} (zoals in {example}); schrijf het precies zo"
    ),
    "correction.after_version": (
        "{date} ligt na {reference}, de datum van deze versie; dateer een correctie op de dag dat ze wordt gemaakt"
    ),
    "action.before_start": "{date} ligt vóór {start}, de «start_date»; controleer het jaar",
    "published.not_written": (
        "staat bij een verslag zonder tekst; haal het weg: de publicatiedatum volgt uit git zodra de tekst er is"
    ),
    "published.before_end": "{date} ligt vóór {end}, de «end_date»; een verslag verschijnt na de reis",
    "published.after_version": "{date} ligt na {reference}, de datum van deze versie",
    "published.from_git": (
        "is alleen voor oude, geïmporteerde verslagen: dit verslag staat sinds {since} zonder tekst in git, "
        "dus de publicatiedatum volgt uit git; haal published weg"
    ),
    "published.after_arrival": (
        "{date} ligt na {since}, de dag dat het verslag met tekst in git kwam; geef de dag van de eerste publicatie"
    ),
    "action.after_version": "{date} ligt na {reference}, de datum van deze versie; geef de dag van de wijziging",
    # ---- the web form (assets/beheer.js) ----
    "beheer.refused": (
        "Dit verslag kan het formulier niet opslaan: regel {line}, {field}: {message}. "
        "De site weigert het bestand om dezelfde reden; laat het in git herstellen"
    ),
    "beheer.rename": (
        "Let op: het formulier hernoemt het bestand niet. Het heet nog {path}, met de oude vertrekdatum. "
        "Sla uw wijziging op en vraag in het pull request een beheerder het bestand te hernoemen naar {wanted} "
        "(met git mv); het oude webadres stuurt daarna door naar het nieuwe. Tot dan meldt de controle dat de "
        "bestandsnaam niet bij de vertrekdatum past"
    ),
    "beheer.refused_output": (
        "Niet opgeslagen: regel {line}, {field}: {message}. Haal het teken of de regel weg uit het veld en sla opnieuw op"
    ),
    # ---- what a report and the register may make the build write (budget.py) ----
    "budget.report_pages": (
        "het verslag krijgt {pages} eigen pagina's met elk een feed (één per reiziger, functie, organisatie, "
        "land, betaler en trefwoord); een verslag mag er hoogstens {limit} openen: kies minder trefwoorden, "
        "of laat de namen van ambtenaren weg (name: null)"
    ),
    "budget.report_bytes": (
        "het verslag laat de site naar schatting {size} MB schrijven; hoogstens {limit} MB per verslag: "
        "kort de tekst of de lijsten in"
    ),
    "budget.site_pages": (
        "het register zou {pages} pagina's maken; hoogstens {limit} (extra.reisregister.budget.pages in mkdocs.yml){hint}"
    ),
    "budget.site_bytes": (
        "het register zou naar schatting {size} MB maken; hoogstens {limit} MB "
        "(extra.reisregister.budget.megabytes in mkdocs.yml; GitHub Pages publiceert tot 1 GB){hint}"
    ),
    "budget.site_largest": "; de meeste eigen pagina's ({own}) komen van {report}",
    # ---- the report body (checks.py) ----
    "body.too_long": "is {length} tekens; hoogstens {limit} toegestaan",
    "body.hidden": (
        "bevat {kind}: de pagina toont dat niet, de open data en de bron wel; "
        "haal het weg of schrijf het als gewone tekst"
    ),
    "body.hidden.comment": "een HTML-commentaar",
    "body.hidden.link_definition": "een linkdefinitie",
    "section.twice": "kopje '{heading}' staat er twee keer in (regels {first} en {second}); voeg de twee samen",
    "section.too_long": "sectie '{heading}' is {length} tekens; hoogstens {limit} toegestaan",
    "section.preamble": "Inleiding",
    "section.missing": "sectie '## {heading}' ontbreekt",
    "section.empty": "sectie '{heading}' is leeg",
    "section.near_miss": "kopje '{found}' lijkt op '## {heading}', dat ontbreekt; schrijf het kopje zo",
    "section.placeholder": (
        "bevat nog de tekst van de import ({text!r}); schrijf wat het oude verslag hierover zegt, "
        "of dat het er niets over zegt"
    ),
    # ---- the command line (cli.py) ----
    "cli.description": "Open Reisregister: dienstreisverslagen beheren en publiceren.",
    "cli.validate": "verslagen en mappen controleren",
    "cli.validate.paths": "bestanden of mappen (standaard: $REPORTS_DIR of reports/)",
    "cli.validate.format": "github: meldingen bij de regels van een pull request",
    "cli.new": "een nieuw verslagbestand aanmaken",
    "cli.import": "oude verslagen in vrije vorm omzetten (.md, .txt, .docx)",
    "cli.import.out": "map met verslagen om in te schrijven",
    "cli.import.force": "bestaande bestanden overschrijven",
    "cli.export": "de open data schrijven: als JSON of CSV, of met --out MAP alle bestanden van data/",
    "cli.export.format": "schema: het JSON Schema van de front matter; zonder --format: alle bestanden in --out",
    "cli.export.out": "bestand om te schrijven (standaard: de standaarduitvoer); zonder --format: een map",
    "cli.export.config": "de instellingen van de site (standaard: mkdocs.yml in deze map)",
    "cli.export.what": "geef --format json, csv of schema, of --out MAP voor alle bestanden van de open data",
    "cli.export.written": "{count} bestanden geschreven in {out}",
    "cli.export.no_config": "{path} bestaat niet: geef met --config de mkdocs.yml van de site",
    "cli.export.default_settings": "geen mkdocs.yml in deze map: de standaardinstellingen gelden "
    "(termijn 30 dagen, thuisstad Den Haag); geef --config voor die van de site",
    "cli.export.bad_config": "{path} is niet te lezen: {error}",
    "cli.demo": "verzonnen verslagen schrijven, voor tests en metingen",
    # argparse's own words (cli/main.py hands them to argparse in place of its English)
    "cli.argparse.usage": "gebruik: ",
    "cli.argparse.error": "%(prog)s: fout: %(message)s\n",
    "cli.argparse.argument": "bij %(argument_name)s: %(message)s",
    "cli.argparse.positionals": "argumenten",
    "cli.argparse.options": "opties",
    "cli.argparse.help": "deze hulp tonen en stoppen",
    "cli.argparse.unrecognized": "onbekende argumenten: %s",
    "cli.argparse.required": "deze argumenten ontbreken: %s",
    "cli.argparse.one_required": "een van deze argumenten is verplicht: %s",
    "cli.argparse.not_allowed_with": "kan niet samen met %s",
    "cli.argparse.expected_one": "hier hoort één waarde achter",
    "cli.argparse.expected_at_most_one": "hier hoort hoogstens één waarde achter",
    "cli.argparse.expected_at_least_one": "hier hoort minstens één waarde achter",
    "cli.argparse.expected_n": "hier horen %s waarden achter",
    "cli.argparse.ambiguous": "%(option)s is niet eenduidig: bedoelt u %(matches)s?",
    "cli.argparse.invalid_value": "%(value)r is hier geen geldige waarde",
    "cli.argparse.invalid_choice": "%(value)r kan niet; kies uit %(choices)s",
    "cli.argparse.ignored_argument": "hier hoort geen waarde achter: %r",
    "cli.positive": "moet 1 of meer zijn",
    "cli.interrupted": "afgebroken",
    "cli.summary.problems": "{problems} in {bad} van {files}",
    "cli.summary.valid": "{reports} geldig",
    "cli.problem": "probleem",
    "cli.problems": "problemen",
    "cli.file": "bestand",
    "cli.files": "bestanden",
    "cli.report": "verslag",
    "cli.reports": "verslagen",
    "cli.demo.written": "{count} verzonnen verslagen geschreven in {out}",
    # ---- the site build (adapters/mkdocs/hooks.py); MkDocs ends a stopped build with its own English line ----
    "build.invalid": (
        "{problems} in {files}; verbeter ze en bouw opnieuw (`reisregister validate` geeft dezelfde meldingen):"
    ),
    "build.stopped": (
        "De bouw is gestopt: er is niets gepubliceerd of veranderd. "
        "MkDocs meldt dat hieronder als 'Aborted with a BuildError!'."
    ),
    "build.no_folder": "de map met verslagen {folder} bestaat niet; geef de juiste map met REPORTS_DIR",
    "build.address_clash": "twee gemaakte pagina's krijgen hetzelfde adres: {clash}",
    "build.hand_written_clash": (
        "docs/{source} heeft het adres van een gemaakte pagina of bestand (/{address}); geef het een andere naam"
    ),
    "build.nlds_missing": "nl_design_system staat aan, maar {package} ontbreekt: voer `make setup` uit",
    "build.no_decap": (
        "Decap CMS staat niet in {folder}; voer `make setup` uit "
        "(dat draait `npm ci --prefix tools/decap` en heeft Node.js en npm nodig)"
    ),
    # ---- reisregister new (scaffold.py) ----
    "new.country_count": "reisregister new: fout: geef --country één keer voor alle plaatsen, of één keer per --city",
    "new.action_count": "reisregister new: fout: geef --action, --action-owner en --action-due één keer per actie",
    "new.eof": "invoer beëindigd voordat alle vragen beantwoord waren; niets geschreven",
    "new.problem": "reisregister new: {problem}",
    "new.problems_total": "{count}; niets geschreven",
    "new.cannot_write": "reisregister new: kan niet schrijven in {folder}: {reason}",
    "new.written": "Geschreven: {path}",
    "new.status": "De reis staat nu als '{status}' in het register; er is nog geen verslag.",
    "new.next": "Schrijf het verslag onder de vijf kopjes in het bestand; zolang die leeg zijn, blijft dat zo.",
    "new.check": "Controleer het daarna met: reisregister validate {path}",
    "new.required": "verplicht; typ een antwoord",
    "new.yes_no": "antwoord j (ja) of n (nee)",
    "new.flag_refused": "{flag} {given!r}: {problem}",
    "new.flag_problem": "{flag}: {problem}",
    "new.flag_missing": "ontbreekt; verplicht met --no-input",
    "new.name_missing": "--name of --withheld: ontbreekt; zeg of de naam openbaar is",
    "new.country_not_found": "--city {city!r}: land niet gevonden; geef het met --country (bijv. FR)",
    "new.country_unknown": "{value!r} is geen land dat ik ken{hint}",
    "new.found_country": "  {city}: {name} ({code})",
    "new.costs_intro": (
        "Kosten: bedragen als 412,50, 1.234,50 of € 412; een bedrag in een andere valuta met de valuta erbij, "
        "bijv. CHF 380; Enter = onbekend of niet van toepassing."
    ),
    "new.costs_several": (
        "De bedragen zijn in verschillende valuta ({currencies}): er is geen totaal in één valuta; "
        "het register telt ze op in euro, tegen de ECB-koers van de begindatum."
    ),
    "new.confirm": "Klopt dit? Bestand schrijven?",
    "new.cancelled": "niets geschreven",
    "new.ask.draft": "Uw antwoorden als concept bewaren, om ze te verbeteren zonder alles opnieuw te typen?",
    "new.draft_written": "Concept bewaard: {path}",
    "new.draft_next": (
        "Verbeter het concept in een teksteditor, controleer het met `reisregister validate {path}` "
        "en zet het dan in {folder}/ met als naam <begindatum>-<plaats>.md (zonder 'concept-')"
    ),
    "new.summary": "Samenvatting van het nieuwe verslag:",
    "new.summary.line": "  {label:<15}{value}",
    "new.summary.title": "Titel",
    "new.summary.dates": "Periode",
    "new.summary.places": "Bestemmingen",
    "new.summary.travellers": "Reizigers",
    "new.summary.summary": "Samenvatting",
    "new.summary.costs": "Kosten",
    "new.summary.paid_by": "Betaald door",
    "new.summary.tags": "Trefwoorden",
    "new.summary.transport": "Vervoer",
    "new.summary.expected": "Verwacht",
    "new.summary.actions": "Vervolgacties",
    "new.summary.action": "{action} ({owner}, uiterlijk {due})",
    "new.summary.none": "—",
    "new.summary.provisional": "voorlopig",
    "new.summary.parts": "{parts}; het register telt ze op in euro",
    # ---- the importer (legacy.py) ----
    "import.written": "{target}: geschreven uit {source}",
    "import.placeholder": "{target}: {field}: {value} — {hint}",
    "import.to_complete": (
        "{target}: vul eerst deze plaatsvervangers in, tot dan weigert `reisregister validate` het bestand: {fields}"
    ),
    "import.person_moved": (
        "{target}: regel {line} van {source} ('{label}: …') staat nu bij de reizigers, niet in de tekst van het verslag"
    ),
    "import.costs_moved": (
        "{target}: de kosten uit '{heading}' staan nu bij de kosten bovenaan (costs), niet nog eens in de tekst"
    ),
    "import.hint.name_found": (
        "het oude verslag noemt {name!r}; de naam blijft niet openbaar tot u anders beslist: "
        "vul hem alleen in als het een bestuurder is"
    ),
    "import.exists": "bestaat al; gebruik --force om te overschrijven",
    "import.cannot_write": "kan niet worden geschreven: {reason}",
    "import.folder_symlink": "{folder} is een symbolische koppeling; schrijf in een echte map",
    "import.target_symlink": "is een symbolische koppeling; haal die eerst weg",
    "import.too_large": "is groter dan {limit} bytes; een oud verslag is een paar bladzijden",
    "import.not_text": "geen tekstbestand; sla het op als .docx, .md of .txt",
    "import.not_docx": "geen leesbaar Word-bestand (.docx) ({reason})",
    "import.docx_part": "onderdeel {name!r} is uitgepakt {size} bytes; hoogstens {limit} toegestaan",
    "import.docx_total": "is uitgepakt {size} bytes; hoogstens {limit} toegestaan",
    "import.no_title": "geen titelregel gevonden zoals 'Verslag dienstreis naar <plaats>, <data>'",
    "import.no_place": "de titelregel {title!r} noemt geen plaats",
    "import.no_date": "geen datum gevonden in de titelregel {title!r} of de tekst; voeg er een toe, bijv. ', 14-9-2015'",
    "import.no_country": (
        "het land van {city!r} is niet af te leiden; schrijf de landcode (ISO 3166-1 alpha-2), bijvoorbeeld FR"
    ),
    "import.hint.name": (
        "naam niet openbaar, de veilige standaard voor ambtenaren; vul de naam in als het een bestuurder is"
    ),
    "import.hint.role": "vul de functie van de reiziger in",
    "import.hint.organisation": "vul de organisatie van de reiziger in",
    "import.hint.transport": "vul het vervoer in (vliegtuig, trein, auto, bus, boot, anders) voor de CO₂-schatting",
    "import.hint.section": "het oude verslag heeft geen tekst onder '{heading}'; vul aan",
    "import.hint.country_only": "het verslag noemt alleen het land; vul de plaats in",
    "import.hint.summary_missing": "vul een samenvatting in één zin in",
    "import.hint.summary": "eerste zin van 'Doel van de reis'; controleer of die de reis samenvat",
    "import.hint.costs": "het verslag noemt meerdere bedragen zonder totaal ({amounts}); vul in",
}

_FIELD_IN_TEXT = re.compile(r"«(\w+)»")


def _name_fields(catalogue: dict[str, str]) -> dict[str, str]:
    """`«start_date»` in a message becomes the field's label and key: 'vertrekdatum (start_date)'."""

    def named(found: re.Match) -> str:
        return f"{catalogue[f'label.{found.group(1)}'].lower()} ({found.group(1)})"

    return {key: _FIELD_IN_TEXT.sub(named, text) for key, text in catalogue.items()}


NL = _name_fields(NL)
CATALOGUES = {"nl": NL}
LANGUAGE = "nl"


def message(key: str, **fields: Any) -> str:
    """The message for a key in the staff's language, with its fields filled in."""
    return CATALOGUES[LANGUAGE][key].format(**fields)


def template(key: str) -> str:
    """The message for a key with its fields still in braces (`{line}`), for the web form to fill in."""
    return CATALOGUES[LANGUAGE][key]


def count(value: int, one_key: str, many_key: str) -> str:
    """'1 probleem', '3 problemen': a count with its noun from the catalogue."""
    return f"{number(value)} {message(one_key if value == 1 else many_key)}"


# ----------------------------------------------------------------------------
# Fields named as the form labels them
# ----------------------------------------------------------------------------

_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def label(key: str, parent: str | None = None) -> str | None:
    """The web form's label of a front-matter key ('end_date' -> 'Datum van terugkeer'), or None if it has none."""
    catalogue = CATALOGUES[LANGUAGE]
    names = (f"cost.{key}",) if parent == "costs" else ()
    for name in (*names, f"label.{parent}.{key}", f"label.{key}"):
        if name in catalogue:
            return catalogue[name]
    return None


def field_label(path: str) -> str:
    """Where a problem is, as staff see it: 'Bestemming 2, Land (destinations[1].country)', 'Bestandsnaam'."""
    if f"place.{path}" in CATALOGUES[LANGUAGE]:
        return message(f"place.{path}")
    words = _labels_of(path)
    return message("place.field", label=words, path=path) if words else path


# `destinations[1].country` -> 'Bestemming 2, Land'; None when a key has no label (an unknown key).
def _labels_of(path: str) -> str | None:
    words: list[str] = []
    parent = None
    for index, key in _PART.findall(path):
        if index:
            if not words:
                return None
            item = label("item", parent) or words[-1]  # "Bestemming 2", counted from 1 as people count
            words[-1] = message("place.item", item=item, number=int(index) + 1)
            continue
        word = label(key, parent)
        if word is None:
            return None
        words.append(word)
        parent = key
    return ", ".join(words) if words else None
