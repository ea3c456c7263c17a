/**
 * Splits the bytes a Postgres client sends into protocol frames, for the embedded database's wire
 * server (pglite-socket-server.ts). Reference: https://www.postgresql.org/docs/current/protocol-message-formats.html
 *
 * Before the startup message a frame has no type byte (Int32 length, Int32 code): SSLRequest,
 * GSSENCRequest, CancelRequest or the StartupMessage itself. After it, every frame is a type byte
 * and an Int32 length that counts itself but not the type.
 */

/** Protocol 3.0, the only version PGlite speaks: a startup message asking for another is refused before it reaches PGlite. */
export const PROTOCOL_VERSION_3 = 196608;
const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;
const CANCEL_REQUEST_CODE = 80877102;
/** A client message longer than this is refused (Postgres itself caps most messages at 1 GB; ours are far smaller). */
export const MAX_CLIENT_MESSAGE_BYTES = 256 * 1024 * 1024;

export type WireFrame =
  /** SSLRequest or GSSENCRequest: answered 'N' (not supported), the client goes on in plain text. */
  | { kind: 'encryption-request' }
  /** CancelRequest: PGlite has no backend to signal; the connection is closed. */
  | { kind: 'cancel-request' }
  | { kind: 'startup'; bytes: Uint8Array }
  /** A startup message for a protocol version other than 3.0 (PGlite would break on it). */
  | { kind: 'unsupported-startup'; version: number }
  /** A typed message: `type` is its first byte as a character ("P", "B", "S", "Q", "X"...). */
  | { kind: 'message'; type: string; bytes: Uint8Array };

export class WireFrameTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`client message of ${bytes} bytes refused (at most ${MAX_CLIENT_MESSAGE_BYTES})`);
    this.name = 'WireFrameTooLargeError';
  }
}

/** One connection's reader: push() its chunks in order, it returns the complete frames. */
export class WireFrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private startupDone = false;

  push(chunk: Buffer): WireFrame[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: WireFrame[] = [];
    for (;;) {
      const frame = this.startupDone ? this.typedFrame() : this.untypedFrame();
      if (frame === null) return frames;
      frames.push(frame);
    }
  }

  private untypedFrame(): WireFrame | null {
    if (this.buffer.length < 8) return null;
    const length = this.buffer.readInt32BE(0);
    if (length < 8 || length > MAX_CLIENT_MESSAGE_BYTES) throw new WireFrameTooLargeError(length);
    if (this.buffer.length < length) return null;
    const code = this.buffer.readInt32BE(4);
    const bytes = this.take(length);
    if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) return { kind: 'encryption-request' };
    if (code === CANCEL_REQUEST_CODE) return { kind: 'cancel-request' };
    if (code !== PROTOCOL_VERSION_3) return { kind: 'unsupported-startup', version: code };
    this.startupDone = true;
    return { kind: 'startup', bytes };
  }

  private typedFrame(): WireFrame | null {
    if (this.buffer.length < 5) return null;
    const length = this.buffer.readInt32BE(1);
    if (length < 4 || length > MAX_CLIENT_MESSAGE_BYTES) throw new WireFrameTooLargeError(length);
    if (this.buffer.length < length + 1) return null;
    const type = String.fromCharCode(this.buffer[0]!);
    return { kind: 'message', type, bytes: this.take(length + 1) };
  }

  private take(length: number): Uint8Array {
    const bytes = new Uint8Array(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length);
    return bytes;
  }
}

/**
 * Whether a typed message ends a round: the client then waits for the server's answer. Sync ends an
 * extended-query sequence (Parse, Bind, Describe, Execute, Close), Query is a whole simple query,
 * Flush asks for the output so far, FunctionCall is answered at once; CopyDone and CopyFail end a
 * COPY FROM STDIN. Every other message waits for the rest of its round.
 */
export function endsRound(type: string): boolean {
  return type === 'S' || type === 'Q' || type === 'H' || type === 'F' || type === 'c' || type === 'f';
}

/**
 * The message types a client may send after startup (frontend messages of protocol 3.0): Bind,
 * Close, CopyData, CopyDone, CopyFail, Describe, Execute, Flush, FunctionCall, Parse,
 * PasswordMessage (and its SASL forms), Query, Sync, Terminate. Anything else is refused before it
 * reaches PGlite, which hangs on an unknown type.
 */
export const CLIENT_MESSAGE_TYPES: ReadonlySet<string> = new Set(['B', 'C', 'd', 'c', 'f', 'D', 'E', 'H', 'F', 'P', 'p', 'Q', 'S', 'X']);

/**
 * Whether a Query or Parse message asks for COPY ... FROM STDIN, which ends PGlite's process (it has
 * no client stream to read): refused with an error instead. Decided on the SQL text the message holds.
 */
export function asksForCopyFromStdin(type: string, bytes: Uint8Array): boolean {
  if (type !== 'Q' && type !== 'P') return false;
  const text = Buffer.from(bytes.subarray(5)).toString('utf8');
  return /\bcopy\b[\s\S]*?\bfrom\s+stdin\b/i.test(text);
}

/** The transaction status of the last ReadyForQuery ('Z') in a server output: 'I' idle, 'T' in a block, 'E' failed block; null when none. */
export function lastReadyForQueryStatus(output: Uint8Array): 'I' | 'T' | 'E' | null {
  let status: 'I' | 'T' | 'E' | null = null;
  let offset = 0;
  while (offset + 5 <= output.length) {
    const type = output[offset]!;
    const length = ((output[offset + 1]! << 24) | (output[offset + 2]! << 16) | (output[offset + 3]! << 8) | output[offset + 4]!) >>> 0;
    if (type === 0x5a && length === 5 && offset + 6 <= output.length) {
      const value = String.fromCharCode(output[offset + 5]!);
      if (value === 'I' || value === 'T' || value === 'E') status = value;
    }
    offset += 1 + length;
  }
  return status;
}
