// What a source hands to sync: one location's files, each read, unchanged, failed.
// A source never writes the store.

/** What a source found wrong in a file it read (a Location target it would not follow). */
export interface SourceProblem {
  document?: number;
  entityRef?: string;
  field?: string;
  message: string;
}

export type SourceFile =
  | {
      path: string;
      url?: string;
      sha: string;
      status: 'read';
      text: string;
      problems?: SourceProblem[];
      /**
       * Named as a catalog file (a repository's catalog path or glob, a Location target): read
       * whole even when it holds no entity, as `callboard validate` reads a file named to it.
       * Files met by walking a folder are not: a folder holds other YAML too.
       */
      named?: boolean;
    }
  /** The source knew the stored sha was current and did not fetch the text. */
  | { path: string; url?: string; sha: string; status: 'unchanged' }
  /** The file could not be read this time: its entities are kept. */
  | { path: string; url?: string; status: 'failed'; error: string };

export interface LocationSnapshot {
  /** Stable key: `dir:/abs/path`, `github:org/repo`, `scaffold:org/repo` ... */
  key: string;
  type: string;
  target: string;
  /**
   * 'ok': the listing is complete: a stored file missing from `files` is gone.
   * 'failed': nothing could be listed; the store keeps everything it had.
   * 'gone': the source positively knows the location no longer exists (e.g. a deleted repo).
   */
  status: 'ok' | 'failed' | 'gone';
  error?: string;
  files: SourceFile[];
  /**
   * Reads what a `$text`/`$json`/`$yaml` placeholder points at, relative to `file`, for sources that
   * can (a folder reads its own files). Throws when the target cannot or may not be read.
   */
  resolvePlaceholder?: (kind: '$text' | '$json' | '$yaml', target: string, file: string) => unknown;
}
