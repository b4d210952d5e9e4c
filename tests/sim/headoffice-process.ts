/**
 * One head-office server process of the simulation: the real fastify server
 * (buildServer) over the real PostgreSQL database named by SIM_DATABASE_URL.
 * Two of these serve the same database; the harness SIGKILLs and restarts
 * them. Started by tests/sim/harness.ts, never on its own.
 */
import { openDatabase } from '../../src/headoffice/db/open.js';
import { buildServer } from '../../src/headoffice/http/server.js';
import { serveParent } from './child.js';

const databaseUrl = process.env.SIM_DATABASE_URL;
if (!databaseUrl) throw new Error('SIM_DATABASE_URL is required');

const database = await openDatabase({ databaseUrl, migrationsFolder: process.env.SIM_HEADOFFICE_MIGRATIONS });
const app = buildServer({ database });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  try {
    await app.close();
    await database.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown());

serveParent({ ping: () => 'pong' }, { port, pid: process.pid });
