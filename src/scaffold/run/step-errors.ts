// A step's failure in words for the person who asked: the errors the scaffolder raises on
// purpose carry such words already; anything else is reported by its message, never its stack.
export function describeStepError(error: unknown): string {
  if (error instanceof Error) {
    const message = error.message.replace(/\s+/g, ' ').trim();
    const known = ['ActionError', 'SkeletonError', 'SkeletonRenderError', 'TemplateError', 'RepoUrlError', 'Error'];
    return known.includes(error.name) ? message : `${message} (${error.name})`;
  }
  return String(error);
}
