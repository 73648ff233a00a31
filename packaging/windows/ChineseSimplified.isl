; 年报编制助手安装程序的简体中文界面文字（Inno Setup 6 的消息文件）。
; Inno Setup 自带的语言文件中没有简体中文：govreport.iss 先读 Default.isl，再用本文件覆盖
; 安装、卸载时会显示的消息；本文件未列出的少见消息（如多张磁盘、下载、组件选择）仍是英文。
; 以 UTF-8（带 BOM）保存。

[LangOptions]
LanguageName=简体中文
LanguageID=$0804
LanguageCodePage=936

[Messages]
SetupAppTitle=安装
SetupWindowTitle=安装 - %1
UninstallAppTitle=卸载
UninstallAppFullTitle=卸载%1
InformationTitle=提示
ConfirmTitle=确认
ErrorTitle=错误

SetupLdrStartupMessage=将在本电脑上安装%1。是否继续？
LdrCannotCreateTemp=无法创建临时文件，安装已中止
LdrCannotExecTemp=无法运行临时文件夹中的文件，安装已中止
LastErrorMessage=%1。%n%n错误 %2：%3
SetupFileMissing=安装文件夹中缺少文件%1。请重新获取安装程序。
SetupFileCorrupt=安装文件已损坏。请重新获取安装程序。
SetupFileCorruptOrWrongVer=安装文件已损坏，或与本安装程序的版本不符。请重新获取安装程序。
InvalidParameter=命令行参数无效：%n%n%1
SetupAlreadyRunning=安装程序已在运行。
WindowsVersionNotSupported=本程序不支持这台电脑上的 Windows 版本。
OnlyOnTheseArchitectures=本程序只能安装在以下处理器架构的 Windows 上：%n%n%1
WinVersionTooLowError=本程序需要 %1 %2 或更高版本。
SetupAppRunningError=%1正在运行。%n%n请先关闭它，然后单击“确定”继续；或单击“取消”退出安装。
UninstallAppRunningError=%1正在运行。%n%n请先关闭它，然后单击“确定”继续；或单击“取消”退出卸载。
ErrorCreatingDir=无法创建文件夹“%1”

ExitSetupTitle=退出安装
ExitSetupMessage=安装尚未完成。现在退出，程序将不会被安装。%n%n以后可以再次运行安装程序完成安装。%n%n确定退出安装吗？
AboutSetupMenuItem=关于安装程序(&A)...
AboutSetupTitle=关于安装程序

ButtonBack=< 上一步(&B)
ButtonNext=下一步(&N) >
ButtonInstall=安装(&I)
ButtonOK=确定
ButtonCancel=取消
ButtonYes=是(&Y)
ButtonYesToAll=全部是(&A)
ButtonNo=否(&N)
ButtonNoToAll=全部否(&O)
ButtonFinish=完成(&F)
ButtonBrowse=浏览(&B)...
ButtonWizardBrowse=浏览(&R)...
ButtonNewFolder=新建文件夹(&M)

ClickNext=单击“下一步”继续，或单击“取消”退出安装。
BrowseDialogTitle=选择文件夹
BrowseDialogLabel=在下面的列表中选择一个文件夹，然后单击“确定”。
NewFolderName=新建文件夹

WelcomeLabel1=欢迎使用[name]安装向导
WelcomeLabel2=将在本电脑上安装[name/ver]。%n%n建议在继续之前关闭其他程序。

WizardSelectDir=选择安装位置
SelectDirDesc=要把[name]安装到哪里？
SelectDirLabel3=安装程序将把[name]安装到下面的文件夹。
SelectDirBrowseLabel=单击“下一步”继续。如需选择其他文件夹，请单击“浏览”。
DiskSpaceGBLabel=至少需要 [gb] GB 的可用磁盘空间。
DiskSpaceMBLabel=至少需要 [mb] MB 的可用磁盘空间。
InvalidPath=请输入带盘符的完整路径，例如：%n%nC:\APP%n%n或如下形式的网络路径：%n%n\\server\share
InvalidDrive=所选的驱动器或网络共享不存在或无法访问，请另选一个。
DiskSpaceWarningTitle=磁盘空间不足
DiskSpaceWarning=安装至少需要 %1 KB 的可用空间，而所选驱动器只有 %2 KB。%n%n仍要继续吗？
DirNameTooLong=文件夹名称或路径太长。
InvalidDirName=文件夹名称无效。
BadDirName32=文件夹名称不能包含以下字符：%n%n%1
DirExistsTitle=文件夹已存在
DirExists=文件夹：%n%n%1%n%n已经存在。仍要安装到这个文件夹吗？
DirDoesntExistTitle=文件夹不存在
DirDoesntExist=文件夹：%n%n%1%n%n不存在。要创建它吗？

WizardSelectTasks=选择附加任务
SelectTasksDesc=还要执行哪些附加任务？
SelectTasksLabel2=选择安装[name]时要执行的附加任务，然后单击“下一步”。

WizardReady=准备安装
ReadyLabel1=安装程序已准备好在本电脑上安装[name]。
ReadyLabel2a=单击“安装”开始安装；如需查看或更改设置，请单击“上一步”。
ReadyLabel2b=单击“安装”开始安装。
ReadyMemoDir=安装位置：
ReadyMemoGroup=开始菜单文件夹：
ReadyMemoTasks=附加任务：

