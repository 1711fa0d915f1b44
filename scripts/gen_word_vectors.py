#!/usr/bin/env python3
"""Generate data/word_vectors.bin: what each word of legal writing means, as a short vector.

Usage (from the repository root):

    python3 scripts/gen_word_vectors.py [CORPUS_DIR]   # default ../shared/corpus

The clustering of propositions (src/cluster.rs) must see that "balancing
test" and "four factors", or "applies to the states" and "made obligatory
upon the states", say one thing in two wordings. Words that occur near the
same words mean alike, so each word gets a vector learned from the public
court opinions of the shared corpus (opinions-0*.jsonl.gz, 11,201 US
opinions; US court opinions are public-domain government edicts):

1. Words are folded as scripts/gen_word_weights.py folds them; the vocabulary
   is the words of data/word_df.tsv (in 20 or more opinions).
2. Co-occurrence within WINDOW words either side, weighted 1/distance, within
   one opinion.
3. Positive pointwise mutual information, with the context distribution
   smoothed (counts ** 0.75) so rare contexts do not dominate.
4. Truncated SVD to DIMS dimensions; word vector = U * sqrt(S), normalised
   to unit length.
5. Quantised to int8 (x * 127, rounded) so the file stays small.

Output format (little-endian): magic b"PWV1", u32 word count, u32 dims, then
per word: u8 byte length, the word's UTF-8 bytes, DIMS int8 components.
Words are in sorted order. Deterministic: the SVD starts from a fixed vector
and the signs of components are fixed (largest absolute entry positive).

Without numpy/scipy the script creates a private virtualenv in `.venv/`
(`pip install numpy scipy`) and reruns itself there.
"""
import glob
import gzip
import json
import os
import re
import struct
import subprocess
import sys

WINDOW = 5
DIMS = 96
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_numpy():
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("GEN_WORD_VECTORS_VENV"):
        sys.exit("numpy/scipy missing even inside .venv")
    venv = os.path.join(ROOT, ".venv")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "--quiet", "numpy", "scipy"])
    env = dict(os.environ, GEN_WORD_VECTORS_VENV="1")
    os.execve(py, [py] + sys.argv, env)


def tokens(text):
    text = re.sub(r"(?<=[A-Za-z])['\u2019](?=[A-Za-z])", "", text.lower())
    return re.findall(r"[^\W\d_]+", text)


def vocabulary():
    words = []
    with open(os.path.join(ROOT, "data", "word_df.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            word, _ = line.rstrip("\n").split("\t")
            words.append(word)
    return sorted(words)


def main():
    ensure_numpy()
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.linalg import svds

    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpus")
    shards = sorted(glob.glob(os.path.join(corpus, "opinions-0*.jsonl.gz")))
    if not shards:
        sys.exit(f"no opinions-0*.jsonl.gz under {corpus}")
    vocab = vocabulary()
    index = {w: i for i, w in enumerate(vocab)}
    n = len(vocab)
    counts = sp.csr_matrix((n, n), dtype=np.float64)
    rows, cols, vals = [], [], []
    pending = 0

    def flush():
        nonlocal counts, rows, cols, vals, pending
        if rows:
            r = np.concatenate(rows)
            c = np.concatenate(cols)
            v = np.concatenate(vals)
            counts = counts + sp.csr_matrix((v, (r, c)), shape=(n, n))
        rows, cols, vals, pending = [], [], [], 0

    docs = 0
    for shard in shards:
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            for line in f:
                docs += 1
                ids = np.array([index.get(t, -1) for t in tokens(json.loads(line)["text"])],
                               dtype=np.int64)
                for d in range(1, WINDOW + 1):
                    if len(ids) <= d:
                        break
                    a, b = ids[:-d], ids[d:]
                    keep = (a >= 0) & (b >= 0)
                    a, b = a[keep], b[keep]
                    w = np.full(len(a), 1.0 / d)
                    rows += [a, b]
                    cols += [b, a]
                    vals += [w, w]
                    pending += 2 * len(a)
                if pending > 20_000_000:
                    flush()
    flush()
    counts = counts.tocoo()
    total = counts.sum()
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    ctx = row_sum ** 0.75
    ctx_p = ctx / ctx.sum()
    row_p = row_sum / total
    pmi = np.log((counts.data / total) / (row_p[counts.row] * ctx_p[counts.col]))
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=(n, n))
    v0 = np.ones(n) / np.sqrt(n)
    u, s, _ = svds(ppmi, k=DIMS, v0=v0)
    order = np.argsort(-s)
    u, s = u[:, order], s[order]
    vecs = u * np.sqrt(s)
    for k in range(DIMS):
        if vecs[np.argmax(np.abs(vecs[:, k])), k] < 0:
            vecs[:, k] = -vecs[:, k]
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    vecs = vecs / norms
    q = np.clip(np.rint(vecs * 127), -127, 127).astype(np.int8)
    out = os.path.join(ROOT, "data", "word_vectors.bin")
    with open(out, "wb") as f:
        f.write(b"PWV1")
        f.write(struct.pack("<II", n, DIMS))
        for w, row in zip(vocab, q):
            b = w.encode("utf-8")
            f.write(struct.pack("<B", len(b)))
            f.write(b)
            f.write(row.tobytes())
    print(f"{out}: {n} words x {DIMS} dims from {docs} opinions")


if __name__ == "__main__":
    main()
