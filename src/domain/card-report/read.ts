// One call from a guarded channel to the report: the path both the card page and `ti-card` take.
import type { ApduChannel } from '../../apdu/types.ts';
import { readCard } from '../../cards/reader.ts';
import { buildCardReport, type BuildOptions, type CardReport } from './report.ts';

export async function readCardReport(channel: ApduChannel, atr: Uint8Array, options: BuildOptions): Promise<CardReport> {
  const readout = await readCard(channel, { atr });
  return buildCardReport(readout, options);
}
