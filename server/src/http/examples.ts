/**
 * Answers as the issuer API gives them, for the OpenAPI document (the rest are drawn from the schemas
 * by example-of.ts). Typed by the views, so an example cannot drift from its schema's shape.
 */
import type { AuthorizationViewT } from '../authorize/view';
import type { TokenViewT } from '../tokens/view';

export const TOKEN_EXAMPLE: TokenViewT = {
  id: 'tok_3f6c0d8e9a7b4c21b5e4d3c2a1f0e9d8',
  tokenNumber: '4895370000012345',
  programId: 'prg_6d1e0c9b8a7f4e3d2c1b0a9f8e7d6c5b',
  deviceId: 'dev_0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  panLast4: '0119',
  par: 'V0010013823456789012345678901',
  expiry: '2811',
  psn: '00',
  state: 'active',
  idv: 'green',
  domains: ['contactless', 'qr', 'inapp'],
  createdAt: 1795770000000,
  updatedAt: 1795770000000,
};

export const AUTHORIZATION_EXAMPLE: AuthorizationViewT = {
  id: 'auth_5b8e2f1c0d9a4b7e8c6f3a2d1e0b9c8a',
  kind: 'tap',
  tokenId: TOKEN_EXAMPLE.id,
  originalId: null,
  domain: 'contactless',
  atc: 1,
  amount: 1250,
  currency: '156',
  billing: { amount: 1250, currency: '156', rate: null, markupBps: 0, rateDate: null },
  merchant: 'Corner Shop',
  approved: true,
  reason: 'APPROVED',
  arpc: '3A5F0C9E21B7D448',
  ownerVerified: true,
  createdAt: 1795770060000,
};
