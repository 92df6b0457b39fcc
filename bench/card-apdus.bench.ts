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
const smcb21: Record<string, number> = {};
for (const image of images) {
  const xml = readFileSync(new URL(`../src/assets/demo-cards/${image}.xml`, import.meta.url), 'utf8');
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
    if (image.startsWith('SMCB_G2_1')) smcb21[level] = r.apdus;
    console.log(`| ${image} | ${level} (${id}) | ${r.apdus} | ${target} | ${r.ms.toFixed(2)} | ${(r.ms / anchor.ms).toFixed(2)} |`);
  }
}
const verdict = (n: number | undefined, max: number): string => (n !== undefined && n <= max ? `met (${n})` : `NOT met (${n})`);
console.log('');
console.log(`Targets for a full SMC-B G2.1 read: extended APDU ≤ 16 → ${verdict(smcb21['extended APDU'], 16)}; `
  + `short APDU ≤ 40 → ${verdict(smcb21['short APDU'], 40)}; TPDU ≤ 40 → ${verdict(smcb21['TPDU (T=1)'], 40)}.`);
console.log('');
console.log('SMC-B G2.1 on an extended path: 1 SELECT MF (FCP: AID and life cycle) + 3 READ BINARY (EF.ATR, EF.GDO,');
console.log('EF.Version2) + 2 READ RECORD (EF.DIR record 2 and the 6A83 that ends the list; record 1 must name the MF,');
console.log('Card-G2-A_3651, whose AID the FCP already gave) + 5 CV-certificate files + 1 GET PIN STATUS + 1 SELECT DF.ESIGN');
console.log('+ 6 X.509 files, one READ BINARY per file. Why not 16: gemSpec_SMC-B_ObjSys_G2.1 requires the RSA CV files');
console.log('beside the ECC ones (Card-G2-A_2143, 5.3.5–5.3.9) and six X.509 files (5.4.2); with one READ BINARY per file');
console.log('that is 17 APDUs before EF.DIR, and the end of EF.DIR is only known from the 6A83. Dropping EF.DIR or files');
console.log('would drop what the report shows. The TPDU reader carries extended APDUs in T=1 blocks, hence its count.');
