import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { UPLOAD_CHUNK_BYTES } from '../../shared/api/procedures/imports.js';
import { importFields, type FileInspection, type ImportKind, type ImportMapping, type ImportPreview, type OnError, type ParseOptions } from '../../shared/domain/importing.js';
import { call, transport } from '../app/api.js';
import { navigate } from '../app/router.js';
import { ErrorBanner } from '../design/Banner.js';
import { customersChanged } from '../customers/customerEvents.js';
import { base64Pieces } from '../lib/download.js';
import { formatCount } from '../lib/numbers.js';
import { MappingStep } from './MappingStep.js';
import { IssueTable } from './IssueTable.js';
import './imports.css';

type Step = 'file' | 'mapping' | 'preview' | 'running';

/**
 * The import wizard (C8): file, mapping with guessed columns, preview with
 * the report row by row, then "import valid rows" or "refuse all", with a
 * progress bar fed by the core's events. The result page offers undo.
 */
export function ImportWizard() {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('file');
  const [kind, setKind] = useState<ImportKind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [parse, setParse] = useState<ParseOptions>({ delimiter: 'auto', hasHeader: 'auto' });
  const [inspection, setInspection] = useState<FileInspection | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [onError, setOnError] = useState<OnError>('skip');
  const [progress, setProgress] = useState<{ phase: string; rows: number; fraction: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('imports.newTitle')} · Simpul`;
  }, [t]);

  async function inspect(id: string, options: ParseOptions) {
    const result = await call('imports.inspect', { uploadId: id, kind, parse: options });
    if (!result.ok) return setError(result.error);
    setError(null);
    setInspection(result.value);
    setMapping({
      columns: result.value.guess.columns,
      dateFormat: result.value.guess.dateFormat,
      numberFormat: result.value.guess.numberFormat,
      currencyRate: '1',
      missingCustomer: 'report',
    });
    setParse({ delimiter: result.value.format === 'xlsx' ? 'auto' : result.value.delimiter, hasHeader: result.value.hasHeader ? 'yes' : 'no' });
    setStep('mapping');
  }

  async function upload() {
    if (!file || busy) return;
    setBusy(true);
    setUploaded(0);
    let id: string | undefined;
    for await (const piece of base64Pieces(file, UPLOAD_CHUNK_BYTES)) {
      const result = await call('imports.upload', { ...(id ? { uploadId: id } : {}), fileName: file.name, chunk: piece.chunk });
      if (!result.ok) {
        setBusy(false);
        return setError(result.error);
      }
      id = result.value.uploadId;
      setUploaded(piece.sent);
    }
    setUploadId(id!);
    await inspect(id!, { delimiter: 'auto', hasHeader: 'auto' });
    setBusy(false);
  }

  async function check() {
    if (!uploadId || !mapping) return;
    setBusy(true);
    const off = transport?.onEvent((event) => {
      if (event.type === 'import.progress' && event.batchId === uploadId) setProgress({ phase: event.phase, rows: event.rows, fraction: event.fraction });
    });
    const result = await call('imports.preview', { uploadId, kind, parse, mapping });
    off?.();
    setProgress(null);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setPreview(result.value);
    setStep('preview');
  }

  async function run() {
    if (!uploadId || !mapping) return;
    setStep('running');
    setProgress({ phase: onError === 'refuse' ? 'checking' : 'writing', rows: 0, fraction: 0 });
    const off = transport?.onEvent((event) => {
      if (event.type === 'import.progress') setProgress({ phase: event.phase, rows: event.rows, fraction: event.fraction });
    });
    const result = await call('imports.run', { uploadId, kind, parse, mapping, onError });
    off?.();
    if (!result.ok) {
      setStep('preview');
      return setError(result.error);
    }
    customersChanged(null);
    navigate({ name: 'importBatch', id: result.value.id }, { replace: true });
  }

  const fields = importFields(kind);
  return (
    <div className="page import-wizard">
      <header className="page__header">
        <div>
          <button type="button" className="button button--quiet button--small back-link" onClick={() => navigate({ name: 'imports' })}>
            ← {t('imports.title')}
          </button>
          <h1>{t('imports.newTitle')}</h1>
        </div>
        <ol className="steps" aria-label={t('imports.steps')}>
          {(['file', 'mapping', 'preview', 'running'] as const).map((s, i) => (
            <li key={s} className={`steps__item ${step === s ? 'steps__item--current' : ''}`} aria-current={step === s ? 'step' : undefined}>
              <span className="steps__number">{i + 1}</span> {t(`imports.step.${s}`)}
            </li>
          ))}
        </ol>
      </header>
      {error && <ErrorBanner error={error} />}

      {step === 'file' && (
        <section className="card form-card">
          <h2 className="form-card__title">{t('imports.step.file')}</h2>
          <fieldset className="kind-choice">
            <legend className="field__label">{t('imports.kindLabel')}</legend>
            {(['customers', 'transactions'] as const).map((k) => (
              <label key={k} className="kind-choice__option">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                <span>
                  <strong>{t(`imports.kind.${k}`)}</strong>
                  <span className="muted">{t(`imports.kindHint.${k}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label className="field__label" htmlFor="import-file">{t('imports.fileLabel')}</label>
            <input ref={fileRef} id="import-file" className="input" type="file" accept=".csv,.txt,.tsv,.xlsx" aria-describedby="import-file-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <span className="field__hint" id="import-file-hint">{t('imports.fileHint')}</span>
          </div>
          {uploaded !== null && file && (
            <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((uploaded / Math.max(1, file.size)) * 100)} aria-label={t('imports.uploading')}>
              <div className="progress__fill" style={{ width: `${(uploaded / Math.max(1, file.size)) * 100}%` }} />
            </div>
          )}
          <div className="form-card__actions">
            <button type="button" className="button button--primary" disabled={!file || busy} onClick={() => void upload()}>
              {busy ? t('imports.uploading') : t('imports.readFile')}
            </button>
          </div>
        </section>
      )}

      {step === 'mapping' && busy && progress && (
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress.fraction * 100)} aria-label={t('imports.phase.checking')}>
          <div className="progress__fill" style={{ width: `${progress.fraction * 100}%` }} />
        </div>
      )}
      {step === 'mapping' && inspection && mapping && (
        <MappingStep
          kind={kind}
          fields={fields}
          inspection={inspection}
          mapping={mapping}
          parse={parse}
          busy={busy}
          onMapping={setMapping}
          onParse={(next) => {
            setParse(next);
            if (uploadId) void inspect(uploadId, next);
          }}
          onBack={() => setStep('file')}
          onCheck={() => void check()}
        />
      )}

      {step === 'preview' && preview && (
        <section className="card form-card">
          <h2 className="form-card__title">{t('imports.step.preview')}</h2>
          <dl className="counts">
            {(['totalRows', 'validRows', 'invalidRows', 'create', 'update', 'unchanged'] as const).map((key) => (
              <div key={key} className={`count count--${key} ${preview[key] > 0 ? 'count--some' : ''}`}>
                <dt>{t(`imports.count.${key}`)}</dt>
                <dd data-testid={`count-${key}`}>{formatCount(preview[key])}</dd>
              </div>
            ))}
          </dl>
          {preview.issueCount > 0 && (
            <>
              <h3>{t('imports.issuesTitle', { count: preview.issueCount })}</h3>
              <IssueTable issues={preview.issues} />
              {preview.issueCount > preview.issues.length && <p className="muted">{t('imports.moreIssues', { count: preview.issueCount - preview.issues.length })}</p>}
            </>
          )}
          {preview.invalidRows > 0 && <fieldset className="kind-choice">
            <legend className="field__label">{t('imports.onErrorLabel')}</legend>
            {(['skip', 'refuse'] as const).map((mode) => (
              <label key={mode} className="kind-choice__option">
                <input type="radio" name="onError" value={mode} checked={onError === mode} onChange={() => setOnError(mode)} />
                <span>
                  <strong>{t(`imports.onError.${mode}`)}</strong>
                  <span className="muted">{t(`imports.onErrorHint.${mode}`, { count: preview.invalidRows, formatted: formatCount(preview.invalidRows) })}</span>
                </span>
              </label>
            ))}
          </fieldset>}
          <div className="form-card__actions">
            <button type="button" className="button" onClick={() => setStep('mapping')}>{t('imports.back')}</button>
            <button type="button" className="button button--primary" disabled={preview.validRows === 0} onClick={() => void run()}>
              {t('imports.start', { count: preview.validRows, formatted: formatCount(preview.validRows) })}
            </button>
          </div>
        </section>
      )}

      {step === 'running' && progress && (
        <section className="card form-card" aria-live="polite">
          <h2 className="form-card__title">{t(`imports.phase.${progress.phase}`)}</h2>
          <div className="progress progress--large" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress.fraction * 100)} aria-label={t(`imports.phase.${progress.phase}`)}>
            <div className="progress__fill" style={{ width: `${progress.fraction * 100}%` }} />
          </div>
          <p className="muted" data-testid="import-progress">
            {t('imports.progressRows', { percent: Math.round(progress.fraction * 100), rows: formatCount(progress.rows) })}
          </p>
        </section>
      )}
    </div>
  );
}
