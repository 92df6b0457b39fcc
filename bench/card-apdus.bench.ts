// APDUs and time for a complete card read, per card image and reader exchange level, through the
// simulated USB readers and our CCID driver (the Demo reader's path). Targets (issue 4): full SMC-B G2.1
// read ≤ 16 APDUs on an extended-APDU reader, ≤ 40 on a short-APDU or TPDU reader. Time is shown as a
// ratio to the anchor: the same read straight against the simulated card (no USB/CCID in between).
import { readFileSync } from 'node:fs';
import { loadCardImage, connectThroughSimulatedReader, directConnection } from '../src/transport/simulated/card-image/index.ts';
import { openGuardedChannel } from '../src/apdu/index.ts';
import { readCard } from '../src/cards/index.ts';

const images = [
  'SMCB_G2_1_80276001011699802021', 'SMCB_G2_0_80276001011699901340',
  'HBA_G2_1_80276883110000220885', 'HBA_G2_0_80276883110000017289', 'EGK_G2_1_80276883110000095711',
];
const readers = [
  ['extended APDU', 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader'],
  ['short APDU', 'Cherry_SmartTerminal_XX44'],
  ['TPDU (T=1)', 'ACS_ACR39U_ICC_Reader'],
] as const;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeIt(run: () => Promise<number>, rounds: number): Promise<{ ms: number; apdus: number }> {
  let apdus = 0;
  await run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    apdus = await run();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), apdus };
}

console.log('| card image | reader level (model) | APDUs | target | ms per read (median) | × anchor |');
console.log('|---|---|---:|---:|---:|---:|');
for (const image of images) {
  const xml = readFileSync(new URL(`../test/fixtures/cardimages/${image}.xml`, import.meta.url), 'utf8');
  const anchor = await timeIt(async () => {
    const conn = directConnection(loadCardImage(xml));
    return (await readCard(openGuardedChannel(conn), { atr: conn.atr })).apduCount;
  }, 15);
  console.log(`| ${image} | anchor: card alone, extended | ${anchor.apdus} | | ${anchor.ms.toFixed(2)} | 1.00 |`);
  for (const [level, id] of readers) {
    const r = await timeIt(async () => {
      const session = await connectThroughSimulatedReader(loadCardImage(xml), id);
      try {
        return (await readCard(openGuardedChannel(session.connection), { atr: session.connection.atr })).apduCount;
      } finally {
        await session.close();
      }
    }, 9);
    const target = image.startsWith('SMCB_G2_1') ? (level === 'extended APDU' ? '≤ 16' : '≤ 40') : '';
    console.log(`| ${image} | ${level} (${id}) | ${r.apdus} | ${target} | ${r.ms.toFixed(2)} | ${(r.ms / anchor.ms).toFixed(2)} |`);
  }
}
console.log('');
console.log('SMC-B G2.1 on an extended path: 1 SELECT MF (FCP) + 3 READ BINARY (EF.ATR, EF.GDO, EF.Version2) + 3 READ RECORD');
console.log('(EF.DIR: 2 records + the 6A83 that ends the list) + 5 CV-certificate files (gemSpec_SMC-B_ObjSys G2.1 keeps the');
console.log('RSA CV files) + 1 GET PIN STATUS + 1 SELECT DF.ESIGN + 6 X.509 files = 20, one APDU per file.');
