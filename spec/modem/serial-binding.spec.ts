import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import type { BindingInterface, OpenOptions } from '@serialport/bindings-interface';
import { firstValueFrom } from 'rxjs';
import { Modem } from '../../lib/modem/modem';
import { SerialPortConnection } from '../../lib/modem/serial-port-connection';

/**
 * The serial binding is injectable: serialport's own `MockBinding` (from `@serialport/binding-mock`),
 * used as it is, carries a SerialPortConnection and a whole Modem. The real binding over a real pty
 * is proved in serial-port-connection.spec.ts and modem-pty.spec.ts.
 */

const PATH = '/dev/ROBOT';

/** MockBinding as it is, plus a hook on each port it opens (to answer what the host writes). */
function answering(respond: (written: string, port: MockPortBinding) => void): BindingInterface {
  return {
    list: () => MockBinding.list(),
    async open(options: OpenOptions) {
      const port = await MockBinding.open(options);
      const write = port.write.bind(port);
      port.write = async (buffer: Buffer) => {
        await write(buffer);
        respond(buffer.toString('latin1'), port);
      };
      return port;
    },
  };
}

/** A tiny AT responder: `OK` to everything, a model for `AT+CGMM`, registration for `+CREG?`. */
function modemLike(written: string, port: MockPortBinding): void {
  for (const line of written.split('\r').filter((l) => l !== '')) {
    if (/^AT\+CGMM$/i.test(line)) port.emitData('\r\nGENERIC-1\r\n\r\nOK\r\n');
    else if (/^AT\+CGMI$/i.test(line)) port.emitData('\r\nACME\r\n\r\nOK\r\n');
    else if (/^AT\+C(E|G)?REG\?$/i.test(line)) port.emitData(`\r\n${line.slice(2, -1)}: 2,1\r\n\r\nOK\r\n`);
    else port.emitData('\r\nOK\r\n');
  }
}

beforeEach(() => MockBinding.reset());

describe('SerialPortConnection with an injected binding', () => {
  it("opens serialport's MockBinding as it is: writes reach the mock, its data reaches the stream, and it stays present", async () => {
    MockBinding.createPort(PATH, { echo: false, record: true });
    const connection = new SerialPortConnection({ path: PATH, binding: MockBinding, pollIntervalMs: 10 });
    const stream = await connection.open();
    const received = new Promise<string>((resolve) => stream.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    await new Promise<void>((resolve, reject) => stream.write('AT\r', (error) => (error ? reject(error) : resolve())));
    const binding = (stream as unknown as { port: MockPortBinding }).port;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(binding.recording.toString()).toBe('AT\r');
    binding.emitData('\r\nOK\r\n');
    expect(await received).toBe('\r\nOK\r\n');
    // Presence is asked of the binding (MockBinding.list()), not the file system: no false unplug.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connection.state).toBe('open');
    await connection.close();
  });

  it('sees a port its binding no longer lists as lost', async () => {
    MockBinding.createPort(PATH, { echo: false });
    let present = true;
    const connection = new SerialPortConnection({ path: PATH, binding: MockBinding, pollIntervalMs: 10, exists: () => present });
    await connection.open();
    const lost = firstValueFrom(connection.disconnected$);
    present = false;
    expect((await lost).disconnected).toBe(true);
    expect(connection.state).toBe('reconnecting');
    await connection.close();
  });
});

describe('Modem.open with an injected binding', () => {
  it('initializes a modem over MockBinding and runs commands', async () => {
    MockBinding.createPort(PATH, { echo: false });
    const modem = await Modem.open(PATH, { binding: answering(modemLike) });
    try {
      expect(modem.state).toBe('ready');
      expect(await modem.model()).toBe('GENERIC-1');
      expect((await modem.command('AT+CFUN?')).final).toBe('OK');
    } finally {
      await modem.close();
    }
  });
});
