#!/usr/bin/env bash
# Installs the Debian packages the test suite and the main job use. Idempotent; needs root
# (or sudo). Each package is listed once here so CI and a newcomer install the same set.
set -euo pipefail
PACKAGES=(
  # (packages are added here by the parts of the system that need them)
  # Ceph RGW: the real S3-compatible server of the release store's integration tests
  radosgw ceph-mon ceph-osd
  # Headless browser for the web app's end-to-end tests (driven by playwright-core; never downloaded)
  chromium
  # Compilers for better-sqlite3 (MBTiles) when npm has no prebuilt binary for this platform
  g++ make python3
)
if [ ${#PACKAGES[@]} -eq 0 ]; then exit 0; fi
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "setup-system: all Debian packages present"; exit 0; fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "setup-system: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
