"""Load the addon's plain-Python rules by file path: these tests need no Odoo."""

import importlib.util
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDON = ROOT / "youth_movement"


def load_tool(name):
    spec = importlib.util.spec_from_file_location(f"youth_tools_{name}", ADDON / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
