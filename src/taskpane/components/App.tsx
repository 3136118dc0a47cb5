/**
 * The task pane: four buttons, a switch, progress with cancel, messages and the findings. It gets
 * its adapter from its caller (index.tsx gives the Excel one, tests a fake), so it never touches
 * Excel itself.
 */
import * as React from 'react';
import {
  Button,
  Caption1,
  Divider,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Subtitle1,
  Switch,
  Text,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import type { ClaimResult } from '../../rules/claims';
import { serialFromYmd } from '../../rules/dates';
import type { PreviousRoster } from '../../rules/renewal';
import type { Finding, LapsedMember } from '../../rules/roster';
import { claimsStringsFor } from '../claimsI18n';
import { AdapterError, CheckResult, ClaimsAdapter, ClaimsResult, PreviousChoice, Progress, RenewalCheckResult, RosterAdapter } from '../excel/types';
import { Language, noticeIntent, Operation, stringsFor, Strings } from '../i18n';
import { ClaimsList } from './ClaimsList';
import { FindingsList } from '../../ui/FindingsList';
import { LapsedList, PreviousPick, RenewalChooser } from './RenewalPanel';

type Intent = 'info' | 'success' | 'warning' | 'error';

interface Message {
  id: number;
  intent: Intent;
  text: string;
}

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
  heading: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  buttons: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  progressRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  progressText: { flexGrow: 1 },
  messages: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  footer: { marginTop: 'auto', color: tokens.colorNeutralForeground3 },
});

export interface AppProps {
  adapter: RosterAdapter;
  language: Language;
  /** Reads last year's roster from a picked file, in the pane (nothing is uploaded); absent: sheets only. */
  readPreviousFile?: (file: File) => Promise<PreviousRoster>;
  /** The claims register's operations; without them the pane shows no 理赔 buttons. */
  claims?: ClaimsAdapter;
  /** The pane's clock ("today" for the claims' due dates); tests give a fixed one. */
  clock?: () => Date;
}

