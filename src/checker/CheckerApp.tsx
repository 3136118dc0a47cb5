/**
 * The offline checker page: drop or pick rosters, the check runs in the worker (progress, cancel),
 * then the findings (the task pane's list), the summary and the downloads. It gets its worker client
 * from its caller (index.tsx the real one, tests a fake).
 */
import * as React from 'react';
import {
  Body1,
  Button,
  Divider,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Subtitle1,
  Subtitle2,
  Text,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import type { RosterReport } from '../rules/roster';
import { stringsFor } from '../taskpane/i18n';
import { FindingsList } from '../ui/FindingsList';
import { LapsedView } from './LapsedView';
import { CheckerClient, CheckerError } from './client';
import { annotatedName, CheckProgressMessage, FileBytes, SUMMARY_FILE } from './protocol';
import { pageStrings } from './strings';
import { SummaryView } from './SummaryView';

const shared = stringsFor('zh');

type Intent = 'info' | 'success' | 'warning' | 'error';

interface Message {
  intent: Intent;
  text: string;
}

/** What the page checks: the reader tells .xlsx from .csv by the bytes; other names are refused up front. */
const ACCEPT = ['.xlsx', '.xlsm', '.csv'];

const useStyles = makeStyles({
  heading: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  root: { maxWidth: '960px', margin: '0 auto', padding: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingVerticalXXL,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  previous: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  progressRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  grow: { flexGrow: 1 },
  downloads: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

/** Hands bytes to the browser as a download (a Blob URL: nothing leaves the computer). */
export function saveFile(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const money = (amount: number) => amount.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function accepted(file: File): boolean {
  const name = file.name.toLowerCase();
  return ACCEPT.some((extension) => name.endsWith(extension));
}

export interface CheckerAppProps {
  client: CheckerClient;
  /** Where downloads go (tests capture them). */
  save?: (name: string, bytes: Uint8Array) => void;
}

export function CheckerApp({ client, save = saveFile }: CheckerAppProps): React.ReactElement {
  const styles = useStyles();
  const [running, setRunning] = React.useState(false);
  const [progress, setProgress] = React.useState<CheckProgressMessage | null>(null);
  const [messages, setMessages] = React.useState<Message[]>([]);
  const [report, setReport] = React.useState<RosterReport | null>(null);
  const [names, setNames] = React.useState<string[]>([]);
  const [dragging, setDragging] = React.useState(false);
  const [preparing, setPreparing] = React.useState<string | null>(null);
  const busy = React.useRef(false);
  const input = React.useRef<HTMLInputElement>(null);
  const previousInput = React.useRef<HTMLInputElement>(null);
  // Last year's roster (optional), and this year's files, so that picking last year's checks again.
  const [previous, setPrevious] = React.useState<File | null>(null);
  const lastFiles = React.useRef<File[]>([]);

  const check = async (list: readonly File[], lastYear: File | null = previous) => {
    if (busy.current) {
      setMessages((current) => [{ intent: 'warning', text: pageStrings.busy }, ...current.filter((m) => m.text !== pageStrings.busy)]);
      return;
    }
    const files = list.filter(accepted);
    const refused = list.filter((file) => !accepted(file)).map((file) => file.name);
    const out: Message[] = refused.length > 0 ? [{ intent: 'warning', text: pageStrings.notRoster(refused.join('、')) }] : [];
    if (files.length === 0) {
      setMessages(out);
      return;
    }
    busy.current = true;
    setRunning(true);
    setProgress(null);
    setReport(null);
    setMessages(out);
    setNames(files.map((file) => file.name));
    lastFiles.current = files;
    const read = (file: File) => file.arrayBuffer().then((bytes): FileBytes => ({ name: file.name, bytes }));
    try {
      const bytes = await Promise.all(files.map(read));
      const { report: checked } = await client.check(bytes, setProgress, lastYear ? [await read(lastYear)] : []);
      const { summary } = checked;
      out.push(
        summary.errors + summary.warnings === 0
          ? { intent: 'success', text: shared.noProblems(summary.rows, summary.people) }
          : { intent: summary.errors > 0 ? 'error' : 'warning', text: shared.checked(summary.rows, summary.people, summary.errors, summary.warnings) },
      );
      if (summary.renewal) out.push({ intent: 'info', text: shared.renewalSummary(summary.renewal, money) });
      for (const sheet of summary.skipped) out.push({ intent: 'info', text: `${sheet.file ? `${sheet.file}：` : ''}工作表"${sheet.sheet}"${sheet.reason}` });
      setReport(checked);
    } catch (error) {
      if (error instanceof CheckerError && error.code === 'CANCELLED') out.push({ intent: 'info', text: pageStrings.cancelled });
      else if (error instanceof CheckerError && error.code !== 'INTERNAL') out.push({ intent: 'error', text: pageStrings.failed(error.message) });
      else out.push({ intent: 'error', text: pageStrings.internal(error instanceof Error ? error.message : String(error)) });
    } finally {
      busy.current = false;
      setRunning(false);
      setProgress(null);
      setMessages(out);
    }
  };

  const download = async (name: string, make: () => Promise<Uint8Array>) => {
    setPreparing(name);
    try {
      save(name, await make());
    } catch (error) {
      setMessages((current) => [
        ...current,
        { intent: 'error', text: pageStrings.downloadFailed(name, error instanceof Error ? error.message : String(error)) },
      ]);
    } finally {
      setPreparing(null);
    }
  };

  const onDrop = (event: React.DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void check([...event.dataTransfer.files]);
  };

  const percent = progress && progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : 0;

  return (
    <FluentProvider theme={webLightTheme} lang="zh-CN">
      <main className={styles.root}>
        <header className={styles.heading}>
          <Subtitle1 as="h1">{pageStrings.title}</Subtitle1>
          <Body1>{pageStrings.intro}</Body1>
        </header>

        <div
          className={dragging ? `${styles.drop} ${styles.dropActive}` : styles.drop}
          data-testid="drop-zone"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <Text>{pageStrings.drop}</Text>
          <Button appearance="primary" onClick={() => input.current?.click()}>
            {pageStrings.pick}
          </Button>
          <input
            ref={input}
            type="file"
            multiple
            accept={ACCEPT.join(',')}
            hidden
            aria-label={pageStrings.pick}
            onChange={(event) => {
              const list = [...(event.target.files ?? [])];
              event.target.value = '';
              void check(list);
            }}
          />
        </div>

        <div className={styles.previous}>
          <Text>{pageStrings.previousLabel}</Text>
          <Button size="small" onClick={() => previousInput.current?.click()}>
            {previous ? pageStrings.previousChosen(previous.name) : pageStrings.previousPick}
          </Button>
          {previous && (
            <Button
              size="small"
              appearance="subtle"
              onClick={() => {
                setPrevious(null);
                if (lastFiles.current.length > 0) void check(lastFiles.current, null);
              }}
            >
              {pageStrings.previousClear}
            </Button>
          )}
          <input
            ref={previousInput}
            type="file"
            accept={ACCEPT.join(',')}
            hidden
            aria-label={pageStrings.previousPick}
            onChange={(event) => {
              const file = event.target.files?.[0] ?? null;
              event.target.value = '';
              if (!file || !accepted(file)) return;
              setPrevious(file);
              if (lastFiles.current.length > 0) void check(lastFiles.current, file);
            }}
          />
        </div>

        {running && (
          <div role="status" aria-live="polite">
            <div className={styles.progressRow}>
              <Text className={styles.grow}>{progress ? pageStrings.checking(progress.file, progress.rows, percent) : pageStrings.starting}</Text>
              <Button size="small" onClick={() => client.cancel()}>
                {pageStrings.cancel}
              </Button>
            </div>
            <ProgressBar value={progress ? percent / 100 : undefined} thickness="large" />
          </div>
        )}

        {messages.map((m) => (
          <MessageBar key={m.text} intent={m.intent} layout="multiline">
            <MessageBarBody>{m.text}</MessageBarBody>
          </MessageBar>
        ))}

        {report && (
          <>
            <Text className={styles.hint}>{pageStrings.files(names)}</Text>
            <section aria-label={pageStrings.downloads}>
              <Subtitle2 as="h2">{pageStrings.downloads}</Subtitle2>
              <div className={styles.downloads}>
                {names.map((name) => (
                  <Button key={name} disabled={preparing !== null} onClick={() => void download(annotatedName(name), () => client.annotated(name))}>
                    {pageStrings.annotated(annotatedName(name))}
                  </Button>
                ))}
                <Button disabled={preparing !== null} onClick={() => void download(SUMMARY_FILE, () => client.summaryWorkbook())}>
                  {pageStrings.summaryFile}
                </Button>
              </div>
              <Text as="p" size={200} className={styles.hint}>
                {preparing ? pageStrings.preparing(preparing) : pageStrings.annotatedHint}
              </Text>
            </section>
            {report.findings.length > 0 && (
              <section aria-label={shared.findingsHeading}>
                <Divider />
                <Subtitle2 as="h2">{shared.findingsHeading}</Subtitle2>
                <FindingsList findings={report.findings} strings={shared} showSheet showFile />
              </section>
            )}
            <Divider />
            <Subtitle2 as="h2">{pageStrings.summaryHeading}</Subtitle2>
            <SummaryView report={report} label={pageStrings.summaryHeading} />
            {report.summary.renewal && report.summary.renewal.lapsed.length > 0 && (
              <section aria-label={pageStrings.lapsedHeading(report.summary.renewal.lapsed.length)}>
                <Divider />
                <Subtitle2 as="h2">{pageStrings.lapsedHeading(report.summary.renewal.lapsed.length)}</Subtitle2>
                <LapsedView
                  lapsed={report.summary.renewal.lapsed}
                  label={pageStrings.lapsedHeading(report.summary.renewal.lapsed.length)}
                  columns={pageStrings.lapsedColumns}
                />
              </section>
            )}
          </>
        )}
      </main>
    </FluentProvider>
  );
}
