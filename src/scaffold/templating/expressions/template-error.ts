// The one error for a mistake in a template text, whichever interpreter finds it (template.yaml's
// `${{ }}` or a skeleton) and whether parsing or evaluating: it names the line, and the column
// where it is known, so that an author finds the mistake in the text they wrote.
import type { TextPosition } from './text-position.js';

/** A line, and the column where it is known (a loop's budget belongs to its tag's line). */
type ErrorPosition = { line: number; column?: number };

export class TemplateError extends Error {
  constructor(
    /** The mistake itself, said without where it is. */
    readonly problem: string,
    readonly position?: ErrorPosition,
    /** The text it is in, as its reader knows it: `skeleton file "a.txt"`, `${{ parameters.name }}`. */
    readonly where?: string,
    /** The template.yaml field that holds the text, e.g. `spec.steps[0].input.name`. */
    readonly field?: string,
  ) {
    super(locatedMessage(problem, position, where));
    this.name = 'TemplateError';
  }

  /** The same mistake said of a text (a position and a text named already are kept). */
  in(where: string): TemplateError {
    return this.where ? this : new TemplateError(this.problem, this.position, where, this.field);
  }

  /** The same mistake, in a template.yaml field. */
  inField(field: string): TemplateError {
    return new TemplateError(this.problem, this.position, this.where, field);
  }

  /**
   * Anything thrown while parsing or evaluating at `position`, as a TemplateError there. One that
   * knows its position already keeps it: it is the nearer of the two.
   */
  static from(error: unknown, position?: ErrorPosition | TextPosition): TemplateError {
    if (error instanceof TemplateError) {
      return error.position || !position ? error : new TemplateError(error.problem, position, error.where, error.field);
    }
    return new TemplateError(error instanceof Error ? error.message : String(error), position);
  }
}

/** How a mistake reads: `where (line L, column C): problem`, leaving out what is not known. */
export function locatedMessage(problem: string, position?: ErrorPosition, where?: string): string {
  const at = position ? `line ${position.line}${position.column ? `, column ${position.column}` : ''}` : '';
  if (where) return at ? `${where} (${at}): ${problem}` : `${where}: ${problem}`;
  return at ? `${at}: ${problem}` : problem;
}
