'use strict';
/*
 * Preloaded (NODE_OPTIONS=--require) into every Node process of `npm run test:arm64`, where Node
 * is an arm64 binary run by qemu-user on another CPU. Such a process's `process.execPath` is the
 * arm64 binary, which the kernel here cannot execute directly; a test that starts a child Node
 * with it (the CLI, a crash test) would fail for that reason alone. HOLOGRAM_EMULATED_NODE names
 * the script that runs that binary under qemu, and becomes `process.execPath`.
 */
if (process.env.HOLOGRAM_EMULATED_NODE) process.execPath = process.env.HOLOGRAM_EMULATED_NODE;
