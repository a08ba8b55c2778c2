/**
 * A lab config's first schema problem in the engine's words: "<path>: expected …, got <value>", for
 * files the app reads (lesson steps, preset files). Pure.
 */
import type { z } from 'zod';

export function configIssue(error: z.ZodError, config: unknown): { path: string; message: string } {
  const issue = error.issues[0]!;
  const value = issue.path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey], config);
  let message = /^(expected|unknown)/.test(issue.message) ? issue.message : `expected ${issue.message}`;
  if (value !== undefined && !/\bgot\b/.test(message)) message += `, got ${JSON.stringify(value)}`;
  return { path: issue.path.join('.'), message };
}
