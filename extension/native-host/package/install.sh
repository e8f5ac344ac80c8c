#!/bin/sh
# Registers the self-contained imzala native host (az.imzala.host) with Chrome, Chromium, Edge and Firefox on Linux and
# macOS. Needs no Node: it copies the program and pkcs11.node to a fixed folder and writes the host manifests that name
# only imzala's extension ids. Run from the unpacked package folder.
#
#   ./install.sh [--system] [--browser chrome|chromium|edge|firefox]... [--prefix DIR] [--user-data-dir DIR] [--uninstall]
#
# --system         files to /opt/imzala/host (macOS: /Library/Application Support/imzala/host), manifests to the
#                  browsers' system folders (needs root)
# --prefix DIR     install the files into DIR instead
# --user-data-dir  also/only write <DIR>/NativeMessagingHosts (Chromium started with --user-data-dir DIR)
# --uninstall      remove the manifests and the installed files
set -eu

HOST_NAME=az.imzala.host
# Extension ids: Chrome/Edge/Chromium (from the public key in the manifest) and Firefox. The store ids are added here
# when the extension is published.
CHROME_ORIGINS='"chrome-extension://iocoigakjbbnhenkjjcnnhinconhhebn/"'
FIREFOX_IDS='"imzala@imzala.az"'

system=0
uninstall=0
browsers=''
prefix=''
user_data_dir=''
while [ $# -gt 0 ]; do
  case "$1" in
    --system) system=1 ;;
    --uninstall) uninstall=1 ;;
    --browser)
      [ $# -ge 2 ] || { echo "install.sh: --browser needs a value" >&2; exit 2; }
      case "$2" in chrome|chromium|edge|firefox) browsers="$browsers $2" ;;
        *) echo "install.sh: unknown browser $2 (chrome, chromium, edge, firefox)" >&2; exit 2 ;; esac
      shift ;;
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a value" >&2; exit 2; }; prefix=$2; shift ;;
    --user-data-dir) [ $# -ge 2 ] || { echo "install.sh: --user-data-dir needs a value" >&2; exit 2; }; user_data_dir=$2; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$browsers" ] || browsers='chrome chromium edge firefox'

os=$(uname -s)
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "$prefix" ]; then
  if [ "$system" = 1 ]; then
    if [ "$os" = Darwin ]; then prefix='/Library/Application Support/imzala/host'; else prefix=/opt/imzala/host; fi
  else
    prefix="${XDG_DATA_HOME:-$HOME/.local/share}/imzala/host"
  fi
fi

# The folder each browser reads host manifests from (per user or system-wide).
manifest_dir() {
  if [ "$os" = Darwin ]; then
    if [ "$system" = 1 ]; then
      case "$1" in
        chrome) echo '/Library/Google/Chrome/NativeMessagingHosts' ;;
        chromium) echo '/Library/Application Support/Chromium/NativeMessagingHosts' ;;
        edge) echo '/Library/Microsoft/Edge/NativeMessagingHosts' ;;
        firefox) echo '/Library/Application Support/Mozilla/NativeMessagingHosts' ;;
      esac
    else
      case "$1" in
        chrome) echo "$HOME/Library/Application Support/Google/Chrome/NativeMessagingHosts" ;;
        chromium) echo "$HOME/Library/Application Support/Chromium/NativeMessagingHosts" ;;
        edge) echo "$HOME/Library/Application Support/Microsoft Edge/NativeMessagingHosts" ;;
        firefox) echo "$HOME/Library/Application Support/Mozilla/NativeMessagingHosts" ;;
      esac
    fi
  else
    if [ "$system" = 1 ]; then
      case "$1" in
        chrome) echo /etc/opt/chrome/native-messaging-hosts ;;
        chromium) echo /etc/chromium/native-messaging-hosts ;;
        edge) echo /etc/opt/edge/native-messaging-hosts ;;
        firefox) echo /usr/lib/mozilla/native-messaging-hosts ;;
      esac
    else
      case "$1" in
        chrome) echo "${XDG_CONFIG_HOME:-$HOME/.config}/google-chrome/NativeMessagingHosts" ;;
        chromium) echo "${XDG_CONFIG_HOME:-$HOME/.config}/chromium/NativeMessagingHosts" ;;
        edge) echo "${XDG_CONFIG_HOME:-$HOME/.config}/microsoft-edge/NativeMessagingHosts" ;;
        firefox) echo "$HOME/.mozilla/native-messaging-hosts" ;;
      esac
    fi
  fi
}

# JSON string escaping for the program path (backslash and double quote; paths have no control characters).
json_path=$(printf '%s' "$prefix/imzala-host" | sed 's/\\/\\\\/g; s/"/\\"/g')

write_manifest() { # $1 = directory, $2 = chrome|firefox
  mkdir -p "$1"
  if [ "$2" = firefox ]; then allowed="\"allowed_extensions\": [$FIREFOX_IDS]"; else allowed="\"allowed_origins\": [$CHROME_ORIGINS]"; fi
  cat > "$1/$HOST_NAME.json" <<EOF
{
  "name": "$HOST_NAME",
  "description": "imzala: sign with an e-signature token (PKCS#11)",
  "path": "$json_path",
  "type": "stdio",
  $allowed
}
EOF
  chmod 644 "$1/$HOST_NAME.json"
  echo "wrote $1/$HOST_NAME.json"
}

targets() { # prints "dir<TAB>kind" lines
  if [ -n "$user_data_dir" ]; then printf '%s\tchrome\n' "$user_data_dir/NativeMessagingHosts"; return; fi
  for b in $browsers; do
    if [ "$b" = firefox ]; then kind=firefox; else kind=chrome; fi
    printf '%s\t%s\n' "$(manifest_dir "$b")" "$kind"
  done
}

if [ "$uninstall" = 1 ]; then
  targets | while IFS="$(printf '\t')" read -r dir kind; do
    if [ -f "$dir/$HOST_NAME.json" ]; then rm -f "$dir/$HOST_NAME.json"; echo "removed $dir/$HOST_NAME.json"; fi
  done
  if [ -d "$prefix" ]; then rm -f "$prefix/imzala-host" "$prefix/pkcs11.node" "$prefix/README.txt"; rmdir "$prefix" 2>/dev/null || true; echo "removed $prefix"; fi
  exit 0
fi

[ -f "$here/imzala-host" ] && [ -f "$here/pkcs11.node" ] || { echo "install.sh: run me from the package folder (imzala-host and pkcs11.node beside me)" >&2; exit 1; }
mkdir -p "$prefix"
if [ "$here" != "$(cd "$prefix" && pwd)" ]; then
  # Copy to a temporary name and rename, so a running host is never half-overwritten during an update.
  for f in imzala-host pkcs11.node README.txt; do
    [ -f "$here/$f" ] || continue
    cp "$here/$f" "$prefix/.$f.new" && mv -f "$prefix/.$f.new" "$prefix/$f"
  done
fi
chmod 755 "$prefix/imzala-host"
chmod 644 "$prefix/pkcs11.node"
echo "installed $prefix/imzala-host"
targets | while IFS="$(printf '\t')" read -r dir kind; do write_manifest "$dir" "$kind"; done
