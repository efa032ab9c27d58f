#!/usr/bin/env bash
# Builds the optional native bridges into target/classes/native/: libjpeg-turbo (JPEG tiles) and OpenJPEG (Aperio's
# JPEG 2000 tiles), each when gcc, its -dev package and a JDK are present. Without one it only says so: LiverCast then
# decodes those tiles with the JDK's JPEG decoder or jai-imageio's JPEG 2000 decoder (same pixels, slower).
set -u
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../../target/classes/native"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
if ! command -v gcc >/dev/null || [ ! -f "$java_home/include/jni.h" ]; then
  echo "[livercast] native bridges not built (needs gcc and a JDK); using the Java decoders"
  exit 0
fi
mkdir -p "$out"
# bridge NAME SOURCE HEADER "CFLAGS" "LIBS"
bridge() {
  local name=$1 source=$2 header=$3 cflags=$4 libs=$5
  if [ ! -f "$header" ]; then
    echo "[livercast] $name bridge not built ($header missing); using the Java decoder"
    return
  fi
  # shellcheck disable=SC2086
  if gcc -O2 -shared -fPIC -I"$java_home/include" -I"$java_home/include/linux" $cflags "$here/$source" -o "$out/liblivercast_$name.so" $libs; then
    echo "[livercast] built $out/liblivercast_$name.so"
  else
    echo "[livercast] $name bridge failed to build; using the Java decoder"
    rm -f "$out/liblivercast_$name.so"
  fi
}
bridge turbojpeg turbojpeg_jni.c /usr/include/turbojpeg.h "" "-lturbojpeg"
bridge openjpeg openjpeg_jni.c /usr/include/openjpeg-2.5/openjpeg.h "-I/usr/include/openjpeg-2.5" "-lopenjp2"
exit 0
