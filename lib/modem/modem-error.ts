import { HologramError } from '../errors';

/**
 * Base of every error raised by the modem layer: AT commands, the serial port, SMS coding, modem
 * sockets and location. One `instanceof ModemError` catches a fault of the modem or its port
 * without catching the outbox's, the network's or the cloud's.
 */
export class ModemError extends HologramError {}
