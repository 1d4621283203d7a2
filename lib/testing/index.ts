// Test doubles shipped with the SDK: the cloud emulator and the modem simulator.
export {};
