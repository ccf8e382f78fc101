#!/usr/bin/env bash
# accel-tornado/gpu-check.sh: on a machine with a GPU and a TornadoVM SDK (TORNADOVM_HOME; for NVIDIA
# build it with `make BACKEND=ptx,opencl`), runs the backend's whole suite and then the benchmark with
# the GPU sizes, writing both logs to ${OUT:-accel-tornado/target/gpu-check}. Pass
# -Dtornado.device=B:D in TORNADO_DEVICE to pick TornadoVM's device (`tornado --devices` lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TORNADOVM_HOME:?set TORNADOVM_HOME to a TornadoVM SDK}"
out="${OUT:-accel-tornado/target/gpu-check}"
mkdir -p "$out"
nvidia-smi > "$out/nvidia-smi.txt" 2>&1 || true
export JAVA_TOOL_OPTIONS="${TORNADO_DEVICE:-}"
status=0
./mvnw -B -ntp -Ptornado -pl accel-tornado,proptests -am test > "$out/tests.log" 2>&1 || status=$?
grep -h "Tests run" accel-tornado/target/surefire-reports/*.txt proptests/target/surefire-reports/*gpu0.txt \
  > "$out/test-summary.txt" 2>/dev/null || true
accel-tornado/benchmark.sh 1024 2048 4096 > "$out/benchmark.txt" 2> "$out/benchmark.log" || status=$?
cat "$out/test-summary.txt" "$out/benchmark.txt"
exit "$status"
