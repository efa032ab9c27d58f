"""Makes the small tile encoders the tests load (livercast-learn/src/test/resources/encoders/), standing in for a user's
pathology foundation model: a fixed-seed CNN (3x3 convolutions, ReLU, global average pooling) from [N, 3, 64, 64]
ImageNet-normalised RGB to [N, 8], traced to TorchScript (tiny-cnn.pt) and exported to ONNX (tiny-cnn.onnx: any batch
size, 64 px tiles), with its output on a reproducible test tile so the Java side can check that both formats compute
the same numbers as PyTorch. tiny-cnn-tokens.onnx / .pt give a transformer's kind of output, [N, 257, 8] tokens (a
class token, then the 256 positions' features), for the token pooling. tiny-cnn-feature-maps.onnx is the same network
without its pooling ([N, 8, 16, 16]): not a tile encoder, for the refusal tests; tiny-cnn-two-outputs.onnx gives the
feature maps first and the embedding second; tiny-cnn-batch4.onnx takes exactly 4 tiles a call;
tiny-cnn-external.onnx keeps its weights in tiny-cnn-external.weights, as a model over 2 GB must;
tiny-cnn-nhwc.onnx takes channels-last tiles [N, 64, 64, 3], as a converted TensorFlow model does; tiny-cnn-fp16.onnx is
tiny-cnn.onnx in float16 (weights, tiles and embeddings), as exported for a GPU; tiny-vit-tokens(-fp16).onnx a one-block
ViT giving [N, 197, 8] tokens for 224 px tiles, in float32 and float16; tiny-cnn-bf16.onnx, tiny-vit-tokens-bf16.onnx and
tiny-cnn-external-bf16.onnx (+ .weights) those in bfloat16; tiny-cnn-fp16.pt and tiny-cnn-bf16.pt the TorchScript
file in float16 and bfloat16. The seed fixes the
weights, but tracing again writes tiny-cnn.pt with other bytes (another SHA-256, so another encoder id), so a rerun
takes the weights from the committed tiny-cnn.pt and rewrites only the files made from them (--new-weights traces it
again); `--expected-only` recomputes only tiny-cnn.expected.json from the committed tiny-cnn.pt. The expected
file holds the test tile's embedding under ImageNet's normalisation ("embedding") and under CLIP's ("embedding_clip"),
for the test that a model's own statistics reach it. Run with Debian's python3-torch and python3-onnx:
    /usr/bin/python3 tools/make-test-tile-encoder.py livercast-learn/src/test/resources/encoders [--expected-only] [--new-weights]
"""
import json
import os
import sys

import torch

out = sys.argv[1]
expected_only = "--expected-only" in sys.argv[2:]


