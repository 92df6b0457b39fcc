// One call from a guarded channel to the report: the path both the card page and `ti-card` take.
import type { ApduChannel } from '../../apdu/types.ts';
import { readCard } from '../../cards/reader.ts';
import { buildCardReport, type BuildOptions, type CardReport } from './report.ts';
import { trustOfCardFiles, type CardTrustReport } from '../pki/trust/card.ts';
import type { TrustStore } from '../pki/trust/index.ts';

/** With `trust`, the report carries the trust verdicts of its certificates and the card's authenticity. */
export async function readCardReport(
  channel: ApduChannel, atr: Uint8Array, options: BuildOptions & { trust?: TrustStore },
): Promise<CardReport & { trust?: CardTrustReport }> {
  const readout = await readCard(channel, { atr });
  const report = await buildCardReport(readout, options);
  return options.trust ? { ...report, trust: await trustOfCardFiles(options.trust, readout.certificates, options.now) } : report;
}
