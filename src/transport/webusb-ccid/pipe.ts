// Bulk pipe layer: one CCID command at a time over bulk-OUT/bulk-IN. Matches replies by bSeq and
// slot, drops stale replies (a reply to an earlier, timed-out command), keeps reading while the reader
// sends time extensions, and never forgets a transferIn (WebUSB cannot cancel one; a forgotten
// transferIn would swallow the next reply, so a timed-out read is reused by the next command).
import { TransportError, isTransportError } from '../errors.ts';
import { hex } from '../bytes.ts';
import type { TraceSink } from '../types.ts';
import { decodeReply, expectedReplyType, headerLength, replyError, type CcidReply } from './messages.ts';
import { dataViewBytes, type UsbDeviceLike, type UsbInTransferResultLike } from './usb-types.ts';

export interface PipeOptions {
  /** Waiting time for one reply (time extensions restart it). */
  replyTimeoutMs?: number;
  /** Time extensions tolerated for one command (a reader stuck in "need more time"). */
  maxTimeExtensions?: number;
  /** Stale replies dropped for one command before we call the reader broken. */
  maxStaleReplies?: number;
}

const commandNames: Record<number, string> = {
  0x61: 'SetParameters', 0x62: 'IccPowerOn', 0x63: 'IccPowerOff', 0x65: 'GetSlotStatus', 0x6b: 'Escape',
  0x6c: 'GetParameters', 0x6d: 'ResetParameters', 0x6f: 'XfrBlock', 0x72: 'Abort',
  0x80: 'DataBlock', 0x81: 'SlotStatus', 0x82: 'Parameters', 0x83: 'Escape',
};

export function ccidMessageName(type: number): string {
  return commandNames[type] ?? `0x${type.toString(16)}`;
}

/** Maps a WebUSB transfer failure to a transport error. */
export function usbTransferError(e: unknown): TransportError {
  if (e instanceof TransportError) return e;
  const name = (e as { name?: string } | undefined)?.name ?? '';
  const message = (e as { message?: string } | undefined)?.message ?? String(e);
  if (name === 'NotFoundError' || /disconnected|not found|no device/i.test(message)) {
    return new TransportError('reader.unplugged', `reader disconnected (${message})`);
  }
  if (name === 'InvalidStateError') return new TransportError('reader.closed', `reader closed (${message})`);
  return new TransportError('reader.protocol', `USB transfer failed: ${name} ${message}`);
}

export class CcidPipe {
  #seq = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #pendingIn: Promise<UsbInTransferResultLike> | undefined;
  #gone: TransportError | undefined;
  readonly #replyTimeoutMs: number;
  readonly #maxTimeExtensions: number;
  readonly #maxStale: number;
  /** Statistics for tests and the trace. */
  staleDropped = 0;
  timeExtensions = 0;

  constructor(
    private readonly device: UsbDeviceLike,
    private readonly bulkOut: number,
    private readonly bulkIn: number,
    private readonly maxMessageLength: number,
    private readonly trace: TraceSink,
    options: PipeOptions = {},
  ) {
    this.#replyTimeoutMs = options.replyTimeoutMs ?? 15_000;
    this.#maxTimeExtensions = options.maxTimeExtensions ?? 200;
    this.#maxStale = options.maxStaleReplies ?? 16;
  }

  get gone(): TransportError | undefined {
    return this.#gone;
  }

  markGone(error: TransportError): void {
    this.#gone ??= error;
  }

