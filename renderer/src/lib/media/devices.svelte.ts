const storageKey = { input: 'pilot.audio.input', output: 'pilot.audio.output' } as const;

export type DeviceKind = 'input' | 'output';

/** Something that plays or records through the chosen devices and follows a new choice mid-call. */
export type DeviceChoiceListener = (kind: DeviceKind, id: string) => Promise<void>;

export interface DeviceOption {
  id: string;
  label: string;
}

/**
 * Microphones and speakers the agent can choose, kept current as devices
 * come and go. The choice is remembered in this window's storage by id, and
 * by label as a fallback (ids may change between launches), and is one for
 * every call: Meta and web-number audio both follow it.
 */
export class DeviceState {
  inputs = $state<DeviceOption[]>([]);
  outputs = $state<DeviceOption[]>([]);
  inputId = $state<string | null>(null);
  outputId = $state<string | null>(null);
  private readonly listeners: DeviceChoiceListener[] = [];
  private watching = false;

  /** Lists the devices, and from the first time on follows them as they come and go. */
  async refresh(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    if (!this.watching) {
      this.watching = true;
      navigator.mediaDevices.addEventListener('devicechange', () => void this.refresh());
    }
    const devices = await navigator.mediaDevices.enumerateDevices();
    const options = (kind: MediaDeviceKind) =>
      devices.filter((d) => d.kind === kind && d.deviceId).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
    this.inputs = options('audioinput');
    this.outputs = options('audiooutput');
    this.inputId = this.remembered('input', this.inputs);
    this.outputId = this.remembered('output', this.outputs);
  }

  onChoice(listener: DeviceChoiceListener): void {
    this.listeners.push(listener);
  }

  /**
   * Moves the calls under way onto the agent's choice, then remembers it. When a call cannot move (the
   * device is busy or gone) it rejects and the previous choice stays, as it stays in the call.
   */
  async choose(kind: DeviceKind, id: string): Promise<void> {
    const list = kind === 'input' ? this.inputs : this.outputs;
    const option = list.find((d) => d.id === id);
    if (!option) return;
    await Promise.all(this.listeners.map((listener) => listener(kind, id)));
    localStorage.setItem(storageKey[kind], JSON.stringify(option));
    if (kind === 'input') this.inputId = id;
    else this.outputId = id;
  }

  private remembered(kind: DeviceKind, list: DeviceOption[]): string | null {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey[kind]) ?? 'null') as DeviceOption | null;
      const match = list.find((d) => d.id === saved?.id) ?? list.find((d) => d.label === saved?.label);
      return match?.id ?? null;
    } catch {
      return null;
    }
  }
}
