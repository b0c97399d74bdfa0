; Simplified Chinese messages of the 年报编制器 installer and uninstaller, written for this
; project (not a copy of any published translation). Every message of Inno Setup 6.3's
; Default.isl has its Chinese here, so no wizard text falls back to English; the test
; tests/packaging/test_windows_installer.py compares the names with the pinned Inno Setup's
; Default.isl. Messages that end without a full stop in English get none here either (Inno adds
; it). Keep this file UTF-8 with a byte-order mark.

[LangOptions]
LanguageName=简体中文
LanguageID=$0804
LanguageCodePage=936

[Messages]

; *** Application titles
SetupAppTitle=安装
SetupWindowTitle=安装%1
UninstallAppTitle=卸载
UninstallAppFullTitle=卸载%1

; *** Misc. common
InformationTitle=提示
ConfirmTitle=请确认
ErrorTitle=出错了

; *** SetupLdr messages
SetupLdrStartupMessage=现在安装%1，要继续吗？
LdrCannotCreateTemp=无法创建临时文件，安装已中止
LdrCannotExecTemp=无法运行临时文件夹中的文件，安装已中止
HelpTextNote=

; *** Startup error messages
LastErrorMessage=%1。%n%n错误 %2：%3
SetupFileMissing=安装文件夹中缺少文件 %1。请解决这个问题，或者重新获取一份安装程序。
SetupFileCorrupt=安装文件已损坏。请重新获取一份安装程序。
SetupFileCorruptOrWrongVer=安装文件已损坏，或者与这个版本的安装程序不配套。请解决这个问题，或者重新获取一份安装程序。
InvalidParameter=命令行中有一个无效的参数：%n%n%1
SetupAlreadyRunning=安装程序已经在运行。
WindowsVersionNotSupported=本程序不支持这台电脑上的 Windows 版本。
WindowsServicePackRequired=本程序需要 %1 Service Pack %2 或更新版本。
NotOnThisPlatform=本程序不能在 %1 上运行。
OnlyOnThisPlatform=本程序只能在 %1 上运行。
OnlyOnTheseArchitectures=本程序只能安装在为以下处理器架构设计的 Windows 上：%n%n%1
WinVersionTooLowError=本程序需要 %1 %2 或更新版本。
WinVersionTooHighError=本程序不能安装在 %1 %2 或更新版本上。
AdminPrivilegesRequired=安装本程序需要以管理员身份登录。
PowerUserPrivilegesRequired=安装本程序需要以管理员或 Power Users 组成员的身份登录。
SetupAppRunningError=%1正在运行。%n%n请先关闭它的所有窗口，然后点“确定”继续；点“取消”退出安装。
UninstallAppRunningError=%1正在运行。%n%n请先关闭它的所有窗口，然后点“确定”继续；点“取消”退出卸载。

; *** Startup questions
PrivilegesRequiredOverrideTitle=选择安装方式
PrivilegesRequiredOverrideInstruction=为谁安装
PrivilegesRequiredOverrideText1=%1可以为这台电脑的所有用户安装（需要管理员权限），也可以只为您自己安装。
PrivilegesRequiredOverrideText2=%1可以只为您自己安装，也可以为这台电脑的所有用户安装（需要管理员权限）。
PrivilegesRequiredOverrideAllUsers=为所有用户安装(&A)
PrivilegesRequiredOverrideAllUsersRecommended=为所有用户安装（推荐）(&A)
PrivilegesRequiredOverrideCurrentUser=只为我安装(&M)
PrivilegesRequiredOverrideCurrentUserRecommended=只为我安装（推荐）(&M)

; *** Misc. errors
ErrorCreatingDir=无法创建文件夹“%1”
ErrorTooManyFilesInDir=文件夹“%1”中的文件太多，无法再创建文件

; *** Setup common messages
ExitSetupTitle=退出安装
ExitSetupMessage=安装还没有完成。现在退出，程序就不会安装。%n%n以后可以再次运行安装程序完成安装。%n%n确实要退出吗？
AboutSetupMenuItem=关于安装程序(&A)...
AboutSetupTitle=关于安装程序
AboutSetupMessage=%1 版本 %2%n%3%n%n%1 主页：%n%4
AboutSetupNote=
TranslatorNote=

