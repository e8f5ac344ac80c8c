/** The signing-process model: types, field rules, the state machine and its messages. */
export * from './model.js';
export * from './validation.js';
export * from './process.js';
export * from './codes.js';
