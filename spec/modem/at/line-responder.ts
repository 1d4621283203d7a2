import type { Duplex } from 'node:stream';

/**
 * A tiny scripted modem on the far end of a real stream (a pty pair's modem side): reads CR-ended
 * command lines and answers from a function. `byteByByte` writes each reply one byte per write with
 * a macrotask between them, so the host sees the response split at every byte.
 */
export function respondLines(
  stream: Duplex,
  answer: (command: string, count: number) => string | undefined,
  options: { byteByByte?: boolean; echo?: boolean } = {},
): void {
  let buffer = '';
  const counts = new Map<string, number>();
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    let cr: number;
    while ((cr = buffer.indexOf('\r')) >= 0) {
      const command = buffer.slice(0, cr);
      buffer = buffer.slice(cr + 1);
      const count = (counts.get(command) ?? 0) + 1;
      counts.set(command, count);
      const reply = answer(command, count);
      const text = (options.echo ? `${command}\r` : '') + (reply ?? '');
      if (text.length > 0) void write(stream, Buffer.from(text, 'latin1'), options.byteByByte === true);
    }
  });
}

async function write(stream: Duplex, bytes: Buffer, byteByByte: boolean): Promise<void> {
  if (!byteByByte) {
    stream.write(bytes);
    return;
  }
  for (const byte of bytes) {
    stream.write(Buffer.from([byte]));
    await new Promise((resolve) => setImmediate(resolve));
  }
}
