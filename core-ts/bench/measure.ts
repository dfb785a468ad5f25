/** Tiny benchmark harness: runs a function in timed batches and reports ops/s, median and p99 µs. */
export interface Measure {
  name: string;
  opsPerSec: number;
  medianUs: number;
  p99Us: number;
}

export function measure(name: string, fn: () => void, seconds = 1): Measure {
  for (let i = 0; i < 200; i++) fn(); // warm up the JIT
  const samples: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    fn();
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    name,
    opsPerSec: (samples.length / total) * 1e6,
    medianUs: samples[Math.floor(samples.length / 2)],
    p99Us: samples[Math.floor(samples.length * 0.99)],
  };
}

export function print(m: Measure): void {
  console.log(
    `${m.name.padEnd(44)} ${Math.round(m.opsPerSec).toLocaleString('en').padStart(12)} ops/s   median ${m.medianUs.toFixed(2)} µs   p99 ${m.p99Us.toFixed(2)} µs`,
  );
}
