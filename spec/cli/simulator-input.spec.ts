import { InvalidArgumentError } from '../../lib/errors';
import { parseSimulatorInput } from '../../lib/cli/simulator-input';

/** What `hologram simulator` makes of each line typed to it (pure). */
describe('parseSimulatorInput', () => {
  it.each([
    ['sms +15551234567 hello', { kind: 'sms', sender: '+15551234567', text: 'hello' }],
    ['  SMS InfoSMS  two  spaces kept ', { kind: 'sms', sender: 'InfoSMS', text: ' two  spaces kept' }],
    ['signal 17', { kind: 'signal', rssi: 17 }],
    ['signal 99 99', { kind: 'signal', rssi: 99, ber: 99 }],
    ['registration roaming', { kind: 'registration', stat: 5 }],
    ['registration HOME', { kind: 'registration', stat: 1 }],
    ['registration 3', { kind: 'registration', stat: 3 }],
    ['urc +CRING: VOICE', { kind: 'urc', line: '+CRING: VOICE' }],
    ['help', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['quit', { kind: 'quit' }],
    ['exit', { kind: 'quit' }],
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
    ['# a comment in a script', { kind: 'none' }],
  ])('%j', (line, expected) => {
    expect(parseSimulatorInput(line)).toEqual(expected);
  });

  it.each([
    ['sms', /sms needs a sender and a text, as in: sms \+15551234567 hello, got "sms"/],
    ['sms +1555', /sms needs a sender and a text/],
    ['sms 12345 ', /sms needs a sender and a text/],
    ['signal', /signal needs RSSI/],
    ['signal 1 2 3', /signal needs RSSI/],
    ['signal strong', /signal: "strong" is not a whole number/],
    ['signal -1', /signal: "-1" is not a whole number/],
    ['registration', /registration needs one of none, home, searching, denied, unknown, roaming or 0-5, got ""/],
    ['registration 6', /got "6"/],
    ['registration home now', /got "home now"/],
    ['urc', /urc needs the line to print/],
    ['frobnicate 1', /unknown command "frobnicate": use sms, signal, registration, urc, help or quit/],
  ])('%j is refused, naming what is wrong', (line, message) => {
    expect(() => parseSimulatorInput(line)).toThrow(InvalidArgumentError);
    expect(() => parseSimulatorInput(line)).toThrow(message);
  });
});