  /** Sends one command (built for the next bSeq) and returns its reply; serialised per reader. */
  command(build: (seq: number) => Uint8Array, options: { quiet?: boolean } = {}): Promise<CcidReply> {
    const run = this.#queue.then(() => this.#commandNow(build, options.quiet === true));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Like command(), but a failed reply (bmCommandStatus = 1) becomes a TransportError. */
  async commandOk(build: (seq: number) => Uint8Array): Promise<CcidReply> {
    const reply = await this.command(build);
    if (reply.commandStatus === 'failed') throw replyError(reply);
    return reply;
  }

  async #commandNow(build: (seq: number) => Uint8Array, quiet: boolean): Promise<CcidReply> {
    const trace: TraceSink = quiet ? () => {} : this.trace;
    if (this.#gone) throw this.#gone;
    const seq = this.#seq;
    this.#seq = (this.#seq + 1) & 0xff;
    const message = build(seq);
    if (message.length > this.maxMessageLength) {
      throw new TransportError('apdu.tooLong', `CCID message of ${message.length} bytes exceeds the reader's ${this.maxMessageLength}`);
    }
    const type = message[0]!;
    const slot = message[5]!;
    trace({ direction: 'out', layer: 'ccid', bytes: message, note: `${ccidMessageName(type)} seq ${seq}` });
    await this.#write(message);
    let stale = 0;
    let extensions = 0;
    for (;;) {
      const bytes = await this.#read();
      let reply: CcidReply;
      try {
        reply = decodeReply(bytes);
      } catch (e) {
        trace({ direction: 'in', layer: 'ccid', bytes, note: 'malformed reply' });
        throw e;
      }
      if (reply.seq !== seq || reply.slot !== slot) {
        this.staleDropped++;
        trace({ direction: 'in', layer: 'ccid', bytes, note: `stale reply (seq ${reply.seq}) dropped` });
        if (++stale > this.#maxStale) throw new TransportError('reader.protocol', `reader sent ${stale} replies that match no command`);
        continue;
      }
      if (reply.commandStatus === 'time-extension') {
        this.timeExtensions++;
        trace({ direction: 'in', layer: 'ccid', bytes, note: `time extension (BWI ×${reply.error})` });
        if (++extensions > this.#maxTimeExtensions) {
          throw new TransportError('ccid.timeExtensionStorm', `reader asked for more time ${extensions - 1} times without answering`);
        }
        continue;
      }
      trace({ direction: 'in', layer: 'ccid', bytes, note: ccidMessageName(reply.type) });
      const expected = expectedReplyType(type);
      if (reply.type !== expected) {
        throw new TransportError('reader.protocol', `reader answered ${ccidMessageName(type)} with ${ccidMessageName(reply.type)}`);
      }
      return reply;
    }
  }

  async #write(message: Uint8Array): Promise<void> {
    let result;
    try {
      result = await this.device.transferOut(this.bulkOut, message);
    } catch (e) {
      throw this.#fail(e);
    }
    if (result.status === 'stall') {
      await this.device.clearHalt('out', this.bulkOut).catch(() => undefined);
      throw new TransportError('reader.stall', 'bulk-OUT endpoint stalled (cleared)');
    }
  }

  async #read(): Promise<Uint8Array> {
    let pending = this.#pendingIn;
    if (!pending) {
      pending = this.device.transferIn(this.bulkIn, Math.max(this.maxMessageLength, headerLength + 261));
      // A read abandoned after a timeout may fail later (device closed): that must not surface as
      // an unhandled rejection; the next read sees the failure itself.
      pending.catch(() => undefined);
    }
    this.#pendingIn = pending;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), this.#replyTimeoutMs); });
    let result: UsbInTransferResultLike | 'timeout';
    try {
      result = await Promise.race([pending, timeout]);
    } catch (e) {
      this.#pendingIn = undefined;
      throw this.#fail(e);
    } finally {
      clearTimeout(timer);
    }
    if (result === 'timeout') {
      // The transfer stays pending; the next read takes it over (and drops its reply if stale).
      throw new TransportError('reader.timeout', `no reply from the reader within ${this.#replyTimeoutMs} ms`);
    }
    this.#pendingIn = undefined;
    if (result.status === 'stall') {
      await this.device.clearHalt('in', this.bulkIn).catch(() => undefined);
      this.trace({ direction: 'note', layer: 'usb', note: 'bulk-IN stalled, halt cleared' });
      throw new TransportError('reader.stall', 'bulk-IN endpoint stalled (cleared)');
    }
    if (result.status === 'babble') throw new TransportError('reader.protocol', 'bulk-IN babble (reply longer than expected)');
    const bytes = dataViewBytes(result.data);
    if (bytes.length === 0) throw new TransportError('reader.protocol', 'empty bulk-IN transfer');
    return bytes;
  }

  #fail(e: unknown): TransportError {
    const error = usbTransferError(e);
    if (isTransportError(error, 'reader.unplugged') || isTransportError(error, 'reader.closed')) this.markGone(error);
    this.trace({ direction: 'note', layer: 'usb', note: `${error.code}: ${error.message}` });
    return error;
  }
}

export function describeReply(reply: CcidReply): string {
  return `${ccidMessageName(reply.type)} slot ${reply.slot} seq ${reply.seq} `
    + `status ${reply.status.toString(16)} error ${reply.error.toString(16)} data ${hex(reply.data)}`;
}
