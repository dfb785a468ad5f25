/** The API answer of a recorded authorization (for an idempotent retry whose first answer was lost). */
import type { AuthorizationsTable } from '../db/schema';
import type { AuthorizationResultT } from './model';
import { ARC_APPROVED, ARC_DECLINED } from './tap';

export function toAuthorizationResult(r: AuthorizationsTable): AuthorizationResultT {
  const approved = r.approved === 1;
  // An ARC is answered with an ARPC only (card-present cryptogram paths).
  const arc = r.arpc === null ? null : approved ? ARC_APPROVED : ARC_DECLINED;
  return { id: r.id, approved, reason: r.reason, arc, arpc: r.arpc };
}
