"""Load the addon's plain-Python rules by file path: these tests need no Odoo."""

import importlib.util
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDON = ROOT / "youth_movement"
PACKAGE = "youth_tools"


def load_tool(name):
    """``youth_movement/tools/<name>.py``, imported as part of the ``tools`` package (so that one
    rule may use another) without importing the addon, and so without Odoo."""
    if PACKAGE not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            PACKAGE, ADDON / "tools" / "__init__.py", submodule_search_locations=[str(ADDON / "tools")]
        )
        package = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.fixture(scope="session")
def iin():
    return load_tool("iin")


@pytest.fixture(scope="session")
def school():
    return load_tool("school")


@pytest.fixture(scope="session")
def sheets():
    return load_tool("sheets")


@pytest.fixture(scope="session")
def quorum():
    return load_tool("quorum")


@pytest.fixture(scope="session")
def plan():
    return load_tool("plan")


@pytest.fixture(scope="session")
def language_walk():
    return load_tool("language_walk")
