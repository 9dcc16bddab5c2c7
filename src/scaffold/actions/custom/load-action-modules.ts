// Loads the modules SCAFFOLDER_ACTION_MODULES names and adds their actions to the built-in ones.
// A module may export actions (createTemplateAction's result, or the same shape written out),
// lists of them, or `create…()` functions taking nothing that return them, as Backstage modules
// do. A module that cannot be loaded, or an action that is not usable, is a problem naming the
// module; every other module and action still loads.
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScaffoldAction } from '../action.js';
import { BUILTIN_ACTIONS, type ActionRegistry } from '../registry.js';
import { customAction } from './custom-action.js';
import { isModulePath } from './module-spec.js';
import type { TemplateActionOptions } from './template-action.js';

export interface ActionModuleProblem {
  /** The module as SCAFFOLDER_ACTION_MODULES names it (a path shown relative to where Callboard runs). */
  module: string;
  message: string;
}

export interface ActionModule {
  module: string;
  actions: ScaffoldAction[];
}

export interface LoadedActions {
  registry: ActionRegistry;
  modules: ActionModule[];
  problems: ActionModuleProblem[];
}

export function describeModuleProblem(problem: ActionModuleProblem): string {
  return `action module ${problem.module}: ${problem.message}`;
}

function shown(spec: string): string {
  if (!isModulePath(spec)) return spec;
  const rel = relative(process.cwd(), spec);
  return rel && !rel.startsWith('..') ? rel : spec;
}

function looksLikeAction(value: unknown): value is TemplateActionOptions {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { handler?: unknown }).handler === 'function'
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
}

/** A file URL for a path; a package resolved from where Callboard runs, then from Callboard itself. */
function importTarget(spec: string): string {
  if (isModulePath(spec)) return pathToFileURL(resolve(spec)).href;
  try {
    return pathToFileURL(createRequire(join(process.cwd(), 'package.json')).resolve(spec)).href;
  } catch {
    // An ESM-only package without a `require` export: import resolves it by name.
    return spec;
  }
}

/** The actions a module's exports hold, and problems with exports that should have been actions. */
function actionsExported(mod: Record<string, unknown>): { found: TemplateActionOptions[]; problems: string[] } {
  const found = new Set<TemplateActionOptions>();
  const problems: string[] = [];
  for (const [name, value] of Object.entries(mod)) {
    if (looksLikeAction(value)) found.add(value);
    else if (Array.isArray(value) && value.some(looksLikeAction)) {
      for (const item of value) if (looksLikeAction(item)) found.add(item);
    } else if (typeof value === 'function' && value.length === 0 && /^create/.test(value.name)) {
      // Backstage modules export factories: createAcmeAction().
      let made: unknown;
      try {
        made = (value as () => unknown)();
      } catch (error) {
        problems.push(`${name}() threw: ${errorText(error)}`);
        continue;
      }
      for (const item of Array.isArray(made) ? made : [made]) if (looksLikeAction(item)) found.add(item);
    }
  }
  return { found: [...found], problems };
}

export async function loadActionModules(
  specs: readonly string[],
  builtins: readonly ScaffoldAction[] = BUILTIN_ACTIONS,
): Promise<LoadedActions> {
  const registry = new Map(builtins.map((a) => [a.id, a]));
  const modules: ActionModule[] = [];
  const problems: ActionModuleProblem[] = [];
  for (const spec of specs) {
    const module = shown(spec);
    let mod: Record<string, unknown>;
    try {
      mod = (await import(importTarget(spec))) as Record<string, unknown>;
    } catch (error) {
      problems.push({ module, message: `could not be loaded: ${errorText(error)}` });
      continue;
    }
    const exported = actionsExported(mod);
    for (const message of exported.problems) problems.push({ module, message });
    if (!exported.found.length) {
      if (!exported.problems.length)
        problems.push({
          module,
          message: 'exports no action (export what createTemplateAction returns, or a list of them)',
        });
      continue;
    }
    const actions: ScaffoldAction[] = [];
    for (const options of exported.found) {
      const taken = registry.get(options.id);
      if (taken) {
        problems.push({
          module,
          message: `the action "${options.id}" is already ${taken.source ? `defined by ${shown(taken.source)}` : 'a built-in action'}; this one is not loaded`,
        });
        continue;
      }
      try {
        const action = customAction(options, spec);
        registry.set(action.id, action);
        actions.push(action);
      } catch (error) {
        problems.push({ module, message: `the action "${options.id}" cannot be used: ${errorText(error)}` });
      }
    }
    modules.push({ module, actions });
  }
  return { registry, modules, problems };
}
