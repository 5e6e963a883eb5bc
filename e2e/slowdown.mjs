// The CPU slowdown the suite runs at (E2E_CPU_SLOWDOWN: Chromium's CPU
// throttling, to play a slower machine) and a wait bound scaled by it: a
// wait for state that ends at a fixed time fails on a machine slower than the
// one it was written on, so every bound goes through `bound`.
export const slowdown = Number(process.env.E2E_CPU_SLOWDOWN || 1);

/** `ms` at this run's slowdown. */
export const bound = (ms) => ms * slowdown;
