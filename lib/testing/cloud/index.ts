// The cloud part of `hologram-rx/testing`.
export { CloudEmulator } from '../cloud-emulator';
export type { CloudEmulatorFaults, CloudEmulatorOptions, ReceivedFrame } from '../cloud-emulator';
