import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/api/errors';
import type { Command, CommandArgs, CommandOut } from '../shared/api/commands';
import type { Ctx } from './ctx';
import { countLiveCustomers } from './db/queries/customers';
import { backupBeforeChange, copyTo } from './services/backup';
import { seedCare } from './services/demo/care';
import { generateDemo } from './services/demo/generate';
import { exportContacts } from './services/export/contacts';
import { runImport } from './services/import/run';
import { customerDataExport } from './services/privacy';
import { previewBackup, restoreBackup } from './services/restore';

type CommandHandler<C extends Command> = (a: CommandArgs<C>, ctx: Ctx) => CommandOut<C> | Promise<CommandOut<C>>;

// personal data: folders and files readable by the owner only (where the system has such modes)
const OWN_DIR = { recursive: true, mode: 0o700 } as const;
const OWN_FILE = { mode: 0o600 } as const;

/** The command line's methods (shared/api/commands.ts): only `dispatch(…, { local: true })` runs these. */
export const commandHandlers = {
  'demo.generate': (a, ctx) => {
    if (countLiveCustomers(ctx.db) > 0) throw new AppError('CONFLICT', { reason: 'shop_not_empty' });
    const summary = generateDemo(ctx.db, { ...a, now: ctx.clock.now() }, ctx.progress);
    return { summary, care: seedCare(ctx) };
  },
  'import.file': async (a, ctx) => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(a.path);
    } catch {
      throw new AppError('NOT_FOUND', { reason: 'file_unreadable', file: a.path });
    }
    return runImport(ctx, bytes, path.basename(a.path), a.options, { beforeWrite: () => backupBeforeChange(ctx, 'import') });
  },
  'backups.copyTo': (a, ctx) => {
    copyTo(ctx, path.resolve(a.path));
    return previewBackup(a.path);
  },
  'backups.previewFile': (a) => previewBackup(a.path),
  'backups.restoreFile': (a, ctx) => restoreBackup(ctx, a.path),
  'exports.write': async (a, ctx) => {
    const out = path.resolve(a.out);
    // written inside the export: a file that cannot be written takes back the offers it would carry
    const r = await exportContacts(ctx, a.export, out, (bytes) => {
      fs.mkdirSync(path.dirname(out), OWN_DIR);
      fs.writeFileSync(a.out, bytes, OWN_FILE);
    });
    return { campaign: r.campaign };
  },
  'customers.exportTo': async (a, ctx) => {
    const data = await customerDataExport(ctx, a.id, path.resolve(a.out));
    fs.mkdirSync(a.out, OWN_DIR);
    fs.writeFileSync(path.join(a.out, 'customer.json'), JSON.stringify(data.json, null, 2) + '\n', OWN_FILE);
    for (const [name, text] of Object.entries(data.csv))
      fs.writeFileSync(path.join(a.out, name), '\ufeff' + text + '\r\n', OWN_FILE);
    return { id: a.id, files: ['customer.json', ...Object.keys(data.csv)] };
  },
} satisfies { [C in Command]: CommandHandler<C> };
