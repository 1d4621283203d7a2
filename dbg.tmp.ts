import { SqliteOutboxStore } from './lib/outbox/sqlite-outbox-store';
import { statSync, statfsSync, readdirSync } from 'node:fs';
import { pragmaValue } from './lib/outbox/sqlite-engine';
const path = '/tmp/dbg4/a.db';
const store = new SqliteOutboxStore({ path });
const reading = (n: number) => ({ data: `reading-${n}-`.padEnd(290, 'x'), topics: ['t1'] });
const ids: number[] = [];
try { for (let n = 0; ; n++) ids.push(store.append([reading(n)], { acceptedAt: n }).entries[0]!.id); } catch (e) { console.log(String(e)); }
const db = (store as any).db;
const show = (w: string) => { const f = statfsSync('/tmp/dbg4'); console.log(w, ids.length, 'db', statSync(path).size, 'free', f.bavail * f.bsize, 'freelist', pragmaValue(db, 'freelist_count'), 'page_count', pragmaValue(db,'page_count'), readdirSync('/tmp/dbg4').map(x => x + ':' + statSync('/tmp/dbg4/' + x).size).join(' ')); };
show('full');
for (const id of ids) store.remove([id]);
show('drained');
