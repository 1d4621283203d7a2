import { map } from 'rxjs';
import { marbles, type Context } from 'rxjs-marbles/jest';
import type { CellularInput } from '../../../lib/network/cellular/cellular-input';
import { linkDown, linkStarting, linkUp, linkWaiting } from '../../../lib/network/cellular/cellular-input';
import {
  cellularNetworkState,
  describeCellularFacts,
  initialCellularFacts,
  reduceCellularFacts,
} from '../../../lib/network/cellular/cellular-network-state';
import type { NetworkState } from '../../../lib/network/network-state';

/** Inputs by marble letter. */
const inputs: Record<string, CellularInput> = {
  w: { type: 'wanted', wanted: true, reason: 'connect() was called' },
  x: { type: 'wanted', wanted: false, reason: 'disconnect() was called' },
  i: { type: 'modem', state: 'initializing' },
  m: { type: 'modem', state: 'ready' },
  p: { type: 'modem', state: 'reconnecting' },
  z: { type: 'modem', state: 'closed' },
  r: { type: 'registration', registered: true, state: 'home' },
  o: { type: 'registration', registered: true, state: 'roaming' },
  R: { type: 'registration', registered: false, state: 'searching' },
  a: linkWaiting,
  s: linkStarting,
  u: linkUp('u-blox AT sockets, 10.170.56.23'),
  d: linkDown('cellular link lost: the network deactivated the data context (+UUPSDD: 0)'),
};

const connected = (detail = 'u-blox AT sockets, 10.170.56.23') => ({ kind: 'connected', detail });
const disconnected = (reason: string) => ({ kind: 'disconnected', reason });
const connecting = (reason: string) => ({ kind: 'connecting', reason });

describe('cellularNetworkState', () => {
  // `since` is the clock at the change: checked by one test, ignored by the others.
  function expectStates(m: Context, inputMarbles: string, expectedMarbles: string, values: Record<string, object>, wanted = false): void {
    const source = m.hot<CellularInput>(inputMarbles, inputs);
    m.expect(source.pipe(cellularNetworkState(initialCellularFacts(wanted, 'not connected yet'), m.scheduler), map(stripSince))).toBeObservable(expectedMarbles, values);
  }

  it('connects: wanted, modem ready, registered, starting, up (doc diagram)', marbles((m) => {
    expectStates(m, '-w-m-r-s-u---R---d--', '-n-N-O-S-c---D---d--', {
      n: connecting('opening the modem'),
      N: connecting('waiting for registration (not reported yet)'),
      O: connecting('registered; starting the data link'),
      S: connecting('bringing the data link up'),
      c: connected(),
      D: disconnected('registration lost (searching for a network)'),
      d: disconnected(inputs.d.type === 'link' && inputs.d.link === 'down' ? inputs.d.reason : ''),
    }, false);
  }));

  it('registration flapping: disconnected on loss, connecting on the next attempt, connected again; a return alone does not reconnect', marbles((m) => {
    expectStates(m, '-w-m-r-a-s-u-R-d-a-r-s-u-R-o-', '-n-N-O---S-c-D-d-W-O-S-c-D---', {
      n: connecting('opening the modem'),
      N: connecting('waiting for registration (not reported yet)'),
      O: connecting('registered; starting the data link'),
      S: connecting('bringing the data link up'),
      c: connected(),
      D: disconnected('registration lost (searching for a network)'),
      d: disconnected((inputs.d as { reason: string }).reason),
      W: connecting('waiting for registration (searching for a network)'),
    }, false);
  }));

  it('PDP context lost: disconnected with the URC in the reason, then back up after a new attempt', marbles((m) => {
    expectStates(m, '-m-r-s-u-d-a-s-u-', '-W-S-s-c-d-O-s-c-', {
      W: connecting('waiting for registration (not reported yet)'),
      S: connecting('registered; starting the data link'),
      s: connecting('bringing the data link up'),
      c: connected(),
      d: disconnected('cellular link lost: the network deactivated the data context (+UUPSDD: 0)'),
      O: connecting('registered; starting the data link'),
    }, true);
  }));

  it('unplug: disconnected while the modem is away and until the next attempt after it is back', marbles((m) => {
    expectStates(m, '-m-r-s-u-p---i-m-a-s-u-', '-W-O-S-c-P---U---O-S-c-', {
      W: connecting('waiting for registration (not reported yet)'),
      O: connecting('registered; starting the data link'),
      S: connecting('bringing the data link up'),
      c: connected(),
      P: disconnected('the modem was unplugged; waiting for it to come back'),
      U: disconnected('the modem was unplugged'),
    }, true);
  }));

  it('explicit disconnect wins over every other fact, and connect() starts over', marbles((m) => {
    expectStates(m, '-m-r-s-u-x-d-w-s-u-', '-W-O-S-c-X---O-S-c-', {
      W: connecting('waiting for registration (not reported yet)'),
      O: connecting('registered; starting the data link'),
      S: connecting('bringing the data link up'),
      c: connected(),
      X: disconnected('disconnect() was called'),
    }, true);
  }));

  it('a closed modem is disconnected whatever the link says', marbles((m) => {
    expectStates(m, '-m-r-u-z-u-', '-W-O-c-Z---', {
      W: connecting('waiting for registration (not reported yet)'),
      O: connecting('registered; starting the data link'),
      c: connected(),
      Z: disconnected('the modem is closed'),
    }, true);
  }));

  it('never emits for an input that changes nothing, and completes with its input', marbles((m) => {
    expectStates(m, '-m-m-r-r-|', '-W---O---|', {
      W: connecting('waiting for registration (not reported yet)'),
      O: connecting('registered; starting the data link'),
    }, true);
  }));

  it('stamps each change with the scheduler clock', marbles((m) => {
    const states: NetworkState[] = [];
    m.hot<CellularInput>('-m-r 5ms u', inputs)
      .pipe(cellularNetworkState(initialCellularFacts(true, ''), m.scheduler))
      .subscribe((state) => states.push(state));
    m.flush();
    expect(states.map((s) => [s.kind, s.since])).toEqual([
      ['connecting', 1],
      ['connecting', 3],
      ['connected', 9],
    ]);
  }));
});

describe('describeCellularFacts', () => {
  it('is disconnected when not wanted, with the reason it was given', () => {
    expect(describeCellularFacts(initialCellularFacts(false, 'not connected yet: call connect()'))).toEqual(disconnected('not connected yet: call connect()'));
  });

  it('needs the modem ready and registered to call a link up connected', () => {
    let facts = initialCellularFacts(true, '');
    facts = reduceCellularFacts(facts, inputs.u);
    expect(describeCellularFacts(facts).kind).toBe('connecting');
    facts = reduceCellularFacts(facts, inputs.m);
    expect(describeCellularFacts(facts).kind).toBe('connecting');
    facts = reduceCellularFacts(facts, inputs.r);
    expect(describeCellularFacts(facts)).toEqual(connected());
  });

  it('forgets the link when unwanted, so a later connect() does not look connected before its attempt', () => {
    let facts = initialCellularFacts(true, '');
    for (const key of ['m', 'r', 'u', 'x', 'w']) facts = reduceCellularFacts(facts, inputs[key]!);
    expect(describeCellularFacts(facts).kind).toBe('connecting');
  });
});

function stripSince(state: NetworkState): object {
  const { since: _since, ...rest } = state;
  return rest;
}
