// Where CLI commands write their lines: stdout for answers and figures, stderr for problems.
export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}
