/**
 * Commander value parsers shared by the `gradlab` commands: each rejects a bad value with one line
 * that names the option (commander then exits 2), plus the repeatable-option collector and the
 * --format option every command takes.
 */
import { InvalidArgumentError, Option } from 'commander';

import { FORMATS } from './format.js';

export function int(name: string, min: number, max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name}: expected an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
    return n;
  };
}

export function number(name: string) {
  return (v: string) => {
    const n = v.trim() === '' ? NaN : Number(v);
    if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name}: expected a finite number, got ${JSON.stringify(v)}`);
    return n;
  };
}

/** A run id argument or option: a positive integer. */
export const runId = int('ID', 1, Number.MAX_SAFE_INTEGER);

export const collect = (v: string, prev: string[]) => [...prev, v];

export const formatOption = () => new Option('--format <format>', 'output format').choices(FORMATS as string[]).default('table');
