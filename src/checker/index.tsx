/** The offline checker page's entry: no Office here, only the page and its worker. */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { CheckerApp } from './CheckerApp';
import { startCheckerWorker, WorkerClient } from './client';

const element = document.getElementById('root');
if (element) {
  const client = new WorkerClient(startCheckerWorker() as unknown as ConstructorParameters<typeof WorkerClient>[0]);
  createRoot(element).render(<CheckerApp client={client} />);
}
