"""Virtual environment for the Python baselines of cglab-bench.

`ensure(packages)` makes sure the calling script runs inside `.build/bench-venv` (beside the
package, ignored by git) with `packages` installed: on first use it creates the environment and
pip-installs them, then re-executes the script with the environment's interpreter. When that is
impossible (no `venv` module, no network) it prints the reason and exits with status 3, which
cglab-bench reports as a skipped comparison.
"""
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VENV = os.path.join(ROOT, ".build", "bench-venv")
PYTHON = os.path.join(VENV, "bin", "python")


def _skip(reason):
    print("skip: " + reason)
    sys.exit(3)


def ensure(packages, modules):
    """Re-executes the script inside the environment, installing `packages` (pip names) unless
    `modules` (import names) already import there."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    try:
        if not os.path.exists(PYTHON):
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True, stdout=subprocess.DEVNULL)
        probe = subprocess.run([PYTHON, "-c", "import " + ", ".join(modules)], capture_output=True)
        if probe.returncode != 0:
            subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + packages,
                           check=True, stdout=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError) as error:
        _skip("cannot prepare %s (%s)" % (VENV, error))
    os.execv(PYTHON, [PYTHON] + sys.argv)
