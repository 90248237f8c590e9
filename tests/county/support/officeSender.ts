/**
 * The sending office as a process of its own, for the fault test: the office's services on its data
 * folder (the store the app uses) and its 上报县级 sender, here with small bundles so one send is many
 * of them. Two named steps around each bundle (faultSteps.ts):
 * - office:posting — the bundle is signed and about to go (the previous receipt is recorded);
 * - office:receipt-received — the county's signed receipt is in hand, not yet recorded.
 * Prints HUIMIN-READY once its store is open; then each "send" on stdin runs a send and prints
 * HUIMIN-DONE <the send job as JSON> when it ends, so one process serves attempt after attempt until
 * the test kills it.
 *
 *   node --import tsx tests/county/support/officeSender.ts <data folder> <revisions per bundle>
 */
import { OFFICE_PATHS } from '../../../county/protocol/officeRequests';
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
const sender = new CountySync({
  dataDir,
  store: services.store,
  officeName: () => store.value.settings.get().officeName,
  revisionsPerBundle: Number(perBundle),
});
onCommand((line) => {
  if (line !== 'send') return;
  void sender.sendAll().then((job) => process.stdout.write(`HUIMIN-DONE ${JSON.stringify(job)}\n`));
});
process.stdout.write('HUIMIN-READY\n');
