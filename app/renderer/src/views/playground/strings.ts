/**
 * The playground view's strings, English and 简体中文 (terms from ../shared/GLOSSARY.md). Keys start with
 * "playground."; i18n/strings.ts merges every view's table, so a key missing in one language is a type error.
 */
const en = {
  'playground.soon': 'This lab is being built.',
} as const;

const zh: Record<keyof typeof en, string> = {
  'playground.soon': '这个实验正在建设中。',
};

export const playgroundStrings = { en, zh };
