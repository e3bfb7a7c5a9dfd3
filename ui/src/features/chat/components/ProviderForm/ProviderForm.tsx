import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { ProviderKind, ProviderSettings } from "../../../../lib/backend";
import { useSaveProvider } from "../../hooks/queries";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./ProviderForm.module.css";

/** What the form starts with: a preset, a blank custom provider, or the provider being edited. */
export interface ProviderDraft {
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  timeoutMs: number;
}

export interface ProviderFormProps {
  profileId: string;
  initial: ProviderDraft;
  /** The provider being edited; absent when adding. */
  existing?: ProviderSettings;
  /** Called with the provider as saved. */
  onDone: (saved: ProviderSettings) => void;
  onCancel: () => void;
}

const KINDS: ProviderKind[] = ["openAiCompatible", "anthropic"];

/**
 * Adds or edits a chat model provider. The API key field is never filled in: a saved key shows as
 * "A key is saved" with a way to remove it, and a typed key replaces it. The backend checks every
 * field and its message is shown as it is.
 */
export function ProviderForm({
  profileId,
  initial,
  existing,
  onDone,
  onCancel,
}: ProviderFormProps) {
  const t = useT();
  const id = useId();
  const save = useSaveProvider(profileId);
  const [name, setName] = useState(initial.name);
  const [kind, setKind] = useState<ProviderKind>(initial.kind);
  const [baseUrl, setBaseUrl] = useState(initial.baseUrl);
  const [model, setModel] = useState(initial.model);
  const [timeout, setTimeout_] = useState(String(initial.timeoutMs / 1000));
  const [apiKey, setApiKey] = useState("");
  const [clearKey, setClearKey] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const hasKey = existing?.hasKey === true;

  const changed = () => {
    setLocalError(null);
    if (save.isError) save.reset();
  };

  const field = (
    key: string,
    label: string,
    value: string,
    onChange: (value: string) => void,
    extra: { type?: string; hint?: string; inputMode?: "decimal"; autoComplete?: string } = {},
  ) => (
    <div className={sectionStyles.field}>
      <label htmlFor={`${id}-${key}`} className={sectionStyles.label}>
        {label}
      </label>
      <input
        id={`${id}-${key}`}
        className={sectionStyles.compactControl}
        type={extra.type ?? "text"}
        inputMode={extra.inputMode}
        autoComplete={extra.autoComplete ?? "off"}
        spellCheck={false}
        aria-describedby={extra.hint !== undefined ? `${id}-${key}-hint` : undefined}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          changed();
        }}
      />
      {extra.hint !== undefined ? (
        <p id={`${id}-${key}-hint`} className={sectionStyles.muted}>
          {extra.hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <form
      className={styles.form}
      // The backend checks the fields and says what is wrong in words; the browser's checks would not.
      noValidate
      aria-label={
        existing !== undefined ? t.chatSettings.editTitle(existing.name) : t.chatSettings.addTitle
      }
      onSubmit={(event) => {
        event.preventDefault();
        if (save.isPending) return;
        const seconds = Number(timeout.replace(",", "."));
        if (timeout.trim() === "" || !Number.isFinite(seconds)) {
          setLocalError(t.chatSettings.timeoutInvalid);
          return;
        }
        const key = apiKey.trim();
        save.mutate(
          {
            id: existing?.id ?? null,
            name,
            kind,
            baseUrl,
            model,
            timeoutMs: Math.round(seconds * 1000),
            apiKey: key === "" ? null : key,
            clearKey: key === "" && clearKey,
          },
          {
            onSuccess: (saved) => {
              onDone(saved);
            },
          },
        );
      }}
    >
      {field("name", t.chatSettings.name, name, setName)}
      <div className={sectionStyles.field}>
        <label htmlFor={`${id}-kind`} className={sectionStyles.label}>
          {t.chatSettings.kind}
        </label>
        <select
          id={`${id}-kind`}
          className={sectionStyles.compactControl}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ProviderKind);
            changed();
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t.chatSettings.kinds[k]}
            </option>
          ))}
        </select>
      </div>
      {field("url", t.chatSettings.baseUrl, baseUrl, setBaseUrl, {
        type: "url",
        hint: t.chatSettings.baseUrlHint,
      })}
      {field("model", t.chatSettings.model, model, setModel)}
      {field("timeout", t.chatSettings.timeout, timeout, setTimeout_, { inputMode: "decimal" })}
      {field("key", t.chatSettings.apiKey, apiKey, setApiKey, {
        type: "password",
        autoComplete: "new-password",
        hint: hasKey ? t.chatSettings.apiKeyNew : t.chatSettings.apiKeyHint,
      })}
      {hasKey ? (
        <div className={styles.key}>
          <p>{clearKey ? t.chatSettings.keyWillGo : t.chatSettings.keySaved}</p>
          <Button
            onClick={() => {
              setClearKey(!clearKey);
              changed();
            }}
          >
            {clearKey ? t.chatSettings.keepKey : t.chatSettings.removeKey}
          </Button>
        </div>
      ) : null}
      <InlineError error={localError ?? save.error} />
      <div className={styles.actions}>
        <Button onClick={onCancel}>{t.common.cancel}</Button>
        <Button type="submit" variant="primary" aria-busy={save.isPending}>
          {save.isPending ? t.chatSettings.saving : t.chatSettings.save}
        </Button>
      </div>
    </form>
  );
}
