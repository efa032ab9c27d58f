#!/usr/bin/env bash
# Builds the optional libjpeg-turbo bridge into target/classes/native/. Without gcc or libturbojpeg0-dev it only says
# so: LiverCast then decodes JPEG tiles with the JDK's decoder (same pixels, slower).
set -u
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../../target/classes/native"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
if ! command -v gcc >/dev/null || [ ! -f /usr/include/turbojpeg.h ] || [ ! -f "$java_home/include/jni.h" ]; then
  echo "[livercast] libjpeg-turbo bridge not built (needs gcc, libturbojpeg0-dev and a JDK); using the JDK JPEG decoder"
  exit 0
fi
mkdir -p "$out"
if gcc -O2 -shared -fPIC -I"$java_home/include" -I"$java_home/include/linux" "$here/turbojpeg_jni.c" \
     -o "$out/liblivercast_turbojpeg.so" -lturbojpeg; then
  echo "[livercast] built $out/liblivercast_turbojpeg.so"
else
  echo "[livercast] libjpeg-turbo bridge failed to build; using the JDK JPEG decoder"
  rm -f "$out/liblivercast_turbojpeg.so"
fi
exit 0
