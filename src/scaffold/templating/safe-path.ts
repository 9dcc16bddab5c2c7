// Keeps every path a skeleton produces inside the new repository: no `..`, no absolute paths,
// nothing under .git, no control characters. A path whose part renders empty is left out, which
// is how a skeleton includes a file only when a value is set (`{{#if values.docs}}docs{{/if}}/index.md`).
import { SkeletonRenderError } from './handlebars-env.js';

type SafePath = { path: string } | { skip: true };

export function safeRepositoryPath(rendered: string, source: string): SafePath {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this check's job
  if (/[\u0000-\u001f\u007f]/.test(rendered)) {
    throw new SkeletonRenderError(`the skeleton file "${source}" renders to a path with control characters`);
  }
  if (rendered.includes('\\')) {
    throw new SkeletonRenderError(`the skeleton file "${source}" renders to "${rendered}", which contains "\\"`);
  }
  const segments = rendered.split('/');
  if (segments.some((s) => s.trim() === '')) return { skip: true };
  for (const segment of segments) {
    if (segment === '..' || segment === '.') {
      throw new SkeletonRenderError(
        `the skeleton file "${source}" renders to "${rendered}", which would leave the repository`,
      );
    }
    if (segment.toLowerCase() === '.git') {
      throw new SkeletonRenderError(`the skeleton file "${source}" renders to "${rendered}", inside .git`);
    }
  }
  if (rendered.length > 4096)
    throw new SkeletonRenderError(`the skeleton file "${source}" renders to a path over 4096 characters`);
  return { path: segments.join('/') };
}

/** A `targetPath` input: a folder inside the repository ('' or '.' for its root). */
export function safeTargetFolder(target: unknown): string {
  if (target === undefined || target === null || target === '' || target === '.' || target === './') return '';
  if (typeof target !== 'string') throw new SkeletonRenderError('targetPath must be a text');
  const trimmed = target.replace(/^\.\//, '').replace(/\/+$/, '');
  const safe = safeRepositoryPath(trimmed, `targetPath ${target}`);
  if ('skip' in safe) throw new SkeletonRenderError(`targetPath "${target}" has an empty part`);
  return safe.path;
}
