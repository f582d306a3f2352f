#!/usr/bin/env bash
# Debian/Ubuntu packages Optimizer Lab uses (run as root or with sudo):
#   chromium              end-to-end tests in headless Chromium
#   libopenblas-dev       the native CPU kernels (fast training without CUDA); g++, make, python3 build
#                         them and better-sqlite3 from source during npm install
#   dataset-fashion-mnist the full Fashion-MNIST (a 5,000-image subset ships with the app)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium libopenblas-dev g++ make python3 dataset-fashion-mnist >/dev/null
