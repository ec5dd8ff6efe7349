"""The one definition of every table in the dataset.

Loaders, the validator, the exporters, ``data/datapackage.json`` and ``data/README.md`` all read
the ``TABLES`` declared here, so a column is added or renamed in exactly one place. Column names
follow UCDP GED / ACLED where a concept matches (``date_start``/``date_end``, ``*_low``/``*_best``/
``*_high`` estimates, ``geo_precision``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

LIST_SEPARATOR = ";"  # multi-valued cells (tags, source_ids) hold values joined by this character

# Closed vocabularies -----------------------------------------------------------------------------

CATEGORIES = (
    "political",
    "diplomatic",
    "legal",
    "military",
    "humanitarian",
    "displacement",
    "prisoners",
    "incursion",
)
DATE_PRECISIONS = ("day", "month", "year", "decade")
CONFIDENCE_LEVELS = ("confirmed", "single-source", "partisan-only", "contested")
GEO_PRECISIONS = ("exact", "town", "district", "region", "country")
SOURCE_TYPES = (
    "campaign",  # a campaign's own document (brochure, press release, joint declaration), named by its publisher
    "print",  # a printed document with no web address
    "advocacy",  # campaign or diaspora outlets of one side
    "press",
    "ngo",
    "intergovernmental",
    "court",
    "government",  # a state's own statement: attributable, but a party to the conflict
    "encyclopedia",
    "academic",
)
# Source types that may have no url: a printed document, or a campaign's document not published online.
SOURCE_TYPES_WITHOUT_URL = ("print", "campaign")
# Source types that neither campaign nor speak for one side of the conflict.
INDEPENDENT_SOURCE_TYPES = ("press", "ngo", "intergovernmental", "court", "encyclopedia", "academic")
COUNTING_BODIES = (
    "armenian_government",
    "azerbaijani_authorities",
    "icrc",
    "libertas",
    "lawyers",
    "eu",
    "ombudsman",
    "press",
    "other",  # e.g. an opposition MP or an outlet quoting a figure; who exactly is named in the note
)
DETAINEE_GROUPS = ("pow", "civilian", "former_leader", "not_stated")  # not_stated: the sources give no role
NAMING_BASES = ("public_figure", "named_in_detention_sources")
DETAINEE_STATUSES = ("captured", "held", "tried", "sentenced", "released", "disappeared")
SPONSOR_TYPES = ("municipality", "region", "ngo", "association", "parliamentary_group")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id | string | text | date | integer | number | boolean | list | url
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    references: str = ""  # "table.column" that every value (each list item) must exist in
    # True: an unknown reference is reported and cleared, and the row kept (an event whose place is
    # unknown is still an event); False: the row is set aside.
    keeps_row_on_unknown_reference: bool = False
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Table:
    name: str
    file: str
    description: str
    primary_key: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _estimates(what: str) -> tuple[Column, ...]:
    """low/best/high columns for a count a source gives, as UCDP GED does for deaths."""
    return tuple(
        Column(f"{what}_{bound}", "integer", f"{label} number of people {what}, as a source gives it", minimum=0)
        for bound, label in (("low", "Lowest"), ("best", "Best"), ("high", "Highest"))
    )


def _dated(subject: str) -> tuple[Column, ...]:
    """An interval of possible dates with its precision: equal bounds for a known day."""
    return (
        Column("date_start", "date", f"Earliest possible date of the {subject} (YYYY-MM-DD)", required=True),
        Column("date_end", "date", f"Latest possible date of the {subject} (YYYY-MM-DD)", required=True),
        Column("date_precision", "string", "How precisely the date is known", required=True, enum=DATE_PRECISIONS),
    )


SOURCE_IDS = Column(
    "source_ids",
    "list",
    "Ids of the sources that back this row, separated by ';'",
    required=True,
    references="sources.source_id",
)

EVENTS = Table(
    name="events",
    file="events.csv",
    description="Curated events of the Nagorno-Karabakh conflict, 1918-2026.",
    primary_key="event_id",
    columns=(
        Column("event_id", "id", "Stable identifier, never derived from the title", required=True),
        *_dated("event"),
        Column("date_display", "string", "The date as a reader should see it, e.g. 'May 1918'", required=True),
        Column("title_en", "string", "Title in English", required=True),
        Column("title_fr", "string", "Title in French"),
        Column("title_hy", "string", "Title in Armenian"),
        Column("summary_en", "text", "Neutral summary in English, characterisations attributed", required=True),
        Column("summary_fr", "text", "Summary in French"),
        Column("summary_hy", "text", "Summary in Eastern Armenian"),
        Column(
            "hy_reviewed",
            "boolean",
            "true once an Armenian speaker has reviewed title_hy and summary_hy; false shows a 'not yet reviewed' note",
        ),
        Column("category", "string", "Kind of event", required=True, enum=CATEGORIES),
        Column("tags", "list", "Free keywords, separated by ';'"),
        Column(
            "place_id",
            "id",
            "Where it happened (empty when no single place applies)",
            references="places.place_id",
            keeps_row_on_unknown_reference=True,
        ),
        *_estimates("killed"),
        *_estimates("displaced"),
        *_estimates("captured"),
        Column("confidence", "string", "How well the event is attested", required=True, enum=CONFIDENCE_LEVELS),
        Column("graphic", "boolean", "true where the details are unsuitable for a classroom", required=True),
        SOURCE_IDS,
    ),
)

SOURCES = Table(
    name="sources",
    file="sources.csv",
    description="Every document a row of the dataset cites.",
    primary_key="source_id",
    columns=(
        Column("source_id", "id", "Identifier cited in source_ids columns", required=True),
        Column("type", "string", "What kind of publisher this is", required=True, enum=SOURCE_TYPES),
        Column("publisher", "string", "Who published it", required=True),
        Column("title", "string", "Title of the document", required=True),
        Column("date", "string", "Publication date (YYYY, YYYY-MM or YYYY-MM-DD), empty if unknown"),
        Column(
            "url", "url", "The publisher's own page for the document (http or https); empty only for print or campaign"
        ),
        Column("archive_url", "url", "The copy actually read, where it differs from url (web archive snapshot)"),
        Column("language", "string", "Language of the document (ISO 639-1)", required=True),
    ),
)

CLAIMS = Table(
    name="claims",
    file="claims.csv",
    description="Contested values: one row per competing value, each with who says it and its source.",
    primary_key="claim_id",
    columns=(
        Column("claim_id", "id", "Identifier of this competing value", required=True),
        Column("event_id", "id", "The event the disagreement is about", required=True, references="events.event_id"),
        Column("field", "string", "What is disputed, e.g. killed_best, date, area_km2", required=True),
        Column("value", "string", "The value this claimant gives", required=True),
        Column("claimant", "string", "Who gives this value", required=True),
        Column("source_id", "id", "Where the value is published", required=True, references="sources.source_id"),
        Column("note", "text", "Context a reader needs to weigh the value"),
    ),
)

PLACES = Table(
    name="places",
    file="places.csv",
    description="Gazetteer of every place the dataset uses, with name variants and coordinate precision.",
    primary_key="place_id",
    columns=(
        Column("place_id", "id", "Identifier cited by place_id columns", required=True),
        Column("name_en", "string", "English name", required=True),
        Column("name_fr", "string", "French name"),
        Column("name_hy", "string", "Armenian name"),
        Column("name_az", "string", "Azerbaijani name (e.g. Khankendi for Stepanakert)"),
        Column("lat", "number", "Latitude (WGS84); empty when no sourced coordinate exists", minimum=-90, maximum=90),
        Column(
            "lon", "number", "Longitude (WGS84); empty when no sourced coordinate exists", minimum=-180, maximum=180
        ),
        Column("geo_precision", "string", "What the coordinate stands for", required=True, enum=GEO_PRECISIONS),
        Column("admin_area", "string", "Province, district or marz the place lies in"),
        Column("country", "string", "Country the place lies in today (ISO 3166-1 alpha-2)"),
        Column("outside_region", "boolean", "true for places outside the South Caucasus (Paris, Bishkek...)"),
        Column("geonames_id", "integer", "GeoNames id the coordinate was matched by, if any"),
        Column(
            "coord_source_id", "id", "Source of the coordinate when not from GeoNames", references="sources.source_id"
        ),
    ),
)

PRISONER_COUNTS = Table(
    name="prisoner_counts",
    file="prisoner_counts.csv",
    description="Dated counts of Armenians held in Azerbaijan, one row per counting body and date; never merged.",
    primary_key="count_id",
    columns=(
        Column("count_id", "id", "Identifier of this data point", required=True),
        *_dated("count"),
        Column("counting_body", "string", "Who counted", required=True, enum=COUNTING_BODIES),
        Column("held_total", "integer", "Number said to be held at that date", minimum=0),
        Column("held_pow", "integer", "Of whom prisoners of war", minimum=0),
        Column("held_civilian", "integer", "Of whom civilians", minimum=0),
        Column("held_leaders", "integer", "Of whom former Nagorno-Karabakh leaders", minimum=0),
        Column("released", "integer", "Number released in the event of that date", minimum=0),
        Column("captured", "integer", "Number newly captured in the event of that date", minimum=0),
        Column("disappeared_low", "integer", "Lowest number said to be missing in custody", minimum=0),
        Column("disappeared_high", "integer", "Highest number said to be missing in custody", minimum=0),
        Column(
            "event_id",
            "id",
            "The release, exchange or capture this row belongs to",
            references="events.event_id",
            keeps_row_on_unknown_reference=True,
        ),
        Column("note", "text", "What exactly was counted"),
        SOURCE_IDS,
    ),
)

DETAINEES = Table(
    name="detainees",
    file="detainees.csv",
    description="Public figures and persons named in published sources about their detention; nothing more.",
    primary_key="person_id",
    columns=(
        Column("person_id", "id", "Identifier", required=True),
        Column("name_en", "string", "Name as published", required=True),
        Column("name_hy", "string", "Name in Armenian script"),
        Column("group", "string", "Why they are held", required=True, enum=DETAINEE_GROUPS),
        Column("naming_basis", "string", "Why the name may be shown", required=True, enum=NAMING_BASES),
        Column("public_role", "string", "Public role as the sources give it"),
        SOURCE_IDS,
    ),
)

DETAINEE_STATUS = Table(
    name="detainee_status",
    file="detainee_status.csv",
    description="Status history of each detainee: captured, held, tried, sentenced, released.",
    primary_key="status_id",
    columns=(
        Column("status_id", "id", "Identifier", required=True),
        Column("person_id", "id", "Who", required=True, references="detainees.person_id"),
        *_dated("status change"),
        Column("status", "string", "New status from that date", required=True, enum=DETAINEE_STATUSES),
        Column("sentence", "string", "Sentence as published (e.g. 'life', '20 years')"),
        Column("note", "text", "Court or circumstance, as published"),
        SOURCE_IDS,
    ),
)

INCURSIONS = Table(
    name="incursions",
    file="incursions.csv",
    description="Episodes on Armenia's internationally recognised border, 2021-2025.",
    primary_key="incursion_id",
    columns=(
        Column("incursion_id", "id", "Identifier", required=True),
        Column(
            "event_id", "id", "The matching event", references="events.event_id", keeps_row_on_unknown_reference=True
        ),
        *_dated("episode"),
        Column("place_id", "id", "Site", required=True, references="places.place_id"),
        Column("marz", "string", "Armenian province (marz)"),
        Column("description_en", "text", "What happened, with attribution", required=True),
        Column("killed_low", "integer", "Fewest killed reported", minimum=0),
        Column("killed_high", "integer", "Most killed reported", minimum=0),
        Column("captured_low", "integer", "Fewest captured reported", minimum=0),
        Column("captured_high", "integer", "Most captured reported", minimum=0),
        Column("confidence", "string", "How well the episode is attested", required=True, enum=CONFIDENCE_LEVELS),
        SOURCE_IDS,
    ),
)

SPONSORS = Table(
    name="sponsors",
    file="sponsors.csv",
    description="Communities and NGOs that signed prisoner-sponsorship agreements (LIBERTAS campaign).",
    primary_key="sponsor_id",
    columns=(
        Column("sponsor_id", "id", "Identifier", required=True),
        Column("name", "string", "Name of the community or organisation", required=True),
        Column("type", "string", "Kind of sponsor", required=True, enum=SPONSOR_TYPES),
        Column(
            "place_id", "id", "Town it is based in", references="places.place_id", keeps_row_on_unknown_reference=True
        ),
        Column(
            "sponsored_person_ids", "list", "Detainees it sponsors, where published", references="detainees.person_id"
        ),
        Column("note", "text", "What the source says of the agreement"),
        SOURCE_IDS,
    ),
)

TABLES: tuple[Table, ...] = (
    SOURCES,
    PLACES,
    EVENTS,
    CLAIMS,
    PRISONER_COUNTS,
    DETAINEES,
    DETAINEE_STATUS,
    INCURSIONS,
    SPONSORS,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}

# Eras used by the filters, the timeline bands and `python -m atlas stats` (inclusive years).
ERAS: tuple[tuple[str, int, int], ...] = (
    ("independence_1918", 1918, 1920),
    ("sovietisation_1920", 1921, 1923),
    ("soviet_1923", 1924, 1987),
    ("movement_1988", 1988, 1991),
    ("first_war_1991", 1992, 1994),
    ("ceasefire_1994", 1995, 2019),
    ("second_war_2020", 2020, 2020),
    ("blockade_2021", 2021, 2023),
    ("aftermath_2024", 2024, 2026),
)
DATASET_FIRST_YEAR, DATASET_LAST_YEAR = 1918, 2026
