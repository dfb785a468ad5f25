/** Wallet device API: enrolment, provisioning, step-up, keys, own tokens and history, lost device, payments. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { registerTokenActions } from '../tokens/action-routes';
import { registerEnrolmentRoutes, registerLostDeviceRoute } from './enrolment';
import { registerDevicePaymentRoutes } from './payments';
import { registerProvisioningRoutes } from './provisioning';
import { registerOwnTokenRoutes } from './tokens';

/** Registration order is the OpenAPI document's order of the device paths. */
export function registerDeviceRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  registerEnrolmentRoutes(app, deps);
  registerProvisioningRoutes(app, deps);
  registerOwnTokenRoutes(app, deps);
  registerTokenActions(app, deps, 'device');
  registerLostDeviceRoute(app, deps);
  registerDevicePaymentRoutes(app, deps);
}
