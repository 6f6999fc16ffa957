/**
 * A short two-tone beep (about a quarter of a second) that tells the agent a
 * call is being answered on its own. Made with Web Audio, so no file is
 * fetched; it plays on the default output, where the headset is.
 */
export const playBeep = async (): Promise<void> => {
  const context = new AudioContext();
  try {
    const gain = context.createGain();
    gain.gain.value = 0.2;
    gain.connect(context.destination);
    const start = context.currentTime + 0.02;
    for (const [index, hz] of [880, 1320].entries()) {
      const tone = context.createOscillator();
      tone.frequency.value = hz;
      tone.connect(gain);
      tone.start(start + index * 0.13);
      tone.stop(start + index * 0.13 + 0.11);
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  } finally {
    await context.close();
  }
};