; *** Buttons
ButtonBack=< 上一步(&B)
ButtonNext=下一步(&N) >
ButtonInstall=安装(&I)
ButtonOK=确定
ButtonCancel=取消
ButtonYes=是(&Y)
ButtonYesToAll=全部选是(&A)
ButtonNo=否(&N)
ButtonNoToAll=全部选否(&O)
ButtonFinish=完成(&F)
ButtonBrowse=浏览(&B)...
ButtonWizardBrowse=浏览(&R)...
ButtonNewFolder=新建文件夹(&M)

; *** "Select Language" dialog messages
SelectLanguageTitle=选择安装语言
SelectLanguageLabel=请选择安装过程中使用的语言。

; *** Common wizard text
ClickNext=点“下一步”继续，点“取消”退出安装。
BeveledLabel=
BrowseDialogTitle=选择文件夹
BrowseDialogLabel=在下面的列表中选一个文件夹，然后点“确定”。
NewFolderName=新建文件夹

; *** "Welcome" wizard page
WelcomeLabel1=欢迎使用[name]安装向导
WelcomeLabel2=向导将在这台电脑上安装[name/ver]。%n%n继续之前，建议先关闭其他正在运行的程序。

; *** "Password" wizard page
WizardPassword=密码
PasswordLabel1=这个安装程序受密码保护。
PasswordLabel3=请输入密码，然后点“下一步”继续。密码区分大小写。
PasswordEditLabel=密码(&P)：
IncorrectPassword=密码不对，请重新输入。

; *** "License Agreement" wizard page
WizardLicense=许可协议
LicenseLabel=继续之前，请阅读下面的重要内容。
LicenseLabel3=请阅读下面的许可协议。必须接受协议的条款才能继续安装。
LicenseAccepted=我接受协议(&A)
LicenseNotAccepted=我不接受协议(&D)

; *** "Information" wizard pages
WizardInfoBefore=说明
InfoBeforeLabel=继续之前，请阅读下面的重要内容。
InfoBeforeClickLabel=准备好继续安装时，点“下一步”。
WizardInfoAfter=说明
InfoAfterLabel=继续之前，请阅读下面的重要内容。
InfoAfterClickLabel=准备好继续安装时，点“下一步”。

; *** "User Information" wizard page
WizardUserInfo=用户信息
UserInfoDesc=请填写您的信息。
UserInfoName=用户名(&U)：
UserInfoOrg=单位(&O)：
UserInfoSerial=序列号(&S)：
UserInfoNameRequired=必须填写用户名。

; *** "Select Destination Location" wizard page
WizardSelectDir=选择安装位置
SelectDirDesc=把[name]安装到哪里？
SelectDirLabel3=安装程序将把[name]安装到下面的文件夹。
SelectDirBrowseLabel=点“下一步”继续。要换一个文件夹，点“浏览”。
DiskSpaceGBLabel=至少需要 [gb] GB 的可用磁盘空间。
DiskSpaceMBLabel=至少需要 [mb] MB 的可用磁盘空间。
CannotInstallToNetworkDrive=不能安装到网络驱动器上。
CannotInstallToUNCPath=不能安装到网络路径（UNC 路径）上。
InvalidPath=请输入带盘符的完整路径，例如：%n%nC:\APP%n%n或者这种形式的网络路径：%n%n\\server\share
InvalidDrive=所选的驱动器或网络共享不存在或无法访问，请另选一个。
DiskSpaceWarningTitle=磁盘空间不够
DiskSpaceWarning=安装至少需要 %1 KB 的可用空间，所选驱动器只有 %2 KB。%n%n仍然要继续吗？
DirNameTooLong=文件夹名称或路径太长。
InvalidDirName=文件夹名称无效。
BadDirName32=文件夹名称不能包含下列字符：%n%n%1
DirExistsTitle=文件夹已存在
DirExists=文件夹%n%n%1%n%n已经存在。仍然安装到这个文件夹吗？
DirDoesntExistTitle=文件夹不存在
DirDoesntExist=文件夹%n%n%1%n%n不存在。要创建它吗？

