// What is wrong with one entity, before it is tied to a file and a document.

export interface EntityProblem {
  /** The field path, e.g. `metadata.name` or `spec.providesApis[1]`; absent for the document as a whole. */
  field?: string;
  message: string;
}
