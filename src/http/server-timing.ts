/**
 * A Server-Timing header value (`name;dur=ms, …`): server-side durations for benchmarks and browser dev
 * tools, which otherwise only see the whole round trip. Durations are rounded to `digits` decimals.
 */
export function serverTiming(metrics: Record<string, number>, digits = 0): string {
  return Object.entries(metrics)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(digits)}`)
    .join(", ");
}
