import { openCallLogDatabase } from '../../main/core/call-log/database';
import { historyHarness } from '../support/history-harness';
const db = openCallLogDatabase('.bench-data/history-1000000-20250630.sqlite');
const n = Number(process.argv[2] ?? 200000);
const from = (db.prepare('SELECT created_at FROM calls ORDER BY created_at DESC LIMIT 1 OFFSET ?').get(n - 1) as { created_at: number }).created_at;
const harness = await historyHarness(db, '/tmp/trust/exp');
const t = performance.now(); const cpu0 = process.cpuUsage();
const { progress } = await harness.exportCsv({ filter: { from } }, false);
const cpu = process.cpuUsage(cpu0); console.log('export', progress.written, Math.round(performance.now() - t), 'ms wall', Math.round((cpu.user + cpu.system) / 1000), 'ms cpu', Math.round(progress.written / ((cpu.user + cpu.system) / 1e6)), 'rows per cpu-s');
