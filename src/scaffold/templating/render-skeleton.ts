// Renders a skeleton into the workspace as Backstage's fetch:template does: file names and text
// contents through the template's skeleton syntax (Backstage's nunjucks dialect by default,
// Handlebars for templates that opt in), binary files and `copyWithoutTemplating` matches
// copied as they are, `templateFileExtension` rendering only files that carry it.
import picomatch from 'picomatch';
import type { SkeletonSyntax, Workspace } from '../types.js';
import { renderSkeletonText, SkeletonRenderError } from './handlebars-env.js';
import { renderNunjucksText } from './nunjucks/render-text.js';
import { safeRepositoryPath, safeTargetFolder } from './safe-path.js';
import type { SkeletonFile } from './skeleton-reader.js';

interface RenderOptions {
  values: Record<string, unknown>;
  /** Backstage's dialect unless the template chose Handlebars. */
  syntax?: SkeletonSyntax;
  /** A folder inside the repository to render into. */
  targetPath?: unknown;
  /** Globs (relative to the skeleton) whose contents are copied without rendering; names still render. */
  copyWithoutTemplating?: string[];
  /** Globs copied exactly as they are, names included (Backstage's older input). */
  copyWithoutRender?: string[];
  /** Only files ending in this extension are rendered, and lose it (`true` means `.njk`). */
  templateFileExtension?: string | boolean;
  /** Overwrite files already in the workspace; by default they are kept, as in Backstage. */
  replace?: boolean;
  /** fetch:plain: nothing is rendered, names included. */
  plain?: boolean;
}

interface RenderSummary {
  written: string[];
  /** Files left out because their name rendered empty. */
  skipped: string[];
  /** Files already in the workspace, kept because `replace` was not set. */
  kept: string[];
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
 * Handlebars skeletons see the values under `values` and also at the top level, so that a name
 * can be written `{{name}}` as well as `{{values.name}}`. A deep JSON copy: plain data only.
 */
function skeletonContext(values: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(values ?? {})) as Record<string, unknown>;
  return { ...copy, values: copy };
}

type TextRenderer = (source: string, where: string) => string;

function textRenderer(options: RenderOptions): TextRenderer {
  if (options.syntax === 'handlebars') {
    const context = skeletonContext(options.values);
    return (source, where) => renderSkeletonText(source, context, where);
  }
  // Backstage's context: the step's values, as plain data, under `values` only.
  // Its errors are TemplateErrors naming the file, line and column.
  const context = { values: JSON.parse(JSON.stringify(options.values ?? {})) as unknown };
  return (source, where) => renderNunjucksText(source, context, where);
}

function globs(patterns: string[] | undefined): (path: string) => boolean {
  return patterns?.length ? picomatch(patterns, { dot: true }) : () => false;
}

function extensionOf(option: RenderOptions['templateFileExtension']): string | undefined {
  if (option === undefined || option === false) return undefined;
  return option === true ? '.njk' : option;
}

export function renderSkeleton(files: SkeletonFile[], workspace: Workspace, options: RenderOptions): RenderSummary {
  if (options.copyWithoutRender?.length && options.copyWithoutTemplating?.length) {
    throw new SkeletonRenderError('copyWithoutRender and copyWithoutTemplating cannot be used together');
  }
  const extension = extensionOf(options.templateFileExtension);
  if (extension && (options.copyWithoutRender?.length || options.copyWithoutTemplating?.length)) {
    throw new SkeletonRenderError(
      'templateFileExtension cannot be used with copyWithoutRender or copyWithoutTemplating',
    );
  }
  const render = textRenderer(options);
  const target = safeTargetFolder(options.targetPath);
  const contentsAsIs = globs(options.copyWithoutTemplating);
  const untouched = globs(options.copyWithoutRender);
  const rendered = new Map<string, { content: Buffer; executable: boolean; source: string }>();
  const skipped: string[] = [];
  const kept: string[] = [];

  for (const file of files) {
    const where = `skeleton file "${file.path}"`;
    let name = file.path;
    let renderContents: boolean;
    if (options.plain) {
      renderContents = false;
    } else if (extension) {
      renderContents = name.endsWith(extension);
      if (renderContents) name = name.slice(0, -extension.length);
      name = render(name, `the name of the ${where}`);
    } else if (untouched(file.path)) {
      renderContents = false;
    } else {
      renderContents = !contentsAsIs(file.path);
      name = render(name, `the name of the ${where}`);
    }
    const safe = safeRepositoryPath(name, file.path);
    if ('skip' in safe) {
      skipped.push(file.path);
      continue;
    }
    const path = target ? `${target}/${safe.path}` : safe.path;
    const previous = rendered.get(path);
    if (previous)
      throw new SkeletonRenderError(
        `the skeleton files "${previous.source}" and "${file.path}" both render to "${path}"`,
      );
    if (workspace.has(path) && !options.replace) {
      kept.push(path);
      continue;
    }
    const content =
      renderContents && isText(file.content)
        ? Buffer.from(render(file.content.toString('utf8'), where), 'utf8')
        : file.content;
    rendered.set(path, { content, executable: file.executable, source: file.path });
  }

  // Only once every file rendered: a failed render leaves the workspace as it was.
  for (const [path, file] of rendered) workspace.set(path, { content: file.content, executable: file.executable });
  return { written: [...rendered.keys()], skipped, kept };
}

/** One text rendered as a skeleton file's contents are (fetch:template:file). */
export function renderSkeletonFileText(
  source: string,
  options: Pick<RenderOptions, 'values' | 'syntax'>,
  where: string,
): string {
  return textRenderer(options)(source, where);
}
