import { AGNOSTIC_MODEM_TYPE, encodeMetadata } from '../cloud/cloud-frame';
import { AGNOSTIC_METADATA } from '../cloud/cloud-sender';
import type { Modem } from '../modem/modem';
import { SDK_VERSION } from '../sdk-version';

/**
 * The modem type a frame's metadata names, as the Python SDK names it (its modem class, lower-cased):
 * so the cloud sees the same type whichever SDK runs on the device. Drivers the Python SDK has no
 * class for send the model (`AT+CGMM`), lower-cased, else the driver's name. Pure.
 */
export function metadataModemType(driverName: string, model: string | undefined): string {
  const fromModel = model?.trim().toLowerCase().replace(/[^a-z0-9_]+/g, '_');
  switch (driverName) {
    case 'ublox-sara-u201':
      return 'nova_u201';
    case 'ublox-sara-r4':
      return model !== undefined && /R404/i.test(model) ? 'novam_r404' : 'novam';
    case 'quectel-bg96':
      return 'bg96';
    case 'quectel-ec21':
      return 'ec21';
    default:
      return fromModel !== undefined && fromModel !== '' ? fromModel : driverName;
  }
}

/**
 * The metadata (`m`) for a frame sent now: the modem's type when messages go through a modem
 * whose driver init has found, `agnostic` otherwise (no modem, or one not initialized yet).
 */
export function frameMetadata(modem: Modem | undefined): string {
  if (modem === undefined || modem.state === 'closed') return AGNOSTIC_METADATA;
  let modemType: string;
  try {
    modemType = metadataModemType(modem.driver.name, modem.modelName);
  } catch {
    modemType = AGNOSTIC_MODEM_TYPE;
  }
  return encodeMetadata({ modemType, sdkVersion: SDK_VERSION });
}