def write_expected(traced):
    # The test tile: R = (3x + y) mod 256, G = (x * y) mod 256, B = (255 - 2y) mod 256 at pixel (x, y), 64 x 64.
    px = torch.zeros(3, 64, 64)
    for y in range(64):
        for x in range(64):
            px[0, y, x] = (3 * x + y) % 256
            px[1, y, x] = (x * y) % 256
            px[2, y, x] = (255 - 2 * y) % 256

    def embed(mean, std):
        x = ((px / 255.0 - torch.tensor(mean).view(3, 1, 1)) / torch.tensor(std).view(3, 1, 1)).unsqueeze(0)
        with torch.no_grad():
            return traced(x)[0].tolist()

    emb = embed([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    clip = embed([0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711])
    # The network with its weights rounded to bfloat16 (to nearest even, as tools/onnx-bfloat16.py rounds) and computed
    # in float32: what tiny-cnn-bf16.onnx computes when LiverCast widens it.
    with torch.no_grad():
        for p in traced.parameters():
            p.copy_(p.to(torch.bfloat16).to(torch.float32))
    bf16 = embed([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    json.dump({"torch": torch.__version__, "input_px": 64, "embedding": emb, "embedding_clip": clip,
               "embedding_bfloat16_weights": bf16},
              open(os.path.join(out, "tiny-cnn.expected.json"), "w"), indent=1)
    print("expected:", emb, clip)


if expected_only:
    write_expected(torch.jit.load(os.path.join(out, "tiny-cnn.pt")))
    sys.exit(0)

torch.manual_seed(7)
net = torch.nn.Sequential(
    torch.nn.Conv2d(3, 6, 3, stride=2, padding=1), torch.nn.ReLU(),
    torch.nn.Conv2d(6, 8, 3, stride=2, padding=1), torch.nn.ReLU(),
    torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten()).eval()
path = os.path.join(out, "tiny-cnn.pt")
if os.path.exists(path) and "--new-weights" not in sys.argv[2:]:
    # The committed weights (tracing the seed again gives the same numbers but another file, so another encoder id).
    traced = torch.jit.load(path)
    net.load_state_dict(traced.state_dict())
else:
    traced = torch.jit.trace(net, torch.zeros(1, 3, 64, 64))
    traced.save(path)


def to_onnx(module, name):
    # The batch is left free (a dynamic axis), the tile side fixed, as foundation models are usually exported.
    torch.onnx.export(module, torch.zeros(1, 3, 64, 64), os.path.join(out, name), input_names=["tiles"],
                      output_names=["embeddings"], dynamic_axes={"tiles": {0: "n"}, "embeddings": {0: "n"}}, opset_version=13)


to_onnx(net, "tiny-cnn.onnx")
to_onnx(net[:4], "tiny-cnn-feature-maps.onnx")


# Exported for batches of exactly 4 tiles (no dynamic axis), as some deployment exports are.
torch.onnx.export(net, torch.zeros(4, 3, 64, 64), os.path.join(out, "tiny-cnn-batch4.onnx"), input_names=["tiles"],
                  output_names=["embeddings"], opset_version=13)


class MapsAndEmbedding(torch.nn.Module):
    """Two outputs, the feature maps first, as a transformer's export gives its tokens before its pooled embedding."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        maps = self.net[:4](x)
        return maps, self.net[4:](maps)


torch.onnx.export(MapsAndEmbedding(net).eval(), torch.zeros(1, 3, 64, 64), os.path.join(out, "tiny-cnn-two-outputs.onnx"),
                  input_names=["tiles"], output_names=["feature_maps", "embeddings"],
                  dynamic_axes={"tiles": {0: "n"}, "feature_maps": {0: "n"}, "embeddings": {0: "n"}}, opset_version=13)


class Tokens(torch.nn.Module):
    """A transformer's kind of output, [N, 1 + 256, 8]: a class token (the feature maps' maximum) before the 16 x 16
    positions' features as patch tokens, so that the mean of the patch tokens is the plain network's embedding."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        patches = self.net[:4](x).flatten(2).transpose(1, 2)
        return torch.cat([patches.amax(1, keepdim=True), patches], 1)


tokens = Tokens(net).eval()
torch.onnx.export(tokens, torch.zeros(1, 3, 64, 64), os.path.join(out, "tiny-cnn-tokens.onnx"), input_names=["tiles"],
                  output_names=["last_hidden_state"], dynamic_axes={"tiles": {0: "n"}, "last_hidden_state": {0: "n"}}, opset_version=13)
torch.jit.trace(tokens, torch.zeros(1, 3, 64, 64)).save(os.path.join(out, "tiny-cnn-tokens.pt"))

# The CNN saved in half precision and in bfloat16 (.half() / .bfloat16() on the traced module, as a model kept for a GPU
# is saved): LiverCast feeds the first its tiles in float16 and refuses the second by name (DJL has no bfloat16 tensors).
for dtype, name in [(torch.float16, "tiny-cnn-fp16.pt"), (torch.bfloat16, "tiny-cnn-bf16.pt")]:
    torch.jit.load(path).to(dtype).save(os.path.join(out, name))


class ChannelsLast(torch.nn.Module):
    """The network taking [N, S, S, 3] tiles, as a TensorFlow model converted by tf2onnx does (Google's Path Foundation)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net(x.permute(0, 3, 1, 2))


torch.onnx.export(ChannelsLast(net).eval(), torch.zeros(1, 64, 64, 3), os.path.join(out, "tiny-cnn-nhwc.onnx"), input_names=["tiles"],
                  output_names=["embeddings"], dynamic_axes={"tiles": {0: "n"}, "embeddings": {0: "n"}}, opset_version=13)

# The same model with its weights in a file beside it, as a model over protobuf's 2 GB limit is saved (python3-onnx).
import onnx  # noqa: E402

external = onnx.load(os.path.join(out, "tiny-cnn.onnx"))
if os.path.exists(os.path.join(out, "tiny-cnn-external.weights")):
    os.remove(os.path.join(out, "tiny-cnn-external.weights"))  # onnx appends to a weights file already there
onnx.save_model(external, os.path.join(out, "tiny-cnn-external.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                location="tiny-cnn-external.weights", size_threshold=0)

# The same model in float16, as a foundation model exported for a GPU is (tools/onnx-float16.py).
import runpy  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
to_float16 = runpy.run_path(os.path.join(here, "onnx-float16.py"))["to_float16"]
to_float16(os.path.join(out, "tiny-cnn.onnx"), os.path.join(out, "tiny-cnn-fp16.onnx"))

# A ViT as pathology foundation models are (the benchmark's ViT-S/16, one block 8 wide: 224 px tiles to [N, 197, 8]
# tokens), in float32 and float16: in float16 ONNX Runtime 1.23's full graph optimisation fails on its layer norms.
torch.manual_seed(4)
tiny_vit = runpy.run_path(os.path.join(here, "..", "bench", "tile_encoder_torch.py"))["VitS16"](dim=8, depth=1, heads=2).eval()
torch.onnx.export(tiny_vit, torch.zeros(1, 3, 224, 224), os.path.join(out, "tiny-vit-tokens.onnx"), input_names=["tiles"],
                  output_names=["last_hidden_state"], dynamic_axes={"tiles": {0: "n"}, "last_hidden_state": {0: "n"}}, opset_version=13)
to_float16(os.path.join(out, "tiny-vit-tokens.onnx"), os.path.join(out, "tiny-vit-tokens-fp16.onnx"))

# In bfloat16, as a foundation model trained in bfloat16 is exported (tools/onnx-bfloat16.py): the CNN, the ViT, and the
# CNN with its weights outside the file (tiny-cnn-external-bf16.weights); ONNX Runtime's CPU kernels load none of them.
to_bfloat16 = runpy.run_path(os.path.join(here, "onnx-bfloat16.py"))["to_bfloat16"]
to_bfloat16(os.path.join(out, "tiny-cnn.onnx"), os.path.join(out, "tiny-cnn-bf16.onnx"))
to_bfloat16(os.path.join(out, "tiny-vit-tokens.onnx"), os.path.join(out, "tiny-vit-tokens-bf16.onnx"))
to_bfloat16(os.path.join(out, "tiny-cnn-external.onnx"), os.path.join(out, "tiny-cnn-external-bf16.onnx"))

write_expected(traced)
print(path, os.path.getsize(path), "bytes")
