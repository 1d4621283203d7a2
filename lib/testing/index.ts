// Test doubles shipped with the SDK: the cloud emulator, the modem simulator and the pty pair.
export * from './cloud';
export * from './modem-simulator';
export { openPtyPair, PtyPairError, type PtyPair } from './pty-pair';
export { RestEmulator, DEFAULT_EMULATED_PLANS } from './rest-emulator';
export type { RestEmulatorFaults, RestEmulatorOptions, RestRequestRecord } from './rest-emulator';
export type { EmulatedPlan } from './rest/rest-routes';
