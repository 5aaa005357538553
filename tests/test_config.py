"""Settings: declared once, and read from mkdocs.yml the way MkDocs reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.sites import build_site
from timeline.cli import main
from timeline.config import Settings, load_settings, options_table, read_mkdocs_config
from timeline.errors import ConfigError

BASE = """\
site_name: Inherited
site_url: !ENV [TIMELINE_TEST_SITE_URL, "https://fallback.example/"]
theme:
  name: mkdocs
  highlightjs: false
plugins:
  - search
  - timeline:
      date_order: DMY
      title: !ENV [TIMELINE_TEST_TITLE, Untitled]
      pages_dir: /history/
"""


@pytest.fixture
def inheriting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """mkdocs.yml inheriting its timeline entry from config/base.yml, with `!ENV` values."""
    project = tmp_path / "project"
    (project / "config").mkdir(parents=True)
    (project / "config" / "base.yml").write_text(BASE, encoding="utf-8")
    (project / "mkdocs.yml").write_text("INHERIT: config/base.yml\nsite_name: Child\n")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "events").mkdir()
    # Numeric and ambiguous: read only with the inherited date_order.
    (project / "events" / "a.yaml").write_text("title: A\ndate: 03/04/2025\n")
    monkeypatch.setenv("TIMELINE_TEST_SITE_URL", "https://example.org/h/")
    monkeypatch.setenv("TIMELINE_TEST_TITLE", "From the environment")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(project)
    return project


def test_inherit_and_env_are_read_as_mkdocs_reads_them(inheriting: Path) -> None:
    from mkdocs.config import load_config

    ours = read_mkdocs_config(inheriting / "mkdocs.yml")
    theirs = load_config(config_file=str(inheriting / "mkdocs.yml"))
    assert ours["site_name"] == theirs["site_name"] == "Child"
    assert ours["site_url"] == theirs["site_url"] == "https://example.org/h/"
    settings = load_settings(inheriting / "mkdocs.yml")
    plugin = theirs.plugins["timeline"]
    plugin.on_config(theirs)
    plugin.on_build_error(error=RuntimeError("only on_config ran"))  # drop the staging
    assert plugin.settings == settings
    assert (settings.date_order, settings.title, settings.pages_dir) == (
        "DMY",
        "From the environment",
        "history",
    )


@pytest.mark.slow
def test_check_export_and_build_see_the_same_settings(inheriting: Path) -> None:
    runner = CliRunner()
    checked = runner.invoke(main, ["check"])
    assert checked.exit_code == 0, checked.output
    exported = runner.invoke(main, ["export", "atom"])
    assert exported.exit_code == 0, exported.output
    assert "https://example.org/h/history/a/" in exported.output
    site = build_site(inheriting)
    atom = (site / "history" / "atom.xml").read_text(encoding="utf-8")
    assert "https://example.org/h/history/a/" in atom
    assert "From the environment" in (site / "history" / "index.html").read_text()


def test_relative_config_dir_is_beside_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - timeline:\n      events_dir: !relative $config_dir/data\n"
    )
    assert load_settings(tmp_path / "mkdocs.yml").events_path == tmp_path / "data"


def test_inherit_loops_and_missing_files_are_config_errors(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\n")
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "mkdocs.yml")
    (tmp_path / "base.yml").write_text("INHERIT: mkdocs.yml\n")
    with pytest.raises(ConfigError, match="loops"):
        load_settings(tmp_path / "mkdocs.yml")


def test_python_tags_are_not_run(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:os.system\nplugins: [timeline]\n"
    )
    assert load_settings(tmp_path / "mkdocs.yml") == Settings(root=tmp_path)


def test_every_setting_is_on_the_settings_page() -> None:
    page = (Path(__file__).parents[1] / "docs" / "guide" / "settings.md").read_text()
    for option in options_table():
        assert f"| `{option.name}` |" in page
        assert f"      {option.name}: " in page
