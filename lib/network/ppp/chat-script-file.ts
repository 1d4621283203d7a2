import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A chat script on disk for pppd's `connect` command, in a private directory (mode 0700/0600). */
export interface ChatScriptFile {
  readonly path: string;
  remove(): void;
}

export function writeChatScriptFile(text: string, directory = tmpdir()): ChatScriptFile {
  const folder = mkdtempSync(join(directory, 'hologram-ppp-'));
  const path = join(folder, 'chat-script');
  writeFileSync(path, text, { mode: 0o600 });
  return {
    path,
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
