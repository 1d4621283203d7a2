import { RESTEmulator, type RESTRequestRecord } from '../../lib/testing/rest-emulator';

/** `RESTEmulator.requests$` (what `hologram emulator --rest` prints) over real HTTP. */
describe('RESTEmulator.requests$', () => {
  it('emits each request as it is answered, without its secret, and completes on close()', async () => {
    const emulator = new RESTEmulator({ apiKeys: ['k3y-for-requests'] });
    const seen: RESTRequestRecord[] = [];
    let completed = false;
    emulator.requests$.subscribe({ next: (request) => seen.push(request), complete: () => (completed = true) });
    await emulator.listen();
    const basic = `Basic ${Buffer.from('apikey:k3y-for-requests').toString('base64')}`;
    expect((await fetch(`${emulator.baseURL}/plans`, { headers: { authorization: basic } })).status).toBe(200);
    expect((await fetch(`${emulator.baseURL}/plans`)).status).toBe(401);
    expect(seen).toEqual([
      { method: 'GET', path: '/plans', query: {}, auth: 'apikey', body: '', status: 200 },
      { method: 'GET', path: '/plans', query: {}, auth: 'none', body: '', status: 401 },
    ]);
    expect(seen).toEqual(emulator.requests);
    expect(completed).toBe(false);
    await emulator.close();
    expect(completed).toBe(true);
  });

  it('completes on close() of an emulator that never listened', async () => {
    const emulator = new RESTEmulator();
    let completed = false;
    emulator.requests$.subscribe({ complete: () => (completed = true) });
    await emulator.close();
    expect(completed).toBe(true);
  });
});
