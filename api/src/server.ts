import type { Server } from 'node:http';
import { createApp } from './app.js';
import { seedRolePermissions } from './authz/role-permission.model.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { connectDatabase, disconnectDatabase } from './db/connection.js';
import { startJobs, stopJobs } from './jobs/agenda.js';
import { logger } from './logger.js';
import { closePdfBrowser } from './pdf/index.js';

export async function startServer(
  config: Config = loadConfig(),
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  await connectDatabase(config.MONGODB_URI);
  await seedRolePermissions();
  const app = await createApp(config);
  await startJobs();
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info({ url, demoMode: config.DEMO_MODE }, 'DigiWeb API listening');
  const close = async () => {
    await new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections?.();
    await stopJobs();
    await closePdfBrowser();
    await disconnectDatabase();
  };
  return { server, url, close };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    // A refused configuration is the operator's to fix: its message alone, no stack trace.
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  startServer(config)
    .then(({ close }) => {
      const stop = () => {
        logger.info('shutting down');
        close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    })
    .catch((err) => {
      logger.error({ err }, 'failed to start');
      process.exit(1);
    });
}
