#!/usr/bin/env bash
# Debian/Ubuntu packages Optimizer Lab uses (run as root or with sudo):
#   chromium              end-to-end tests in headless Chromium
#   libopenblas-dev       the native CPU kernels (fast training without CUDA); g++, make, python3 build
#                         them and better-sqlite3 from source during npm install
#   dataset-fashion-mnist the full Fashion-MNIST (a 5,000-image subset ships with the app)
#   texlive-latex-base, texlive-latex-recommended  pdflatex with booktabs and graphicx: the tests compile
#                         the exported LaTeX tables
#   slurmctld slurmd slurm-client munge
#                         a one-node Slurm cluster the tests start (no systemd needed) to run sweeps
#                         through the Slurm execution target end to end
#   curl                  the cluster connection check asks the app's report address with it
#   openssh-server        the tests start an sshd of their own on a free loopback port (a temporary host
#                         key, one authorized key, as root, no systemd) as the cluster's login node, to
#                         submit to the one-node cluster and run the connection check over ssh
#   mesa-vulkan-drivers   lavapipe, a software Vulkan driver, and libvulkan1 (the Vulkan loader): the
#                         WebGPU backend (Dawn) trains on it on a machine without a GPU, which is how the
#                         tests exercise the WebGPU path. Dawn refuses Debian 12's Mesa 22.3 lavapipe, so
#                         on bookworm it comes from bookworm-backports (Mesa 25), enabled here if needed.
#   python3-torch python3-torchvision  the PyTorch twins that write the models' and optimizers' golden files
#                         (tests/unit/shared/ml/models/golden/*.py, tests/golden/*.py; the JSON they write is committed)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
vulkan_target=()
if [ "$codename" = "bookworm" ]; then
  if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm-backports' 'Components: main' \
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' | $SUDO tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null
  fi
  vulkan_target=(-t bookworm-backports)
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium libopenblas-dev g++ make python3 dataset-fashion-mnist >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends texlive-latex-base texlive-latex-recommended >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge curl openssh-server >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${vulkan_target[@]}" mesa-vulkan-drivers libvulkan1 >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends python3-torch python3-torchvision >/dev/null
