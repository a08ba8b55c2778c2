// The UI's string tables: every key in both languages (also a type error), no empty text, the same
// {placeholders} in English and 简体中文, and translate() filling them in.
import { describe, expect, it } from 'vitest';

import { translate, initialLang } from '../../app/renderer/src/i18n/i18n';
import { STRINGS, type StringKey } from '../../app/renderer/src/i18n/strings';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('string tables', () => {
  const keys = Object.keys(STRINGS.en) as StringKey[];
  it('have the same keys in both languages', () => {
    expect(Object.keys(STRINGS['zh-CN']).sort()).toEqual([...keys].sort());
  });
  it('have no empty string', () => {
    for (const lang of ['en', 'zh-CN'] as const) expect(keys.filter((k) => STRINGS[lang][k].trim() === '')).toEqual([]);
  });
  it('use the same placeholders in both languages', () => {
    expect(keys.filter((k) => placeholders(STRINGS.en[k]).join() !== placeholders(STRINGS['zh-CN'][k]).join())).toEqual([]);
  });
  it('fill placeholders in', () => {
    expect(translate('en', 'conn.lost', { reason: 'refused' })).toBe('The lab host is not reachable: refused');
    expect(translate('zh-CN', 'conn.lost', { reason: 'refused' })).toBe('无法连接实验主机：refused');
  });
  it('start in the saved language, else the system one', () => {
    expect(initialLang('en', 'zh-CN')).toBe('en');
    expect(initialLang(null, 'zh-TW')).toBe('zh-CN');
    expect(initialLang(null, 'de-DE')).toBe('en');
    expect(initialLang('fr', 'en-US')).toBe('en');
  });
});
