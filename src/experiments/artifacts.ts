/**
 * Artifacts of a run: trained weights (the engine's weights file, nn/checkpoint.hpp) and visual frames
 * (a decision boundary…), so a finished run can be viewed again. Frames are bounded, per frame name:
 *   - kind "frame_latest": the newest frame, one row, replaced each time;
 *   - kind "frame": a history of at most HISTORY_FRAMES frames, evenly spaced in steps: a frame joins it
 *     only `stride` steps after the last one kept; when it would exceed the cap, every second frame
 *     goes and the stride doubles (the first frame always stays).
 */
import { decodeF32, encodeF32 } from './codec.js';
import type { Db } from './db.js';
import type { Frame } from '../native/events.js';

export const HISTORY_FRAMES = 64;

export interface ArtifactInfo {
  id: number;
  kind: 'weights' | 'frame' | 'frame_latest';
  name: string;
  step: number;
  bytes: number;
  createdAt: number;
}

/** Stores frames of one run; keeps each name's history stride (one writer per run: the recorder). */
export class FrameStore {
  private readonly history = new Map<string, { lastStep: number; stride: number; count: number }>();

  constructor(
    private readonly db: Db,
    private readonly runId: number,
  ) {}

  async store(f: Frame, now = Date.now()): Promise<void> {
    const row = [this.runId, f.name, f.step, JSON.stringify(f.meta ?? null), JSON.stringify(f.shape), encodeF32(f.data), now];
    await this.db.run("DELETE FROM artifacts WHERE run_id = ? AND kind = 'frame_latest' AND name = ?", [this.runId, f.name]);
    await this.db.run("INSERT INTO artifacts (run_id, kind, name, step, meta, shape, data, created_at) VALUES (?, 'frame_latest', ?, ?, ?, ?, ?, ?)", row);
    const h = this.history.get(f.name) ?? { lastStep: -Infinity, stride: 0, count: 0 };
    this.history.set(f.name, h);
    if (f.step < h.lastStep + h.stride) return;
    await this.db.run("INSERT INTO artifacts (run_id, kind, name, step, meta, shape, data, created_at) VALUES (?, 'frame', ?, ?, ?, ?, ?, ?)", row);
    h.lastStep = f.step;
    if (++h.count <= HISTORY_FRAMES) return;
    const kept = await this.db.all<{ id: number; step: number }>(
      "SELECT id, step FROM artifacts WHERE run_id = ? AND kind = 'frame' AND name = ? ORDER BY step, id",
      [this.runId, f.name],
    );
    const drop = kept.filter((_, i) => i % 2 === 1).map((r) => r.id);
    await this.db.run(`DELETE FROM artifacts WHERE id IN (${drop.map(() => '?').join(', ')})`, drop);
    h.count = kept.length - drop.length;
    h.stride = Math.max(1, 2 * ((kept[kept.length - 1]!.step - kept[0]!.step) / (kept.length - 1)));
    h.lastStep = kept.filter((_, i) => i % 2 === 0).at(-1)!.step;
  }
}

export async function storeWeights(db: Db, runId: number, name: string, step: number, bytes: Buffer, now = Date.now()): Promise<void> {
  await db.run("DELETE FROM artifacts WHERE run_id = ? AND kind = 'weights' AND name = ?", [runId, name]);
  await db.run("INSERT INTO artifacts (run_id, kind, name, step, data, created_at) VALUES (?, 'weights', ?, ?, ?, ?)", [runId, name, step, bytes, now]);
}

export async function listArtifacts(db: Db, runId: number): Promise<ArtifactInfo[]> {
  return db.all<ArtifactInfo>(
    'SELECT id, kind, name, step, length(data) AS bytes, created_at AS createdAt FROM artifacts WHERE run_id = ? ORDER BY kind, name, step, id',
    [runId],
  );
}

/** The history of one frame name, oldest first, or (latest) just the newest frame. */
export async function readFrames(db: Db, runId: number, name: string, which: 'history' | 'latest' = 'history'): Promise<Frame[]> {
  const rows = await db.all<{ name: string; step: number; meta: string; shape: string; data: Buffer }>(
    'SELECT name, step, meta, shape, data FROM artifacts WHERE run_id = ? AND kind = ? AND name = ? ORDER BY step, id',
    [runId, which === 'latest' ? 'frame_latest' : 'frame', name],
  );
  return rows.map((r) => ({ name: r.name, step: r.step, meta: JSON.parse(r.meta) as unknown, shape: JSON.parse(r.shape) as number[], data: decodeF32(r.data) }));
}

export async function readWeights(db: Db, runId: number, name = 'final'): Promise<Buffer | undefined> {
  return (await db.get<{ data: Buffer }>("SELECT data FROM artifacts WHERE run_id = ? AND kind = 'weights' AND name = ?", [runId, name]))?.data;
}
