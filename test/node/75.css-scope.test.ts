// #11 defect 2: one view's stylesheet must not restyle another's (the training view's .metric made the
// experiments table's metric cells stacked boxes). Every rule of views/<id>/*.css sits under its view's
// root selector (or a :root theme prefix before it); only bare :root rules (custom properties) are
// global. The roots are read from the views themselves, so a new view's stylesheet is checked too.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const views = fileURLToPath(new URL('../../../app/renderer/src/views/', import.meta.url));

/** The selectors of every rule (inside @media too), comments removed. */
function selectorsOf(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out: string[] = [];
  const re = /([^{}]+)\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const head = m[1]!.trim();
    if (head.startsWith('@') || /^(from|to|\d+%)$/.test(head)) continue;
    // rule heads only: skip declaration text that precedes a nested block (none in these files)
    let depth = 0;
    let cur = '';
    for (const ch of head) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      if (ch === ',' && depth === 0) {
        out.push(cur.trim());
        cur = '';
      } else cur += ch;
    }
    out.push(cur.trim());
  }
  return out;
}

/** The class of a view's outermost element: the first <div className="X" …> of the component's
 * return, inside a context provider if there is one. */
function rootClass(dir: string): string {
  const file = readdirSync(path.join(views, dir)).find((f) => /View\.tsx$/.test(f))!;
  const src = readFileSync(path.join(views, dir, file), 'utf8');
  const main = src.slice(src.indexOf('export default function'));
  const m = /return \(\s*(?:<[A-Z][\w.]*[^>]*>\s*)?<\w+ className="([a-z][a-z0-9-]*)/.exec(main);
  assert.ok(m, `${dir}/${file}: the view's root element has a className`);
  return m[1]!;
}

test('every view stylesheet rule is scoped under its view (or a view that imports it)', () => {
  const roots = new Map(readdirSync(views, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => [d.name, rootClass(d.name)]));
  // who imports which stylesheet: a sheet shared with another view may be scoped under both roots
  const importers = new Map<string, Set<string>>();
  for (const [dir, root] of roots)
    for (const f of readdirSync(path.join(views, dir)).filter((f) => f.endsWith('.tsx'))) {
      // our own sheets (relative imports); a package's sheet is its own (KaTeX's rules are all under .katex)
      for (const m of readFileSync(path.join(views, dir, f), 'utf8').matchAll(/import '(\.{1,2}\/[^']+\.css)';/g)) {
        const sheet = path.resolve(views, dir, m[1]!);
        importers.set(sheet, (importers.get(sheet) ?? new Set()).add(`.${root}`));
      }
    }
  let checked = 0;
  for (const [sheet, allowed] of importers) {
    const alts = [...allowed];
    const ok = (sel: string) => {
      const s = sel.replace(/^:root(\[[^\]]*\])*\s*/, '');
      if (s === '') return true;  // a bare :root (theme variables)
      const scope = alts.find((r) => s === r || new RegExp(`^${r.replace('.', '\\.')}(?![a-z0-9-])`).test(s));
      const shared = /^:is\(([^)]*)\)(?=\s)/.exec(s);
      return scope !== undefined || (shared !== null && shared[1]!.split(',').every((r) => alts.includes(r.trim())));
    };
    const bad = selectorsOf(readFileSync(sheet, 'utf8')).filter((sel) => !ok(sel));
    assert.deepEqual(bad, [], `${path.relative(views, sheet)}: rules outside ${alts.join(' or ')}`);
    checked++;
  }
  assert.ok(checked >= 5, `${checked} view stylesheets checked`);
});
