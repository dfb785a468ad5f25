/** Random port: cryptographically secure random bytes from the platform. */
export interface Random {
  bytes(n: number): Uint8Array;
}
