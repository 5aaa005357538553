from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import EXAMPLE_ROOT
from tests.sites import build_site, read
from timeline import scaffold
from timeline.check import check_paths
from timeline.cli import main
from timeline.config import load_settings

EXPECTED = {
    "mkdocs.yml",
    "docs/index.md",
    ".pre-commit-config.yaml",
    ".github/workflows/timeline.yml",
    ".gitignore",
}


def init(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", *args])
    return result.exit_code, result.output


def written(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_init_writes_a_project_that_checks(tmp_path: Path) -> None:
    root = tmp_path / "lisbon-trams"
    code, output = init(str(root), "--theme", "mkdocs")
    assert code == 0, output
    files = written(root)
    (event,) = files - EXPECTED
    assert files >= EXPECTED
    assert re.fullmatch(r"events/\d{4}/\d{4}-\d\d-\d\d-lisbon-trams-the-first-entry\.yaml", event)
    for path in files:
        assert f"wrote {(root / path).as_posix()}" in output
    assert f"\nNext:\n  cd {root}\n  mkdocs serve " in output
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Lisbon trams"  # from the folder's name
    assert config["theme"] == {"name": "mkdocs"}
    assert config["use_directory_urls"] is False
    result = check_paths(load_settings(root / "mkdocs.yml"))
    assert not result.problems
    assert result.timeline is not None
    (only,) = result.timeline.events
    assert only.title == "Lisbon trams: the first entry"
    assert only.when.edtf == date.today().isoformat()


def test_any_title_is_safe_in_the_yaml(tmp_path: Path) -> None:
    title = "Q&A: 'war' — \"peace\", #1 [draft]: yes"
    code, output = init(str(tmp_path / "p"), "--title", title, "--theme", "material")
    assert code == 0, output
    config = yaml.safe_load((tmp_path / "p" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == title
    assert config["plugins"][1] == {"timeline": {"title": title, "home": "latest"}}
    assert config["theme"]["name"] == "material"
    result = check_paths(load_settings(tmp_path / "p" / "mkdocs.yml"))
    assert result.timeline is not None
    assert result.timeline.events[0].title == f"{title}: the first entry"


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    (tmp_path / ".github").write_text("a file where a folder goes\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*")}
    code, output = init(str(tmp_path))
    assert code == 1
    assert "nothing was written" in output
    assert "mkdocs.yml: already exists (a file)" in output
    assert ".gitignore: already exists (a file)" in output
    assert ".github/workflows/timeline.yml: .github is a file, not a folder" in output
    assert "Traceback" not in output
    assert {p: p.read_bytes() for p in tmp_path.rglob("*")} == before


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def fail_on_third(staged: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise PermissionError(13, "Permission denied", str(target))
        shutil.copyfile(staged, target)

    monkeypatch.setattr(scaffold, "_place", fail_on_third)
    root = tmp_path / "new"
    code, output = init(str(root))
    assert code == 1
    assert "could not write the project: Permission denied" in output
    assert "nothing was written" in output
    assert not root.exists()


def test_a_failed_write_in_an_existing_folder_keeps_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")

    def fail(staged: Path, target: Path) -> None:
        if target.name == ".gitignore":
            raise OSError(28, "No space left on device", str(target))
        shutil.copyfile(staged, target)

    monkeypatch.setattr(scaffold, "_place", fail)
    code, _output = init(str(tmp_path))
    assert code == 1
    assert written(tmp_path) == {"notes.txt"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_theme_is_material_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    assert scaffold.default_theme() == ("material" if real("material") else "mkdocs")
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "material" else real(name, *a),
    )
    assert scaffold.default_theme() == "mkdocs"


def test_without_material_init_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaffold, "default_theme", lambda: "mkdocs")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 0
    assert "Material for MkDocs is not installed" in result.output
    assert yaml.safe_load((tmp_path / "mkdocs.yml").read_text())["theme"] == {"name": "mkdocs"}


@pytest.mark.parametrize(
    ("folder", "title"),
    [("lisbon-trams", "Lisbon trams"), ("my_timeline", "My timeline"), ("ABC", "ABC")],
)
def test_default_title(tmp_path: Path, folder: str, title: str) -> None:
    assert scaffold.default_title(tmp_path / folder) == title


def test_no_text_from_the_example_timeline() -> None:
    example = re.compile(r"putin|russia|iran|israel|tass|treaty|partnership", re.I)
    for file in scaffold.project_files("A subject", "material", date(2020, 5, 17)):
        assert not example.search(file.text), file.path


def test_the_workflow_is_the_ci_guides() -> None:
    guide = (EXAMPLE_ROOT / "docs" / "guide" / "ci.md").read_text(encoding="utf-8")
    block = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert scaffold.template_text("timeline.yml") == block
    assert "pip install 'mkdocs-timeline[site]'" in block


def test_the_pre_commit_hooks_are_the_published_ones() -> None:
    published = yaml.safe_load((EXAMPLE_ROOT / ".pre-commit-hooks.yaml").read_text())
    files = {f.path: f.text for f in scaffold.project_files("A", "mkdocs", date(2020, 1, 1))}
    local = yaml.safe_load(files[".pre-commit-config.yaml"])["repos"][0]["hooks"]
    for hook in local:
        (same,) = [h for h in published if h["id"] == hook["id"]]
        # pre-commit's defaults where a key is left out
        for key, default in (("entry", None), ("files", None), ("pass_filenames", True)):
            assert hook.get(key, default) == same.get(key, default), (hook["id"], key)
        assert hook.get("require_serial", False) == same.get("require_serial", False)


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_an_init_project_builds_strict_with_one_timeline_section(
    tmp_path: Path, theme: str
) -> None:
    root = tmp_path / "project"
    assert init(str(root), "--theme", theme)[0] == 0
    site = build_site(root)
    home = read(site, "index.html")
    assert 'class="tl tl-root tl-home"' in home  # the marker became the latest events
    assert "Project: the first entry" in home
    assert 'href="timeline/index.html"' in home  # links work from disk
    # Previous/next follow the Timeline section's order: ..., Tags, Actors, Places, ...
    tags = read(site, "timeline/tags/index.html")
    # (the mkdocs theme's buttons, Material's <link rel> in the head)
    assert 'rel="next" href="../actors/index.html"' in tags
    assert 'rel="prev" href="../index.html"' in tags


# -- from the package, in a fresh virtual environment ---------------------------------

_COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", ".npm", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the package installed from a wheel built from this checkout.

    The package (code, templates, entry points) comes only from the wheel; its
    dependencies are borrowed from the test environment's site-packages, through a
    path entry that does not run that environment's .pth files, so the checkout's
    editable install cannot leak in.
    """
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    shutil.copytree(EXAMPLE_ROOT, source, ignore=_COPY_IGNORE)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = work.glob("mkdocs_timeline-*.whl")
    env = work / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps"]
    done = subprocess.run([*install, "-q", str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    borrowed = [p for p in sys.path if p.endswith("site-packages")]
    Path(purelib, "borrowed-deps.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")
    return env


def _run(env: Path, *command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    clean["PATH"] = f"{env / 'bin'}{os.pathsep}{clean.get('PATH', '')}"
    return subprocess.run(
        [str(env / "bin" / command[0]), *command[1:]],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_init_build_check_from_the_installed_package(
    installed: Path, tmp_path: Path, theme: str
) -> None:
    code = "import timeline; print(timeline.__file__)"
    where = _run(installed, "python", "-c", code, cwd=tmp_path)
    assert where.stdout.startswith(str(installed)), where.stdout  # not the checkout's sources
    project = tmp_path / "empty"
    project.mkdir()
    steps = [
        ("timeline", "init", "--theme", theme, "--title", "Harbour cranes"),
        ("python", "-m", "mkdocs", "build", "--strict"),  # MkDocs is borrowed: no script
        ("timeline", "check"),
    ]
    for step in steps:
        done = _run(installed, *step, cwd=project)
        assert done.returncode == 0, (step, done.stdout, done.stderr)
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Harbour cranes: the first entry" in html
    assert (project / "site" / "timeline" / "index.html").is_file()


def test_the_guide_starts_from_init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    guide = (EXAMPLE_ROOT / "docs" / "guide" / "index.md").read_text(encoding="utf-8")
    start = guide.split("## Start a project", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    init_line = start.splitlines()[0]
    assert init_line.startswith("timeline init ")
    monkeypatch.chdir(tmp_path)
    code, output = init(*shlex.split(init_line)[2:])
    assert code == 0, output
    project = tmp_path / shlex.split(init_line)[2]
    for line in (
        guide.split("writes a project that builds as it is:", 1)[1]
        .split("```")[1]
        .split("\n")[1:-1]
    ):
        listed = line.split()[0]
        if "<" not in listed:
            assert (project / listed).is_file(), listed
    # "Your first events": the command, the file it names, the filled-in text.
    first = guide.split("## Your first events", 1)[1]
    new_line = first.split("```sh\n", 1)[1].split("\n", 1)[0]
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, shlex.split(new_line)[1:])
    assert result.exit_code == 0, result.output
    named = first.split("writes `", 1)[1].split("`", 1)[0]
    assert result.stdout.strip() == named
    filled = first.split("```yaml\n", 1)[1].split("```", 1)[0]
    (project / named).write_text(filled, encoding="utf-8")
    checked = check_paths(load_settings(project / "mkdocs.yml"))
    assert not checked.problems
    assert checked.timeline is not None and len(checked.timeline) == 2


def test_the_distribution_has_its_own_name() -> None:
    import tomllib

    project = tomllib.loads((EXAMPLE_ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "mkdocs-timeline"  # 'timeline' on PyPI is another project
    assert project["scripts"] == {"timeline": "timeline.cli:main"}
    for page in ("README.md", "docs/guide/index.md", "docs/guide/ci.md", "docs/guide/deploy.md"):
        text = (EXAMPLE_ROOT / page).read_text(encoding="utf-8")
        assert "OWNER" not in text and "git+https://" not in text, page
        assert "pip install 'mkdocs-timeline[site]'" in text, page


def test_apt_waits_for_its_lock() -> None:
    scripts = sorted((EXAMPLE_ROOT / "scripts").glob("install-*"))
    calls = [
        line
        for script in scripts
        for line in script.read_text(encoding="utf-8").splitlines()
        if "apt-get " in line and not line.lstrip().startswith(("#", "if ", "echo"))
    ]
    assert len(calls) >= 4
    for line in calls:
        assert "-o DPkg::Lock::Timeout=600" in line, line
