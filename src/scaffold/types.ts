// The scaffolder's vocabulary: a template as Callboard runs it, its parameter pages, steps,
// outputs, and the files a run produces. Plain data, shared by loading, the form and the runner.
import type { Entity } from '../catalog/types.js';

/** A JSON Schema object as template.yaml writes it, `ui:` hints included. */
export type JsonSchema = Record<string, unknown>;

export interface ParameterPage {
  title?: string;
  description?: string;
  /** The page as a JSON Schema object: `properties`, `required`, `dependencies` ... */
  schema: JsonSchema;
  /** Backstage's `when:` condition: the page is shown only when it holds. */
  when?: string | boolean;
}

export interface TemplateStep {
  id: string;
  name: string;
  action: string;
  input: Record<string, unknown>;
  if?: string | boolean;
  /** Backstage's `each`: the step runs once per item of this list (or key of this object). */
  each?: string | unknown[] | Record<string, unknown>;
}

export interface OutputLink {
  title?: string;
  url?: string;
  entityRef?: string;
  icon?: string;
  if?: string | boolean;
}

export interface OutputText {
  title?: string;
  content?: string;
  icon?: string;
  if?: string | boolean;
}

/** Where a template was read from: skeleton paths in it are relative to this. */
export type TemplateSource =
  | {
      type: 'folder';
      dir: string;
      file: string;
      /** The templates root it was found under. */
      root: string;
      /** Every configured templates root: a skeleton may live in any of them (`../../skeletons/x`). */
      roots?: string[];
    }
  | { type: 'url'; url: string };

/** How skeleton files are written: Backstage's nunjucks dialect, or Handlebars when a template opts in. */
export type SkeletonSyntax = 'backstage' | 'handlebars';

export interface TemplateDefinition {
  /** `template:default/typescript-service`. */
  ref: string;
  name: string;
  title: string;
  description?: string;
  type: string;
  owner?: string;
  tags: string[];
  pages: ParameterPage[];
  steps: TemplateStep[];
  output: { links: OutputLink[]; text: OutputText[] };
  /** A catalog group whose members must approve a request before anything is created. */
  approvers?: string;
  /** The syntax of the template's skeletons (annotation `callboard.dev/skeleton-syntax`). */
  skeletonSyntax: SkeletonSyntax;
  /** The create button's label (`spec.presentation.buttonLabels.createButtonText`). */
  createLabel?: string;
  source: TemplateSource;
  entity: Entity;
  /** Inputs the steps set that Callboard accepts without acting on them (`callboard templates` shows them). */
  warnings?: TemplateProblem[];
}

/** A template that was read but cannot run: /create and `callboard templates` list it with why. */
export interface UnavailableTemplate {
  ref: string;
  name: string;
  title: string;
  description?: string;
  /** The file (or catalog ref) it came from. */
  where: string;
  /** Each problem that keeps it from running, e.g. an action nobody provides. */
  reasons: string[];
}

export interface TemplateProblem {
  /** The file (or catalog ref) the template came from. */
  template: string;
  /** Dotted path within template.yaml, e.g. `spec.steps[1].action`. */
  field?: string;
  message: string;
}

/** One file of a repository being created, held in memory until it is published. */
export interface WorkspaceFile {
  content: Buffer;
  executable: boolean;
}

export type Workspace = Map<string, WorkspaceFile>;

/** Values a user submitted, after validation. */
export type TemplateValues = Record<string, unknown>;

/** Who asked: what expressions may read as `user`. */
export interface RequestingUser {
  /** The catalog ref of the requesting user, when known. */
  ref?: string;
  slackUserId?: string;
  entity?: Entity;
}

/** Where a RepoUrlPicker creates repositories unless `allowedOwners` says otherwise. */
export interface FormContext {
  org: string;
  host: string;
  /** False when the organisation's GitHub plan has no internal repositories: the choice is not offered. */
  internalRepositories?: boolean;
}
