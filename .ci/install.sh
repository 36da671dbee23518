#!/usr/bin/env bash
# Installs the system packages the tests need: libgomp1 (llama.cpp's OpenMP runtime).
set -euo pipefail
need=()
dpkg -s libgomp1 >/dev/null 2>&1 || need+=(libgomp1)
if ((${#need[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
