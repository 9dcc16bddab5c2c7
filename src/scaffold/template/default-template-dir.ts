// The templates shipped with Callboard, found from src/ (vitest) or dist/src/ (node).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultTemplateDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.includes('/dist/') ? resolve(here, '../../../../templates') : resolve(here, '../../../templates');
}
