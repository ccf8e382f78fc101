#!/usr/bin/env bash
# Builds the TornadoVM SDK that accel-tornado (-Ptornado) compiles and tests against, with the OpenCL
# backend, and installs PoCL so that the suite runs on the CPU when there is no GPU.
#
#   accel-tornado/install-tornadovm.sh [SOURCE_DIR]
#
# SOURCE_DIR is a checkout of https://github.com/beehive-lab/TornadoVM at tag v5.2.0-jdk25 (cloned there
# when absent and the network allows it). JAVA_HOME must be a JDK 25. At the end the script prints the
# TORNADOVM_HOME to export. Nothing it builds belongs in this repository.
#
# It works around three things that stop TornadoVM's own build on a machine with only Maven Central:
# its build clones the Khronos OpenCL headers from GitHub (the Debian package's headers are used
# instead), it imports two Python modules it never calls offline (wget, streamlit: empty stand-ins),
# and it downloads Graal's compiler-management jar, which Maven Central mirrors may not serve and which
# TornadoVM's OpenCL backend does not need (left out when it cannot be fetched).
set -euo pipefail

TAG=v5.2.0-jdk25
SRC="${1:-${TORNADOVM_SRC:-$HOME/tornadovm-src}}"

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
  echo "install-tornadovm: JAVA_HOME must point to a JDK 25 (it is '${JAVA_HOME:-unset}')" >&2
  exit 1
fi

if ! command -v clinfo >/dev/null 2>&1 || [ ! -d /usr/include/CL ]; then
  echo "install-tornadovm: installing PoCL, the OpenCL ICD loader and headers (Debian packages)"
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get install -y -q pocl-opencl-icd ocl-icd-opencl-dev clinfo >/dev/null \
    || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q pocl-opencl-icd ocl-icd-opencl-dev clinfo >/dev/null; }
fi
clinfo -l

if [ ! -f "$SRC/Makefile" ]; then
  git clone --depth 1 --branch "$TAG" https://github.com/beehive-lab/TornadoVM.git "$SRC"
fi
cd "$SRC"

headers=tornado-drivers/opencl-jni/src/main/cpp/headers/include
if [ ! -d "$headers/CL" ]; then
  mkdir -p "$headers" && cp -r /usr/include/CL "$headers/"
fi

stubs="$(mktemp -d)"
trap 'rm -rf "$stubs"' EXIT
for module in wget streamlit; do
  python3 -c "import $module" 2>/dev/null || echo "# stand-in: imported by TornadoVM's build, not used" > "$stubs/$module.py"
done
export PYTHONPATH="$stubs${PYTHONPATH:+:$PYTHONPATH}"

management='compiler/compiler-management/{VERSION}/compiler-management-{VERSION}.jar'
if ! curl -sfI "https://repo.maven.apache.org/maven2/org/graalvm/${management//\{VERSION\}/25.0.2}" >/dev/null; then
  echo "install-tornadovm: Graal's compiler-management jar is not served here; building without it"
  sed -i "/compiler-management/d" bin/pull_graal_jars.py
  rm -f graalJars/compiler-management-*.jar
fi

export PATH="$JAVA_HOME/bin:$PATH"
make BACKEND=opencl

sdk="$(ls -d "$SRC"/dist/tornadovm-*-opencl-linux-amd64/tornadovm-*-opencl | head -1)"
echo
echo "TornadoVM SDK built. Use it with:"
echo "  export TORNADOVM_HOME=$sdk"