WizardPreparing=正在准备安装
PreparingDesc=安装程序正在准备在本电脑上安装[name]。
PreviousInstallNotCompleted=上一次程序的安装或卸载尚未完成，需要重新启动电脑。%n%n重新启动后，请再次运行安装程序完成[name]的安装。
CannotContinue=安装无法继续。请单击“取消”退出。
ApplicationsFound=以下程序正在使用需要更新的文件。建议让安装程序自动关闭这些程序。
ApplicationsFound2=以下程序正在使用需要更新的文件。建议让安装程序自动关闭这些程序；安装完成后，安装程序会尝试重新启动它们。
CloseApplications=自动关闭这些程序(&A)
DontCloseApplications=不关闭这些程序(&D)
ErrorCloseApplications=安装程序无法自动关闭所有程序。建议先关闭正在使用需要更新文件的程序，再继续安装。

WizardInstalling=正在安装
InstallingLabel=正在将[name]安装到本电脑，请稍候。

FinishedHeadingLabel=[name]安装完成
FinishedLabelNoIcons=[name]已安装到本电脑。
FinishedLabel=[name]已安装到本电脑。可以从开始菜单（或桌面快捷方式）启动。
ClickFinish=单击“完成”退出安装。
FinishedRestartLabel=需要重新启动电脑才能完成[name]的安装。现在重新启动吗？
FinishedRestartMessage=需要重新启动电脑才能完成[name]的安装。%n%n现在重新启动吗？
YesRadio=是，现在重新启动电脑(&Y)
NoRadio=否，稍后自行重新启动(&N)
RunEntryExec=运行%1
RunEntryShellExec=查看%1

SetupAborted=安装没有完成。%n%n请排除问题后再次运行安装程序。
AbortRetryIgnoreSelectAction=请选择操作
AbortRetryIgnoreRetry=重试(&T)
AbortRetryIgnoreIgnore=忽略错误并继续(&I)
AbortRetryIgnoreCancel=取消安装

StatusClosingApplications=正在关闭程序...
StatusCreateDirs=正在创建文件夹...
StatusExtractFiles=正在解压文件...
StatusCreateIcons=正在创建快捷方式...
StatusCreateRegistryEntries=正在写入注册表...
StatusSavingUninstall=正在保存卸载信息...
StatusRunProgram=正在完成安装（自检）...
StatusRollback=正在撤销更改...

ErrorFunctionFailedNoCode=%1失败
ErrorFunctionFailed=%1失败，代码 %2
ErrorFunctionFailedWithMessage=%1失败，代码 %2。%n%3
ErrorExecutingProgram=无法运行文件：%n%1
ErrorRegOpenKey=打开注册表项时出错：%n%1\%2
ErrorRegCreateKey=创建注册表项时出错：%n%1\%2
ErrorRegWriteKey=写入注册表项时出错：%n%1\%2
FileAbortRetryIgnoreSkipNotRecommended=跳过这个文件（不推荐）(&S)
FileAbortRetryIgnoreIgnoreNotRecommended=忽略错误并继续（不推荐）(&I)
SourceIsCorrupted=源文件已损坏
SourceDoesntExist=源文件“%1”不存在
ExistingFileReadOnly2=已有的文件是只读的，无法替换。
ExistingFileReadOnlyRetry=去掉只读属性后重试(&R)
ExistingFileReadOnlyKeepExisting=保留已有的文件(&K)
ErrorReadingExistingDest=读取已有的文件时出错：
FileExistsSelectAction=请选择操作
FileExists2=文件已经存在。
FileExistsOverwriteExisting=覆盖已有的文件(&O)
FileExistsKeepExisting=保留已有的文件(&K)
FileExistsOverwriteOrKeepAll=以后遇到同样情况也这样处理(&D)
ExistingFileNewerSelectAction=请选择操作
ExistingFileNewer2=已有的文件比安装程序中的更新。
ExistingFileNewerOverwriteExisting=覆盖已有的文件(&O)
ExistingFileNewerKeepExisting=保留已有的文件（推荐）(&K)
ExistingFileNewerOverwriteOrKeepAll=以后遇到同样情况也这样处理(&D)
ErrorChangingAttr=更改已有文件的属性时出错：
ErrorCreatingTemp=在安装文件夹中创建文件时出错：
ErrorReadingSource=读取源文件时出错：
ErrorCopying=复制文件时出错：
ErrorReplacingExistingFile=替换已有的文件时出错（文件可能正被使用）：
ErrorRenamingTemp=在安装文件夹中重命名文件时出错：

UninstallDisplayNameMarkCurrentUser=当前用户
UninstallNotFound=文件“%1”不存在，无法卸载。
UninstallOpenError=无法打开文件“%1”，无法卸载
ConfirmUninstall=确定要彻底删除%1及其所有组件吗？（您自己的报告文件不会被删除。）
UninstallOnlyOnWin64=此程序只能在 64 位 Windows 上卸载。
UninstallStatusLabel=正在从本电脑删除%1，请稍候。
UninstalledAll=%1已从本电脑删除。
UninstalledMost=%1卸载完成。%n%n有些项目无法删除，可以手动删除。
UninstalledAndNeedsRestart=需要重新启动电脑才能完成%1的卸载。%n%n现在重新启动吗？
UninstallDataCorrupted=文件“%1”已损坏，无法卸载
WizardUninstalling=卸载状态
StatusUninstalling=正在卸载%1...
ShutdownBlockReasonInstallingApp=正在安装%1。
ShutdownBlockReasonUninstallingApp=正在卸载%1。
