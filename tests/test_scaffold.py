"""`reisregister new`: flags, piped answers, places, ids that never overwrite."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from reisregister.cli.main import main
from reisregister.core.places import country_code, find_country
from reisregister.core.report import SECTIONS
from reisregister.core.rules import PENDING, PLANNED, trip_status
from reisregister.intake.checks import check_file
from reisregister.intake.report_files import place_slug as slugify

FLAGS = [
    "--role=wethouder",
    "--organisation=Gemeente Den Haag",
    "--name=Jan Jansen",
    "--start=2015-09-14",
    "--end=2015-09-15",
    "--city=Marseille",
    "--city=Aix-en-Provence",
    "--summary=Kennismaking met het Franse veiligheidscluster.",
    "--cost-transport=412,50",
    "--cost-accommodation=189",
    "--cost-other=38.20",
    "--paid-by=Gemeente Den Haag",
    "--tag=veiligheid",
    "--tag=Europa",
    "--no-input",
]


def run_new(tmp_path: Path, *args: str, answers: str | None = None, monkeypatch=None) -> int:
    """`reisregister new ... --out tmp_path/reports`, with answers on standard input."""
    if answers is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    return main(["new", *args, f"--out={tmp_path / 'reports'}"])


def check_written(path: Path):
    """The report the validator makes of a written file; fails on any problem."""
    report, problems = check_file(path, in_tree=True)
    assert problems == []
    return report


# ----------------------------------------------------------------------------
# Flags
# ----------------------------------------------------------------------------


def test_flags_write_a_valid_report_in_its_year_folder(tmp_path: Path):
    assert run_new(tmp_path, *FLAGS) == 0
    path = tmp_path / "reports" / "2015" / "2015-09-14-marseille.md"
    meta = check_written(path).meta
    assert meta.title == "Verslag dienstreis naar Marseille en Aix-en-Provence"
    assert [(d.city, d.country) for d in meta.destinations] == [("Marseille", "FR"), ("Aix-en-Provence", "FR")]
    assert meta.travellers[0].name == "Jan Jansen"
    assert meta.costs.model_dump() == {
        "transport": 412.5,
        "accommodation": 189.0,
        "subsistence": None,
        "other": 38.2,
        "total": 639.7,
        "currency": "EUR",
        "status": "final",
    }
    assert meta.tags == ["veiligheid", "Europa"]
    assert meta.paid_by == "Gemeente Den Haag"


def test_a_new_file_has_the_five_headings_with_nothing_under_them(tmp_path: Path):
    assert run_new(tmp_path, *FLAGS) == 0
    path = tmp_path / "reports" / "2015" / "2015-09-14-marseille.md"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("---\n" + "".join(f"\n## {heading}\n" for heading in SECTIONS.values()))
    assert "#" not in text.split("---\n")[1]  # no YAML comments
    report = check_written(path)
    assert report.standard_sections == {}
    assert trip_status(report, date(2015, 10, 1)).label == PENDING


def test_a_future_trip_is_planned(tmp_path: Path, capsys):
    start = date.today() + timedelta(days=30)
    flags = [f for f in FLAGS if not f.startswith(("--start", "--end"))]
    assert run_new(tmp_path, *flags, f"--start={start}") == 0
    report = check_written(tmp_path / "reports" / str(start.year) / f"{start}-marseille.md")
    assert report.meta.end_date == start  # the last day defaults to the first
    assert trip_status(report, date.today()).label == PLANNED
    assert f"als '{PLANNED}'" in capsys.readouterr().out


def test_actions_and_expected_results_from_flags(tmp_path: Path):
    actions = ["--action=Roadmap opstellen.", "--action-owner=TNO", "--action-due=2016-03-01"]
    assert run_new(tmp_path, *FLAGS, "--expected=Een EU-aanvraag.", *actions) == 0
    meta = check_written(tmp_path / "reports" / "2015" / "2015-09-14-marseille.md").meta
    assert meta.expected_results == "Een EU-aanvraag."
    assert [(a.action, a.owner, a.due, a.status) for a in meta.actions] == [
        ("Roadmap opstellen.", "TNO", date(2016, 3, 1), "open")
    ]


def test_an_action_due_before_the_trip_is_refused(tmp_path: Path, capsys):
    actions = ["--action=Roadmap opstellen.", "--action-owner=TNO", "--action-due=2014-03-01"]
    assert run_new(tmp_path, *FLAGS, *actions) == 1
    assert "--action-due: 2014-03-01 ligt vóór start_date 2015-09-14" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()  # checked before anything is written


def test_withheld_name_is_null(tmp_path: Path):
    flags = [f for f in FLAGS if not f.startswith("--name")]
    assert run_new(tmp_path, *flags, "--withheld") == 0
    path = tmp_path / "reports" / "2015" / "2015-09-14-marseille.md"
    assert "  - name: null\n" in path.read_text(encoding="utf-8")
    assert check_written(path).meta.travellers[0].name is None


def test_never_overwrites_a_taken_id(tmp_path: Path):
    assert run_new(tmp_path, *FLAGS) == 0
    first = tmp_path / "reports" / "2015" / "2015-09-14-marseille.md"
    before = first.read_bytes()
    assert run_new(tmp_path, *FLAGS) == 0
    assert run_new(tmp_path, *FLAGS) == 0
    assert first.read_bytes() == before
    names = sorted(p.name for p in first.parent.iterdir())
    assert names == ["2015-09-14-marseille-2.md", "2015-09-14-marseille-3.md", "2015-09-14-marseille.md"]
    for path in first.parent.iterdir():
        check_written(path)


def test_country_flag_overrides_the_lookup(tmp_path: Path):
    flags = [f for f in FLAGS if not f.startswith("--city")]
    assert run_new(tmp_path, *flags, "--city=Valencia", "--city=Parijs", "--country=ES", "--country=Frankrijk") == 0
    report = check_written(tmp_path / "reports" / "2015" / "2015-09-14-valencia.md")
    assert [d.country for d in report.meta.destinations] == ["ES", "FR"]


def test_reports_dir_is_the_default_folder(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("REPORTS_DIR", str(tmp_path / "elders"))
    assert main(["new", *FLAGS]) == 0
    check_written(tmp_path / "elders" / "2015" / "2015-09-14-marseille.md")


def test_no_input_lists_every_problem_and_writes_nothing(tmp_path: Path, capsys):
    code = run_new(
        tmp_path,
        "--no-input",
        "--start=2015-02-30",
        "--city=Xyzzy",
        "--summary=<b>Vet</b>",
        "--cost-transport=10",
        "--cost-total=€ 1.234,50",
    )
    assert code == 1
    assert not (tmp_path / "reports").exists()
    err = capsys.readouterr().err
    for expected in (
        "--role: ontbreekt; verplicht met --no-input",
        "--organisation: ontbreekt; verplicht met --no-input",
        "--name of --withheld: ontbreekt",
        "--start: 2015-02-30 is geen bestaande datum",
        "--city 'Xyzzy': land niet gevonden; geef het met --country",
        "--summary: bevat HTML ('<b>')",
        "--cost-total: 1234.50 is niet de som van de onderdelen (transport 10.00 = 10.00)",
        "7 problemen; niets geschreven",
    ):
        assert expected in err


def test_no_input_says_what_is_missing_once(tmp_path: Path, capsys):
    assert run_new(tmp_path, "--no-input") == 1
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in err[:-1]] == ["reisregister new"] * 6
    assert [line.split(": ")[1] for line in err[:-1]] == [
        "--role",
        "--organisation",
        "--name of --withheld",
        "--start",
        "--city",
        "--summary",
    ]
    assert err[-1] == "6 problemen; niets geschreven"


def test_no_input_checks_across_fields(tmp_path: Path, capsys):
    flags = [f for f in FLAGS if not f.startswith("--end")]
    assert run_new(tmp_path, *flags, "--end=2015-09-13", "--cost-total=700") == 1
    err = capsys.readouterr().err
    assert "--end: 2015-09-13 ligt vóór start_date 2015-09-14" in err
    assert "--cost-total: 700.00 is niet de som van de onderdelen" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--name=Jan", "--withheld"],
        ["--city=Parijs", "--city=Keulen", "--country=FR", "--country=DE", "--country=BE"],
        ["--action=Roadmap opstellen.", "--action-due=2016-03-01"],
        ["--bogus"],
    ],
    ids=["name-and-withheld", "country-count", "action-flags-count", "unknown-flag"],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]):
    try:
        code = run_new(tmp_path, *args, "--no-input")
    except SystemExit as stop:
        code = stop.code
    assert code == 2
    assert not (tmp_path / "reports").exists()


# ----------------------------------------------------------------------------
# Prompts (answers piped on standard input)
# ----------------------------------------------------------------------------

ANSWERS = [
    "beleidsadviseur",  # role
    "Gemeente Utrecht",  # organisation
    "",  # name: withheld
    "n",  # no other traveller
    "31-9-2015",  # start: no such day, asked again
    "14-9-2015",  # Dutch order
    "13-09-2015",  # end before start: refused, asked again
    "",  # end: the default, the first day
    "Parijs",  # city
    "",  # country: the FR found
    "",  # no more places
    "",  # title: the default
    "Overleg over de Olympische Spelen.",  # summary
    "100,50",  # transport
    "",  # accommodation
    "",  # subsistence
    "",  # other
    "",  # total: the sum
    "",  # currency: EUR
    "n",  # costs provisional
    "",  # paid by: the organisation
    "sport, Europa",  # tags
    "trien, vliegtuig",  # transport: refused, asked again
    "trein, vliegtuig",
    "Afspraken over de Spelen van 2028.",  # expected results
    "j",  # a follow-up action
    "Plan van aanpak opstellen.",
    "",  # owner: the traveller's organisation
    "2015-12-01",
    "n",  # no more actions
    "",  # the summary is right: write
]


def test_piped_answers_refuse_a_wrong_date_and_find_the_country(tmp_path: Path, monkeypatch, capsys):
    assert run_new(tmp_path, answers="\n".join(ANSWERS) + "\n", monkeypatch=monkeypatch) == 0
    out, err = capsys.readouterr()
    assert "2015-09-31 is geen bestaande datum" in err
    assert "2015-09-13 ligt vóór start_date 2015-09-14" in err
    assert out.count("Eerste dag van de reis (bijv. 14-9-2015): ") == 2
    assert "Laatste dag van de reis [14-9-2015]: " in out
    assert "Land van Parijs (landcode of naam, bijv. FR of Frankrijk) [FR]: " in out
    meta = check_written(tmp_path / "reports" / "2015" / "2015-09-14-parijs.md").meta
    assert (meta.start_date, meta.end_date) == (date(2015, 9, 14), date(2015, 9, 14))
    assert [(d.city, d.country) for d in meta.destinations] == [("Parijs", "FR")]
    assert meta.travellers[0].model_dump() == {
        "name": None,
        "role": "beleidsadviseur",
        "organisation": "Gemeente Utrecht",
    }
    assert meta.title == "Verslag dienstreis naar Parijs"
    assert (meta.costs.transport, meta.costs.total, meta.costs.status) == (100.5, 100.5, "provisional")
    assert meta.paid_by == "Gemeente Utrecht"
    assert meta.tags == ["sport", "Europa"]
    assert meta.transport == ["trein", "vliegtuig"]
    assert "'trien' is geen vervoermiddel; bedoelde u 'trein'?" in err
    assert "  Periode:       14 september 2015\n" in err
    assert "  Kosten:        €\xa0100,50 (vervoer €\xa0100,50), voorlopig\n" in err
    assert "Klopt dit? Bestand schrijven? [J/n]: " in out
    assert meta.expected_results == "Afspraken over de Spelen van 2028."
    assert [a.model_dump() for a in meta.actions] == [
        {
            "action": "Plan van aanpak opstellen.",
            "owner": "Gemeente Utrecht",
            "due": date(2015, 12, 1),
            "status": "open",
            "result": None,
            "updated": None,
        }
    ]


def test_only_what_the_flags_leave_open_is_asked(tmp_path: Path, monkeypatch, capsys):
    flags = [f for f in FLAGS if f != "--no-input" and not f.startswith("--start")]
    answers = "\n14-9-2015\n\n\n\n\n\n\n\n\n\n"  # no other traveller, the start date again, the defaults, write
    assert run_new(tmp_path, *flags, "--start=14 sep", answers=answers, monkeypatch=monkeypatch) == 0
    out, err = capsys.readouterr()
    assert "--start '14 sep': '14 sep' is geen datum" in err
    assert out.split("\n")[0].split(": ")[:-1] == [
        "Nog een reiziger toevoegen? [j/N]",
        "Eerste dag van de reis (bijv. 14-9-2015)",
        "Titel [Verslag dienstreis naar Marseille en Aix-en-Provence]",
        "Dagvergoeding (maaltijden, kleine uitgaven)",
        "Totaal [639,70]",
        "Valuta [EUR]",
        "Zijn de kosten definitief? [J/n]",
        "Vervoer (vliegtuig, trein, auto, bus, boot, anders; meerdere gescheiden door komma's) (Enter = niet opgegeven)",
        "Wat moet de reis opleveren? (Enter = overslaan)",
        "Een vervolgactie toevoegen? [j/N]",
        "Klopt dit? Bestand schrijven? [J/n]",
    ]
    meta = check_written(tmp_path / "reports" / "2015" / "2015-09-14-marseille.md").meta
    assert meta.costs.currency == "EUR" and meta.costs.status == "final"


def test_more_travellers_and_places_when_asked(tmp_path: Path, monkeypatch):
    answers = ["wethouder", "Gemeente Den Haag", "Jan Jansen", "j", "beleidsadviseur", "Gemeente Den Haag", ""]
    answers += [
        "n",
        "2015-09-14",
        "2015-09-16",
        "Brussel",
        "",
        "j",
        "Keulen",
        "Duitsland",
        "j",
        "Xyzzy",
        "xx",
        "NL",
        "",
    ]
    answers += ["", "Samenwerking in de Euregio.", "", "", "", "", "", "", "", "", "", "", "j"]
    assert run_new(tmp_path, answers="\n".join(answers) + "\n", monkeypatch=monkeypatch) == 0
    meta = check_written(tmp_path / "reports" / "2015" / "2015-09-14-brussel.md").meta
    assert [t.name for t in meta.travellers] == ["Jan Jansen", None]
    assert [(d.city, d.country) for d in meta.destinations] == [("Brussel", "BE"), ("Keulen", "DE"), ("Xyzzy", "NL")]
    assert meta.costs is None and meta.tags == []


def test_an_early_due_date_is_asked_again_at_once_and_nothing_typed_is_lost(tmp_path: Path, monkeypatch, capsys):
    answers = ["wethouder", "Gemeente Den Haag", "Jan Jansen", "n", "2015-09-14", "", "Brussel", "", ""]
    answers += ["", "Samenwerking in de Euregio.", *[""] * 9]  # title, summary, costs, payer, tags, transport, expected
    answers += ["j", "Roadmap opstellen.", "", "1-3-2014", "1-3-2016", "n", "j"]
    assert run_new(tmp_path, answers="\n".join(answers) + "\n", monkeypatch=monkeypatch) == 0
    assert "2014-03-01 ligt vóór start_date 2015-09-14" in capsys.readouterr().err
    meta = check_written(tmp_path / "reports" / "2015" / "2015-09-14-brussel.md").meta
    assert [(a.action, str(a.due)) for a in meta.actions] == [("Roadmap opstellen.", "2016-03-01")]


def test_answers_ending_early_write_nothing(tmp_path: Path, monkeypatch, capsys):
    assert run_new(tmp_path, answers="wethouder\nGemeente Den Haag\n", monkeypatch=monkeypatch) == 1
    assert "niets geschreven" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()


# ----------------------------------------------------------------------------
# Places and ids
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Parijs", "FR"),
        ("Brussel", "BE"),
        ("Keulen", "DE"),
        ("Londen", "GB"),
        ("münchen", "DE"),
        ("Munchen", "DE"),
        ("Marseille", "FR"),
        ("Den Haag", "NL"),
        ("Kopenhagen", "DK"),
        ("Xyzzy", None),
        ("", None),
    ],
)
def test_find_country_knows_dutch_exonyms(city: str, country: str | None):
    assert find_country(city) == country


@pytest.mark.parametrize(
    ("text", "code"),
    [("FR", "FR"), ("fr", "FR"), ("Frankrijk", "FR"), ("Verenigd Koninkrijk", "GB"), ("Germany", "DE"), ("xx", None)],
)
def test_country_code_from_code_or_name(text: str, code: str | None):
    assert country_code(text) == code


@pytest.mark.parametrize(
    ("city", "slug"),
    [
        ("Marseille", "marseille"),
        ("Den Haag", "den-haag"),
        ("Köln", "koln"),
        ("'s-Hertogenbosch", "s-hertogenbosch"),
        ("北京", "beijing"),  # transliterated, no longer the fallback
        ("Αθήνα", "athina"),
    ],
)
def test_slugify(city: str, slug: str):
    assert slugify(city) == slug
    assert slugify("…") == "reis"


# ----------------------------------------------------------------------------
# What Dutch staff type
# ----------------------------------------------------------------------------


def test_flags_as_dutch_staff_write_them(tmp_path: Path):
    flags = [f for f in FLAGS if not f.startswith(("--start", "--end", "--city", "--cost"))]
    dutch = ["--start=12-10-2015", "--end=14/10/2015", "--city=New York", "--country=VS", "--currency=dollar"]
    assert run_new(tmp_path, *flags, *dutch, "--cost-transport=€ 1.234,50", "--cost-other=412,50") == 0
    meta = check_written(tmp_path / "reports" / "2015" / "2015-10-12-new-york.md").meta
    assert (meta.start_date, meta.end_date) == (date(2015, 10, 12), date(2015, 10, 14))
    assert [(d.city, d.country) for d in meta.destinations] == [("New York", "US")]
    assert (meta.costs.transport, meta.costs.other, meta.costs.total) == (1234.5, 412.5, 1647.0)
    assert meta.costs.currency == "USD"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("VS", "US"),
        ("USA", "US"),
        ("UK", "GB"),
        ("Verenigd Koninkrijk", "GB"),
        ("groot-brittannië", "GB"),
        ("de", "DE"),
    ],
)
def test_country_names_and_aliases(tmp_path: Path, typed: str, code: str):
    flags = [f for f in FLAGS if not f.startswith("--city")]
    assert run_new(tmp_path, *flags, "--city=Xyzzy", f"--country={typed}") == 0
    assert check_written(tmp_path / "reports" / "2015" / "2015-09-14-xyzzy.md").meta.destinations[0].country == code


@pytest.mark.parametrize(
    ("typed", "code"), [("euro", "EUR"), ("€", "EUR"), ("pond", "GBP"), ("Zwitserse frank", "CHF")]
)
def test_currency_names_and_signs(tmp_path: Path, typed: str, code: str):
    assert run_new(tmp_path, *FLAGS, f"--currency={typed}") == 0
    assert check_written(tmp_path / "reports" / "2015" / "2015-09-14-marseille.md").meta.costs.currency == code


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (
            ["--city=Aarhus", "--country=Denemark"],
            "--country: 'Denemark' is geen land dat ik ken; bedoelde u DK (Denemarken)?",
        ),
        (["--city=Lyon", "--country=UK"], "bedoelde u FR (Frankrijk)?"),
        (
            ["--city=Kopenhagen", "--country=GB"],
            "de plaatsnamenlijst kent 'Kopenhagen' niet in GB (Verenigd Koninkrijk)",
        ),
        (["--city=Parijs", "--currency=kroon"], "--currency: 'kroon' is geen valutacode volgens ISO 4217"),
        (
            ["--city=Parijs", "--cost-total=1,2345"],
            "--cost-total: '1,2345' is geen duidelijk bedrag; schrijf het bijvoorbeeld als 1.234,50",
        ),
    ],
    ids=["misspelt-country", "city-elsewhere", "exonym-elsewhere", "unclear-currency", "unclear-amount"],
)
def test_what_cannot_be_converted_is_refused_with_a_hint(tmp_path: Path, capsys, flags: list[str], expected: str):
    base = [f for f in FLAGS if not f.startswith("--city")]
    assert run_new(tmp_path, *base, *flags) == 1
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()


def test_declining_the_summary_writes_nothing(tmp_path: Path, monkeypatch, capsys):
    flags = [f for f in FLAGS if f != "--no-input"]
    answers = "\n" * 9 + "n\n"  # no other traveller, the defaults, then no
    assert run_new(tmp_path, *flags, answers=answers, monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "Samenvatting van het nieuwe verslag:" in err
    assert "  Bestemmingen:  Marseille (Frankrijk, FR), Aix-en-Provence (Frankrijk, FR)\n" in err
    assert "  Reizigers:     Jan Jansen, wethouder, Gemeente Den Haag\n" in err
    assert err.endswith("niets geschreven\n")
    assert not (tmp_path / "reports").exists()


def test_a_flight_within_the_train_rule_asks_for_its_reason(tmp_path: Path, capsys):
    flags = [f.replace("2015-09-1", "2022-09-1") for f in FLAGS if not f.startswith("--city")]
    flight = [*flags, "--city=Parijs", "--transport=vliegtuig"]
    assert run_new(tmp_path, *flight) == 1
    assert "--flight-reason" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()
    assert run_new(tmp_path, *flight, "--flight-reason=Crisisoverleg; de trein kwam te laat aan.") == 0
    meta = check_written(tmp_path / "reports" / "2022" / "2022-09-14-parijs.md").meta
    assert meta.flight_reason == "Crisisoverleg; de trein kwam te laat aan."
    assert run_new(tmp_path, *[f for f in flags], "--city=Berlijn", "--transport=trein") == 0  # no flight, no question
