import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InterfaceReader, InterfaceSnapshot } from './interface-reader';

/**
 * The real `InterfaceReader`: Linux sysfs. Reads are synchronous on purpose: sysfs attributes are
 * generated in memory by the kernel (no disk), cost microseconds and happen twice a second.
 */
export function sysfsInterfaceReader(root = '/sys/class/net'): InterfaceReader {
  return {
    read(interfaceName: string): InterfaceSnapshot | undefined {
      let operstate: string;
      try {
        operstate = readFileSync(join(root, interfaceName, 'operstate'), 'utf8').trim();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      let carrier: boolean | undefined;
      try {
        carrier = readFileSync(join(root, interfaceName, 'carrier'), 'utf8').trim() === '1';
      } catch {
        // EINVAL while the interface is administratively down: the kernel does not know.
        carrier = undefined;
      }
      return { operstate, carrier };
    },
    list(): readonly string[] {
      try {
        return readdirSync(root).sort();
      } catch {
        return [];
      }
    },
  };
}
