import { resultForCode } from '../../lib/cloud/result-codes';
import type { SendResult } from '../../lib/cloud/send-result';
import { failureHint, failureHints } from '../../lib/cli/failure-hint';

const context = { address: 'cloudsocket.hologram.io:9999' };
const noReply = (failure: SendResult['failure']): SendResult => ({ ...resultForCode(-1), failure });

describe('failureHint', () => {
  it.each([
    [noReply('refused'), /^nothing accepts connections at cloudsocket\.hologram\.io:9999: check --host and --port/],
    [noReply('unreachable'), /cannot be reached: check --host and this device's network/],
    [noReply('timeout'), /no reply from cloudsocket\.hologram\.io:9999 in time: check the network, raise --timeout/],
    [noReply('reset'), /the connection to .* failed: send again/],
    [noReply(undefined), /no answer the cloud understood/],
    [resultForCode(3), /refused the device key/],
    [resultForCode(8), /refused a topic/],
    [resultForCode(6), /internal error: send again later/],
    [resultForCode(5), /could not read the message: is it the Hologram cloud/],
  ])('%j', (result, hint) => {
    expect(failureHint(result, context)).toMatch(hint);
  });

  it('gives each distinct hint once, in order, for undelivered results only', () => {
    const hints = failureHints([resultForCode(8), resultForCode(0), noReply('refused'), resultForCode(8)], context);
    expect(hints).toHaveLength(2);
    expect(hints[0]).toMatch(/topic/);
    expect(hints[1]).toMatch(/nothing accepts/);
  });
});
