/**
 * Start options that add the web console to the token service: the built pages at /console/, the POS
 * simulator's tap endpoint and the /v1/relay WebSocket. `arkpay start` (npm start) uses them.
 */

import { acquirerForKey } from '../http/auth';
import { registerPosRoutes } from '../pos/routes';
import { attachRelay, type RelayOptions } from '../relay/attach';
import type { StartOptions } from '../server';
import { registerConsoleStatic } from './static';

export function withConsole(options: StartOptions = {}, relay: RelayOptions = {}): StartOptions {
  return {
    ...options,
    mount: (app) => {
      registerPosRoutes(app);
      registerConsoleStatic(app);
      options.mount?.(app);
    },
    onListen: (server, deps) => {
      const r = attachRelay(server, { acquirerId: (key) => acquirerForKey(deps, key), ...relay });
      // Open relay sockets would keep close() waiting: end them first.
      const close = server.close.bind(server);
      server.close = ((cb?: (err?: Error) => void) => {
        r.close();
        return close(cb);
      }) as typeof server.close;
      options.onListen?.(server, deps);
    },
  };
}