/** Today on the clerk's computer, as a serial (the local date, as the clerk reads the calendar). */
function todaySerial(clock: () => Date): number {
  const now = clock();
  return serialFromYmd({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}

function formatYuan(amount: number, language: Language): string {
  return amount.toLocaleString(language === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function errorText(error: unknown, strings: Strings): string {
  if (error instanceof AdapterError) {
    switch (error.code) {
      case 'busy':
        return strings.busy((error.detail as Operation) ?? 'check');
      case 'cancelled':
        return strings.cancelled;
      case 'notInExcel':
        return strings.notInExcel;
      case 'unsupported':
        return strings.unsupported(error.detail ?? '');
      default:
        if (error.detail === 'workbookProtected') return strings.workbookProtectedFail;
        if (error.detail === 'ItemNotFound') return strings.sheetGone;
        if (error.detail === 'previousIsThisYear') return strings.previousIsThisYear;
        return strings.failed(error.detail ?? '');
    }
  }
  return strings.failed(error instanceof Error ? error.message : String(error));
}

export function App({ adapter, language, readPreviousFile, claims, clock = () => new Date() }: AppProps): React.ReactElement {
  const strings = stringsFor(language);
  const claimsStrings = claimsStringsFor(language);
  const [claimsResult, setClaimsResult] = React.useState<ClaimsResult | null>(null);
  const styles = useStyles();
  const [wholeWorkbook, setWholeWorkbook] = React.useState(false);
  const [running, setRunning] = React.useState<Operation | null>(null);
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const [messages, setMessages] = React.useState<Message[]>([]);
  const [result, setResult] = React.useState<CheckResult | null>(null);
  const [checkedWorkbook, setCheckedWorkbook] = React.useState(false);
  const [renewalSheets, setRenewalSheets] = React.useState<string[] | null>(null);
  const [renewal, setRenewal] = React.useState<RenewalCheckResult | null>(null);
  const [previousIsSheet, setPreviousIsSheet] = React.useState(true);
  // The operation under way, known at once (state updates arrive a render later: a double click
  // must still be refused).
  const busy = React.useRef<Operation | null>(null);
  const abort = React.useRef<AbortController | null>(null);
  const nextId = React.useRef(1);

  const message = (intent: Intent, text: string): Message => ({ id: nextId.current++, intent, text });
  // An Excel below the add-in's floor: said once at start, and the buttons stay off.
  const [missing] = React.useState(() => adapter.missingRequirements?.() ?? []);
  const blocked = missing.length > 0;

  /** Runs one operation at a time; a click while one runs is refused with a message. */
  const run = async (operation: Operation, work: (signal: AbortSignal) => Promise<Message[]>): Promise<void> => {
    if (busy.current !== null) {
      const refusal = message('warning', strings.busy(busy.current));
      setMessages((current) => [refusal, ...current.filter((m) => m.text !== refusal.text)]);
      return;
    }
    busy.current = operation;
    const controller = new AbortController();
    abort.current = controller;
    setRunning(operation);
    setProgress(null);
    setMessages([]);
    try {
      setMessages(await work(controller.signal));
    } catch (error) {
      setMessages([message(error instanceof AdapterError && error.code === 'cancelled' ? 'info' : 'error', errorText(error, strings))]);
    } finally {
      busy.current = null;
      abort.current = null;
      setRunning(null);
      setProgress(null);
    }
  };

  const scope = wholeWorkbook ? 'workbook' : 'activeSheet';

  /** The messages of a check (校验花名册 and 与上年比对 alike). */
  const checkMessages = (checked: CheckResult): Message[] => {
    const { summary } = checked.report;
    const out: Message[] = [];
    if (summary.sheets.length > 0) {
      out.push(
        summary.errors + summary.warnings === 0
          ? message('success', strings.noProblems(summary.rows, summary.people))
          : message(summary.errors > 0 ? 'error' : 'warning', strings.checked(summary.rows, summary.people, summary.errors, summary.warnings)),
      );
    }
    if (checked.marked > 0) out.push(message('info', strings.marked(checked.marked, checked.notes)));
    for (const notice of checked.notices) out.push(message(noticeIntent(notice), strings.notice(notice)));
    return out;
  };

  const onCheck = () =>
    run('check', async (signal) => {
      setResult(null);
      setRenewal(null);
      const checked = await adapter.check({ scope, signal, onProgress: setProgress });
      setResult(checked);
      setCheckedWorkbook(wholeWorkbook);
      return checkMessages(checked);
    });

  /** 与上年比对: first the choice of last year's roster (the sheets listed), then the check. */
  const onRenewal = () => {
    if (renewalSheets !== null) {
      setRenewalSheets(null);
      return;
    }
    adapter.listSheets().then(setRenewalSheets, (error: unknown) => setMessages([message('error', errorText(error, strings))]));
  };

  const onRenewalStart = (pick: PreviousPick | null) =>
    run('renewal', async (signal) => {
      if (pick === null) return [message('warning', strings.noPreviousChosen)];
      setResult(null);
      setRenewal(null);
      let previous: PreviousChoice;
      if (pick.kind === 'file') {
        try {
          previous = { kind: 'roster', roster: await (readPreviousFile as (file: File) => Promise<PreviousRoster>)(pick.file) };
        } catch (error) {
          return [message('error', strings.previousUnreadable(error instanceof Error ? error.message : String(error)))];
        }
      } else {
        previous = { kind: 'sheet', sheet: pick.sheet };
      }
      const checked = await adapter.checkRenewal({ scope, previous, signal, onProgress: setProgress });
      setResult(checked);
      setRenewal(checked);
      setPreviousIsSheet(pick.kind === 'sheet');
      setCheckedWorkbook(wholeWorkbook);
      const out = checkMessages(checked);
      const summary = checked.report.summary.renewal;
      if (summary)
        out.unshift(
          message(
            'info',
            strings.renewalSummary(summary, (n) => formatYuan(n, language)),
          ),
        );
      return out;
    });

  const onShowLapsed = (entry: LapsedMember) => {
    const member = renewal?.previous.locate(entry);
    if (!member) return;
    setMessages((current) => [message('info', strings.lapsedWhere(member)), ...current]);
    if (previousIsSheet) onSelect({ sheet: member.sheet, row: member.row, cell: null });
  };

  const onNextYear = () =>
    run('nextYear', async (signal) => {
      const inserted = await adapter.insertNextYear({ scope, signal, onProgress: setProgress });
      const out = [message('success', strings.nextYearInserted(inserted.sheetName, inserted.rows))];
      if (inserted.retiring.length > 0) out.push(message('warning', strings.retiringLeftOut(inserted.retiring)));
      for (const notice of inserted.notices) out.push(message(noticeIntent(notice), strings.notice(notice)));
      return out;
    });

  const onClear = () =>
    run('clear', async (signal) => {
      const cleared = await adapter.clearMarks({ signal, onProgress: setProgress });
      const out: Message[] = [];
      if (cleared.restored + cleared.notesRemoved > 0) out.push(message('success', strings.cleared(cleared.restored, cleared.notesRemoved)));
      // Marks kept (their sheet cannot be found, or notes this Excel cannot delete) are still
      // there: their notice says so.
      else if (cleared.unmatched + cleared.notesLeft === 0) out.push(message('info', strings.nothingToClear));
      for (const notice of cleared.notices) out.push(message(noticeIntent(notice), strings.notice(notice)));
      return out;
    });

  const onSummary = () =>
    run('summary', async (signal) => {
      const written = await adapter.writeSummary({ scope, signal, onProgress: setProgress });
      const out = [message('success', strings.summaryWritten(written.sheetName, formatYuan(written.report.summary.premiumTotal, language)))];
      for (const notice of written.notices) out.push(message(noticeIntent(notice), strings.notice(notice)));
      return out;
    });

  const onTemplate = () =>
    run('template', async () => {
      const inserted = await adapter.insertTemplate();
      return [message('success', strings.templateInserted(inserted.sheetName))];
    });

  const onComputeClaims = (work: ClaimsAdapter) =>
    run('claims', async (signal) => {
      setClaimsResult(null);
      const computed = await work.computeClaims({ today: todaySerial(clock), signal, onProgress: setProgress });
      const out: Message[] = [];
      if (computed.report.sheets.length > 0) {
        const { summary } = computed.report;
        setClaimsResult(computed);
        const intent = summary.overdue + summary.errors > 0 ? 'error' : summary.dueSoon + summary.review + summary.warnings > 0 ? 'warning' : 'success';
        out.push(message(intent, claimsStrings.computed(summary, formatYuan(summary.payable, language))));
        out.push(message('info', claimsStrings.written(computed.written)));
      }
      if (computed.marked > 0) out.push(message('info', strings.marked(computed.marked, computed.notes)));
      for (const notice of computed.notices) out.push(message(noticeIntent(notice), strings.notice(notice)));
      return out;
    });

  const onClaimsSummary = (work: ClaimsAdapter) =>
    run('claimsSummary', async (signal) => {
      const written = await work.writeClaimsSummary({ today: todaySerial(clock), signal, onProgress: setProgress });
      const { summary } = written.report;
      const out = [message('success', claimsStrings.summaryWritten(written.sheetName, summary.peopleHelped, summary.peopleCondoled))];
      for (const notice of written.notices) out.push(message(noticeIntent(notice), strings.notice(notice)));
      return out;
    });

  const onInsertRegister = (work: ClaimsAdapter) =>
    run('register', async () => {
      const inserted = await work.insertRegister();
      return [message('success', claimsStrings.registerInserted(inserted.sheetName))];
    });

  const onSelectClaim = (claim: ClaimResult) => {
    if (!claims) return;
    if (busy.current !== null) {
      setMessages((current) => [message('warning', strings.busy(busy.current as Operation)), ...current]);
      return;
    }
    claims.selectClaim(claim).catch((error: unknown) => {
      setMessages((current) => [message('error', errorText(error, strings)), ...current]);
    });
  };

  const onSelect = (finding: Pick<Finding, 'sheet' | 'row' | 'cell'>) => {
    if (busy.current !== null) {
      setMessages((current) => [message('warning', strings.busy(busy.current as Operation)), ...current]);
      return;
    }
    adapter.select(finding).catch((error: unknown) => {
      setMessages((current) => [message('error', errorText(error, strings)), ...current]);
    });
  };

  const fraction = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : undefined;
  const cancellable =
    running !== null && ['check', 'summary', 'renewal', 'nextYear', 'claims', 'claimsSummary'].includes(running) && progress?.phase === 'reading';

  return (
    <FluentProvider theme={webLightTheme} lang={language === 'en' ? 'en-US' : 'zh-CN'}>
      <main className={styles.root}>
        <header className={styles.heading}>
          <Subtitle1 as="h1">{strings.title}</Subtitle1>
          <Caption1>{strings.subtitle}</Caption1>
        </header>

        {blocked && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{strings.unsupported(missing.join(', '))}</MessageBarBody>
          </MessageBar>
        )}

        <Switch label={strings.wholeWorkbook} checked={wholeWorkbook} onChange={(_, data) => setWholeWorkbook(data.checked)} />

        <div className={styles.buttons}>
          <Button appearance="primary" onClick={onCheck} aria-busy={running === 'check'} disabled={blocked}>
            {strings.check}
          </Button>
          <Button onClick={onClear} aria-busy={running === 'clear'} disabled={blocked}>
            {strings.clear}
          </Button>
          <Button onClick={onSummary} aria-busy={running === 'summary'} disabled={blocked}>
            {strings.summary}
          </Button>
          <Button onClick={onTemplate} aria-busy={running === 'template'} disabled={blocked}>
            {strings.template}
          </Button>
          <Button onClick={onRenewal} aria-busy={running === 'renewal'} aria-expanded={renewalSheets !== null}>
            {strings.renewal}
          </Button>
          <Button onClick={onNextYear} aria-busy={running === 'nextYear'}>
            {strings.nextYear}
          </Button>
        </div>

        {renewalSheets !== null && (
          <RenewalChooser
            strings={strings}
            sheets={renewalSheets}
            canReadFiles={readPreviousFile !== undefined}
            disabled={running !== null}
            onStart={onRenewalStart}
          />
        )}

        {claims && (
          <section aria-label={claimsStrings.heading} className={styles.heading}>
            <Text weight="semibold">{claimsStrings.heading}</Text>
            <div className={styles.buttons}>
              <Button appearance="primary" onClick={() => onComputeClaims(claims)} aria-busy={running === 'claims'}>
                {claimsStrings.compute}
              </Button>
              <Button onClick={() => onClaimsSummary(claims)} aria-busy={running === 'claimsSummary'}>
                {claimsStrings.summary}
              </Button>
              <Button onClick={() => onInsertRegister(claims)} aria-busy={running === 'register'}>
                {claimsStrings.insertRegister}
              </Button>
            </div>
          </section>
        )}

        {running !== null && (
          <div className={styles.progress} role="status" aria-live="polite">
            <div className={styles.progressRow}>
              <Text className={styles.progressText}>{progress ? strings.progress(progress) : strings.operation[running]}</Text>
              {cancellable && (
                <Button size="small" onClick={() => abort.current?.abort()}>
                  {strings.cancel}
                </Button>
              )}
            </div>
            <ProgressBar value={fraction} thickness="large" />
          </div>
        )}

        {messages.length > 0 && (
          <div className={styles.messages}>
            {messages.map((m) => (
              <MessageBar key={m.id} intent={m.intent} layout="multiline">
                <MessageBarBody>{m.text}</MessageBarBody>
              </MessageBar>
            ))}
          </div>
        )}

        {renewal && renewal.report.summary.renewal && renewal.report.summary.renewal.lapsed.length > 0 && (
          <LapsedList strings={strings} lapsed={renewal.report.summary.renewal.lapsed} previous={renewal.previous} onShow={onShowLapsed} />
        )}

        {claimsResult && (
          <section aria-label={claimsStrings.heading} data-testid="claims-list">
            <Divider />
            <ClaimsList claims={claimsResult.report.claims} strings={claimsStrings} onSelect={onSelectClaim} />
          </section>
        )}

        {result && result.report.findings.length > 0 && (
          <section aria-label={strings.findingsHeading}>
            <Divider />
            <FindingsList findings={result.report.findings} strings={strings} showSheet={checkedWorkbook} onSelect={onSelect} />
          </section>
        )}

        <Caption1 className={styles.footer}>{strings.privacy}</Caption1>
      </main>
    </FluentProvider>
  );
}
