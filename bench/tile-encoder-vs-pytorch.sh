#!/usr/bin/env bash
# Tile-embedding throughput on CPU: a ResNet-18 and a ViT-S/16 tile encoder (random weights, made by the script; the
# ViT gives its tokens, pooled to the class token by --tile-encoder-tokens cls) run by Debian's
# PyTorch and by LiverCast from its TorchScript file (TorchScriptTileEncoder, DJL on PyTorch 2.7) and from its ONNX
# export (OnnxTileEncoder, ONNX Runtime) in float32, float16 and bfloat16, on the same number of 224 px tiles in batches of 32,
# in one run.
# Ratio = LiverCast tiles/s / PyTorch tiles/s. Usage: bench/tile-encoder-vs-pytorch.sh [TILES]
# Needs python3-torch and python3-onnx.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-256}
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs: apt-get install python3-torch" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
threads=$(nproc)
# The checksum (sum of the embeddings' magnitudes) compares the two formats on the same tiles (PyTorch's random tiles are its own).
printf '%-40s %14s %16s %7s %14s %7s\n' "encoder (tiles, threads)" PyTorch_tiles/s LiverCast_tiles/s ratio "checksum" load_s
for model in resnet18 vit-s16; do
  tokens=none
  [ "$model" = vit-s16 ] && tokens=cls
  read -r _ pt _ < <(/usr/bin/python3 bench/tile_encoder_torch.py "$work/$model.pt" "$n" "$threads" "$model")
  # The ONNX export again in float16, as a model exported for a GPU comes (its peer stays PyTorch in float32: Debian's
  # PyTorch has no float16 convolution on the CPU).
  /usr/bin/python3 tools/onnx-float16.py "$work/$model.onnx" "$work/$model.fp16.onnx"
  # And in bfloat16, as a model trained in bfloat16 comes (LiverCast computes it in float32 from its bfloat16 weights).
  /usr/bin/python3 tools/onnx-bfloat16.py "$work/$model.onnx" "$work/$model.bf16.onnx"
  for format in pt onnx fp16.onnx bf16.onnx; do
    read -r _ lt d lsum load < <(java -Dai.djl.offline=true -cp "$cp" org.livercast.bench.TileEncoderBenchmark "$work/$model.$format" "$n" "$tokens" 2>/dev/null | grep '^livercast')
    printf '%-40s %14s %16s %7s %14s %7s\n' "$model 224px $format, $d-d ($n, $threads)" "$pt" "$lt" "$(awk -v a="$lt" -v b="$pt" 'BEGIN { printf "%.2f", a / b }')" "$lsum" "$load"
  done
done
