; 学籍管理（离线版） — Inno Setup 6 script for the Windows installer.
;
; Built by `make dist-windows` (packaging/windows/, on Linux under Wine) from dist\windows\xueji\
; into dist\windows\xueji-setup-<version>.exe. The Windows builder (.github/workflows/windows.yml)
; passes its own folders:
;   iscc /DAppVersion=<version> /DBuildDir=..\dist\xueji /DOutputDir=..\dist installer\xueji.iss
; The version comes from pyproject.toml; the default below is only for opening the script in the IDE
; (tests/dist/test_installer.py keeps it equal to pyproject's).
;
; - Installs for the current user only (no administrator rights) under
;   %LOCALAPPDATA%\Programs\xueji.
; - The registrar's data never lives in the install folder: the app keeps the database, its
;   key file and the automatic backups in %LOCALAPPDATA%\xueji\xueji. Installing a new version
;   over the old one and uninstalling both leave that folder alone.
;
; - Simplified Chinese wizard from ChineseSimplified.isl next to this script (Inno Setup 6.4.1's
;   translation, licence in ChineseSimplified.isl.LICENSE.txt; see README.md here), the same file
;   for every compiler: nothing is downloaded while building. Default.isl comes first so that a
;   newer compiler's messages the 6.4 translation lacks fall back to English.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BuildDir
  #define BuildDir "..\dist\windows\xueji"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist\windows"
#endif
#define AppName "学籍管理（离线版）"
#define ShortName "学籍管理"
#define AppExe "xueji.exe"
#define DataDir "{localappdata}\xueji\xueji"

[Setup]
; AppId identifies the program across versions: never change it, or updates install side by side.
AppId={{30CE810C-7790-4D70-87D7-F11AD32780E4}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=学籍管理（离线版）维护组
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\xueji
DisableDirPage=yes
UsePreviousAppDir=yes
DefaultGroupName={#ShortName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no
SetupIconFile=..\resources\icons\xueji.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#OutputDir}
OutputBaseFilename=xueji-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An update replaces the program's own files only; stale modules of the old version go.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#ShortName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppName}"
Name: "{autodesktop}\{#ShortName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The .xjb sync bundle opens with the app (per user: HKA is HKCU for a per-user install).
Root: HKA; Subkey: "Software\Classes\.xjb"; ValueType: string; ValueName: ""; ValueData: "xueji.bundle"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.xjb\OpenWithProgids"; ValueType: string; ValueName: "xueji.bundle"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\xueji.bundle"; ValueType: string; ValueName: ""; ValueData: "学籍同步包"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\xueji.bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\xueji.bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#ShortName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry: the uninstaller removes the program only; the data folder stays.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent
     and DirExists(ExpandConstant('{#DataDir}')) then
    MsgBox('程序已卸载。学籍数据没有删除，仍保存在：' + #13#10 +
           ExpandConstant('{#DataDir}') + #13#10 +
           '重新安装后即可继续使用。', mbInformation, MB_OK);
end;
