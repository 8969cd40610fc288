# The wandb_agent suite's entry point for ctest: runs every test_*.py here with unittest, and exits 77
# (ctest's SKIP_RETURN_CODE) with a message when the built programs it drives are not where CMake said.
"""python3 run_tests.py [unittest arguments]; paths come from SWEEP_TEST_* variables set by CMake."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def main():
    problem = harness.missing_setup()
    if problem:
        print("skipped: " + problem)
        return 77
    suite = unittest.defaultTestLoader.discover(os.path.dirname(os.path.abspath(__file__)), pattern="test_*.py")
    if len(sys.argv) > 1:  # names of tests to run, e.g. test_in_script.GridSweep
        suite = unittest.defaultTestLoader.loadTestsFromNames(sys.argv[1:])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