; *** "Select Components" wizard page
WizardSelectComponents=选择组件
SelectComponentsDesc=要安装哪些组件？
SelectComponentsLabel2=勾选要安装的组件，取消勾选不要安装的组件。选好后点“下一步”。
FullInstallation=完整安装
CompactInstallation=精简安装
CustomInstallation=自定义安装
NoUninstallWarningTitle=组件已存在
NoUninstallWarning=这台电脑上已经装有下列组件：%n%n%1%n%n取消勾选并不会卸载它们。%n%n仍然要继续吗？
ComponentSize1=%1 KB
ComponentSize2=%1 MB
ComponentsDiskSpaceGBLabel=按当前的选择，至少需要 [gb] GB 的磁盘空间。
ComponentsDiskSpaceMBLabel=按当前的选择，至少需要 [mb] MB 的磁盘空间。

; *** "Select Additional Tasks" wizard page
WizardSelectTasks=选择附加任务
SelectTasksDesc=还要做哪些事？
SelectTasksLabel2=勾选安装[name]时要一并完成的附加任务，然后点“下一步”。

; *** "Select Start Menu Folder" wizard page
WizardSelectProgramGroup=选择开始菜单文件夹
SelectStartMenuFolderDesc=把程序的快捷方式放在哪里？
SelectStartMenuFolderLabel3=安装程序将在下面的开始菜单文件夹中创建程序的快捷方式。
SelectStartMenuFolderBrowseLabel=点“下一步”继续。要换一个文件夹，点“浏览”。
MustEnterGroupName=必须填写文件夹名称。
GroupNameTooLong=文件夹名称或路径太长。
InvalidGroupName=文件夹名称无效。
BadGroupName=文件夹名称不能包含下列字符：%n%n%1
NoProgramGroupCheck2=不创建开始菜单文件夹(&D)

; *** "Ready to Install" wizard page
WizardReady=准备安装
ReadyLabel1=安装程序已经准备好，可以开始在这台电脑上安装[name]。
ReadyLabel2a=点“安装”开始安装；要查看或修改设置，点“上一步”。
ReadyLabel2b=点“安装”开始安装。
ReadyMemoUserInfo=用户信息：
ReadyMemoDir=安装位置：
ReadyMemoType=安装类型：
ReadyMemoComponents=所选组件：
ReadyMemoGroup=开始菜单文件夹：
ReadyMemoTasks=附加任务：

; *** TDownloadWizardPage wizard page and DownloadTemporaryFile
DownloadingLabel=正在下载其他文件...
ButtonStopDownload=停止下载(&S)
StopDownload=确实要停止下载吗？
ErrorDownloadAborted=下载已中止
ErrorDownloadFailed=下载失败：%1 %2
ErrorDownloadSizeFailed=无法获取大小：%1 %2
ErrorFileHash1=无法计算文件校验值：%1
ErrorFileHash2=文件校验值不对：应为 %1，实为 %2
ErrorProgress=进度无效：%1 / %2
ErrorFileSize=文件大小不对：应为 %1，实为 %2

; *** "Preparing to Install" wizard page
WizardPreparing=准备安装
PreparingDesc=安装程序正在准备在这台电脑上安装[name]。
PreviousInstallNotCompleted=上一次安装或卸载程序还没有完成，需要重新启动电脑才能完成。%n%n重新启动后，请再次运行安装程序完成[name]的安装。
CannotContinue=安装无法继续。请点“取消”退出。
ApplicationsFound=下列程序正在使用需要更新的文件。建议让安装程序自动关闭这些程序。
ApplicationsFound2=下列程序正在使用需要更新的文件。建议让安装程序自动关闭这些程序。安装完成后，安装程序会尝试重新启动它们。
CloseApplications=自动关闭这些程序(&A)
DontCloseApplications=不关闭这些程序(&D)
ErrorCloseApplications=安装程序未能自动关闭所有程序。建议先关闭正在使用需要更新的文件的程序，再继续。
PrepareToInstallNeedsRestart=需要重新启动电脑。重新启动后，请再次运行安装程序完成[name]的安装。%n%n现在重新启动吗？

; *** "Installing" wizard page
WizardInstalling=正在安装
InstallingLabel=正在这台电脑上安装[name]，请稍候。

