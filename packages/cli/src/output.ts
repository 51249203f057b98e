/**
 * Terminal output helpers: colour only on a TTY (and never when NO_COLOR is set).
 */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** Whether the output stream is a colour-capable terminal. */
  readonly color: boolean;
  /** Redraws a one-line progress indicator (only on a terminal; '' clears it). */
  readonly progress?: (line: string) => void;
}

/**
 * The process's own stdout/stderr as an {@link Output}.
 *
 * @example
 * ```ts
 * const io = processOutput();
 * io.out('done');
 * ```
 */
export function processOutput(): Output {
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    color,
    // A bar redrawn in place is noise in a log file or a pipe: only on a terminal.
    ...(process.stderr.isTTY ? { progress: (line: string) => void process.stderr.write(line ? `\r${line}` : '\r\u001b[K') } : {}),
  };
}

const codes = { red: 31, green: 32, yellow: 33, grey: 90, bold: 1 } as const;

/**
 * Wraps text in an ANSI colour when `enabled`.
 *
 * @example
 * ```ts
 * paint('✓', 'green', io.color);
 * ```
 */
export function paint(text: string, colour: keyof typeof codes, enabled: boolean): string {
  return enabled ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text;
}
