"""Writes an ONNX model in bfloat16, as a foundation model trained and exported in bfloat16 comes: every float32 weight,
input, output and intermediate type, constant and cast made bfloat16 (rounded to nearest even), the graph otherwise
unchanged; weights kept outside the model stay outside (in DST's own weights file, beside DST). For the test fixtures
(make-test-tile-encoder.py), which check what LiverCast does with such a file (ONNX Runtime's CPU kernels take no
bfloat16 convolution or matrix product, so the file as written does not load there).
Usage: /usr/bin/python3 tools/onnx-bfloat16.py SRC.onnx DST.onnx  (Debian's python3-onnx)
"""
import os
import runpy
import sys

import numpy as np
import onnx
from onnx import TensorProto


def bfloat16_bits(values):
    """float32 -> bfloat16 bit patterns (uint16), rounded to nearest even as PyTorch's .to(torch.bfloat16) rounds."""
    bits = np.ascontiguousarray(values, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def bfloat16_tensor(values, name):
    t = TensorProto()
    t.name = name
    t.data_type = TensorProto.BFLOAT16
    t.dims.extend(values.shape)
    t.raw_data = bfloat16_bits(values).tobytes()
    return t


def to_bfloat16(src, dst):
    external = any(i.data_location == TensorProto.EXTERNAL for i in onnx.load(src, load_external_data=False).graph.initializer)
    narrowed = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "onnx-float16.py"))["narrowed"]
    model = narrowed(onnx.load(src, load_external_data=True), TensorProto.BFLOAT16, bfloat16_tensor)
    if external:
        # onnx appends to a weights file that is already there: written afresh.
        weights = os.path.join(os.path.dirname(dst), os.path.splitext(os.path.basename(dst))[0] + ".weights")
        if os.path.exists(weights):
            os.remove(weights)
        onnx.save(model, dst, save_as_external_data=True, all_tensors_to_one_file=True,
                  location=os.path.splitext(os.path.basename(dst))[0] + ".weights", size_threshold=0)
    else:
        onnx.save(model, dst)


if __name__ == "__main__":
    to_bfloat16(sys.argv[1], sys.argv[2])
