/**
 * Runs a command line's `main` and exits with the code it returns; an error it throws is
 * printed (its message alone: the commands explain their own failures) and exits with 1.
 */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
