package org.livercast.learn.slide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.learn.slide.ProtoWire.Chunks;
import org.livercast.learn.slide.ProtoWire.Field;
import org.livercast.learn.slide.ProtoWire.MalformedException;

/**
 * An ONNX model in bfloat16 — as a foundation model trained in bfloat16 is often exported — rewritten to compute in
 * float32, because ONNX Runtime's CPU kernels take no bfloat16 convolution, matrix product or layer norm and the model
 * as written does not load. The weights stay bfloat16 where they are (inside the file, or in its external-data files,
 * which are not touched): each becomes a {@code Cast} to float at the head of the graph, which ONNX Runtime folds once when
 * it opens the session. Everything else that says bfloat16 — the graph's inputs, outputs and intermediate types, a
 * {@code Constant}'s value, a {@code Cast}'s or {@code dtype} target — says float instead.
 *
 * <p>bfloat16 is float32's top 16 bits, so widening a weight is exact: the network computes with the weights it was
 * given, only no longer rounding what it computes to 8 significant bits after each operation. The embeddings are those
 * of the same network computed in float32 (within float32's rounding), not the bfloat16 ones a GPU would give — closer
 * to the network the weights came from, not further.
 */
final class OnnxBfloat16 {
    static final int FLOAT = 1;
    static final int BFLOAT16 = 16;

    // Field numbers of onnx.proto (ONNX IR), the messages this rewrite walks through.
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_FUNCTIONS = 25;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int GRAPH_VALUE_INFO = 13;
    private static final int FUNCTION_NODE = 7;
    private static final int FUNCTION_VALUE_INFO = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_I = 3;
    private static final int ATTRIBUTE_T = 5;
    private static final int ATTRIBUTE_G = 6;
    private static final int ATTRIBUTE_TENSORS = 10;
    private static final int ATTRIBUTE_GRAPHS = 11;
    private static final int ATTRIBUTE_TYPE = 20;
    private static final int ATTRIBUTE_TYPE_INT = 2;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int EXTERNAL = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TYPE_SEQUENCE = 4;
    private static final int TYPE_MAP = 5;
    private static final int TYPE_SPARSE_TENSOR = 8;
    private static final int TYPE_OPTIONAL = 9;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int MAP_VALUE_TYPE = 2;
    /** Attributes whose integer is an element type: Cast's "to", EyeLike's and the random operators' "dtype". */
    private static final Set<String> TYPE_ATTRIBUTES = Set.of("to", "dtype");

    private final byte[] model;
    /** Whether anything said bfloat16. */
    private boolean changed;
    /** Whether any weight is in an external-data file (a small graph whose weights lie beside it). */
    private boolean external;

    /**
     * A model rewritten to compute in float32: its pieces, and whether its weights (some) are in external-data files —
     * what decides how ONNX Runtime is given it.
     */
    record Widened(Chunks model, boolean externalData) {}

    private OnnxBfloat16(byte[] model) {
        this.model = model;
    }

