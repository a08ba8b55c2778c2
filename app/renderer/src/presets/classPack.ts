/**
 * A class pack in the app (src/presets/class-pack.ts): opened from a dropped zip — checked against the
 * shipped lessons and each preset against what its view can take — and kept on the machine as the
 * class's pack until closed. The Lessons view shows it: the lessons in the class's order and the
 * presets, each opening its lab in one click.
 */
import { readClassPack, type ClassPack } from '../../../../src/presets/class-pack';
import { PresetError } from '../../../../src/presets/preset-file';
import { LESSONS } from '../views/lessons/lessonData';
import { setPendingPreset } from './pendingPreset';
import { presetProblem, presetView } from './presetFiles';

const KEY = 'gradlab.pack';

/** Checks a pack's bytes and keeps it as the class's pack; PresetError naming the file and field otherwise. */
export function openClassPack(bytes: Uint8Array): ClassPack {
  const pack = readClassPack(bytes, LESSONS.lessons.map((p) => p.en.id));
  for (const p of pack.presets) {
    const problem = presetProblem(p.preset.lab, p.preset.config);
    if (problem) throw new PresetError(`${p.file}: ${problem}`);
  }
  localStorage.setItem(KEY, JSON.stringify(pack));
  window.dispatchEvent(new Event('gradlab-pack'));
  return pack;
}

export function activePack(): ClassPack | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as ClassPack | null;
    return v && typeof v.title === 'string' && Array.isArray(v.lessons) && Array.isArray(v.presets) ? v : null;
  } catch {
    return null;
  }
}

export function closePack(): void {
  localStorage.removeItem(KEY);
  window.dispatchEvent(new Event('gradlab-pack'));
}

/** Hands one of the pack's presets to its view; returns the view to show. */
export function openPackPreset(p: ClassPack['presets'][number]): string {
  const view = presetView(p.preset.lab, p.preset.config);
  setPendingPreset(view, p.preset.config);
  return view;
}
