"""Writes an ONNX model in float16, as a foundation model exported for a GPU is: every float32 weight, input, output and
intermediate type, constant and cast made float16, the graph otherwise unchanged. For the test fixture (make-test-tile-encoder.py) and the
tile-encoder benchmark (bench/tile-encoder-vs-pytorch.sh), which measure what LiverCast does with such a file.
`narrowed` is shared with tools/onnx-bfloat16.py.
Usage: /usr/bin/python3 tools/onnx-float16.py SRC.onnx DST.onnx  (Debian's python3-onnx)
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper


def narrowed(model, elem_type, tensor):
    """The model with every float32 weight, value type, constant and cast target made `elem_type`; `tensor(values, name)`
    makes a TensorProto of that type from float32 values."""
    graph = model.graph
    for i, init in enumerate(graph.initializer):
        weights = numpy_helper.to_array(init)
        if weights.dtype == np.float32:
            graph.initializer[i].CopyFrom(tensor(weights, init.name))
    for v in list(graph.input) + list(graph.output) + list(graph.value_info):
        if v.type.tensor_type.elem_type == TensorProto.FLOAT:
            v.type.tensor_type.elem_type = elem_type
    # Constants in the graph (a LayerNorm's epsilon, a scale) and casts to float: narrowed too, or an Add gets both types.
    for node in graph.node:
        for attr in node.attribute:
            if node.op_type == "Constant" and attr.name == "value" and attr.t.data_type == TensorProto.FLOAT:
                attr.t.CopyFrom(tensor(numpy_helper.to_array(attr.t), attr.t.name))
            if node.op_type == "Cast" and attr.name == "to" and attr.i == TensorProto.FLOAT:
                attr.i = elem_type
    return model


def to_float16(src, dst):
    onnx.save(narrowed(onnx.load(src), TensorProto.FLOAT16, lambda values, name: numpy_helper.from_array(values.astype(np.float16), name)), dst)


if __name__ == "__main__":
    to_float16(sys.argv[1], sys.argv[2])
