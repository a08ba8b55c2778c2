/**
 * The numbers of one query, worked out from the layer's Q, K and V (the "qkv" frame): for head h and
 * query position i, the scores s_j = q_i·k_j/√d for the keys j ≤ i (the causal mask), their softmax
 * (shifted by the largest score), and the weighted sum Σ_j p_j·v_j that the head passes on (d numbers).
 */
export interface QueryNumbers {
  scores: number[];
  weights: number[];
  sum: number[];
}

/** `qkv` [layers, n, 3·dim] as the frame holds it. */
export function queryNumbers(qkv: ArrayLike<number>, n: number, dim: number, heads: number, layer: number, head: number, i: number): QueryNumbers {
  const d = dim / heads;
  const row = (t: number) => (layer * n + t) * 3 * dim;
  const scores: number[] = [];
  for (let j = 0; j <= i; j++) {
    let dot = 0;
    for (let k = 0; k < d; k++) dot += qkv[row(i) + head * d + k]! * qkv[row(j) + dim + head * d + k]!;
    scores.push(dot / Math.sqrt(d));
  }
  const top = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - top));
  const total = e.reduce((a, b) => a + b, 0);
  const weights = e.map((v) => v / total);
  const sum = Array.from({ length: d }, (_, k) => weights.reduce((acc, p, j) => acc + p * qkv[row(j) + 2 * dim + head * d + k]!, 0));
  return { scores, weights, sum };
}
