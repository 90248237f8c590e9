/**
 * The sending office as a process of its own, for the fault test: the office's services on its data
 * folder (the store the app uses) and its 上报县级 sender, here with small bundles so one send is many
 * of them. Two named steps around each bundle (faultSteps.ts):
 * - office:posting — the bundle is signed and about to go (the previous receipt is recorded);
 * - office:receipt-received — the county's signed receipt is in hand, not yet recorded.
 * It is the office program: one writer per data folder (issue 14), so the cases the office keeps
 * saving between attempts are saved here too. Prints HUIMIN-READY once it holds the folder; then each
 * "send" on stdin runs a send and prints HUIMIN-DONE <the send job as JSON> when it ends, and each
 * "call <JSON {channel, payload}>" is answered through the app's handler table with HUIMIN-CALLED
 * <the result as JSON>. One process serves attempt after attempt until the test kills it.
 *
 *   node --import tsx tests/county/support/officeSender.ts <data folder> <revisions per bundle>
 */
import { OFFICE_PATHS } from '../../../county/protocol/officeRequests';
import { createHandlerTable, dispatch } from '../../../electron/handlers';
import { createServices } from '../../../electron/services';
import { CountySync } from '../../../electron/services/countySync';
import { CountyClient } from '../../../electron/services/countySync/countyClient';
import { onCommand, step } from './faultSteps';

const [dataDir, perBundle] = process.argv.slice(2) as [string, string];

const signed = CountyClient.prototype.signed;
CountyClient.prototype.signed = async function (this: CountyClient, method, path, body) {
  if (path !== OFFICE_PATHS.bundles) return signed.call(this, method, path, body);
  await step('office:posting');
  const response = await signed.call(this, method, path, body);
  await step('office:receipt-received');
  return response;
};

const services = createServices({ dataDir, portable: false, transport: 'web', scheduleBackups: false });
const store = services.store();
if (!store.ok) throw new Error(store.errors.map((error) => error.message).join('；'));
// a killed predecessor's lock is taken over; a live holder would leave this program read-only
if (!services.access().writable) throw new Error(`数据文件夹只读：${services.access().reason}`);
const table = createHandlerTable(services);
const sender = new CountySync({
  dataDir,
  store: services.store,
  access: services.access,
  officeName: () => store.value.settings.get().officeName,
  revisionsPerBundle: Number(perBundle),
});
onCommand((line) => {
  if (line === 'send') {
    void sender.sendAll().then((job) => process.stdout.write(`HUIMIN-DONE ${JSON.stringify(job)}\n`));
  } else if (line.startsWith('call ')) {
    const { channel, payload } = JSON.parse(line.slice('call '.length)) as { channel: string; payload: unknown };
    void dispatch(table, channel, payload, () => undefined).then((result) => process.stdout.write(`HUIMIN-CALLED ${JSON.stringify(result)}\n`));
  }
});
process.stdout.write('HUIMIN-READY\n');