; *** "Setup Completed" wizard page
FinishedHeadingLabel=[name]安装完成
FinishedLabelNoIcons=[name]已经安装到这台电脑上。
FinishedLabel=[name]已经安装到这台电脑上。可以通过安装的快捷方式启动它。
ClickFinish=点“完成”退出安装。
FinishedRestartLabel=需要重新启动电脑才能完成[name]的安装。现在重新启动吗？
FinishedRestartMessage=需要重新启动电脑才能完成[name]的安装。%n%n现在重新启动吗？
ShowReadmeCheck=是，我要查看自述文件
YesRadio=是，现在重新启动电脑(&Y)
NoRadio=否，我稍后自己重新启动(&N)
RunEntryExec=运行 %1
RunEntryShellExec=查看 %1

; *** "Setup Needs the Next Disk" stuff
ChangeDiskTitle=需要下一张磁盘
SelectDiskLabel2=请插入第 %1 张磁盘，然后点“确定”。%n%n如果这张磁盘上的文件在下面显示的以外的文件夹中，请输入正确的路径，或点“浏览”。
PathLabel=路径(&P)：
FileNotInDir2=在“%2”中找不到文件“%1”。请插入正确的磁盘，或另选一个文件夹。
SelectDirectoryLabel=请指定下一张磁盘的位置。

; *** Installation phase messages
SetupAborted=安装没有完成。%n%n请解决问题后再次运行安装程序。
AbortRetryIgnoreSelectAction=请选择怎么做
AbortRetryIgnoreRetry=重试(&T)
AbortRetryIgnoreIgnore=忽略这个错误，继续(&I)
AbortRetryIgnoreCancel=取消安装

; *** Installation status messages
StatusClosingApplications=正在关闭程序...
StatusCreateDirs=正在创建文件夹...
StatusExtractFiles=正在解压文件...
StatusCreateIcons=正在创建快捷方式...
StatusCreateIniEntries=正在写入 INI 项...
StatusCreateRegistryEntries=正在写入注册表...
StatusRegisterFiles=正在注册文件...
StatusSavingUninstall=正在保存卸载信息...
StatusRunProgram=正在完成安装...
StatusRestartingApplications=正在重新启动程序...
StatusRollback=正在撤销已做的更改...

; *** Misc. errors
ErrorInternal2=内部错误：%1
ErrorFunctionFailedNoCode=%1 失败
ErrorFunctionFailed=%1 失败，代码 %2
ErrorFunctionFailedWithMessage=%1 失败，代码 %2。%n%3
ErrorExecutingProgram=无法运行文件：%n%1

; *** Registry errors
ErrorRegOpenKey=打开注册表项时出错：%n%1\%2
ErrorRegCreateKey=创建注册表项时出错：%n%1\%2
ErrorRegWriteKey=写入注册表项时出错：%n%1\%2

; *** INI errors
ErrorIniEntry=在文件“%1”中写入 INI 项时出错。

; *** File copying errors
FileAbortRetryIgnoreSkipNotRecommended=跳过这个文件（不推荐）(&S)
FileAbortRetryIgnoreIgnoreNotRecommended=忽略这个错误，继续（不推荐）(&I)
SourceIsCorrupted=源文件已损坏
SourceDoesntExist=源文件“%1”不存在
ExistingFileReadOnly2=已有的文件是只读的，无法替换。
ExistingFileReadOnlyRetry=去掉只读属性后重试(&R)
ExistingFileReadOnlyKeepExisting=保留已有的文件(&K)
ErrorReadingExistingDest=读取已有的文件时出错：
FileExistsSelectAction=请选择怎么做
FileExists2=文件已经存在。
FileExistsOverwriteExisting=覆盖已有的文件(&O)
FileExistsKeepExisting=保留已有的文件(&K)
FileExistsOverwriteOrKeepAll=以后遇到同样的情况都这样做(&D)
ExistingFileNewerSelectAction=请选择怎么做
ExistingFileNewer2=已有的文件比要安装的文件新。
ExistingFileNewerOverwriteExisting=覆盖已有的文件(&O)
ExistingFileNewerKeepExisting=保留已有的文件（推荐）(&K)
ExistingFileNewerOverwriteOrKeepAll=以后遇到同样的情况都这样做(&D)
ErrorChangingAttr=修改已有文件的属性时出错：
ErrorCreatingTemp=在安装文件夹中创建文件时出错：
ErrorReadingSource=读取源文件时出错：
ErrorCopying=复制文件时出错：
ErrorReplacingExistingFile=替换已有的文件时出错：
ErrorRestartReplace=无法安排在重新启动时替换文件：
ErrorRenamingTemp=在安装文件夹中重命名文件时出错：
ErrorRegisterServer=无法注册 DLL/OCX：%1
ErrorRegSvr32Failed=RegSvr32 失败，退出代码 %1
ErrorRegisterTypeLib=无法注册类型库：%1

