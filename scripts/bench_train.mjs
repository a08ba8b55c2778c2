// The training part of `npm run bench` (scripts/bench.mjs): bench/mlp_train (ours, one thread) and
// bench/torch_mlp.py (PyTorch, one thread) in alternation --runs times, each case's best run on both
// sides alike; torch with OpenBLAS (LD_LIBRARY_PATH=…/openblas-pthread, OPENBLAS_NUM_THREADS=1) and,
// for the case whose goal names OpenBLAS, once more with Debian's reference BLAS (libblas3) if it is
// installed. Prints samples/s of both sides, ours/torch and the goal status.
import { existsSync } from 'node:fs';
import path from 'node:path';

const OPENBLAS = '/usr/lib/x86_64-linux-gnu/openblas-pthread';
const REFERENCE_BLAS = '/usr/lib/x86_64-linux-gnu/blas';

// Goal per case: ours/torch (OpenBLAS) at least this.
export const TRAIN_GOALS = { spiral_b64: 5, spiral_b1: 50, mnist_b64: 1, cnn_b50: 2, c_cnn_same: 2, c_cnn_valid: 2, f_vae: 2, g_gan: 2, d_lstm: 2, d_rnn: 2, e_attn: 2 };
const LABELS = {
  spiral_b64: '2-64-64-3 tanh, spiral, Adam, batch 64',
  spiral_b1: '2-64-64-3 tanh, spiral, Adam, batch 1',
  mnist_b64: '784-256-128-10 ReLU, random 28×28, momentum, batch 64',
  cnn_b50: 'conv 8, pool, conv 16, pool, linear; random 1×28×28, Adam, batch 50',
  c_cnn_same: 'the same net, pad 1, through the lab; momentum, batch 64',
  c_cnn_valid: 'the same net, pad 0 (linear 400 → 10), through the lab; momentum, batch 64',
  f_vae: 'VAE 784-256-(20, 20)-256-784, Bernoulli(0.5) inputs, Adam, batch 64',
  g_gan: '2-D GAN, G 2-64-64-2, D 2-64-64-1, ring8, Adam (0.5, 0.999), batch 64; one D + one G update',
  d_lstm: 'LSTM 1→64 + linear at every step, 32 sines of 32 steps, MSE, Adam',
  d_rnn: 'tanh RNN 1→64 + linear at every step, 32 sines of 32 steps, MSE, Adam',
  e_attn: 'one-head self-attention block d 64 + layer norm, 32 × 32, MSE, Adam',
};

