import { parseATArgs } from '../../../lib/modem/at/at-args';
import { parseQgpsloc } from '../../../lib/modem/location/parse-qgpsloc';
import { parseUuloc } from '../../../lib/modem/location/parse-uuloc';

/** The arguments of a URC or response line, as the AT engine hands them over. */
const args = (line: string): string[] => parseATArgs(line.slice(line.indexOf(':') + 1));

describe('parseUuloc (u-blox CellLocate +UULOC)', () => {
  it.each([
    {
      name: 'standard answer (the u-blox manual example)',
      line: '+UULOC: 27/09/2012,18:26:13.363,45.6334500,13.0618566,0,1',
      expected: { latitude: 45.63345, longitude: 13.0618566, altitude: 0, uncertainty: 1, time: new Date('2012-09-27T18:26:13.363Z'), method: 'cell-locate' },
    },
    {
      name: 'southern and western hemispheres, negative degrees',
      line: '+UULOC: 01/01/2026,00:00:00.000,-33.8688197,-151.2092955,58,1500',
      expected: { latitude: -33.8688197, longitude: -151.2092955, altitude: 58, uncertainty: 1500, time: new Date('2026-01-01T00:00:00.000Z'), method: 'cell-locate' },
    },
    {
      name: 'detailed answer: speed (m/s, given as km/h) and direction',
      line: '+UULOC: 28/11/2026,05:21:21.5,41.8781136,-87.6297982,181,1200,10,90,0,2,0,0,0',
      expected: {
        latitude: 41.8781136,
        longitude: -87.6297982,
        altitude: 181,
        uncertainty: 1200,
        time: new Date('2026-11-28T05:21:21.500Z'),
        method: 'cell-locate',
        speedKmh: 36,
        course: 90,
      },
    },
  ])('reads the $name', ({ line, expected }) => {
    expect(parseUuloc(args(line))).toEqual(expected);
  });

  it('reads latitude and longitude 0 as no fix (how CellLocate says it found nothing)', () => {
    expect(parseUuloc(args('+UULOC: 28/11/2026,05:21:21.000,0.0000000,0.0000000,0,0'))).toBe('no-fix');
    expect(parseUuloc(args('+UULOC: 06/01/1980,00:00:00.000,0.0000000,0.0000000,0,0,0,0,0,0,0,0,0'))).toBe('no-fix');
  });

  it.each([
    ['too few fields', '+UULOC: 27/09/2012,18:26:13.363,45.6,13.0,0'],
    ['a latitude out of range', '+UULOC: 27/09/2012,18:26:13.363,95.0,13.0,0,1'],
    ['a longitude that is not a number', '+UULOC: 27/09/2012,18:26:13.363,45.6,east,0,1'],
    ['a date that does not exist', '+UULOC: 31/02/2012,18:26:13.363,45.6,13.0,0,1'],
    ['a time in another format', '+UULOC: 27/09/2012,182613,45.6,13.0,0,1'],
  ])('finds nothing in %s', (_name, line) => {
    expect(parseUuloc(args(line))).toBeUndefined();
  });
});

describe('parseQgpsloc (Quectel GNSS +QGPSLOC, mode 2)', () => {
  it.each([
    {
      name: 'the BG96 GNSS manual example',
      line: '+QGPSLOC: 061951.000,31.82277,117.11468,0.7,62.2,2,0.00,0.0,0.0,110513,09',
      expected: {
        latitude: 31.82277,
        longitude: 117.11468,
        altitude: 62.2,
        time: new Date('2013-05-11T06:19:51.000Z'),
        method: 'gnss',
        hdop: 0.7,
        satellites: 9,
        speedKmh: 0,
        course: 0,
      },
    },
    {
      name: 'a 3D fix west of Greenwich, moving',
      line: '+QGPSLOC: 235959.5,-41.87811,-87.62979,1.2,181.0,3,270.50,42.5,22.9,281126,08',
      expected: {
        latitude: -41.87811,
        longitude: -87.62979,
        altitude: 181,
        time: new Date('2026-11-28T23:59:59.500Z'),
        method: 'gnss',
        hdop: 1.2,
        satellites: 8,
        speedKmh: 42.5,
        course: 270.5,
      },
    },
  ])('reads $name', ({ line, expected }) => {
    expect(parseQgpsloc(args(line))).toEqual(expected);
  });

  it.each([
    ['mode 0 coordinates (ddmm.mmmmN)', '+QGPSLOC: 061951.000,3149.3662N,11706.8807E,0.7,62.2,2,0.00,0.0,0.0,110513,09'],
    ['a fix type that is no fix', '+QGPSLOC: 061951.000,31.82277,117.11468,0.7,62.2,1,0.00,0.0,0.0,110513,09'],
    ['too few fields', '+QGPSLOC: 061951.000,31.82277,117.11468'],
    ['a date that does not exist', '+QGPSLOC: 061951.000,31.82277,117.11468,0.7,62.2,2,0.00,0.0,0.0,310213,09'],
  ])('finds nothing in %s', (_name, line) => {
    expect(parseQgpsloc(args(line))).toBeUndefined();
  });
});
