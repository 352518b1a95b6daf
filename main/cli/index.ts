import { serveCommand } from './serve';
import { demoCommand } from './demo';
import { importCommand } from './import';
import { modelCommand } from './model';
import { backtestCommand, lapsedCommand } from './lapsed';
import { todayCommand, winbackCommand } from './care';
import { priceChangesCommand } from './prices';
import { offersCommand } from './offers';
import { backupCommand, customerCommand, exportCommand, restoreCommand } from './data';
import { CliError, cliErrorText, exitCodeFor } from './common';
import { t } from './session';

// Piped into `head` or a closed pager: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(t('cli.help'));
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(t('cli.help'));
    return 0;
  }
  switch (command) {
    case 'serve':
      return serveCommand(rest);
    case 'demo':
      return demoCommand(rest);
    case 'import':
      return importCommand(rest);
    case 'export':
      return exportCommand(rest);
    case 'backup':
      return backupCommand(rest);
    case 'restore':
      return restoreCommand(rest);
    case 'customer':
      return customerCommand(rest);
    case 'model':
      return modelCommand(rest);
    case 'lapsed':
      return lapsedCommand(rest);
    case 'backtest':
      return backtestCommand(rest);
    case 'today':
      return todayCommand(rest);
    case 'winback':
      return winbackCommand(rest);
    case 'price-changes':
      return priceChangesCommand(rest);
    case 'offers':
      return offersCommand(rest);
    default:
      throw new CliError(t('cli.unknownCommand', { command }), 2);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`regulars: ${cliErrorText(e)}\n`);
    process.exitCode = exitCodeFor(e);
  },
);
