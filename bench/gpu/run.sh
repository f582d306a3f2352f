#!/usr/bin/env bash
# Optimizer Lab GPU benchmark: ResNet-18 (CIFAR form, batch 128) and the MLP trained with Adam on
# WebGPU (the app's own trainer: TensorFlow.js on Dawn) and in PyTorch on CUDA, on the same card,
# samples/s side by side. For a Linux x64 machine with an NVIDIA driver (its Vulkan ICD) and PyTorch,
# without network or Node: everything else is in this folder (made by `node bench/gpu/pack.mjs`).
#
#   bash run.sh                   # on the GPU machine
#   bash run.sh --allow-cpu       # dry run where there is no CUDA (PyTorch on the CPU)
#   options: --steps N --warmup N --batch N --models resnet18,mlp --python /path/to/python3
# Each half has a time limit (TIME_LIMIT seconds, default 210) so the whole run ends within 8 minutes.
# BUNDLED_VULKAN=1 uses the Vulkan loader from debs/ even where the system has one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
steps=30 warmup=3 batch=128 models=resnet18,mlp allow_cpu="" python="${PYTHON:-python3}"
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --models) models="$2"; shift 2 ;;
    --python) python="$2"; shift 2 ;;
    --allow-cpu) allow_cpu="--allow-cpu"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
limit="${TIME_LIMIT:-210}"
work="$(mktemp -d "${TMPDIR:-/tmp}/optlab-gpu-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== unpacking (Node, dawn.node, Vulkan loader) into $work"
xz -dc "$here/node.xz" > "$work/node" && chmod +x "$work/node"
xz -dc "$here/dawn.node.xz" > "$work/dawn.node"
export DAWN_NODE="$work/dawn.node"
# The Vulkan loader from the .deb files, unless the system has one (the NVIDIA driver brings the ICD);
# BUNDLED_VULKAN=1 uses the bundled one anyway.
if [ -n "${BUNDLED_VULKAN:-}" ] || ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1'; then
  mkdir -p "$work/root"
  for deb in "$here"/debs/*.deb; do
    if command -v dpkg-deb >/dev/null; then dpkg-deb -x "$deb" "$work/root"
    else (cd "$work" && ar x "$deb" && tar -xf data.tar.* -C "$work/root" && rm -f data.tar.* control.tar.* debian-binary); fi
  done
  export LD_LIBRARY_PATH="$work/root/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  echo "   Vulkan loader: from debs/ ($(ls "$here"/debs))"
else
  echo "   Vulkan loader: the system's"
fi
ls /usr/share/vulkan/icd.d/ /etc/vulkan/icd.d/ 2>/dev/null | sed 's/^/   Vulkan ICD: /' || true
"$work/node" --version | sed 's/^/   Node /'

echo "== PyTorch ($models, batch $batch, $steps steps after $warmup warm-up)"
timeout "$limit" "$python" "$here/torchBench.py" --models "$models" --steps "$steps" --warmup "$warmup" --batch "$batch" $allow_cpu | tee "$work/torch.jsonl" || echo '{"framework":"pytorch","error":"failed or timed out"}' >> "$work/torch.jsonl"

echo "== WebGPU (TensorFlow.js on Dawn, the app's trainer)"
timeout "$limit" "$work/node" "$here/trainer.mjs" --models "$models" --steps "$steps" --warmup "$warmup" --batch "$batch" 2> "$work/webgpu.stderr" | tee "$work/webgpu.jsonl" ||
  { echo '{"framework":"tfjs-webgpu","error":"failed or timed out"}' >> "$work/webgpu.jsonl"; tail -5 "$work/webgpu.stderr" >&2; }

echo "== samples/s side by side"
"$python" - "$work/torch.jsonl" "$work/webgpu.jsonl" <<'PY'
import json, sys
rows = {}
for path in sys.argv[1:]:
    for line in open(path):
        line = line.strip()
        if not line.startswith('{'):
            continue
        r = json.loads(line)
        if 'error' in r:
            print(f"{r['framework']}: {r['error']}")
            continue
        rows.setdefault(r['model'], {})[r['framework']] = r
print(f"{'model':10} {'PyTorch':>12} {'WebGPU':>12} {'WebGPU/PyTorch':>15}  devices")
for model, r in rows.items():
    t, w = r.get('pytorch'), r.get('tfjs-webgpu')
    ts = t['samples_per_s'] if t else float('nan')
    ws = w['samples_per_s'] if w else float('nan')
    print(f"{model:10} {ts:12.1f} {ws:12.1f} {ws / ts if t and w else float('nan'):15.3f}  {t['device'] if t else '-'} | {w['adapter'] if w else '-'}")
PY
