/** Start-up: pick the transport, create the stores once, render. */
import { createRoot } from 'react-dom/client';
import { config as configureZod } from 'zod/mini';
import { createClient } from './client/create-client';
import { App } from './components/app';
import { AppContext, type AppServices } from './hooks/app-context';
import { createNotificationStore } from './lib/notification-store';
import { createSnapshotStore } from './lib/snapshot-store';
import './styles/index.css';

// The CSP forbids eval: keep zod from probing for it (the settings schema runs here too).
configureZod({ jitless: true });

const client = createClient();
const services: AppServices = {
  client,
  snapshots: createSnapshotStore(client),
  notifications: createNotificationStore(client),
};

const root = document.getElementById('root');
if (!root) throw new Error('apsd-watch: index.html has no #root element');
createRoot(root).render(
  <AppContext value={services}>
    <App />
  </AppContext>,
);
