#!/usr/bin/env bash
# Installs the Debian packages Fayuan needs to build, run and test, if any is missing.
# Used by `make run` and `make test`, so a fresh Debian machine with the Swift toolchain works.
set -euo pipefail
packages=(libncursesw5-dev libsqlite3-dev sqlite3 tmux ncurses-term python3 unifont libxlsxwriter-dev man-db bash-completion espeak-ng
          libpango1.0-dev libcairo2-dev fonts-noto-cjk poppler-utils cups-client postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "安装缺少的系统软件包 (installing Debian packages): ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "找不到 Swift 工具链 (swift not found): 请先安装 Swift 6 并把它加入 PATH。" >&2
  exit 1
fi
