#!/usr/bin/env bash
# Installs what building and trying the Windows installer on Linux needs: Debian's wine with its
# 32-bit half (Inno Setup's compiler and setup programs are 32-bit Windows programs, so wine32
# and the i386 architecture are needed), Xvfb (wine's setup windows want an X display even
# when silent) and, when missing, npm (it installs the pinned Inno Setup of package.json beside
# this file). Idempotent and quiet; always exits 0: when it cannot install (not root, no apt-get,
# no network), it says why and the wine test skips with that reason.
#
#   bash packaging/windows/install_wine.sh
set -u

need=""
command -v wine >/dev/null 2>&1 || need="yes"
dpkg -s wine32:i386 >/dev/null 2>&1 || need="yes"
command -v Xvfb >/dev/null 2>&1 || need="yes"
extra=""
command -v npm >/dev/null 2>&1 || { need="yes"; extra="npm"; }
if [ -z "$need" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
  echo "install_wine.sh: cannot install wine here (needs root and apt-get); the wine installer test will be skipped" >&2
  exit 0
fi
if [ "$(dpkg --print-architecture)" != amd64 ]; then
  echo "install_wine.sh: wine32 needs an amd64 machine; the wine installer test will be skipped" >&2
  exit 0
fi
log="$(mktemp)"
if ! dpkg --print-foreign-architectures | grep -qx i386; then
  dpkg --add-architecture i386
fi
if ! { apt-get update -qq \
       && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            wine wine64 wine32:i386 libwine libwine:i386 fonts-wine xvfb xauth $extra; } >"$log" 2>&1; then
  echo "install_wine.sh: installing wine failed; the wine installer test will be skipped. Last lines:" >&2
  tail -n 5 "$log" >&2
fi
rm -f "$log"
exit 0
