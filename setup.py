"""Which packages the wheel holds; everything else is in pyproject.toml.

Every package under src/ is found (so a new subpackage can never be left out of the wheel),
plus mockloop.resources, which lives in the top-level resources/ folder (mapped by package-dir
in pyproject.toml). setuptools' [tool.setuptools.packages.find] cannot do both: it only finds
what is on disk under `where`, so it would drop mockloop.resources. Once resources/ moves to
src/mockloop/resources this file can go (see packaging/README.md).
"""

from setuptools import find_namespace_packages, setup

SKIP = ["*__pycache__*"]
SRC = find_namespace_packages("src", include=["mockloop", "mockloop.*"], exclude=SKIP)
RESOURCES = ["mockloop.resources"] + [
    f"mockloop.resources.{name}" for name in find_namespace_packages("resources", exclude=SKIP)
]

setup(packages=SRC + RESOURCES)
