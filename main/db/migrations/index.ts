import type { Database } from 'better-sqlite3';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-imports-campaigns';
import * as m0003 from './0003-visit-days';
import * as m0004 from './0004-complaints-winback';
import * as m0005 from './0005-visit-totals';
import * as m0006 from './0006-products';
import * as m0007 from './0007-saved-filters';
import * as m0008 from './0008-sale-lines';
import * as m0009 from './0009-shop-id';
import * as m0010 from './0010-campaign-formats';
import * as m0011 from './0011-contact-attempts';
import * as m0012 from './0012-offers';
import * as m0013 from './0013-table-versions';
import * as m0014 from './0014-import-staging';
import * as m0015 from './0015-campaign-messages';
import * as m0016 from './0016-sharing';
import * as m0017 from './0017-share-lockouts';
import * as m0018 from './0018-derived-pause';
import * as m0019 from './0019-shop-day-visits';
import * as m0020 from './0020-derived-unpause';
import * as m0021 from './0021-drop-sales-occurred';
import * as m0022 from './0022-sale-time-known';
import * as m0023 from './0023-pending-imports';
import * as m0024 from './0024-merged-insert-triggers';
import * as m0025 from './0025-foreign-key-indexes';

export interface Migration {
  version: number;
  up(db: Database): void;
}

/** Listed statically so bundling keeps them. Never edit a shipped migration: add the next one. */
export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
  m0025,
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
