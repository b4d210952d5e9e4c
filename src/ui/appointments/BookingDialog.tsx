import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { CatalogueItem } from '../../shared/domain/catalogue.js';
import type { Asset } from '../../shared/domain/profile.js';
import type { Appointment, AppointmentDetail, Technician } from '../../shared/domain/appointment.js';
import { zonedInstant, type BranchTimeZone } from '../../shared/domain/dates.js';
import { formatRupiah } from '../../shared/domain/money.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { DateInput } from '../design/DateInput.js';
import { TimeInput } from '../design/TimeInput.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';
import { nextHalfHour, span } from './time.js';
import '../interactions/interactions.css';
import './appointments.css';
import { ProductName } from '../design/ProductName.js';

/**
 * Book a service from the customer's profile (S4), from the keyboard: type
 * part of the service's name or code and Enter picks it, Tab on to the
 * asset, day, time and technician (each technician says whether they are
 * free then), Enter books, Escape closes.
 */
export function BookingDialog({ customerId, customerName, assets, zone, onClose, onBooked }: {
  customerId: string;
  customerName: string;
  assets: Asset[];
  zone: BranchTimeZone;
  onClose(): void;
  onBooked(detail: AppointmentDetail): void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<CatalogueItem[]>([]);
  /** The text the options were found for: Enter typed faster than the search picks from a fresh one. */
  const [optionsFor, setOptionsFor] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [service, setService] = useState<CatalogueItem | null>(null);
  const [assetId, setAssetId] = useState(assets.length === 1 ? assets[0].id : '');
  const [initialDate, initialTime] = useMemo(() => nextHalfHour(zone), [zone]);
  const [date, setDate] = useState(initialDate);
  const [time, setTime] = useState(initialTime);
  const [duration, setDuration] = useState('');
  const [technicianId, setTechnicianId] = useState('');
  const [technicians, setTechnicians] = useState<Technician[]>([]);
  const [dayAppointments, setDayAppointments] = useState<Appointment[]>([]);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const serviceRef = useRef<HTMLInputElement>(null);

  // Services matching what is typed (all of them while nothing is).
  useEffect(() => {
    let stale = false;
    const timer = setTimeout(async () => {
      const r = await call('catalogue.list', { query, kind: 'service', limit: 8 });
      if (stale) return;
      if (r.ok) {
        setOptions(r.value.items);
        setOptionsFor(query);
        setActive(0);
      } else setError(r.error);
    }, query ? 120 : 0);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query]);

  // Who works that day, and what they already have.
  useEffect(() => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    let stale = false;
    void call('appointments.day', { date }).then((r) => {
      if (stale || !r.ok) return;
      setTechnicians(r.value.technicians.filter((x) => x.username !== ''));
      setDayAppointments(r.value.appointments);
    });
    return () => {
      stale = true;
    };
  }, [date]);

  const minutes = Number(duration) || service?.durationMinutes || 0;
  const startsAt = /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time) ? zonedInstant(date, time, zone) : null;
  /** The booking of each technician that overlaps the chosen time, if any. */
  const clash = useMemo(() => {
    const out = new Map<string, Appointment>();
    if (!startsAt || !minutes) return out;
    const s = Date.parse(startsAt);
    const e = s + minutes * 60_000;
    for (const a of dayAppointments) {
      if (!['booked', 'checked_in', 'in_progress', 'waiting_parts'].includes(a.status)) continue;
      if (Date.parse(a.startsAt) < e && Date.parse(a.endsAt) > s && !out.has(a.technicianId)) out.set(a.technicianId, a);
    }
    return out;
  }, [dayAppointments, startsAt, minutes]);

  // A free technician is chosen until the clerk picks one.
  useEffect(() => {
    if (technicianId && technicians.some((x) => x.id === technicianId)) return;
    const free = technicians.find((x) => !clash.has(x.id)) ?? technicians[0];
    if (free) setTechnicianId(free.id);
  }, [technicians, clash, technicianId]);

  function pick(item: CatalogueItem) {
    setService(item);
    setQuery('');
    setDuration(item.durationMinutes ? String(item.durationMinutes) : '');
    setError(null);
  }

  async function pickFirstFor(text: string) {
    const r = await call('catalogue.list', { query: text, kind: 'service', limit: 8 });
    if (r.ok && r.value.items[0]) pick(r.value.items[0]);
  }

  async function save() {
    if (saving) return;
    if (!service) {
      serviceRef.current?.focus();
      return;
    }
    setSaving(true);
    const r = await call('appointments.book', {
      customerId,
      serviceItemId: service.id,
      assetId: assetId || null,
      startsAt: startsAt ?? `${date}T${time}`,
      technicianId,
      ...(duration.trim() !== '' ? { durationMinutes: Number(duration) } : {}),
      notes: notes.trim() === '' ? null : notes,
    });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    onBooked(r.value);
  }

  const fieldError = (path: string) => {
    const issue = error?.fields?.find((f) => f.path.join('.') === path);
    return issue ? fieldText(issue, locale) : null;
  };
  // An unreadable day or time is explained by its own field (DateInput, TimeInput); the server's "not a date" would repeat it.
  const whenError = error?.fields?.some((f) => f.path[0] === 'startsAt' && f.code === 'invalid_date') ? null : fieldError('startsAt');

  function onServiceKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (options.length === 0 ? 0 : (i + (event.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length));
    } else if (event.key === 'Enter' && (!service || query !== '')) {
      event.preventDefault();
      event.stopPropagation();
      if (optionsFor === query && options[active]) pick(options[active]);
      else if (optionsFor !== query) void pickFirstFor(query);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Enter' && (event.ctrlKey || !(event.target instanceof HTMLTextAreaElement)) && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      void save();
    }
  }

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    serviceRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  // Escape closes even when focus has left the dialog (a button that was disabled while saving drops it).
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const listOpen = !service || query !== '';
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog booking card" role="dialog" aria-modal="true" aria-labelledby="booking-title" ref={dialogRef} onKeyDown={onKeyDown}>
        <header className="dialog__header">
          <h2 id="booking-title">{t('appointment.book.title')}</h2>
          <p className="muted">{customerName}</p>
        </header>
        {error && <ErrorBanner error={error} />}

        <div className="field">
          <label className="field__label" htmlFor="booking-service">{t('appointment.book.service')}</label>
          {service && (
            <div className="booking__chosen">
              <span className="mono">{service.sku}</span> <strong><ProductName name={service.name} /></strong>
              <span className="muted"> · {service.durationMinutes ? t('appointment.minutes', { count: service.durationMinutes }) : t('appointment.book.noDuration')} · {formatRupiah(service.unitPrice)}</span>
            </div>
          )}
          <input
            id="booking-service"
            ref={serviceRef}
            className="input"
            role="combobox"
            aria-expanded={listOpen}
            aria-controls="booking-service-list"
            aria-activedescendant={listOpen && options[active] ? `booking-service-${options[active].id}` : undefined}
            aria-invalid={Boolean(fieldError('serviceItemId'))}
            autoComplete="off"
            value={query}
            placeholder={service ? t('appointment.book.serviceChange') : t('appointment.book.serviceHint')}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onServiceKey}
          />
          {listOpen && (
            <ul className="booking__options" id="booking-service-list" role="listbox" aria-label={t('appointment.book.service')}>
              {options.length === 0 && <li className="muted booking__empty">{t('appointment.book.noServices')}</li>}
              {options.map((item, i) => (
                <li
                  key={item.id}
                  id={`booking-service-${item.id}`}
                  role="option"
                  aria-selected={i === active}
                  className="booking__option"
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(item);
                  }}
                >
                  <span className="mono">{item.sku}</span> <ProductName name={item.name} />
                  <span className="muted"> · {item.durationMinutes ? t('appointment.minutes', { count: item.durationMinutes }) : '–'} · {formatRupiah(item.unitPrice)}</span>
                </li>
              ))}
            </ul>
          )}
          {fieldError('serviceItemId') && <span className="field__error" role="alert">{fieldError('serviceItemId')}</span>}
        </div>

        <div className="booking__row">
          <label className="field">
            <span className="field__label">{t('appointment.book.asset')}</span>
            <select className="select" value={assetId} onChange={(e) => setAssetId(e.target.value)} aria-invalid={Boolean(fieldError('assetId'))}>
              <option value="">{t('appointment.book.noAsset')}</option>
              {assets.map((a) => (
                <option key={a.id} value={a.id}>
                  {[a.label, a.identifier].filter(Boolean).join(' · ')}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <label className="field__label" htmlFor="booking-date">{t('appointment.book.date')}</label>
            <DateInput id="booking-date" value={date} onChange={setDate} invalid={Boolean(fieldError('startsAt'))} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="booking-time">{t('appointment.book.time', { zone })}</label>
            <TimeInput id="booking-time" value={time} onChange={setTime} invalid={Boolean(fieldError('startsAt'))} />
          </div>
          <label className="field">
            <span className="field__label">{t('appointment.book.duration')}</span>
            <input className="input tabular" inputMode="numeric" value={duration} onChange={(e) => setDuration(e.target.value.replace(/\D/g, '').slice(0, 5))} aria-invalid={Boolean(fieldError('durationMinutes'))} />
          </label>
        </div>
        {(whenError || fieldError('durationMinutes') || fieldError('assetId')) && (
          <span className="field__error" role="alert">{whenError ?? fieldError('durationMinutes') ?? fieldError('assetId')}</span>
        )}

        <label className="field">
          <span className="field__label">{t('appointment.book.technician')}</span>
          <select className="select" value={technicianId} onChange={(e) => setTechnicianId(e.target.value)} aria-invalid={Boolean(fieldError('technicianId'))}>
            {technicians.map((x) => {
              const busy = clash.get(x.id);
              return (
                <option key={x.id} value={x.id}>
                  {busy ? t('appointment.book.busy', { name: x.name, span: span(busy.startsAt, busy.endsAt, zone, locale) }) : t('appointment.book.free', { name: x.name })}
                </option>
              );
            })}
          </select>
          {fieldError('technicianId') && <span className="field__error" role="alert">{fieldError('technicianId')}</span>}
        </label>

        <label className="field">
          <span className="field__label">{t('appointment.book.notes')}</span>
          <textarea className="textarea" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder={t('appointment.book.notesHint')} />
        </label>

        <footer className="dialog__footer">
          <span className="muted dialog__keys">
            <kbd>↑</kbd><kbd>↓</kbd> {t('appointment.book.keysPick')} · <kbd>Tab</kbd> {t('interaction.keysNext')} · <kbd>Enter</kbd> {t('appointment.book.save')} · <kbd>Esc</kbd> {t('common.cancel')}
          </span>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={saving} onClick={() => void save()}>
            {saving ? t('common.saving') : t('appointment.book.save')}
          </button>
        </footer>
      </div>
    </div>
  );
}
