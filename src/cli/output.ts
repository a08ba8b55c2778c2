/**
 * Output that streams: a command writes its text as it is produced instead of returning it whole, and
 * waits when the reader is slower (a pipe's buffer full) so nothing piles up in memory. `writeJson`
 * writes a document shaped as format.ts's json() (2-space indents, non-finite numbers as null) whose
 * large number arrays come from a source slice by slice (a ColumnSpool).
 */
export class Output {
  /** the reader went away (EPIPE: `gradlab … | head`): what is left is dropped, quietly */
  private gone = false;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      this.gone = true;
      stream.emit('drain');
    });
  }

  /** Writes now; false when the stream's buffer is full (wait for drained() before much more). */
  write(text: string): boolean {
    return this.gone ? true : this.stream.write(text);
  }

  drained(): Promise<void> {
    return this.gone ? Promise.resolve() : new Promise((resolve) => this.stream.once('drain', () => resolve()));
  }

  /** Writes and waits while the stream's buffer is full. */
  async put(text: string): Promise<void> {
    if (!this.write(text)) await this.drained();
  }
}

/** Stands for a number array inside a value given to writeJson: its values, a slice at a time. */
export class StreamedArray {
  constructor(readonly slices: () => Iterable<ArrayLike<number>>) {}
}

const MARK = 'gradlab-streamed-array:';

/** The indentation of the line holding position `at`. */
function lineIndent(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at) + 1;
  return /^ */.exec(text.slice(start, at))![0];
}

/**
 * Writes `value` as JSON.stringify(value, non-finite → null, 2) would, except that each StreamedArray in
 * it is written from its slices as they come.
 */
export async function writeJson(out: Output, value: unknown): Promise<void> {
  const arrays: StreamedArray[] = [];
  const text =
    JSON.stringify(
      value,
      (_k, v: unknown) => {
        if (v instanceof StreamedArray) return `${MARK}${arrays.push(v) - 1}`;
        return typeof v === 'number' && !Number.isFinite(v) ? null : v;
      },
      2,
    ) + '\n';
  const re = new RegExp(`"${MARK}(\\d+)"`, 'g');
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    await out.put(text.slice(at, m.index));
    await writeArray(out, arrays[Number(m[1])]!, lineIndent(text, m.index));
    at = m.index + m[0].length;
  }
  await out.put(text.slice(at));
}

async function writeArray(out: Output, a: StreamedArray, indent: string): Promise<void> {
  const sep = `,\n${indent}  `;
  let any = false;
  for (const values of a.slices()) {
    if (values.length === 0) continue;
    const parts = new Array<string>(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      parts[i] = Number.isFinite(v) ? String(v) : 'null';
    }
    await out.put((any ? sep : `[\n${indent}  `) + parts.join(sep));
    any = true;
  }
  await out.put(any ? `\n${indent}]` : '[]');
}
