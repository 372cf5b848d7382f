"""The addon's files load: the manifest parses, its data files exist, XML is well-formed, access lines are sound."""

import ast
import csv
import importlib.util
import pathlib
import xml.etree.ElementTree as ET

import pytest

ADDON = pathlib.Path(__file__).resolve().parent.parent / "youth_movement"
ACCESS_HEADER = ["id", "name", "model_id:id", "group_id:id", "perm_read", "perm_write", "perm_create", "perm_unlink"]
# folders whose .xml/.csv files Odoo only reads when the manifest lists them
LISTED_FOLDERS = ("data", "demo", "report", "security", "views", "wizard")


@pytest.fixture(scope="module")
def manifest():
    return ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))


def test_manifest_parses(manifest):
    """The manifest is a literal dict with the keys Odoo and the OCA expect."""
    assert isinstance(manifest, dict)
    for key in ("name", "version", "license", "depends", "data"):
        assert key in manifest, key
    assert manifest["version"].startswith("18.0."), manifest["version"]


def test_listed_files_exist(manifest):
    """Every file listed in data and demo exists, and is listed once."""
    listed = manifest.get("data", []) + manifest.get("demo", [])
    assert not [path for path in listed if not (ADDON / path).is_file()]
    assert len(listed) == len(set(listed)), "a file is listed twice"


def test_security_files_first(manifest):
    """Groups and access rights load before the records and views that use them."""
    data = manifest["data"]
    security = [i for i, path in enumerate(data) if path.startswith("security/")]
    assert security == list(range(len(security))), data[: len(security) + 1]


def test_data_files_are_listed(manifest):
    """No .xml or .csv in the data, demo, views... folders is forgotten by the manifest."""
    listed = set(manifest.get("data", []) + manifest.get("demo", []))
    present = {
        path.relative_to(ADDON).as_posix()
        for folder in LISTED_FOLDERS
        for path in (ADDON / folder).glob("**/*")
        if path.suffix in (".xml", ".csv")
    }
    assert not sorted(present - listed)


@pytest.mark.parametrize("path", sorted(ADDON.rglob("*.xml")), ids=lambda p: p.relative_to(ADDON).as_posix())
def test_xml_is_well_formed(path):
    """Every XML file of the addon parses."""
    root = ET.parse(path).getroot()
    assert root.tag


def test_access_csv():
    """ir.model.access.csv has Odoo's header; each row has 8 columns, a unique id and 0/1 permissions."""
    with (ADDON / "security" / "ir.model.access.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ACCESS_HEADER
    assert len(rows) > 1
    ids = set()
    for number, row in enumerate(rows[1:], 2):
        assert len(row) == 8, f"line {number}: {row}"
        assert row[0] and row[0] not in ids, f"line {number}: id {row[0]!r} empty or repeated"
        ids.add(row[0])
        assert row[2], f"line {number}: no model"
        assert all(value in ("0", "1") for value in row[4:]), f"line {number}: {row[4:]}"


def _python_models(path):
    """The models a Python file defines or extends (``_name``, else ``_inherit``)."""
    models = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            attrs = {
                target.id: stmt.value
                for stmt in node.body
                if isinstance(stmt, ast.Assign)
                for target in stmt.targets
                if isinstance(target, ast.Name)
            }
            value = attrs.get("_name") or attrs.get("_inherit")
            if isinstance(value, ast.List) and value.elts:  # _inherit = [model, mixin...]: the first is extended
                value = value.elts[0]
            if isinstance(value, ast.Constant):
                models.add(value.value)
    return models


@pytest.mark.parametrize(
    "path",
    sorted((ADDON / "models").glob("*.py")) + sorted((ADDON / "wizard").glob("*.py")),
    ids=lambda p: p.relative_to(ADDON).as_posix(),
)
def test_one_model_per_python_file(path):
    """A model's code is in the file named after it (``youth.council.decision`` in
    ``models/youth_council_decision.py``), and that file holds no other model."""
    if path.name == "__init__.py":
        return
    models = _python_models(path)
    assert {model.replace(".", "_") for model in models} == {path.stem}, models


@pytest.mark.parametrize(
    "path",
    sorted(ADDON.glob("views/*_views.xml")) + sorted(ADDON.glob("wizard/*_views.xml")),
    ids=lambda p: p.relative_to(ADDON).as_posix(),
)
def test_views_per_model(path):
    """``<model>_views.xml`` holds the views and window actions of that model only."""
    root = ET.parse(path).getroot()
    models = {
        field.text
        for record in root.iter("record")
        if record.get("model") in ("ir.ui.view", "ir.actions.act_window")
        for field in record.findall("field")
        if field.get("name") in ("model", "res_model")
    }
    assert {model.replace(".", "_") for model in models} == {path.name[: -len("_views.xml")]}, models


def test_readme_rst_is_written_from_the_fragments():
    """youth_movement/README.rst (OCA's addon page) is what scripts/make_readme.py writes from readme/."""
    spec = importlib.util.spec_from_file_location("make_readme", ADDON.parent / "scripts" / "make_readme.py")
    make_readme = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_readme)
    assert (ADDON / "README.rst").read_text(
        encoding="utf-8"
    ) == make_readme.render(), "run python3 scripts/make_readme.py"
