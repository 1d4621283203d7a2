// Test doubles shipped with the SDK: the cloud emulator, the modem simulator and the pty pair.
export * from './cloud';
export * from './modem-simulator';
export { openPtyPair, PtyPairError, type PtyPair } from './pty-pair';
