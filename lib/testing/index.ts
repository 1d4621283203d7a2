// Test doubles shipped with the SDK: the cloud and REST emulators, the modem simulator, the pty
// pair, and the virtual-time pieces (a clock, a serial binding, a scripted AT port).
export * from './cloud';
export * from './modem-simulator';
export { openPtyPair, PtyPairError, type PtyPair } from './pty-pair';
export { ScriptedPort, table, type Reply } from './scripted-port';
export { VirtualClock } from './virtual-clock';
export { VirtualSerialBinding, VirtualPortBinding } from './virtual-serial-binding';
export { RestEmulator, DEFAULT_EMULATED_PLANS } from './rest-emulator';
export type { RestEmulatorFaults, RestEmulatorOptions, RestRequestRecord } from './rest-emulator';
export type { EmulatedPlan } from './rest/rest-routes';
