export * from './users.js';
export * from './areas.js';
export * from './goods.js';
export * from './contents.js';
export * from './tasks.js';
export * from './oauth.js';
export * from './carts.js';
export * from './orders.js';
