"""What reading mkdocs.yml the way MkDocs does costs the `check` path, by import.

Three whole processes, each best of --repeat runs (start-up included):

- baseline: ``import yaml`` (what reading mkdocs.yml needed before: PyYAML only);
- helpers: ``import yaml, yaml_env_tag, mergedeep`` (MkDocs' own `!ENV` and `INHERIT`
  helpers, installed with MkDocs: what timeline/config.py uses);
- mkdocs: ``import mkdocs.utils.yaml`` (MkDocs' reader, which brings MkDocs' exceptions
  and with them click and more).

Reported as ratios to the baseline. The CLI imports click anyway; the Python API
and the plugin's check path do not need to.

    python benchmarks/config_read.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best

CASES = {
    "baseline": "import yaml",
    "helpers": "import yaml, yaml_env_tag, mergedeep",
    "mkdocs": "import mkdocs.utils.yaml",
    "config module": "import timeline.config",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    times = {
        name: best(
            args.repeat, lambda code=code: subprocess.run([sys.executable, "-c", code], check=True)
        )  # type: ignore[misc]
        for name, code in CASES.items()
    }
    base = times["baseline"]
    for name, seconds in times.items():
        print(f"{name:14} {seconds * 1000:7.1f} ms  {seconds / base:5.2f}× baseline")
    print(f"mkdocs.utils.yaml / helpers: {times['mkdocs'] / times['helpers']:.2f}×")


if __name__ == "__main__":
    main()