; *** Uninstall display name markings
UninstallDisplayNameMark=%1（%2）
UninstallDisplayNameMarks=%1（%2，%3）
UninstallDisplayNameMark32Bit=32 位
UninstallDisplayNameMark64Bit=64 位
UninstallDisplayNameMarkAllUsers=所有用户
UninstallDisplayNameMarkCurrentUser=当前用户

; *** Post-installation errors
ErrorOpeningReadme=打开自述文件时出错。
ErrorRestartingComputer=安装程序无法重新启动电脑，请手动重新启动。

; *** Uninstaller messages
UninstallNotFound=文件“%1”不存在，无法卸载。
UninstallOpenError=无法打开文件“%1”，无法卸载
UninstallUnsupportedVer=这个版本的卸载程序不认识卸载记录文件“%1”的格式，无法卸载
UninstallUnknownEntry=卸载记录中有一项无法识别（%1）
ConfirmUninstall=确实要卸载%1及其全部组件吗？%n%n您的报告、设置和恢复副本不会被删除。
UninstallOnlyOnWin64=只能在 64 位 Windows 上卸载。
OnlyAdminCanUninstall=只有具有管理员权限的用户才能卸载。
UninstallStatusLabel=正在从这台电脑上卸载%1，请稍候。
UninstalledAll=已经从这台电脑上卸载了%1。
UninstalledMost=%1已卸载。%n%n有些内容无法删除，可以手动删除。
UninstalledAndNeedsRestart=需要重新启动电脑才能完成%1的卸载。%n%n现在重新启动吗？
UninstallDataCorrupted=文件“%1”已损坏，无法卸载

; *** Uninstallation phase messages
ConfirmDeleteSharedFileTitle=删除共享文件吗？
ConfirmDeleteSharedFile2=系统显示下面的共享文件已经没有程序在使用。要让卸载程序删除它吗？%n%n如果仍有程序在使用这个文件，删除后那些程序可能无法正常工作。拿不准时请选“否”：保留这个文件不会有任何坏处。
SharedFileNameLabel=文件名：
SharedFileLocationLabel=位置：
WizardUninstalling=卸载状态
StatusUninstalling=正在卸载%1...

; *** Shutdown block reasons
ShutdownBlockReasonInstallingApp=正在安装%1。
ShutdownBlockReasonUninstallingApp=正在卸载%1。

[CustomMessages]

NameAndVersion=%1版本 %2
AdditionalIcons=附加快捷方式：
CreateDesktopIcon=创建桌面快捷方式(&D)
CreateQuickLaunchIcon=创建快速启动栏快捷方式(&Q)
ProgramOnTheWeb=%1网站
UninstallProgram=卸载%1
LaunchProgram=运行%1
AssocFileExtension=将 %2 文件与%1关联(&A)
AssocingFileExtension=正在将 %2 文件与%1关联...
AutoStartProgramGroupDescription=开机启动：
AutoStartProgram=开机时自动运行%1
AddonHostProgramNotFound=在所选文件夹中找不到 %1。%n%n仍然要继续吗？

; *** Messages of this program's installer (composer.iss)
WindowsTooOld=年报编制器需要 Windows 10 1809 版（内部版本 17763）或更新的 Windows。%n%n这台电脑的 Windows 版本是 %1，太旧了：年报编制器的界面使用 Qt 6，而 Qt 6 不能在更早的 Windows 上运行。%n%n请在 Windows 10（1809 或更新）或 Windows 11 的电脑上安装。
ShortcutComment=编制、校验政府信息公开工作年度报告
ProjectFileType=年报编制器项目文件
