// Reads a skeleton: the files a fetch:template or fetch:plain step starts from. Where they are
// read from (a folder next to template.yaml, a GitHub repository) depends on the template.
import type { TemplateDefinition } from '../types.js';

export interface SkeletonFile {
  /** Path relative to the skeleton's root, '/'-separated, not yet rendered. */
  path: string;
  content: Buffer;
  executable: boolean;
}

export interface SkeletonReader {
  /** Reads the skeleton at `location` (a path relative to the template, or a URL). */
  read(location: string, template: TemplateDefinition): Promise<SkeletonFile[]>;
  /** Reads the one file at `location` (fetch:plain:file). */
  readFile(location: string, template: TemplateDefinition): Promise<SkeletonFile>;
}

export class SkeletonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SkeletonError';
  }
}

/** Limits that keep a skeleton small enough to publish in one commit and hold in memory. */
export const SKELETON_LIMITS = {
  maxFiles: 5000,
  maxFileBytes: 5 * 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
};

/** Tries each reader that says it can read the location, in order. */
export class SkeletonReaders implements SkeletonReader {
  constructor(
    private readonly readers: Array<
      SkeletonReader & { canRead(location: string, template: TemplateDefinition): boolean }
    >,
  ) {}

  private readerFor(location: string, template: TemplateDefinition): SkeletonReader {
    const reader = this.readers.find((r) => r.canRead(location, template));
    if (!reader) {
      const from = template.source.type === 'folder' ? template.source.file : template.source.url;
      const needs = /^https?:\/\//i.test(location)
        ? 'it is read through the GitHub connection, which is not configured (set GITHUB_ORG and GITHUB_TOKEN or a GitHub App)'
        : 'no source for it is configured';
      throw new SkeletonError(`cannot read the skeleton "${location}" of ${from}: ${needs}`);
    }
    return reader;
  }

  read(location: string, template: TemplateDefinition): Promise<SkeletonFile[]> {
    return this.readerFor(location, template).read(location, template);
  }

  readFile(location: string, template: TemplateDefinition): Promise<SkeletonFile> {
    return this.readerFor(location, template).readFile(location, template);
  }
}
