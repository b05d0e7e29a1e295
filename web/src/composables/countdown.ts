import { computed, onBeforeUnmount, readonly, ref } from 'vue';

/**
 * A once-per-second countdown, e.g. the 60 s wait before another SMS code may be asked
 * for (the API throttles resends for the same time, contract §1.10). The timer is stopped
 * when the owning component goes away so it never ticks on a page that is gone.
 */
export function useCountdown(seconds: number) {
  const remaining = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    remaining.value = 0;
  }

  function start(): void {
    stop();
    remaining.value = seconds;
    timer = setInterval(() => {
      remaining.value -= 1;
      if (remaining.value <= 0) stop();
    }, 1000);
  }

  onBeforeUnmount(stop);

  return { remaining: readonly(remaining), running: computed(() => remaining.value > 0), start, stop };
}
