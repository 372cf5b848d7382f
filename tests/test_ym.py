"""The project's command line (``ym``): how it starts Odoo."""

import importlib.machinery
import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load_ym():
    loader = importlib.machinery.SourceFileLoader("ym_command", str(ROOT / "ym"))
    spec = importlib.util.spec_from_loader("ym_command", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_odoo_starts_from_its_script(tmp_path):
    """Odoo re-executes itself from sys.argv: it is started through odoo-bin, not ``-m odoo``."""
    ym = load_ym()
    package = tmp_path / "odoo"
    package.mkdir()
    (tmp_path / "odoo-bin").write_text("#!/usr/bin/env python3\n")
    assert ym.odoo_script(package) == (str(tmp_path / "odoo-bin"),)


def test_without_odoo_bin_the_installed_command(tmp_path, monkeypatch):
    """An Odoo installed from a wheel has no odoo-bin: the ``odoo`` command beside the interpreter."""
    ym = load_ym()
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "odoo").write_text("#!/usr/bin/env python3\n")
    monkeypatch.setattr(sys, "executable", str(bindir / "python3"))
    package = tmp_path / "site-packages" / "odoo"
    package.mkdir(parents=True)
    assert ym.odoo_script(package) == (str(bindir / "odoo"),)
    (bindir / "odoo").unlink()
    assert ym.odoo_script(package) == ("-m", "odoo")
