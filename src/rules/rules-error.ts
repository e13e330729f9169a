// The error of a bad rules file, in a module of its own so the library can export it
// without loading the YAML parser (src/rules/user.ts is loaded only when a file is used).

/** A problem in a rules file, located: `rules.yaml:7:9: metrics[0].unit: …`. */
export class RulesFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}:${line}:${column}: ${field === '' ? '' : `${field}: `}${problem}`);
    this.name = 'RulesFileError';
  }
}

/** metrics[0].cues[1].pattern */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? String(k) : `.${String(k)}`;
  return out;
}
