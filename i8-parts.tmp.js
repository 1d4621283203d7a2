const { Hologram, Credentials } = require('./dist/lib/index.js');
const { CloudEmulator } = require('./dist/lib/testing/index.js');
const { TcpTransport } = require('./dist/lib/cloud/tcp-transport.js');
const { encodeMessageFrame } = require('./dist/lib/cloud/cloud-frame.js');
const { firstValueFrom } = require('rxjs');
const net = require('node:net');
function bare(port, frame) { return new Promise((res, rej) => { const c = []; const s = net.connect(port, '127.0.0.1', () => s.write(frame)); s.setNoDelay(true); s.on('data', d => c.push(d)); s.on('end', () => { s.destroy(); res(Buffer.concat(c).toString()); }); s.on('error', rej); }); }
(async () => {
  const em = new CloudEmulator({ deviceKeys: ['bench123'] });
  const port = await em.listen();
  const N = 2000;
  const h = new Hologram(Credentials.fromDeviceKey('bench123'), { sendHost: '127.0.0.1', sendPort: port });
  const tr = new TcpTransport();
  const sender = h['_'] ;
  for (let round = 0; round < 2; round++) {
    let t = performance.now();
    for (let i = 0; i < N; i++) await bare(port, Buffer.from(encodeMessageFrame({ deviceKey: 'bench123', data: 'm' + i, topics: ['bench'] })));
    const b = (performance.now() - t) * 1000 / N;
    t = performance.now();
    for (let i = 0; i < N; i++) await firstValueFrom(tr.exchange({ host: '127.0.0.1', port, payload: Buffer.from(encodeMessageFrame({ deviceKey: 'bench123', data: 'm' + i, topics: ['bench'] })) }));
    const x = (performance.now() - t) * 1000 / N;
    t = performance.now();
    for (let i = 0; i < N; i++) await h.sendMessage('m' + i, ['bench']);
    const s = (performance.now() - t) * 1000 / N;
    console.log(`bare ${b.toFixed(0)}us  transport ${x.toFixed(0)}us  sendMessage ${s.toFixed(0)}us`);
  }
  h.close(); await em.close();
})();
