import { ensureAdminToken } from '../admin/adminTokens.js';
import { openDatabase } from '../db/open.js';
import { CONSOLE_PREFIX } from '../http/consolePages.js';
import { buildServer } from '../http/server.js';
import { APP_VERSION } from '../version.js';
import type { CliIo } from './output.js';
import type { Storage } from './program.js';

/**
 * `serve`: open and migrate the database, make sure an admin key exists,
 * listen, and shut down cleanly on SIGINT/SIGTERM (requests in flight finish,
 * the PGlite directory is unlocked).
 */
export async function serve(options: { storage: Storage; host: string; port: number; json?: boolean; io: CliIo }): Promise<void> {
  const { storage, io } = options;
  const database = await openDatabase({ dataDir: storage.dataDir, databaseUrl: storage.databaseUrl });
  let app: ReturnType<typeof buildServer> | undefined;
  try {
    const adminKey = await ensureAdminToken(database.db, {
      tokenFile: storage.adminTokenFile,
      configuredToken: io.env.SIMPUL_ADMIN_TOKEN,
    });
    app = buildServer({ database, version: APP_VERSION, logger: { level: io.env.SIMPUL_LOG_LEVEL ?? 'info' } });
    await app.listen({ host: options.host, port: options.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

    const consoleUrl = `${url}${CONSOLE_PREFIX}`;
    if (options.json) {
      const value = {
        url,
        consoleUrl,
        database: database.driver,
        location: database.location,
        adminTokenFile: storage.adminTokenFile,
        adminKey: adminKey.kind,
        ...(adminKey.kind === 'generated' ? { adminToken: adminKey.token } : {}),
      };
      io.stdout(`${JSON.stringify({ ok: true, value })}\n`);
    } else {
      const lines = [
        `Simpul head office ${APP_VERSION} listening on ${url} (${database.driver}: ${database.location})`,
        `Console (sync health, conflicts, duplicates, branches): ${consoleUrl}`,
      ];
      if (adminKey.kind === 'generated') {
        lines.push(
          'A new admin key was generated. It is shown only this once and saved (mode 0600) to',
          `  ${adminKey.file}`,
          `Admin key: ${adminKey.token}`,
          'Send it as the header  Authorization: Bearer <admin key>',
        );
      } else if (adminKey.kind === 'configured') {
        lines.push('Admin key: the one in SIMPUL_ADMIN_TOKEN.');
      } else {
        lines.push(`Admin key: see ${storage.adminTokenFile} (new key: simpul-headoffice admin-token rotate).`);
      }
      io.stdout(`${lines.join('\n')}\n`);
    }
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }

  const server = app;
  const shutdown = async () => {
    await server.close();
    await database.close();
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
