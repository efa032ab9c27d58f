"""Writes an ONNX model in float16, as a foundation model exported for a GPU is: every float32 weight, input, output and
intermediate type, constant and cast made float16, the graph otherwise unchanged. For the test fixture (make-test-tile-encoder.py) and the
tile-encoder benchmark (bench/tile-encoder-vs-pytorch.sh), which measure what LiverCast does with such a file.
Usage: /usr/bin/python3 tools/onnx-float16.py SRC.onnx DST.onnx  (Debian's python3-onnx)
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper


def to_float16(src, dst):
    model = onnx.load(src)
    graph = model.graph
    for i, init in enumerate(graph.initializer):
        weights = numpy_helper.to_array(init)
        if weights.dtype == np.float32:
            graph.initializer[i].CopyFrom(numpy_helper.from_array(weights.astype(np.float16), init.name))
    for v in list(graph.input) + list(graph.output) + list(graph.value_info):
        if v.type.tensor_type.elem_type == TensorProto.FLOAT:
            v.type.tensor_type.elem_type = TensorProto.FLOAT16
    # Constants in the graph (a LayerNorm's epsilon, a scale) and casts to float: float16 too, or an Add gets both types.
    for node in graph.node:
        for attr in node.attribute:
            if node.op_type == "Constant" and attr.name == "value" and attr.t.data_type == TensorProto.FLOAT:
                attr.t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(attr.t).astype(np.float16), attr.t.name))
            if node.op_type == "Cast" and attr.name == "to" and attr.i == TensorProto.FLOAT:
                attr.i = TensorProto.FLOAT16
    onnx.save(model, dst)


if __name__ == "__main__":
    to_float16(sys.argv[1], sys.argv[2])
