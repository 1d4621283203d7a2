import { marbles } from 'rxjs-marbles/jest';
import { InvalidArgumentError } from '../../../lib/errors';
import { validateApn } from '../../../lib/modem/apn';
import { buildChatScript, chatAbortReason } from '../../../lib/network/ppp/chat-script';
import { buildPppdArguments } from '../../../lib/network/ppp/pppd-arguments';
import { parsePppdLine, type PppdOutputEvent } from '../../../lib/network/ppp/pppd-output-parser';
import { PPP_EXIT_CODES, pppExitName, pppExitReason } from '../../../lib/network/ppp/ppp-exit-codes';
import { PPPConnectionError } from '../../../lib/network/ppp/ppp-connection-error';
import { initialPppSession, pppEndpoints, reducePppSession } from '../../../lib/network/ppp/ppp-session';
import { pppNetworkState } from '../../../lib/network/ppp/ppp-link-state';
import { splitLines } from '../../../lib/network/ppp/split-lines';
import { HologramError } from '../../../lib/errors';

describe('chat script', () => {
  it('resets the modem, sets the APN, dials and expects CONNECT', () => {
    expect(buildChatScript({ apn: 'hologram' })).toBe(
      [
        "ABORT 'BUSY'",
        "ABORT 'NO CARRIER'",
        "ABORT 'NO DIALTONE'",
        "ABORT 'NO ANSWER'",
        "ABORT 'ERROR'",
        'TIMEOUT 30',
        "'' 'AT'",
        "OK 'ATH'",
        "OK 'ATZ'",
        `OK 'AT+CGDCONT=1,"IP","hologram"'`,
        "OK 'ATDT*99***1#'",
        "CONNECT ''",
        '',
      ].join('\n'),
    );
  });

  it('uses the context id and timeout given', () => {
    const script = buildChatScript({ apn: 'iot.example-apn.com', contextId: 3, timeoutSeconds: 60 });
    expect(script).toContain(`OK 'AT+CGDCONT=3,"IP","iot.example-apn.com"'`);
    expect(script).toContain("OK 'ATDT*99***3#'");
    expect(script).toContain('TIMEOUT 60');
  });

  it.each(['', 'holo gram', "holo'gram", 'holo"gram', 'hologram\nATD', '-hologram', 'a..b', 'x'.repeat(101), 42])(
    'refuses the APN %j naming it',
    (apn) => {
      expect(() => validateApn(apn)).toThrow(InvalidArgumentError);
      // Named as describeValue shows it: a long one cut after 77 characters.
      expect(() => buildChatScript({ apn: apn as string })).toThrow(JSON.stringify(apn).slice(0, 77));
    },
  );

  it('refuses bad context ids and timeouts', () => {
    expect(() => buildChatScript({ apn: 'hologram', contextId: 0 })).toThrow(/contextId.*0/);
    expect(() => buildChatScript({ apn: 'hologram', timeoutSeconds: 1.5 })).toThrow(/timeoutSeconds.*1.5/);
  });

  it.each([
    [0, 'chat succeeded'],
    [3, 'the modem did not answer in time (chat timeout)'],
    [4, 'the modem answered BUSY'],
    [5, 'the modem answered NO CARRIER'],
    [8, 'the modem answered ERROR'],
    [9, 'chat exited with status 9'],
  ])('explains chat status %d', (status, reason) => expect(chatAbortReason(status)).toBe(reason));
});