function blasEnv(base, dir) {
  return { ...base, LD_LIBRARY_PATH: [dir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
}

// Runs both sides `runs` times; returns { mlp_train: [...lines], torch_mlp: [...lines], failed }.
export function measureTrain({ exe, python, runs, quick, sh, jsonLines, log }) {
  const raw = { mlp_train: [], torch_mlp: [], failed: false };
  const extra = quick ? ['--quick'] : [];
  const script = path.join('bench', 'torch_mlp.py');
  for (let i = 1; i <= runs; i += 1) {
    log(`run ${i}/${runs}: mlp_train…`);
    const r = sh(exe('mlp_train'), ['--json', ...extra]);
    if (r.status !== 0) {
      raw.failed = true;
      log(`mlp_train exited with ${r.status ?? r.signal}: ${(r.stderr ?? '').trim()}`);
    }
    raw.mlp_train.push(...jsonLines(r.stdout));
    if (!python?.torch) continue;
    log(`run ${i}/${runs}: torch_mlp.py (OpenBLAS)…`);
    const t = sh(python.py, [script, '--blas', 'openblas', ...extra], { env: blasEnv(python.env, OPENBLAS) });
    if (t.status !== 0) log(`torch_mlp.py exited with ${t.status ?? t.signal}: ${(t.stderr ?? '').trim()}`);
    raw.torch_mlp.push(...jsonLines(t.stdout));
    if (existsSync(REFERENCE_BLAS)) {
      log(`run ${i}/${runs}: torch_mlp.py (reference BLAS, mnist_b64 only)…`);
      const ref = sh(python.py, [script, '--blas', 'reference', '--cases', 'mnist_b64', ...extra],
        { env: blasEnv(python.env, REFERENCE_BLAS) });
      raw.torch_mlp.push(...jsonLines(ref.stdout));
    }
  }
  return raw;
}

// The best (highest samples/s) line per key, and how much slower the slowest run was.
function bestOf(lines, key) {
  const best = new Map();
  for (const o of lines) {
    if (o.kind !== 'train') continue;
    const k = key(o);
    const b = best.get(k);
    const worst = Math.min(b?.worst ?? Infinity, o.samples_per_s);
    best.set(k, { ...(b === undefined || o.samples_per_s > b.samples_per_s ? o : b), worst });
  }
  for (const b of best.values()) b.spread = b.samples_per_s / b.worst - 1;
  return best;
}

const fx = (x, d = 0) => (x === undefined || x === null ? '—' : x.toFixed(d));
const pct = (x) => (x === undefined || x === null ? '—' : `${Math.round(x * 100)}%`);

// Prints the table and the goal status; returns { table, goals }.
export function printTrain(raw) {
  const ours = bestOf(raw.mlp_train, (o) => o.case);
  const torch = bestOf(raw.torch_mlp, (o) => `${o.case}|${o.blas}`);
  const m = raw.mlp_train.find((o) => o.kind === 'machine');
  const tm = raw.torch_mlp.find((o) => o.kind === 'machine' && o.blas === 'openblas');
  const tr = raw.torch_mlp.find((o) => o.kind === 'machine' && o.blas === 'reference');
  const runs = raw.mlp_train.filter((o) => o.kind === 'machine').length;
  console.log(`\ntraining throughput, samples/s, 1 thread each side — ours: gemm ${m?.gemm_isa ?? '?'}; ` +
    `torch ${tm?.torch ?? '(not run)'} with ${tm ? tm.blas_mapped.find((l) => l.includes('libblas')) ?? '?' : '—'}` +
    `; best of ${runs} run(s), median of ${m?.reps ?? '?'} chunks each`);
  if (tr) console.log(`(reference-BLAS torch run mapped ${tr.blas_mapped.find((l) => l.includes('libblas')) ?? '?'})`);
  const head = ['case', 'via', 'ours/s', 'torch/s', 'ours/torch', 'goal', 'torch ref-BLAS/s', 'ours/ref', 'spread o/t'];
  const w = [11, 4, 10, 10, 10, 5, 16, 8, 10];
  const row = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  console.log(row(head));
  const table = [];
  const goals = {};
  for (const [name, o] of ours) {
    const t = torch.get(`${name}|openblas`);
    const ref = torch.get(`${name}|reference`);
    const r = { case: name, what: LABELS[name], via: o.via, ours_samples_per_s: o.samples_per_s,
      torch_samples_per_s: t?.samples_per_s ?? null, torch_foreach: t?.foreach ?? null,
      ratio: t ? o.samples_per_s / t.samples_per_s : null, goal: TRAIN_GOALS[name] ?? null,
      torch_reference_blas_samples_per_s: ref?.samples_per_s ?? null,
      ratio_reference: ref ? o.samples_per_s / ref.samples_per_s : null,
      ours_spread: o.spread, torch_spread: t?.spread ?? null, reproducible: o.reproducible };
    table.push(r);
    console.log(row([name, r.via, fx(r.ours_samples_per_s), fx(r.torch_samples_per_s),
      r.ratio === null ? '—' : `${fx(r.ratio, 2)}x`, r.goal === null ? '—' : `${r.goal}x`,
      fx(r.torch_reference_blas_samples_per_s), r.ratio_reference === null ? '—' : `${fx(r.ratio_reference, 1)}x`,
      `${pct(r.ours_spread)}/${pct(r.torch_spread)}`]));
    goals[name] = r.ratio === null || r.goal === null ? null : r.ratio >= r.goal;
  }
  console.log('goal status (ours/torch with OpenBLAS):');
  for (const r of table) {
    if (r.goal === null) {
      console.log(`  ${r.case.padEnd(11)} ${r.what}: no goal, measured for the record`);
      continue;
    }
    const g = goals[r.case];
    const status = g === null ? 'not measured' : g ? 'met' : `NOT met (${fx(r.ratio / r.goal, 2)} of the goal)`;
    console.log(`  ${r.case.padEnd(11)} ${r.what}: ≥ ${r.goal}x — ${status}` +
      (r.reproducible === false ? '; NOT reproducible' : ''));
  }
  console.log('ours: lab = TrainLab::step (gather, forward, loss, backward, grad norm, optimizer, emit row); ' +
    'ops = the same calls without the lab. torch: index, forward, cross_entropy, zero_grad(set_to_none), ' +
    'backward, step. Neither side counts epoch-end evaluation.');
  return { table, goals };
}
