import type { FetchFn } from './api-client';

/** Questions asked on the terminal; absent when stdin is not a terminal (scripts never wait for input). */
export interface Prompts {
  line(question: string): Promise<string>;
  secret(question: string): Promise<string>;
}

/** Everything the CLI takes from the process, passed in so that specs can run it in-process. */
export interface CliRuntime {
  /** The version `estafette --version` prints. */
  version: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  stdout(text: string): void;
  stderr(text: string): void;
  fetch: FetchFn;
  prompts?: Prompts;
}
