"""Every third-party module the code imports is declared in pyproject.toml, and every declared runtime
dependency is used, so that a fresh `make install` has what the code needs and nothing it does not."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import prongsai

ROOT = Path(prongsai.__file__).resolve().parent
PYPROJECT = ROOT.parent / "pyproject.toml"
# Used without an import statement: a database driver Django loads, a hasher named in settings, the
# static-file middleware named in settings.
USED_BY_NAME = {"psycopg", "argon2-cffi", "whitenoise", "django-csp", "django-axes", "django-environ"} | {
    # the production server (deploy/, `make serve`), the S3 storage backend named in settings and its client,
    # Django's Redis cache backend's client
    "gunicorn",
    "django-storages",
    "boto3",
    "redis",
}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503


def _requirement_name(spec: str) -> str:
    return _normal(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].strip())


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    runtime = {_requirement_name(s) for s in project["dependencies"]}
    dev = {_requirement_name(s) for s in project["optional-dependencies"]["dev"]}
    return runtime, dev


def _imported(tests: bool) -> set[str]:
    found = set()
    for path in ROOT.rglob("*.py"):
        if ("tests" in path.parts or path.name == "conftest.py") != tests or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "prongsai"}


def _distributions(modules: set[str]) -> set[str]:
    mapping = packages_distributions()
    return {_normal(dist) for module in modules for dist in mapping.get(module, [module])}


def test_every_imported_module_is_declared():
    runtime, dev = _declared()
    assert _distributions(_imported(tests=False)) - runtime == set()
    assert _distributions(_imported(tests=True)) - runtime - dev == set()


def test_every_declared_runtime_dependency_is_used():
    runtime, _dev = _declared()
    used = _distributions(_imported(tests=False)) | USED_BY_NAME
    assert runtime - used == set()