    /**
     * The model at {@code file} rewritten to compute in float32, or empty when nothing in it is bfloat16 (the file is
     * read whole; call it for a model ONNX Runtime has refused). The rewrite is pieces of the file's bytes and a few new
     * ones: written out ({@link Chunks#writeTo}) it costs no second copy of the weights.
     *
     * @throws UnusableInputException naming the file when it is not an ONNX protobuf, or is over 2 GB (a model that
     *         large keeps its weights in external-data files)
     */
    static Optional<Widened> widened(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 16) throw new UnusableInputException(file + ": " + size + " bytes; an ONNX file over 2 GB keeps its weights in external-data files");
        byte[] bytes = Files.readAllBytes(file);
        OnnxBfloat16 rewrite = new OnnxBfloat16(bytes);
        Chunks out;
        try {
            out = rewrite.model();
        } catch (MalformedException e) {
            throw new UnusableInputException(file + ": not an ONNX model (" + e.getMessage() + ")");
        }
        return rewrite.changed ? Optional.of(new Widened(out, rewrite.external)) : Optional.empty();
    }

    private Chunks model() throws MalformedException {
        return rewriting(new Field(0, ProtoWire.LENGTH_DELIMITED, 0, 0, 0, model.length), Map.of(MODEL_GRAPH, this::graph, MODEL_FUNCTIONS, this::function));
    }

    /** A step of the rewrite: one nested message rewritten. */
    private interface Rewrite {
        Chunks apply(Field message) throws MalformedException;
    }

    /**
     * {@code message} with its length-delimited fields of the numbers in {@code rewrites} rewritten by them, in place,
     * and every other field as it is.
     */
    private Chunks rewriting(Field message, Map<Integer, Rewrite> rewrites) throws MalformedException {
        Chunks out = new Chunks();
        for (Field f : ProtoWire.fields(model, message.from(), message.to())) {
            Rewrite r = f.wireType() == ProtoWire.LENGTH_DELIMITED ? rewrites.get(f.number()) : null;
            if (r != null) out.messageField(f.number(), r.apply(f));
            else out.field(model, f);
        }
        return out;
    }

    /**
     * A graph: its bfloat16 initializers renamed and cast back to their names at the head of the node list (so every node,
     * in this graph or a subgraph that reads it from the outer scope, finds a float of the name it knows), the rest walked.
     */
    private Chunks graph(Field graph) throws MalformedException {
        List<Field> fields = ProtoWire.fields(model, graph.from(), graph.to());
        Set<String> names = new HashSet<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Field f : fields) {
            if (f.number() == GRAPH_INITIALIZER || f.number() == GRAPH_INPUT) names.add(nameOf(f, f.number() == GRAPH_INITIALIZER ? TENSOR_NAME : 1));
        }
        for (Field f : fields) {
            if (f.number() != GRAPH_INITIALIZER || elementType(f) != BFLOAT16) continue;
            String name = nameOf(f, TENSOR_NAME);
            String stored = name + "::bfloat16";
            while (names.contains(stored)) stored += "_";
            names.add(stored);
            renamed.put(name, stored);
        }
        if (!renamed.isEmpty()) changed = true;
        Chunks out = new Chunks();
        boolean castsWritten = false;
        for (Field f : fields) {
            switch (f.number()) {
                case GRAPH_NODE -> {
                    if (!castsWritten) castsWritten = casts(out, renamed);
                    out.messageField(f.number(), node(f));
                }
                case GRAPH_INITIALIZER -> {
                    if (stored(f) == EXTERNAL) external = true;
                    String name = nameOf(f, TENSOR_NAME);
                    if (renamed.containsKey(name)) out.messageField(f.number(), renamedTensor(f, renamed.get(name)));
                    else out.field(model, f);
                }
                // An initializer also listed as an input (models before IR 4) is an input no one feeds: the cast's output
                // now has that name, and two producers of one name is not a graph.
                case GRAPH_INPUT -> {
                    if (!renamed.containsKey(nameOf(f, 1))) out.messageField(f.number(), valueInfo(f));
                }
                case GRAPH_OUTPUT, GRAPH_VALUE_INFO -> out.messageField(f.number(), valueInfo(f));
                default -> out.field(model, f);
            }
        }
        if (!castsWritten) casts(out, renamed);
        return out;
    }

    private boolean casts(Chunks graph, Map<String, String> renamed) {
        for (Map.Entry<String, String> e : renamed.entrySet()) {
            Chunks to = new Chunks().stringField(ATTRIBUTE_NAME, "to").varintField(ATTRIBUTE_I, FLOAT).varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
            Chunks cast = new Chunks().stringField(NODE_INPUT, e.getValue()).stringField(NODE_OUTPUT, e.getKey())
                    .stringField(NODE_NAME, "livercast_bfloat16_to_float/" + e.getKey()).stringField(NODE_OP_TYPE, "Cast")
                    .messageField(NODE_ATTRIBUTE, to);
            graph.messageField(GRAPH_NODE, cast);
        }
        return true;
    }

    private Chunks function(Field function) throws MalformedException {
        return rewriting(function, Map.of(FUNCTION_NODE, this::node, FUNCTION_VALUE_INFO, this::valueInfo));
    }

    private Chunks node(Field node) throws MalformedException {
        return rewriting(node, Map.of(NODE_ATTRIBUTE, this::attribute));
    }

    private Chunks attribute(Field attribute) throws MalformedException {
        List<Field> fields = ProtoWire.fields(model, attribute.from(), attribute.to());
        String name = "";
        for (Field f : fields) if (f.number() == ATTRIBUTE_NAME) name = f.string(model);
        Chunks out = new Chunks();
        for (Field f : fields) {
            if (f.number() == ATTRIBUTE_I && f.wireType() == ProtoWire.VARINT && f.value() == BFLOAT16 && TYPE_ATTRIBUTES.contains(name)) {
                out.varintField(ATTRIBUTE_I, FLOAT);
                changed = true;
            } else if (f.number() == ATTRIBUTE_T || f.number() == ATTRIBUTE_TENSORS) {
                out.messageField(f.number(), widenedTensor(f, name));
            } else if (f.number() == ATTRIBUTE_G || f.number() == ATTRIBUTE_GRAPHS) {
                out.messageField(f.number(), graph(f));
            } else {
                out.field(model, f);
            }
        }
        return out;
    }

    private Chunks valueInfo(Field valueInfo) throws MalformedException {
        return rewriting(valueInfo, Map.of(VALUE_INFO_TYPE, this::type));
    }

    /** A TypeProto: a tensor's (or sparse tensor's) element type; the element types of sequences, optionals and maps. */
    private Chunks type(Field type) throws MalformedException {
        return rewriting(type, Map.of(TYPE_TENSOR, this::tensorType, TYPE_SPARSE_TENSOR, this::tensorType,
                TYPE_SEQUENCE, f -> rewriting(f, Map.of(1, this::type)), TYPE_OPTIONAL, f -> rewriting(f, Map.of(1, this::type)),
                TYPE_MAP, f -> rewriting(f, Map.of(MAP_VALUE_TYPE, this::type))));
    }

    private Chunks tensorType(Field tensorType) throws MalformedException {
        Chunks out = new Chunks();
        for (Field f : ProtoWire.fields(model, tensorType.from(), tensorType.to())) {
            if (f.number() == TENSOR_TYPE_ELEM_TYPE && f.wireType() == ProtoWire.VARINT && f.value() == BFLOAT16) {
                out.varintField(TENSOR_TYPE_ELEM_TYPE, FLOAT);
                changed = true;
            } else {
                out.field(model, f);
            }
        }
        return out;
    }

    /** An initializer under another name, its bytes (or its external-data reference) as they are. */
    private Chunks renamedTensor(Field tensor, String name) throws MalformedException {
        Chunks out = new Chunks();
        for (Field f : ProtoWire.fields(model, tensor.from(), tensor.to())) {
            if (f.number() == TENSOR_NAME) out.stringField(TENSOR_NAME, name);
            else out.field(model, f);
        }
        return out;
    }

    /**
     * A tensor inside a node (a {@code Constant}'s value, {@code ConstantOfShape}'s fill) made float: small, so widened in
     * place — its bfloat16 values (raw little-endian pairs, or one to an int32_data entry) shifted into float32's top bits.
     */
    private Chunks widenedTensor(Field tensor, String attribute) throws MalformedException {
        List<Field> fields = ProtoWire.fields(model, tensor.from(), tensor.to());
        if (elementType(tensor) != BFLOAT16) return new Chunks().raw(model, tensor.from(), tensor.to());
        for (Field f : fields) {
            if (f.number() == TENSOR_DATA_LOCATION && f.value() == EXTERNAL) {
                throw new MalformedException("attribute " + attribute + " holds a bfloat16 tensor in external data");
            }
        }
        java.io.ByteArrayOutputStream floats = new java.io.ByteArrayOutputStream();
        Chunks out = new Chunks();
        for (Field f : fields) {
            switch (f.number()) {
                case TENSOR_DATA_TYPE -> out.varintField(TENSOR_DATA_TYPE, FLOAT);
                case TENSOR_RAW_DATA -> {
                    for (int i = f.from(); i + 1 < f.to(); i += 2) putFloatBits(floats, (model[i] & 0xFF) | (model[i + 1] & 0xFF) << 8);
                }
                case TENSOR_INT32_DATA -> {
                    if (f.wireType() == ProtoWire.VARINT) putFloatBits(floats, (int) f.value());
                    else for (Field packed : packedVarints(f)) putFloatBits(floats, (int) packed.value());
                }
                default -> out.field(model, f);
            }
        }
        out.bytesField(TENSOR_RAW_DATA, floats.toByteArray());
        changed = true;
        return out;
    }

    /** A packed repeated varint field's values (each read as field 1 of a message made of them). */
    private List<Field> packedVarints(Field f) throws MalformedException {
        List<Field> values = new java.util.ArrayList<>();
        int[] at = {f.from()};
        while (at[0] < f.to()) {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                if (at[0] >= f.to() || shift > 63) throw new MalformedException("a packed varint runs past its field at byte " + at[0]);
                int b = model[at[0]++] & 0xFF;
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) break;
            }
            values.add(new Field(1, ProtoWire.VARINT, v, 0, 0, 0));
        }
        return values;
    }

    /** bfloat16 bits (the low 16 of {@code bits}) as the float32 they are, little-endian. */
    private static void putFloatBits(java.io.ByteArrayOutputStream out, int bits) {
        int f = (bits & 0xFFFF) << 16;
        out.write(f);
        out.write(f >>> 8);
        out.write(f >>> 16);
        out.write(f >>> 24);
    }

    /** A tensor's data_location: 0 (DEFAULT, its bytes inside) or {@link #EXTERNAL}. */
    private int stored(Field tensor) throws MalformedException {
        for (Field f : ProtoWire.fields(model, tensor.from(), tensor.to())) {
            if (f.number() == TENSOR_DATA_LOCATION && f.wireType() == ProtoWire.VARINT) return (int) f.value();
        }
        return 0;
    }

    private int elementType(Field tensor) throws MalformedException {
        for (Field f : ProtoWire.fields(model, tensor.from(), tensor.to())) {
            if (f.number() == TENSOR_DATA_TYPE && f.wireType() == ProtoWire.VARINT) return (int) f.value();
        }
        return 0;
    }

    private String nameOf(Field message, int nameField) throws MalformedException {
        for (Field f : ProtoWire.fields(model, message.from(), message.to())) {
            if (f.number() == nameField && f.wireType() == ProtoWire.LENGTH_DELIMITED) return f.string(model);
        }
        return "";
    }
}
