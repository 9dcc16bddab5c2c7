// What SCAFFOLDER_ACTION_MODULES names: a file (a path, relative to where Callboard starts) or an
// installed package. Paths are made absolute once, when the settings are read, so every command
// loads the same file wherever it runs from.
import { isAbsolute, resolve } from 'node:path';

/** A path when it starts like one or names a JavaScript file; otherwise a package name. */
export function isModulePath(spec: string): boolean {
  return /^\.{1,2}([/\\]|$)/.test(spec) || isAbsolute(spec) || /\.(c|m)?js$/i.test(spec);
}

export function actionModuleSpec(spec: string, cwd: string): string {
  return isModulePath(spec) ? resolve(cwd, spec) : spec;
}
