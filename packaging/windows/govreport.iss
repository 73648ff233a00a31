; (saved as UTF-8 with a byte-order mark: Inno Setup 6 then reads the Chinese text correctly)
; Inno Setup script for 年报编制助手 (Windows, per-user install: no administrator rights needed).
;
; Built on Linux under Wine by packaging/windows/build_under_wine.sh (which also makes the
; PyInstaller folder), or on Windows after the PyInstaller one-folder build:
;   py -m pip install pyinstaller
;   py packaging\make_icon.py build\icon
;   set GOVREPORT_ICON_DIR=build\icon
;   py -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\govreport.spec
;   dist\govreport\govreport-cli.exe --self-test
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\govreport.iss
; Output: dist\govreport-setup-VERSION.exe (ISCC /DAppVersion=X.Y.Z sets the version).
;
; Compiled with Inno Setup 6.4.1 and installed/uninstalled silently under Wine by
; tests/packaging/test_windows_wine.py; not yet run on a real Windows PC (see README).

#define AppName "年报编制助手"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "govreport.exe"
; the repository, relative to this file (packaging\windows)
#define Repo "..\.."

[Setup]
AppId={{6D0B7F3C-2B7E-4A53-9C1E-7F1D8E2A4B61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=年报编制助手
DefaultDirName={localappdata}\Programs\govreport
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Repo}\dist
OutputBaseFilename=govreport-setup-{#AppVersion}
SetupIconFile={#Repo}\build\icon\govreport.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
; the application is offline: nothing to download during installation either

[Languages]
; Inno Setup ships no Simplified Chinese messages: Default.isl, overridden by our own translation
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "创建桌面快捷方式"; GroupDescription: "附加任务："
Name: "associate"; Description: "用{#AppName}打开年报项目文件（.govreport）"; GroupDescription: "附加任务："

[Files]
Source: "{#Repo}\dist\govreport\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Repo}\build\icon\govreport-file.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; file association for the current user only (HKCU\Software\Classes): no administrator rights
Root: HKCU; Subkey: "Software\Classes\.govreport"; ValueType: string; ValueName: ""; ValueData: "govreport.project"; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\.govreport\OpenWithProgids"; ValueType: string; ValueName: "govreport.project"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\govreport.project"; ValueType: string; ValueName: ""; ValueData: "年报项目文件"; Flags: uninsdeletekey; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\govreport.project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\govreport-file.ico"; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\govreport.project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
; "Open with" for the office files the application also reads (never made their default program)
; (FriendlyAppName is a value of Applications\govreport.exe, not a key; the uninstaller removes the whole key)
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".govreport"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".xlsx"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""

[Run]
; the smoke test, silently, after installing: a failed self-test leaves a log path in the installer's log
Filename: "{app}\govreport-cli.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "正在自检……"
Filename: "{app}\{#AppExe}"; Description: "启动{#AppName}"; Flags: nowait postinstall skipifsilent
