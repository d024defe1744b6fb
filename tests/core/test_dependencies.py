"""Every package pyproject declares is used: imported by the code, or named in the settings."""

import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

ROOT = Path(__file__).resolve().parents[2]
# Declared for work that is about to land, with the reason; remove the entry when it does.
PLANNED: dict[str, str] = {}
# Loaded by name rather than imported: the database driver Django picks for a postgres:// URL.
BY_NAME = {"psycopg": "django.db.backends.postgresql"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower()


def _used_modules(folders: list[str]) -> set[str]:
    pattern = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_][\w]*)", re.M)
    names = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            names |= set(pattern.findall(text))
            names |= set(re.findall(r"\"([a-z_]+)[.\"]", text)) if path.name == "settings.py" else set()
    return names


@pytest.mark.parametrize(
    ("group", "folders"),
    [("dependencies", ["dieuhanh"]), ("dev", ["tests", "scripts", "bench", "dieuhanh"])],
)
def test_every_declared_package_is_used(group, folders):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] if group == "dependencies" else project["optional-dependencies"]["dev"]
    modules_of: dict[str, set[str]] = {}
    for module, dists in packages_distributions().items():
        for dist in dists:
            modules_of.setdefault(dist.lower().replace("_", "-"), set()).add(module)
    used = _used_modules(folders)
    # pytest plugins and tools are used by being installed: pytest-django, ruff, lint-imports.
    tools = {"pytest-django", "ruff", "import-linter"}
    unused = [
        name
        for name in map(_name, declared)
        if name not in PLANNED | BY_NAME
        and name not in tools
        and not modules_of.get(name.replace("_", "-"), set()) & used
    ]
    assert unused == [], f"declared in pyproject but never used: {unused}"
