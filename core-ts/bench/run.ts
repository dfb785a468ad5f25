/** `npm run bench` for the core: each figure next to a reference measured in the same run. */
import { decodeTlv, encodeTemplate, encodeTlv, fromHex } from '../src/index';
import { runCryptogramBench } from './cryptogram';
import { measure, print } from './measure';
import { runQrBench } from './qr';
import { runTapBench } from './tap';

const gpo = encodeTemplate(0x77, [
  encodeTlv(0x82, fromHex('0080')),
  encodeTlv(0x57, fromHex('4761739001010119D24122011234567890123F')),
  encodeTlv(0x5f34, fromHex('01')),
  encodeTlv(0x9f10, fromHex('06011203A000000100')),
  encodeTlv(0x9f26, fromHex('1122334455667788')),
  encodeTlv(0x9f27, fromHex('80')),
  encodeTlv(0x9f36, fromHex('0001')),
  encodeTlv(0x9f6c, fromHex('0080')),
]);
const json = JSON.stringify({
  aip: '0080',
  track2: '4761739001010119D24122011234567890123F',
  psn: '01',
  iad: '06011203A000000100',
});

console.log('\nTLV codec (a qVSDC GPO response) vs JSON.parse of a payload of similar size');
const tlv = measure('decodeTlv(GPO response)', () => void decodeTlv(gpo));
const ref = measure('reference: JSON.parse', () => void JSON.parse(json));
print(tlv);
print(ref);
console.log(`ratio decodeTlv / JSON.parse throughput: ${(tlv.opsPerSec / ref.opsPerSec).toFixed(2)}`);

runCryptogramBench();
runTapBench();
runQrBench();