describe('pppd arguments', () => {
  it('follows PROTOCOL.md §3 with our defaults', () => {
    expect(buildPppdArguments({ device: '/dev/ttyUSB0', chatScriptPath: '/tmp/hologram-ppp-x/chat-script' })).toEqual([
      '/dev/ttyUSB0', '115200',
      'connect', 'chat -v -s -f /tmp/hologram-ppp-x/chat-script',
      'noipdefault', 'usepeerdns', 'defaultroute', 'noauth', 'nodetach',
      'lcp-echo-interval', '30', 'lcp-echo-failure', '4',
    ]);
  });

  it('honours the options', () => {
    const args = buildPppdArguments({
      device: '/dev/ttyACM2', baudRate: 9600, chatScriptPath: '/run/s', chatPath: '/usr/sbin/chat',
      persist: true, defaultRoute: false, usePeerDNS: false, lcpEchoIntervalSeconds: 10, lcpEchoFailures: 2,
    });
    expect(args).toEqual([
      '/dev/ttyACM2', '9600', 'connect', '/usr/sbin/chat -v -s -f /run/s',
      'noipdefault', 'persist', 'noauth', 'nodetach', 'lcp-echo-interval', '10', 'lcp-echo-failure', '2',
    ]);
  });

  it.each([
    [{ device: 'ttyUSB0' }, 'device'],
    [{ device: '/dev/tty USB0' }, 'device'],
    [{ device: '/dev/ttyUSB0;reboot' }, 'device'],
    [{ chatScriptPath: '/tmp/a b' }, 'chatScriptPath'],
    [{ chatPath: 'chat; rm -rf /' }, 'chatPath'],
    [{ baudRate: -1 }, 'baudRate'],
    [{ lcpEchoFailures: 0 }, 'lcpEchoFailures'],
  ])('refuses %j', (override, argument) => {
    const options = { device: '/dev/ttyUSB0', chatScriptPath: '/tmp/s', ...override };
    expect(() => buildPppdArguments(options)).toThrow(InvalidArgumentError);
    try {
      buildPppdArguments(options);
    } catch (error) {
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
  });
});

describe('pppd output parser', () => {
  // Lines as pppd 2.4.x / 2.5 and chat -v -s print them (with nodetach, or as syslog lines).
  it.each<[string, PppdOutputEvent | undefined]>([
    ['Using interface ppp0', { kind: 'interface', interface: 'ppp0' }],
    ['Serial connection established.', { kind: 'serial-connected' }],
    ['Connect: ppp0 <--> /dev/ttyUSB0', { kind: 'connect', interface: 'ppp0', device: '/dev/ttyUSB0' }],
    ['local  IP address 10.170.23.45', { kind: 'local-ip', address: '10.170.23.45' }],
    ['remote IP address 10.64.64.64', { kind: 'remote-ip', address: '10.64.64.64' }],
    ['primary   DNS address 10.177.0.34', { kind: 'dns', order: 'primary', address: '10.177.0.34' }],
    ['secondary DNS address 10.177.0.210', { kind: 'dns', order: 'secondary', address: '10.177.0.210' }],
    ['Oct 12 08:38:59 pppd[451]: Connect script failed', { kind: 'failure', exitCode: 8, detail: 'the connect script failed' }],
    ['daemon.notice pppd[587]: local  IP address 192.168.81.2', { kind: 'local-ip', address: '192.168.81.2' }],
    ['pppd: This system lacks kernel support for PPP.  This could be because', { kind: 'failure', exitCode: 4, detail: 'this kernel has no PPP support (try modprobe ppp_generic)' }],
    ['Sorry - this system lacks PPP kernel support', { kind: 'failure', exitCode: 4, detail: 'this kernel has no PPP support (try modprobe ppp_generic)' }],
    ["Couldn't open the /dev/ppp device: No such file or directory", { kind: 'failure', exitCode: 4, detail: 'cannot open /dev/ppp: No such file or directory' }],
    ['pppd: must be root to run pppd, since it is not setuid-root', { kind: 'failure', exitCode: 3, detail: 'pppd must run as root' }],
    ['Device ttyUSB0 is locked by pid 1234', { kind: 'failure', exitCode: 6, detail: 'ttyUSB0 is locked by pid 1234' }],
    ['Failed to open /dev/ttyUSB3: No such file or directory', { kind: 'failure', exitCode: 7, detail: 'cannot open /dev/ttyUSB3: No such file or directory' }],
    ["pppd: unrecognized option 'bogus'", { kind: 'failure', exitCode: 2, detail: "unrecognized option 'bogus'" }],
    ['LCP: timeout sending Config-Requests', { kind: 'failure', exitCode: 10, detail: 'LCP negotiation timed out' }],
    ['Failed (NO CARRIER)', { kind: 'chat-failed', detail: 'the modem answered NO CARRIER' }],
    ['alarm', { kind: 'chat-failed', detail: 'the modem did not answer in time (chat timeout)' }],
    ['Script chat -v -s -f /tmp/x finished (pid 1235), status = 0x3', { kind: 'chat-failed', detail: 'the modem did not answer in time (chat timeout)' }],
    ['Script chat -v -s -f /tmp/x finished (pid 1235), status = 0x0', undefined],
    ['Modem hangup', { kind: 'link-down', detail: 'the modem hung up' }],
    ['No response to 4 echo-requests', { kind: 'link-down', detail: 'the peer did not answer 4 echo requests' }],
    ['Serial link appears to be disconnected.', { kind: 'link-down', detail: 'the serial link appears to be disconnected' }],
    ['Connection terminated.', { kind: 'link-down', detail: 'the connection was terminated' }],
    ['Terminating on signal 15', { kind: 'terminating', signal: 15 }],
    ['Sent 1024 bytes, received 2048 bytes.', { kind: 'statistics', sentBytes: 1024, receivedBytes: 2048 }],
    ['sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x5d2f1e0a> <pcomp> <accomp>]', undefined],
    ['send (AT+CGDCONT=1,"IP","hologram"^M)', undefined],
    ['Connect time 0.1 minutes.', undefined],
    ['', undefined],
  ])('%j', (line, event) => expect(parsePppdLine(line)).toEqual(event));
});

describe('pppd exit codes', () => {
  it('knows every code pppd documents, 0 to 19', () => {
    expect(Object.keys(PPP_EXIT_CODES).map(Number)).toEqual([...Array(20).keys()]);
    expect(pppExitName(8)).toBe('CONNECT_FAILED');
    expect(pppExitReason(16)).toBe('the link was terminated by the modem hanging up');
    expect(pppExitReason(4)).toMatch(/kernel/);
    expect(pppExitReason(42)).toBe('pppd exited with unknown code 42');
    expect(pppExitName(42)).toBe('UNKNOWN');
  });

  it('PPPConnectionError carries the code, its reason and the detail', () => {
    const error = new PPPConnectionError(8, null, 'the modem answered NO CARRIER');
    expect(error).toBeInstanceOf(HologramError);
    expect(error.name).toBe('PPPConnectionError');
    expect(error).toMatchObject({ exitCode: 8, exitName: 'CONNECT_FAILED', signal: null, detail: 'the modem answered NO CARRIER' });
    expect(error.reason).toBe('the connect script failed (the modem did not connect)');
    expect(error.message).toBe('pppd exited with code 8 (CONNECT_FAILED): the connect script failed (the modem did not connect): the modem answered NO CARRIER');
    const killed = new PPPConnectionError(null, 'SIGKILL');
    expect(killed).toMatchObject({ exitCode: null, exitName: 'SIGNAL', reason: 'pppd was killed by SIGKILL' });
  });
});

describe('ppp session', () => {
  const fold = (lines: string[]) =>
    lines.map(parsePppdLine).reduce((session, event) => (event ? reducePppSession(session, event) : session), initialPppSession);

  it('knows the endpoints once both addresses were printed', () => {
    const partial = fold(['Using interface ppp1', 'local  IP address 10.0.0.2']);
    expect(pppEndpoints(partial)).toBeUndefined();
    const session = fold(['Using interface ppp1', 'local  IP address 10.0.0.2', 'remote IP address 10.0.0.1', 'primary   DNS address 8.8.8.8']);
    expect(pppEndpoints(session)).toEqual({ interface: 'ppp1', localIP: '10.0.0.2', remoteIP: '10.0.0.1' });
    expect(session.dns).toEqual(['8.8.8.8']);
    expect(pppEndpoints(fold(['local  IP address 10.0.0.2', 'remote IP address 10.0.0.1']))?.interface).toBe('ppp0');
  });

  it('keeps the first explanation of a failure or drop and forgets the addresses', () => {
    expect(fold(['Failed (NO CARRIER)', 'Connect script failed']).detail).toBe('the modem answered NO CARRIER');
    const dropped = fold(['local  IP address 10.0.0.2', 'remote IP address 10.0.0.1', 'Modem hangup', 'Connection terminated.']);
    expect(dropped.detail).toBe('the modem hung up');
    expect(pppEndpoints(dropped)).toBeUndefined();
    const reconnected = fold(['Modem hangup', 'local  IP address 10.0.0.3', 'remote IP address 10.0.0.1']);
    expect(reconnected.detail).toBeUndefined();
  });

  it('maps link states to network states', () => {
    expect(pppNetworkState({ kind: 'connected', since: 5, pid: 1, interface: 'ppp0', localIP: '10.0.0.2', remoteIP: '10.0.0.1' }))
      .toEqual({ kind: 'connected', since: 5, detail: 'ppp0 10.0.0.2' });
    expect(pppNetworkState({ kind: 'starting', since: 1, pid: 1 })).toMatchObject({ kind: 'connecting' });
    expect(pppNetworkState({ kind: 'stopped', since: 2, exitCode: 16, signal: null, error: new PPPConnectionError(16) }))
      .toMatchObject({ kind: 'disconnected', reason: expect.stringContaining('modem hanging up') });
  });
});

describe('splitLines', () => {
  it('follows its doc diagram', marbles((m) => {
    m.expect(m.cold('-a-b--|', { a: 'one\ntw', b: 'o\n' }).pipe(splitLines())).toBeObservable('-1-2--|', { 1: 'one', 2: 'two' });
  }));

  it('handles \\r\\n, bare \\r, empty lines, buffers and a last line without an end', marbles((m) => {
    m.expect(m.cold('-a-b-|', { a: Buffer.from('x\r\n\r\ny\rz'), b: 'w' }).pipe(splitLines())).toBeObservable('-(xy)(z|)', { x: 'x', y: 'y', z: 'zw' });
  }));

  it('passes errors and empty and never sources through', marbles((m) => {
    m.expect(m.cold('-a-#', { a: 'p' }).pipe(splitLines())).toBeObservable('---#');
    m.expect(m.cold('|').pipe(splitLines())).toBeObservable('|');
    m.expect(m.cold('-').pipe(splitLines())).toBeObservable('-');
  }));
});
