"""The layers of the platform, kept by walking every import of the code (tests and migrations aside).

thai < documents < agencies < api < disclosure (the OIT core) < modules < portal. An app imports only
apps of lower layers; modules do not import each other, and reach the OIT core only through its provider
interface (``prongsai.disclosure.providers``), so that a module can be added or removed without touching
another one.
"""

import ast
from pathlib import Path

import prongsai

ROOT = Path(prongsai.__file__).resolve().parent
LAYERS = {
    "thai": 0,
    "documents": 1,
    "agencies": 2,
    "api": 3,
    "disclosure": 4,
    "plans": 5,
    "content": 5,
    "datasets": 5,
    "eservice": 5,
    "integrity": 5,
    "assessment": 5,
    "finance": 5,
    "property": 5,
    "portal": 6,
    "city": 6,  # the city dashboard reads the modules through the providers, as the portal does
}
MODULE_LAYER = 5
INTERFACE = "prongsai.disclosure.providers"


def _imports(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(root.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            # "from prongsai.x import y" may import the module prongsai.x.y
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def _violations(root: Path = ROOT) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if len(parts) < 2 or parts[0] not in LAYERS or "tests" in parts or "migrations" in parts:
            continue
        app = parts[0]
        for line, name in _imports(path, root):
            target = name.split(".")
            if target[0] != "prongsai" or len(target) < 2 or target[1] == app or target[1] not in LAYERS:
                continue
            other = target[1]
            where = f"{path.relative_to(root.parent)}:{line} imports {name}"
            if LAYERS[other] > LAYERS[app]:
                problems.append(f"{where} (upwards)")
            elif LAYERS[other] == LAYERS[app]:
                problems.append(f"{where} (a sibling module)")
            elif (
                other == "disclosure"
                and LAYERS[app] == MODULE_LAYER
                and not (name == INTERFACE or name.startswith(INTERFACE + "."))
                and name != "prongsai.disclosure"
            ):
                problems.append(f"{where} (past the provider interface)")
    return problems


def test_no_app_imports_upwards_or_a_sibling_except_through_the_provider_interface():
    assert _violations() == []


def test_the_walk_sees_a_forbidden_import(tmp_path):
    # A positive control: the walk must report an import that breaks the layers. The probe lives in a copy of
    # the package's shape under tmp_path, never in the real tree (the other test walks it at the same time).
    fake = tmp_path / "prongsai" / "plans" / "_layer_probe.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from prongsai.content.models import Law\nfrom prongsai.disclosure import services\n")
    found = _violations(tmp_path / "prongsai")
    assert any("_layer_probe.py:1 imports prongsai.content.models (a sibling module)" in p for p in found)
    assert any("_layer_probe.py:2" in p and "past the provider interface" in p for p in found)
