/**
 * Preset files in the app: which view opens a lab's preset, opening one (from a dropped file or a
 * #view?preset=… link: checked, handed to the view through pendingPreset.ts) and saving a view's
 * current settings as a file to hand out. The format is src/presets/preset-file.ts.
 */
import { raceLab } from '../../../../src/labs/race';
import { attentionLab } from '../../../../src/labs/attention';
import { cartpoleLab } from '../../../../src/labs/cartpole';
import { ganLab } from '../../../../src/labs/gan';
import { gridworldLab } from '../../../../src/labs/gridworld';
import { mctsLab } from '../../../../src/labs/mcts';
import { seqLab } from '../../../../src/labs/seq';
import { trainLab } from '../../../../src/labs/train';
import { vaeLab } from '../../../../src/labs/vae';
import { makePresetFile, parsePresetFile, PresetError, toBase64Url } from '../../../../src/presets/preset-file';
import { setPendingPreset } from './pendingPreset';

/** The views that take a preset, by lab. */
export const PRESET_VIEWS: Record<string, string> = {
  [raceLab.id]: 'playground',
  [trainLab.id]: 'training',
  [seqLab.id]: 'rnn-lab',
  [attentionLab.id]: 'attention-lab',
  [ganLab.id]: 'gan-lab',
  [vaeLab.id]: 'vae-lab',
  [gridworldLab.id]: 'rl-lab',
  [cartpoleLab.id]: 'rl-lab',
  [mctsLab.id]: 'mcts-lab',
};

/** What a view's form cannot take from a preset of this lab (null: it can), named by field. */
export function presetProblem(lab: string, config: Record<string, unknown>): string | null {
  if (!PRESET_VIEWS[lab]) return `preset.lab: the ${lab} lab does not open presets yet; ${Object.keys(PRESET_VIEWS).join(', ')} do`;
  if ((lab === seqLab.id || lab === attentionLab.id) && typeof config.task !== 'string')
    return 'preset.config.task: this lab opens presets of a sequence task; a text is not kept in presets yet';
  if (lab === ganLab.id && (typeof config.data !== 'string' || config.data === 'digits'))
    return 'preset.config.data: the GAN lab opens presets of its 2-D distributions (ring8, grid25, moons, spiral, line)';
  if (lab === vaeLab.id && config.dataset !== undefined && config.dataset !== 'digits' && (config.dataset as { name?: unknown }).name !== 'digits')
    return 'preset.config.dataset: the VAE lab opens presets on the shipped digits';
  if (lab === trainLab.id) {
    const ds = config.dataset;
    const name = typeof ds === 'string' ? ds : (ds as { name?: unknown } | undefined)?.name;
    const stack = (config.model as { layers?: unknown } | undefined)?.layers !== undefined;
    if (name === 'digits' || stack) {
      if (name !== 'digits' || !stack) return 'preset.config: the CNN lab opens presets of a layer stack on the shipped digits';
      if (((config.optimizer as { type?: unknown } | undefined)?.type ?? 'adam') !== 'adam') return 'preset.config.optimizer.type: the CNN lab trains with adam';
    } else if (name === 'images' || name === 'csv' || name === 'upload' || name === 'points') {
      return 'preset.config.dataset: the training lab opens presets of its generated data sets; files and drawn points not yet';
    }
  }
  return null;
}

/** The view a checked preset opens in: the CNN lab for a train config with a layer stack on the digits. */
export function presetView(lab: string, config: Record<string, unknown>): string {
  if (lab === trainLab.id && (config.model as { layers?: unknown } | undefined)?.layers !== undefined) return 'cnn';
  return PRESET_VIEWS[lab]!;
}

/** Checks a preset file's text and hands its config to its lab's view; returns the view to show. */
export function openPresetText(text: string): string {
  const preset = parsePresetFile(text);
  const problem = presetProblem(preset.lab, preset.config);
  if (problem) throw new PresetError(problem);
  const view = presetView(preset.lab, preset.config);
  setPendingPreset(view, preset.config);
  return view;
}

/** Downloads a view's settings as `<lab>-preset.json`. */
export function savePresetFile(lab: string, config: Record<string, unknown>): void {
  const blob = new Blob([JSON.stringify(makePresetFile(lab, config), null, 2) + '\n'], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${lab}-preset.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** A link that opens the view on this preset: #playground?preset=<base64url of the file>. */
export function presetLink(lab: string, config: Record<string, unknown>): string {
  return `#${PRESET_VIEWS[lab] ?? ''}?preset=${toBase64Url(JSON.stringify(makePresetFile(lab, config)))}`;
}
