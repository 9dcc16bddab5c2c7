// Socket Mode as Slack serves it, for tests: apps.connections.open hands out a ws:// URL on the
// fake's own port; a connecting client gets `hello`, then the envelopes a test sends
// (slash_commands, interactive, events_api), and each envelope's promise resolves with the
// client's acknowledgement payload. A minimal RFC 6455 server: text, ping/pong and close frames.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface SocketEnvelope {
  type: 'slash_commands' | 'interactive' | 'events_api';
  payload: Record<string, unknown>;
  retryAttempt?: number;
  retryReason?: string;
}

export class FakeSlackSocket {
  private socket?: Duplex;
  private buffered = Buffer.alloc(0);
  private readonly pending = new Map<string, (payload: Record<string, unknown>) => void>();
  private connectedResolve!: () => void;
  /** Resolves once a client has connected and been greeted. */
  readonly connected = new Promise<void>((resolve) => {
    this.connectedResolve = resolve;
  });
  /** How many times a client has opened a connection. */
  connections = 0;

  /** Takes over an HTTP upgrade request to /link. */
  upgrade(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const accept = createHash('sha1')
      .update(key + WEBSOCKET_GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.socket = socket;
    this.connections += 1;
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => {});
    this.sendText(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake' },
        connection_info: { app_id: 'A0CALLBOARD' },
      }),
    );
    this.connectedResolve();
  }

  /** Sends an envelope; resolves with the payload the client acknowledged it with. */
  send(envelope: SocketEnvelope): Promise<Record<string, unknown>> {
    const id = randomUUID();
    const acked = new Promise<Record<string, unknown>>((resolve) => this.pending.set(id, resolve));
    this.sendText(
      JSON.stringify({
        envelope_id: id,
        type: envelope.type,
        payload: envelope.payload,
        accepts_response_payload: envelope.type !== 'events_api',
        ...(envelope.retryAttempt !== undefined
          ? { retry_attempt: envelope.retryAttempt, retry_reason: envelope.retryReason ?? 'timeout' }
          : {}),
      }),
    );
    return acked;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private sendText(text: string): void {
    this.frame(OPCODE.text, Buffer.from(text, 'utf8'));
  }

  private frame(opcode: number, payload: Buffer): void {
    if (!this.socket) throw new Error('fake Slack socket: no client connected');
    const length = payload.length;
    const head =
      length < 126
        ? Buffer.from([0x80 | opcode, length])
        : length < 65536
          ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
    this.socket.write(Buffer.concat([head, payload]));
  }

  /** Client frames are masked, may arrive split or several to a chunk. */
  private receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    for (;;) {
      if (this.buffered.length < 2) return;
      const opcode = this.buffered[0] & 0x0f;
      const masked = (this.buffered[1] & 0x80) !== 0;
      let length = this.buffered[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffered.length < 4) return;
        length = this.buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffered.length < 10) return;
        length = Number(this.buffered.readBigUInt64BE(2));
        offset = 10;
      }
      const maskLength = masked ? 4 : 0;
      if (this.buffered.length < offset + maskLength + length) return;
      const mask = this.buffered.subarray(offset, offset + maskLength);
      const payload = Buffer.from(this.buffered.subarray(offset + maskLength, offset + maskLength + length));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
      this.buffered = this.buffered.subarray(offset + maskLength + length);
      this.handleFrame(opcode, payload);
    }
  }

  private handleFrame(opcode: number, payload: Buffer): void {
    if (opcode === OPCODE.ping) this.frame(OPCODE.pong, payload);
    else if (opcode === OPCODE.close) {
      this.frame(OPCODE.close, payload.subarray(0, 2));
      this.close();
    } else if (opcode === OPCODE.text) {
      const message = JSON.parse(payload.toString('utf8')) as {
        envelope_id?: string;
        payload?: Record<string, unknown>;
      };
      const resolve = message.envelope_id ? this.pending.get(message.envelope_id) : undefined;
      if (resolve) {
        this.pending.delete(message.envelope_id!);
        resolve(message.payload ?? {});
      }
    }
  }
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(length));
  return buffer;
}
