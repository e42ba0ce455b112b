"""The Windows installer script, checked on Linux: fixed AppId, Chinese wizard, per-user
install, the .xjb file type, data kept on uninstall, the version of pyproject.toml."""

from __future__ import annotations

import re

import pytest

from tests.dist.conftest import ROOT, pyproject_version

ISS = ROOT / "installer" / "xueji.iss"


@pytest.fixture(scope="module")
def script() -> str:
    return ISS.read_text(encoding="utf-8-sig")


def _setup_value(script: str, key: str) -> str:
    found = re.search(rf"^{key}=(.+)$", script, re.M)
    assert found, key
    return found.group(1).strip()


def test_app_id_is_a_fixed_guid(script: str) -> None:
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", _setup_value(script, "AppId"))


def test_starts_with_a_byte_order_mark_so_chinese_text_survives() -> None:
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")


def test_wizard_is_in_simplified_chinese(script: str) -> None:
    assert re.search(r'^Name: "chinesesimplified"; MessagesFile: "\{#ChineseMessages\}"', script, re.M)
    assert '"compiler:Languages\\ChineseSimplified.isl"' in script


def test_installs_for_the_current_user_without_admin_rights(script: str) -> None:
    assert _setup_value(script, "PrivilegesRequired") == "lowest"
    assert _setup_value(script, "DefaultDirName") == "{localappdata}\\Programs\\xueji"
    assert "PrivilegesRequiredOverridesAllowed" not in script


def test_start_menu_and_desktop_shortcuts(script: str) -> None:
    assert 'Name: "{autoprograms}\\{#ShortName}"; Filename: "{app}\\{#AppExe}"' in script
    assert 'Name: "{autodesktop}\\{#ShortName}"; Filename: "{app}\\{#AppExe}"; Tasks: desktopicon' in script


def test_xjb_bundles_open_with_the_app(script: str) -> None:
    assert 'Subkey: "Software\\Classes\\.xjb"; ValueType: string; ValueName: ""; ValueData: "xueji.bundle"' \
        in script
    assert 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in script
    assert _setup_value(script, "ChangesAssociations") == "yes"


def test_uninstall_and_update_keep_the_data_folder(script: str) -> None:
    assert not re.search(r"^\[UninstallDelete\]", script, re.M)
    deleted = re.findall(r"^Type: filesandordirs; Name: \"([^\"]+)\"", script, re.M)
    assert deleted == ["{app}\\_internal"]
    assert "localappdata}\\xueji" not in " ".join(deleted)


def test_default_version_matches_pyproject(script: str) -> None:
    default = re.search(r'#ifndef AppVersion\s+#define AppVersion "([^"]+)"', script)
    assert default and default.group(1) == pyproject_version()
    assert _setup_value(script, "AppVersion") == "{#AppVersion}"


def test_windows_workflow_passes_the_pyproject_version() -> None:
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "python packaging/build.py --version" in workflow
    assert '"/DAppVersion=$version" installer\\xueji.iss' in workflow
