// The scaffolder's settings. They are read from the environment with the others, declared once
// in src/config/variables.ts and assembled by src/config.ts (the only reader of process.env).
import type { CreatePolicy } from './run/create-policy.js';

export interface ScaffoldSettings {
  /** Folders of templates (TEMPLATE_DIRS; default: the templates shipped in templates/). */
  templateDirs: string[];
  /**
   * Modules of custom actions (SCAFFOLDER_ACTION_MODULES): absolute paths, or package names.
   * Absent or empty: the built-in actions only.
   */
  actionModules?: string[];
  /** Offer the catalog's Template entities too (SCAFFOLD_CATALOG_TEMPLATES, default true). */
  catalogTemplates: boolean;
  /** Who may create (CREATE_ALLOWED_GROUPS, CREATE_ALLOWED_SLACK_USERGROUPS; default everyone). */
  policy: CreatePolicy;
  /** Keep a repository whose creation failed, marked, instead of deleting it (KEEP_FAILED_REPOS). */
  keepFailedRepos: boolean;
  /**
   * How long a running task stays leased to its process without a renewal (TASK_LEASE_SECONDS,
   * default 60 s); after that another replica recovers it. Default when absent: 60 s.
   */
  taskLeaseMs?: number;
}
