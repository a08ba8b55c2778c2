/**
 * A lesson's "try this" observations: a small declarative form, parsed once and then fed a run's
 * batches and its end, ticking when what it describes happens (docs/lessons.md):
 *   status is diverged            the run (or the lab's own word: reached_target, early_stopped…)
 *   status is not diverged        checked when the run ends
 *   series epoch_test_acc >= 0.9 within 50 epochs     any point, by the stream's epoch (or step) column
 *   series race_f <= 0.001                              any point of the run
 *   final race1_f < 0.01                                the series' last value, when the run ends
 *   final race1_f < final race_f                        two series' last values compared
 * Series are named as the store names them: `${stream}${member || ''}_${column}` (race1_f: optimizer 2's f).
 * Pure: no Node or DOM imports (the renderer, the CLI and the tests share it).
 */

export type Op = '<' | '<=' | '>' | '>=';

export type Observation =
  | { kind: 'status'; negate: boolean; word: string }
  | { kind: 'series'; series: string; op: Op; value: number; within: { count: number; unit: 'steps' | 'epochs' } | null }
  | { kind: 'final'; series: string; op: Op; value: number }
  | { kind: 'final-vs'; series: string; op: Op; other: string };

const OPS: Record<string, Op> = { '<': '<', '<=': '<=', '≤': '<=', '>': '>', '>=': '>=', '≥': '>=' };
const SERIES = /^[a-z]+\d*_[a-z0-9_]+$/;

export class ObservationError extends Error {}

function parseNumber(text: string, what: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new ObservationError(`${what}: expected a number, got "${text}"`);
  return v;
}

function parseSeries(text: string | undefined): string {
  if (text === undefined || !SERIES.test(text)) throw new ObservationError(`expected a series name such as epoch_test_acc or race1_f, got "${text ?? ''}"`);
  return text;
}

function parseOp(text: string | undefined): Op {
  const op = text === undefined ? undefined : OPS[text];
  if (!op) throw new ObservationError(`expected a comparison (<, <=, >, >=), got "${text ?? ''}"`);
  return op;
}

/** Parses one observation; ObservationError says what was expected. */
export function parseObservation(text: string): Observation {
  const w = text.trim().split(/\s+/);
  if (w[0] === 'status') {
    if (w[1] !== 'is') throw new ObservationError(`expected "status is <word>" or "status is not <word>", got "${text}"`);
    const negate = w[2] === 'not';
    const word = w[negate ? 3 : 2];
    if (!word || w.length !== (negate ? 4 : 3) || !/^[a-z_]+$/.test(word)) throw new ObservationError(`expected "status is <word>" or "status is not <word>", got "${text}"`);
    return { kind: 'status', negate, word };
  }
  if (w[0] === 'series') {
    const series = parseSeries(w[1]);
    const op = parseOp(w[2]);
    const value = parseNumber(w[3] ?? '', 'series … value');
    if (w.length === 4) return { kind: 'series', series, op, value, within: null };
    if (w[4] !== 'within' || w.length !== 7 || (w[6] !== 'steps' && w[6] !== 'epochs'))
      throw new ObservationError(`expected "within <n> steps" or "within <n> epochs" after the value, got "${w.slice(4).join(' ')}"`);
    const count = parseNumber(w[5]!, 'within');
    if (!Number.isInteger(count) || count < 1) throw new ObservationError(`within: expected a whole number ≥ 1, got ${w[5]}`);
    return { kind: 'series', series, op, value, within: { count, unit: w[6] } };
  }
  if (w[0] === 'final') {
    const series = parseSeries(w[1]);
    const op = parseOp(w[2]);
    if (w[3] === 'final') {
      if (w.length !== 5) throw new ObservationError(`expected "final <series> <op> final <series>", got "${text}"`);
      return { kind: 'final-vs', series, op, other: parseSeries(w[4]) };
    }
    if (w.length !== 4) throw new ObservationError(`expected "final <series> <op> <number>", got "${text}"`);
    return { kind: 'final', series, op, value: parseNumber(w[3]!, 'final … value') };
  }
  throw new ObservationError(`expected an observation starting with "status", "series" or "final", got "${text}"`);
}

function compare(a: number, op: Op, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

/** The series an observation reads (to subscribe or chart them). */
export function observedSeries(o: Observation): string[] {
  if (o.kind === 'status') return [];
  return o.kind === 'final-vs' ? [o.series, o.other] : [o.series];
}

/** Watches one run for one observation. `fired` stays true once it has happened. */
export class Observer {
  fired = false;
  private last = new Map<string, number>();

  constructor(readonly observation: Observation) {}

  /** One batch of a stream's member: columns by name, one value per row. */
  batch(stream: string, member: number, columns: Record<string, ArrayLike<number>>): void {
    const prefix = `${stream}${member > 0 ? member : ''}_`;
    for (const [col, values] of Object.entries(columns)) if (values.length > 0) this.last.set(prefix + col, values[values.length - 1]!);
    const o = this.observation;
    if (this.fired || o.kind !== 'series' || !o.series.startsWith(prefix)) return;
    const values = columns[o.series.slice(prefix.length)];
    if (!values) return;
    const clock = o.within ? (columns[o.within.unit === 'epochs' ? 'epoch' : 'step'] ?? null) : null;
    for (let i = 0; i < values.length; i++) {
      if (o.within && clock && clock[i]! > o.within.count) return;
      if (compare(values[i]!, o.op, o.value)) {
        this.fired = true;
        return;
      }
    }
  }

  /** The run has ended with this status (and the lab's own word for it, if any). */
  end(status: string, labStatus?: string | null): void {
    if (this.fired) return;
    const o = this.observation;
    if (o.kind === 'status') {
      const is = status === o.word || labStatus === o.word;
      this.fired = o.negate ? !is : is;
    } else if (o.kind === 'final') {
      const v = this.last.get(o.series);
      this.fired = v !== undefined && compare(v, o.op, o.value);
    } else if (o.kind === 'final-vs') {
      const a = this.last.get(o.series), b = this.last.get(o.other);
      this.fired = a !== undefined && b !== undefined && compare(a, o.op, b);
    }
  }

  /** A status word seen while running (a run that diverges fires "status is diverged" at once). */
  status(status: string, labStatus?: string | null): void {
    const o = this.observation;
    if (!this.fired && o.kind === 'status' && !o.negate && (status === o.word || labStatus === o.word)) this.fired = true;
  }
}
