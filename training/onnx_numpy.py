"""Tiny numpy runner for models/retarget.onnx (no onnxruntime in this environment), and a
constant folder that leaves the exported graph as plain Pad(edge) / Conv / LeakyRelu / Add.
Only the ops the exported graph uses. Needs the `onnx` package to parse the file."""
import numpy as np


def _attrs(n):
    import onnx
    return {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}


def eval_node(n, ins):
    """Evaluate one node on numpy inputs; returns the (single) output."""
    from onnx import numpy_helper
    at = _attrs(n)
    op = n.op_type
    if op == "Constant":
        return numpy_helper.to_array(at["value"])
    if op == "Identity":
        return ins[0]
    if op == "ConstantOfShape":
        v = numpy_helper.to_array(at["value"]) if "value" in at else np.zeros(1, np.float32)
        return np.full(tuple(int(s) for s in ins[0]), v.reshape(-1)[0], dtype=v.dtype)
    if op == "Concat":
        return np.concatenate(ins, axis=at["axis"])
    if op == "Reshape":
        return ins[0].reshape(tuple(int(s) for s in ins[1]))
    if op == "Transpose":
        return np.transpose(ins[0], at.get("perm"))
    if op == "Cast":
        import onnx
        return ins[0].astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[at["to"]])
    if op == "Slice":
        x, starts, ends = ins[0], ins[1], ins[2]
        axes = ins[3] if len(ins) > 3 and ins[3] is not None else np.arange(len(starts))
        steps = ins[4] if len(ins) > 4 and ins[4] is not None else np.ones(len(starts), int)
        sl = [slice(None)] * x.ndim
        for s, e, a, st in zip(starts, ends, axes, steps):
            e = int(max(min(e, 2 ** 62), -2 ** 62))
            sl[int(a)] = slice(int(s), e, int(st))
        return x[tuple(sl)]
    if op == "Pad":
        pads = np.asarray(ins[1]).astype(int)
        k = len(pads) // 2
        mode = at.get("mode", b"constant")
        mode = mode.decode() if isinstance(mode, bytes) else mode
        pw = [(int(pads[i]), int(pads[i + k])) for i in range(k)]
        return np.pad(ins[0], pw, mode="edge" if mode == "edge" else "constant")
    if op == "Conv":
        xx, w = ins[0], ins[1].astype(np.float64)
        b = ins[2] if len(ins) > 2 and ins[2] is not None else np.zeros(w.shape[0])
        d = at.get("dilations", [1])[0]
        p = at.get("pads", [0, 0])
        xx = np.pad(xx, ((0, 0), (0, 0), (p[0], p[1])))
        kk = w.shape[2]
        To = xx.shape[2] - d * (kk - 1)
        out = np.zeros((xx.shape[0], w.shape[0], To))
        for i in range(kk):
            out += np.einsum("oc,bct->bot", w[:, :, i], xx[:, :, i * d:i * d + To])
        return out + b[None, :, None]
    if op == "LeakyRelu":
        a = at.get("alpha", 0.01)
        return np.where(ins[0] > 0, ins[0], a * ins[0])
    if op == "Add":
        return ins[0] + ins[1]
    if op == "BatchNormalization":
        xx, s, bb, m, v = ins[:5]
        e = at.get("epsilon", 1e-5)
        sh = (1, -1, 1)
        return (xx - m.reshape(sh)) / np.sqrt(v.reshape(sh) + e) * s.reshape(sh) + bb.reshape(sh)
    raise RuntimeError("op %s not in the numpy runner" % op)


def run_onnx_numpy(path, x):
    """Run the graph (a path or a loaded ModelProto) on x, in float64."""
    import onnx
    from onnx import numpy_helper
    g = (onnx.load(path) if isinstance(path, str) else path).graph
    env = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    env[g.input[0].name] = np.asarray(x).astype(np.float64)
    for n in g.node:
        env[n.output[0]] = eval_node(n, [env[i] if i else None for i in n.input])
    return env[g.output[0].name]


def fold_constants(model):
    """Replace every node whose inputs are all constants by an initializer (in place)."""
    import onnx
    from onnx import numpy_helper
    g = model.graph
    const = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    keep = []
    for n in g.node:
        if all((i == "" or i in const) for i in n.input) and n.op_type != "Identity" or n.op_type == "Constant":
            const[n.output[0]] = eval_node(n, [const[i] if i else None for i in n.input])
        elif n.op_type == "Identity" and n.input[0] in const:
            const[n.output[0]] = const[n.input[0]]
        else:
            keep.append(n)
    used = {i for n in keep for i in n.input} | {o.name for o in g.output}
    del g.node[:]
    g.node.extend(keep)
    del g.initializer[:]
    for name, v in const.items():
        if name in used:
            g.initializer.append(numpy_helper.from_array(np.asarray(v), name))
    return model
