import type { Database } from 'better-sqlite3';
import * as m0001 from './0001-initial';

export interface Migration {
  version: number;
  up(db: Database): void;
}

/** Listed statically so bundling keeps them. Never edit a shipped migration: add the next one. */
export const migrations: readonly Migration[] = [m0001];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
