export type { ModemDriver, USBId, QueryCommand, InitCommand, SocketDialect, LocationMethod } from './modem-driver';
export { UBLOX_SARA_U201, UBLOX_SARA_R4 } from './ublox';
export { QUECTEL_BG96, QUECTEL_EC21 } from './quectel';
export { HUAWEI } from './huawei';
export { GENERIC_3GPP } from './generic';
export { MODEM_DRIVERS, selectDriver, driverForUSBId } from './select-driver';
export type { DriverHints } from './select-driver';
export { queryValue, parseICCID } from './parse-query';
