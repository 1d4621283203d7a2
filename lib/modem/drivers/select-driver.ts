import { GENERIC_3GPP } from './generic';
import { HUAWEI } from './huawei';
import type { ModemDriver, USBId } from './modem-driver';
import { QUECTEL_BG96, QUECTEL_EC21 } from './quectel';
import { UBLOX_SARA_R4, UBLOX_SARA_U201 } from './ublox';

/** Every specific driver, most specific first; `GENERIC_3GPP` is the fallback. */
export const MODEM_DRIVERS: readonly ModemDriver[] = [UBLOX_SARA_U201, UBLOX_SARA_R4, QUECTEL_BG96, QUECTEL_EC21, HUAWEI];

export interface DriverHints {
  /** From the serial port listing. */
  readonly usbId?: Partial<USBId>;
  /** `AT+CGMI` answer. */
  readonly manufacturer?: string;
  /** `AT+CGMM` answer. */
  readonly model?: string;
}

const sameHex = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase().replace(/^0x/, '') === b;

/** The driver whose USB ids contain `usbId`, if any. */
export function driverForUSBId(usbId: Partial<USBId>, drivers: readonly ModemDriver[] = MODEM_DRIVERS): ModemDriver | undefined {
  return drivers.find((d) => d.usbIds.some((id) => sameHex(usbId.vendorId, id.vendorId) && sameHex(usbId.productId, id.productId)));
}

/**
 * Picks the driver for a modem: the model (`AT+CGMM`, checked against the manufacturer when both
 * are known) wins over the USB id, because one USB id can cover several models; then the USB id;
 * then the manufacturer alone; then `GENERIC_3GPP`. Pure.
 */
export function selectDriver(hints: DriverHints, drivers: readonly ModemDriver[] = MODEM_DRIVERS): ModemDriver {
  const model = hints.model?.trim();
  const manufacturer = hints.manufacturer?.trim();
  if (model) {
    const byModel = drivers.find((d) => d.model?.test(model) && (!manufacturer || !d.manufacturer || d.manufacturer.test(manufacturer)));
    if (byModel) return byModel;
  }
  if (hints.usbId) {
    const byUSB = driverForUSBId(hints.usbId, drivers);
    if (byUSB) return byUSB;
  }
  if (manufacturer) {
    const byManufacturer = drivers.find((d) => d.manufacturer?.test(manufacturer));
    if (byManufacturer) return byManufacturer;
  }
  return GENERIC_3GPP;
}
