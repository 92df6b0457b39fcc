// The guarded APDU channel: the only way card profiles reach a transport. It checks every command
// against the read-only allow-list, sizes it to what reader and card can carry (extended length only
// when both allow it), counts APDUs (with an optional budget), and resolves ISO 7816-4 transport
// status words (61xx → GET RESPONSE, 6Cxx → repeat with the right Le) for every transport alike.
import type { CardConnection, TraceSink } from '../transport/types.ts';
import { getResponse, isBytesRemaining, isWrongLe, swLength } from '../transport/iso7816.ts';
import { checkAllowed, checkAllowedBytes } from './allow-list.ts';
import { shortCardLimits } from './card-limits.ts';
import { decodeResponse, encodeCommand, needsExtendedLength } from './codec.ts';
import { ApduError, type ApduChannel, type CardLimits, type ChannelLimits, type CommandApdu, type ResponseApdu } from './types.ts';

export interface GuardedChannelOptions {
  /** Card limits known up front (caller-provided); default: short length until updateCardLimits. */
  cardLimits?: CardLimits;
  /** Refuse to send more than this many APDUs (protects against runaway read loops). */
  apduBudget?: number;
  trace?: TraceSink;
}

const maxGetResponseRounds = 256;

export class GuardedApduChannel implements ApduChannel {
  #count = 0;
  #card: CardLimits;
  #limits: ChannelLimits;
  readonly #budget: number;
  readonly #trace: TraceSink | undefined;

  constructor(private readonly connection: CardConnection, options: GuardedChannelOptions = {}) {
    this.#card = options.cardLimits ?? shortCardLimits;
    this.#budget = options.apduBudget ?? Number.POSITIVE_INFINITY;
    this.#trace = options.trace;
    this.#limits = this.#compute();
  }

  get apduCount(): number {
    return this.#count;
  }

  get limits(): ChannelLimits {
    return this.#limits;
  }

  updateCardLimits(card: CardLimits): void {
    if (card.maxCommandLength < 5 || card.maxResponseLength < 3) {
      throw new ApduError('apdu.malformed', `implausible card limits ${card.maxCommandLength}/${card.maxResponseLength}`);
    }
    this.#card = card;
    this.#limits = this.#compute();
  }

  #compute(): ChannelLimits {
    const reader = this.connection.limits;
    const extendedLength = reader.extendedLength && this.#card.extendedLength;
    if (!extendedLength) {
      return {
        extendedLength,
        maxCommandLength: Math.min(261, reader.maxCommandLength, this.#card.maxCommandLength),
        maxResponseLength: Math.max(1, Math.min(256, reader.maxResponseLength - 2, this.#card.maxResponseLength - 2)),
      };
    }
    return {
      extendedLength,
      maxCommandLength: Math.min(reader.maxCommandLength, this.#card.maxCommandLength, 65544),
      maxResponseLength: Math.min(65536, reader.maxResponseLength - 2, this.#card.maxResponseLength - 2),
    };
  }

  async transmit(command: CommandApdu): Promise<ResponseApdu> {
    const first = await this.#send(command);
    if (isWrongLe(first.sw) && command.ne !== undefined) {
      // Wrong Le: the card tells the right one; ask again once.
      return this.#collect(await this.#send({ ...command, ne: swLength(first.sw) }));
    }
    return this.#collect(first);
  }

  async #collect(first: ResponseApdu): Promise<ResponseApdu> {
    let response = first;
    const parts: Uint8Array[] = [first.data];
    let rounds = 0;
    while (isBytesRemaining(response.sw)) {
      if (++rounds > maxGetResponseRounds) throw new ApduError('apdu.responseMalformed', 'card keeps answering 61xx');
      response = await this.#send(getResponse(swLength(response.sw)));
      parts.push(response.data);
    }
    if (parts.length === 1) return response;
    const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { data.set(p, at); at += p.length; }
    return { data, sw: response.sw };
  }

  async #send(command: CommandApdu): Promise<ResponseApdu> {
    const verdict = checkAllowed(command);
    if (!verdict.allowed) {
      this.#trace?.({ direction: 'note', layer: 'apdu', note: `refused: ${verdict.reason}` });
      throw new ApduError('apdu.refused', `refused by the read-only allow-list: ${verdict.reason}`);
    }
    const limits = this.#limits;
    if (needsExtendedLength(command) && !limits.extendedLength) {
      throw new ApduError('apdu.extendedNotAvailable', 'this reader/card path carries short APDUs only');
    }
    if (command.ne !== undefined && command.ne > limits.maxResponseLength) {
      throw new ApduError('apdu.tooLong', `Ne ${command.ne} exceeds the path's maximum of ${limits.maxResponseLength}`);
    }
    const bytes = encodeCommand(command, { allowExtended: limits.extendedLength });
    if (bytes.length > limits.maxCommandLength) {
      throw new ApduError('apdu.tooLong', `command of ${bytes.length} bytes exceeds the path's maximum of ${limits.maxCommandLength}`);
    }
    // Belt and braces: the bytes that actually leave are checked again.
    const wire = checkAllowedBytes(bytes);
    if (!wire.allowed) throw new ApduError('apdu.refused', `refused by the read-only allow-list: ${wire.reason}`);
    if (this.#count >= this.#budget) {
      throw new ApduError('apdu.budgetExceeded', `APDU budget of ${this.#budget} used up`);
    }
    this.#count++;
    this.#trace?.({ direction: 'out', layer: 'apdu', bytes, note: verdict.name });
    const reply = await this.connection.transmit(bytes);
    this.#trace?.({ direction: 'in', layer: 'apdu', bytes: reply });
    return decodeResponse(reply);
  }
}

export function openGuardedChannel(connection: CardConnection, options?: GuardedChannelOptions): ApduChannel {
  return new GuardedApduChannel(connection, options);
}
