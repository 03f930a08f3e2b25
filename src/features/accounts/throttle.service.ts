/**
 * The accounts' database throttle offered to other features (a form that must resist guessing,
 * like the canteen's pupil code): counters and blocks per key, shared by every process.
 */
export { checkThrottle, clearThrottle, recordFailure, type ThrottleCheck, type ThrottlePolicy } from './throttle.ts';
