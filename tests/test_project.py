"""Project rules: the pure package never imports streamlit, generated docs match the schema, locales agree."""

import ast
import json
import subprocess
import sys
from pathlib import Path

from atlas.datapackage import build_descriptor, build_dictionary
from atlas.i18n import missing_keys
from atlas.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent


def test_atlas_never_imports_streamlit():
    offenders = []
    for path in (ROOT / "atlas").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("streamlit", "ui")]
    assert offenders == []


def test_datapackage_and_dictionary_match_the_schema():
    committed = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == build_descriptor(), "run `python -m atlas datapackage data`"
    assert (ROOT / "data" / "README.md").read_text(encoding="utf-8") == build_dictionary()


def test_every_schema_column_is_documented():
    dictionary = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for table in TABLES:
        assert f"## {table.file}" in dictionary
        for column in table.column_names:
            assert f"`{column}`" in dictionary


def test_locales_have_the_same_keys():
    assert missing_keys() == {"en": set(), "fr": set(), "hy": set()}


def test_no_unsafe_html_with_data():
    for path in [ROOT / "app.py", *(ROOT / "ui").glob("*.py"), *(ROOT / "app_pages").glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html=True" not in source, path.name
        assert "components.html" not in source, path.name


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_tests_and_bench_never_import_each_other():
    """Shared helpers live in devtools/, which both lanes import."""
    crossing = [
        f"{path.relative_to(ROOT)}: {name}"
        for lane, other in (("tests", "bench"), ("bench", "tests"))
        for path in (ROOT / lane).rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] == other
    ]
    assert crossing == []


def test_every_atlas_module_stays_small():
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "atlas").rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > 400} == {}


def test_the_url_module_loads_no_map_code_and_the_app_no_geopandas():
    code = (
        "import sys, atlas.params; bad = {'pydeck', 'shapely', 'geopandas'} & set(sys.modules); "
        "import ui; bad |= {'geopandas'} & set(sys.modules); print(sorted(bad)); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr[-500:]


def _pins(path: Path) -> dict[str, str]:
    """name -> version of every `name==version` line of a requirements or lock file (includes followed)."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip().rstrip("\\").strip()
        if line.startswith("-r "):
            pins.update(_pins(path.parent / line[3:].strip()))
        elif "==" in line:
            name, version = line.split(";")[0].split("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_lock_files_hold_every_chosen_pin_with_hashes():
    for chosen, lock in (("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")):
        locked = _pins(ROOT / lock)
        stale = {name: version for name, version in _pins(ROOT / chosen).items() if locked.get(name) != version}
        assert stale == {}, f"{lock} is out of date with {chosen}: run `make lock`"
        text = (ROOT / lock).read_text(encoding="utf-8")
        assert text.count("==") <= text.count("--hash=sha256:"), f"{lock} has a package without a hash"
    runtime, dev = _pins(ROOT / "requirements.lock"), _pins(ROOT / "requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime, "the dev lock must install the runtime lock's versions"
