#!/usr/bin/env python3
"""Run Odoo modules' own tests in an installed database, with every installed module loaded.

    python3 scripts/run_odoo_tests.py RESULTS.json -d DB --test-tags /event,/portal --stop-after-init ...

The options after RESULTS.json are Odoo's server options. `./ym suites` calls this; nothing here
installs a module.

Odoo's runner runs a module's ``at_install`` tests while it loads the modules one by one
(``odoo/modules/loading.py``, even without ``-i``/``-u``): when ``event``'s ``at_install`` tests
run, the modules that extend ``event`` (youth_movement among them) are not loaded yet, although
their columns and constraints are already in the database. Such a run says nothing about Odoo
with the addon. Here the ``at_install`` tests run once the whole registry is loaded, in Odoo's
post-install phase (``preload_registries`` in ``odoo/service/server.py``) and before the
``post_install`` tests; Odoo's own server, suites and result objects do the rest (the HTTP server
for browser tests, the asset bundles, the log, the retry of a failed test when the environment
variable ODOO_TEST_FAILURE_RETRIES asks for it). Each test's outcome is written to RESULTS.json:
``{test id: {"outcome": "pass" | "fail" | "error" | "skip", "message": text}}``.
"""

import json
import pathlib
import re
import sys

import odoo.tools
from odoo.cli import server

CLASS_SETUP = re.compile(r"^setUpClass \((?P<cls>[\w.]+)\)$")


def install_hooks(outcomes):
    """Make Odoo's loader run the at_install tests after loading, and keep each test's outcome."""
    from odoo.tests import case, common, loader, result  # once the options say it is a test run

    make_suite = loader.make_suite
    runs = common.BaseCase._tests_run_count

    class RetryingSuite(loader.OdooSuite):
        """Odoo's suite, with Odoo's retry of a failed test (ODOO_TEST_FAILURE_RETRIES) for every test:
        Odoo stops retrying after the first test that fails every time, and stock Odoo has some."""

        def _handleClassSetUp(self, test, result):  # called before each test
            common.BaseCase._tests_run_count = runs
            super()._handleClassSetUp(test, result)

    def make_suite_after_loading(module_names, position="at_install"):
        """Nothing while the modules load; every selected test once they are all loaded."""
        if position == "at_install":
            return loader.OdooSuite([])
        tests = [*make_suite(module_names, "at_install"), *make_suite(module_names, "post_install")]
        for test in tests:
            outcomes.setdefault(test.id(), {"outcome": "pass", "message": ""})
        return RetryingSuite(tests)

    class RecordingResult(result.OdooTestResult):
        """Odoo's result object, which also keeps each test's outcome."""

        def _record(self, test, outcome, message=""):
            if self._soft_fail:  # a browser test about to be retried: its last attempt counts
                return
            if isinstance(test, case._SubTest):
                test = test.test_case
            if isinstance(test, case.TestCase):
                keys = [test.id()]
            else:  # an error holder: setUpClass (or tearDownClass) of a whole class failed
                found = CLASS_SETUP.match(str(test))
                keys = [key for key in outcomes if found and key.startswith(found["cls"] + ".")] or [str(test)]
            for key in keys:
                entry = outcomes.setdefault(key, {"outcome": "pass", "message": ""})
                if entry["outcome"] in ("pass", "skip"):  # a test's first failure (or its subtest's) stays
                    entry.update(outcome=outcome, message=message)

        def addFailure(self, test, err):
            self._record(test, "fail", self._exc_info_to_string(err, test))
            super().addFailure(test, err)

        def addError(self, test, err):
            self._record(test, "error", self._exc_info_to_string(err, test))
            super().addError(test, err)

        def addSkip(self, test, reason):
            self._record(test, "skip", reason)
            super().addSkip(test, reason)

    loader.make_suite = make_suite_after_loading
    loader.OdooTestResult = RecordingResult


def main():
    results_path, args = pathlib.Path(sys.argv[1]), sys.argv[2:]
    odoo.tools.config.parse_config(args, setup_logging=False)  # Odoo's main parses them again
    outcomes = {}
    install_hooks(outcomes)
    try:
        server.main(args)
    finally:
        results_path.write_text(json.dumps(outcomes, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
