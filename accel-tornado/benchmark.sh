#!/usr/bin/env bash
# accel-tornado/benchmark.sh [SIZES...]: the device's figures beside the CPU backend's in one run
# (DeviceBenchmark: warm-up of the first calls, sgemm GFLOP/s at each size, MLP steps/s and bytes moved
# per step). Needs JAVA_HOME (JDK 25) and TORNADOVM_HOME (accel-tornado/install-tornadovm.sh); builds
# the module first. Figures go to stdout; run it alone on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TORNADOVM_HOME:?set TORNADOVM_HOME to a TornadoVM SDK (accel-tornado/install-tornadovm.sh builds one)}"
# compiles and writes each module's test class path; accel-tornado's is the one used
./mvnw -q -Ptornado -pl accel-tornado -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/benchmark.classpath >&2
module="$PWD/accel-tornado/target"
# TornadoVM's argument file puts "." on the module path: run from an empty directory
mkdir -p "$module/tornado-cwd" && cd "$module/tornado-cwd"
exec "$JAVA_HOME/bin/java" @"$TORNADOVM_HOME/tornado-argfile" -Dtornado.recover.bailout=False \
  --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Xms4g -Xmx4g \
  -cp "$module/classes:$module/test-classes:$(cat "$module/benchmark.classpath")" \
  dev.jtensor.tornado.DeviceBenchmark "$@"
