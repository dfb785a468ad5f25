/** Stand-in for @kit.CryptoArchitectureKit: `cryptoFramework` on the model in ../crypto. */
import * as cf from '../crypto/crypto-framework';

export const cryptoFramework = {
  CryptoMode: cf.CryptoMode,
  createSymKeyGenerator: cf.createSymKeyGenerator,
  createCipher: cf.createCipher,
  createMd: cf.createMd,
  createRandom: cf.createRandom,
  createAsyKeyGenerator: cf.createAsyKeyGenerator,
  createKeyAgreement: cf.createKeyAgreement,
  createKdf: cf.createKdf,
};
