import type { AppError, CallView } from '../../preload/contract';
import { HeadsetController, type CallCommands } from '../../renderer/src/lib/headset/headset-controller';
import { ReportLights } from '../../renderer/src/lib/headset/headset-reports';
import { telephonyLayout } from '../../renderer/src/lib/headset/telephony-layout';
import { jabraLink380c, type RecordedHeadset } from '../fixtures/hid';
import { hexBytes, parseReportDescriptor } from './hid-report-descriptor';

/**
 * A headset controller between a recording of the agent's call commands
 * (what the app would ask the core) and a recorded headset's real report
 * layout, whose output reports are kept. The clock is the test's.
 */
export class HeadsetRig implements CallCommands {
  /** Commands in the order given, e.g. `answer c-ring`, `mute c-live true`, `hold c-live`, `resume c-held`. */
  readonly commands: string[] = [];
  /** Output reports as the headset received them: [report id, bytes]. */
  readonly reports: [number, number[]][] = [];
  errors: Record<string, AppError> = {};
  /** Calls whose next command the core refuses. */
  readonly refuse = new Set<string>();
  clock = 0;
  readonly controller = new HeadsetController(this, () => this.clock);

  constructor(headset: RecordedHeadset = jabraLink380c) {
    const layout = telephonyLayout(parseReportDescriptor(hexBytes(headset.descriptor)))!;
    this.lights = new ReportLights({ sendReport: async (reportId, data) => void this.reports.push([reportId, [...data]]) }, layout);
  }

  private readonly lights: ReportLights;

  /** The core reports these calls, then the headset connects (it is sent every light); the reports so far are cleared. */
  async start(calls: CallView[]): Promise<void> {
    this.controller.callsChanged(calls);
    this.controller.attach(this.lights);
    await this.settle();
    this.reports.length = 0;
  }

  /** Lets queued reports and command results through. */
  settle(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  answer(call: CallView) { return this.record('answer', call); }
  decline(call: CallView) { return this.record('decline', call); }
  hangup(call: CallView) { return this.record('hangup', call); }

  async mute(call: CallView, muted: boolean): Promise<AppError | null> {
    this.commands.push(`mute ${call.id} ${muted}`);
    return this.refused(call);
  }

  async hold(call: CallView, held: boolean): Promise<AppError | null> {
    this.commands.push(`${held ? 'hold' : 'resume'} ${call.id}`);
    return this.refused(call);
  }

  private async record(kind: string, call: CallView): Promise<void> {
    this.commands.push(`${kind} ${call.id}`);
    delete this.errors[call.id];
    const error = this.refused(call);
    if (error) this.errors[call.id] = error;
  }

  private refused(call: CallView): AppError | null {
    if (!this.refuse.delete(call.id)) return null;
    return { code: 'CALL_NOT_RINGING', message: 'another agent took the call' };
  }
}
