import { serveCommand } from './serve';
import { demoCommand } from './demo';
import { CliError, exitCodeFor } from './common';

const HELP = `回头客 Regulars — keep your customers coming back.

Usage: regulars <command> [options]

Commands:
  serve [--db PATH] [--port N] [--open]
        Run the app in your browser (browser mode) on 127.0.0.1 with a per-launch token.
        --port 0 (default) picks a free port. --open opens the default browser.
  demo --db PATH [--customers N] [--years Y] [--seed S]
        Write a realistic demo shop into a new database (default 300 customers, 2 years, seed 1).

Options for every command:
  --db PATH   the shop database (default: REGULARS_DB, else regulars.db in the user data folder)
  --help      this help

Examples:
  regulars serve --open
  regulars demo --db demo.db --customers 100000 --years 3
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  switch (command) {
    case 'serve':
      return serveCommand(rest);
    case 'demo':
      return demoCommand(rest);
    default:
      throw new CliError(`Unknown command "${command}". Run "regulars --help".`, 2);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`regulars: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = exitCodeFor(e);
  },
);
