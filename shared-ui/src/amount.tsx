/**
 * The one input for amounts and other numbers typed by hand, in the French way: `4 800,50`,
 * `4800,50`, `4 800,50 €` (spaces, no-break and narrow no-break spaces as thousands separators,
 * a comma or a point as the decimal mark). What is not a number is refused with a French message,
 * never turned into 0, and the magnitude of what was typed is never changed.
 */
import { useState, type CSSProperties, type ReactNode } from 'react';
import { Flex, Input, Typography } from 'antd';

export const AMOUNT_NOT_A_NUMBER = 'Saisissez un nombre, par exemple 4 800,50.';

export type AmountParse = { ok: true; value: number | null } | { ok: false; error: string };

const SPACES = /[\s\u00a0\u202f\u2009]/g;

/**
 * Reads a number typed the French way. `decimals` is the number of decimal places accepted
 * (0 for whole numbers). An empty text is `null`.
 */
export function parseAmount(text: string | null | undefined, decimals = 2): AmountParse {
  let s = (text ?? '').replace(SPACES, '');
  if (s.endsWith('€')) s = s.slice(0, -1);
  if (s === '') return { ok: true, value: null };
  s = s.replace(/^[\u2212\u2013]/, '-');
  const lastComma = s.lastIndexOf(',');
  const lastPoint = s.lastIndexOf('.');
  if (lastComma >= 0 && lastPoint >= 0) {
    // Both marks: the last one is the decimal mark, the other separates thousands (1.234,5 / 1,234.5).
    const [thousands, mark] = lastComma > lastPoint ? ['.', ','] : [',', '.'];
    const at = s.lastIndexOf(mark);
    const intPart = s.slice(0, at);
    const grouped = thousands === '.' ? /^-?\d{1,3}(\.\d{3})+$/ : /^-?\d{1,3}(,\d{3})+$/;
    if (!grouped.test(intPart)) return { ok: false, error: AMOUNT_NOT_A_NUMBER };
    s = `${intPart.split(thousands).join('')}.${s.slice(at + 1)}`;
  } else if ((s.match(/,/g) ?? []).length > 1 || (s.match(/\./g) ?? []).length > 1) {
    return { ok: false, error: AMOUNT_NOT_A_NUMBER };
  } else {
    s = s.replace(',', '.');
  }
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!match) return { ok: false, error: AMOUNT_NOT_A_NUMBER };
  const fraction = match[3] ?? '';
  if (fraction.length > decimals) {
    return {
      ok: false,
      error: decimals === 0 ? 'Saisissez un nombre entier.' : `Au plus ${decimals} décimale${decimals > 1 ? 's' : ''}.`,
    };
  }
  const value = Number(`${match[1]}${match[2]}${fraction ? `.${fraction}` : ''}`);
  return Number.isFinite(value) ? { ok: true, value: Object.is(value, -0) ? 0 : value } : { ok: false, error: AMOUNT_NOT_A_NUMBER };
}

/** The message for a value outside [min, max], or undefined. */
export function amountBoundsError(value: number, min?: number, max?: number): string | undefined {
  if (min !== undefined && value < min) return min === 0 ? 'Saisissez un nombre positif.' : `Au moins ${formatAmount(min, 2)}.`;
  if (max !== undefined && value > max) return `Au plus ${formatAmount(max, 2)}.`;
  return undefined;
}

/** `4800.5` → `4 800,50` (narrow no-break spaces), with `decimals` places when there is a fraction. */
export function formatAmount(value: number | null | undefined, decimals = 2): string {
  if (value == null || Number.isNaN(value)) return '';
  const whole = Number.isInteger(value);
  return new Intl.NumberFormat('fr-FR', {
    minimumFractionDigits: whole ? 0 : decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** antd Form rule: a typed text that is not a number (the input's value is then NaN) is refused. */
export const amountRule = {
  validator: (_: unknown, value: unknown) =>
    typeof value === 'number' && Number.isNaN(value) ? Promise.reject(new Error(AMOUNT_NOT_A_NUMBER)) : Promise.resolve(),
};

export interface AmountInputProps {
  /** A number, null when empty, NaN while the text typed is not a number. */
  value?: number | null;
  onChange?: (value: number | null) => void;
  onBlur?: () => void;
  onPressEnter?: () => void;
  /** Decimal places accepted: 2 for euros (default), 0 for whole numbers. */
  decimals?: number;
  min?: number;
  max?: number;
  suffix?: ReactNode;
  placeholder?: string;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}

/**
 * Text input holding what the member typed; emits the number it reads (NaN when it reads none).
 * Inside a Form.Item the form shows the messages (add `amountRule`); alone it shows its own.
 */
export function AmountInput({ value, onChange, onBlur, onPressEnter, decimals = 2, min, max, style, ...rest }: AmountInputProps) {
  const [text, setText] = useState(() => formatAmount(value, decimals));
  const [synced, setSynced] = useState<number | null | undefined>(value);
  const [error, setError] = useState<string>();
  // Form.Item gives its control an id (and shows the rule messages itself).
  const inForm = rest.id !== undefined;
  // A value set from outside (reset, another record) replaces the text; our own echoes do not.
  if (!Object.is(value, synced)) {
    setSynced(value);
    const own = parseAmount(text, decimals);
    if (!(own.ok && own.value === (value ?? null)) && !(Number.isNaN(value) && !own.ok)) {
      setText(formatAmount(value, decimals));
      setError(undefined);
    }
  }
  const change = (next: string) => {
    setText(next);
    const parsed = parseAmount(next, decimals);
    const emitted = parsed.ok ? parsed.value : Number.NaN;
    setError(parsed.ok ? (parsed.value === null ? undefined : amountBoundsError(parsed.value, min, max)) : parsed.error);
    setSynced(emitted);
    onChange?.(emitted);
  };
  const blur = () => {
    const parsed = parseAmount(text, decimals);
    if (parsed.ok) setText(formatAmount(parsed.value, decimals));
    onBlur?.();
  };
  const input = (
    <Input
      {...rest}
      value={text}
      inputMode="decimal"
      autoComplete="off"
      status={!inForm && error ? 'error' : undefined}
      onChange={(e) => change(e.target.value)}
      onBlur={blur}
      onPressEnter={onPressEnter}
      style={inForm ? style : { ...style, width: '100%' }}
    />
  );
  if (inForm) return input;
  return (
    <Flex vertical style={style}>
      {input}
      {error && (
        <Typography.Text type="danger" role="alert" style={{ fontSize: 12 }}>
          {error}
        </Typography.Text>
      )}
    </Flex>
  );
}
