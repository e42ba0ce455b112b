"""The Windows installer script, checked on Linux: fixed AppId, Chinese wizard, per-user
install, the .xjb file type, data kept on uninstall, the version of pyproject.toml."""

from __future__ import annotations

import hashlib
import re

import pytest

from tests.dist.conftest import ROOT, pyproject_version

ISS = ROOT / "installer" / "xueji.iss"
# installer/ChineseSimplified.isl: Inno Setup 6.4.1's translation (see installer/README.md)
ISL_SHA256 = "dceca9fea16ea057a64012ac8744a1eca7dc6ce3187d0c8991accbb539f2d4a0"


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


def test_wizard_is_in_simplified_chinese_from_the_file_kept_here(script: str) -> None:
    messages = "compiler:Default.isl,ChineseSimplified.isl"
    assert re.search(rf'^Name: "chinesesimplified"; MessagesFile: "{messages}"$', script, re.M)
    assert "compiler:Languages\\ChineseSimplified.isl" not in script  # not in Inno Setup 6.4's own set


def test_the_chinese_language_file_is_kept_with_its_licence() -> None:
    messages = (ROOT / "installer" / "ChineseSimplified.isl").read_bytes()
    assert hashlib.sha256(messages).hexdigest() == ISL_SHA256  # the upstream file, unchanged
    text = messages.decode("utf-8-sig")
    assert "LanguageID=$0804" in text and "LanguageCodePage=936" in text
    licence = (ROOT / "installer" / "ChineseSimplified.isl.LICENSE.txt").read_text(encoding="utf-8")
    assert "Inno Setup License" in licence and "Jordan Russell" in licence


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


def test_windows_workflow_passes_the_pyproject_version_and_downloads_nothing() -> None:
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "python packaging/build.py --version" in workflow
    assert '"/DAppVersion=$version" /DBuildDir=..\\dist\\xueji /DOutputDir=..\\dist installer\\xueji.iss' \
        in workflow
    assert "Invoke-WebRequest" not in workflow and "ChineseSimplified.isl" not in workflow.replace(
        "installer\\ChineseSimplified.isl", "")


def test_output_goes_to_dist_windows_by_default(script: str) -> None:
    assert '#define BuildDir "..\\dist\\windows\\xueji"' in script
    assert '#define OutputDir "..\\dist\\windows"' in script
    assert _setup_value(script, "OutputDir") == "{#OutputDir}"
