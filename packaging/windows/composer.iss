; Inno Setup 6 script of the Windows installer of 年报编制器 (composer).
; Built by packaging/build.py on Windows (or the CI workflow .github/workflows/windows-installer.yml):
;   ISCC.exe /DAppVersion=0.1.0 /DNumericVersion=0.1.0.0 /DSourceDir=<repo>\dist\composer /DRepoDir=<repo> /O<repo>\dist composer.iss
; This file is UTF-8 with a byte-order mark: ISCC reads a script without one in the ANSI code page.
;
; Per-user install without administrator rights (PrivilegesRequired=lowest): the program goes to
; %LOCALAPPDATA%\Programs\NianbaoComposer, shortcuts to the user's Start menu and desktop, the
; .nianbao association to HKCU\Software\Classes. Uninstalling removes exactly what was installed;
; reports (wherever the user saved them) and %APPDATA%\composer (autosave, recovery) stay.
;
; The wizard is in Simplified Chinese. ChineseSimplified.isl is an unofficial translation that
; Inno Setup does not install: put it in Inno Setup's Languages folder, or beside this script
; (see packaging/README.md). compiler:Default.isl is read first so that a message the translation
; lacks (a newer Inno Setup than the translation) falls back to English instead of failing.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
; Four numbers for the version resource (AppVersion may carry a suffix such as rc1).
#ifndef NumericVersion
  #define NumericVersion AppVersion
#endif
#ifndef RepoDir
  #define RepoDir AddBackslash(SourcePath) + "..\.."
#endif
#ifndef SourceDir
  #define SourceDir RepoDir + "\dist\composer"
#endif
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#else
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#endif

#define AppName "年报编制器"
#define AppExe "composer.exe"
#define ProgId "NianbaoComposer.Project"

[Setup]
; AppId identifies the program for upgrades and uninstall: never change it.
AppId={{ED1868F5-DD53-4A2D-AADE-EB52839E97A1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=年报编制器项目组
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
; An ASCII folder name: some tools that the program starts (LibreOffice) handle it best.
DefaultDirName={autopf}\NianbaoComposer
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=nianbao-composer-{#AppVersion}-win64
SetupIconFile={#RepoDir}\resources\icon.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
CloseApplications=yes
ShowLanguageDialog=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,{#ChineseMessages}"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "编制、校验政府信息公开工作年度报告"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKCU\Software\Classes for this per-user install: no administrator rights needed.
Root: HKA; Subkey: "Software\Classes\.nianbao"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.nianbao\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName}项目文件"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".nianbao"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
