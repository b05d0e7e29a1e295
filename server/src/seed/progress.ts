// A plain text progress bar for long seeding runs: redrawn in place on a terminal, a line per
// tenth of the work otherwise (so CI logs stay short).

export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

const WIDTH = 30;

function formatProgress(done: number, total: number, elapsedMs: number, unit: string): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * WIDTH);
  const numbers = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${numbers} ${unit}  ${Math.round(elapsedMs / 1000)} s`;
}

export function createProgressBar(stream: NodeJS.WriteStream, unit: string): ProgressBar {
  let started: number | undefined;
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      // The clock starts with the first report: a second phase's bar is made before it begins.
      started ??= now;
      const line = () => formatProgress(done, total, now - started!, unit);
      if (stream.isTTY) {
        // Redrawing on every callback would cost more than the inserts on a fast database.
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        stream.write(`\r${line()}`);
        drawn = true;
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${line()}\n`);
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
