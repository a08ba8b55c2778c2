/**
 * `gradlab pack make | check`: class packs (src/presets/class-pack.ts) — a zip of a lesson order and
 * preset files an instructor hands out; the app opens one in one step (drop it on the window).
 *   gradlab pack make --title "Optimizers, week 3" --lessons gradient-descent,momentum --preset a.json --preset b.json --out week3.zip
 *   gradlab pack check week3.zip        # the title, the lessons in order, each preset's lab; exit 2 naming a mistake
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Command } from 'commander';

import { LESSONS_DIR, pairLessons, readLessonFiles } from '../../lessons/check.js';
import { LabError } from '../../native/errors.js';
import { makeClassPack, readClassPack } from '../../presets/class-pack.js';
import { parsePresetFile, PresetError } from '../../presets/preset-file.js';
import { json, table, type Format } from '../format.js';
import { formatOption } from '../option-parsers.js';

const shippedLessons = () => pairLessons(readLessonFiles(LESSONS_DIR)).map((p) => p.en.id);

function readBytes(file: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new LabError(`${what}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'INVALID_CONFIG');
  }
}

function checked<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PresetError) throw new LabError(e.message, 'INVALID_CONFIG');
    throw e;
  }
}

export function registerPack(program: Command, print: (text: string) => void): void {
  const pack = program.command('pack').description('class packs: a lesson order and presets in one zip, opened in the app by dropping it on the window');
  pack
    .command('make')
    .description('make a class pack from a title, lesson ids and preset files')
    .requiredOption('--title <text>', 'the pack\'s title')
    .option('--lessons <ids>', 'lesson ids in the class\'s order, comma-separated', '')
    .option('--preset <file>', 'a preset file (gradlab-preset JSON); repeat for more', (v: string, all: string[]) => [...all, v], [] as string[])
    .requiredOption('--out <file>', 'the zip to write')
    .action((a: { title: string; lessons: string; preset: string[]; out: string }) => {
      const lessons = a.lessons.split(',').map((s) => s.trim()).filter(Boolean);
      const presets = a.preset.map((file) => {
        const text = new TextDecoder().decode(readBytes(file, '--preset'));
        checked(() => {
          try {
            parsePresetFile(text);
          } catch (e) {
            if (e instanceof PresetError) throw new PresetError(`--preset ${file}: ${e.message}`);
            throw e;
          }
        });
        return { file: path.basename(file), text };
      });
      const names = new Set<string>();
      for (const p of presets) {
        if (names.has(p.file)) throw new LabError(`--preset: two files are named ${p.file}; rename one`, 'INVALID_CONFIG');
        names.add(p.file);
      }
      const bytes = makeClassPack(a.title, lessons, presets);
      const read = checked(() => readClassPack(bytes, shippedLessons()));
      writeFileSync(a.out, bytes);
      print(`wrote ${a.out}: "${read.title}", ${read.lessons.length} lessons, ${read.presets.length} presets (${bytes.length} bytes)\n`);
    });
  pack
    .command('check <file>')
    .description('check a class pack: its title, lessons in order and presets, each checked by its lab\'s schema')
    .addOption(formatOption())
    .action((file: string, a: { format: Format }) => {
      const p = checked(() => readClassPack(readBytes(file, 'pack'), shippedLessons()));
      if (a.format === 'json') return print(json({ title: p.title, lessons: p.lessons, presets: p.presets.map((x) => ({ file: x.file, lab: x.preset.lab, config: x.preset.config })) }));
      const rows = [...p.lessons.map((id, i) => ['lesson', String(i + 1), id]), ...p.presets.map((x) => ['preset', x.file, x.preset.lab])];
      print(`${p.title}\n\n` + table(['kind', 'which', 'what'], rows));
    });
}
