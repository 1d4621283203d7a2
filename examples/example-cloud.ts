import { Credentials } from 'hologram-rx';
import { CloudEmulator } from 'hologram-rx/testing';

/**
 * Where the examples send: the cloud named by HOLOGRAM_HOST / HOLOGRAM_PORT (and HOLOGRAM_DEVICEKEY)
 * when set, otherwise a CloudEmulator started here, so every example runs with one command.
 */
export async function exampleCloud(): Promise<{
  host: string;
  port: number;
  credentials: Credentials;
  emulator?: CloudEmulator;
  close(): Promise<void>;
}> {
  const deviceKey = process.env.HOLOGRAM_DEVICEKEY ?? 'abcdefgh';
  const credentials = Credentials.fromDeviceKey(deviceKey);
  if (process.env.HOLOGRAM_HOST !== undefined && process.env.HOLOGRAM_PORT !== undefined) {
    return { host: process.env.HOLOGRAM_HOST, port: Number(process.env.HOLOGRAM_PORT), credentials, close: async () => undefined };
  }
  const emulator = new CloudEmulator({ deviceKeys: [deviceKey] });
  const port = await emulator.listen();
  return { host: '127.0.0.1', port, credentials, emulator, close: () => emulator.close() };
}
