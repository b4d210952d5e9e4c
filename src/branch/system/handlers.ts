import { statSync } from 'node:fs';
import type { HandlerGroup } from '../rpc/handlers.js';
import { APP_VERSION } from '../version.js';

export const systemHandlers: HandlerGroup<'system.info'> = {
  'system.info': (ctx) => {
    const { db } = ctx.services;
    let databaseBytes = 0;
    if (db.file !== ':memory:') {
      for (const suffix of ['', '-wal']) {
        try {
          databaseBytes += statSync(db.file + suffix).size;
        } catch {
          // no WAL file yet
        }
      }
    }
    return {
      appVersion: APP_VERSION,
      schemaVersion: db.schemaVersion,
      branch: ctx.services.setup.status(),
      customerCount: ctx.services.customers.count(),
      databaseBytes,
      encrypted: db.encrypted,
    };
  },
};
