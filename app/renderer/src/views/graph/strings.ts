/**
 * The graph view's strings, English and 简体中文 (terms from ../shared/GLOSSARY.md). Keys start with
 * "graph."; i18n/strings.ts merges every view's table, so a key missing in one language is a type error.
 */
const en = {
  'graph.soon': 'This lab is being built.',
} as const;

const zh: Record<keyof typeof en, string> = {
  'graph.soon': '这个实验正在建设中。',
};

export const graphStrings = { en, zh };
