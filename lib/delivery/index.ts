export type { Delivery } from './delivery';
export type { MessageResult } from './message-result';
export { SequentialDelivery, DeliveryClosedError } from './sequential-delivery';
