/** The issuer API shapes the console reads (see the view modules under server/src). */
export interface Program {
  id: string;
  name: string;
  scheme: string;
  aid: string;
  profile: string;
  tokenBin: string;
  domains: string[];
  masterKeyCheckValue: string;
}

export interface Token {
  id: string;
  tokenNumber: string;
  programId: string;
  panLast4: string;
  expiry: string;
  state: string;
  idv: string;
  createdAt: number;
  updatedAt: number;
}

export interface IssuerEvent {
  id: string;
  type: string;
  subjectId: string;
  payload: Record<string, string | number | boolean | null>;
  createdAt: number;
  delivery: string;
  attempts: number;
}
