/** Hono environment: who is calling, established by the auth middleware. */
export type PrincipalKind = 'admin' | 'issuer' | 'acquirer' | 'device';

export interface Principal {
  kind: PrincipalKind;
  id: string;
}

export interface AppEnv {
  Variables: { principal: Principal };
}
