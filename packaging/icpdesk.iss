; Inno Setup script: a Windows installer for the one-folder build (dist\icpdesk\).
;   pyinstaller --noconfirm packaging\icpdesk.spec
;   iscc packaging\icpdesk.iss                 ->  dist\icpdesk-0.1.0-setup.exe
; Installs per user (no administrator rights: the people who prepare filings often have none),
; into %LOCALAPPDATA%\Programs\icpdesk, with a Start menu entry and an optional desktop icon.
; The workspace is not in the program folder: it lives in the user's profile
; (%LOCALAPPDATA%\icpdesk\workspace), which an uninstall leaves alone.

#define AppVersion "0.1.0"

[Setup]
AppId={{6F1D2C8E-3B7A-4C1F-9E2D-1C4B8A7E5D30}
AppName=icpdesk ICP备案助手
AppVersion={#AppVersion}
AppPublisher=icpdesk
DefaultDirName={autopf}\icpdesk
DefaultGroupName=icpdesk
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=icpdesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\icpdesk.exe
; sign the installer and the executable with your certificate (see packaging/README.md):
; SignTool=signtool sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 $f

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\icpdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\icpdesk ICP备案助手"; Filename: "{app}\icpdesk.exe"
Name: "{autodesktop}\icpdesk ICP备案助手"; Filename: "{app}\icpdesk.exe"; Tasks: desktopicon

[Registry]
; double-clicking a filing file or a package opens it in icpdesk
Root: HKA; Subkey: "Software\Classes\.zip\OpenWithProgids"; ValueType: string; ValueName: "icpdesk.package"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\icpdesk.package\shell\open\command"; ValueType: string; ValueData: """{app}\icpdesk.exe"" ""%1"""; Flags: uninsdeletekey

[Run]
Filename: "{app}\icpdesk.exe"; Description: "{cm:LaunchProgram,icpdesk}"; Flags: nowait postinstall skipifsilent
