/** Starts the token service on 127.0.0.1 (HOST and PORT change it). */
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(
  port = Number(process.env.PORT ?? 8080),
  host = process.env.HOST ?? '127.0.0.1',
): Promise<RunningServer> {
  const app = createApp();
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
        resolve({
          url: `http://${host}:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
      server.on('error', reject);
    } catch (e) {
      reject(e);
    }
  });
}
