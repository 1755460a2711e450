/** The public face of tools/init/: `customer-sync init`'s engine. */
export { InitError } from './InitError.js';
export { type ConfigMerge, mergeConfig } from './mergeConfig.js';
export { renderInitText } from './renderInitText.js';
export { type InitResult, initExitCode, runInit } from './runInit.js';
