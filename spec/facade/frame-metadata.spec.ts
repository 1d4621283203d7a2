import { decodeMetadata } from '../../lib/cloud/cloud-frame';
import { frameMetadata, metadataModemType } from '../../lib/facade/frame-metadata';
import { SDK_VERSION } from '../../lib/sdk-version';

describe('frame metadata of the facade', () => {
  /** Driver and model, and the type the Python SDK's class for that modem would send. */
  it.each([
    ['ublox-sara-u201', 'SARA-U201', 'nova_u201'],
    ['ublox-sara-r4', 'SARA-R410M-02B', 'novam'],
    ['ublox-sara-r4', 'SARA-R404M', 'novam_r404'],
    ['quectel-bg96', 'BG96', 'bg96'],
    ['quectel-ec21', 'EC21', 'ec21'],
    ['huawei', 'E303', 'e303'],
    ['huawei', 'MS2131', 'ms2131'],
    ['generic', 'SIM7000G', 'sim7000g'],
    ['generic', 'Model X-2 (rev 3)', 'model_x_2_rev_3_'],
    ['generic', undefined, 'generic'],
    ['generic', '  ', 'generic'],
  ])('%s with model %j is %s', (driver, model, type) => {
    expect(metadataModemType(driver, model)).toBe(type);
  });

  it('is agnostic with the SDK version without a modem', () => {
    expect(frameMetadata(undefined)).toBe(`\u0001agnostic-${SDK_VERSION}`);
    expect(decodeMetadata(frameMetadata(undefined))).toEqual({ modemType: 'agnostic', sdkVersion: SDK_VERSION });
  });

  it('always decodes, whatever the model says', () => {
    for (const model of ['SARA-U201', 'a-b-c', '1.2.3', 'é', '-']) {
      const type = metadataModemType('generic', model);
      expect(decodeMetadata(`\u0001${type}-${SDK_VERSION}`)).toEqual({ modemType: type, sdkVersion: SDK_VERSION });
    }
  });
});
