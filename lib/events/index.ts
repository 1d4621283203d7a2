export { EventBus } from './event-bus';
export { HOLOGRAM_EVENT_NAMES } from './hologram-events';
export type * from './hologram-events';
