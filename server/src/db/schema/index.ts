export * from './users.js';
export * from './areas.js';
export * from './goods.js';
export * from './contents.js';
