import { startServer } from './server';

const s = await startServer();
console.log(`ArkPay token service listening on ${s.url}`);
