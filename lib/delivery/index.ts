export { DeliveryPipeline, type DeliveryPipelineOptions } from './delivery-pipeline';
export type { DeliveryEvent, DeliveryResult, DeliveryStats } from './delivery-event';
export { MessageFailedError } from './message-failed-error';
export { MessageDroppedError, type DropReason } from './message-dropped-error';
export { DeliveryPipelineClosedError } from './delivery-pipeline-closed-error';
export { NoSendResultError } from './no-send-result-error';
export { PeriodicSender, MIN_PERIODIC_INTERVAL_SECONDS } from './periodic-sender';
export { PeriodicMessageRunningError } from './periodic-message-running-error';
