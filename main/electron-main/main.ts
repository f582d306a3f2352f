/**
 * The Electron shell's composition root: one window (context isolation, sandbox, no Node in the
 * renderer, strict CSP, no navigation or new windows), the typed API over IPC, and training in
 * utility processes. Everything else lives in services that do not import Electron.
 */
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppServices, type AppServices } from '../app/createAppServices.js';
import { reportPortOf, startReportListener, type ReportListener } from '../server/reportListener.js';
import { DatabaseInUseError } from '../store/databaseLock.js';
import { forwardEvents, registerIpcHandlers } from './ipcHandlers.js';
import { UtilityProcessLauncher } from './utilityProcessLauncher.js';
import { probeBackendInUtilityProcess, webgpuInUtilityProcess } from './utilityBackendProbe.js';

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const bundleDir = __dirname; // dist/electron, where esbuild writes main.cjs, preload.cjs and the probe
const trainingProcessFile = path.join(bundleDir, '..', 'trainingProcess', 'trainingProcess.cjs'); // main/runs/nodeBundle.ts's trainingProcessBundle
const rendererIndex = path.join(bundleDir, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

async function start(): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  // Training runs in utility processes; Dawn's Node binding is used there only when a probe shows it works.
  const probeEntry = path.join(bundleDir, 'backendProbeProcess.cjs');
  const webgpuProblem = await webgpuInUtilityProcess(probeEntry);
  const trainingEnv = webgpuProblem === null ? process.env : { ...process.env, OPTLAB_WEBGPU_UNAVAILABLE: webgpuProblem };
  let services: AppServices;
  try {
    services = createAppServices({
      dbPath: process.env.OPTLAB_DB ?? path.join(userData, 'optlab.db'),
      dataDir: process.env.OPTLAB_DATA_DIR ?? path.join(userData, 'data'),
      mode: 'electron',
      // Recovery waits for the report listener: runs on a cluster are taken back only where reports arrive.
      recoverInterrupted: false,
      acceptsReports: true,
      owner: 'the desktop app',
      launcher: new UtilityProcessLauncher(trainingProcessFile, trainingEnv),
      probeBackend: () => probeBackendInUtilityProcess(probeEntry, [], trainingEnv),
    });
  } catch (error) {
    // Another app, server or command owns the database: say which, and change nothing.
    if (!(error instanceof DatabaseInUseError)) throw error;
    dialog.showErrorBox('Optimizer Lab', error.message);
    app.quit();
    return;
  }
  // Runs trained elsewhere (cluster tasks, `optlab run --report-to`) report here, as to browser mode:
  // loopback only (the nodes reach it through an ssh tunnel), on OPTLAB_REPORT_PORT (default 8765).
  let reportListener: ReportListener | undefined;
  try {
    reportListener = await startReportListener({ services, host: '127.0.0.1', port: reportPortOf(process.env.OPTLAB_REPORT_PORT) });
  } catch (error) {
    services.refuseReports(`this app could not listen for reports (${(error as Error).message})`);
  }
  services.lock?.update({ url: reportListener?.url });
  services.recover();
  registerIpcHandlers(services.handlers, (url) => url === rendererUrl || url.startsWith(`${rendererUrl}#`));

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Optimizer Lab',
    webPreferences: {
      preload: path.join(bundleDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  forwardEvents(services.onEvent, window.webContents);
  await window.loadURL(rendererUrl);

  app.on('window-all-closed', () => {
    void (reportListener?.close() ?? Promise.resolve())
      .then(() => services.close())
      .finally(() => app.quit());
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(rendererUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

start().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
