/**
 * Node side of the end-to-end suites (`@col/harness/node`): the demo server, the examples'
 * bundles, Chromium and axe-core. Never imported by a browser suite.
 */
import type { Browser, Page } from 'playwright-core';

/** The repository's root folder (with a trailing separator). */
export declare const repoRoot: string;

/** A running `colearn serve --demo` on 127.0.0.1 with its own throwaway data folder. */
export interface DemoServer {
  /** Its base URL, without a trailing slash (`http://127.0.0.1:PORT`). */
  url: string;
  adminKey: string;
  /** What it has written to stderr so far (the demo's claim codes, warnings). */
  stderr(): string;
  /** The claim code the demo printed for an achievement (default `digital-foundations`). */
  claimCode(achievement?: string): string | undefined;
  /** Stop it and remove its data. */
  stop(): Promise<void>;
}

/**
 * Start the built `colearn serve --demo` (packages/cli/dist) on a free loopback port; resolves
 * once it prints `listening on`, rejects with its stderr if it exits first.
 */
export declare function startDemoServer(options: { name: string; adminKey: string }): Promise<DemoServer>;

/** Build the examples' elements bundle (examples/vendor) when it is missing or older than the built elements. */
export declare function buildExamplesBundle(): void;

/**
 * Build the elements' CDN bundles (packages/components/cdn, what npm publishes) when any is
 * missing or older than the built elements.
 */
export declare function buildCdnBundles(): Promise<void>;

/** Debian's Chromium (or CHROME_PATH) through playwright-core, headless. */
export declare function launchChromium(): Promise<Browser>;

/** axe-core's violations on the page as it is now (every rule), as `rule: targets` lines. */
export declare function axeViolations(page: Page): Promise<string[]>;

/** The result of a finished child process. */
export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run a Node script to completion (killed after `timeoutMs`, default 60 s), with `input` on its
 * standard input, which is then closed.
 */
export declare function runNodeScript(
  script: string,
  args?: string[],
  options?: { env?: Record<string, string>; cwd?: string; timeoutMs?: number; input?: string | Uint8Array },
): Promise<ScriptRun>;

/** A throwaway PostgreSQL cluster of its own (see {@link startPostgres}). */
export interface PostgresCluster {
  /** Its superuser's URL with password, to the `postgres` database on 127.0.0.1 (`postgres://colearn:…@127.0.0.1:PORT/postgres`). */
  url: string;
  /** The password in `url` (to check that nothing prints it). */
  password: string;
  /** The folder holding its data and its unix socket. */
  socketDir: string;
  /** Stop the server (fast shutdown: connections are cut), run `whileDown` if given, start it again on the same port with the same data. */
  restart(options?: { whileDown?: () => Promise<void> }): Promise<void>;
  /** Stop the server and remove its folder. */
  stop(): Promise<void>;
  skipped?: undefined;
}

/**
 * Why suites that need PostgreSQL are skipped on this machine (`initdb` and `pg_ctl` not found
 * where {@link startPostgres} looks), or `undefined` when they can run. Cheap: it starts nothing.
 */
export declare function postgresSkipReason(): string | undefined;

/**
 * Start a throwaway PostgreSQL cluster: `initdb` in a temporary folder (as `nobody` when run as
 * root), listening on 127.0.0.1 on a free port and a unix socket in that folder, password login
 * only. Finds the programs in `COL_POSTGRES_BIN`, else `/usr/lib/postgresql/<newest>/bin`, else
 * PATH; when there are none it resolves to `{ skipped }`, a reason to pass to `t.skip` or
 * `describe(…, { skip })`. A cluster left running is stopped when the process exits.
 */
export declare function startPostgres(): Promise<PostgresCluster | { skipped: string }>;
