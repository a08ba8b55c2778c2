/**
 * Module-resolution hooks (node:module register) that make `import … from 'electron'` load
 * fake-electron.js: how test E5.main runs the real main process under plain Node.
 */
interface ResolveResult {
  url: string;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: unknown) => Promise<ResolveResult>;

export async function resolve(specifier: string, context: unknown, next: NextResolve): Promise<ResolveResult> {
  if (specifier === 'electron') return { url: new URL('./fake-electron.js', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
