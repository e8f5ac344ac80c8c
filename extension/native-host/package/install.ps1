# Registers the self-contained imzala native host (az.imzala.host) with Chrome, Chromium, Edge and Firefox on Windows.
# UNTESTED: written from the browsers' documentation on a Linux machine; try it on a test computer before a fleet.
# Run from the unpacked package folder (imzala-host.exe and pkcs11.node beside this script):
#
#   powershell -ExecutionPolicy Bypass -File install.ps1 [-System] [-Browser chrome,edge] [-Uninstall]
#
# -System: files to %ProgramFiles%\imzala\host, registry keys under HKLM (run as administrator); otherwise
# %LOCALAPPDATA%\imzala\host and HKCU. Windows browsers find the manifest through a registry key whose default value is
# the manifest's path.
param(
  [switch]$System,
  [ValidateSet('chrome', 'chromium', 'edge', 'firefox')][string[]]$Browser = @('chrome', 'chromium', 'edge', 'firefox'),
  [switch]$Uninstall
)
$ErrorActionPreference = 'Stop'
$HostName = 'az.imzala.host'
# Extension ids (the store ids are added when the extension is published).
$ChromeOrigins = @('chrome-extension://iocoigakjbbnhenkjjcnnhinconhhebn/')
$FirefoxIds = @('imzala@imzala.az')

if ($System) { $Prefix = Join-Path $env:ProgramFiles 'imzala\host'; $Hive = 'HKLM:' } else { $Prefix = Join-Path $env:LOCALAPPDATA 'imzala\host'; $Hive = 'HKCU:' }
$RegistryPath = @{
  chrome   = 'Software\Google\Chrome\NativeMessagingHosts'
  chromium = 'Software\Chromium\NativeMessagingHosts'
  edge     = 'Software\Microsoft\Edge\NativeMessagingHosts'
  firefox  = 'Software\Mozilla\NativeMessagingHosts'
}

if ($Uninstall) {
  foreach ($b in $Browser) {
    $key = "$Hive\$($RegistryPath[$b])\$HostName"
    if (Test-Path $key) { Remove-Item $key -Recurse; Write-Output "removed $key" }
  }
  if (Test-Path $Prefix) { Remove-Item $Prefix -Recurse -Force; Write-Output "removed $Prefix" }
  exit 0
}

$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
foreach ($f in @('imzala-host.exe', 'pkcs11.node')) {
  if (-not (Test-Path (Join-Path $Here $f))) { Write-Error "run me from the package folder ($f missing)"; exit 1 }
}
New-Item -ItemType Directory -Force -Path $Prefix | Out-Null
foreach ($f in @('imzala-host.exe', 'pkcs11.node', 'README.txt')) {
  $src = Join-Path $Here $f
  if (Test-Path $src) { Copy-Item $src (Join-Path $Prefix $f) -Force }
}
$Exe = Join-Path $Prefix 'imzala-host.exe'

foreach ($b in $Browser) {
  $manifest = [ordered]@{ name = $HostName; description = 'imzala: sign with an e-signature token (PKCS#11)'; path = $Exe; type = 'stdio' }
  if ($b -eq 'firefox') { $manifest.allowed_extensions = $FirefoxIds } else { $manifest.allowed_origins = $ChromeOrigins }
  $file = Join-Path $Prefix "$HostName.$b.json"
  # UTF-8 without BOM: some browsers refuse a manifest starting with a BOM.
  [System.IO.File]::WriteAllText($file, ($manifest | ConvertTo-Json), (New-Object System.Text.UTF8Encoding($false)))
  $key = "$Hive\$($RegistryPath[$b])\$HostName"
  New-Item -Path $key -Force | Out-Null
  Set-Item -Path $key -Value $file
  Write-Output "wrote $file and $key"
}
