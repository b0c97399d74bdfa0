; Inno Setup 6 script of the Windows installer of 年报编制器 (composer).
; Compiled only by packaging/build_installer.py (natively on Windows, under wine elsewhere; the
; Windows workflow .github/workflows/windows-installer.yml calls the same script), which passes:
;   ISCC.exe /DAppVersion=0.1.0 /DNumericVersion=0.1.0.0 /DPayloadDir=<bundle> /DRepoDir=<repo> /O<dist> composer.iss
; The compiler is the pinned npm package innosetup-compiler (package.json beside this file).
; This file is UTF-8 with a byte-order mark: ISCC reads a script without one in the ANSI code page.
;
; Per-user install without administrator rights (PrivilegesRequired=lowest): the program goes to
; %LOCALAPPDATA%\Programs\NianbaoComposer, shortcuts to the user's Start menu and (optionally)
; desktop, the .nianbao association to HKCU\Software\Classes. The same AppId makes a newer
; version install in place over an older one. Uninstalling removes exactly what was installed;
; reports (wherever the user saved them) and the program's data folder %APPDATA%\composer\composer
; (settings, autosave, recovery copies, logs; see composer/logs.py) stay.
;
; The wizard is in Simplified Chinese: zh_CN.isl beside this script is the project's own
; messages file (every message of Inno Setup's Default.isl, plus this program's own), so the
; build needs no download and no hand-placed file.

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
#ifndef PayloadDir
  #define PayloadDir RepoDir + "\dist\composer"
#endif
#ifndef Compression
  #define Compression "lzma2/max"
#endif

#define AppName "年报编制器"
#define AppExe "composer.exe"
#define ProgId "NianbaoComposer.Project"
; Qt 6 (the program's user interface) runs on Windows 10 1809 (build 17763) and later only.
#define MinWindowsMajor 10
#define MinWindowsBuild 17763
#define MinWindows "10.0.17763"

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
; The user's Programs folder (UserProgramsDir below). An ASCII folder name: some tools that the
; program starts (LibreOffice) handle it best.
DefaultDirName={code:UserProgramsDir}\NianbaoComposer
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows older than {#MinWindows} is refused by InitializeSetup below, with a message saying why.
OutputBaseFilename={#AppName}-安装程序-{#AppVersion}
SetupIconFile={#RepoDir}\resources\icon.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression={#Compression}
SolidCompression=yes
ChangesAssociations=yes
CloseApplications=yes
ShowLanguageDialog=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "zh_CN.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#PayloadDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:ShortcutComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:ShortcutComment}"; Tasks: desktopicon

[Registry]
; HKA is HKCU\Software\Classes for this per-user install: no administrator rights needed.
Root: HKA; Subkey: "Software\Classes\.nianbao"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\.nianbao\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:ProjectFileType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".nianbao"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The user's Programs folder: what autopf is in a per-user install (the known folder
// UserProgramFiles, normally %LOCALAPPDATA%\Programs). Wine 8 does not know that folder and
// ExpandConstant raises; the same place is then named through localappdata.
function UserProgramsDir(Param: String): String;
begin
  try
    Result := ExpandConstant('{userpf}');
  except
    Result := ExpandConstant('{localappdata}') + '\Programs';
    Log('UserProgramFiles unknown here; using ' + Result);
  end;
end;

// Qt 6 does not run on Windows older than 10 1809: refuse to install there, saying why in Chinese.
// A silent install with /SUPPRESSMSGBOXES logs the refusal and exits with code 1.
function InitializeSetup(): Boolean;
var
  Version: TWindowsVersion;
  Found: String;
begin
  GetWindowsVersionEx(Version);
  Found := Format('%d.%d.%d', [Version.Major, Version.Minor, Version.Build]);
  Result := (Version.Major > {#MinWindowsMajor}) or
    ((Version.Major = {#MinWindowsMajor}) and (Version.Build >= {#MinWindowsBuild}));
  if not Result then
  begin
    Log('Refused: Windows ' + Found + ' is older than {#MinWindows}');
    SuppressibleMsgBox(FmtMessage(CustomMessage('WindowsTooOld'), [Found]), mbCriticalError, MB_OK, IDOK);
  end;
end;
