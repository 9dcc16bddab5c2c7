// Renders a skeleton into the workspace: file names and text contents through Handlebars with
// the step's values; binary files and `copyWithoutTemplating` matches are copied as they are.
import picomatch from 'picomatch';
import type { Workspace } from '../types.js';
import { renderSkeletonText, SkeletonRenderError } from './handlebars-env.js';
import { safeRepositoryPath, safeTargetFolder } from './safe-path.js';
import type { SkeletonFile } from './skeleton-reader.js';

export interface RenderOptions {
  values: Record<string, unknown>;
  /** A folder inside the repository to render into. */
  targetPath?: unknown;
  /** Globs (relative to the skeleton) whose contents are copied without rendering; names still render. */
  copyWithoutTemplating?: string[];
  /** fetch:plain: nothing is rendered, names included. */
  plain?: boolean;
}

export interface RenderSummary {
  written: string[];
  skipped: string[];
}

/** Text that is valid UTF-8 without NUL bytes; anything else is copied byte for byte. */
export function isText(content: Buffer): boolean {
  if (content.subarray(0, 8000).includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

/**
 * The values as the skeleton sees them: under `values`, and also at the top level so that a
 * name can be written `{{name}}` as well as `{{values.name}}`. A deep JSON copy: plain data only.
 */
export function skeletonContext(values: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(values ?? {})) as Record<string, unknown>;
  return { ...copy, values: copy };
}

export function renderSkeleton(files: SkeletonFile[], workspace: Workspace, options: RenderOptions): RenderSummary {
  const context = skeletonContext(options.values);
  const target = safeTargetFolder(options.targetPath);
  const verbatim = options.copyWithoutTemplating?.length ? picomatch(options.copyWithoutTemplating, { dot: true }) : () => false;
  const rendered = new Map<string, { content: Buffer; executable: boolean; source: string }>();
  const skipped: string[] = [];

  for (const file of files) {
    const where = `skeleton file "${file.path}"`;
    const name = options.plain ? file.path : renderSkeletonText(file.path, context, `the name of the ${where}`);
    const safe = safeRepositoryPath(name, file.path);
    if ('skip' in safe) {
      skipped.push(file.path);
      continue;
    }
    const path = target ? `${target}/${safe.path}` : safe.path;
    const previous = rendered.get(path);
    if (previous) throw new SkeletonRenderError(`the skeleton files "${previous.source}" and "${file.path}" both render to "${path}"`);
    const copyAsIs = options.plain || verbatim(file.path) || !isText(file.content);
    const content = copyAsIs ? file.content : Buffer.from(renderSkeletonText(file.content.toString('utf8'), context, where), 'utf8');
    rendered.set(path, { content, executable: file.executable, source: file.path });
  }

  // Only once every file rendered: a failed render leaves the workspace as it was.
  for (const [path, file] of rendered) workspace.set(path, { content: file.content, executable: file.executable });
  return { written: [...rendered.keys()], skipped };
}
