// The one error for a mistake in a template text, whichever interpreter finds it (template.yaml's
// `${{ }}` or a skeleton) and whether parsing or evaluating: it names the line, and the column
// where it is known, so that an author finds the mistake in the text they wrote. Parsed trees
// keep offsets only: an error raised at an offset is given its line and column (`locate`) where
// the text is at hand, before it leaves the interpreter.
import { positionIn } from './text-position.js';

/** A line, and the column where it is known. */
type ErrorPosition = { line: number; column?: number };

export class TemplateError extends Error {
  /** Where it is in its text, once located. */
  readonly position?: ErrorPosition;
  /** Its offset in a text not at hand when it was raised (undefined once located). */
  readonly offset?: number;

  constructor(
    /** The mistake itself, said without where it is. */
    readonly problem: string,
    /** Its line and column, or its offset in the text (said as a line and column by `locate`). */
    at?: ErrorPosition | number,
    /** The text it is in, as its reader knows it: `skeleton file "a.txt"`, `${{ parameters.name }}`. */
    readonly where?: string,
    /** The template.yaml field that holds the text, e.g. `spec.steps[0].input.name`. */
    readonly field?: string,
  ) {
    const position = typeof at === 'number' ? undefined : at;
    super(locatedMessage(problem, position, where));
    this.name = 'TemplateError';
    this.position = position;
    this.offset = typeof at === 'number' ? at : undefined;
  }

  /** Its line and column, or its offset while it is not located; undefined when neither is known. */
  private get at(): ErrorPosition | number | undefined {
    return this.position ?? this.offset;
  }

  /** The same mistake said of a text (a position and a text named already are kept). */
  in(where: string): TemplateError {
    return this.where ? this : new TemplateError(this.problem, this.at, where, this.field);
  }

  /** The same mistake, in a template.yaml field. */
  inField(field: string): TemplateError {
    return new TemplateError(this.problem, this.at, this.where, field);
  }

  /** The same mistake with its offset said as a line and column of `text`, the text it was raised in. */
  locate(text: string): TemplateError {
    if (this.offset === undefined) return this;
    return new TemplateError(this.problem, positionIn(text, this.offset), this.where, this.field);
  }

  /**
   * Anything thrown while parsing or evaluating at `at`, as a TemplateError there. One that knows
   * where it is already keeps it: it is the nearer of the two.
   */
  static from(error: unknown, at?: ErrorPosition | number): TemplateError {
    if (error instanceof TemplateError) {
      return error.at !== undefined || at === undefined
        ? error
        : new TemplateError(error.problem, at, error.where, error.field);
    }
    return new TemplateError(error instanceof Error ? error.message : String(error), at);
  }
}

/** How a mistake reads: `where (line L, column C): problem`, leaving out what is not known. */
export function locatedMessage(problem: string, position?: ErrorPosition, where?: string): string {
  const at = position ? `line ${position.line}${position.column ? `, column ${position.column}` : ''}` : '';
  if (where) return at ? `${where} (${at}): ${problem}` : `${where}: ${problem}`;
  return at ? `${at}: ${problem}` : problem;
}
