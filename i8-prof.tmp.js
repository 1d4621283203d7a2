const { Hologram, Credentials } = require('./dist/lib/index.js');
const { CloudEmulator } = require('./dist/lib/testing/index.js');
(async () => {
  const em = new CloudEmulator({ deviceKeys: ['bench123'] });
  const port = await em.listen();
  const h = new Hologram(Credentials.fromDeviceKey('bench123'), { sendHost: '127.0.0.1', sendPort: port });
  const N = Number(process.argv[2] || 3000);
  const t = performance.now();
  for (let i = 0; i < N; i++) await h.sendMessage('m' + i, ['bench']);
  console.log('per msg us', ((performance.now() - t) * 1000 / N).toFixed(1));
  h.close(); await em.close();
})();
