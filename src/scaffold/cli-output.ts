// Where the scaffolder's CLI commands write: the same shape as the rest of src/cli uses.
export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}
