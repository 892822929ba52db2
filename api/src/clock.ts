/**
 * The time the session limits are checked against, in milliseconds since the epoch. Tests replace
 * `clock.now` to move time forward instead of waiting for hours.
 */
export const clock = {
  now: (): number => Date.now(),
};
